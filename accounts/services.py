from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import one_time_codes
from accounts.models import OneTimeCode, User
from core.rate_limits import hit

TRAINEES, TRAINERS, COORDINATORS = "Trainees", "Trainers", "Coordinators"


def add_to_group(user: User, group_name: str) -> None:
    """Put a user into one of the platform's groups (made by a data migration; remade if missing)."""
    group, _created = Group.objects.get_or_create(name=group_name)
    user.groups.add(group)


def is_coordinator(user: User) -> bool:
    return user.is_superuser or user.groups.filter(name=COORDINATORS).exists()


def is_trainer(user: User) -> bool:
    return user.groups.filter(name=TRAINERS).exists()


def account_with_contact(phone: str | None, email: str | None) -> tuple[User | None, str]:
    """The account holding this phone (first) or email, and which of the two it holds."""
    if phone and (user := User.objects.filter(phone=phone).first()):
        return user, phone
    if email and (user := User.objects.filter(email__iexact=email).first()):
        return user, user.email
    return None, ""


def start_sign_up(request: HttpRequest, pending: dict) -> OneTimeCode:
    """Step 1 of sign-up: send a code to the phone (else the email) the person gave.

    When that phone or email already has an account, no code is sent: its owner is told instead
    that someone tried to sign up with it. The caller answers the same either way. A code row is
    made in both cases, so typing codes behaves alike. Raises TooManyCodes, or NotDelivered when
    the code or the notice could not be sent.
    """
    target = pending["phone"] or pending["email"]
    one_time_codes.count_request(request, target)
    owner, contact = account_with_contact(pending["phone"], pending["email"])
    code = one_time_codes.issue(OneTimeCode.Purpose.SIGN_UP, target, send=owner is None)
    # The owner's other contact (an email typed beside a new phone) has its own hourly limit too.
    if owner is not None and not (
        contact != target
        and hit("code-target", contact, settings.ONE_TIME_CODES_PER_TARGET_PER_HOUR, 3600)
    ):
        tell_owner_of_sign_up_attempt(owner, contact)
    return code


def create_account(pending: dict) -> User:
    """Step 2 of sign-up, after the code: the trainee's account, with consent recorded.

    Raises IntegrityError when the phone or email was taken meanwhile.
    """
    fields = {key: value for key, value in pending.items() if key != "password"}
    with transaction.atomic():
        user = User(**fields, password=pending["password"])
        user.privacy_consent_at = timezone.now()
        user.privacy_consent_version = settings.PRIVACY_NOTICE_VERSION
        user.save()
        add_to_group(user, TRAINEES)
    return user


def tell_owner_of_sign_up_attempt(user: User, contact: str) -> None:
    """Tell the owner of an account, at `contact` (its phone or email), that someone tried to sign
    up again with it, and how to reset the password.

    Sent each time, in place of the code a new contact would get, so that both answers take one
    message's time; the code limits (per contact and per address, counted by start_sign_up before
    either is sent) bound how many. Raises NotDelivered, as sending a code would.
    """
    site = settings.SITE_URL
    reset_url = site + reverse("accounts:password_reset")
    if "@" in contact:
        subject = _("Sign-up attempt with your SMART OTOP account")
        body = "\n\n".join(
            [
                _(
                    "Someone tried to create a new SMART OTOP Learning account with your email "
                    "address or mobile number. You already have an account, so none was created."
                ),
                _("If it was you, sign in: %(url)s") % {"url": site + reverse("accounts:login")},
                _("Forgot your password? Set a new one: %(url)s") % {"url": reset_url},
                _("If it was not you, you need not do anything; your account has not changed."),
            ]
        )
    else:
        subject = ""
        body = _(
            "SMART OTOP: someone tried to sign up with your number. You already have an account. "
            "Forgot your password? %(url)s"
        ) % {"url": reset_url}
    one_time_codes.deliver(contact, subject, body)
