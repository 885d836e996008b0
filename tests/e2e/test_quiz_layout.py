"""The quiz on a 360 px phone: long question titles wrap inside their box, and the result is readable."""

import pytest

from tests.factories.accounts import TraineeFactory
from tests.factories.courses import QUIZ_QUESTIONS, add_lesson, make_course, publish, quiz_body
from tests.factories.learning import enrolled

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LONG_TITLE = (
    "เมื่อกลุ่มวิสาหกิจชุมชนผลิตน้ำพริกเผาและต้องการยื่นขอมาตรฐานผลิตภัณฑ์ชุมชนพร้อมเลขสารบบอาหาร"
    "ข้อใดเป็นเอกสารที่ต้องเตรียมให้ครบถ้วนก่อนยื่นคำขอต่อสำนักงานอุตสาหกรรมจังหวัด"
)

# Where each question's title sits against its box: inside means below the top border and
# within the left and right edges.
OUTSIDE_ITS_BOX = """() => [...document.querySelectorAll('fieldset.question')].filter(box => {
    const b = box.getBoundingClientRect(), t = box.querySelector('legend').getBoundingClientRect();
    return t.top < b.top + 1 || t.left < b.left || t.right > b.right + 0.5;
}).length"""


def test_a_long_question_title_wraps_inside_its_box_at_360_px(
    site_home, live_server, phone_page, sign_in
):
    course = make_course(lessons=0, modules=1)
    questions = [dict(QUIZ_QUESTIONS[0], text=LONG_TITLE), *QUIZ_QUESTIONS[1:]]
    lesson = add_lesson(course.modules().first(), body=quiz_body(questions=questions))
    publish(course)
    trainee = TraineeFactory()
    enrolled(course, trainee)
    sign_in(phone_page, trainee)
    phone_page.goto(live_server.url + lesson.url)
    assert phone_page.locator("fieldset.question").count() == 3
    assert phone_page.evaluate(OUTSIDE_ITS_BOX) == 0
    assert phone_page.evaluate("() => document.documentElement.scrollWidth") <= 360
