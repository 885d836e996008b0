"""The JSON API: province scoping, error bodies, no personal data, public verification."""

import datetime as dt

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from certificates.models import Certificate
from producers.models import Membership
from selection.models import RoundRule
from tests.factories.accounts import TraineeFactory
from tests.factories.courses import make_course
from tests.factories.producers import (
    CHIANG_MAI_KHUN_KHONG,
    LAMPHUN_BAN_KLANG,
    MembershipFactory,
    ProducerFactory,
    national_coordinator,
    provincial_coordinator,
)
from tests.factories.selection import certificate_for, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    cache.clear()  # throttling counts requests in the cache
    yield
    cache.clear()


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def lamphun_client():
    return client_for(provincial_coordinator("51"))


def test_lamphun_coordinator_lists_only_lamphun_producers(lamphun_client):
    mine = ProducerFactory(subdistrict_code=LAMPHUN_BAN_KLANG)
    ProducerFactory(subdistrict_code=CHIANG_MAI_KHUN_KHONG)
    response = lamphun_client.get("/api/v1/producers/")
    assert response.status_code == 200
    assert [p["id"] for p in response.json()["results"]] == [mine.pk]


def test_lamphun_token_cannot_read_a_chiang_mai_producer(lamphun_client):
    chiang_mai = ProducerFactory(subdistrict_code=CHIANG_MAI_KHUN_KHONG)
    round = make_round({"kind": RoundRule.Kind.ACTIVE_STATUS})
    for url in (
        f"/api/v1/producers/{chiang_mai.pk}/",
        f"/api/v1/producers/{chiang_mai.pk}/certificates/",
        f"/api/v1/producers/{chiang_mai.pk}/eligibility/{round.pk}/",
    ):
        response = lamphun_client.get(url)
        assert response.status_code == 404, url
        assert response.json()["error"]["code"] == "not_found"


def test_producer_detail_has_no_phone_or_member_contacts(lamphun_client):
    producer = ProducerFactory(phone="053511234")
    MembershipFactory(producer=producer, user=TraineeFactory(email="malee@example.com"))
    body = lamphun_client.get(f"/api/v1/producers/{producer.pk}/").content.decode()
    assert producer.name in body
    assert "053511234" not in body
    assert "malee@example.com" not in body


def test_filters_by_category_and_rejects_an_unknown_value(lamphun_client):
    food = ProducerFactory(category="food")
    ProducerFactory(category="textile")
    response = lamphun_client.get("/api/v1/producers/", {"category": "food"})
    assert [p["id"] for p in response.json()["results"]] == [food.pk]
    bad = lamphun_client.get("/api/v1/producers/", {"category": "spaceships"})
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "invalid"
    assert "category" in bad.json()["error"]["fields"]


def test_trainee_token_is_forbidden_and_anonymous_is_unauthorised():
    trainee = client_for(TraineeFactory())
    response = trainee.get("/api/v1/producers/")
    assert response.status_code == 403
    assert set(response.json()["error"]) == {"code", "message"}
    assert APIClient().get("/api/v1/producers/").status_code == 401


def test_eligibility_shows_each_check_and_the_certificate_evidence(lamphun_client):
    course = make_course(lessons=1)
    producer = ProducerFactory(registered_on=dt.date(2017, 1, 15))
    owner = MembershipFactory(producer=producer, role=Membership.Role.OWNER).user
    cert = certificate_for(owner, course)
    round = make_round(
        {"kind": RoundRule.Kind.REGISTERED_BEFORE, "on_date": dt.date(2026, 1, 1)},
        {"kind": RoundRule.Kind.COURSE_CERTIFICATES, "course_ids": [course.pk], "holder": "owner"},
    )
    body = lamphun_client.get(f"/api/v1/producers/{producer.pk}/eligibility/{round.pk}/").json()
    assert body["eligible"] is True
    assert "not a decision" in body["advice"] or "ไม่ใช่" in body["advice"]
    assert [c["passed"] for c in body["checks"]] == [True, True]
    assert body["checks"][1]["evidence"][0]["data"]["code"] == cert.code
    cert.status = Certificate.Status.REVOKED
    cert.save()
    body = lamphun_client.get(f"/api/v1/producers/{producer.pk}/eligibility/{round.pk}/").json()
    assert body["eligible"] is False


def test_members_certificates_and_completion_counts_are_scoped(lamphun_client):
    course = make_course(lessons=1)
    lamphun = ProducerFactory()
    chiang_mai = ProducerFactory(subdistrict_code=CHIANG_MAI_KHUN_KHONG)
    ours = certificate_for(MembershipFactory(producer=lamphun).user, course, producer=lamphun)
    certificate_for(MembershipFactory(producer=chiang_mai).user, course, producer=chiang_mai)
    codes = [
        c["code"]
        for c in lamphun_client.get(f"/api/v1/producers/{lamphun.pk}/certificates/").json()[
            "results"
        ]
    ]
    assert codes == [ours.code]
    counts = lamphun_client.get("/api/v1/completion/").json()["results"]
    assert counts == [
        {"course_id": course.pk, "title": course.title, "enrolled": 1, "completed": 1}
    ]
    national = client_for(national_coordinator()).get("/api/v1/completion/").json()["results"]
    assert national[0]["enrolled"] == 2


def test_certificate_verification_is_public_and_matches_the_verify_page():
    course = make_course(lessons=1)
    cert = certificate_for(TraineeFactory(), course)
    response = APIClient().get(f"/api/v1/certificates/{cert.code.lower()}/")
    assert response.status_code == 200
    assert response.json()["otop"]["code"] == cert.code
    assert response.json()["credentialStatus"]["status"] == "valid"
    page = APIClient().get(f"/certificates/verify/{cert.code}/", {"format": "json"})
    assert page.json() == response.json()
    missing = APIClient().get("/api/v1/certificates/OTOP-2569-NONE-NONE/")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_rounds_list_their_rules(lamphun_client):
    make_round({"kind": RoundRule.Kind.ACTIVE_STATUS})
    rounds = lamphun_client.get("/api/v1/rounds/").json()["results"]
    assert rounds[0]["rules"][0]["kind"] == "active_status"


def test_anonymous_requests_are_throttled(settings):
    settings.API_ANON_RATE = "2/minute"
    client = APIClient()
    statuses = [client.get("/api/v1/certificates/NOPE/").status_code for _ in range(3)]
    assert statuses == [404, 404, 429]
    assert client.get("/api/v1/certificates/NOPE/").json()["error"]["code"] == "throttled"


def test_schema_is_json_and_lists_the_endpoints():
    response = APIClient().get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/producers/{id}/eligibility/{round_id}/" in paths
    assert all(p.startswith("/api/v1/") for p in paths)


def test_an_unknown_api_path_is_a_json_404(lamphun_client):
    response = lamphun_client.get("/api/v1/producers/-1/certificates/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
