"""The directory's filter form: everything a visitor types or picks is checked here."""

import geothai
from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import ascii_digits, strip_control
from producers.models import ProductCategory, ProductStandard, area_name
from showcase.selectors import DirectoryFilters

STAR_CHOICES = [
    ("", _("Any rating")),
    ("5", _("★★★★★ five stars")),
    ("4", _("★★★★ four stars or more")),
    ("3", _("★★★ three stars or more")),
]


def province_choices():
    provinces = sorted(geothai.provinces(), key=lambda p: area_name(p))
    return [("", _("All provinces")), *((p.code, area_name(p)) for p in provinces)]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        max_length=100,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("for example ผ้าไหม, น้ำพริก, ลำพูน")}
        ),
    )
    province = forms.ChoiceField(label=_("Province"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)
    category = forms.ChoiceField(
        label=_("Product category"),
        required=False,
        choices=[("", _("All categories")), *ProductCategory.choices],
    )
    stars = forms.TypedChoiceField(
        label=_("Star rating"),
        required=False,
        choices=STAR_CHOICES,
        coerce=int,
        empty_value=None,
    )
    standard = forms.ChoiceField(
        label=_("Standard held"),
        required=False,
        choices=[("", _("Any standard")), *ProductStandard.Kind.choices],
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            for name in ("province", "district", "stars"):
                if name in data:
                    data[name] = ascii_digits(data[name]).strip()
        super().__init__(data, *args, **kwargs)
        self.fields["province"].choices = province_choices()
        province = (self.data.get("province") or "") if self.is_bound else ""
        districts = geothai.districts(province) if geothai.province(province) else []
        self.fields["district"].choices = [
            ("", _("All districts")),
            *((d.code, area_name(d)) for d in sorted(districts, key=lambda d: area_name(d))),
        ]
        if not districts:
            self.fields["district"].widget.attrs["disabled"] = True

    def clean_q(self):
        return " ".join(strip_control(self.cleaned_data["q"] or "").split())

    def filters(self) -> DirectoryFilters:
        """The valid part of what was asked: a field with an error is left out, not guessed."""
        if not self.is_bound:
            return DirectoryFilters()
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value}
        return DirectoryFilters(**data)
