from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.models import CourseCategory, CoursePage
from courses.review_views import after_review_in_editor


class CourseCategoryViewSet(SnippetViewSet):
    model = CourseCategory
    icon = "tag"
    menu_label = _("Course categories")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "name_en", "code"]
    ordering = ["sort_order", "name"]
    search_fields = ["name", "name_en", "code"]


register_snippet(CourseCategoryViewSet)


@hooks.register("register_admin_urls")
def register_course_admin_urls():
    return [path("courses/", include("courses.admin_urls", namespace="courses_admin"))]


class CourseTrainersButton(PageMenuItem):
    label = _("Trainers")
    icon_name = "group"

    @property
    def url(self):
        return reverse("courses_admin:trainers", args=[self.page.pk])

    def is_shown(self, user):
        from courses.admin_views import can_manage_trainers

        return isinstance(self.page.specific_deferred, CoursePage) and can_manage_trainers(
            user, self.page
        )


@hooks.register("register_page_header_buttons")
def course_trainers_header_button(page, user, view_name, next_url=None):
    if page.specific_class is CoursePage:
        yield CourseTrainersButton(page=page, priority=40)


@hooks.register("register_page_listing_more_buttons")
def course_trainers_listing_button(page, user, next_url=None):
    if page.specific_class is CoursePage:
        yield CourseTrainersButton(page=page, priority=45)


hooks.register("after_edit_page", after_review_in_editor)
