"""What trainers and coordinators meet in the Wagtail admin: preview, order, words."""

import pytest

from courses.models import LessonPage
from tests.factories.accounts import UserFactory
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


def test_live_preview_may_be_framed_by_the_admin_but_the_public_page_may_not(
    client, rf, home_page, superuser
):
    course = make_course(lessons=2, modules=1)
    lesson = LessonPage.objects.descendant_of(course).first()
    request = rf.get(f"/admin/pages/{lesson.pk}/edit/preview/")
    request.user = superuser

    preview = lesson.make_preview_request(request)

    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    public = client.get(course.url)
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"]
    assert public["X-Frame-Options"] == "DENY"


def test_explorer_lists_a_course_in_course_order_not_by_last_update(client, home_page, superuser):
    course = make_course(lessons=3, modules=3)
    modules = list(course.get_children().order_by("path"))
    modules[0].specific.save_revision().publish()  # the first module is now the latest edited
    client.force_login(superuser)

    listing = client.get(f"/admin/pages/{course.pk}/").content.decode()

    positions = [listing.index(f"/admin/pages/{m.pk}/edit/") for m in modules]
    assert positions == sorted(positions)
