"""The demo seed builds the catalogue and courses once; a second run changes nothing."""

import io
from types import SimpleNamespace

import pytest
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Revision, WorkflowPage

from courses import demo
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from courses.services import COURSE_REVIEW
from tests.factories.accounts import TrainerFactory

pytestmark = pytest.mark.django_db

TINY = SimpleNamespace(
    CATEGORIES=[
        {
            "code": "packaging-design",
            "name": "บรรจุภัณฑ์และการออกแบบ",
            "name_en": "Packaging and design",
        }
    ],
    COURSES=[
        {
            "slug": "labels",
            "title": "ฉลากสินค้าชุมชน",
            "title_en": "Community product labels",
            "summary": "ฉลากที่ถูกต้องช่วยให้ลูกค้าเชื่อใจ",
            "summary_en": "A correct label earns trust.",
            "category": "packaging-design",
            "level": "beginner",
            "estimated_hours": 1,
            "is_sequential": True,
            "cover": {"colour": "#1f5f5b", "label": "ฉลาก"},
            "modules": [
                {
                    "slug": "basics",
                    "title": "พื้นฐานฉลาก",
                    "title_en": "Label basics",
                    "summary": "ฉลากต้องบอกอะไรบ้าง",
                    "lessons": [
                        {
                            "slug": "what-a-label-says",
                            "title": "ฉลากต้องบอกอะไร",
                            "title_en": "What a label says",
                            "summary": "ข้อมูลที่ต้องมีบนฉลาก",
                            "estimated_minutes": 10,
                            "is_required": True,
                            "body": [
                                ("heading", "ข้อมูลบนฉลาก"),
                                ("paragraph", "<p>ฉลากอาหารต้องมีวันผลิตและวันหมดอายุ</p>"),
                                ("callout", {"kind": "tip", "text": "เขียนตัวอักษรให้อ่านง่าย"}),
                                (
                                    "checklist",
                                    {"title": "ตรวจฉลาก", "items": ["ชื่อสินค้า", "วันหมดอายุ"]},
                                ),
                                (
                                    "image",
                                    {
                                        "colour": "#8a3b12",
                                        "label": "ฉลาก",
                                        "caption": "ตัวอย่างฉลาก",
                                        "alt": "ฉลากขวดน้ำพริก",
                                    },
                                ),
                                (
                                    "handout",
                                    {
                                        "title": "แบบตรวจฉลาก",
                                        "filename": "label-check.pdf",
                                        "text": "<h1>แบบตรวจฉลาก</h1><p>ชื่อสินค้า วันหมดอายุ</p>",
                                    },
                                ),
                                (
                                    "quiz",
                                    {
                                        "title": "ทบทวน",
                                        "pass_mark": 70,
                                        "max_attempts": 3,
                                        "questions": [
                                            {
                                                "kind": "single",
                                                "text": "ฉลากอาหารต้องมีอะไร",
                                                "explanation": "วันหมดอายุ",
                                                "choices": [("วันหมดอายุ", True), ("สีโปรด", False)],
                                            },
                                            {
                                                "kind": "true_false",
                                                "text": "ฉลากไม่จำเป็นต้องมีชื่อผู้ผลิต",
                                                "explanation": "ต้องมี",
                                                "choices": [("ถูก", False), ("ผิด", True)],
                                            },
                                        ],
                                    },
                                ),
                            ],
                        }
                    ],
                }
            ],
        }
    ],
)


def snapshot():
    pages = [
        (p.url_path, p.title, p.live, p.specific_class.__name__)
        for p in Page.objects.order_by("path")
    ]
    return pages, Image.objects.count(), Document.objects.count(), Revision.objects.count()


def test_seed_twice_gives_the_same_tree(home_page):
    trainer = TrainerFactory(email=demo.DEMO_TRAINER)
    out = io.StringIO()

    demo.seed(out, TINY)
    first = snapshot()
    demo.seed(out, TINY)

    assert snapshot() == first
    catalogue = CourseIndexPage.objects.get()
    assert (catalogue.slug, catalogue.title, catalogue.title_en) == ("courses", "หลักสูตร", "Courses")
    course = CoursePage.objects.get(slug="labels")
    assert course.live and course.cover_image is not None and course.is_sequential
    lesson = LessonPage.objects.get(slug="what-a-label-says")
    assert [b.block_type for b in lesson.body] == [
        "heading",
        "paragraph",
        "callout",
        "checklist",
        "image",
        "handout",
        "quiz",
    ]
    assert lesson.body[5].value["document"].file.read(4) == b"%PDF"
    lesson.body.stream_block.clean(lesson.body)
    quiz = lesson.get_quiz()
    assert [len(q.correct_ids()) for q in quiz.questions] == [1, 1]
    assert WorkflowPage.objects.get(page=catalogue).workflow.name == COURSE_REVIEW
    assert course.permissions_for_user(trainer).can_edit()
    assert not course.permissions_for_user(trainer).can_publish()


def test_the_real_demo_courses_load_and_are_stable(home_page):
    pytest.importorskip("courses.demo_content")
    TrainerFactory(email=demo.DEMO_TRAINER)
    demo.seed(io.StringIO())
    first = snapshot()
    demo.seed(io.StringIO())
    assert snapshot() == first
    assert CoursePage.objects.live().count() >= 3
    for lesson in LessonPage.objects.live():
        # Every demo lesson passes the editor's block rules (quiz answers included).
        lesson.body.stream_block.clean(lesson.body)


def test_the_demo_data_files_seed_every_course_module_lesson_and_block(home_page):
    from courses.demo_content import COURSES, DATA

    demo.seed(io.StringIO())

    assert {path.name for path in DATA.glob("*.json")} >= {"categories.json", "courses.json"}
    assert [course["slug"] for course in COURSES] == [
        "community-product-standard-tcps",
        "otop-packaging-and-labels",
        "selling-otop-online",
    ]
    assert (CoursePage.objects.live().count(), ModulePage.objects.live().count()) == (3, 9)
    lessons = LessonPage.objects.live()
    assert lessons.count() == 22
    assert sum(len(lesson.body) for lesson in lessons) == 157
    assert lessons.filter(title="มผช. คืออะไร และช่วยสินค้าชุมชนได้อย่างไร").exists()
