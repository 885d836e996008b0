"""Course trees for tests: published catalogue, courses, modules and lessons (some with quizzes).

    course = make_course(lessons=10, modules=2, sequential=False, quiz_in_lesson=3)
    lesson = list(course.lessons())[3]; quiz = lesson.get_quiz()

`quiz_body()` gives a lesson body whose quiz has known correct answers: in each question, the
choices whose text starts with "✓" are correct (see QUIZ_QUESTIONS).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from courses.models import CourseCategory, CourseIndexPage, CoursePage, LessonPage, ModulePage
from tests.factories.pages import ensure_home_site

_numbers = itertools.count(1)

QUIZ_QUESTIONS = [
    {
        "kind": "single",
        "text": "ฉลากสินค้าอาหารต้องแสดงอะไร",
        "explanation": "<p>ฉลากต้องบอกวันหมดอายุ</p>",
        "choices": [("✓ วันหมดอายุ", True), ("สีโปรดของผู้ผลิต", False), ("ราคาคู่แข่ง", False)],
    },
    {
        "kind": "multiple",
        "text": "ข้อใดช่วยให้บรรจุภัณฑ์ปลอดภัย",
        "explanation": "<p>ปิดผนึกแน่นและเก็บให้พ้นแสงแดด</p>",
        "choices": [("✓ ปิดผนึกแน่น", True), ("✓ เก็บพ้นแสงแดด", True), ("วางกลางแดด", False)],
    },
    {
        "kind": "true_false",
        "text": "มผช. คือมาตรฐานผลิตภัณฑ์ชุมชน",
        "explanation": "<p>มผช. ย่อมาจากมาตรฐานผลิตภัณฑ์ชุมชน</p>",
        "choices": [("✓ ถูก", True), ("ผิด", False)],
    },
]


def quiz_value(
    title: str = "แบบทดสอบท้ายบท",
    pass_mark: int = 70,
    max_attempts: int = 3,
    questions: list[dict] | None = None,
) -> dict:
    """The raw value of a `quiz` block (choices given as (text, is_correct) pairs)."""
    questions = QUIZ_QUESTIONS if questions is None else questions
    return {
        "title": title,
        "pass_mark": pass_mark,
        "max_attempts": max_attempts,
        "questions": [
            {
                "kind": q["kind"],
                "text": q["text"],
                "explanation": q.get("explanation", ""),
                "review_heading": q.get("review_heading", ""),
                "choices": [{"text": text, "is_correct": ok} for text, ok in q["choices"]],
            }
            for q in questions
        ],
    }


def quiz_body(text: str = "<p>อ่านบทเรียนแล้วทำแบบทดสอบ</p>", **quiz_kwargs) -> list[tuple]:
    """A lesson body: a heading, a paragraph, and a quiz with known correct answers."""
    return [
        ("heading", "ทบทวนความรู้"),
        ("paragraph", text),
        ("quiz", quiz_value(**quiz_kwargs)),
    ]


def text_body(text: str = "<p>การออกแบบบรรจุภัณฑ์ให้สวยงามช่วยให้ขายได้</p>") -> list[tuple]:
    return [("heading", "เนื้อหา"), ("paragraph", text)]


def make_category(
    code: str = "packaging-design",
    name: str = "บรรจุภัณฑ์และการออกแบบ",
    name_en: str = "Packaging and design",
) -> CourseCategory:
    category, _created = CourseCategory.objects.get_or_create(
        code=code, defaults={"name": name, "name_en": name_en}
    )
    return category


def make_catalogue() -> CourseIndexPage:
    """The published catalogue under the home page (one per site)."""
    catalogue = CourseIndexPage.objects.first()
    if catalogue is None:
        home = ensure_home_site()
        catalogue = home.add_child(
            instance=CourseIndexPage(title="หลักสูตร", title_en="Courses", slug="courses")
        )
        catalogue.save_revision().publish()
    return catalogue


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_lesson(module: ModulePage, body=None, publish_it: bool = True, **fields) -> LessonPage:
    n = next(_numbers)
    fields.setdefault("title", f"บทเรียนที่ {n}")
    fields.setdefault("slug", f"lesson-{n}")
    fields.setdefault("summary", "สรุปบทเรียนสั้น ๆ")
    lesson = module.add_child(
        instance=LessonPage(body=body if body is not None else text_body(), **fields)
    )
    return publish(lesson) if publish_it else lesson


def make_course(
    lessons: int = 10,
    modules: int = 2,
    sequential: bool = False,
    quiz_in_lesson: int | Iterable[int] | None = None,
    title: str | None = None,
    category: CourseCategory | None = None,
    not_required: Iterable[int] = (),
    **fields,
) -> CoursePage:
    """A published course with `lessons` lessons spread over `modules` modules.

    quiz_in_lesson: 0-based index (or indexes) in tree order of the lessons that get `quiz_body()`.
    not_required: indexes of lessons with is_required=False.
    """
    n = next(_numbers)
    catalogue = make_catalogue()
    course = catalogue.add_child(
        instance=CoursePage(
            title=title or f"การพัฒนาผลิตภัณฑ์ชุมชน รุ่น {n}",
            slug=fields.pop("slug", f"course-{n}"),
            summary="เรียนรู้การพัฒนาผลิตภัณฑ์ให้ได้มาตรฐาน",
            category=category or make_category(),
            is_sequential=sequential,
            estimated_hours=fields.pop("estimated_hours", 2),
            **fields,
        )
    )
    publish(course)
    quiz_lessons = (
        set()
        if quiz_in_lesson is None
        else {quiz_in_lesson}
        if isinstance(quiz_in_lesson, int)
        else set(quiz_in_lesson)
    )
    not_required = set(not_required)
    module_pages = []
    for m in range(max(modules, 1)):
        module = course.add_child(
            instance=ModulePage(title=f"ส่วนที่ {m + 1}", slug=f"module-{m + 1}")
        )
        module_pages.append(publish(module))
    for i in range(lessons):
        module = module_pages[min(i * len(module_pages) // max(lessons, 1), len(module_pages) - 1)]
        add_lesson(
            module,
            body=quiz_body() if i in quiz_lessons else text_body(),
            title=f"บทที่ {i + 1}",
            slug=f"lesson-{i + 1}",
            is_required=i not in not_required,
        )
    return CoursePage.objects.get(pk=course.pk)


def body_form_data(body: list[tuple], prefix: str = "body") -> dict[str, str]:
    """Admin form data (as Wagtail's StreamField widget posts it) for a lesson body.

    Supports the blocks tests post: heading, paragraph and quiz (choices as (text, correct) pairs
    or dicts).
    """
    from wagtail.test.utils.form_data import nested_form_data, rich_text

    def listed(items):
        data = {
            str(i): {"value": value, "id": "", "deleted": "", "order": str(i)}
            for i, value in enumerate(items)
        }
        data["count"] = str(len(items))
        return data

    def choice(c):
        text, ok = (c["text"], c["is_correct"]) if isinstance(c, dict) else c
        return {"text": text, **({"is_correct": "on"} if ok else {})}

    def block_value(block_type, value):
        if block_type == "paragraph":
            return rich_text(value)
        if block_type == "quiz":
            return {
                "title": value["title"],
                "pass_mark": str(value["pass_mark"]),
                "max_attempts": str(value["max_attempts"]),
                "questions": listed(
                    [
                        {
                            "kind": q["kind"],
                            "text": q["text"],
                            "choices": listed([choice(c) for c in q["choices"]]),
                            "explanation": rich_text(q.get("explanation") or "<p></p>"),
                        }
                        for q in value["questions"]
                    ]
                ),
            }
        return value

    stream = {
        str(i): {"type": t, "value": block_value(t, v), "id": "", "deleted": "", "order": str(i)}
        for i, (t, v) in enumerate(body)
    }
    stream["count"] = str(len(body))
    return nested_form_data({prefix: stream})
