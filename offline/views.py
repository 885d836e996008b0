"""The installable app: web app manifest, the service worker, the offline page and course packages."""

from __future__ import annotations

import hashlib
import io
import json
import posixpath
import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from courses.models import CoursePage
from courses.tree import lets_in
from learning import services
from offline.packages import course_package

THEME_COLOUR = "#8a3b12"  # --brand in static/css/site.css
BACKGROUND_COLOUR = "#f6f3ee"  # --soft
ICONS = [
    ("offline/icons/icon-192.png", "192x192", "any"),
    ("offline/icons/icon-512.png", "512x512", "any"),
    ("offline/icons/maskable-512.png", "512x512", "maskable"),
]
# Pages kept for the last lessons a trainee opened, without saving the whole course.
RECENT_LESSONS = 10
# Paths the service worker never answers from or stores in a cache: the admin, the API, sign-in and
# account pages, and the worker itself.
NEVER_CACHED = ["/admin/", "/django-admin/", "/api/", "/accounts/", "/sw.js", "/healthz/"]
WORKER_SOURCE = Path(__file__).with_name("service_worker.js")
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


@require_GET
@cache_control(max_age=86400)
def web_app_manifest(request):
    """The web app manifest: Thai name, icons, colours and /learning/ as the start page."""
    manifest = {
        "name": _("SMART OTOP Learning"),
        "short_name": _("OTOP Learning"),
        "description": _("Online training of the SMART OTOP programme for community producers."),
        "lang": translation.get_language(),
        "dir": "ltr",
        "id": "/learning/",
        "start_url": reverse("learning:dashboard"),
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static(path), "sizes": sizes, "type": "image/png", "purpose": purpose}
            for path, sizes, purpose in ICONS
        ],
    }
    return HttpResponse(
        json.dumps(manifest, ensure_ascii=False), content_type="application/manifest+json"
    )


def _fonts_of(stylesheet: str) -> list[str]:
    """Static names of the fonts a stylesheet loads (so they are saved before they are first used)."""
    source = finders.find(stylesheet)
    if not source:
        return []
    with open(source, encoding="utf-8") as css:
        text = css.read()
    base = posixpath.dirname(stylesheet)
    names = []
    for url in _CSS_URL.findall(text):
        if url.startswith(("data:", "http:", "https:", "/")):
            continue
        names.append(posixpath.normpath(posixpath.join(base, url.split("?")[0].split("#")[0])))
    return names


def shell_urls() -> list[str]:
    """What the worker stores when it installs: styles, fonts, scripts, icons and the offline page."""
    names = [
        "css/site.css",
        "courses/courses.css",
        "offline/store.js",
        "offline/offline.js",
        *_fonts_of("css/site.css"),
        *(path for path, _sizes, _purpose in ICONS),
    ]
    offline_page = reverse("offline:page")
    return [
        *(static(name) for name in names),
        *(f"{offline_page}?lang={code}" for code, _name in settings.LANGUAGES),
        reverse("offline:manifest"),
    ]


@require_GET
@never_cache
def service_worker(request):
    """The service worker, from the site root so it controls every page; its caches are versioned.

    The version is a hash of the worker's code and of the shell it stores: any change installs a
    new worker, which replaces the old shell cache.
    """
    config = {
        "shell": shell_urls(),
        "storeScript": static("offline/store.js"),
        "offlinePage": reverse("offline:page"),
        "languages": [code for code, _name in settings.LANGUAGES],
        "never": NEVER_CACHED,
        "recentLessons": RECENT_LESSONS,
        "queueable": r"^/learning/lessons/\d+/(complete|quiz)/$",
    }
    body = WORKER_SOURCE.read_text(encoding="utf-8").replace("__CONFIG__", json.dumps(config))
    version = hashlib.sha256(body.encode()).hexdigest()[:12]
    body = body.replace("__VERSION__", version)
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


FAVICON_SIZES = [(16, 16), (32, 32), (48, 48)]


@lru_cache(maxsize=1)
def _favicon_bytes() -> bytes:
    from PIL import Image

    with Image.open(finders.find(ICONS[0][0])) as icon:
        output = io.BytesIO()
        icon.convert("RGBA").save(output, format="ICO", sizes=FAVICON_SIZES)
    return output.getvalue()


@require_GET
@cache_control(max_age=7 * 86400)
def favicon(request):
    """/favicon.ico, which browsers ask for on every site: the app icon at 16, 32 and 48 px."""
    return HttpResponse(_favicon_bytes(), content_type="image/x-icon")


@require_GET
@cache_control(no_cache=True)
def offline_page(request):
    """The page shown for a page not saved on the phone; lists what is (filled in by offline.js).

    It is stored in the worker's shell, shared by whoever uses the phone next, so it is rendered
    for nobody: no name, no session data.
    """
    code = request.GET.get("lang")
    if code not in dict(settings.LANGUAGES):
        code = translation.get_language()
    with translation.override(code):
        html = render_to_string("offline/offline.html", {"LANGUAGE_CODE": code})
    return HttpResponse(html)


@login_required
@require_GET
@never_cache
def package(request, course_id: int):
    """JSON list of what saving a course downloads (pages, pictures, handouts) with sizes."""
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    if services.enrolment_for(request.user, course.pk) is None or not lets_in(request, course):
        raise Http404
    return JsonResponse(course_package(course).as_json())
