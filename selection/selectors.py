"""Queries of selection rounds."""

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from selection.models import SelectionRound


def rounds_with_rules() -> QuerySet[SelectionRound]:
    return SelectionRound.objects.prefetch_related("rules")


def current_rounds(today: dt.date | None = None, limit: int = 3) -> list[SelectionRound]:
    """Rounds whose registration has not closed yet, or else the latest round (to show its result)."""
    today = today or timezone.localdate()
    upcoming = list(rounds_with_rules().filter(closes_on__gte=today).order_by("closes_on")[:limit])
    if upcoming:
        return upcoming
    latest = rounds_with_rules().order_by("-closes_on").first()
    return [latest] if latest else []
