"""Schemathesis drives the API from its own OpenAPI schema: no request may cause a server error."""

import datetime as dt

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    positive_data_acceptance,
)

from producers.models import Membership
from selection.models import RoundRule
from tests.factories.courses import make_course
from tests.factories.producers import (
    CHIANG_MAI_KHUN_KHONG,
    MembershipFactory,
    ProducerFactory,
    ProductFactory,
    ProductStandardFactory,
    provincial_coordinator,
)
from tests.factories.selection import certificate_for, make_round

pytestmark = pytest.mark.integration


@pytest.fixture
def api_token(db, settings):
    settings.API_ANON_RATE = settings.API_USER_RATE = "100000/minute"
    cache.clear()
    course = make_course(lessons=1)
    producer = ProducerFactory()
    ProductStandardFactory(product=ProductFactory(producer=producer))
    certificate_for(MembershipFactory(producer=producer, role=Membership.Role.OWNER).user, course)
    ProducerFactory(subdistrict_code=CHIANG_MAI_KHUN_KHONG)
    make_round(
        {"kind": RoundRule.Kind.REGISTERED_BEFORE, "on_date": dt.date(2026, 1, 1)},
        {"kind": RoundRule.Kind.COURSE_CERTIFICATES, "course_ids": [course.pk], "holder": "owner"},
        {"kind": RoundRule.Kind.NO_REVOKED_EVIDENCE},
    )
    return Token.objects.create(user=provincial_coordinator("51")).key


@pytest.fixture
def keep_connection_open():
    """Like Django's test client: the WSGI app must not close the test's database connection."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def test_api_has_no_server_error(api_token, keep_connection_open):
    # Loaded inside the test (the database and token exist now); each operation gets a few
    # generated requests, valid and invalid, sent with a Lamphun coordinator's token.
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8
    seen: dict[str, set[int]] = {}

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=6,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            response = case.call_and_validate(
                headers={"Authorization": f"Token {api_token}"},
                # Generated ids rarely exist: 404 for well-formed data is right here.
                excluded_checks=[positive_data_acceptance, negative_data_rejection],
            )

            seen.setdefault(case.operation.label, set()).add(response.status_code)

        check()

    assert len(seen) == len(operations)
    assert 200 in seen["GET /api/v1/producers/"]
    assert all(code < 500 for codes in seen.values() for code in codes)
