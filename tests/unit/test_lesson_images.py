"""Lesson pictures: WebP renditions in a srcset sized for phones, lazy below the first."""

import re

import pytest

from tests.factories.courses import add_lesson, make_course
from tests.factories.learning import enrolled
from tests.factories.media import make_image

pytestmark = pytest.mark.django_db


def picture(image, alt):
    return ("image", {"image": image, "alt": alt, "caption": ""})


@pytest.fixture
def lesson_with_two_pictures(home_page):
    course = make_course(lessons=0, modules=1)
    body = [
        ("paragraph", "<p>ตัวอย่างลายผ้า</p>"),
        picture(make_image(size=(1600, 900)), "ผ้าไหมลายแรก"),
        ("paragraph", "<p>อีกลายหนึ่ง</p>"),
        picture(make_image(size=(1600, 900), colour="#1f6f43"), "ผ้าไหมลายที่สอง"),
    ]
    return add_lesson(course.modules().first(), title="ลายผ้า", summary="", body=body)


def img_tags(html):
    return re.findall(r"<img [^>]*>", html)


def test_lesson_pictures_come_as_webp_renditions_for_three_widths(client, lesson_with_two_pictures):
    client.force_login(enrolled(lesson_with_two_pictures.get_course()).user)
    html = client.get(lesson_with_two_pictures.url).content.decode()
    first, second = [tag for tag in img_tags(html) if "ผ้าไหม" in tag]
    for tag in (first, second):
        widths = re.findall(r"\.webp (\d+)w", tag)
        assert widths == ["360", "720", "960"], tag
        assert 'sizes="(min-width: 56rem) 42rem, calc(100vw - 2rem)"' in tag
        assert re.search(r'width="\d+"', tag) and re.search(r'height="\d+"', tag)
        assert re.search(r'src="[^"]+\.webp"', tag)
    assert 'loading="eager"' in first and 'alt="ผ้าไหมลายแรก"' in first
    assert 'loading="lazy"' in second
