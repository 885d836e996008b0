"""The installable app: manifest, service worker, offline page, course packages, cache policy, and
the JSON answers a phone gets when it sends what it queued offline."""

import json
import re
import uuid

import pytest
from django.urls import reverse
from PIL import Image as PILImage

from learning.models import LessonProgress, QuizAttempt
from offline import packages
from offline.views import ICONS
from tests.factories.accounts import TraineeFactory
from tests.factories.courses import make_course, publish
from tests.factories.learning import correct_answers, enrolled, wrong_answers
from tests.factories.media import make_document, make_image, media_body

pytestmark = pytest.mark.django_db

REPLAY = {"HTTP_X_OFFLINE_REPLAY": "1", "HTTP_ACCEPT": "application/json"}


def course_with_media(lessons=3, handout_bytes=20_000, **kwargs):
    course = make_course(lessons=lessons, modules=1, **kwargs)
    lesson = course.lessons().first()
    lesson.body = media_body(make_image(), make_document(size=handout_bytes))
    publish(lesson)
    return course


# Manifest and icons


def test_the_manifest_names_the_app_in_thai_and_starts_at_my_learning(client, home_page):
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "SMART OTOP เรียนรู้"
    assert manifest["short_name"] == "OTOP เรียนรู้"
    assert manifest["start_url"] == "/learning/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#8a3b12"
    purposes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= purposes


@pytest.mark.parametrize("path,sizes,purpose", ICONS)
def test_each_icon_is_a_png_of_its_stated_size(path, sizes, purpose):
    from django.contrib.staticfiles import finders

    with PILImage.open(finders.find(path)) as icon:
        assert icon.format == "PNG"
        assert f"{icon.width}x{icon.height}" == sizes
        if purpose == "maskable":  # fills its square: no transparent corner for the mask to show
            assert icon.convert("RGBA").getpixel((0, 0))[3] == 255


def test_every_page_links_the_manifest_and_loads_the_offline_script(client, home_page):
    html = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert "/static/offline/offline.js" in html
    assert '<meta name="otop-account" content="">' in html  # signed out


def test_the_account_key_differs_per_account_and_hides_the_id(client, home_page):
    keys = []
    for user in (TraineeFactory(), TraineeFactory()):
        client.force_login(user)
        html = client.get("/").content.decode()
        keys.append(re.search(r'name="otop-account" content="([0-9a-f]+)"', html)[1])
        assert keys[-1] != str(user.pk)
    assert keys[0] != keys[1]


# Service worker


def test_the_worker_is_served_from_the_root_with_a_versioned_cache(client, home_page):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    assert re.search(r'const VERSION = "([0-9a-f]{12})"', body)
    assert '"otop-shell-" + VERSION' in body
    config = json.loads(re.search(r"const CONFIG = (\{.*\});", body)[1])
    assert "/static/fonts/sarabun/Sarabun-Regular.woff2" in config["shell"]  # found in site.css
    assert "/static/fonts/sarabun/Sarabun-Bold.woff2" in config["shell"]
    assert not any(url.endswith(".ttf") for url in config["shell"])
    assert "/offline/?lang=th" in config["shell"]
    for prefix in ("/admin/", "/api/", "/accounts/", "/django-admin/"):
        assert prefix in config["never"]


def test_the_worker_version_changes_with_what_it_stores(client, home_page, monkeypatch):
    from offline import views

    first = re.search(r'VERSION = "(\w+)"', client.get("/sw.js").content.decode())[1]
    monkeypatch.setattr(views, "RECENT_LESSONS", 3)
    second = re.search(r'VERSION = "(\w+)"', client.get("/sw.js").content.decode())[1]
    assert first != second


def test_the_offline_page_is_rendered_for_nobody(client, home_page):
    user = TraineeFactory(first_name="บุญมี")
    client.force_login(user)
    response = client.get("/offline/?lang=th")
    html = response.content.decode()
    assert "ตอนนี้ออฟไลน์อยู่" in html
    assert "บุญมี" not in html and "csrfmiddlewaretoken" not in html
    assert 'name="otop-account"' not in html  # opening it never counts as a sign-out
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # no inline script
    assert "You are offline" in client.get("/offline/?lang=en").content.decode()


# Course packages


