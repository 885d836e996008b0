import logging
import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from core.rate_limits import hit

log = logging.getLogger(__name__)

TRAINEES, TRAINERS, COORDINATORS = "Trainees", "Trainers", "Coordinators"


def add_to_group(user: User, group_name: str) -> None:
    """Put a user into one of the platform's groups (made by a data migration; remade if missing)."""
    group, _created = Group.objects.get_or_create(name=group_name)
    user.groups.add(group)


# Initial passwords are read off paper: no 0/o, 1/l/i.
INITIAL_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def create_trainee_account(user: User) -> str:
    """Save a new trainee's account (made by a coordinator) with an initial password; returns it.

    The password is shown once to the coordinator, to print and hand to the trainee.
    """
    password = "".join(secrets.choice(INITIAL_PASSWORD_ALPHABET) for _ in range(10))
    user.set_password(password)
    user.save()
    add_to_group(user, TRAINEES)
    return password


def is_coordinator(user: User) -> bool:
    return user.is_superuser or user.groups.filter(name=COORDINATORS).exists()


def is_trainer(user: User) -> bool:
    return user.groups.filter(name=TRAINERS).exists()


def tell_owner_of_sign_up_attempt(user: User) -> None:
    """Email the owner of an account that someone tried to sign up again with its email or phone.

    Sign-up itself does not say the account exists; its owner hears it here (at most once an hour).
    An account with a phone only has no channel yet (no SMS gateway): nothing is sent.
    """
    if not user.email or hit("sign-up-notice", str(user.pk), limit=1, period=3600):
        return
    site = settings.SITE_URL
    body = "\n\n".join(
        [
            _(
                "Someone tried to create a new SMART OTOP Learning account with your email "
                "address or mobile number. You already have an account, so none was created."
            ),
            _("If it was you, sign in: %(url)s") % {"url": site + reverse("accounts:login")},
            _("Forgot your password? Set a new one: %(url)s")
            % {"url": site + reverse("accounts:password_reset")},
            _("If it was not you, you need not do anything; your account has not changed."),
        ]
    )
    try:
        send_mail(
            _("Sign-up attempt with your SMART OTOP account"),
            body,
            None,
            [user.email],
        )
    except Exception:  # the sign-up page must answer even when the mail server does not
        log.warning("Could not send the sign-up attempt notice to user %s", user.pk, exc_info=True)
