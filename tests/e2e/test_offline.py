"""Offline use in Chromium: the app is installable, a saved course opens without a connection, what
is done offline reaches the server exactly once when it returns, and signing out forgets it all."""

from collections import Counter
from pathlib import Path

import pytest
from django.core.signals import request_started
from playwright.sync_api import expect

from learning.models import LessonProgress, QuizAttempt
from tests.e2e.conftest import CHROMIUM_ARGS
from tests.e2e.site_menu import open_menu
from tests.factories.courses import make_course, publish
from tests.factories.learning import enrolled
from tests.factories.media import make_document, make_image, media_body

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CONTROLLED = "() => navigator.serviceWorker.controller !== null"
CACHED_URLS = """async () => {
    const out = {};
    for (const name of await caches.keys()) {
        out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
    }
    return out;
}"""
STORED = """(name) => new Promise((resolve) => {
    const open = indexedDB.open("otop-offline", 1);
    open.onsuccess = () => {
        const all = open.result.transaction(name).objectStore(name).getAll();
        all.onsuccess = () => resolve(all.result);
    };
})"""


@pytest.fixture
def posts():
    """Counts the POST requests the live server receives, by path."""
    seen = Counter()

    def count(sender, environ, **kwargs):
        if environ["REQUEST_METHOD"] == "POST":
            seen[environ["PATH_INFO"]] += 1

    request_started.connect(count, dispatch_uid="offline-test-posts")
    yield seen
    request_started.disconnect(dispatch_uid="offline-test-posts")


def wait_until_controlled(page):
    """Wait for the worker to be active and to control the page.

    A page whose loading began before the worker activated is not claimed: it is reloaded.
    """
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function(
        "async () => (await navigator.serviceWorker.getRegistration()).active.state === 'activated'",
        timeout=20_000,
    )
    if not page.evaluate(CONTROLLED):
        page.reload()
    page.wait_for_function(CONTROLLED, timeout=20_000)


def _answer_correctly(page, quiz):
    for question in quiz.questions:
        for choice in question.choices:
            if choice.is_correct:
                page.locator(f'input[name="q-{question.id}"][value="{choice.id}"]').check()


def test_the_app_is_installable(site_home, live_server, playwright, tmp_path):
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path="/usr/bin/chromium",
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": 360, "height": 740},
    )
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        wait_until_controlled(page)
        cdp = context.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["errors"] == []
        assert manifest["url"].endswith("/manifest.webmanifest")
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        state = page.evaluate(
            "async () => (await navigator.serviceWorker.getRegistration()).active.state"
        )
        assert state == "activated"
    finally:
        context.close()


