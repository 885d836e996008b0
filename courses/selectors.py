"""Queries of the course tree for the public pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q

from courses.search import segment_query
from courses.spelling import did_you_mean


@dataclass
class ModuleOutline:
    module: object
    lessons: list = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return sum(lesson.estimated_minutes for lesson in self.lessons)


@dataclass
class CourseOutline:
    modules: list[ModuleOutline]

    @property
    def lesson_count(self) -> int:
        return sum(len(m.lessons) for m in self.modules)

    @property
    def minutes(self) -> int:
        return sum(m.minutes for m in self.modules)


def required_lessons(course=None):
    """The lessons a trainee must complete: live, marked required (all are, by default).

    Of one course, or of every course when `course` is None. The one place this rule is written:
    the completion rule, the trainee's progress, the reports and the certificates all count these.
    """
    from courses.models import LessonPage

    lessons = LessonPage.objects.live().filter(is_required=True)
    return lessons if course is None else lessons.descendant_of(course)


def course_outline(course) -> CourseOutline:
    """Live modules and their live lessons in tree order (two queries)."""
    from courses.models import LessonPage, ModulePage

    modules = {
        m.path: ModuleOutline(m)
        for m in ModulePage.objects.live().child_of(course).order_by("path")
    }
    lessons = (
        LessonPage.objects.live()
        .descendant_of(course)
        .order_by("path")
        .only(
            "id",
            "path",
            "depth",
            "title",
            "title_en",
            "slug",
            "url_path",
            "estimated_minutes",
            "is_required",
            "summary",
            "summary_en",
        )
    )
    for lesson in lessons:
        parent = modules.get(lesson.path[: -LessonPage.steplen])
        if parent is not None:
            parent.lessons.append(lesson)
    return CourseOutline(modules=list(modules.values()))


def catalogue_courses(catalogue, category_code: str | None = None):
    from courses.models import CoursePage

    courses = (
        CoursePage.objects.live()
        .child_of(catalogue)
        .select_related("category", "cover_image")
        .order_by("path")
    )
    if category_code:
        courses = courses.filter(category__code=category_code)
    return courses


def unpublished_branches(catalogue) -> list[str]:
    """Tree paths of the unpublished courses and modules of the catalogue (one query)."""
    from wagtail.models import Page

    return list(
        Page.objects.descendant_of(catalogue)
        .filter(live=False, depth__lte=catalogue.depth + 2)
        .values_list("path", flat=True)
    )


def search_catalogue(catalogue, query: str) -> tuple[list, list]:
    """Courses and lessons of the catalogue matching a (Thai or English) query."""
    from courses.models import CoursePage, LessonPage

    terms = segment_query(query)
    if not terms:
        return [], []
    courses = list(
        CoursePage.objects.live().descendant_of(catalogue).search(terms, operator="and")[:20]
    )
    # A lesson under a private page (password, sign-in, groups) is not listed: its title and summary
    # are for those who may open it.
    lessons = LessonPage.objects.live().public().descendant_of(catalogue)
    # A live lesson under an unpublished course or module is not published: leave it out.
    for path in unpublished_branches(catalogue):
        lessons = lessons.exclude(path__startswith=path)
    lessons = list(lessons.search(terms, operator="and")[:30])
    # Name each lesson's course (one query): its path starts with the course's path.
    course_path_length = (catalogue.depth + 1) * LessonPage.steplen
    parents = CoursePage.objects.filter(
        path__in={lesson.path[:course_path_length] for lesson in lessons}
    ).only("path", "title", "title_en")
    by_path = {course.path: course for course in parents}
    for lesson in lessons:
        lesson.found_in_course = by_path.get(lesson.path[:course_path_length])
    return courses, lessons


def catalogue_context(catalogue, request) -> dict:
    from courses.models import CourseCategory

    category_code = request.GET.get("category") or None
    query = (request.GET.get("q") or "").strip()
    categories = list(CourseCategory.objects.filter(Q(courses__live=True)).distinct())
    context = {
        "categories": categories,
        "selected_category": next((c for c in categories if c.code == category_code), None),
        "query": query,
    }
    if query:
        found_courses, found_lessons = search_catalogue(catalogue, query)
        context.update(found_courses=found_courses, found_lessons=found_lessons)
        if not found_courses and not found_lessons:
            suggestion = did_you_mean(query)
            if suggestion:
                query_string = urlencode({"q": suggestion})
                context["suggestion"] = suggestion
                context["suggestion_url"] = f"{catalogue.get_url(request)}?{query_string}"
    else:
        context["courses"] = catalogue_courses(catalogue, category_code)
    return context
