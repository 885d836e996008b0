"""The public site's 400, 403, 404 and 500 pages: Thai first, in the site's design, with a way back."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import RequestFactory
from django.urls import path
from django.views import defaults

from config.urls import urlpatterns as site_urlpatterns

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def _raises(error):
    def view(request):
        raise error

    return view


urlpatterns = [
    path("test-errors/forbidden/", _raises(PermissionDenied("not yours"))),
    path("test-errors/bad/", _raises(SuspiciousOperation("odd host"))),
    path("test-errors/boom/", _raises(RuntimeError("a bug"))),
    *site_urlpatterns,
]


@pytest.fixture
def production(settings, home_page):
    settings.DEBUG = False
    return settings


def test_an_unknown_certificate_code_gets_the_thai_not_found_page(client, production):
    response = client.get("/certificates/verify/OTOP-2569-NOPE-NOPE/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="th">' in html
    assert "ไม่พบเกียรติบัตรเลขที่ OTOP-2569-NOPE-NOPE" in html  # its own page: what was not found
    assert "Not Found" not in html
    assert 'class="site-header"' in html  # the site's own layout
    # Ways back: home, and the form to try again.
    assert 'href="/"' in html and 'action="/certificates/verify/"' in html


def test_an_unknown_page_is_not_found_in_english_after_the_switch(client, production):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Page not found" in html and "Back to the home page" in html


def test_a_forbidden_page_says_so_in_thai_and_offers_sign_in(client, production):
    response = client.get("/test-errors/forbidden/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "ไม่มีสิทธิ์เข้าถึงหน้านี้" in html
    assert "/accounts/sign-in/?next=/test-errors/forbidden/" in html


def test_a_bad_request_gets_the_thai_400_page(client, production):
    response = client.get("/test-errors/bad/")
    assert response.status_code == 400
    html = response.content.decode()
    assert "ระบบอ่านคำขอนี้ไม่ได้" in html and 'href="/"' in html


def test_a_bug_gets_the_thai_500_page(client, production):
    client.raise_request_exception = False
    response = client.get("/test-errors/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="th">' in html
    assert "เกิดข้อผิดพลาดในระบบ" in html and "กลับไปหน้าแรก" in html
    assert "/static/css/site.css" in html


def _broken_context_processor(request):
    raise AssertionError("the 500 page must not run context processors")


def test_the_500_page_renders_with_the_database_down(settings, production):
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],
                "context_processors": [
                    *settings.TEMPLATES[0]["OPTIONS"]["context_processors"],
                    f"{__name__}._broken_context_processor",
                ],
            },
        }
    ]
    database_down = OperationalError("connection refused")
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=database_down):
        response = defaults.server_error(RequestFactory().get("/learning/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "เกิดข้อผิดพลาดในระบบ" in html
    assert "Server Error" not in html  # not Django's bare fallback
