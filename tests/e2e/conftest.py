import shutil

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


def debian_chromium() -> str:
    """Debian's Chromium; without it the run stops at once with the package to install.

    `make test` installs it first (scripts/system-packages); this covers a bare `pytest`.
    """
    path = shutil.which("chromium")
    if path is None:
        pytest.exit(
            "Chromium is missing: apt-get install chromium (or run `make test`, which installs it)",
            returncode=4,
        )
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, headless, never a downloaded browser."""
    return {
        **browser_type_launch_args,
        "executable_path": debian_chromium(),
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


@pytest.fixture
def demo_data(site_home, settings, platform_group_permissions):
    """The demo data of `manage.py seed_demo`, served with its media (uploaded pictures, PDFs)."""
    import io

    from django.core.management import call_command

    from tests.factories.accounts import restore_platform_groups

    # Flushed by earlier browser tests: the groups and every permission the migrations gave them.
    restore_platform_groups(platform_group_permissions)
    settings.DEBUG = True  # seed_demo refuses otherwise
    settings.ROOT_URLCONF = "tests.e2e.media_urls"
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False


AXE_OPTIONS = {
    "runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    "resultTypes": ["violations"],
}


@pytest.fixture
def axe():
    """axe(page) -> serious or critical accessibility violations of the page (axe-core, WCAG A/AA).

    axe-core comes with the axe-playwright-python package, which injects it through the DevTools
    protocol: the page's CSP (no inline script) still holds.
    """
    from axe_playwright_python.sync_playwright import Axe

    engine = Axe()

    def _check(page):
        result = engine.run(page, options=AXE_OPTIONS).response
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    return _check


@pytest.fixture
def enter_sign_up_code():
    """Sign-up step 2 in the browser: type the code the live server sent (test settings keep text
    messages in accounts.sms.outbox, in this process)."""
    from playwright.sync_api import expect

    from tests.factories.accounts import code_sent_to

    def _enter(page, phone: str):
        expect(page.get_by_role("heading", level=1)).to_have_text("กรอกรหัสยืนยัน")
        page.get_by_label("รหัสจากข้อความ (ตัวเลข 6 หลัก)").fill(code_sent_to(phone))
        page.get_by_role("button", name="สร้างบัญชี").click()
        page.wait_for_url(lambda url: "/sign-up/code/" not in url)

    return _enter
