"""The course outline as a trainee sees it on a phone: one module open, the others folded to a line.

The HTML is rendered once per course tree change, language, page kind and open module, and kept with
the course's snapshot in the process (no cache round trip); each request only lays the trainee's ticks
over it (a regular-expression pass over markers), so a lesson or course page costs about the same at
10 lessons as at 300.

Markers are HTML comments: text typed by authors is escaped, so it can never contain one.
"""

from __future__ import annotations

import functools
import re

from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from core.text import ascii_digits, strip_control
from learning.selectors import CourseSnapshot, ProgressState

MARKER = re.compile(r"<!--([tcd]):(\d+)-->")
TEMPLATES = {
    "lesson": "learning/includes/outline.html",
    "course": "learning/includes/course_outline.html",
}


def _cached_html(snapshot: CourseSnapshot, kind: str, open_module_id) -> str:
    return snapshot.kept(
        (get_language(), kind, open_module_id),
        lambda: render_to_string(
            TEMPLATES[kind],
            {
                "course": snapshot.course,
                "outline": snapshot.outline,
                "open_module_id": open_module_id,
            },
        ),
    )


@functools.cache
def _ticks(language: str) -> tuple[str, str, str]:
    """The marks of a completed, a started and a locked lesson, in the active language."""
    return (
        format_html('<span class="tick tick-done" aria-label="{}">✓</span>', gettext("completed")),
        format_html('<span class="tick tick-started" aria-label="{}">•</span>', gettext("started")),
        format_html(
            '<span class="tick tick-locked">{}<span class="visually-hidden">{}</span></span>',
            render_to_string("learning/includes/lock_icon.svg"),
            gettext("locked"),
        ),
    )


def open_module_id(snapshot: CourseSnapshot, lesson_id=None, requested=None):
    """The module shown open: the one asked for (?module=), else the lesson's, else the first."""
    modules = [part.module.pk for part in snapshot.outline.modules]
    if requested:
        typed = ascii_digits(strip_control(str(requested))).strip()
        if typed.isascii() and typed.isdigit() and int(typed) in modules:
            return int(typed)
    if lesson_id in snapshot.module_of:
        return snapshot.module_of[lesson_id]
    return modules[0] if modules else None


def render_outline(
    snapshot: CourseSnapshot,
    kind: str,
    progress: ProgressState,
    current_lesson_id=None,
    open_module=None,
    locked: set[int] = frozenset(),
) -> SafeString:
    """The outline HTML of `kind` ("lesson" aside or "course" page) with this trainee's ticks.

    `locked`: lessons not open yet (a sequential course), drawn with a padlock and its words.
    """
    html = _cached_html(snapshot, kind, open_module)
    done_tick, started_tick, locked_tick = _ticks(get_language())
    # The course page leaves untouched lessons blank; the lesson aside draws an empty circle.
    empty_tick = "" if kind == "course" else '<span class="tick" aria-hidden="true"></span>'
    completed, started = progress.completed, progress.started

    def replace(match: re.Match) -> str:
        kind_of_mark, pk = match.group(1), int(match.group(2))
        if kind_of_mark == "t":
            if pk in completed:
                return done_tick
            if pk in locked:
                return locked_tick
            return started_tick if pk in started else empty_tick
        if kind_of_mark == "c":
            return ' is-current" aria-current="page' if pk == current_lesson_id else ""
        # "d": a folded module's count of completed lessons, once there is one.
        done = sum(1 for lesson_id in snapshot.lessons_of.get(pk, ()) if lesson_id in completed)
        if not done:
            return ""
        return " · " + ngettext("%(done)d done", "%(done)d done", done) % {"done": done}

    # The cached HTML was escaped when rendered; the pieces laid over it are fixed or escaped.
    return mark_safe(MARKER.sub(replace, html))
