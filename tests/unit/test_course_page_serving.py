"""Course and lesson pages go through Wagtail's normal serving path: privacy, publication, preview."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from courses.models import CoursePage
from courses.selectors import search_catalogue
from learning.models import LessonProgress
from tests.factories.courses import make_catalogue, make_course, text_body
from tests.factories.learning import enrolled
from tests.factories.pages import ensure_home_site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _one_cache_for_every_process(monkeypatch):
    """Production's cache is shared by every process (Redis); the tests' memory cache is, for the one
    process they run in. Page privacy is then kept per generation (courses.tree.view_restrictions)."""
    monkeypatch.setattr("courses.tree.default_cache_is_shared", lambda: True)


BODY = "การออกแบบบรรจุภัณฑ์ให้สวยงามช่วยให้ขายได้"


def _password_protect(page) -> PageViewRestriction:
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="ลำพูน2569"
    )


def _asks_for_password(response) -> bool:
    html = response.content.decode()
    return response.status_code == 200 and 'name="password"' in html and BODY not in html


def test_a_password_restricted_course_asks_an_enrolled_trainee_for_the_password(client, home_page):
    course = make_course(lessons=2)
    enrolment = enrolled(course)
    restriction = _password_protect(course)
    client.force_login(enrolment.user)
    lesson = course.lessons().first()

    assert _asks_for_password(client.get(lesson.url))
    assert _asks_for_password(client.get(course.url))
    assert not LessonProgress.objects.exists()  # nothing recorded behind the form

    # With the password, the same trainee reads the lesson.
    response = client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, lesson.pk]),
        {"password": "ลำพูน2569", "return_url": lesson.url},
    )
    assert response.status_code == 302
    assert BODY in client.get(lesson.url).content.decode()


def test_a_password_restricted_course_asks_an_anonymous_visitor_for_the_password(client, home_page):
    course = make_course(lessons=2)
    _password_protect(course)
    lesson = course.lessons().first()
    for url in (course.url, lesson.url):
        response = client.get(url)
        assert _asks_for_password(response)
        assert course.display_title not in response.content.decode()


def test_a_sign_in_restricted_course_sends_visitors_to_sign_in(client, home_page):
    course = make_course(lessons=1)
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(course.lessons().first().url)
    assert response.status_code == 302 and "next=" in response["Location"]


def _reads_lesson(response) -> bool:
    return response.status_code == 200 and BODY in response.content.decode()


def _trainee_reading_a_lesson(client, lessons: int = 1):
    """A signed-in trainee who has read the first lesson of a new course, so the process keeps which
    restrictions cover it: (course, enrolment, lesson)."""
    course = make_course(lessons=lessons)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    lesson = course.lessons().first()
    assert _reads_lesson(client.get(lesson.url))
    return course, enrolment, lesson


def test_privacy_set_after_a_lesson_was_read_applies_to_the_next_request(client, home_page):
    """Which restrictions cover a page is kept in the process: any change must reach it at once."""
    course, _enrolment, lesson = _trainee_reading_a_lesson(client, lessons=2)
    assert _reads_lesson(client.get(lesson.url))  # now kept

    restriction = _password_protect(course)
    assert _asks_for_password(client.get(lesson.url))
    assert _asks_for_password(client.get(course.url))

    restriction.password = "น่าน2570"  # a new password is asked for, not the one kept
    restriction.save()
    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, lesson.pk]),
        {"password": "ลำพูน2569", "return_url": lesson.url},
    )
    assert _asks_for_password(client.get(lesson.url))

    restriction.delete()
    assert _reads_lesson(client.get(lesson.url))


def test_privacy_set_on_the_catalogue_above_a_course_applies_to_its_lessons(client, home_page):
    from django.contrib.auth.models import Group

    course, enrolment, lesson = _trainee_reading_a_lesson(client)

    staff = Group.objects.create(name="เจ้าหน้าที่จังหวัดลำพูน")
    restriction = PageViewRestriction.objects.create(
        page=make_catalogue(), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(staff)
    assert not _reads_lesson(client.get(lesson.url))

    enrolment.user.groups.add(staff)  # the restriction is still checked against each request
    assert _reads_lesson(client.get(lesson.url))


def test_a_course_moved_under_a_restricted_page_is_restricted_at_once(client, home_page):
    from home.models import ContentPage
    from tests.factories.courses import publish

    course, _enrolment, lesson = _trainee_reading_a_lesson(client)

    archive = publish(home_page.add_child(instance=ContentPage(title="หลักสูตรเก่า", body=BODY)))
    PageViewRestriction.objects.create(page=archive, restriction_type=PageViewRestriction.LOGIN)
    client.logout()
    assert client.get(lesson.url).status_code == 200  # before the move: public as before
    CoursePage.objects.get(pk=course.pk).move(archive, pos="last-child")
    lesson.refresh_from_db()
    response = client.get(lesson.url)
    assert response.status_code == 302 and "next=" in response["Location"]


def test_the_admin_privacy_dialog_of_a_lesson_shows_the_course_restriction(client, home_page):
    from tests.factories.accounts import TrainerFactory

    course = make_course(lessons=1)
    _password_protect(course)
    admin = TrainerFactory(is_superuser=True)
    client.force_login(admin)
    lesson = course.lessons().first()
    response = client.get(reverse("wagtailadmin_pages:set_privacy", args=[lesson.pk]))
    assert response.status_code == 200
    # Wagtail says the page is private through its ancestor, with a link to that page's setting.
    assert str(course.pk) in response.json()["html"]


def test_the_admin_privacy_dialog_speaks_thai(client, home_page):
    from tests.factories.accounts import TrainerFactory

    course = make_course(lessons=1)
    client.force_login(TrainerFactory(is_superuser=True))
    response = client.get(
        reverse("wagtailadmin_pages:set_privacy", args=[course.pk]), HTTP_ACCEPT_LANGUAGE="th"
    )
    html = response.json()["html"]
    assert "รหัสผ่านร่วม" in html and "ใครก็ตามที่รู้รหัสผ่านนี้" in html
    assert "hared password" not in html


def test_nothing_under_an_unpublished_course_is_reachable(client, home_page):
    course = make_course(lessons=2, title="การย้อมผ้าด้วยสีธรรมชาติจากเปลือกมะพร้าว")
    enrolment = enrolled(course)
    lesson = course.lessons().first()
    url, course_url = lesson.url, course.url
    CoursePage.objects.get(pk=course.pk).unpublish()

    assert client.get(url).status_code == 404
    assert client.get(course_url).status_code == 404
    client.force_login(enrolment.user)
    assert client.get(url).status_code == 404
    assert not LessonProgress.objects.exists()


def test_nothing_under_an_unpublished_module_is_reachable(client, home_page):
    course = make_course(lessons=2, modules=2)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    second_module_lesson = list(course.lessons())[1]
    second_module_lesson.get_parent().specific.unpublish()
    assert client.get(second_module_lesson.url).status_code == 404


def test_search_does_not_list_lessons_of_an_unpublished_course(home_page):
    ensure_home_site()
    hidden = make_course(lessons=1, title="หลักสูตรที่ถอนการเผยแพร่")
    shown = make_course(lessons=1, title="หลักสูตรที่เผยแพร่อยู่")
    CoursePage.objects.get(pk=hidden.pk).unpublish()
    courses, lessons = search_catalogue(make_catalogue(), "บรรจุภัณฑ์")
    found = {lesson.pk for lesson in lessons}
    assert shown.lessons().first().pk in found
    assert hidden.lessons().first().pk not in found
    assert hidden.pk not in {c.pk for c in courses}


def test_search_does_not_list_lessons_of_a_private_course(home_page):
    ensure_home_site()
    private = make_course(lessons=1, title="หลักสูตรสำหรับกลุ่มทอผ้าบ้านดอนหลวง")
    shown = make_course(lessons=1, title="หลักสูตรที่ทุกคนอ่านได้")
    _password_protect(private)
    courses, lessons = search_catalogue(make_catalogue(), "บรรจุภัณฑ์")
    found = {lesson.pk for lesson in lessons}
    assert shown.lessons().first().pk in found
    assert private.lessons().first().pk not in found


def test_a_sign_in_restricted_course_sends_visitors_to_the_sites_sign_in_page(client, home_page):
    course = make_course(lessons=1)
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
    lesson = course.lessons().first()
    response = client.get(lesson.url)
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


def test_the_password_form_is_in_the_sites_layout_and_in_thai(client, home_page):
    course = make_course(lessons=1)
    _password_protect(course)
    html = client.get(course.lessons().first().url, HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert 'name="viewport"' in html  # readable on a phone
    assert "ต้องใช้รหัสผ่าน" in html and "ขอรหัสผ่านได้จากวิทยากร" in html
    assert 'name="password"' in html and 'name="return_url"' in html


def test_a_trainer_previews_a_draft_lesson_through_the_page_preview(client, home_page):
    from tests.factories.accounts import TrainerFactory

    course = make_course(lessons=1)
    lesson = course.lessons().first()
    lesson.body = text_body("<p>ร่างใหม่: ใส่ฉลากโภชนาการให้ครบ</p>")
    lesson.save_revision()
    trainer = TrainerFactory()
    trainer.is_superuser = True
    trainer.save()
    client.force_login(trainer)
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[lesson.pk]))
    assert response.status_code == 200
    assert "ร่างใหม่: ใส่ฉลากโภชนาการให้ครบ" in response.content.decode()
    assert not LessonProgress.objects.exists()


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # first visit records the start; caches warm
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_lesson_costs_at_most_one_query_more_than_a_plain_page_at_any_course_size(
    client, home_page
):
    from home.models import ContentPage
    from tests.factories.courses import publish

    plain = publish(home_page.add_child(instance=ContentPage(title="เกี่ยวกับโครงการ", body=BODY)))
    small, large = make_course(lessons=10, modules=2), make_course(lessons=60, modules=12)
    trainee = enrolled(small).user
    enrolled(large, user=trainee)
    client.force_login(trainee)
    plain_queries = _queries(client, plain.url)
    for course in (small, large):
        assert _queries(client, list(course.lessons())[1].url) <= plain_queries + 1


def test_a_lesson_costs_seven_queries_or_fewer_and_its_quiz_result_one_more(client, home_page):
    import uuid

    from django.urls import reverse

    from tests.factories.learning import wrong_answers

    course = make_course(lessons=6, modules=2, sequential=True, quiz_in_lesson=0)
    trainee = enrolled(course).user
    client.force_login(trainee)
    quiz_lesson, plain_lesson = list(course.lessons())[:2]
    quiz = quiz_lesson.get_quiz()
    data = {"token": str(uuid.uuid4())}
    data.update({f"q-{qid}": c for qid, c in wrong_answers(quiz).items()})
    client.post(reverse("learning:submit_quiz", args=[quiz_lesson.pk]), data)
    # Routing, session, user, enrolment with progress: no query for page privacy (none covers
    # it), the course path, the outline or the locks.
    assert _queries(client, plain_lesson.url) <= 7
    assert _queries(client, quiz_lesson.url) <= 8  # the trainee's attempts


def test_the_outline_lists_only_the_lessons_of_the_open_module(client, home_page):
    course = make_course(lessons=60, modules=12)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    lessons = list(course.lessons())
    html = client.get(lessons[7].url).content.decode()
    assert html.count('<li class="outline-lesson') == 5  # the lesson's own module
    assert html.count("outline-folded") == 11
    assert lessons[6].url in html and lessons[12].url not in html


def test_a_newly_published_lesson_appears_in_the_cached_outline(client, home_page):
    from tests.factories.courses import add_lesson

    course = make_course(lessons=1, modules=1)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    first = course.lessons().first()
    assert "บทที่เพิ่มใหม่" not in client.get(first.url).content.decode()
    add_lesson(first.get_parent().specific, title="บทที่เพิ่มใหม่")
    assert "บทที่เพิ่มใหม่" in client.get(first.url).content.decode()
    assert "บทที่เพิ่มใหม่" in client.get(course.url).content.decode()


def test_a_lesson_shows_its_newly_published_text_and_a_preview_shows_the_draft(client, home_page):
    """The lesson's text is rendered once per published revision: a new revision replaces it at once."""
    from tests.factories.accounts import TrainerFactory
    from tests.factories.courses import publish

    course = make_course(lessons=1)
    lesson = course.lessons().first()
    trainee = enrolled(course).user
    client.force_login(trainee)
    assert "การออกแบบบรรจุภัณฑ์ให้สวยงาม" in client.get(lesson.url).content.decode()

    lesson.body = text_body("<p>ฉบับปรับปรุง: ฉลากต้องบอกวันหมดอายุ</p>")
    lesson.title = "ฉลากสินค้าฉบับปรับปรุง"
    lesson.save_revision()  # a draft: trainees still read the published text
    html = client.get(lesson.url).content.decode()
    assert "การออกแบบบรรจุภัณฑ์ให้สวยงาม" in html and "ฉบับปรับปรุง" not in html

    trainer = TrainerFactory(is_superuser=True)
    client.force_login(trainer)
    draft = client.get(reverse("wagtailadmin_pages:view_draft", args=[lesson.pk])).content.decode()
    assert "ฉบับปรับปรุง: ฉลากต้องบอกวันหมดอายุ" in draft and "ฉลากสินค้าฉบับปรับปรุง" in draft

    publish(lesson)
    client.force_login(trainee)
    html = client.get(lesson.url).content.decode()
    assert "ฉบับปรับปรุง: ฉลากต้องบอกวันหมดอายุ" in html and "<h1>ฉลากสินค้าฉบับปรับปรุง</h1>" in html
    assert "การออกแบบบรรจุภัณฑ์ให้สวยงาม" not in html


