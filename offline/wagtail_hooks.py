"""The "save for offline reading" box on the course page and on each course of the dashboard."""

from django.template.loader import render_to_string
from wagtail import hooks

from offline.packages import HANDOUT_MAX_BYTES, course_package


def save_box(request, course) -> str:
    package = course_package(course)
    return render_to_string(
        "offline/includes/save_course.html",
        {
            "package": package,
            "pictures": sum(1 for item in package.items if item.kind == "image"),
            "handouts": sum(1 for item in package.items if item.kind == "handout"),
            "skipped": [item.title for item in package.skipped],
            "limit": HANDOUT_MAX_BYTES,
        },
        request=request,
    )


@hooks.register("learning_course_enrolment")
def course_save_box(request, enrolment):
    return [save_box(request, enrolment.course)]


@hooks.register("learning_dashboard_enrolments")
def dashboard_save_boxes(request, enrolments):
    for enrolment in enrolments:
        enrolment.extras.append(save_box(request, enrolment.course))
