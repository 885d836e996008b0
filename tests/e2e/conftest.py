from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, headless, never a downloaded browser."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def phone_page(browser, live_server):
    """A 360 px wide phone-sized page, the trainees' usual screen."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="th-TH")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def sign_in(live_server):
    """sign_in(page, user): sign a user in through the sign-in form (password: factories.PASSWORD)."""
    from tests.factories.accounts import PASSWORD

    def _sign_in(page, user, password=PASSWORD):
        page.goto(live_server.url + "/accounts/sign-in/")
        page.locator("#id_username").fill(user.email or user.phone)
        page.locator("#id_password").fill(password)
        page.locator("form.form button[type=submit]").click()
        page.wait_for_load_state()

    return _sign_in


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def axe():
    """axe(page) -> serious or critical accessibility violations of the page (axe-core, WCAG A/AA)."""
    from tests.conftest import need_service

    if not AXE.exists():
        need_service("axe-core", "run `npm install` in the project root")

    def _check(page):
        # Evaluated through the DevTools protocol: the page's CSP (no inline script) still holds.
        page.evaluate(AXE.read_text())
        result = page.evaluate(
            "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})"
        )
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    return _check