def test_each_trainee_gets_their_own_quiz_where_the_author_put_it(client, home_page):
    """The shared text around the quiz comes from the rendered-once parts; the quiz is the trainee's."""
    import uuid

    from tests.factories.courses import quiz_value
    from tests.factories.learning import wrong_answers

    body = [
        ("paragraph", "<p>ก่อนแบบทดสอบ: อ่านเรื่องฉลาก</p>"),
        ("quiz", quiz_value()),
        ("paragraph", "<p>หลังแบบทดสอบ: สรุปบทเรียน</p>"),
    ]
    course = make_course(lessons=1)
    lesson = course.lessons().first()
    lesson.body = body
    lesson.save_revision().publish()
    first, second = enrolled(course), enrolled(course)
    client.force_login(first.user)
    quiz = lesson.get_quiz()
    data = {"token": str(uuid.uuid4())}
    data.update({f"q-{qid}": c for qid, c in wrong_answers(quiz).items()})
    client.post(reverse("learning:submit_quiz", args=[lesson.pk]), data)
    mine = client.get(lesson.url).content.decode()
    client.force_login(second.user)
    theirs = client.get(lesson.url).content.decode()
    for html in (mine, theirs):
        before, quiz_at, after = (
            html.index("ก่อนแบบทดสอบ"),
            html.index('id="quiz"'),
            html.index("หลังแบบทดสอบ"),
        )
        assert before < quiz_at < after
    assert 'id="quiz-result"' in mine and 'id="quiz-result"' not in theirs


