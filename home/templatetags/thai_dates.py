from django import template

from core.thai_dates import local_date

register = template.Library()


@register.filter
def localdate(value, arg=""):
    """{{ value|localdate }}: 25 พฤศจิกายน 2569 in Thai, 25 November 2026 in English."""
    return local_date(value, short=(arg == "short"))
