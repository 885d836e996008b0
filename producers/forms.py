"""Forms of the public site: joining a producer, invite codes, the national ID, an owner's edits."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from producers.models import Producer
from producers.national_id import clean_national_id
from producers.services import find_producer
from producers.widgets import SubdistrictPicker


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
