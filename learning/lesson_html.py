"""A lesson's heading and body as HTML, rendered once per published revision and language.

Every trainee reads the same text, pictures and video of a lesson; only the quiz, the ticks and the
buttons are theirs. The shared parts are rendered from the same includes as the lesson layout
(`courses/includes/lesson_heading.html`, `courses/includes/lesson_body.html`) and kept with the course's
snapshot in the process, so they go when the course tree next changes (any publish, unpublish, move
or deletion of a course, module or lesson) and a request renders only the trainee's parts. Picture
renditions are looked up once, not on every visit.

A preview is always rendered afresh: it shows a draft.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from courses.models import CoursePage, LessonPage
from learning.selectors import CourseSnapshot

# Written where the quiz block stands; authors' text is escaped, so it cannot contain this comment.
QUIZ_MARKER = SafeString("<!--trainee-quiz-->")


@dataclass(frozen=True)
class BodyPart:
    html: SafeString
    is_quiz: bool = False


@dataclass(frozen=True)
class LessonParts:
    heading: SafeString
    body: tuple[BodyPart, ...]

    @property
    def has_quiz(self) -> bool:
        return any(part.is_quiz for part in self.body)


def lesson_parts(
    request, lesson: LessonPage, course: CoursePage, snapshot: CourseSnapshot | None
) -> LessonParts:
    """The lesson's heading and body, from `snapshot` when it holds them (None: render afresh)."""
    if snapshot is None:
        return _render(request, lesson, course)
    return snapshot.kept(
        ("lesson", get_language(), lesson.pk, lesson.live_revision_id),
        lambda: _render(request, lesson, course),
    )


def _render(request, lesson: LessonPage, course: CoursePage) -> LessonParts:
    context = {"page": lesson, "course": course, "request": request, "quiz_marker": QUIZ_MARKER}
    heading = render_to_string("courses/includes/lesson_heading.html", context)
    body = render_to_string("courses/includes/lesson_body.html", context)
    pieces = body.split(QUIZ_MARKER)
    parts: list[BodyPart] = []
    for n, piece in enumerate(pieces):
        if n:
            parts.append(BodyPart(SafeString(""), is_quiz=True))
        parts.append(BodyPart(SafeString(piece)))
    return LessonParts(SafeString(heading), tuple(parts))
