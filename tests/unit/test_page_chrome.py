"""What every page carries: a favicon, a header menu that works without JavaScript, a footer."""

import io
import re

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db

THAI = re.compile(r"[\u0e00-\u0e7f]")


def test_favicon_ico_is_the_app_icon(client, home_page):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert "max-age" in response["Cache-Control"]
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32), (48, 48)} <= set(icon.info["sizes"])
    icon.size = (32, 32)
    assert icon.convert("RGB").getpixel((16, 16)) != (255, 255, 255)  # drawn, not blank


def test_every_page_links_the_favicon(client, home_page):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/favicon.ico"' in html


def footer_of(html):
    return html[html.index('<footer class="site-footer">') :]


def test_english_pages_show_no_thai_in_the_footer(client, home_page):
    from wagtail.models import Site

    from home.models import SiteSettings

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_phone = "0 2141 6000"
    settings.contact_email = "otop@example.org"
    settings.save()
    client.cookies["django_language"] = "en"
    footer = footer_of(client.get("/").content.decode())
    assert "SMART OTOP programme" in footer
    assert THAI.findall(footer) == []

    client.cookies["django_language"] = "th"
    assert "โครงการ SMART OTOP" in footer_of(client.get("/").content.decode())


def test_signed_in_menu_holds_the_trainee_links_and_a_sign_out_form(client, home_page):
    from tests.factories.accounts import TraineeFactory

    client.force_login(TraineeFactory())
    html = client.get("/").content.decode()
    menu = html[html.index('<details class="site-menu">') : html.index("</details>")]
    for href in ("/learning/", "/accounts/certificates/", "/producers/mine/", "/accounts/profile/"):
        assert f'href="{href}"' in menu
    assert re.search(r'<form method="post" action="/accounts/sign-out/">', menu)
    assert 'name="language"' in menu  # the language switch
