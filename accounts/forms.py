from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from accounts import one_time_codes
from accounts.phone import normalize_thai_mobile

User = get_user_model()


# A person's title and names, as the sign-up and profile forms ask them.
NAME_FIELDS = ("title", "title_other", "first_name", "last_name", "first_name_en", "last_name_en")


class IdentityFieldsMixin:
    """Email or Thai mobile: at least one, each unique, the phone stored as ten digits."""

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip().lower()
        if email and User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("An account with this email already exists."))
        return email or None

    def clean_phone(self):
        raw = (self.cleaned_data.get("phone") or "").strip()
        if not raw:
            return None
        phone = normalize_thai_mobile(raw)
        if User.objects.filter(phone=phone).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("An account with this mobile number already exists."))
        return phone

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone") and not self.errors.get("phone"):
            raise ValidationError(_("Give an email address or a mobile number (or both)."))
        if cleaned.get("title") == User.Title.OTHER and not cleaned.get("title_other"):
            self.add_error("title_other", _("Write the title to use, for example ดร. or ว่าที่ ร.ต."))
        return cleaned


# The one answer when an account cannot be created with a proven contact (taken a moment ago).
ALREADY_REGISTERED = _(
    "We could not create an account with this email or mobile number. If you signed up before, "
    "sign in or reset your password."
)


