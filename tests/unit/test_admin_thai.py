"""The Wagtail admin speaks Thai to trainers and coordinators.

A walk of the admin as each role (signed in, Thai is the server language) follows the links of the
dashboard and the sidebar, opens the pages each role works in, and fails on any English word left in
what a person sees or hears: text, title/aria-label/placeholder attributes and the sidebar's JSON labels.
Words that are names, codes or English data (the "(English)" fields) are allowed, nothing else.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.apps import apps as django_apps
from django.conf import settings
from django.db import models
from django.test import Client
from django.utils import timezone, translation
from django.utils.timesince import timesince
from django.utils.translation import gettext, ngettext
from wagtail.models import GroupApprovalTask, Page, Site, Workflow, WorkflowPage

from accounts.models import User
from courses.services import COORDINATOR_APPROVAL, COURSE_REVIEW, configure_catalogue
from tests.factories.accounts import TraineeFactory, TrainerFactory
from tests.factories.courses import make_course
from tests.factories.producers import ProducerFactory, national_coordinator, provincial_coordinator
from tests.factories.reports import admin_access, cohort
from tests.factories.selection import certificate_for, make_round

# Names and codes that stay as they are in a Thai admin.
ALLOWED_WORDS = {
    "OTOP",
    "Enter",  # the key, named as printed on it (drag-and-drop hint of the explorer)
    "SMART",
    "SME",
    "CSV",
    "XLSX",
    "PDF",
    "QR",
    "URL",
    "Excel",
    "TIS",  # CSV (TIS-620), the Thai Windows encoding
    "SHA",  # SHA-256 fingerprint of a certificate
    "GMP",  # a standard's name
    "MB",
    "GIF",
    "JPG",
    "JPEG",
    "PNG",
    "WEBP",
    "Wagtail",
    "GeoThai",  # the address data's name, credited with its licence
    "UTF",  # UTF-8, a file encoding
    "English",  # the language switch
    "ID",  # Django labels every automatic primary key "ID", untranslatable
}
CODES = [
    re.compile(r"\S+@\S+"),  # emails
    re.compile(r"https?://\S+|(?<!\w)/[\w/.\-]*"),  # addresses and paths
    re.compile(r"\bOTOP-\d{4}-[A-Z0-9-]+"),  # certificate codes
    re.compile(r"\bCC BY(?:-SA)? \d\.\d\b"),  # a licence
    re.compile(r"\b[0-9a-f]{16,}\b"),  # fingerprints
    re.compile(r"\b[a-z0-9]+(?:[-_.][a-z0-9]+)+\b"),  # slugs, category codes, app.model
    re.compile(r"\S+\.(?:pdf|csv|xlsx|png|jpe?g|svg)\b", re.IGNORECASE),  # file names
]
WORD = re.compile(r"[A-Za-z]{2,}")
ATTRIBUTES = (
    "title",
    "aria-label",
    "placeholder",
    "alt",
    "aria-description",
    "data-w-tooltip-content-value",  # tooltips
)
JSON_LABELS = ("label", "title", "description", "ariaLabel", "helpText")
# Not pages a person reads: downloads, state-changing or per-revision endpoints, sign-out.
SKIP = re.compile(
    r"logout|/delete|/unpublish|/revisions/|/compare|/preview|/copy|/move|/lock|/unlock"
    r"|/bulk/|/usage/|jsi18n|export=|/download|\.(?:pdf|csv|xlsx)$|/chooser/"
)
MAX_PAGES = 45


def english_data() -> list[str]:
    """English stored as data: values of the project's "(English)" fields, and the site's name."""
    values = {settings.WAGTAIL_SITE_NAME, *Site.objects.values_list("site_name", flat=True)}
    for model in django_apps.get_models():
        if model._meta.app_label not in {app.split(".")[0] for app in settings.INSTALLED_APPS[:9]}:
            continue
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if f.name.endswith("_en") and isinstance(f, (models.CharField, models.TextField))
        ]
        for name in fields:
            values.update(model.objects.exclude(**{name: ""}).values_list(name, flat=True))
    return sorted((v for v in values if v), key=len, reverse=True)


def seen_texts(html: str) -> list[tuple[str, str]]:
    """(where, text) for what a person sees or hears on an admin page, sidebar labels included."""
    soup = BeautifulSoup(html, "html.parser")
    found = json_labels(soup)
    drop_unseen(soup)
    found += [("text", text) for text in soup.stripped_strings]
    for element in soup.find_all(True):
        for attribute in ATTRIBUTES:
            if element.get(attribute):
                found.append((attribute, element[attribute]))
    return found


def json_labels(soup) -> list[tuple[str, str]]:
    """The labels inside the page's JSON props (Wagtail renders its sidebar from them)."""
    found = []
    for script in soup.find_all("script", type="application/json"):
        try:
            stack = [json.loads(script.get_text())]
        except ValueError:
            continue
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                for key, value in item.items():
                    if key in JSON_LABELS and isinstance(value, str):
                        found.append(("json " + key, value))
                    else:
                        stack.append(value)
            elif isinstance(item, list):
                stack.extend(item)
    return found


