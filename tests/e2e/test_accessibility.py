"""axe-core finds no serious or critical accessibility issue on the trainee's pages, on a 360 px
phone, signed out and signed in (with the header menu open too)."""

import pytest

from tests.e2e.site_menu import open_menu
from tests.factories.courses import make_course
from tests.factories.learning import enrolled

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_public_and_trainee_pages_have_no_serious_accessibility_issue(
    site_home, live_server, phone_page, sign_in, axe
):
    page = phone_page
    course = make_course(lessons=2, modules=1, quiz_in_lesson=1, title="ฉลากสินค้าและบรรจุภัณฑ์")
    enrolment = enrolled(course)
    quiz_lesson = list(course.lessons())[1]
    from tests.factories.certificates import issued

    certificate = issued()
    pages = {
        "home": "/",
        "catalogue": course.get_parent().url,
        "course": course.url,
        "lesson": quiz_lesson.url,
        "certificate check": f"/certificates/verify/{certificate.code}/",
        "certificate check form": "/certificates/verify/",
        "producers": "/producers/",
    }
    blocked = []  # the Content-Security-Policy must not have to block anything the pages need
    page.on(
        "console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None
    )
    found = {}
    for name, url in pages.items():
        page.goto(live_server.url + url)
        found[name] = axe(page)
    sign_in(page, enrolment.user)
    for name, url in {
        "home (signed in)": "/",
        "course (enrolled)": course.url,
        "lesson with quiz": quiz_lesson.url,
        "dashboard": "/learning/",
        "certificate check (signed in)": f"/certificates/verify/{certificate.code}/",
        "producers (signed in)": "/producers/",
        "sign-up": "/accounts/sign-up/",
        "profile": "/accounts/profile/",
        "my certificates": "/accounts/certificates/",
        "join a producer, searched": "/producers/join/?q=ลำพูน",
        "my producer": "/producers/mine/",
        "password change": "/accounts/profile/password/",
    }.items():
        page.goto(live_server.url + url)
        found[name] = axe(page)
    open_menu(page)
    found["header menu open"] = axe(page)
    assert {name: v for name, v in found.items() if v} == {}
    assert blocked == []
