"""Forms of the public site: joining a producer, invite codes, the national ID, an owner's edits."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.text import strip_control, without_separators
from producers.models import Producer
from producers.national_id import clean_national_id
from producers.services import PUBLIC_LISTING_FIELDS, find_producer
from producers.widgets import SubdistrictPicker

PHONE = re.compile(r"^0[0-9]{8,9}$")
LINE_ID = re.compile(r"^@?[A-Za-z0-9._-]{1,40}$")


class JoinRequestForm(forms.Form):
    registration_number = forms.CharField(
        label=_("Producer registration number"),
        max_length=50,
        help_text=_("As written on the producer's OTOP registration, for example 5101-00017."),
    )

    def clean_registration_number(self):
        producer = find_producer(self.cleaned_data["registration_number"])
        if producer is None:
            raise ValidationError(
                _("No producer has this registration number. Check it with your group's owner.")
            )
        self.producer = producer
        return producer.registration_number


class InviteCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Invite code"),
        max_length=20,
        help_text=_("The owner of the producer finds it on their “My producer” page."),
    )


class NationalIdForm(forms.Form):
    national_id = forms.CharField(
        label=_("Thai national ID number"),
        max_length=17,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_(
            "Optional. Only a keyed hash and the last four digits are kept, so coordinators can "
            "match you to an owner in the producer registry."
        ),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my national ID is kept for this purpose, as the privacy notice says."
        ),
    )

    def clean_national_id(self):
        return clean_national_id(self.cleaned_data["national_id"])


class OwnerProducerForm(forms.ModelForm):
    """An owner's edit. Contact fields are saved at once; the registered name and the address go to
    the province's coordinator as a change request (services.update_producer_as_owner)."""

    class Meta:
        model = Producer
        fields = ["name_en", "phone", "name", "house_number", "village", "subdistrict_code"]
        widgets = {"subdistrict_code": SubdistrictPicker()}
        labels = {"subdistrict_code": _("Location")}
        help_texts = {"subdistrict_code": ""}


class PublicListingForm(forms.ModelForm):
    """The owner's consent to the public directory and the contacts they choose to publish."""

    class Meta:
        model = Producer
        fields = list(PUBLIC_LISTING_FIELDS)
        labels = {
            "public_listing": _(
                "Show this producer in the public directory of trained producers "
                "(name, area, products, stars, standards and the numbers of members trained)"
            ),
        }
        help_texts = {
            "public_listing": _(
                "Members' names are never shown unless a member chooses it. You can turn this "
                "off at any time; the page disappears at once."
            ),
            "public_phone": _("Leave empty to publish no phone number."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "public_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
            "public_website": forms.URLInput(attrs={"placeholder": "https://"}),
        }

    def clean_public_phone(self):
        phone = without_separators(strip_control(self.cleaned_data["public_phone"] or ""))
        if phone and not PHONE.match(phone):
            raise ValidationError(
                _("Write a Thai phone number of 9 or 10 digits, for example 053 511 234.")
            )
        return phone

    def clean_public_line_id(self):
        line_id = strip_control(self.cleaned_data["public_line_id"] or "").strip()
        if line_id and not LINE_ID.match(line_id):
            raise ValidationError(
                _(
                    "A LINE ID has letters, digits, dots, dashes and underscores (an @ in front for an official account)."
                )
            )
        return line_id

    def clean_description(self):
        return strip_control(self.cleaned_data["description"] or "").strip()

    def clean_description_en(self):
        return strip_control(self.cleaned_data["description_en"] or "").strip()


class NamedPubliclyForm(forms.Form):
    named_publicly = forms.BooleanField(
        required=False,
        label=_("Show my name and my certificates on the producer's public page"),
    )
