"""Admin screens of the trainee side: course progress (trainers and coordinators) and cohort enrolment."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.services import is_coordinator
from courses.models import CoursePage
from learning import cohorts, invitations, placement, quiz_statistics, selectors
from learning.forms import CohortEnrolForm
from learning.models import Cohort, Enrolment, QuizAttempt


def cohorts_visible_to(user, cohorts=None):
    """Training sessions in the coordinator's provinces (all for a national coordinator)."""
    from producers.selectors import province_codes_for

    cohorts = Cohort.objects.all() if cohorts is None else cohorts
    codes = province_codes_for(user)
    return cohorts if codes is None else cohorts.filter(province_code__in=codes)


def enrolments_visible_to(user, enrolments):
    """A provincial coordinator sees the trainees whose home is in their provinces (learning.placement)."""
    if not is_coordinator(user) or user.is_superuser:
        return enrolments  # a trainer sees every trainee of a course they may edit
    return placement.enrolments_visible_to(user, enrolments)


def can_see_course_progress(user, course: CoursePage) -> bool:
    """Coordinators see every course; a trainer sees the courses they may edit."""
    return is_coordinator(user) or course.permissions_for_user(user).can_edit()


def courses_for(user) -> list[CoursePage]:
    courses = CoursePage.objects.order_by("title")
    return [course for course in courses if can_see_course_progress(user, course)]


def course_progress_index(request):
    courses = courses_for(request.user)
    counts = {
        row["course_id"]: row
        for row in Enrolment.objects.filter(course__in=courses)
        .values("course_id")
        .annotate(enrolled=Count("pk"), completed=Count("pk", filter=Q(status="completed")))
    }
    rows = [(course, counts.get(course.pk, {})) for course in courses]
    return TemplateResponse(request, "learning/admin/progress_index.html", {"rows": rows})


def course_progress(request, course_id: int):
    """Enrolled, started, completed, average quiz score, and each trainee's progress (read-only)."""
    course = get_object_or_404(CoursePage, pk=course_id)
    if not can_see_course_progress(request.user, course):
        raise PermissionDenied
    enrolments = enrolments_visible_to(request.user, Enrolment.objects.filter(course=course))
    summary = enrolments.aggregate(
        enrolled=Count("pk", distinct=True),
        started=Count("pk", filter=Q(progress__isnull=False), distinct=True),
        completed=Count("pk", filter=Q(status=Enrolment.Status.COMPLETED), distinct=True),
    )
    summary["average_score"] = QuizAttempt.objects.filter(enrolment__in=enrolments).aggregate(
        avg=Avg("score")
    )["avg"]
    trainees = selectors.with_progress(
        enrolments.select_related("user", "last_lesson").order_by("user__first_name", "pk")
    )
    page = Paginator(trainees, 50).get_page(request.GET.get("p"))
    for enrolment in page:
        enrolment.percent = selectors.percent(enrolment.done_count, enrolment.required_count)
    context = {"course": course, "summary": summary, "page_obj": page}
    return TemplateResponse(request, "learning/admin/course_progress.html", context)


def course_quiz_statistics(request, course_id: int):
    """Per quiz question and lesson, and where trainees stop, over the trainees the user may see."""
    course = get_object_or_404(CoursePage, pk=course_id)
    if not can_see_course_progress(request.user, course):
        raise PermissionDenied
    enrolments = enrolments_visible_to(request.user, Enrolment.objects.filter(course=course))
    context = {
        "course": course,
        "quizzes": quiz_statistics.quiz_statistics(course, enrolments),
        "stops": quiz_statistics.where_trainees_stop(course, enrolments),
        "progress_url": reverse("learning_admin:course_progress", args=[course.pk]),
    }
    return TemplateResponse(request, "learning/admin/quiz_statistics.html", context)


def cohort_enrol(request, cohort_id: int):
    """Enrol a training session's trainees in one step: existing users, or a CSV/XLSX of trainees."""
    if not is_coordinator(request.user):
        raise PermissionDenied
    cohort = get_object_or_404(
        cohorts_visible_to(request.user, Cohort.objects.select_related("course")), pk=cohort_id
    )
    form = CohortEnrolForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = cohorts.enrol_cohort(
            cohort,
            identifiers=form.cleaned_data["identifiers"],
            upload=form.cleaned_data["upload"],
            by=request.user,
        )
        if result.errors:
            messages.error(
                request, _("Nothing was imported: correct the rows below and try again.")
            )
        else:
            messages.success(
                request,
                _("%(enrolled)s trainees enrolled, %(invited)s invitations.")
                % {"enrolled": result.enrolled, "invited": len(result.invitations)},
            )
    context = {
        "cohort": cohort,
        "form": form,
        "result": result,
        "enrolments": cohort.enrolments.select_related("user").order_by("user__first_name")[:500],
        "invitations": [
            (invitation, invitations.masked(invitation.contact))
            for invitation in cohort.invitations.all()[:500]
        ],
        "index_url": reverse("learning_cohort:index"),
    }
    return TemplateResponse(request, "learning/admin/cohort_enrol.html", context)


@require_POST
def cohort_invitation_resend(request, cohort_id: int, invitation_id: int):
    """Send a training session's invitation again (a new link; the per-contact daily limit holds)."""
    if not is_coordinator(request.user):
        raise PermissionDenied
    cohort = get_object_or_404(cohorts_visible_to(request.user), pk=cohort_id)
    invitation = get_object_or_404(
        cohort.invitations.select_related("cohort__course"), pk=invitation_id
    )
    sending = invitations.send(invitation)
    label = f"{invitations.masked(invitation.contact)}: {invitations.sending_label(sending)}"
    if sending == invitations.Sending.SENT:
        messages.success(request, label)
    else:
        messages.error(request, label)
    return redirect("learning_admin:cohort_enrol", cohort.pk)
