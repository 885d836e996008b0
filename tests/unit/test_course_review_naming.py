"""A reviewer approving or sending back a page is told which course it is; the dashboard names it."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import TaskState

from courses.services import configure_catalogue, grant_course_to_trainer
from tests.factories.accounts import TrainerFactory
from tests.factories.courses import make_course
from tests.factories.producers import national_coordinator
from tests.factories.reports import admin_access

pytestmark = pytest.mark.django_db

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


@pytest.fixture
def lesson_in_review():
    course = make_course(lessons=2, modules=1, title="บรรจุภัณฑ์และฉลากสินค้า OTOP")
    configure_catalogue(course.get_parent().specific)
    trainer = admin_access(TrainerFactory(first_name="ประเสริฐ", last_name="ศรีสุข"))
    grant_course_to_trainer(course, trainer)
    lesson = list(course.lessons())[0].specific
    lesson.title = "ฉลากอาหารที่ถูกต้อง"
    lesson.save_revision(user=trainer)
    state = lesson.get_workflow().start(lesson, trainer)
    return course, lesson, state


def act(client, page, action: str, task_state, **data):
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, data, **XHR)


def messages_after(client) -> list[str]:
    with translation.override("th"):
        return [str(m) for m in client.get(reverse("wagtailadmin_home")).context["messages"]]


def test_approving_from_the_dashboard_says_which_lesson_of_which_course_went_live(
    client, lesson_in_review
):
    course, lesson, state = lesson_in_review
    client.force_login(admin_access(national_coordinator()))
    response = act(client, lesson, "approve", state.current_task_state)
    assert response.status_code == 200
    lesson.refresh_from_db()
    assert lesson.live
    shown = messages_after(client)
    assert any(lesson.title in m and course.title in m for m in shown), shown


def test_requesting_changes_names_the_course_and_leaves_the_page_unpublished(
    client, lesson_in_review
):
    course, lesson, state = lesson_in_review
    client.force_login(admin_access(national_coordinator()))
    act(client, lesson, "reject", state.current_task_state, comment="ใส่วันหมดอายุด้วย")
    assert TaskState.objects.get(pk=state.current_task_state.pk).status == "rejected"
    shown = messages_after(client)
    assert any(lesson.title in m and course.title in m for m in shown), shown


def test_the_waiting_for_you_panel_names_the_page_and_its_course(client, lesson_in_review):
    course, lesson, _state = lesson_in_review
    client.force_login(admin_access(national_coordinator()))
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = page.split('id="coordinator-tasks-heading"', 1)[1].split("</section>", 1)[0]
    assert "ฉลากอาหารที่ถูกต้อง" in panel and course.title in panel
    assert reverse("wagtailadmin_pages:edit", args=[lesson.pk]) in panel


def test_the_review_list_names_the_course_and_dates_in_the_buddhist_era(client, lesson_in_review):
    from django.utils import timezone

    course, lesson, _state = lesson_in_review
    client.force_login(admin_access(national_coordinator()))
    with translation.override("th"):
        page = client.get(reverse("wagtailadmin_reports:workflow")).content.decode()
    row = page.split(lesson.title, 1)[1].split("</tr>", 1)[0]
    assert f"ในหลักสูตร “{course.title}”" in row
    assert str(timezone.localdate().year + 543) in row
    assert str(timezone.localdate().year) + "," not in row  # not the Christian Era year


def test_approving_in_the_page_editor_also_names_the_course(rf, lesson_in_review):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from wagtail import hooks

    course, lesson, _state = lesson_in_review
    request = rf.post("/", {"action-workflow-action": "", "workflow-action-name": "approve"})
    request.session = {}
    request._messages = FallbackStorage(request)
    from courses.review_views import after_review_in_editor

    assert after_review_in_editor in hooks.get_hooks("after_edit_page")
    with translation.override("th"):
        after_review_in_editor(request, lesson)
    shown = [str(m).strip() for m in get_messages(request)]
    assert shown == [f"อนุมัติและเผยแพร่แล้ว: “{lesson.title}” ในหลักสูตร “{course.title}”"]
