"""Selection rounds in the Wagtail admin: the round and its checks, a preview and the exports."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from core.thai_dates import local_date
from producers.selectors import producers_visible_to, province_codes_for
from producers.widgets import province_choices
from selection import exports
from selection.models import SelectionRound
from selection.services import evaluate_many

PAGE_SIZE = 50
COUNT_LIMIT = (
    5_000  # eligibility is worked out afresh per producer: count in the request up to this
)


class RoundIndexView(generic.IndexView):
    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        """The round's name opens its eligibility list; the edit form stays in the row's buttons."""
        column = super()._get_title_column(field_name, column_class, **kwargs)
        column._get_url_func = lambda instance: (
            self.get_inspect_url(instance) or self.get_edit_url(instance)
        )
        return column


class RoundInspectView(generic.InspectView):
    """A round's checks, how many producers meet them, and every producer's verdict, page by page."""

    template_name = "selection/admin/round_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round = self.object
        codes = province_codes_for(self.request.user)
        provinces = province_choices(codes)
        province = self.request.GET.get("province", "")
        if province not in {code for code, _name in provinces}:
            province = ""
        producers = producers_visible_to(self.request.user).order_by("pk")
        if province:
            producers = producers.filter(province_code=province)
        page = Paginator(producers, PAGE_SIZE).get_page(self.request.GET.get("p"))
        context.update(
            rules=round.rules.all(),
            provinces=provinces,
            province=province,
            page_obj=page,
            verdicts=list(evaluate_many(list(page.object_list), round)),
            counts=_eligible_counts(round, producers),
            count_limit=COUNT_LIMIT,
            export_url=reverse("selectionround:export", args=[round.pk]),
        )
        return context


def _eligible_counts(round, producers) -> dict | None:
    """{"eligible": n, "total": m} for these producers, worked out now; None when there are too many."""
    total = producers.count()
    if total > COUNT_LIMIT:
        return None
    eligible = sum(1 for verdict in evaluate_many(producers, round) if verdict.eligible)
    return {"eligible": eligible, "total": total}


class BuddhistEraDateColumn(Column):
    """A date in the active language's calendar (Buddhist Era on Thai pages), as on the round's page."""

    def get_value(self, instance):
        return local_date(super().get_value(instance))


def export_round(request, pk: int):
    """?format=csv|xlsx&province=51: the round's list for the producers the user may see."""
    if not request.user.has_perm("selection.view_selectionround"):
        raise PermissionDenied
    round = get_object_or_404(SelectionRound, pk=pk)
    producers = producers_visible_to(request.user).select_related(None)
    province = request.GET.get("province", "")
    if province:
        codes = province_codes_for(request.user)
        if codes is not None and province not in codes:
            raise Http404
        producers = producers.filter(province_code=province)
    filename = f"selection-{round.year}-{province or 'all'}"
    if request.GET.get("format") == "xlsx":
        return FileResponse(
            exports.write_xlsx(producers, round), as_attachment=True, filename=f"{filename}.xlsx"
        )
    response = StreamingHttpResponse(
        exports.csv_chunks(producers, round), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


class SelectionRoundViewSet(ModelViewSet):
    model = SelectionRound
    icon = "tasks"
    menu_label = gettext_lazy("Selection rounds")
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "selection/rounds"
    inspect_view_enabled = True
    inspect_view_class = RoundInspectView
    index_view_class = RoundIndexView
    copy_view_enabled = False
    list_display = [
        "name",
        "year",
        BuddhistEraDateColumn("opens_on", label=gettext_lazy("Registration opens")),
        BuddhistEraDateColumn("closes_on", label=gettext_lazy("Registration closes")),
    ]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("opens_on"), FieldPanel("closes_on")]),
        InlinePanel(
            "rules",
            heading=gettext_lazy("Checks"),
            label=gettext_lazy("Selection check"),
            panels=[
                FieldPanel("kind"),
                FieldPanel("on_date"),
                FieldPanel("categories"),
                FieldPanel("standard_kinds"),
                FieldPanel("course_ids"),
                FieldRowPanel([FieldPanel("holder"), FieldPanel("min_members")]),
            ],
        ),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/export/", export_round, name="export"),
        ]
