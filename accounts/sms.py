"""Text messages to Thai mobiles, sent through the backend named by the setting ``SMS_URL`` (like
EMAIL_URL for mail):

- ``console://`` (the default) writes each message to the log, for development;
- ``locmem://`` keeps each message in ``accounts.sms.outbox`` (the tests read codes from it);
- ``twilio://ACCOUNT_SID:AUTH_TOKEN@api.twilio.com?from=%2B15005550006`` posts to Twilio's Messages API
  (``POST /2010-04-01/Accounts/<sid>/Messages.json``, form fields To, From, Body, HTTP basic auth).
  ``twilio+http://`` talks plain HTTP to another host (the tests' fake server).

``send_sms`` raises ``SmsNotSent`` when the provider refuses or does not answer in time; callers show
the person a clear message instead of a server error.
"""

from __future__ import annotations

import base64
import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

from django.conf import settings

log = logging.getLogger(__name__)

# Seconds to wait for the provider: a person is waiting on the page.
TIMEOUT = 5


@dataclass(frozen=True)
class TextMessage:
    to: str  # ten-digit Thai mobile number, as stored on accounts
    body: str


# Messages "sent" by the locmem backend, oldest first (like django.core.mail.outbox).
outbox: list[TextMessage] = []


class SmsNotSent(Exception):
    """The message could not be handed to the SMS provider."""


def international(phone: str) -> str:
    """'0812345678' -> '+66812345678' (E.164, as SMS providers expect)."""
    return "+66" + phone[1:] if phone.startswith("0") else phone


class ConsoleBackend:
    def send(self, message: TextMessage) -> None:
        log.info("SMS to %s: %s", message.to, message.body)


class LocmemBackend:
    def send(self, message: TextMessage) -> None:
        outbox.append(message)


class TwilioBackend:
    """Twilio's Messages API: one POST per message; a 2xx answer means Twilio queued it."""

    def __init__(self, url: str):
        parts = urlsplit(url)
        scheme = "http" if parts.scheme.endswith("+http") else "https"
        self.account = unquote(parts.username or "")
        self.token = unquote(parts.password or "")
        self.sender = parse_qs(parts.query).get("from", [""])[0]
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        self.endpoint = f"{scheme}://{host}/2010-04-01/Accounts/{quote(self.account)}/Messages.json"

    def send(self, message: TextMessage) -> None:
        data = urlencode(
            {"To": international(message.to), "From": self.sender, "Body": message.body}
        ).encode()
        credentials = base64.b64encode(f"{self.account}:{self.token}".encode()).decode()
        request = urllib.request.Request(
            self.endpoint,
            data=data,
            method="POST",
            headers={
                "Authorization": f"Basic {credentials}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            detail = error.read()[:300].decode(errors="replace")
            raise SmsNotSent(f"provider answered {error.code}: {detail}") from error
        except (OSError, ValueError) as error:  # timeouts, refused connections, a non-JSON answer
            raise SmsNotSent(f"provider unreachable or unreadable: {error}") from error


def backend():
    url = settings.SMS_URL
    scheme = urlsplit(url).scheme
    if scheme == "console":
        return ConsoleBackend()
    if scheme == "locmem":
        return LocmemBackend()
    if scheme in {"twilio", "twilio+http"}:
        return TwilioBackend(url)
    raise ValueError(f"SMS_URL has an unknown scheme: {scheme!r}")


def send_sms(to: str, body: str) -> None:
    """Send one text message to a ten-digit Thai mobile number; raise SmsNotSent on a provider fault
    (logged here with the number, never the body, which may hold a code)."""
    try:
        backend().send(TextMessage(to=to, body=body))
    except SmsNotSent:
        log.warning("SMS to %s not sent", to, exc_info=True)
        raise
