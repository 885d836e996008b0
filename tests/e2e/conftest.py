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
