"""Thai search finds a word inside a longer word, with the same results on SQLite and PostgreSQL.

The probes are words a trainee would type; the expected lessons are simply those whose text
contains the probe. This test runs on whichever database is configured (SQLite for `make test`,
PostgreSQL in CI), so both must give the same answer.
"""

import pytest

from courses.search import subwords
from courses.selectors import search_catalogue
from tests.factories.courses import add_lesson, make_catalogue, make_course, text_body

pytestmark = pytest.mark.django_db

PASSAGES = {
    "retail-price": "ตั้งราคาขายปลีกให้เหมาะกับต้นทุน",
    "fda-number": "ยื่นขอเลขสารบบจากสำนักงานคณะกรรมการอาหารและยา",
    "industry-ministry": "ขอการรับรองจากกระทรวงอุตสาหกรรม",
    "pottery": "เครื่องปั้นดินเผาจากลำพูน",
    "chilli-paste": "น้ำพริกเผาสูตรดั้งเดิม",
    "silk-group": "วิสาหกิจชุมชนทอผ้าไหม",
    "herbs": "ผลิตภัณฑ์สมุนไพรแปรรูป",
    "village-meeting": "การประชุมกรรมการหมู่บ้าน",
    "bottled-water": "ตรวจสอบคุณภาพน้ำดื่มบรรจุขวด",
}
# The three words of the brief, then probes chosen without looking at how the text is indexed.
PROBES = [
    "ราคา",
    "คณะกรรมการ",
    "อุตสาหกรรม",
    "ดินเผา",
    "น้ำพริก",
    "ชุมชน",
    "สมุนไพร",
    "กรรมการ",
    "ผ้าไหม",
    "บรรจุ",
    "ต้นทุน",
    "อาหาร",
    "แปรรูป",
    "ดั้งเดิม",
    "คุณภาพ",
    "รับรอง",
]


@pytest.fixture
def passages(home_page):
    course = make_course(lessons=0, modules=1, title="Probe course", title_en="Probe course")
    module = course.modules().first()
    for slug, text in PASSAGES.items():
        add_lesson(module, title=slug, title_en=slug, summary="", body=text_body(f"<p>{text}</p>"))
    return make_catalogue()


@pytest.mark.parametrize("probe", PROBES)
def test_a_word_inside_a_longer_word_finds_exactly_the_lessons_that_contain_it(passages, probe):
    expected = {slug for slug, text in PASSAGES.items() if probe in text}
    _courses, lessons = search_catalogue(passages, probe)
    assert {lesson.title for lesson in lessons} == expected


def test_sub_words_are_dictionary_words_on_character_cluster_boundaries():
    found = subwords("<p>สำนักงานคณะกรรมการอาหารและยา</p>").split()
    assert {"คณะกรรมการ", "กรรมการ", "อาหาร", "สำนักงาน"} <= set(found)
    assert "ณะ" not in found  # not a word; and คณะ is not cut between ค and ณ


def test_thai_standard_abbreviations_stay_one_word(passages):
    from courses.search import segment

    assert "มผช" in segment("ได้รับ มผช. แล้ว").split()


def test_the_thai_dictionary_is_loaded_once_the_web_process_is_ready(monkeypatch):
    from django.apps import apps

    from courses import search

    search.thai_dictionary.cache_clear()
    started = []
    monkeypatch.setattr(search, "warm_up_in_background", lambda: started.append(search.warm_up()))
    monkeypatch.setattr("sys.argv", ["gunicorn", "config.wsgi"])
    apps.get_app_config("courses").ready()
    assert started and search.is_warm()


def test_migrations_and_tests_do_not_load_the_thai_dictionary():
    from courses.apps import serves_web_requests

    assert serves_web_requests(["manage.py", "runserver", "--noreload"], environ={})
    assert serves_web_requests(["manage.py", "runserver"], environ={"RUN_MAIN": "true"})
    assert not serves_web_requests(["manage.py", "runserver"], environ={})  # the file watcher
    assert serves_web_requests(["/srv/.venv/bin/gunicorn", "config.wsgi"])
    assert not serves_web_requests(["manage.py", "migrate"])
    assert not serves_web_requests(["/srv/.venv/bin/pytest", "tests"])
    assert not serves_web_requests(["celery", "-A", "config", "worker"])
