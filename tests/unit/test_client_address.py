"""One client address for lockouts, API throttles and rate limits (core.client_address)."""

import pytest
from django.test import RequestFactory
from rest_framework.test import APIClient

from core.client_address import client_address
from core.rate_limits import hit

pytestmark = pytest.mark.django_db


def _request(remote="10.0.0.2", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(_request(forwarded="198.51.100.7")) == "10.0.0.2"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the left entry was written by the client
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.1", "198.51.100.7"),
        (1, "not-an-address", "10.0.0.2"),
        (1, "", "10.0.0.2"),
    ],
)
def test_behind_proxies_the_entry_they_appended_is_the_client(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(_request(forwarded=forwarded)) == expected


def test_rate_limit_counts_in_the_shared_cache_per_key():
    assert [hit("test", "a", limit=2) for _ in range(3)] == [False, False, True]
    assert hit("test", "b", limit=2) is False


def test_rate_limit_lets_requests_through_when_the_cache_fails(monkeypatch):
    from django.core.cache import cache

    def frozen(*args, **kwargs):
        raise TimeoutError("Timeout reading from socket")

    monkeypatch.setattr(cache, "add", frozen)
    assert hit("test", "c", limit=0) is False


def test_rotating_forwarded_for_does_not_escape_the_api_throttle(settings):
    settings.API_ANON_RATE = "5/minute"
    client = APIClient()
    statuses = [
        client.get("/api/v1/certificates/NOPE/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(6)
    ]
    assert statuses == [404] * 5 + [429]


def test_behind_a_proxy_api_visitors_have_their_own_budgets(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.API_ANON_RATE = "2/minute"
    client = APIClient()
    first = [
        client.get("/api/v1/certificates/NOPE/", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code
        for _ in range(3)
    ]
    other = client.get("/api/v1/certificates/NOPE/", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert first == [404, 404, 429]
    assert other.status_code == 404


def test_behind_a_proxy_verify_page_visitors_have_their_own_budgets(client, settings, home_page):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CERTIFICATES_VERIFY_PER_MINUTE = 2
    url = "/certificates/verify/OTOP-2569-AAAA-BBBB/"
    first = [client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code for _ in range(3)]
    assert first == [404, 404, 429]
    assert client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 404
