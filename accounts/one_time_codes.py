"""One-time codes: issue a six-digit code to a phone or email address, and check what was typed.

Limits: ONE_TIME_CODES_PER_TARGET_PER_HOUR codes to one phone or email, and
ONE_TIME_CODES_PER_ADDRESS_PER_HOUR from one client address; MAX_WRONG_TRIES wrong guesses per code;
one use; CODE_VALID_MINUTES minutes.
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from accounts.models import OneTimeCode
from accounts.sms import SmsNotSent, send_sms
from core.rate_limits import hit, hit_from_client
from core.text import without_separators

log = logging.getLogger(__name__)

CODE_VALID_MINUTES = 10
MAX_WRONG_TRIES = 5


class TooManyCodes(Exception):
    """More codes asked for this phone/email or from this address than the hourly limit."""


class NotDelivered(Exception):
    """The SMS provider or the mail server did not take the message."""


def _hash(code_id_salt: str, code: str) -> str:
    return salted_hmac("accounts.one_time_code", f"{code_id_salt}:{code}").hexdigest()


def count_request(request: HttpRequest, target: str) -> None:
    """Count one code request for `target` and the client; raise TooManyCodes over either limit.

    Counted before anything depends on whether `target` has an account, so both answers agree.
    """
    per_target = hit("code-target", target, settings.ONE_TIME_CODES_PER_TARGET_PER_HOUR, 3600)
    per_address = hit_from_client(
        request, "code-address", settings.ONE_TIME_CODES_PER_ADDRESS_PER_HOUR, 3600
    )
    if per_target or per_address:
        raise TooManyCodes


def deliver(target: str, subject: str, body: str) -> None:
    """Send a message to a phone (by SMS) or an email address; raise NotDelivered on a fault."""
    if "@" in target:
        try:
            send_mail(subject, body, None, [target])
        except Exception as error:  # SMTP faults have many classes; the page must still answer
            log.warning("Mail to a code target not sent", exc_info=True)
            raise NotDelivered from error
        return
    try:
        send_sms(target, body)
    except SmsNotSent as error:
        raise NotDelivered from error


def issue(purpose: str, target: str, *, send: bool = True) -> OneTimeCode:
    """Make a new code for `target` and send it (unless `send` is False); return the code's row.

    With send=False the row exists but nobody receives its code: sign-up uses it for a contact that
    already has an account, so that checking a typed code behaves the same in both cases.
    Raises NotDelivered when the message could not be sent.
    """
    code = f"{secrets.randbelow(1_000_000):06d}"
    salt = secrets.token_hex(8)
    row = OneTimeCode.objects.create(
        purpose=purpose,
        target=target,
        code_hash=f"{salt}${_hash(salt, code)}",
        expires_at=timezone.now() + timedelta(minutes=CODE_VALID_MINUTES),
    )
    if send:
        deliver(
            target,
            _("Your SMART OTOP code"),
            _("SMART OTOP: your code is %(code)s. It expires in %(minutes)s minutes. Tell no one.")
            % {"code": code, "minutes": CODE_VALID_MINUTES},
        )
    return row


class CodeRefused(Exception):
    """The typed code is wrong, used, expired or out of tries. `spent` says a new code is needed."""

    def __init__(self, spent: bool):
        super().__init__()
        self.spent = spent


def _matches(row: OneTimeCode, typed: str) -> bool:
    salt, expected = row.code_hash.split("$", 1)
    return constant_time_compare(_hash(salt, typed), expected)


def redeem(code_id: int | None, typed: str, purpose: str) -> OneTimeCode:
    """Use the code `code_id` if `typed` matches it; return the row, or raise CodeRefused."""
    typed = without_separators(typed or "")
    refused = None
    with transaction.atomic():  # the wrong-try count must be saved, so raise only after it
        row = OneTimeCode.objects.select_for_update().filter(pk=code_id, purpose=purpose).first()
        if row is None or row.used or row.expires_at <= timezone.now():
            refused = CodeRefused(spent=True)
        elif row.wrong_tries >= MAX_WRONG_TRIES:
            refused = CodeRefused(spent=True)
        elif not _matches(row, typed):
            row.wrong_tries += 1
            row.save(update_fields=["wrong_tries"])
            refused = CodeRefused(spent=row.wrong_tries >= MAX_WRONG_TRIES)
        else:
            row.used = True
            row.save(update_fields=["used"])
    if refused is not None:
        raise refused
    return row


def delete_old_codes() -> int:
    """Delete codes that expired more than a day ago (run by Celery beat); return how many."""
    deleted, _rows = OneTimeCode.objects.filter(
        expires_at__lt=timezone.now() - timedelta(days=1)
    ).delete()
    return deleted
