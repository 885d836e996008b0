"""Helpers for e2e tests of the Wagtail admin."""

import re

from tests.factories.accounts import PASSWORD


def sign_in_to_admin(page, base_url: str, user, password: str = PASSWORD) -> None:
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))
