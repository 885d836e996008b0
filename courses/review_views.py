"""The reviewer's approve / request-changes action, with a message that names the page and its course.

Wagtail's dashboard and listings approve a page in review through `WorkflowActionView`, which says
nothing once it is done (only the page editor's own buttons leave a message), so a coordinator who
approves a lesson from the dashboard sees no sign of which course went live. Wagtail has no hook or
signal with the request for this; `config/urls.py` routes the same admin URL to this subclass, which
runs Wagtail's action unchanged and then adds the message.
"""

from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.models import TaskState

from courses.models import CoursePage


def review_outcome_message(page, status: str) -> str | None:
    """What the reviewer is told after deciding on `page` (None for an undecided task)."""
    page = page.specific_deferred
    course = page if isinstance(page, CoursePage) else getattr(page, "get_course", lambda: None)()
    title = page.get_admin_display_title()
    names = {"page": title, "course": course.title if course else ""}
    if status == TaskState.STATUS_APPROVED:
        if course is None:
            return _("Approved and published: “%(page)s”.") % names
        if course.pk == page.pk:
            return _("Approved and published: the course “%(course)s”.") % names
        return _("Approved and published: “%(page)s” in the course “%(course)s”.") % names
    if status == TaskState.STATUS_REJECTED:
        if course is None:
            return _("Changes requested: “%(page)s” goes back to its author.") % names
        if course.pk == page.pk:
            return _("Changes requested: the course “%(course)s” goes back to its trainer.") % names
        return (
            _("Changes requested: “%(page)s” in the course “%(course)s” goes back to its trainer.")
            % names
        )
    return None


class CourseReviewActionView(WorkflowActionView):
    def post(self, request, *args, **kwargs):
        before = self.task_state.status
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db()
        message = review_outcome_message(self.object, self.task_state.status)
        if message is not None and self.task_state.status != before:
            if self.task_state.status == TaskState.STATUS_APPROVED:
                messages.success(request, message)
            else:
                messages.warning(request, message)
        return response


workflow_action = require_admin_access(CourseReviewActionView.as_view())
