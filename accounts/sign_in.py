"""Who is signing in, written one way: the sign-in lockout counts on the same identifier that the
authentication backend looks up, so '089-900-0005', '+66899000005' and 'TRAINER@…' are not fresh tries.

Also the lockout itself: django-axes locks an account from one address after AXES_FAILURE_LIMIT
wrong passwords, and this handler adds a cap per address (AXES_ADDRESS_FAILURE_LIMIT failures over
any accounts), so one address cannot try password after password across many accounts.
"""

from __future__ import annotations

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils import timezone

from accounts.phone import looks_like_phone, normalize_thai_mobile
from core.text import strip_control, without_separators


def sign_in_identifier(raw: str | None) -> str:
    """The one form of what was typed to sign in: a phone as ten digits, an email in lower case.

    Text that looks like a phone but is not a valid one keeps its digits without separators, so its
    spellings still count as one identifier.
    """
    value = strip_control(raw or "").strip()
    if looks_like_phone(value):
        try:
            return normalize_thai_mobile(value)
        except ValidationError:
            return without_separators(value).lower()
    return value.lower()


def axes_username(request, credentials: dict | None) -> str:
    """AXES_USERNAME_CALLABLE: the identifier axes counts failures on."""
    field = settings.AXES_USERNAME_FORM_FIELD
    raw = (credentials or {}).get(field)
    if raw is None and request is not None:
        raw = request.POST.get(field)
    return sign_in_identifier(raw)


class SignInLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, plus a cap on failures from one address over all accounts."""

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        return super().is_locked(request, credentials) or _address_locked(request)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        # Axes only re-counts the account here; the answer must be the lockout page either way.
        if request is not None and _address_locked(request):
            request.axes_locked_out = True
            request.axes_credentials = credentials


def _address_locked(request) -> bool:
    address = getattr(request, "axes_ip_address", None)
    return address_failures(address) >= settings.AXES_ADDRESS_FAILURE_LIMIT


def address_failures(ip_address: str | None) -> int:
    """Failed sign-ins from this address within the cool-off time, whatever the account."""
    if not ip_address:
        return 0
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    total = AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return total or 0