def test_a_package_lists_lessons_the_phone_size_picture_and_the_handout_with_sizes(
    client, home_page
):
    course = course_with_media(lessons=3)
    client.force_login(enrolled(course).user)
    package = client.get(reverse("offline:package", args=[course.pk])).json()
    kinds = [item["kind"] for item in package["items"]]
    assert kinds.count("page") == 4 and package["lessons"] == 3  # course page + 3 lessons
    image = next(item for item in package["items"] if item["kind"] == "image")
    # Of the lesson page's srcset, the width a 360 px phone at 2x picks.
    assert image["url"].endswith(".width-720.format-webp.webp")
    assert image["bytes"] > 0
    handout = next(item for item in package["items"] if item["kind"] == "handout")
    assert handout["url"].startswith("/documents/") and handout["bytes"] == 20_000
    assert package["bytes"] == sum(item["bytes"] for item in package["items"])
    lesson_html = client.get(course.lessons().first().url).content.decode()
    assert image["url"] in lesson_html and handout["url"] in lesson_html


def test_a_handout_over_the_limit_is_left_out_and_named(client, home_page, monkeypatch):
    monkeypatch.setattr(packages, "HANDOUT_MAX_BYTES", 10_000)
    course = course_with_media(lessons=1, handout_bytes=50_000)
    client.force_login(enrolled(course).user)
    package = client.get(reverse("offline:package", args=[course.pk])).json()
    assert [item["kind"] for item in package["skipped"]] == ["handout"]
    assert not any(item["kind"] == "handout" for item in package["items"])
    html = client.get(course.url).content.decode()
    assert "แบบตรวจฉลากสินค้า" in html  # named under the save button


def test_only_an_enrolled_trainee_gets_a_package(client, home_page):
    course = make_course(lessons=1)
    url = reverse("offline:package", args=[course.pk])
    assert client.get(url).status_code == 302  # to sign-in
    client.force_login(TraineeFactory())
    assert client.get(url).status_code == 404


def test_the_course_page_and_dashboard_offer_the_save_button_with_its_size(client, home_page):
    course = course_with_media(lessons=2)
    client.force_login(enrolled(course).user)
    for url in (course.url, reverse("learning:dashboard")):
        html = client.get(url).content.decode()
        assert "เก็บไว้อ่านออฟไลน์" in html
        assert f'data-offline-course="{course.pk}"' in html
        assert re.search(r"ต้องดาวน์โหลดประมาณ [\d.,]+\s*\S+: บทเรียน 2 บท รูปภาพ 1 รูป", html)


# What the worker may keep


def test_an_enrolled_lesson_is_marked_for_keeping_and_admin_and_api_are_not(client, home_page):
    course = make_course(lessons=1)
    client.force_login(enrolled(course).user)
    response = client.get(course.lessons().first().url)
    assert response["X-Offline-Keep"] == "lesson"
    assert response["X-Offline-Course"] == str(course.pk)
    assert client.get(course.url)["X-Offline-Keep"] == "course"
    assert client.get(reverse("learning:dashboard"))["X-Offline-Keep"] == "dashboard"
    for url in ("/admin/", "/api/v1/producers/", "/accounts/my-data/", "/"):
        assert "X-Offline-Keep" not in client.get(url)


def test_a_lesson_showing_a_quiz_result_is_never_stored(client, home_page):
    course = make_course(lessons=1, quiz_in_lesson=0)
    enrolment = enrolled(course)
    lesson = course.lessons().first()
    client.force_login(enrolment.user)
    client.post(
        reverse("learning:submit_quiz", args=[lesson.pk]),
        {
            "token": str(uuid.uuid4()),
            **{f"q-{k}": v for k, v in wrong_answers(lesson.get_quiz()).items()},
        },
    )
    response = client.get(lesson.url)
    assert "quiz-result" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "X-Offline-Keep" not in response


