from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic

from accounts.scoping import ScopedModelViewSet
from core.thai_dates import local_date
from courses.models import TRAINEE_CONTEXT_HOOK, TRAINEE_SERVED_HOOK, CoursePage, LessonPage
from learning import admin_views, views
from learning.forms import CohortForm
from learning.models import Cohort


@hooks.register(TRAINEE_CONTEXT_HOOK)
def add_trainee_context(page, request, context):
    """Course and lesson pages carry the trainee's enrolment and progress.

    Called from the pages' own get_context (Wagtail's normal serving path), so page privacy and
    every other serving rule run before it.
    """
    if isinstance(page, LessonPage):
        views.lesson_context(request, page, context)
    elif isinstance(page, CoursePage):
        views.course_context(request, page, context)


@hooks.register(TRAINEE_SERVED_HOOK)
def record_trainee_visit(page, request, context):
    if isinstance(page, LessonPage):
        views.record_lesson_visit(request, page, context)


@hooks.register("register_admin_urls")
def register_learning_admin_urls():
    return [path("learning/", include("learning.admin_urls", namespace="learning_admin"))]


@hooks.register("register_admin_menu_item")
def course_progress_menu_item():
    return MenuItem(
        _("Course progress"), reverse("learning_admin:progress_index"), icon_name="tasks", order=250
    )


class CourseProgressButton(PageMenuItem):
    label = _("Progress")
    icon_name = "tasks"

    @property
    def url(self):
        return reverse("learning_admin:course_progress", args=[self.page.pk])


@hooks.register("register_page_header_buttons")
def course_progress_header_button(page, user, view_name, next_url=None):
    if page.specific_class is CoursePage:
        yield CourseProgressButton(page=page, priority=50)


class EnrolColumn(Column):
    cell_template_name = "learning/admin/enrol_cell.html"

    def get_value(self, instance):
        return reverse("learning_admin:cohort_enrol", args=[instance.pk])


class CohortIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("course", "trainer")


class CohortViewSet(ScopedModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Training sessions")
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "learning/cohorts"
    name = "learning_cohort"
    index_view_class = CohortIndexView
    list_display = [
        "name",
        "course",
        Column(
            "starts_on",
            label=_("starts on"),
            accessor=lambda c: local_date(c.starts_on, short=True),
        ),
        Column("ends_on", label=_("ends on"), accessor=lambda c: local_date(c.ends_on, short=True)),
        "trainer",
        EnrolColumn("enrol", label=_("Trainees")),
    ]
    list_filter = ["course", "province_code"]
    search_fields = ["name"]
    ordering = ["-starts_on"]

    def get_form_class(self, for_update=False):
        return CohortForm

    def visible_objects(self, user):
        return admin_views.cohorts_visible_to(user)


@hooks.register("register_admin_viewset")
def register_cohort_viewset():
    return CohortViewSet()


@hooks.register("personal_data_export")
def export_learning_data(user):
    from learning.models import Enrolment, QuizAttempt

    enrolments = Enrolment.objects.filter(user=user).select_related("course")
    return {
        "enrolments": [
            {
                "course": e.course.title,
                "status": e.status,
                "enrolled_at": e.enrolled_at,
                "completed_at": e.completed_at,
                "lessons": list(e.progress.values("lesson__title", "started_at", "completed_at")),
            }
            for e in enrolments
        ],
        "quiz_attempts": list(
            QuizAttempt.objects.filter(enrolment__user=user).values(
                "lesson__title", "number", "score", "passed", "answers", "submitted_at"
            )
        ),
    }
