import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def json_ld(value) -> str:
    """<script type="application/ld+json"> content: JSON with <, > and & escaped, as json_script does."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        _json_script_escapes
    )
    return mark_safe(text)  # escaped above, as django.utils.html.json_script does


@register.simple_tag
def stars(count) -> str:
    count = int(count or 0)
    return "★" * count + "☆" * (5 - count)
