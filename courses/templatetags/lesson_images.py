"""How a lesson picture loads: the first of a page at once, the ones further down when scrolled to."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def image_loading(context) -> str:
    """ "eager" for the first picture rendered for this request, "lazy" for every one after it."""
    request = context.get("request")
    if request is None:
        return "lazy"
    seen = getattr(request, "lesson_images_shown", 0)
    request.lesson_images_shown = seen + 1
    return "eager" if seen == 0 else "lazy"