class PlainRequiredMessages:
    """A public form: an empty required field says which one, in the site's words (not Django's
    or Wagtail's admin wording). A field's own "required" message, if set, is kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if (
                field.error_messages.get("required")
                == forms.Field.default_error_messages["required"]
            ):
                field.error_messages["required"] = format_lazy(
                    _("Please fill in “{label}”."), label=field.label
                )


class SignUpForm(PlainRequiredMessages, forms.ModelForm):
    """Step 1 of a trainee's sign-up: name, contact and password. It never looks up whether the
    phone or email has an account (the code step decides that, without telling)."""

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    accept_privacy = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree to the processing of my data for training."
        ),
        required=True,
        error_messages={"required": _("Please accept the privacy notice to sign up.")},
    )

    class Meta:
        model = User
        fields = [*NAME_FIELDS, "email", "phone"]
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_person_fields(self)
        self.fields["email"].required = False
        self.fields["email"].help_text = _(
            "A mobile number or an email: one of the two is required."
        )
        # Typed with spaces, dashes or +66; normalised to ten digits in clean_phone.
        self.fields["phone"] = forms.CharField(
            label=self.fields["phone"].label,
            required=False,
            max_length=20,
            help_text=_(
                "For example 081 234 5678. A mobile number or an email: one of the two is required."
            ),
            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        )

    def clean_email(self):
        return (self.cleaned_data.get("email") or "").strip().lower() or None

    def clean_phone(self):
        raw = (self.cleaned_data.get("phone") or "").strip()
        return normalize_thai_mobile(raw) if raw else None

    def _get_validation_exclusions(self):
        # The model's unique checks would say that a contact is taken; the code step keeps it quiet.
        return super()._get_validation_exclusions() | {"email", "phone"}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone") and not self.errors.get("phone"):
            if not self.errors.get("email"):
                raise ValidationError(_("Give an email address or a mobile number (or both)."))
        if cleaned.get("title") == User.Title.OTHER and not cleaned.get("title_other"):
            self.add_error("title_other", _("Write the title to use, for example ดร. or ว่าที่ ร.ต."))
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            candidate = User(**{f: cleaned.get(f) for f in ("email", "first_name", "last_name")})
            try:
                validate_password(p1, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def pending_account(self) -> dict:
        """The account to create once the code is entered, as session-safe values (the password
        hashed)."""
        values = {field: self.cleaned_data.get(field) for field in self.Meta.fields}
        values["password"] = make_password(self.cleaned_data["password1"])
        return values


def style_person_fields(form: forms.ModelForm) -> None:
    """The title starts empty ("— choose —"); "other title" is marked for the script that shows
    it only when "other" is chosen (without JavaScript it is always shown)."""
    title = form.fields["title"]
    title.choices = [("", _("— choose —")), *User.Title.choices]
    if not form.is_bound and not (form.instance and form.instance.pk):
        form.initial["title"] = ""
    form.fields["title_other"].widget.attrs["data-shown-when-title"] = User.Title.OTHER
    form.fields["title_other"].help_text = _("Only when the title is “Other”.")


class ContactForm(PlainRequiredMessages, forms.Form):
    """An email address or a Thai mobile number, told apart and normalised."""

    contact = forms.CharField(
        label=_("Email or mobile number"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )

    def clean(self):
        from accounts.phone import looks_like_phone

        cleaned = super().clean()
        value = (cleaned.get("contact") or "").strip()
        cleaned["phone"] = cleaned["email"] = None
        if not value:
            return cleaned
        if looks_like_phone(value):
            try:
                cleaned["phone"] = normalize_thai_mobile(value)
            except ValidationError as error:
                self.add_error("contact", error)
        else:
            try:
                cleaned["email"] = forms.EmailField().clean(value).lower()
            except ValidationError as error:
                self.add_error("contact", error)
        return cleaned


class ProfileNameForm(PlainRequiredMessages, forms.ModelForm):
    class Meta:
        model = User
        fields = list(NAME_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_person_fields(self)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("title") == User.Title.OTHER and not cleaned.get("title_other"):
            self.add_error("title_other", _("Write the title to use, for example ดร. or ว่าที่ ร.ต."))
        return cleaned


class ContactChangeForm(PlainRequiredMessages, forms.Form):
    """A new mobile number or email for one's own account (one at a time; a code proves it)."""

    phone = forms.CharField(
        label=_("Mobile number"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, initial={"phone": user.phone, "email": user.email}, **kwargs)
        self.user = user
        self.change: tuple[str, str] | None = None

    def clean_phone(self):
        raw = (self.cleaned_data.get("phone") or "").strip()
        return normalize_thai_mobile(raw) if raw else None

    def clean_email(self):
        return (self.cleaned_data.get("email") or "").strip().lower() or None

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        changes = [
            (field, cleaned[field])
            for field in ("phone", "email")
            if cleaned.get(field) and cleaned[field] != (getattr(self.user, field) or "").lower()
        ]
        if not changes:
            raise ValidationError(_("Type a new mobile number or a new email to change it."))
        if len(changes) > 1:
            raise ValidationError(_("Change one at a time: the mobile number or the email."))
        self.change = changes[0]
        return cleaned


CODE_WRONG = _("This code is not right. Check the message and type the 6 digits again.")
CODE_SPENT = _("This code can no longer be used. Start again to get a new code.")


class CodeForm(PlainRequiredMessages, forms.Form):
    code = forms.CharField(
        label=_("Code from the message (6 digits)"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def redeem(self, code_id: int, purpose: str) -> bool:
        """Use the typed code on one-time code `code_id` (call once valid). False, with the reason
        on the field, when it is refused."""
        try:
            one_time_codes.redeem(code_id, self.cleaned_data["code"], purpose)
        except one_time_codes.CodeRefused as refused:
            self.add_error("code", CODE_SPENT if refused.spent else CODE_WRONG)
            return False
        return True


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Email or mobile number"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _(
            "The email or mobile number and password do not match an account. "
            "Check them and try again."
        ),
        "inactive": _("This account is not active."),
    }


class AdminUserFieldsMixin(IdentityFieldsMixin):
    """Wagtail's user forms, with a phone and Thai/English names, and email optional."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = False
        self.fields["first_name"].label = _("Given name (Thai)")
        self.fields["last_name"].label = _("Family name (Thai)")


_ADMIN_EXTRA_FIELDS = {"phone", "title", "title_other", "first_name_en", "last_name_en"}


class AdminUserCreationForm(AdminUserFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | _ADMIN_EXTRA_FIELDS


class AdminUserEditForm(AdminUserFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | _ADMIN_EXTRA_FIELDS


class UserByContactField(forms.Field):
    """A user typed as their email or Thai mobile number (a <select> of 30,000 trainees is unusable)."""

    widget = forms.TextInput(
        attrs={"autocomplete": "off", "placeholder": "0812345678 / name@example.org"}
    )
    default_error_messages = {"unknown": _("No account has this email or mobile number.")}

    def prepare_value(self, value):
        if isinstance(value, int) or (
            isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 10
        ):
            value = User.objects.filter(pk=value).first()
        if isinstance(value, User):
            return value.phone or value.email
        return value

    def to_python(self, value):
        from accounts.phone import looks_like_phone

        value = (value or "").strip()
        if not value:
            return None
        try:
            if looks_like_phone(value):
                return User.objects.get(phone=normalize_thai_mobile(value))
            return User.objects.get(email__iexact=value)
        except (User.DoesNotExist, ValidationError):
            raise ValidationError(self.error_messages["unknown"], code="unknown") from None