def test_a_private_course_takes_no_quiz_answers_without_its_password(client, home_page):
    import uuid

    from learning.models import QuizAttempt
    from tests.factories.learning import correct_answers

    course = make_course(lessons=2, quiz_in_lesson=0)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    lesson = course.lessons().first()
    restriction = _password_protect(course)

    def answer():
        data = {"token": str(uuid.uuid4())}
        data.update({f"q-{qid}": c for qid, c in correct_answers(lesson.get_quiz()).items()})
        return client.post(reverse("learning:submit_quiz", args=[lesson.pk]), data)

    refused = answer()
    assert refused.status_code == 302 and not QuizAttempt.objects.exists()
    page = client.get(refused["Location"]).content.decode()
    assert "หลักสูตรนี้จำกัดการเข้าถึง" in page

    # A phone replaying answers kept offline is told why, in JSON.
    replay = client.post(
        reverse("learning:submit_quiz", args=[lesson.pk]),
        {"token": str(uuid.uuid4())},
        HTTP_X_OFFLINE_REPLAY="1",
    )
    assert replay.status_code == 409 and "หลักสูตรนี้จำกัดการเข้าถึง" in replay.json()["message"]

    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, lesson.pk]),
        {"password": "ลำพูน2569", "return_url": lesson.url},
    )
    answer()
    assert QuizAttempt.objects.filter(passed=True).count() == 1


