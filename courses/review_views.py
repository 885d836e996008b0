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


# What a decided task's status is after each of the review task's actions.
OUTCOME_OF_ACTION = {"approve": TaskState.STATUS_APPROVED, "reject": TaskState.STATUS_REJECTED}


def say_review_outcome(request, status: str, page) -> None:
    message = review_outcome_message(page, status)
    if message is None:
        return
    if status == TaskState.STATUS_APPROVED:
        messages.success(request, message)
    else:
        messages.warning(request, message)


def after_review_in_editor(request, page) -> None:
    """`after_edit_page` hook: the editor's own approve / request-changes buttons name the course
    too (Wagtail's message there only says the page was updated)."""
    if "action-workflow-action" in request.POST:
        status = OUTCOME_OF_ACTION.get(request.POST.get("workflow-action-name", ""))
        if status is not None:
            say_review_outcome(request, status, page)


class CourseReviewActionView(WorkflowActionView):
    def post(self, request, *args, **kwargs):
        before = self.task_state.status
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db()
        if self.task_state.status != before:
            say_review_outcome(request, self.task_state.status, self.object)
        return response


workflow_action = require_admin_access(CourseReviewActionView.as_view())