def drop_unseen(soup) -> None:
    """Remove what no one sees or hears: scripts, styles, hidden elements, time zone names."""
    for tag in soup.find_all(["script", "style", "template", "svg", "noscript"]):
        if not tag.decomposed:
            tag.decompose()
    for tag in soup.find_all(hidden=True):
        if not tag.decomposed:
            tag.decompose()
    for select in soup.find_all("select"):
        if "time_zone" in (select.get("name") or ""):
            select.decompose()  # IANA zone names (Asia/Bangkok) are identifiers


def english_words(text: str, data: list[str]) -> list[str]:
    for value in data:
        text = text.replace(value, " ")
    for code in CODES:
        text = code.sub(" ", text)
    return [word for word in WORD.findall(text) if word not in ALLOWED_WORDS]


def admin_links(html: str) -> set[str]:
    links = set(re.findall(r'"url": ?"(/admin/[^"#]*)"', html))
    for anchor in BeautifulSoup(html, "html.parser").find_all("a", href=True):
        href = anchor["href"].split("#")[0]
        if href.startswith("/admin/"):
            links.add(href)
    return links


def shape(url: str) -> str:
    """One visit per kind of page: ids and query strings do not make a new kind."""
    return re.sub(r"/\d+/", "/N/", urlsplit(url).path)


def walk_admin(user, start: list[str]) -> tuple[dict[str, int], dict[str, list]]:
    """Open `start` and every admin page linked from them (one per kind), as `user`.

    Returns the status of each page opened and, per English text found, where it was found.
    """
    client = Client()
    client.force_login(user)
    data = english_data()
    queue, statuses, shapes = list(start), {}, set()
    english = defaultdict(list)
    while queue and len(statuses) < MAX_PAGES:
        url = queue.pop(0)
        if url in statuses or SKIP.search(url):
            continue
        if url not in start and shape(url) in shapes:
            continue
        shapes.add(shape(url))
        response = client.get(url)
        statuses[url] = response.status_code
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for where, text in seen_texts(html):
            words = english_words(text, data)
            if words:
                english[f"{text[:90]!r} ({where})"].append(url)
        queue += sorted(admin_links(html) - set(statuses))
    return statuses, english


@pytest.fixture
def admin_world(db):
    """Demo-like data: a course with a lesson in review, a trainer, both kinds of coordinator."""
    course = make_course(lessons=3, modules=1, title_en="OTOP packaging basics")
    catalogue = course.get_parent().specific
    configure_catalogue(catalogue)
    trainer = admin_access(TrainerFactory(first_name="ประเสริฐ", last_name="ศรีสุข"))
    from courses.services import grant_course_to_trainer

    grant_course_to_trainer(course, trainer)
    provincial = admin_access(provincial_coordinator("51", first_name="ธนากร"))
    national = admin_access(national_coordinator(first_name="วันเพ็ญ"))
    lesson = list(course.lessons())[0].specific
    lesson.title = "ฉลากอาหารที่ถูกต้อง (ฉบับปรับปรุง)"
    lesson.save_revision(user=trainer)
    workflow_state = lesson.get_workflow().start(lesson, trainer)
    producer = ProducerFactory()
    trainee = TraineeFactory()
    certificate_for(trainee, course, producer=producer)
    make_round()
    cohort(course)
    return {
        "course": course,
        "lesson": lesson,
        "workflow_state": workflow_state,
        "trainer": trainer,
        "provincial": provincial,
        "national": national,
    }


