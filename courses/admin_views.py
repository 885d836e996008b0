"""Admin screen where a coordinator chooses which trainers may edit one course."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.models import User
from accounts.services import TRAINERS
from courses.models import CoursePage
from courses.services import course_trainers, grant_course_to_trainer, revoke_course_from_trainer


def can_manage_trainers(user, course: CoursePage) -> bool:
    """Coordinators (who may publish the course) choose its trainers; trainers may not."""
    return course.permissions_for_user(user).can_publish()


class TrainerForm(forms.Form):
    trainer = forms.ModelChoiceField(
        label=gettext_lazy("Trainer"),
        queryset=User.objects.filter(groups__name=TRAINERS, is_active=True).order_by(
            "first_name", "email"
        ),
    )


class CourseTrainersView(WagtailAdminTemplateMixin, FormView):
    template_name = "courses/admin/course_trainers.html"
    form_class = TrainerForm
    header_icon = "group"

    def dispatch(self, request, page_id):
        self.course = get_object_or_404(CoursePage, pk=page_id)
        if not can_manage_trainers(request.user, self.course):
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_page_title(self):
        return _("Course trainers")

    def get_page_subtitle(self):
        return self.course.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["course"] = self.course
        context["trainers"] = course_trainers(self.course)
        return context

    def post(self, request, *args, **kwargs):
        if "remove" in request.POST:
            raw = request.POST["remove"]
            user = (
                User.objects.filter(pk=int(raw)).first()
                if raw.isascii() and raw.isdigit()
                else None
            )
            if user is None:  # a stale page or a hand-made request: say so, change nothing
                messages.error(
                    request,
                    _("This trainer was not found, so nothing was changed. Reload the page."),
                )
                return redirect(self.get_success_url())
            revoke_course_from_trainer(self.course, user)
            messages.success(
                request, _("%(name)s can no longer edit this course.") % {"name": user}
            )
            return redirect(self.get_success_url())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.cleaned_data["trainer"]
        grant_course_to_trainer(self.course, user)
        messages.success(
            request=self.request, message=_("%(name)s can now edit this course.") % {"name": user}
        )
        return redirect(self.get_success_url())

    def get_success_url(self):
        return reverse("courses_admin:trainers", args=[self.course.pk])
