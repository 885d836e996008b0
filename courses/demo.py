"""Demo courses: the catalogue, categories, the Course review workflow, and Thai courses.

The texts live in courses/demo_data/ (JSON, read by courses/demo_content.py: CATEGORIES, COURSES).
Pages are found by slug under their parent, so a second run changes nothing. The demo trainer may edit every demo course.
"""

from __future__ import annotations

from importlib import import_module

from accounts.models import User
from courses import demo_media
from courses.models import CourseCategory, CourseIndexPage, CoursePage, LessonPage, ModulePage
from courses.services import configure_catalogue, grant_course_to_trainer
from home.models import HomePage

DEMO_TRAINER = "trainer@demo.otop.test"


def seed(out, content=None) -> None:
    if content is None:
        try:
            content = import_module("courses.demo_content")
        except ModuleNotFoundError:
            content = None
    catalogue = ensure_catalogue()
    configure_catalogue(catalogue)
    if content is None:
        out.write("Courses: courses/demo_content.py is missing; only the catalogue was created.")
        return
    categories = {
        spec["code"]: ensure_category(order, spec) for order, spec in enumerate(content.CATEGORIES)
    }
    trainer = User.objects.filter(email=DEMO_TRAINER).first()
    created = 0
    for spec in content.COURSES:
        course, was_created = ensure_course(catalogue, spec, categories, trainer)
        created += was_created
        if trainer is not None:
            grant_course_to_trainer(course, trainer)
    out.write(f"Courses: {len(content.COURSES)} in {catalogue.url_path} ({created} new)")


def ensure_catalogue() -> CourseIndexPage:
    catalogue = CourseIndexPage.objects.first()
    if catalogue is None:
        home = HomePage.objects.get()
        catalogue = home.add_child(
            instance=CourseIndexPage(
                title="หลักสูตร",
                title_en="Courses",
                slug="courses",
                show_in_menus=True,
                intro="<p>เลือกเรียนได้ฟรีทุกหลักสูตร เรียนจากโทรศัพท์มือถือได้ตามเวลาที่สะดวก</p>",
                intro_en="<p>Every course is free. Learn on your phone, at your own pace.</p>",
            )
        )
        catalogue.save_revision().publish()
    return catalogue


def ensure_category(order: int, spec: dict) -> CourseCategory:
    category, _created = CourseCategory.objects.get_or_create(
        code=spec["code"],
        defaults={"name": spec["name"], "name_en": spec.get("name_en", ""), "sort_order": order},
    )
    return category


def _publish(parent, page, user):
    parent.add_child(instance=page)
    # Written by the demo trainer, published on the coordinators' behalf.
    page.save_revision(user=user).publish()
    return page


def ensure_course(catalogue, spec, categories, trainer) -> tuple[CoursePage, bool]:
    course = CoursePage.objects.child_of(catalogue).filter(slug=spec["slug"]).first()
    created = course is None
    if created:
        cover = spec.get("cover")
        course = _publish(
            catalogue,
            CoursePage(
                slug=spec["slug"],
                title=spec["title"],
                title_en=spec.get("title_en", ""),
                summary=spec["summary"],
                summary_en=spec.get("summary_en", ""),
                category=categories[spec["category"]],
                level=spec.get("level", CoursePage.Level.BEGINNER),
                estimated_hours=spec.get("estimated_hours", 1),
                is_sequential=spec.get("is_sequential", False),
                cover_image=demo_media.picture(
                    f"ปกหลักสูตร: {spec['title']}", cover["colour"], cover["label"], spec["slug"]
                )
                if cover
                else None,
            ),
            trainer,
        )
    for module_spec in spec.get("modules", []):
        module = ModulePage.objects.child_of(course).filter(slug=module_spec["slug"]).first()
        if module is None:
            module = _publish(
                course,
                ModulePage(
                    slug=module_spec["slug"],
                    title=module_spec["title"],
                    title_en=module_spec.get("title_en", ""),
                    summary=module_spec.get("summary", ""),
                    summary_en=module_spec.get("summary_en", ""),
                ),
                trainer,
            )
        for lesson_spec in module_spec.get("lessons", []):
            if not LessonPage.objects.child_of(module).filter(slug=lesson_spec["slug"]).exists():
                _publish(
                    module,
                    LessonPage(
                        slug=lesson_spec["slug"],
                        title=lesson_spec["title"],
                        title_en=lesson_spec.get("title_en", ""),
                        summary=lesson_spec.get("summary", ""),
                        summary_en=lesson_spec.get("summary_en", ""),
                        estimated_minutes=lesson_spec.get("estimated_minutes", 10),
                        is_required=lesson_spec.get("is_required", True),
                        body=lesson_body(lesson_spec),
                    ),
                    trainer,
                )
    return course, created


def lesson_body(lesson_spec) -> list[tuple]:
    """The demo schema's (block_type, value) pairs turned into StreamField values."""
    body = []
    for n, (block_type, value) in enumerate(lesson_spec.get("body", [])):
        if block_type == "image":
            value = {
                "image": demo_media.picture(
                    value.get("caption") or value["label"],
                    value["colour"],
                    value["label"],
                    f"{lesson_spec['slug']}-{n}",
                ),
                "alt": value.get("alt") or value["label"],
                "caption": value.get("caption", ""),
            }
        elif block_type == "handout":
            value = {
                "document": demo_media.handout(value["title"], value["filename"], value["text"]),
                "title": value["title"],
            }
        elif block_type == "video":
            value = {
                "file": None,
                "poster": None,
                "embed": value.get("url"),
                "caption": value.get("caption", ""),
            }
        elif block_type == "quiz":
            value = {
                **value,
                "questions": [
                    {
                        **question,
                        "explanation": question.get("explanation", ""),
                        "choices": [
                            {"text": text, "is_correct": is_correct}
                            for text, is_correct in question["choices"]
                        ],
                    }
                    for question in value["questions"]
                ],
            }
        body.append((block_type, value))
    return body