def _start_pages(world) -> list[str]:
    lesson, course = world["lesson"], world["course"]
    return [
        "/admin/",
        f"/admin/pages/{lesson.pk}/edit/",
        f"/admin/pages/{course.pk}/",
        f"/admin/pages/{lesson.pk}/workflow_history/",
        "/admin/reports/workflow/",
    ]


COORDINATOR_PAGES = [
    "/admin/certificates_certificate/",
    "/admin/producers/producers/",
    "/admin/producers/producers/?province=51",
    "/admin/otop-reports/summary/",
    "/admin/otop-reports/completion/",
    "/admin/selection/rounds/",
    "/admin/learning/cohorts/",
]


@pytest.mark.parametrize("role", ["trainer", "provincial", "national"])
def test_admin_walk_shows_no_english_on_thai_pages(admin_world, role):
    start = _start_pages(admin_world) + ([] if role == "trainer" else COORDINATOR_PAGES)
    statuses, english = walk_admin(admin_world[role], start)

    assert all(statuses.get(url) == 200 for url in start), {u: statuses.get(u) for u in start}
    assert len(statuses) >= 15, f"the walk reached only {sorted(statuses)}"
    assert dict(english) == {}, "English left in the Thai admin:\n" + "\n".join(
        f"{text} at {urls[0]}" for text, urls in sorted(english.items())
    )


def test_the_walk_would_catch_an_untranslated_string():
    """The checker itself: an English label fails, names, codes and English data do not."""
    html = (
        '<html><body><h1>หลักสูตร</h1><button aria-label="Toggle side panel"></button>'
        "<p>OTOP-2569-AB12-CD34 · somjai@example.org · OTOP packaging basics</p>"
        '<script type="application/json">{"menu": [{"label": "Snippets", "url": "/admin/s/"}]}'
        "</script><div hidden>None</div></body></html>"
    )
    flagged = [
        text for _where, text in seen_texts(html) if english_words(text, ["OTOP packaging basics"])
    ]
    assert flagged == ["Snippets", "Toggle side panel"]


def test_the_lesson_in_review_shows_thai_workflow_and_review_actions(admin_world):
    """What the issue saw in English: the moderation status, the task name and the reviewer's actions."""
    client = Client()
    client.force_login(admin_world["national"])
    lesson = admin_world["lesson"]
    html = client.get(f"/admin/pages/{lesson.pk}/edit/").content.decode()
    assert "รอตรวจ" in html  # In Moderation
    assert "อนุมัติโดยผู้ประสานงาน" in html  # the task, stored in Thai
    for english in ("In Moderation", "Approve with comment", "Request changes", "Coordinator"):
        assert english not in html
    assert "ขอให้แก้ไข" in html and "อนุมัติพร้อมความเห็น" in html

    dashboard = client.get("/admin/").content.decode()
    assert "รอท่านตรวจ" in dashboard  # Awaiting your review

    client.force_login(admin_world["trainer"])
    dashboard = client.get("/admin/").content.decode()
    assert "รอ" in dashboard and "อนุมัติโดยผู้ประสานงาน" in dashboard
    assert "Awaiting" not in dashboard


def test_submit_for_review_names_the_thai_workflow(db):
    course = make_course(lessons=1, modules=1)
    configure_catalogue(course.get_parent().specific)
    trainer = admin_access(TrainerFactory())
    from courses.services import grant_course_to_trainer

    grant_course_to_trainer(course, trainer)
    client = Client()
    client.force_login(trainer)
    lesson = list(course.lessons())[0]
    html = client.get(f"/admin/pages/{lesson.pk}/edit/").content.decode()
    assert "ส่งเข้าตรวจหลักสูตร" in html
    assert "Course review" not in html


def test_page_title_field_is_not_read_as_a_persons_title(admin_world):
    """accounts' "title" (คำนำหน้าชื่อ) has a context; Wagtail's page title keeps its own word."""
    with translation.override("th"):
        assert str(Page._meta.get_field("title").verbose_name) == "ชื่อเรื่อง"
        assert str(User._meta.get_field("title").verbose_name) == "คำนำหน้าชื่อ"
    client = Client()
    client.force_login(admin_world["trainer"])
    html = client.get(f"/admin/pages/{admin_world['lesson'].pk}/edit/").content.decode()
    label = BeautifulSoup(html, "html.parser").find("label", attrs={"for": "id_title"})
    assert label is not None and "คำนำหน้าชื่อ" not in label.get_text()


