from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        email = self.normalize_email(email) if email else None
        user = self.model(email=email or None, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractUser):
    """A person who signs in: by email or by Thai mobile number, with a Thai name and an optional English one.

    `first_name` and `last_name` hold the Thai given and family names.
    """

    class Title(models.TextChoices):
        MR = "mr", _("Mr (นาย)")
        MRS = "mrs", _("Mrs (นาง)")
        MISS = "miss", _("Miss (นางสาว)")
        OTHER = "other", _("Other")

    THAI_TITLES = {"mr": "นาย", "mrs": "นาง", "miss": "นางสาว"}
    ENGLISH_TITLES = {"mr": "Mr", "mrs": "Mrs", "miss": "Miss"}

    username = None
    email = models.EmailField(_("email"), unique=True, null=True, blank=True)
    phone = models.CharField(
        _("mobile number"),
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Thai mobile number, 10 digits."),
    )
    # "person": Wagtail's page "title" shares the msgid; without a context one overrides the other.
    title = models.CharField(
        pgettext_lazy("person", "title"), max_length=8, choices=Title.choices, default=Title.MR
    )
    title_other = models.CharField(_("other title"), max_length=50, blank=True)
    first_name = models.CharField(_("given name (Thai)"), max_length=150)
    last_name = models.CharField(_("family name (Thai)"), max_length=150)
    first_name_en = models.CharField(_("given name (English)"), max_length=150, blank=True)
    last_name_en = models.CharField(_("family name (English)"), max_length=150, blank=True)
    privacy_consent_at = models.DateTimeField(
        _("privacy notice accepted at"), null=True, blank=True
    )
    privacy_consent_version = models.CharField(
        _("privacy notice version"), max_length=20, blank=True
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email__isnull=False) | models.Q(phone__isnull=False),
                name="user_has_email_or_phone",
            ),
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email or self.phone or str(self.pk)

    @property
    def thai_title(self) -> str:
        return self.title_other if self.title == self.Title.OTHER else self.THAI_TITLES[self.title]

    def get_full_name(self) -> str:
        """The Thai full name with its title, as printed on certificates: นางสาวสมใจ ใจดี."""
        name = f"{self.first_name} {self.last_name}".strip()
        return f"{self.thai_title}{name}" if name else ""

    def get_full_name_en(self) -> str:
        if not (self.first_name_en or self.last_name_en):
            return ""
        title = (
            self.title_other if self.title == self.Title.OTHER else self.ENGLISH_TITLES[self.title]
        )
        return f"{title} {self.first_name_en} {self.last_name_en}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email or self.phone or ""

    def save(self, *args, **kwargs):
        # Empty strings would collide on the unique columns; absent values are NULL.
        self.email = self.email or None
        self.phone = self.phone or None
        super().save(*args, **kwargs)


class OneTimeCode(models.Model):
    """A six-digit code sent to a phone (SMS) or an email address, proving the person holds it.

    Only a keyed hash of the code is kept. A code is good for CODE_VALID_MINUTES, for one use, and
    for MAX_WRONG_TRIES wrong guesses; see accounts.one_time_codes for issuing and checking.
    """

    class Purpose(models.TextChoices):
        SIGN_UP = "sign-up", _("sign-up")
        PASSWORD_RESET = "password-reset", _("password reset")
        CHANGE_CONTACT = "change-contact", _("change of phone or email")

    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    target = models.CharField(_("sent to"), max_length=254)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    wrong_tries = models.PositiveSmallIntegerField(default=0)
    used = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        indexes = [models.Index(fields=["target", "purpose"], name="one_time_code_target")]

    def __str__(self):
        return f"{self.get_purpose_display()} → {self.target}"
