"""Admin template filters about where a page sits in the course tree."""

from django import template

from courses.models import CoursePage

register = template.Library()


@register.filter
def course_title_of(obj) -> str:
    """The title of the course a module or lesson belongs to ("" for a course or any other object)."""
    specific = getattr(obj, "specific_deferred", None)
    if specific is None or isinstance(specific, CoursePage) or not hasattr(specific, "get_course"):
        return ""
    course = specific.get_course()
    return course.title if course else ""
