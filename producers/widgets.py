"""A province → district → subdistrict picker whose value is the DOPA subdistrict code.

The province and district selects only steer the subdistrict select; the JS file fills them from
the small JSON endpoints without a page reload. Options for a saved value are rendered on the
server, so a stored address shows without JavaScript.
"""

import geothai
from django import forms
from django.urls import reverse

from producers.models import area_name


def province_choices(codes=None) -> list[tuple[str, str]]:
    """(code, name) of the provinces, sorted by name in the active language; `codes` limits them."""
    provinces = [p for p in geothai.provinces() if codes is None or p.code in codes]
    return sorted(((p.code, area_name(p)) for p in provinces), key=lambda c: c[1])


def district_choices(province_code: str) -> list[tuple[str, str]]:
    return [(d.code, area_name(d)) for d in geothai.districts(province_code or "")]


def subdistrict_choices(district_code: str) -> list[tuple[str, str]]:
    return [(s.code, area_name(s)) for s in geothai.subdistricts(district_code or "")]


class SubdistrictPicker(forms.Widget):
    template_name = "producers/widgets/subdistrict_picker.html"

    def __init__(self, attrs=None, province_codes=None):
        super().__init__(attrs)
        self.province_codes = province_codes  # None: every province

    class Media:
        js = ["producers/address-picker.js"]
        css = {"all": ["producers/address-picker.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        code = str(value or "")
        province, district = code[:2], code[:4]
        context["picker"] = {
            "provinces": province_choices(self.province_codes),
            "districts": district_choices(province) if province else [],
            "subdistricts": subdistrict_choices(district) if district else [],
            "province": province,
            "district": district,
            "subdistrict": code,
            "districts_url": reverse("producers:geo_districts"),
            "subdistricts_url": reverse("producers:geo_subdistricts"),
        }
        return context
