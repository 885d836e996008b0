from wagtail import hooks

from courses.models import CoursePage, LessonPage
from learning import views


@hooks.register("before_serve_page", order=100)  # after Wagtail's privacy check
def serve_learning_pages(page, request, serve_args, serve_kwargs):
    """Course and lesson pages are served with the trainee's enrolment and progress."""
    if isinstance(page, LessonPage):
        return views.serve_lesson(request, page)
    if isinstance(page, CoursePage):
        return views.serve_course(request, page)
    return None
