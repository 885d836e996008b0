"""Request rates for the API: settings API_ANON_RATE / API_USER_RATE (read on each request).

Anonymous clients are told apart by core.client_address, the same address sign-in lockouts and the
verification page use, so a forged X-Forwarded-For does not give a fresh budget.
"""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from core.client_address import client_address


class AnonThrottle(AnonRateThrottle):
    def get_rate(self):
        return settings.API_ANON_RATE

    def get_ident(self, request):
        return client_address(request)


class UserThrottle(UserRateThrottle):
    def get_rate(self):
        return settings.API_USER_RATE

    def get_ident(self, request):
        return client_address(request)
