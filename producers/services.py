"""Commands that change the registry: joining a producer, confirming, invites, national IDs."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Replace, Upper
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.text import ascii_digits, strip_control, without_separators
from producers.models import (
    CoordinatorScope,
    Membership,
    Producer,
    ProducerChangeRequest,
    TraineeIdentity,
)
from producers.national_id import clean_national_id, national_id_hash
from producers.selectors import can_manage_producer, producers_visible_to


def find_producer(registration_number: str) -> Producer | None:
    """The producer with this registration number, ignoring case, spaces, dashes and whether its
    digits were typed in Thai, full-width or ASCII ('๕๑๐๑ ๐๐๐๑๗' finds 5101-00017)."""
    number = ascii_digits(strip_control(registration_number or "")).strip()
    if not number:
        return None
    bare = without_separators(number).upper()
    return (
        Producer.objects.filter(registration_number=number).first()
        or Producer.objects.filter(registration_number__iexact=number).first()
        or Producer.objects.annotate(
            bare_number=Upper(
                Replace(Replace(Replace("registration_number", Value("-")), Value(" ")), Value("/"))
            )
        )
        .filter(bare_number=bare)
        .first()
    )


def cancel_join_request(user: User, membership_id: int) -> bool:
    """Withdraw one's own pending request to join a producer; False if there is none such."""
    deleted, _rows = Membership.objects.filter(
        pk=membership_id, user=user, status=Membership.Status.REQUESTED
    ).delete()
    return bool(deleted)


def request_membership(user: User, producer: Producer) -> Membership:
    """Ask to join a producer. Asking again changes nothing; a rejected request is asked again."""
    with transaction.atomic():
        membership, created = Membership.objects.select_for_update().get_or_create(
            user=user, producer=producer
        )
        if not created and membership.status == Membership.Status.REJECTED:
            membership.status = Membership.Status.REQUESTED
            membership.requested_at = timezone.now()
            membership.confirmed_at = None
            membership.confirmed_by = None
            membership.save()
    return membership


def confirm_membership(membership: Membership, by: User) -> Membership:
    """A coordinator of the producer's province confirms the link; only then it counts.

    Works on a membership being added in the admin too (not saved yet): it is saved confirmed.
    Raises PermissionDenied when the producer is outside `by`'s provinces.
    """
    if not can_manage_producer(by, membership.producer):
        raise PermissionDenied
    if membership.status != Membership.Status.CONFIRMED or membership.confirmed_at is None:
        membership.status = Membership.Status.CONFIRMED
        membership.confirmed_at = timezone.now()
        membership.confirmed_by = by
        membership.save()
    return membership


def confirm_join_requests(membership_ids, by: User) -> list[Membership]:
    """Confirm, in one transaction, the join requests among `membership_ids` that `by` may manage.

    Ids of memberships outside `by`'s provinces, or no longer waiting (already confirmed or
    rejected), are left alone. Returns the memberships confirmed now.
    """
    with transaction.atomic():
        waiting = (
            Membership.objects.select_for_update()
            .filter(
                pk__in=list(membership_ids),
                status=Membership.Status.REQUESTED,
                producer__in=producers_visible_to(by),
            )
            .select_related("producer", "user")
            .order_by("pk")
        )
        return [confirm_membership(membership, by) for membership in waiting]


def reject_membership(membership: Membership, by: User) -> Membership:
    if not can_manage_producer(by, membership.producer):
        raise PermissionDenied
    membership.status = Membership.Status.REJECTED
    membership.confirmed_at = None
    membership.confirmed_by = by
    membership.save(update_fields=["status", "confirmed_at", "confirmed_by"])
    return membership


def is_owner(user: User, producer: Producer) -> bool:
    return (
        Membership.objects.confirmed()
        .filter(user=user, producer=producer, role=Membership.Role.OWNER)
        .exists()
    )


def generate_invite_code(producer: Producer, by: User) -> str:
    """A new invite code for the producer; only a confirmed owner may make one."""
    if not is_owner(by, producer):
        raise PermissionDenied
    for _attempt in range(5):
        code = producer.new_invite_code()
        if not Producer.objects.filter(invite_code=code).exclude(pk=producer.pk).exists():
            producer.save(update_fields=["invite_code", "updated_at"])
            return code
    raise RuntimeError("could not find a free invite code")


def join_with_invite_code(user: User, code: str) -> Membership:
    """Join the producer whose owner gave this code: confirmed at once (the owner vouches)."""
    code = without_separators(strip_control(code or "")).upper()
    producer = Producer.objects.filter(invite_code=code).first() if code else None
    if producer is None:
        raise ValidationError(_("This invite code is not valid. Ask the owner for a new one."))
    owner = (
        Membership.objects.confirmed()
        .filter(producer=producer, role=Membership.Role.OWNER)
        .select_related("user")
        .first()
    )
    with transaction.atomic():
        membership, _created = Membership.objects.select_for_update().get_or_create(
            user=user, producer=producer
        )
        if membership.status != Membership.Status.CONFIRMED:
            membership.status = Membership.Status.CONFIRMED
            membership.confirmed_at = timezone.now()
            membership.confirmed_by = owner.user if owner else None
            membership.save()
    return membership


