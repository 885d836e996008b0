"""What Wagtail's JavaScript draws in the admin (sidebar, explorer, side panels, review actions) is Thai.

The server-side walk (tests/unit/test_admin_thai.py) reads the HTML; this reads what Chromium shows at
1366 px, for a trainer and for a coordinator reviewing the trainer's lesson.
"""

import re
from pathlib import Path

import pytest

from courses.services import configure_catalogue, grant_course_to_trainer
from tests.e2e.admin import sign_in_to_admin
from tests.factories.accounts import TrainerFactory
from tests.factories.courses import make_course
from tests.factories.producers import national_coordinator
from tests.factories.reports import admin_access

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
# What the issue found in English, and other words of the same screens.
ENGLISH = [
    "Autosave",
    "IN MODERATION",
    "In Moderation",
    "Awaiting",
    "Request changes",
    "Approve",
    "Filter by",
    "matches",
    "minutes",
    "ago",
    "Course review",
    "Coordinator approval",
    "Dashboard",
    "Pages",
    "Snippets",
    "Page explorer",
    "Workflow",
    "Comments",
    "Preview",
    "Status",
    "Save",
    "Publish",
    "Help",
    "Reports",
    "Search",
]
ALLOWED = {"OTOP", "SMART", "Wagtail", "English", "CSV", "XLSX", "PDF", "Enter"}  # Enter: the key


def english_left(text: str, data: list[str]) -> list[str]:
    for value in data:
        text = text.replace(value, " ")
    text = re.sub(r"\S+@\S+", " ", text)
    listed = [word for word in ENGLISH if re.search(rf"\b{word}\b", text)]
    words = [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in ALLOWED]
    return sorted(set(listed + words))


@pytest.fixture
def lesson_in_review(site_home):
    course = make_course(lessons=2, modules=1, title_en="OTOP packaging basics")
    configure_catalogue(course.get_parent().specific)
    trainer = admin_access(TrainerFactory(first_name="ประเสริฐ", last_name="ศรีสุข"))
    grant_course_to_trainer(course, trainer)
    lesson = list(course.lessons())[0].specific
    lesson.save_revision(user=trainer)
    lesson.get_workflow().start(lesson, trainer)
    coordinator = admin_access(national_coordinator(first_name="วันเพ็ญ", last_name="คำแก้ว"))
    return {"course": course, "lesson": lesson, "trainer": trainer, "coordinator": coordinator}


def _desktop(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="th-TH")
    page = context.new_page()
    page.set_default_timeout(20_000)
    return context, page


def _look(page, name: str, data: list[str]) -> list[str]:
    page.wait_for_load_state("networkidle")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"admin-thai-{name}.png"), full_page=False)
    return english_left(page.inner_text("body"), data)


@pytest.mark.parametrize("role", ["trainer", "coordinator"])
def test_admin_screens_drawn_by_javascript_are_thai(lesson_in_review, live_server, browser, role):
    world = lesson_in_review
    data = ["OTOP packaging basics", "SMART OTOP Learning"]
    context, page = _desktop(browser)
    sign_in_to_admin(page, live_server.url, world[role])
    found = {}

    found["dashboard"] = _look(page, f"{role}-dashboard", data)
    # Wagtail's scripts translate through Django's JavaScriptCatalog: the project's Thai wins.
    assert page.evaluate("() => django.gettext('Page explorer')") == "สำรวจหน้า"
    assert page.evaluate("() => django.gettext('Pages')") == "หน้า"

    page.goto(f"{live_server.url}/admin/pages/{world['lesson'].pk}/edit/")
    page.locator("[data-side-panel-toggle='status']").click()
    page.locator("[data-side-panel='status']").wait_for(state="visible")
    found["lesson status panel"] = _look(page, f"{role}-lesson-status", data)
    # The footer's more-actions menu: submit or, for a reviewer, approve / request changes.
    page.locator(
        "footer [data-w-dropdown-target='toggle'], footer .w-dropdown__toggle"
    ).last.click()
    found["lesson actions"] = _look(page, f"{role}-lesson-actions", data)
    page.keyboard.press("Escape")

    page.goto(f"{live_server.url}/admin/pages/{world['course'].pk}/")
    found["explorer listing"] = _look(page, f"{role}-explorer", data)
    page.get_by_role("button", name=re.compile("^หน้า")).first.click()
    page.locator(".c-page-explorer__item").first.wait_for(state="visible")
    found["sidebar page explorer"] = _look(page, f"{role}-sidebar-explorer", data)

    context.close()
    assert {where: words for where, words in found.items() if words} == {}