def test_a_saved_course_works_offline_and_progress_reaches_the_server_once(
    site_home, live_server, phone_page, sign_in, posts
):
    ARTIFACTS.mkdir(exist_ok=True)
    course = make_course(lessons=3, modules=1, quiz_in_lesson=2, title="ผ้าทอมือและบรรจุภัณฑ์")
    first = course.lessons().first()
    first.body = media_body(make_image(), make_document())
    publish(first)
    first, second, third = course.lessons()
    enrolment = enrolled(course)
    page = phone_page
    base = live_server.url

    sign_in(page, enrolment.user)
    page.goto(base + course.url)
    wait_until_controlled(page)
    page.get_by_role("button", name="เก็บไว้อ่านออฟไลน์").click()
    saved = page.locator(".offline-save.is-saved")
    expect(saved).to_contain_text("อยู่ในเครื่องนี้แล้ว: 3 บทเรียน")
    page.screenshot(path=str(ARTIFACTS / "offline-saved-360.png"), full_page=True)
    assert LessonProgress.objects.filter(enrolment=enrolment).count() == 0  # saving opens nothing

    # Admin, API and account pages pass the worker by and are never stored.
    page.goto(base + "/admin/")
    page.evaluate("fetch('/api/v1/producers/').then((r) => r.status)")
    page.goto(base + "/accounts/my-data/")

    page.context.set_offline(True)
    page.goto(base + second.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(second.title)
    page.goto(base + first.url)
    picture = page.locator(".lesson-figure img")
    expect(picture).to_be_visible()
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", picture.element_handle())
    assert page.evaluate("fetch(document.querySelector('a.button[download]').href).then(r => r.ok)")

    page.get_by_role("button", name="ทำเครื่องหมายว่าเรียนจบบทนี้").click()
    expect(page.locator("#offline-status")).to_contain_text("บันทึกไว้ในเครื่องแล้ว")
    expect(page.get_by_role("button", name="ทำเครื่องหมายว่าเรียนจบบทนี้")).to_be_disabled()
    page.goto(base + second.url)
    page.get_by_role("button", name="ทำเครื่องหมายว่าเรียนจบบทนี้").click()
    page.goto(base + third.url)
    _answer_correctly(page, third.get_quiz())
    page.get_by_role("button", name="ส่งคำตอบ").click()
    expect(page.locator("#offline-status")).to_contain_text("รอส่ง: 3 รายการ")
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()
    assert not QuizAttempt.objects.exists()

    page.goto(base + "/producers/mine/")  # never saved
    expect(page.get_by_role("heading", level=1)).to_have_text("ตอนนี้ออฟไลน์อยู่")
    expect(page.locator("#offline-saved")).to_contain_text(course.title)
    expect(page.locator("#offline-saved")).to_contain_text(second.title)
    page.screenshot(path=str(ARTIFACTS / "offline-page-360.png"), full_page=True)

    second.unpublish()  # meanwhile, the trainer takes the second lesson down
    page.context.set_offline(False)
    outcomes = page.locator(".offline-outcomes")
    expect(outcomes.locator("li")).to_have_count(3, timeout=20_000)
    expect(outcomes.locator("li").nth(0)).to_contain_text("ระบบรับแล้ว")
    expect(outcomes.locator("li").nth(1)).to_contain_text("ระบบไม่รับ")
    expect(outcomes.locator("li").nth(1)).to_contain_text(f"{second.title}: บทเรียนนี้ปิดไปแล้ว")
    expect(outcomes.locator("li").nth(2)).to_contain_text("ท่านทำแบบทดสอบผ่าน ได้ 100%")
    page.screenshot(path=str(ARTIFACTS / "offline-sent-360.png"), full_page=True)
    page.reload()  # the page load asks to send again: nothing is left to send
    page.wait_for_timeout(1500)
    completed = LessonProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False)
    assert set(completed.values_list("lesson_id", flat=True)) == {first.pk, third.pk}
    assert QuizAttempt.objects.filter(enrolment=enrolment, passed=True).count() == 1
    assert posts[f"/learning/lessons/{first.pk}/complete/"] == 1
    assert posts[f"/learning/lessons/{second.pk}/complete/"] == 1
    assert posts[f"/learning/lessons/{third.pk}/quiz/"] == 1

    cached = page.evaluate(CACHED_URLS)
    every_url = [url for urls in cached.values() for url in urls]
    assert second.url in cached[f"otop-course-{course.pk}"]
    assert not [u for u in every_url if u.startswith(("/admin/", "/api/", "/accounts/"))]
    assert not any(third.url == u for u in cached.get("otop-recent", []))  # shows a quiz result

    page.goto(base + "/learning/")
    open_menu(page)
    page.get_by_role("button", name="ออกจากระบบ").click()
    page.wait_for_url(base + "/")
    assert list(page.evaluate(CACHED_URLS)) == [n for n in cached if n.startswith("otop-shell-")]
    assert page.evaluate(STORED, "courses") == []
    assert page.evaluate(STORED, "queue") == []
    page.context.set_offline(True)
    page.goto(base + second.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("ตอนนี้ออฟไลน์อยู่")
    expect(page.locator("#offline-nothing")).to_be_visible()
    page.context.set_offline(False)


def test_the_last_lessons_opened_are_kept_without_saving_the_course(
    site_home, live_server, phone_page, sign_in
):
    course = make_course(lessons=2, modules=1, title="การย้อมผ้าด้วยสีธรรมชาติ")
    first, second = course.lessons()
    enrolment = enrolled(course)
    page = phone_page
    sign_in(page, enrolment.user)
    page.goto(live_server.url + course.url)
    wait_until_controlled(page)
    page.goto(live_server.url + first.url)  # read online, never saved

    page.context.set_offline(True)
    page.goto(live_server.url + first.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(first.title)
    page.goto(live_server.url + second.url)  # never opened
    expect(page.get_by_role("heading", level=1)).to_have_text("ตอนนี้ออฟไลน์อยู่")
    expect(page.locator("#offline-recent")).to_contain_text(first.title)
    expect(page.locator("#offline-recent")).not_to_contain_text(second.title)
    page.context.set_offline(False)