def test_a_private_course_enrols_no_one_who_has_not_passed_its_privacy(client, home_page):
    from learning.models import Enrolment
    from tests.factories.accounts import TraineeFactory

    course = make_course(lessons=1)
    restriction = _password_protect(course)
    trainee = TraineeFactory()
    client.force_login(trainee)
    response = client.post(reverse("learning:enrol", args=[course.pk]))
    assert response["Location"] == course.url
    assert not Enrolment.objects.filter(user=trainee).exists()

    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, course.pk]),
        {"password": "ลำพูน2569", "return_url": course.url},
    )
    client.post(reverse("learning:enrol", args=[course.pk]))
    assert Enrolment.objects.filter(user=trainee).count() == 1


def test_the_offline_package_of_a_course_private_to_a_group_is_for_its_members(client, home_page):
    from django.contrib.auth.models import Group

    course = make_course(lessons=2)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    url = reverse("offline:package", args=[course.pk])
    assert client.get(url).status_code == 200

    weavers = Group.objects.create(name="กลุ่มทอผ้าบ้านดอนหลวง")
    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(weavers)
    assert client.get(url).status_code == 404  # no lesson titles, no handout addresses

    enrolment.user.groups.add(weavers)
    assert client.get(url).status_code == 200


def test_with_a_cache_per_process_privacy_made_elsewhere_applies_at_once(
    client, home_page, monkeypatch
):
    """Another process (a second worker, `manage.py shell`) cannot move this process's generation:
    privacy is then looked up on every request, as Wagtail does."""
    monkeypatch.setattr("courses.tree.default_cache_is_shared", lambda: False)
    course, _enrolment, lesson = _trainee_reading_a_lesson(client)
    # Written as another process would: this process hears no signal and its generation stays.
    PageViewRestriction.objects.bulk_create(
        [
            PageViewRestriction(
                page=course, restriction_type=PageViewRestriction.PASSWORD, password="ลำพูน2569"
            )
        ]
    )
    assert _asks_for_password(client.get(lesson.url))