@pytest.mark.parametrize(
    "english, thai",
    [
        ("The page could not be created due to validation errors.", "สร้างหน้าไม่สำเร็จ"),
        ("Autosave is paused", "หยุดบันทึกอัตโนมัติชั่วคราว"),
        ("In Moderation", "รอตรวจ"),
        ("Request changes", "ขอให้แก้ไข"),
        ("Approve", "อนุมัติ"),
        ("Approve with comment", "อนุมัติพร้อมความเห็น"),
        ("Filter by", "กรองตาม"),
        ("Pages", "หน้า"),
        ("Snippets", "ข้อมูลอ้างอิง"),
        ("Your password can’t be entirely numeric.", "รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด"),
    ],
)
def test_strings_from_the_issue_are_thai(english, thai):
    with translation.override("th"):
        assert gettext(english).startswith(thai)


def test_counts_and_times_read_in_thai():
    with translation.override("th"):
        assert ngettext("There is %(counter)s match", "There are %(counter)s matches", 2) % {
            "counter": 2
        } == ("พบ 2 รายการ")
        nine_minutes_ago = timezone.now() - dt.timedelta(minutes=9, seconds=5)
        assert timesince(nine_minutes_ago) == "9\xa0นาที"


def test_wagtail_javascript_catalogue_carries_the_project_thai(admin_world):
    """Wagtail's JS strings come from JavaScriptCatalog (djangojs); LOCALE_PATHS overrides them."""
    client = Client()
    client.force_login(admin_world["trainer"])
    script = client.get("/admin/jsi18n/").content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert catalogue["Page explorer"] == "สำรวจหน้า"
    assert catalogue["Pages"] == "หน้า"  # Wagtail's own Thai says หลายหน้า


def _migration():
    return importlib.import_module("courses.migrations.0004_thai_workflow_names")


def test_migration_renames_the_english_workflow_and_task(db):
    Workflow.objects.filter(name=COURSE_REVIEW).delete()
    GroupApprovalTask.objects.filter(name=COORDINATOR_APPROVAL).delete()
    workflow = Workflow.objects.create(name="Course review")
    task = GroupApprovalTask.objects.create(name="Coordinator approval")

    _migration().to_thai(django_apps, None)

    workflow.refresh_from_db()
    task.refresh_from_db()
    assert (workflow.name, task.name) == ("ตรวจหลักสูตร", "อนุมัติโดยผู้ประสานงาน")
    _migration().to_english(django_apps, None)
    workflow.refresh_from_db()
    assert workflow.name == "Course review"


def test_catalogue_setup_reuses_the_renamed_workflow(db):
    course = make_course(lessons=1, modules=1)
    catalogue = course.get_parent().specific
    configure_catalogue(catalogue)
    configure_catalogue(catalogue)
    assert Workflow.objects.filter(name=COURSE_REVIEW).count() == 1
    assert not Workflow.objects.filter(name="Course review").exists()
    assert WorkflowPage.objects.get(page=catalogue).workflow.name == "ตรวจหลักสูตร"


def test_project_wide_thai_does_not_change_an_apps_own_words():
    """LOCALE_PATHS beats every app catalogue: an override of Wagtail's "Next" would also rename the
    lesson page's "บทถัดไป". Where a msgid is in both, the words must agree (or the app needs a context).
    """
    import polib

    root = settings.LOCALE_PATHS[0] / "th" / "LC_MESSAGES" / "django.po"
    overrides = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0)
        for e in polib.pofile(str(root))
        if (e.tcomment or "").startswith("Overrides ")  # the entries that complete Wagtail/Django
    }
    disagreements = []
    for app_config in django_apps.get_app_configs():
        path = Path(app_config.path) / "locale" / "th" / "LC_MESSAGES" / "django.po"
        if "site-packages" in path.parts or not path.exists():
            continue
        for entry in polib.pofile(str(path)):
            ours = overrides.get((entry.msgctxt, entry.msgid))
            theirs = entry.msgstr or entry.msgstr_plural.get(0)
            if ours is not None and ours != theirs:
                disagreements.append((app_config.label, entry.msgid, theirs, ours))
    assert disagreements == []
