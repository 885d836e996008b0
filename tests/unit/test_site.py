import pytest
from django.core.management import call_command
from django.urls import reverse

from home.models import ContentPage

pytestmark = pytest.mark.django_db


def test_home_page_is_thai_by_default_and_english_after_the_switch(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="th">' in response.content.decode()
    assert "เข้าสู่ระบบ" in response.content.decode()

    switched = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert switched.status_code == 302 and switched["Location"] == "/"
    english = client.get("/").content.decode()
    assert '<html lang="en">' in english
    assert "Sign in" in english


def test_browser_language_alone_does_not_switch_away_from_thai(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="th">' in response.content.decode()


def test_healthz_reports_each_check(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["broker"]["mode"] == "in-process"


def test_healthz_names_the_broker_when_it_does_not_answer(client, settings):
    from config.celery import app

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/healthz/")
    finally:
        app.conf.broker_url = None
    assert response.status_code == 503
    assert response.json()["failed"] == ["broker"]


def test_seed_demo_twice_changes_nothing(home_page, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    from accounts.models import User

    counts = (User.objects.count(), ContentPage.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), ContentPage.objects.count()) == counts
    assert counts[0] >= 4


def test_seed_demo_refuses_production_without_force(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")


def test_public_pages_carry_a_strict_content_security_policy(client, home_page):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "object-src 'none'" in policy