def test_the_offline_copy_of_a_lesson_records_nothing_and_leaves_the_result_out(client, home_page):
    course = make_course(lessons=2, quiz_in_lesson=1)
    enrolment = enrolled(course)
    first, second = course.lessons()
    client.force_login(enrolment.user)
    client.post(
        reverse("learning:submit_quiz", args=[second.pk]),
        {
            "token": str(uuid.uuid4()),
            **{f"q-{k}": v for k, v in wrong_answers(second.get_quiz()).items()},
        },
    )
    started_before = LessonProgress.objects.filter(enrolment=enrolment).count()
    response = client.get(first.url, HTTP_X_OFFLINE_COPY="1")
    assert response.status_code == 200
    copy = client.get(second.url, HTTP_X_OFFLINE_COPY="1")
    assert "quiz-result" not in copy.content.decode()
    assert 'name="token"' in copy.content.decode()  # the form is still there
    assert "no-store" not in copy.get("Cache-Control", "")
    assert LessonProgress.objects.filter(enrolment=enrolment).count() == started_before


# Replayed submissions


def test_a_replayed_completion_is_answered_in_json_and_counts_once(client, home_page):
    course = make_course(lessons=2)
    enrolment = enrolled(course)
    lesson = course.lessons().first()
    client.force_login(enrolment.user)
    url = reverse("learning:complete_lesson", args=[lesson.pk])
    answers = [client.post(url, **REPLAY) for _ in range(2)]
    for response in answers:
        assert response.status_code == 200
        body = response.json()
        assert body["accepted"] is True
        assert body["lesson"]["title"] == lesson.title
    assert answers[0].json()["message"] == "บันทึกว่าเรียนจบบทนี้แล้ว"
    assert (
        LessonProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False).count() == 1
    )


def test_a_replayed_completion_out_of_order_is_refused_with_the_reason(client, home_page):
    course = make_course(lessons=2, sequential=True)
    enrolment = enrolled(course)
    second = course.lessons()[1]
    client.force_login(enrolment.user)
    response = client.post(reverse("learning:complete_lesson", args=[second.pk]), **REPLAY)
    assert response.status_code == 409
    assert response.json()["accepted"] is False
    assert response.json()["message"] == "กรุณาเรียนบทก่อนหน้าให้จบก่อน"
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


def test_a_replayed_quiz_is_graded_once_whatever_the_number_of_replays(client, home_page):
    course = make_course(lessons=1, quiz_in_lesson=0)
    enrolment = enrolled(course)
    lesson = course.lessons().first()
    client.force_login(enrolment.user)
    form = {
        "token": str(uuid.uuid4()),
        **{f"q-{k}": v for k, v in correct_answers(lesson.get_quiz()).items()},
    }
    url = reverse("learning:submit_quiz", args=[lesson.pk])
    first, again = client.post(url, form, **REPLAY), client.post(url, form, **REPLAY)
    assert first.json() | {"message": ""} == {
        "accepted": True,
        "message": "",
        "lesson": {"title": lesson.title, "url": lesson.url},
        "score": 100,
        "passed": True,
        "outcome": "graded",
    }
    assert again.json()["outcome"] == "duplicate"
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 1


def test_a_replayed_quiz_over_the_attempt_limit_is_refused(client, home_page):
    course = make_course(lessons=1, quiz_in_lesson=0)
    enrolment = enrolled(course)
    lesson = course.lessons().first()
    client.force_login(enrolment.user)
    url = reverse("learning:submit_quiz", args=[lesson.pk])
    wrong = {f"q-{k}": v for k, v in wrong_answers(lesson.get_quiz()).items()}
    statuses = [
        client.post(url, {"token": str(uuid.uuid4()), **wrong}, **REPLAY).status_code
        for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 409]
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 3


def test_a_replay_without_a_session_is_sent_to_sign_in_not_answered(client, home_page):
    course = make_course(lessons=1)
    lesson = course.lessons().first()
    response = client.post(reverse("learning:complete_lesson", args=[lesson.pk]), **REPLAY)
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_a_replayed_completion_of_a_lesson_taken_down_meanwhile_is_refused(client, home_page):
    course = make_course(lessons=2)
    enrolment = enrolled(course)
    lesson = course.lessons().first()
    client.force_login(enrolment.user)
    lesson.unpublish()
    url = reverse("learning:complete_lesson", args=[lesson.pk])
    response = client.post(url, **REPLAY)
    assert response.status_code == 409
    assert response.json() == {"accepted": False, "message": "บทเรียนนี้ปิดไปแล้ว", "lesson": None}
    assert client.post(url).status_code == 404  # a form posted from the page: as before
