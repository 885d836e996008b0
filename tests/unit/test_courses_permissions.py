"""Trainers edit only their own course; publishing goes through the Course review workflow."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowState
from wagtail.test.utils.form_data import querydict_from_html

from courses.models import LessonPage, ModulePage
from courses.services import COURSE_REVIEW, grant_course_to_trainer
from tests.factories.accounts import CoordinatorFactory, TrainerFactory
from tests.factories.courses import body_form_data, make_catalogue, make_course, quiz_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_courses(home_page):
    make_catalogue()
    mine, theirs = make_course(lessons=2, modules=1), make_course(lessons=2, modules=1)
    me, other = TrainerFactory(), TrainerFactory()
    grant_course_to_trainer(mine, me)
    grant_course_to_trainer(theirs, other)
    return mine, theirs, me


def edit_form(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="page-edit-form").copy()


def test_grant_gives_add_and_change_but_not_publish_on_the_course_only(two_courses):
    mine, _theirs, me = two_courses
    group = Group.objects.get(name=f"Course editors: {mine.slug}")
    codenames = set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page"}
    assert set(GroupPagePermission.objects.filter(group=group).values_list("page", flat=True)) == {
        mine.pk
    }
    assert me.groups.filter(pk=group.pk).exists()
    grant_course_to_trainer(mine, me)  # idempotent
    assert GroupPagePermission.objects.filter(group=group).count() == 2


def test_trainer_can_open_their_own_lesson_but_not_another_trainers(client, two_courses):
    mine, theirs, me = two_courses
    client.force_login(me)
    my_lesson, their_lesson = mine.lessons().first(), theirs.lessons().first()

    assert client.get(reverse("wagtailadmin_pages:edit", args=[my_lesson.pk])).status_code == 200
    response = client.get(reverse("wagtailadmin_pages:edit", args=[their_lesson.pk]))
    assert response.status_code in (302, 403)
    add_url = reverse(
        "wagtailadmin_pages:add", args=["courses", "lessonpage", theirs.modules().first().pk]
    )
    assert client.get(add_url).status_code in (302, 403)


def test_trainer_cannot_change_another_trainers_course_by_posting(
    client, two_courses, admin_client
):
    mine, theirs, me = two_courses
    their_module = theirs.modules().first()
    data = edit_form(admin_client, their_module)
    data["title"] = "แก้โดยคนอื่น"
    client.force_login(me)

    response = client.post(reverse("wagtailadmin_pages:edit", args=[their_module.pk]), data)

    assert response.status_code in (302, 403)
    their_module.refresh_from_db()
    assert their_module.title != "แก้โดยคนอื่น"
    assert their_module.get_latest_revision().content["title"] != "แก้โดยคนอื่น"


def test_trainer_cannot_publish_even_their_own_course(client, two_courses):
    mine, _theirs, me = two_courses
    module = mine.modules().first()
    client.force_login(me)
    data = edit_form(client, module)
    data["title"] = "ส่วนที่แก้แล้ว"
    data["action-publish"] = "action-publish"

    client.post(reverse("wagtailadmin_pages:edit", args=[module.pk]), data)

    module = ModulePage.objects.get(pk=module.pk)
    assert module.title != "ส่วนที่แก้แล้ว"  # the live page did not change
    assert module.get_latest_revision().as_object().title == "ส่วนที่แก้แล้ว"  # a draft was kept


def test_trainer_submits_a_new_quiz_lesson_and_the_coordinator_approves_it_live(
    client, two_courses
):
    mine, _theirs, me = two_courses
    module = mine.modules().first()
    client.force_login(me)
    add_url = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", module.pk])
    form = querydict_from_html(
        client.get(add_url).content.decode(), form_id="page-edit-form"
    ).copy()
    form.update(
        {
            "title": "ทดสอบความรู้เรื่องฉลาก",
            "slug": "label-quiz",
            "summary": "แบบทดสอบสั้น ๆ",
            "estimated_minutes": "15",
            "is_required": "on",
            "action-submit": "Submit to Course review",
        }
    )
    for key, value in body_form_data(quiz_body()).items():
        form[key] = value

    response = client.post(add_url, form)

    assert response.status_code == 302, response.content.decode()[:3000]
    lesson = LessonPage.objects.get(slug="label-quiz")
    assert not lesson.live
    state = WorkflowState.objects.get(object_id=str(lesson.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == COURSE_REVIEW
    draft_quiz = lesson.get_latest_revision().as_object().get_quiz()
    assert [len(q.choices) for q in draft_quiz.questions] == [3, 3, 2]

    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    task_state = state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[lesson.pk, "approve", task_state.pk]
    )
    response = client.post(approve, {"comment": "เรียบร้อยดี"})
    assert response.status_code in (200, 302)

    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.live
    assert lesson.get_quiz() == draft_quiz  # ids kept from draft to live
    assert lesson.pk in {page.pk for page in mine.lessons()}
    client.logout()
    assert client.get(mine.url).content.decode().count("ทดสอบความรู้เรื่องฉลาก") == 1


def test_coordinator_requests_changes_and_the_lesson_stays_unpublished(client, two_courses):
    mine, _theirs, me = two_courses
    lesson = mine.lessons().first()
    client.force_login(me)
    data = edit_form(client, lesson)
    for key, value in body_form_data(quiz_body()).items():
        data[key] = value
    data["title"] = "บทที่แก้ไขรอตรวจ"
    data["action-submit"] = "submit"
    assert (
        client.post(reverse("wagtailadmin_pages:edit", args=[lesson.pk]), data).status_code == 302
    )

    state = WorkflowState.objects.get(object_id=str(lesson.pk))
    client.force_login(CoordinatorFactory())
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[lesson.pk, "reject", state.current_task_state.pk],
        ),
        {"comment": "เพิ่มรูปประกอบ"},
    )

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert LessonPage.objects.get(pk=lesson.pk).title != "บทที่แก้ไขรอตรวจ"


def test_only_coordinators_see_and_use_the_course_trainers_screen(client, two_courses):
    mine, _theirs, me = two_courses
    url = reverse("courses_admin:trainers", args=[mine.pk])
    client.force_login(me)
    assert client.get(url).status_code in (302, 403)

    newcomer = TrainerFactory()
    client.force_login(CoordinatorFactory())
    page = client.get(url)
    assert page.status_code == 200 and me.email in page.content.decode()
    client.post(url, {"trainer": newcomer.pk})
    assert newcomer.groups.filter(name=f"Course editors: {mine.slug}").exists()
    client.post(url, {"remove": me.pk})
    assert not me.groups.filter(name=f"Course editors: {mine.slug}").exists()


def test_course_pages_link_to_the_trainers_screen_for_coordinators_only(client, two_courses):
    mine, _theirs, me = two_courses
    link = reverse("courses_admin:trainers", args=[mine.pk])
    explore = reverse("wagtailadmin_explore", args=[mine.pk])

    client.force_login(CoordinatorFactory())
    assert link in client.get(explore).content.decode()
    client.force_login(me)
    assert link not in client.get(explore).content.decode()


def test_a_trainer_group_can_be_given_one_course(two_courses):
    from courses.services import grant_course_to_group

    mine, theirs, _me = two_courses
    team = Group.objects.create(name="วิทยากรจังหวัดลำพูน")
    member = TrainerFactory()
    member.groups.add(team)

    grant_course_to_group(theirs, team)

    assert theirs.permissions_for_user(member).can_edit()
    assert not theirs.permissions_for_user(member).can_publish()
    assert not mine.permissions_for_user(member).can_edit()


def test_trainer_can_open_their_course_settings_and_choose_a_category(client, two_courses):
    mine, _theirs, me = two_courses
    client.force_login(me)

    assert client.get(reverse("wagtailadmin_pages:edit", args=[mine.pk])).status_code == 200
    chooser = client.get("/admin/snippets/choose/courses/coursecategory/")
    assert chooser.status_code == 200
    assert "บรรจุภัณฑ์และการออกแบบ" in chooser.json()["html"]
