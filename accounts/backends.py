from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from accounts.sign_in import sign_in_identifier


class EmailOrPhoneBackend(ModelBackend):
    """Signs a user in by email (any case) or by Thai mobile number (as typed, in any digits).

    The identifier is normalised by accounts.sign_in.sign_in_identifier, the same function the
    sign-in lockout counts on.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        identifier = sign_in_identifier(username or kwargs.get(User.USERNAME_FIELD))
        if not identifier or password is None:
            return None
        if "@" in identifier:
            user = User.objects.filter(email__iexact=identifier).first()
        else:
            user = User.objects.filter(phone=identifier).first()
        if user is None:
            User().set_password(password)  # same work as a real check, against timing probes
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
