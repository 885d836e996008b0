"""Queries of the trainee side. Each is a fixed number of SQL queries, whatever the course size."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from django.db import connection
from django.db.models import Case, F, Func, IntegerField, OuterRef, QuerySet, Subquery, When
from django.db.models.functions import Coalesce
from wagtail.models import Page

from courses.models import CoursePage, LessonPage
from courses.selectors import CourseOutline, course_outline, required_lessons
from courses.tree import PerGeneration, tree_generation
from learning.models import Enrolment, LessonProgress

T = TypeVar("T")


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
    required = required_lessons().filter(path__startswith=OuterRef("course__path"))
    done = LessonProgress.objects.filter(
        enrolment=OuterRef("pk"),
        completed_at__isnull=False,
        lesson__in=required_lessons().values("pk"),
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


def next_courses(user, limit: int = 3) -> list[CoursePage]:
    """Live courses the trainee has not enrolled in, those in the categories of their finished
    courses first (one query)."""
    if not user.is_authenticated:
        return list(CoursePage.objects.live().order_by("path")[:limit])
    mine = Enrolment.objects.filter(user=user)
    finished_categories = CoursePage.objects.filter(
        pk__in=mine.filter(status=Enrolment.Status.COMPLETED).values("course_id")
    ).values("category_id")
    return list(
        CoursePage.objects.live()
        .exclude(pk__in=mine.values("course_id"))
        .annotate(
            same_category=Case(
                When(category_id__in=Subquery(finished_categories), then=0),
                default=1,
                output_field=IntegerField(),
            )
        )
        .select_related("category")
        .order_by("same_category", "path")[:limit]
    )


def enrolment_for_lesson(user, lesson: LessonPage) -> Enrolment | None:
    """The trainee's enrolment in the course a lesson belongs to (found by tree path, one query)."""
    if not user.is_authenticated:
        return None
    return (
        Enrolment.objects.select_related("course")
        .filter(user=user, course__path=course_path_of(lesson))
        .first()
    )


@dataclass
class CourseSnapshot:
    """A course's live tree as every trainee reads it: the page, its outline and look-ups by lesson id.

    Built once per change of the course tree and kept in the process (see `course_snapshot`), so a
    request costs no query and no unpickling of lesson objects, whatever the course size.
    """

    course: CoursePage
    outline: CourseOutline
    order: list[int] = field(default_factory=list)
    position: dict[int, int] = field(default_factory=dict)
    lessons: dict[int, LessonPage] = field(default_factory=dict)
    module_of: dict[int, int] = field(default_factory=dict)
    lessons_of: dict[int, list[int]] = field(default_factory=dict)
    required: frozenset[int] = frozenset()
    # HTML rendered once for this tree and kept as long as it (see `kept`): outlines from
    # learning.outline, lessons' shared parts from learning.lesson_html.
    html: dict[tuple, object] = field(default_factory=dict)

    def kept(self, key: tuple, make: Callable[[], T]) -> T:
        """What `make()` returns for `key`, made once for this tree and kept as long as the snapshot."""
        try:
            return self.html[key]
        except KeyError:
            made = self.html[key] = make()
            return made

    def __post_init__(self):
        for part in self.outline.modules:
            for lesson in part.lessons:
                self.position[lesson.pk] = len(self.order)
                self.order.append(lesson.pk)
                self.lessons[lesson.pk] = lesson
                self.module_of[lesson.pk] = part.module.pk
                self.lessons_of.setdefault(part.module.pk, []).append(lesson.pk)
        self.required = frozenset(pk for pk, item in self.lessons.items() if item.is_required)

    def neighbours(self, lesson_id: int) -> tuple[LessonPage | None, LessonPage | None]:
        index = self.position.get(lesson_id)
        if index is None:
            return None, None
        previous = self.lessons[self.order[index - 1]] if index > 0 else None
        following = self.lessons[self.order[index + 1]] if index + 1 < len(self.order) else None
        return previous, following


# Snapshots of live courses, by course path.
_snapshots: PerGeneration = PerGeneration()


