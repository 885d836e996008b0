from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from accounts.phone import looks_like_phone, normalize_thai_mobile


class EmailOrPhoneBackend(ModelBackend):
    """Signs a user in by email (any case) or by Thai mobile number (as typed)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        identifier = (username or kwargs.get(User.USERNAME_FIELD) or "").strip()
        if not identifier or password is None:
            return None
        user = None
        try:
            if looks_like_phone(identifier):
                user = User.objects.get(phone=normalize_thai_mobile(identifier))
            else:
                user = User.objects.get(email__iexact=identifier)
        except (User.DoesNotExist, ValidationError):
            User().set_password(password)  # same work as a real check, against timing probes
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
