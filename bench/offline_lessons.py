"""What saving the demo course for offline reading costs, and how fast a saved lesson opens.

Loads the Thai demo data (seed_demo) into a throwaway PostgreSQL database, serves the site on
127.0.0.1 from a thread, and drives Debian's Chromium (Playwright, 360 px phone) as the demo
trainee สมใจ:

1. taps "เก็บไว้อ่านออฟไลน์" on her packaging course and counts the bytes downloaded for it
   (counted by the server, headers included; no compression in front of it here) and the bytes
   the phone stored;
2. opens one lesson again and again, alternating: from the network (the worker passes it
   through) and from the saved copy (offline), and prints the median load time of each. With
   --slow the server itself behaves like a rural 3G link (400 ms round trip, 50 kB/s down) for
   the timed loads (DevTools throttling would not reach the service worker's own fetches).

    .venv/bin/python bench/offline_lessons.py [--rounds 15] [--slow]
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import django_on_fresh_database

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
LOAD_TIME = """() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return nav.loadEventEnd - nav.startTime;
}"""
SLOW_ROUND_TRIP = 0.4  # seconds
SLOW_BYTES_PER_SECOND = 50_000


class CountingApp:
    """Counts the response bytes (status line and headers included) the server sends while on."""

    def __init__(self, app):
        self.app, self.on, self.bytes, self.requests = app, False, 0, 0
        self.slow = False  # when set, answer like a rural 3G link

    def __call__(self, environ, start_response):
        if self.slow:
            time.sleep(SLOW_ROUND_TRIP)

        def counted_start(status, headers, exc_info=None):
            if self.on:
                self.requests += 1
                self.bytes += len(status) + sum(len(k) + len(v) + 4 for k, v in headers) + 13
            return start_response(status, headers, exc_info)

        for chunk in self.app(environ, counted_start):
            if self.on:
                self.bytes += len(chunk)
            if self.slow:
                time.sleep(len(chunk) / SLOW_BYTES_PER_SECOND)
            yield chunk


def serve() -> tuple[str, CountingApp]:
    """The site, its static files and its media on a free port of 127.0.0.1, from a thread."""
    from django.conf import settings
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application
    from django.views.static import serve as serve_file

    class MediaFilesHandler(StaticFilesHandler):
        def get_base_url(self):
            return settings.MEDIA_URL

        def serve(self, request):
            name = request.path[len(settings.MEDIA_URL) :]
            return serve_file(request, name, document_root=settings.MEDIA_ROOT)

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), Quiet)
    app = CountingApp(MediaFilesHandler(StaticFilesHandler(get_wsgi_application())))
    server.set_app(app)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", app


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--slow", action="store_true", help="throttle to a rural 3G link")
    args = parser.parse_args()
    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="otop-bench-media-")
    os.environ["SESSION_COOKIE_SECURE"] = os.environ["CSRF_COOKIE_SECURE"] = "false"
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    django_on_fresh_database("otop_bench_offline")
    from django.core.management import call_command

    call_command("seed_demo", force=True, verbosity=0)
    from accounts.models import User
    from learning.models import Enrolment

    trainee = User.objects.get(email="somjai@demo.otop.test")
    enrolment = Enrolment.objects.filter(user=trainee, status="active").select_related("course")[0]
    course = enrolment.course
    lessons = [lesson.url for lesson in course.lessons()]
    base, counter = serve()

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale="th-TH")
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(base + "/accounts/sign-in/")
        page.locator("#id_username").fill(trainee.email)
        page.locator("#id_password").fill("otop-demo-2569")
        page.locator("form.form button[type=submit]").click()
        page.wait_for_load_state()
        page.goto(base + course.url)
        page.wait_for_function(
            "async () => (await navigator.serviceWorker.getRegistration())?.active?.state"
            " === 'activated'"
        )
        if not page.evaluate("() => navigator.serviceWorker.controller !== null"):
            page.reload()
        estimate = page.locator(".offline-save [data-role=state]").inner_text()

        # Counted at the server: the worker's own fetches are invisible to the page's DevTools.
        counter.on = True
        page.get_by_role("button", name="เก็บไว้อ่านออฟไลน์").click()
        page.locator(".offline-save.is-saved").wait_for()
        counter.on = False
        stored = page.evaluate(
            """() => new Promise((resolve) => {
                const open = indexedDB.open("otop-offline", 1);
                open.onsuccess = () => {
                    const all = open.result.transaction("courses").objectStore("courses").getAll();
                    all.onsuccess = () => resolve(all.result[0]);
                };
            })"""
        )
        print(f"course              : {course.title} ({len(lessons)} lessons)")
        print(f"shown before saving : {estimate}")
        print(
            f"saving downloaded   : {counter.bytes / 1024:8.1f} KiB sent by the server "
            f"in {counter.requests} requests (package list, pages, pictures, handouts)"
        )
        print(f"stored on the phone : {stored['bytes'] / 1024:8.1f} KiB (response bodies)")

        # A lesson in the middle of the course; the worker's page cache is warm for both paths.
        lesson = base + lessons[len(lessons) // 2]
        counter.slow = args.slow
        network, cached = [], []
        for round_number in range(args.rounds + 1):
            order = ("network", "cache") if round_number % 2 == 0 else ("cache", "network")
            for path in order:
                context.set_offline(path == "cache")
                page.goto(lesson, wait_until="load")
                if round_number:  # round 0 warms both paths
                    (network if path == "network" else cached).append(page.evaluate(LOAD_TIME))
        context.set_offline(False)
        label = "rural 3G" if args.slow else "loopback"
        print(
            f"lesson from network : {statistics.median(network):8.1f} ms median "
            f"({label}, {args.rounds} loads)"
        )
        print(
            f"lesson from cache   : {statistics.median(cached):8.1f} ms median "
            f"(offline, {args.rounds} loads, interleaved)"
        )
        browser.close()


if __name__ == "__main__":
    main()
