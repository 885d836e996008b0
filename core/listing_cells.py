"""Admin listing cells of two lines: the main text, and a smaller line of details under it."""

from django.utils.html import format_html
from django.utils.safestring import SafeString


def detail_line(text) -> SafeString | str:
    """The smaller second line of a cell (nothing when there is no text)."""
    return format_html('<br><span class="otop-report-detail">{}</span>', text) if text else ""


def two_line_cell(main, *details) -> SafeString:
    """`main`, then the details that are given, joined by " · " on the second line."""
    return format_html("{}{}", main, detail_line(" · ".join(str(d) for d in details if d)))
