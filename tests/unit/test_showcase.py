"""The public directory of trained producers: consent, privacy, filters, Thai search, speed,
structured data, sitemap and the public API."""

import datetime as dt
import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates.models import Certificate
from producers import services
from producers.models import Membership, ProductStandard
from tests.factories.accounts import TraineeFactory
from tests.factories.courses import make_course
from tests.factories.learning import enrolled
from tests.factories.producers import (
    CHIANG_MAI_KHUN_KHONG,
    PHETCHABURI_THA_YANG,
    MembershipFactory,
    ProducerFactory,
    ProductFactory,
    ProductPhotoFactory,
    ProductRatingFactory,
    ProductStandardFactory,
    listed_producer,
)

pytestmark = pytest.mark.django_db

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def certificate(user, producer, course, code="OTOP-2569-TEST-0001"):
    """A valid certificate of `user` for `course`, issued while a member of `producer` (no PDF)."""
    enrolment = enrolled(course, user)
    return Certificate.objects.create(
        enrolment=enrolment,
        code=code,
        status=Certificate.Status.VALID,
        holder_name=user.get_full_name(),
        course_title=course.title,
        completed_on=dt.date(2026, 11, 20),
        producer=producer,
        producer_name=producer.name,
        producer_registration_number=producer.registration_number,
    )


def owner_of(producer):
    return MembershipFactory(producer=producer, role=Membership.Role.OWNER).user


def directory_names(client, query=""):
    response = client.get("/producers/" + query)
    return response, re.findall(r'<span class="card-title">(.*?)</span>', response.content.decode())


# ---------------------------------------------------------------- consent


def test_nothing_is_public_until_the_owner_opts_in(client, home_page):
    producer = ProducerFactory(name="กลุ่มลำไยอบแห้งเหมืองง่า")
    _response, names = directory_names(client)
    assert names == []
    assert client.get(f"/producers/{producer.pk}/").status_code == 404
    assert client.get("/api/v1/directory/producers/").json()["count"] == 0
    assert client.get(f"/api/v1/directory/producers/{producer.pk}/").status_code == 404


