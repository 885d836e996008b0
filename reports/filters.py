"""The report filters: one FilterSet for the listing, the summary, direct downloads and background jobs."""

from __future__ import annotations

from types import SimpleNamespace

import django_filters
import geothai
from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from courses.models import CourseCategory, CoursePage
from learning.models import Cohort, Enrolment
from producers.models import ProducerType, area_name
from producers.selectors import province_codes_for
from reports.selectors import SUMMARY_DIMENSIONS, is_national, scoped_enrolments

# Query parameters that are not filters (paging, ordering, the export switch).
NOT_FILTERS = {"p", "ordering", "export", "_w_filter_fragment"}

GROUPINGS = {
    "course": _("Course"),
    "province": _("Province"),
    "district": _("District"),
    "cohort": _("Training session"),
    "month": _("Month of enrolment"),
}
assert set(GROUPINGS) == set(SUMMARY_DIMENSIONS)


def _keep(queryset, name, value):
    return queryset  # a switch of the download, not a filter on rows


class SwitchFilter(django_filters.Filter):
    """A checkbox: unticked is the default, so it never shows as an active filter."""

    field_class = forms.BooleanField


class CompletionFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(
        label=_("Course"), queryset=CoursePage.objects.order_by("title")
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Course category"),
        field_name="course__category",
        queryset=CourseCategory.objects.all(),
    )
    province = django_filters.ChoiceFilter(label=_("Province"), field_name="province_code")
    district = django_filters.ChoiceFilter(label=_("District"), field_name="district_code")
    cohort = django_filters.ModelChoiceFilter(
        label=_("Training session"), queryset=Cohort.objects.none()
    )
    producer_type = django_filters.ChoiceFilter(
        label=_("Producer type"), choices=ProducerType.choices
    )
    enrolled = django_filters.DateFromToRangeFilter(
        label=_("Enrolled between"), field_name="enrolled_at", widget=DateRangePickerWidget
    )
    completed = django_filters.DateFromToRangeFilter(
        label=_("Completed between"), field_name="completed_at", widget=DateRangePickerWidget
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Enrolment.Status.choices)
    include_contacts = SwitchFilter(
        label=_("Include contact phone and email in downloads"), method=_keep
    )

    class Meta:
        model = Enrolment
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.request.user
        codes = province_codes_for(user)
        provinces = [p for p in geothai.provinces() if codes is None or p.code in codes]
        self.filters["province"].extra["choices"] = [(p.code, area_name(p)) for p in provinces]
        self.filters["district"].extra["choices"] = [
            (d.code, f"{area_name(d)} ({area_name(p)})")
            for p in provinces
            for d in geothai.districts(p.code)
        ]
        cohorts = Cohort.objects.order_by("-starts_on")
        if codes is not None:
            cohorts = cohorts.filter(province_code__in=codes)
        self.filters["cohort"].queryset = cohorts
        if not is_national(user):
            del self.filters["include_contacts"]

    @property
    def wants_contacts(self) -> bool:
        """True only when a national coordinator ticked the box."""
        return (
            "include_contacts" in self.filters
            and self.is_valid()
            and bool(self.form.cleaned_data.get("include_contacts"))
        )


class SummaryFilterSet(CompletionFilterSet):
    by = django_filters.ChoiceFilter(
        label=_("Group by"), choices=list(GROUPINGS.items()), method=_keep, empty_label=None
    )

    @property
    def grouping(self) -> str:
        value = self.form.cleaned_data.get("by") if self.is_valid() else None
        return value if value in GROUPINGS else "course"


def filter_params(query: QueryDict) -> dict[str, list[str]]:
    """The filter part of a request's query string, as stored on a background job."""
    return {key: values for key, values in query.lists() if key not in NOT_FILTERS}


def filtered_enrolments(user, params: dict[str, list[str]] | QueryDict, filterset_class=None):
    """(filterset, enrolments) for `user` and these filter parameters, outside a request (tasks)."""
    if not isinstance(params, QueryDict):
        query = QueryDict(mutable=True)
        for key, values in params.items():
            query.setlist(key, values)
        params = query
    filterset = (filterset_class or CompletionFilterSet)(
        data=params, queryset=scoped_enrolments(user), request=SimpleNamespace(user=user)
    )
    queryset = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    return filterset, queryset
