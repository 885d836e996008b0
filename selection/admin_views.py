"""Selection rounds in the Wagtail admin: the round and its checks, a preview and the exports."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from producers.selectors import producers_visible_to, province_codes_for
from producers.widgets import province_choices
from selection import exports
from selection.models import SelectionRound
from selection.services import evaluate_many

PREVIEW_SIZE = 20


class RoundInspectView(generic.InspectView):
    template_name = "selection/admin/round_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round = self.object
        codes = province_codes_for(self.request.user)
        producers = producers_visible_to(self.request.user).order_by("pk")[:PREVIEW_SIZE]
        context.update(
            rules=round.rules.all(),
            provinces=province_choices(codes),
            verdicts=list(evaluate_many(list(producers), round)),
            preview_size=PREVIEW_SIZE,
            export_url=reverse("selectionround:export", args=[round.pk]),
        )
        return context


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
    copy_view_enabled = False
    list_display = [
        "name",
        "year",
        Column("opens_on", label=gettext_lazy("Registration opens")),
        Column("closes_on", label=gettext_lazy("Registration closes")),
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
