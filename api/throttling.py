"""Request rates for the API; settings API_ANON_RATE / API_USER_RATE change them (e.g. in tests)."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonThrottle(AnonRateThrottle):
    def get_rate(self):
        return getattr(settings, "API_ANON_RATE", "60/minute")


class UserThrottle(UserRateThrottle):
    def get_rate(self):
        return getattr(settings, "API_USER_RATE", "600/minute")
