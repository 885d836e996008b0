"""Helpers for e2e tests of the Wagtail admin."""

import re

from tests.factories.accounts import PASSWORD


def sign_in_to_admin(page, base_url: str, user, password: str = PASSWORD) -> None:
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))


def insert_block(page, label_th: str, label_en: str, last: bool = True) -> None:
    """Add a StreamField block by its menu label (Thai or English admin) from the first or last "+"."""
    buttons = page.locator(".c-sf-add-button[aria-expanded]")
    (buttons.last if last else buttons.first).click()
    page.get_by_role("option", name=re.compile(f"^({label_th}|{label_en})$")).click()


def write_quiz(
    page, block: int, title: str, question: str, right: str, wrong: str, kind: str = ""
) -> None:
    """Fill the quiz block at `block` with one question, one right and one wrong answer."""
    page.fill(f"[name='body-{block}-value-title']", title)
    quiz = f"body-{block}-value-questions-0-value"
    if kind:
        page.select_option(f"[name='{quiz}-kind']", kind)
    page.fill(f"[name='{quiz}-text']", question)
    page.fill(f"[name='{quiz}-choices-0-value-text']", right)
    page.check(f"[name='{quiz}-choices-0-value-is_correct']")
    # The choices list's own "add" button that follows the first choice.
    page.locator(
        f"xpath=//input[@name='{quiz}-choices-count']/following::button[@data-streamfield-list-add][2]"
    ).click()
    page.fill(f"[name='{quiz}-choices-1-value-text']", wrong)