def test_owner_opts_in_from_my_producer_and_chooses_the_contacts(client, home_page):
    producer = ProducerFactory(name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง", phone="053000111")
    owner = owner_of(producer)
    client.force_login(owner)
    page = client.get("/producers/mine/").content.decode()
    assert reverse("producers:public_listing", args=[producer.pk]) in page

    response = client.post(
        reverse("producers:public_listing", args=[producer.pk]),
        {
            "public_listing": "on",
            "description": "ทอผ้าไหมยกดอกด้วยกี่พื้นเมือง",
            "public_phone": "๐๕๓ ๕๑๑ ๒๓๔",
            "public_line_id": "@banklangsilk",
        },
    )
    assert response.status_code == 302
    producer.refresh_from_db()
    assert producer.public_listing and producer.public_listing_at is not None
    assert producer.public_phone == "053511234"  # Thai digits and spaces normalised

    client.logout()
    html = client.get(f"/producers/{producer.pk}/").content.decode()
    assert "ทอผ้าไหมยกดอกด้วยกี่พื้นเมือง" in html
    assert "053511234" in html and "@banklangsilk" in html
    assert "053000111" not in html  # the registry phone was not chosen for publishing


def test_owner_opting_out_removes_the_page_at_once(client, home_page):
    producer = listed_producer()
    owner = owner_of(producer)
    assert client.get(f"/producers/{producer.pk}/").status_code == 200
    client.force_login(owner)
    client.post(reverse("producers:public_listing", args=[producer.pk]), {})
    producer.refresh_from_db()
    assert not producer.public_listing and producer.public_listing_at is None
    assert client.get(f"/producers/{producer.pk}/").status_code == 404
    _response, names = directory_names(client)
    assert names == []


def test_a_member_who_is_not_the_owner_cannot_list_the_producer(client, home_page):
    producer = ProducerFactory()
    member = MembershipFactory(producer=producer).user
    client.force_login(member)
    url = reverse("producers:public_listing", args=[producer.pk])
    assert client.post(url, {"public_listing": "on"}).status_code == 404
    with pytest.raises(services.PermissionDenied):
        services.update_public_listing(producer, member, {"public_listing": True})
    producer.refresh_from_db()
    assert not producer.public_listing


def test_bad_contacts_are_refused_with_a_message_and_change_nothing(client, home_page):
    producer = ProducerFactory()
    client.force_login(owner_of(producer))
    response = client.post(
        reverse("producers:public_listing", args=[producer.pk]),
        {"public_listing": "on", "public_phone": "12", "public_line_id": "ไลน์ของฉัน ฉัน"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "9 หรือ 10 หลัก" in html and "ไอดีไลน์" in html
    producer.refresh_from_db()
    assert not producer.public_listing and producer.public_phone == ""
    nul = client.post(
        reverse("producers:public_listing", args=[producer.pk]),
        {"public_listing": "on", "public_line_id": "ไลน์ของฉัน\x00"},
    )
    assert nul.status_code == 400  # refused at the edge, before any form
    producer.refresh_from_db()
    assert not producer.public_listing


def test_a_coordinator_can_hide_a_listing(client, home_page):
    producer = listed_producer(name="กลุ่มสบู่สมุนไพรบ้านไชยสถาน")
    producer.listing_hidden = True
    producer.save()
    assert client.get(f"/producers/{producer.pk}/").status_code == 404
    _response, names = directory_names(client)
    assert names == []
    owner = owner_of(producer)
    client.force_login(owner)
    assert "ผู้ประสานงานซ่อนไว้" in client.get("/producers/mine/").content.decode()


def test_join_and_my_producer_pages_still_answer_under_producers(client, home_page):
    assert reverse("producers:join") == "/producers/join/"
    assert client.get("/producers/join/").status_code == 302  # to sign in, not the directory
    client.force_login(TraineeFactory())
    assert client.get("/producers/join/").status_code == 200
    assert client.get("/producers/mine/").status_code == 200


# ---------------------------------------------------------------- privacy


def test_members_are_counted_but_named_only_when_they_chose_it(client, home_page):
    producer = listed_producer(house_number="45/7")
    course = make_course(lessons=1, modules=1, title="มาตรฐานผลิตภัณฑ์ชุมชน")
    quiet = TraineeFactory(first_name="บุญเรือน", last_name="ปัญญาดี", phone="0899000001")
    named = TraineeFactory(first_name="สมใจ", last_name="ใจดี", phone="0899000002")
    for user in (quiet, named):
        MembershipFactory(producer=producer, user=user)
    certificate(quiet, producer, course, code="OTOP-2569-QUIE-T001")
    certificate(named, producer, course, code="OTOP-2569-NAME-D001")
    services.set_named_publicly(named, producer, True)

    html = client.get(f"/producers/{producer.pk}/").content.decode()
    assert re.search(r"<strong>2</strong>\s*สมาชิกที่ผ่านการอบรม", html)
    assert named.get_full_name() in html
    assert "/certificates/verify/OTOP-2569-NAME-D001/" in html
    assert quiet.get_full_name() not in html and "OTOP-2569-QUIE-T001" not in html
    for user in (quiet, named):
        assert user.email not in html and user.phone not in html
    assert "45/7" not in html  # the house number stays in the registry


def test_a_member_turns_their_name_on_and_off_from_my_producer(client, home_page):
    producer = listed_producer()
    membership = MembershipFactory(producer=producer)
    client.force_login(membership.user)
    url = reverse("producers:named_publicly", args=[producer.pk])
    client.post(url, {"named_publicly": "on"})
    membership.refresh_from_db()
    assert membership.named_publicly
    client.post(url, {})
    membership.refresh_from_db()
    assert not membership.named_publicly


# ---------------------------------------------------------------- filters and search


def test_filter_by_province_and_five_stars_uses_each_products_latest_rating(client, home_page):
    now_five = listed_producer(name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง")
    ProductRatingFactory(product=ProductFactory(producer=now_five), year=2567, stars=5)
    once_five = listed_producer(name="กลุ่มลำไยอบแห้งเหมืองง่า")
    product = ProductFactory(producer=once_five)
    ProductRatingFactory(product=product, year=2565, stars=5)
    ProductRatingFactory(product=product, year=2567, stars=3)
    elsewhere = listed_producer(name="วิสาหกิจชุมชนน้ำพริกแม่บุญ", subdistrict_code=PHETCHABURI_THA_YANG)
    ProductRatingFactory(product=ProductFactory(producer=elsewhere), year=2567, stars=5)

    _response, names = directory_names(client, "?province=51&stars=5")
    assert names == ["กลุ่มทอผ้าไหมยกดอกบ้านกลาง"]
    _response, names = directory_names(client, "?stars=5")
    assert sorted(names) == ["กลุ่มทอผ้าไหมยกดอกบ้านกลาง", "วิสาหกิจชุมชนน้ำพริกแม่บุญ"]


def test_standard_filter_counts_only_standards_still_valid(client, home_page, settings):
    valid = listed_producer(name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง")
    ProductStandardFactory(product=ProductFactory(producer=valid), expires_on=dt.date(2099, 1, 1))
    expired = listed_producer(name="กลุ่มลำไยอบแห้งเหมืองง่า")
    ProductStandardFactory(product=ProductFactory(producer=expired), expires_on=dt.date(2020, 1, 1))
    _response, names = directory_names(client, "?standard=community")
    assert names == ["กลุ่มทอผ้าไหมยกดอกบ้านกลาง"]
    product_page = client.get(
        f"/producers/{expired.pk}/products/{expired.products.get().pk}/"
    ).content.decode()
    assert "หมดอายุ" in product_page  # still shown on the product, as expired


def test_district_and_category_filters(client, home_page):
    listed_producer(name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง")  # 5101 เมืองลำพูน, textile
    listed_producer(
        name="บริษัท ถวายไม้แกะสลัก จำกัด", subdistrict_code=CHIANG_MAI_KHUN_KHONG, category="household"
    )
    _response, names = directory_names(client, "?province=50&district=5015")
    assert names == ["บริษัท ถวายไม้แกะสลัก จำกัด"]
    _response, names = directory_names(client, "?category=textile")
    assert names == ["กลุ่มทอผ้าไหมยกดอกบ้านกลาง"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ผ้าไหม", ["กลุ่มทอผ้าไหมยกดอกบ้านกลาง"]),  # a word inside a longer name
        ("ผ้าไหมลำพูน", ["กลุ่มทอผ้าไหมยกดอกบ้านกลาง"]),  # two words, no space: segmented
        ("น้ำพริกเผา", ["วิสาหกิจชุมชนน้ำพริกแม่บุญ"]),  # found through a product's name
        ("เพชรบุรี", ["วิสาหกิจชุมชนน้ำพริกแม่บุญ"]),  # a province's name
        ("ผ้าไหม เพชรบุรี", []),  # every word must match
    ],
)
def test_thai_search(client, home_page, query, expected):
    listed_producer(name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง")
    chili = listed_producer(name="วิสาหกิจชุมชนน้ำพริกแม่บุญ", subdistrict_code=PHETCHABURI_THA_YANG)
    ProductFactory(producer=chili, name="น้ำพริกเผากุ้งเสียบ", category="food")
    _response, names = directory_names(client, f"?q={query}")
    assert names == expected


@pytest.mark.parametrize(
    "query",
    ["?province=99&stars=9", "?district=5015", "?category=weapons", "?q=%22%00ab", "?page=-3"],
)
def test_bad_filters_give_a_message_and_are_left_out(client, home_page, query):
    listed_producer(name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง")
    response, names = directory_names(client, query)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "ใช้ไม่ได้" in response.content.decode()
    assert names == ["กลุ่มทอผ้าไหมยกดอกบ้านกลาง"] or query.startswith("?q=")


def test_pages_of_twenty_keep_the_filters(client, home_page):
    for n in range(23):
        listed_producer(name=f"กลุ่มทอผ้า {n:02d}")
    response, names = directory_names(client, "?province=51")
    assert len(names) == 20
    assert "?province=51&amp;page=2" in response.content.decode()
    _response, names = directory_names(client, "?province=51&page=2")
    assert len(names) == 3


# ---------------------------------------------------------------- speed


def _producers_with_everything(count: int, offset: int = 0) -> None:
    course = make_course(lessons=1, modules=1)
    for n in range(count):
        producer = listed_producer(name=f"กลุ่มผู้ผลิต {offset + n:03d}")
        product = ProductFactory(producer=producer)
        ProductRatingFactory(product=product, stars=5)
        ProductStandardFactory(product=product, expires_on=dt.date(2099, 1, 1))
        ProductPhotoFactory(product=product)
        member = MembershipFactory(producer=producer).user
        certificate(member, producer, course, code=f"OTOP-2569-SPED-{offset + n:04d}")


def _queries_for_listing(client) -> int:
    client.get("/producers/?stars=5&standard=community")  # renditions are made once
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/producers/?stars=5&standard=community")
    assert response.status_code == 200
    return len(queries)


def test_listing_runs_the_same_number_of_queries_for_3_and_30_producers(client, home_page):
    _producers_with_everything(3)
    small = _queries_for_listing(client)
    _producers_with_everything(27, offset=3)
    large = _queries_for_listing(client)
    assert small == large
    assert large <= 15


def test_a_cached_page_needs_no_listing_query_and_a_change_shows_at_once(client, home_page):
    producer = listed_producer(name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง")
    client.get("/producers/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/producers/")
    assert not any("producers_producer" in q["sql"] for q in queries.captured_queries)
    producer.name = "กลุ่มทอผ้าไหมบ้านกลาง (ชื่อใหม่)"
    producer.save()
    _response, names = directory_names(client)
    assert names == ["กลุ่มทอผ้าไหมบ้านกลาง (ชื่อใหม่)"]


# ---------------------------------------------------------------- pages, structured data, sitemap


def test_product_page_has_photos_as_webp_and_verify_links(client, home_page):
    producer = listed_producer(name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง")
    product = ProductFactory(producer=producer, name="ผ้าไหมยกดอกลายพิกุล", description="ทอมือ")
    ProductPhotoFactory(product=product, caption="ผ้าไหมสีม่วงเปลือกมังคุด")
    ProductStandardFactory(product=product, certificate_number="มผช. 17/2565", expires_on=None)
    ProductRatingFactory(product=product, year=2567, stars=5)
    member = MembershipFactory(producer=producer, named_publicly=True).user
    certificate(member, producer, make_course(lessons=1, modules=1), code="OTOP-2569-PROD-0001")

    html = client.get(f"/producers/{producer.pk}/products/{product.pk}/").content.decode()
    assert re.search(r'<source [^>]*type="image/webp"', html) and "format-webp.webp 800w" in html
    assert 'alt="ผ้าไหมสีม่วงเปลือกมังคุด"' in html
    assert "มผช. 17/2565" in html and "5 ดาว ในการคัดสรรปี 2567" in html
    assert 'href="/certificates/verify/OTOP-2569-PROD-0001/"' in html
    assert client.get("/certificates/verify/OTOP-2569-PROD-0001/").status_code == 200

    data = json.loads(LD_JSON.search(html).group(1))
    assert data["@type"] == "Product" and data["name"] == "ผ้าไหมยกดอกลายพิกุล"
    assert data["manufacturer"]["name"] == "กลุ่มทอผ้าไหมยกดอกบ้านกลาง"
    assert data["image"][0].startswith("http://testserver/media/")
    assert data["hasCertification"][0]["certificationIdentification"] == "มผช. 17/2565"
    assert re.search(
        r'<meta property="og:image" content="http://testserver/media/[^"]+\.jpg">', html
    )


def test_producer_page_has_organization_json_ld_and_a_map_link_only(client, home_page):
    producer = listed_producer(name='กลุ่ม "</script><b>ทดสอบ', public_phone="053511234")
    html = client.get(f"/producers/{producer.pk}/").content.decode()
    scripts = LD_JSON.findall(html)
    assert len(scripts) == 1 and "</script>" not in scripts[0]  # < > & escaped inside
    data = json.loads(scripts[0])
    assert data["@type"] == "Organization" and data["name"] == producer.name
    assert data["telephone"] == "053511234" and data["address"]["addressRegion"] == "ลำพูน"
    assert "https://www.openstreetmap.org/search?query=" in html
    policy = client.get(f"/producers/{producer.pk}/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "openstreetmap" not in policy


def test_sitemap_lists_listed_producers_and_their_products_only(client, home_page):
    shown = listed_producer()
    product = ProductFactory(producer=shown)
    hidden = ProducerFactory()
    ProductFactory(producer=hidden)
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-producers.xml" in index and "sitemap-products.xml" in index
    producers = client.get("/sitemap-producers.xml").content.decode()
    assert f"/producers/{shown.pk}/</loc>" in producers
    assert f"/producers/{hidden.pk}/</loc>" not in producers
    products = client.get("/sitemap-products.xml").content.decode()
    assert f"/producers/{shown.pk}/products/{product.pk}/</loc>" in products
    assert f"/producers/{hidden.pk}/" not in products
    assert client.get("/sitemap-pages.xml").status_code == 200


# ---------------------------------------------------------------- API


def test_public_api_needs_no_token_and_filters_like_the_page(client, home_page):
    five = listed_producer(name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง")
    ProductRatingFactory(product=ProductFactory(producer=five), stars=5)
    listed_producer(name="กลุ่มลำไยอบแห้งเหมืองง่า")
    ProducerFactory(name="ไม่ได้เปิดเผย")
    body = client.get("/api/v1/directory/producers/?province=51&stars=5").json()
    assert [p["name"] for p in body["results"]] == ["กลุ่มทอผ้าไหมยกดอกบ้านกลาง"]
    assert body["results"][0]["stars"] == 5
    assert "phone" not in body["results"][0]

    detail = client.get(f"/api/v1/directory/producers/{five.pk}/").json()
    assert detail["products"][0]["ratings"] == [{"year": 2567, "stars": 5}]
    assert "house_number" not in detail and "memberships" not in detail

    error = client.get("/api/v1/directory/producers/?stars=9").json()
    assert error["error"]["code"] == "invalid" and "stars" in error["error"]["fields"]


def test_public_api_is_in_the_openapi_schema_without_auth(client, home_page):
    schema = client.get("/api/v1/openapi.json").json()
    listing = schema["paths"]["/api/v1/directory/producers/"]["get"]
    assert listing.get("security", []) in ([], [{}])  # no token needed
    names = {p["name"] for p in listing["parameters"]}
    assert {"q", "province", "district", "category", "stars", "standard", "page"} <= names
    assert "/api/v1/directory/producers/{id}/" in schema["paths"]


def test_standard_kinds_in_the_filter_are_the_registry_kinds():
    from showcase.forms import DirectoryFilterForm

    choices = {value for value, _label in DirectoryFilterForm().fields["standard"].choices}
    assert choices == {"", *ProductStandard.Kind.values}


# ---------------------------------------------------------------- admin


def test_a_coordinator_hides_a_listing_in_the_admin_but_cannot_list_for_the_owner(
    client, home_page
):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    from tests.factories.producers import provincial_coordinator

    producer = listed_producer(name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง", public_phone="053511234")
    client.force_login(provincial_coordinator("51"))
    url = reverse("otop_producers:edit", args=[producer.pk])
    page = client.get(url).content.decode()
    assert 'name="listing_hidden"' in page
    assert 'name="public_listing"' not in page and 'name="public_phone"' not in page
    data = nested_form_data(
        {
            "registration_number": producer.registration_number,
            "name": producer.name,
            "producer_type": producer.producer_type,
            "category": producer.category,
            "status": "active",
            "subdistrict_code": producer.subdistrict_code,
            "listing_hidden": "on",
            "public_listing": "",  # ignored: the owner's choice is read-only here
            "public_phone": "0000000000",
            "products": inline_formset([]),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    producer.refresh_from_db()
    assert producer.listing_hidden and producer.public_listing
    assert producer.public_phone == "053511234"
    assert client.get(f"/producers/{producer.pk}/").status_code == 404


def test_coordinators_add_product_photos_and_descriptions_in_the_admin(client, home_page):
    from tests.factories.producers import provincial_coordinator

    product = ProductPhotoFactory(product=ProductFactory(producer=listed_producer())).product
    client.force_login(provincial_coordinator("51"))
    page = client.get(reverse("producer_products:edit", args=[product.pk])).content.decode()
    assert 'name="photos-TOTAL_FORMS"' in page and 'value="1"' in page
    assert 'name="description"' in page and 'name="description_en"' in page


def test_every_page_links_to_the_directory(client, home_page):
    html = client.get("/").content.decode()
    assert 'href="/producers/">ผู้ผลิต</a>' in html