def record_national_id(user: User, national_id: str, *, consent_version: str | None = None):
    """Keep a trainee's national ID as a keyed hash and its last four digits, with their consent.

    Raises ValidationError for a bad number, or for one recorded for someone else, with a message
    that does not say so (the form must not tell who has an account).
    """
    digits = clean_national_id(national_id)
    try:
        with transaction.atomic():
            identity, _created = TraineeIdentity.objects.update_or_create(
                user=user,
                defaults={
                    "national_id_hash": national_id_hash(digits),
                    "national_id_last4": digits[-4:],
                    "consent_at": timezone.now(),
                    "consent_version": consent_version or settings.PRIVACY_NOTICE_VERSION,
                },
            )
    except IntegrityError as exc:
        raise ValidationError(
            _(
                "This national ID could not be recorded. Check the number; if it is right, "
                "ask the coordinator of your province."
            ),
            code="not_recorded",
        ) from exc
    return identity


def set_coordinator_scope(user: User, province_codes=(), national: bool = False) -> None:
    """Replace a coordinator's scope: some provinces, or every province."""
    with transaction.atomic():
        CoordinatorScope.objects.filter(user=user).delete()
        if national:
            CoordinatorScope.objects.create(user=user, national=True)
        CoordinatorScope.objects.bulk_create(
            CoordinatorScope(user=user, province_code=code) for code in sorted(set(province_codes))
        )
    user.__dict__.pop("_producer_province_codes", None)


OWNER_FIELDS = ("name_en", "phone")  # an owner changes these at once


def update_producer_as_owner(
    producer: Producer, by: User, values: dict
) -> ProducerChangeRequest | None:
    """An owner's edit: contact fields are saved now; a changed address or registered name becomes
    the producer's pending change request (replacing an earlier pending one) for its coordinator.

    Returns the pending request, or None when nothing needs confirming. Raises PermissionDenied
    for anyone but a confirmed owner.
    """
    if not is_owner(by, producer):
        raise PermissionDenied
    with transaction.atomic():
        producer = Producer.objects.select_for_update().get(pk=producer.pk)
        direct = {f: values[f] for f in OWNER_FIELDS if f in values}
        if any(getattr(producer, f) != v for f, v in direct.items()):
            Producer.objects.filter(pk=producer.pk).update(**direct, updated_at=timezone.now())
        changes = {
            f: values[f]
            for f in ProducerChangeRequest.FIELDS
            if f in values and values[f] != getattr(producer, f)
        }
        pending = producer.change_requests.filter(status=ProducerChangeRequest.Status.PENDING)
        if not changes:
            pending.delete()  # the owner put everything back: nothing left to confirm
            return None
        previous = {f: getattr(producer, f) for f in changes}
        request = pending.first()
        if request is None:
            return ProducerChangeRequest.objects.create(
                producer=producer, changes=changes, previous=previous, requested_by=by
            )
        request.changes, request.previous, request.requested_by = changes, previous, by
        request.requested_at = timezone.now()
        request.save(update_fields=["changes", "previous", "requested_by", "requested_at"])
        return request


def decide_producer_change(
    request: ProducerChangeRequest, by: User, confirm: bool
) -> ProducerChangeRequest:
    """A coordinator of the producer's province confirms (applies) or rejects a pending change."""
    with transaction.atomic():
        request = (
            ProducerChangeRequest.objects.select_for_update()
            .select_related("producer")
            .get(pk=request.pk)
        )
        if not can_manage_producer(by, request.producer):
            raise PermissionDenied
        if request.status != ProducerChangeRequest.Status.PENDING:
            return request
        if confirm:
            producer = request.producer
            for field, value in request.changes.items():
                setattr(producer, field, value)
            producer.full_clean(exclude=["invite_code"])
            producer.save()
        request.status = (
            ProducerChangeRequest.Status.CONFIRMED
            if confirm
            else ProducerChangeRequest.Status.REJECTED
        )
        request.decided_by, request.decided_at = by, timezone.now()
        request.save(update_fields=["status", "decided_by", "decided_at"])
    return request


def update_public_listing(producer: Producer, by: User, form_data: dict) -> Producer:
    """The owner's choice about the public directory and the contacts published there.

    Only a confirmed owner may change it (PermissionDenied otherwise). Turning the listing on
    records when; turning it off clears that and the page disappears at once.
    """
    if not is_owner(by, producer):
        raise PermissionDenied
    fields = [name for name in PUBLIC_LISTING_FIELDS if name in form_data]
    for name in fields:
        setattr(producer, name, form_data[name])
    if producer.public_listing and producer.public_listing_at is None:
        producer.public_listing_at = timezone.now()
    elif not producer.public_listing:
        producer.public_listing_at = None
    producer.save(update_fields=[*fields, "public_listing_at", "updated_at"])
    return producer


PUBLIC_LISTING_FIELDS = (
    "public_listing",
    "description",
    "description_en",
    "public_phone",
    "public_email",
    "public_line_id",
    "public_website",
)


def set_named_publicly(user: User, producer: Producer, named: bool) -> Membership:
    """A member's own choice to appear by name (with their certificates) on the public page."""
    membership = Membership.objects.confirmed().get(user=user, producer=producer)
    if membership.named_publicly != named:
        membership.named_publicly = named
        membership.save(update_fields=["named_publicly"])
    return membership
