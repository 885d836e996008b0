"""A producer chooser for admin forms (products, memberships), scoped to the coordinator's provinces.

A plain <select> of 30,000 producers would be unusable; the chooser searches by name or number.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from producers.models import Producer
from producers.selectors import producers_visible_to


class ProducerSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Name or registration number"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name or registration number")}),
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            self.is_searching = True
            self.search_query = query
            objects = objects.filter(
                Q(name__icontains=query)
                | Q(name_en__icontains=query)
                | Q(registration_number__icontains=query)
            )
        return objects


class ScopedChooserMixin:
    filter_form_class = ProducerSearchForm

    def get_object_list(self):
        return producers_visible_to(self.request.user).order_by("name")

    @property
    def columns(self):
        return [
            *super().columns,
            Column("registration_number", label=_("Registration number")),
            Column("province_name", label=_("Province")),
        ]


class ProducerChooseView(ScopedChooserMixin, ChooseView):
    pass


class ProducerChooseResultsView(ScopedChooserMixin, ChooseResultsView):
    pass


class ProducerChosenView(ChosenView):
    def get_object(self, pk):
        return producers_visible_to(self.request.user).get(pk=pk)


class ProducerChooserViewSet(ChooserViewSet):
    model = Producer
    icon = "group"
    choose_one_text = _("Choose a producer")
    choose_another_text = _("Choose another producer")
    choose_view_class = ProducerChooseView
    choose_results_view_class = ProducerChooseResultsView
    chosen_view_class = ProducerChosenView
    per_page = 20


producer_chooser_viewset = ProducerChooserViewSet("producer_chooser", url_prefix="producers/choose")
