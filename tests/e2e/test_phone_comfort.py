"""On a 360 px phone: every tap target is at least 44 px high, the signed-in header is one compact
row, and a lesson's first visit stays light."""

import pytest

from tests.e2e.site_menu import open_menu
from tests.factories.courses import make_course
from tests.factories.learning import enrolled
from tests.factories.media import make_image

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

THUMB = 44  # px: the smallest comfortable tap target
FIRST_VISIT_BUDGET = 100 * 1024  # bytes over the wire: HTML, CSS, JS and fonts of a lesson page

# Interactive elements shorter than THUMB, with what they say. A checkbox or radio inside its
# label is measured as the label (what a thumb taps); a link inside running text is excepted.
SMALL_TARGETS = """(thumb) => {
    const small = [];
    const targets = document.querySelectorAll(
        'a[href], button, input:not([type=hidden]), select, textarea, summary');
    for (const el of targets) {
        if (el.closest('[hidden], .wagtail-userbar, .skip-link') || el.classList.contains('skip-link')) continue;
        let box = el.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;  // not shown (a closed menu)
        const label = el.closest('label');
        if ((el.type === 'checkbox' || el.type === 'radio') && label) box = label.getBoundingClientRect();
        const style = getComputedStyle(el);
        if (el.tagName === 'A' && style.display === 'inline'
            && el.parentElement.textContent.trim() !== el.textContent.trim()) continue;
        if (box.height < thumb) {
            small.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.value || el.name).trim().slice(0, 30)}" ${Math.round(box.height)}px`);
        }
    }
    return small;
}"""


@pytest.fixture
def trainee_course(site_home):
    course = make_course(lessons=3, modules=2, quiz_in_lesson=2, title="ฉลากสินค้าและบรรจุภัณฑ์")
    return course, enrolled(course)


def test_every_tap_target_is_at_least_44_px_high(trainee_course, live_server, phone_page, sign_in):
    course, enrolment = trainee_course
    page = phone_page
    lessons = list(course.lessons())
    pages = {"home": "/", "course": course.url, "lesson": lessons[0].url}
    found = {}
    for name, url in pages.items():
        page.goto(live_server.url + url)
        found[f"{name} (signed out)"] = page.evaluate(SMALL_TARGETS, THUMB)
    sign_in(page, enrolment.user)
    for name, url in {**pages, "quiz lesson": lessons[1].url, "learning": "/learning/"}.items():
        page.goto(live_server.url + url)
        found[name] = page.evaluate(SMALL_TARGETS, THUMB)
    open_menu(page)
    found["menu"] = page.evaluate(SMALL_TARGETS, THUMB)
    assert {name: small for name, small in found.items() if small} == {}


def test_signed_in_header_is_one_row_of_at_most_64_px(
    trainee_course, live_server, phone_page, sign_in
):
    page = phone_page
    sign_in(page, trainee_course[1].user)
    page.goto(live_server.url + "/learning/")
    assert page.locator("header.site-header").bounding_box()["height"] <= 64
    # No JavaScript needed: the menu is a <details>, and its sign-out is a POST form.
    open_menu(page)
    assert page.locator(".site-nav").is_visible()
    assert page.get_by_role("button", name="ออกจากระบบ").is_visible()
    page.get_by_role("button", name="English").click()  # a longer site name: still one row
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("header.site-header").bounding_box()["height"] <= 64


def test_a_lesson_first_visit_is_under_100_kb(trainee_course, live_server, browser, sign_in):
    course, enrolment = trainee_course
    lesson = list(course.lessons())[0]
    picture = make_image(size=(1600, 900))
    lesson.body = [
        *lesson.body.raw_data,
        {"type": "image", "value": {"image": picture.pk, "alt": "ภาพ", "caption": ""}},
    ]
    lesson.save_revision().publish()
    # Sign in in one browser context, then visit with its cookies and an empty cache.
    signing_in = browser.new_context(viewport={"width": 360, "height": 740})
    sign_in(signing_in.new_page(), enrolment.user)
    cookies = signing_in.storage_state()
    signing_in.close()
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, storage_state=cookies, service_workers="block"
    )
    page = context.new_page()
    sizes = {}

    def count(request):
        if "/media/" in request.url:
            return  # lesson pictures are not part of the page's own weight
        measured = request.sizes()
        sizes[request.url] = measured["responseBodySize"] + measured["responseHeadersSize"]

    page.on("requestfinished", count)
    page.goto(live_server.url + lesson.url, wait_until="networkidle")
    context.close()
    assert any(url.endswith(".woff2") for url in sizes)
    assert sum(sizes.values()) < FIRST_VISIT_BUDGET, sorted(sizes.items(), key=lambda i: -i[1])
