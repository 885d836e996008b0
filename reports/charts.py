"""Bar charts for the summary page, drawn as inline SVG on the server (no JavaScript, nothing from a CDN).

Each chart comes with the numbers behind it, which the template also shows as a table.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.thai_dates import month_year
from reports.exports import area_label

ROW_HEIGHT = 30
BAR_HEIGHT = 20
LABEL_WIDTH = 160
BAR_SPACE = 280
CHART_WIDTH = LABEL_WIDTH + BAR_SPACE + 60
MAX_BARS = 15


def month_label(value, english: bool) -> str:
    return month_year(value, english)


def group_label(grouping: str, row: dict, english: bool) -> str:
    """The human label of one summary row (course title, province, district, session or month)."""
    if grouping == "course":
        return (
            (row["course__title_en"] or row["course__title"]) if english else row["course__title"]
        )
    if grouping in ("province", "district"):
        code = row[f"{grouping}_code"]
        return area_label(code, english) if code else _("Not known")
    if grouping == "cohort":
        return row["cohort__name"] or _("No training session")
    return month_label(row["month"], english)


def bar_chart(chart_id: str, title: str, items: list[tuple[str, int]], colour: str) -> dict:
    """Geometry of a horizontal bar chart: one bar per (label, value), scaled to the largest value."""
    shown = items[:MAX_BARS]
    largest = max((value for _label, value in shown), default=0) or 1
    bars = []
    for index, (label, value) in enumerate(shown):
        width = round(BAR_SPACE * value / largest, 1)
        y = index * ROW_HEIGHT
        bars.append(
            {
                "label": label,
                "value": value,
                "y": y,
                "text_y": y + BAR_HEIGHT - 5,
                "width": width,
                "value_x": LABEL_WIDTH + width + 6,
            }
        )
    return {
        "id": chart_id,
        "title": title,
        "bars": bars,
        "rows": items,
        "truncated": len(items) > len(shown),
        "colour": colour,
        "width": CHART_WIDTH,
        "height": max(len(bars), 1) * ROW_HEIGHT,
        "label_width": LABEL_WIDTH,
        "bar_x": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
    }


def summary_charts(funnel: dict, by_month: list[dict], by_province: list[dict], english: bool):
    funnel_items = [
        (_("Enrolled"), funnel["enrolled"]),
        (_("Started"), funnel["started"]),
        (_("Completed"), funnel["completed"]),
        (_("Certified"), funnel["certified"]),
    ]
    month_items = [(month_label(row["month"], english), row["count"]) for row in by_month]
    province_items = [
        (area_label(row["province_code"], english) or _("Not known"), row["count"])
        for row in by_province
    ]
    return [
        bar_chart("chart-funnel", _("From enrolment to certificate"), funnel_items, "#00676a"),
        bar_chart("chart-month", _("Completions by month"), month_items[-MAX_BARS:], "#2e6fb0"),
        bar_chart("chart-province", _("Completions by province"), province_items, "#b2561c"),
    ]
