"""Commands that change the course tree's permissions and workflow."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from accounts.models import User
from accounts.services import COORDINATORS, TRAINERS

# Stored names are what the admin shows ("รออนุมัติโดยผู้ประสานงาน"); courses 0004 renamed old rows.
COURSE_REVIEW = "ตรวจหลักสูตร"
COORDINATOR_APPROVAL = "อนุมัติโดยผู้ประสานงาน"
# Trainers draft and submit; only coordinators publish (through the workflow).
TRAINER_PAGE_PERMISSIONS = ("add_page", "change_page")
COORDINATOR_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
)
CATALOGUE_URL_CACHE_KEY = "courses:catalogue-url"


def _page_permissions(codenames) -> list[Permission]:
    return list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        ).order_by("codename")
    )


def _grant_pages(group: Group, page: Page, codenames) -> None:
    for permission in _page_permissions(codenames):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def course_review_workflow() -> Workflow:
    """The "Course review" workflow: one approval task for the Coordinators group."""
    coordinators, _created = Group.objects.get_or_create(name=COORDINATORS)
    workflow, _created = Workflow.objects.get_or_create(
        name=COURSE_REVIEW, defaults={"active": True}
    )
    task = GroupApprovalTask.objects.filter(name=COORDINATOR_APPROVAL).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=COORDINATOR_APPROVAL)
        task.groups.add(coordinators)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


@transaction.atomic
def configure_catalogue(catalogue: Page) -> None:
    """Coordinators manage and publish the catalogue subtree; its pages go through Course review.

    Idempotent; called when the catalogue is created and by the demo seed.
    """
    coordinators, _created = Group.objects.get_or_create(name=COORDINATORS)
    _grant_pages(coordinators, catalogue, COORDINATOR_PAGE_PERMISSIONS)
    WorkflowPage.objects.update_or_create(
        page=catalogue, defaults={"workflow": course_review_workflow()}
    )


def course_editors_group_name(course) -> str:
    return f"Course editors: {course.slug}"


def course_editors_group(course) -> Group:
    """The group holding edit rights on one course's subtree (found by its permission, then name)."""
    existing = (
        Group.objects.filter(
            name__startswith="Course editors: ",
            page_permissions__page=course,
        )
        .distinct()
        .first()
    )
    if existing:
        return existing
    group, _created = Group.objects.get_or_create(name=course_editors_group_name(course))
    _grant_pages(group, course, TRAINER_PAGE_PERMISSIONS)
    return group


@transaction.atomic
def grant_course_to_trainer(course, user: User) -> Group:
    """Let `user` add and edit pages in `course` (and nothing else); publishing stays with review.

    The user also joins the Trainers group (admin access, images and documents). Idempotent.
    """
    group = course_editors_group(course)
    user.groups.add(group, Group.objects.get_or_create(name=TRAINERS)[0])
    return group


@transaction.atomic
def grant_course_to_group(course, group: Group) -> None:
    """Let a whole group of trainers add and edit pages in `course` (no publishing). Idempotent."""
    _grant_pages(group, course, TRAINER_PAGE_PERMISSIONS)


@transaction.atomic
def revoke_course_from_trainer(course, user: User) -> None:
    """Take away a trainer's edit rights on one course (their other courses are untouched)."""
    user.groups.remove(course_editors_group(course))


def course_trainers(course):
    """Users who may edit this course through its editors group."""
    return User.objects.filter(groups=course_editors_group(course)).order_by("first_name", "email")


def forget_catalogue_url(**kwargs) -> None:
    """Drop the cached catalogue URL (after a publish, unpublish, move or delete)."""
    cache.delete(CATALOGUE_URL_CACHE_KEY)
