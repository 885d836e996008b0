"""Queries of the trainee side. Each is a fixed number of SQL queries, whatever the course size."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import F, Func, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from courses.models import CoursePage, LessonPage
from courses.selectors import CourseOutline, course_outline
from learning.models import Enrolment, LessonProgress


def _count(queryset) -> Subquery:
    """A correlated COUNT(*) subquery (no GROUP BY), for annotating many rows in one query."""
    return Coalesce(
        Subquery(
            queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def with_progress(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """Annotate `required_count` (live required lessons) and `done_count` (of those, completed)."""
    required = LessonPage.objects.live().filter(
        is_required=True, path__startswith=OuterRef("course__path")
    )
    done = LessonProgress.objects.filter(
        enrolment=OuterRef("pk"),
        completed_at__isnull=False,
        lesson__live=True,
        lesson__is_required=True,
    )
    return enrolments.annotate(required_count=_count(required), done_count=_count(done))


def percent(done: int, required: int) -> int:
    return 100 if required == 0 else min(100, (done * 100) // required)


def dashboard_enrolments(user) -> list[Enrolment]:
    """The trainee's enrolments with course, last lesson and progress: one query for any number."""
    enrolments = with_progress(
        Enrolment.objects.for_user(user)
        .select_related("course", "last_lesson")
        .order_by("-last_activity_at", "-enrolled_at")
    )
    rows = list(enrolments)
    for enrolment in rows:
        enrolment.percent = percent(enrolment.done_count, enrolment.required_count)
    return rows


def enrolment_for_lesson(user, lesson: LessonPage) -> Enrolment | None:
    """The trainee's enrolment in the course a lesson belongs to (found by tree path, one query)."""
    if not user.is_authenticated:
        return None
    return (
        Enrolment.objects.select_related("course")
        .filter(user=user, course__path=course_path_of(lesson))
        .first()
    )


OUTLINE_GENERATION_KEY = "learning:outline-generation"


def forget_course_outlines() -> None:
    """Drop every cached outline (called when any course, module or lesson page changes)."""
    try:
        cache.incr(OUTLINE_GENERATION_KEY)
    except ValueError:
        cache.set(OUTLINE_GENERATION_KEY, 2, None)


def course_snapshot(course_path: str) -> tuple[CoursePage, CourseOutline]:
    """The course page and its outline (modules, lessons, their URLs), cached between requests.

    Every trainee of a course reads the same outline, so it is built once per change of the course
    tree, not per request. Lessons carry `href` so templates need no URL lookups.
    """
    generation = cache.get_or_set(OUTLINE_GENERATION_KEY, 1, None)
    key = f"learning:outline:{generation}:{course_path}"
    found = cache.get(key)
    if found is None:
        course = CoursePage.objects.get(path=course_path)
        outline = course_outline(course)
        for module in outline.modules:
            for lesson in module.lessons:
                lesson.href = lesson.get_url()
        found = (course, outline)
        cache.set(key, found, 3600)
    return found


def course_path_of(lesson: LessonPage) -> str:
    return lesson.path[: (lesson.depth - 2) * lesson.steplen]


@dataclass
class ProgressState:
    started: set[int]
    completed: set[int]

    def status(self, lesson_id: int) -> str:
        if lesson_id in self.completed:
            return "completed"
        return "started" if lesson_id in self.started else "new"


def progress_state(enrolment: Enrolment | None) -> ProgressState:
    if enrolment is None:
        return ProgressState(set(), set())
    rows = LessonProgress.objects.filter(enrolment=enrolment).values_list(
        "lesson_id", "completed_at"
    )
    started, completed = set(), set()
    for lesson_id, completed_at in rows:
        started.add(lesson_id)
        if completed_at:
            completed.add(lesson_id)
    return ProgressState(started, completed)
