"""What trainers and coordinators see first on the admin dashboard: their courses, and what waits for them.

Each panel is a Wagtail `Component` added by the `construct_homepage_panels` hook, with a constant number
of queries (counts and one listing of the trainer's own courses).
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from accounts.services import is_coordinator
from certificates import selectors as certificate_selectors
from certificates.models import BulkReissue, Certificate
from core.jobs import JobStatus
from courses.models import CoursePage
from learning.models import Enrolment
from producers.models import Membership, Producer, ProducerImport
from producers.selectors import province_codes_for
from reports.models import ExportJob

STUCK_AFTER = datetime.timedelta(
    minutes=15
)  # a certificate still being prepared after this needs a look


def courses_edited_by(user):
    """Courses the user may change: a trainer's own courses (all of them for coordinators)."""
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return (
        CoursePage.objects.filter(pk__in=pages.type(CoursePage).values("pk"))
        .annotate(
            enrolled=Count("enrolments", distinct=True),
            completed=Count(
                "enrolments",
                filter=Q(enrolments__status=Enrolment.Status.COMPLETED),
                distinct=True,
            ),
        )
        .order_by("title")
    )


class MyCoursesPanel(Component):
    """A trainer's courses: status, trainees enrolled and finished, and the way into each."""

    name = "my_courses"
    order = 50
    template_name = "reports/admin/panels/my_courses.html"

    def __init__(self, courses):
        self.courses = courses

    def get_context_data(self, parent_context=None):
        in_review = set(
            WorkflowState.objects.active()
            .filter(
                base_content_type__model="page", object_id__in=[str(c.pk) for c in self.courses]
            )
            .values_list("object_id", flat=True)
        )
        return {
            "courses": [
                {
                    "page": course,
                    "in_review": str(course.pk) in in_review,
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[course.pk]),
                    "explore_url": reverse("wagtailadmin_explore", args=[course.pk]),
                    "progress_url": reverse("learning_admin:course_progress", args=[course.pk]),
                }
                for course in self.courses
            ]
        }


class CoordinatorTasksPanel(Component):
    """What waits for a coordinator: join requests, courses to review, stuck certificates, jobs."""

    name = "coordinator_tasks"
    order = 40
    template_name = "reports/admin/panels/coordinator_tasks.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        producers = Producer.objects.in_provinces(province_codes_for(self.user))
        stuck_since = timezone.now() - STUCK_AFTER
        certificates = certificate_selectors.visible_to(self.user)
        return {
            "join_requests": Membership.objects.filter(
                producer__in=producers, status=Membership.Status.REQUESTED
            ).count(),
            "join_requests_url": reverse("producer_memberships:index")
            + f"?status={Membership.Status.REQUESTED}",
            "reviews": WorkflowState.objects.active()
            .filter(base_content_type__model="page")
            .count(),
            "failed_certificates": certificates.filter(status=Certificate.Status.FAILED).count(),
            "failed_certificates_url": reverse("certificates_certificate:index")
            + f"?status={Certificate.Status.FAILED}",
            "stuck_certificates": certificates.filter(
                status=Certificate.Status.PENDING, created_at__lt=stuck_since
            ).count(),
            "certificates_url": reverse("certificates_certificate:index")
            + f"?status={Certificate.Status.PENDING}",
            "jobs": _running_jobs(self.user),
        }


def _running_jobs(user) -> list[dict]:
    """The user's background jobs that have not finished (imports, report downloads, reissues)."""
    unfinished = {"owner": user, "status__in": [JobStatus.QUEUED, JobStatus.RUNNING]}
    jobs = [
        {
            "label": _("Registry import: %(name)s") % {"name": record.original_name},
            "percent": record.percent,
            "url": reverse("producer_import:detail", args=[record.pk]),
        }
        for record in ProducerImport.objects.filter(**unfinished)
    ]
    jobs += [
        {
            "label": _("Report download: %(report)s (%(format)s)")
            % {"report": job.get_report_display(), "format": job.get_format_display()},
            "percent": job.percent,
            "url": reverse("otop_reports:download_detail", args=[job.pk]),
        }
        for job in ExportJob.objects.filter(**unfinished)
    ]
    jobs += [
        {
            "label": _("Reissue of certificates: %(course)s") % {"course": bulk.course.title},
            "percent": bulk.percent,
            "url": reverse("certificates_admin:bulk_progress", args=[bulk.pk]),
        }
        for bulk in BulkReissue.objects.filter(**unfinished).select_related("course")
    ]
    return jobs


def homepage_panels(request, panels: list) -> None:
    user = request.user
    if is_coordinator(user):
        panels.append(CoordinatorTasksPanel(user))
        return
    courses = list(courses_edited_by(user))
    if courses:
        panels.append(MyCoursesPanel(courses))