def course_snapshot(course_path: str, course: CoursePage | None = None) -> CourseSnapshot | None:
    """The live course at `course_path` with its outline; None when the course is not live.

    Every trainee of a course reads the same outline, so it is built once per change of the course
    tree (two queries, three without `course`), not per request. Lessons carry `href` so templates
    need no URL look-ups.
    """
    snapshots = _snapshots.of(tree_generation())
    found = snapshots.get(course_path)
    if found is not None:
        return found
    if course is None or not course.live:
        course = CoursePage.objects.live().filter(path=course_path).first()
    if course is None:
        return None
    outline = course_outline(course)
    for part in outline.modules:
        for lesson in part.lessons:
            lesson.href = lesson.get_url()
    found = snapshots[course_path] = CourseSnapshot(course, outline)
    return found


# The course path (or None) of a lesson or module, by the page's path.
_course_paths: PerGeneration = PerGeneration()


def course_path_of(page: Page) -> str | None:
    """The tree path of the course a lesson or module sits under (its CoursePage ancestor).

    The ancestors' paths are prefixes of the page's own path, so one query finds the course, kept
    in the process until the course tree next changes; None for a page under no course.
    """
    paths = _course_paths.of(tree_generation())
    if page.path not in paths:
        ancestors = [page.path[: page.steplen * depth] for depth in range(1, page.depth)]
        paths[page.path] = (
            CoursePage.objects.filter(path__in=ancestors).values_list("path", flat=True).first()
        )
    return paths[page.path]


def lesson_snapshot(lesson: LessonPage) -> CourseSnapshot | None:
    """The snapshot of the live course a lesson sits under (None when there is none)."""
    path = course_path_of(lesson)
    return course_snapshot(path) if path else None


def live_lesson_in_live_course(lesson: LessonPage) -> bool:
    """True when the lesson, its module and its course are all live (what trainees may reach)."""
    snapshot = lesson_snapshot(lesson)
    return snapshot is not None and lesson.pk in snapshot.position


@dataclass
class ProgressState:
    started: set[int]
    completed: set[int]

    def status(self, lesson_id: int) -> str:
        if lesson_id in self.completed:
            return "completed"
        return "started" if lesson_id in self.started else "new"


@functools.cache
def _enrolment_and_progress_sql() -> tuple[str, list[str]]:
    """The SQL of `enrolment_and_progress` and the enrolment's columns, written once: Django
    compiling the same join on every lesson page cost twice the query itself (0.85 against 0.45 ms),
    and a raw queryset building a model for every progress row a third more."""
    quote = connection.ops.quote_name
    columns = [f.column for f in Enrolment._meta.concrete_fields]
    enrolments = quote(Enrolment._meta.db_table)
    progress = quote(LessonProgress._meta.db_table)
    sql = (
        f"SELECT {', '.join('e.' + quote(c) for c in columns)}, "
        f"p.{quote('lesson_id')}, p.{quote('completed_at')} "
        f"FROM {enrolments} e LEFT JOIN {progress} p ON p.{quote('enrolment_id')} = e.{quote('id')} "
        f"WHERE e.{quote('user_id')} = %s AND e.{quote('course_id')} = %s"
    )
    return sql, columns


def enrolment_and_progress(user, course_id: int) -> tuple[Enrolment | None, ProgressState]:
    """The trainee's enrolment in a course and the lessons started and completed, in one query."""
    state = ProgressState(set(), set())
    if not user.is_authenticated:
        return None, state
    sql, columns = _enrolment_and_progress_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, course_id])
        rows = cursor.fetchall()
    if not rows:
        return None, state
    width = len(columns)
    enrolment = Enrolment.from_db(connection.alias, columns, _converted(rows[0][:width]))
    for row in rows:
        lesson_id, completed_at = row[width], row[width + 1]
        if lesson_id is not None:
            state.started.add(lesson_id)
            if completed_at is not None:
                state.completed.add(lesson_id)
    return enrolment, state


def _converted(values: tuple) -> list:
    """A row's values as the ORM gives them: the backend's and the fields' converters (SQLite's
    naive datetimes made aware, for one)."""
    return [
        functools.reduce(lambda value, convert: convert(value, column, connection), steps, value)
        for (column, steps), value in zip(
            _enrolment_converters(connection.vendor), values, strict=True
        )
    ]


@functools.cache
def _enrolment_converters(vendor: str) -> list[tuple]:
    table = Enrolment._meta.db_table
    converters = []
    for field_ in Enrolment._meta.concrete_fields:
        column = field_.get_col(table)
        steps = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        converters.append((column, steps))
    return converters


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
