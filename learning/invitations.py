"""Invitations to a training session: the way a coordinator reaches a contact they may not enrol.

A contact with no account and a contact whose account lies outside the coordinator's provinces are
invited alike (one SMS or email with a link), so the coordinator never learns which is which. The
link proves its holder has the contact: signed in with it they join at once; without an account
they create one with that contact fixed, no extra code.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import one_time_codes
from accounts.models import User
from core.rate_limits import hit
from learning import placement, services
from learning.models import Cohort, CohortInvitation, Enrolment

VALID_DAYS = 14


class Sending(StrEnum):
    """What became of one invitation's message; the same for every kind of contact."""

    SENT = "sent"
    TOO_MANY = "too-many"
    NOT_DELIVERED = "not-delivered"
    ALREADY_ACCEPTED = "already-accepted"


def sending_label(sending: Sending) -> str:
    return {
        Sending.SENT: _("Invitation sent"),
        Sending.TOO_MANY: _(
            "Not sent now: this contact had too many invitations today. Re-send tomorrow."
        ),
        Sending.NOT_DELIVERED: _("Not sent: the message service did not answer. Re-send later."),
        Sending.ALREADY_ACCEPTED: _("Invitation already accepted"),
    }[sending]


def masked(contact: str) -> str:
    """'0812345678' -> '081-XXX-5678'; 'somjai@example.org' -> 's***@example.org'."""
    if "@" in contact:
        local, _at, domain = contact.partition("@")
        return f"{local[:1]}***@{domain}"
    return f"{contact[:3]}-XXX-{contact[-4:]}"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(cohort: Cohort, contact: str, names: dict, by: User | None) -> CohortInvitation:
    """The session's invitation to `contact` (a normalised phone or a lower-case email), made or
    refreshed with the row's names. Nothing is sent: call `send` once the caller's work is saved."""
    invitation, _created = CohortInvitation.objects.get_or_create(
        cohort=cohort, contact=contact, defaults={"created_by": by}
    )
    if invitation.accepted_at is None:
        for field in ("title", "title_other", "first_name", "last_name"):
            setattr(invitation, field, names.get(field) or getattr(invitation, field))
        invitation.save()
    return invitation


def send(invitation: CohortInvitation) -> Sending:
    """Send the invitation's link (a new one; an older link stops working) by SMS or email.

    At most COHORT_INVITATIONS_PER_CONTACT_PER_DAY messages go to one contact a day. Returns what
    happened; a fault of the SMS provider or the mail server is reported, never raised.
    """
    if invitation.accepted_at is not None:
        return Sending.ALREADY_ACCEPTED
    if hit(
        "invitation-contact",
        invitation.contact,
        settings.COHORT_INVITATIONS_PER_CONTACT_PER_DAY,
        86400,
    ):
        return Sending.TOO_MANY
    token = secrets.token_urlsafe(32)
    invitation.token_hash = _hash(token)
    invitation.expires_at = timezone.now() + timedelta(days=VALID_DAYS)
    invitation.save(update_fields=["token_hash", "expires_at"])
    try:
        _deliver(invitation, settings.SITE_URL + reverse("learning:invitation", args=[token]))
    except one_time_codes.NotDelivered:
        return Sending.NOT_DELIVERED
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])
    return Sending.SENT


def _deliver(invitation: CohortInvitation, url: str) -> None:
    cohort = invitation.cohort
    values = {"session": cohort.name, "course": cohort.course.title, "url": url, "days": VALID_DAYS}
    if "@" in invitation.contact:
        subject = _("Invitation to a SMART OTOP training session")
        body = _(
            "You are invited to the training session “%(session)s” (course: %(course)s) on SMART "
            "OTOP Learning.\n\nTo join, open this link within %(days)s days: %(url)s\n\n"
            "If you did not expect this invitation, you need not do anything."
        )
    else:
        subject = ""
        body = _("SMART OTOP: you are invited to the training “%(session)s”. Join: %(url)s")
    one_time_codes.deliver(invitation.contact, subject, body % values)


def find(token: str) -> CohortInvitation | None:
    """The invitation of a link's token, accepted or not; None when unknown or expired."""
    return (
        CohortInvitation.objects.select_related("cohort__course")
        .filter(token_hash=_hash(token), expires_at__gt=timezone.now())
        .first()
    )


def holds_contact(user: User, invitation: CohortInvitation) -> bool:
    contact = invitation.contact
    if "@" in contact:
        return (user.email or "").lower() == contact
    return user.phone == contact


class NotYours(Exception):
    """The signed-in account does not hold the invitation's contact, or may not be a trainee."""


def accept(invitation: CohortInvitation, user: User) -> Enrolment:
    """Enrol `user`, the holder of the invitation's contact, in its session; the link is then spent.

    A second accept by the same person (a double click) returns the same enrolment. Raises NotYours
    for anyone else, for accounts that are never trainees (coordinators, staff), and for a link
    another account has used.
    """
    if not holds_contact(user, invitation) or not (
        user.is_active and not placement.is_never_a_trainee(user)
    ):
        raise NotYours
    with transaction.atomic():
        CohortInvitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            accepted_at=timezone.now(), accepted_by=user
        )
        if not CohortInvitation.objects.filter(pk=invitation.pk, accepted_by=user).exists():
            raise NotYours
        return services.enrol_in_cohort(user, invitation.cohort)
