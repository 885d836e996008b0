"""Admin screens of the coordinators' reports: completion by trainee, the summary with charts, downloads.

Both reports are Wagtail `ReportView`s: the listing and `?export=csv|xlsx` run the same filtered query.
A download larger than REPORTS_ASYNC_THRESHOLD rows becomes a background job in "My downloads".
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import HeaderButton

from accounts.services import is_coordinator
from core import exports as spreadsheets
from core.listing_cells import detail_line, two_line_cell
from core.thai_dates import local_date
from reports import charts, exports, services
from reports.filters import GROUPINGS, CompletionFilterSet, SummaryFilterSet, filter_params
from reports.models import ExportJob, Report
from reports.selectors import (
    completion_tuples,
    completions_by_month,
    completions_by_province,
    funnel,
    scoped_enrolments,
    summary_rows,
)


def can_view_reports(user) -> bool:
    return user.is_authenticated and user.is_active and is_coordinator(user)


class CoordinatorOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_view_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _date_column(name, label):
    return Column(name, label=label, accessor=lambda record: local_date(record[name], short=True))


def _producer_cell(record):
    place = ", ".join(part for part in (record["district"], record["province"]) if part)
    return two_line_cell(record["producer"] or "—", record["registration_number"], place)


def _progress_cell(record):
    lessons = f"{record['done']}/{record['required']} ({record['percent']}%)"
    score = record["best_score"]
    return (
        two_line_cell(lessons, _("best quiz score %(score)s") % {"score": score})
        if score not in (None, "")
        else lessons
    )


def _dates_cell(record):
    enrolled = local_date(record["enrolled"], short=True)
    completed = local_date(record["completed"], short=True)
    return two_line_cell(enrolled, completed and _("completed %(day)s") % {"day": completed})


def _certificate_cell(record):
    if not record["certificate_code"]:
        return "—"
    return format_html(
        '<span class="otop-report-code">{}</span>{}',
        record["certificate_code"],
        detail_line(record["certificate_status"]),
    )


class BaseCompletionReport(CoordinatorOnlyMixin, ReportView):
    header_icon = "table"
    filterset_class = CompletionFilterSet
    report = Report.COMPLETION

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    @cached_property
    def english(self) -> bool:
        return (get_language() or "th").startswith("en")

    def get_base_queryset(self):
        return scoped_enrolments(self.request.user)

    def get_queryset(self):
        return self.filter_queryset(self.get_base_queryset())

    def get_filtered_queryset(self):
        return self.get_queryset()

    @cached_property
    def include_contacts(self) -> bool:
        return bool(self.filters) and self.filters.wants_contacts

    def filter_values(self) -> dict:
        return filter_params(self.request.GET)

    @cached_property
    def header_buttons(self):
        # In sight next to the title (not in the "…" menu), with our own labels.
        return [
            HeaderButton(
                _("Download CSV"), url=self.csv_export_url, icon_name="download", priority=90
            ),
            HeaderButton(
                _("Download XLSX"), url=self.xlsx_export_url, icon_name="download", priority=100
            ),
            HeaderButton(
                _("My downloads"),
                url=reverse("otop_reports:downloads"),
                icon_name="list-ul",
                priority=110,
            ),
        ]


class CompletionReportView(BaseCompletionReport):
    page_title = gettext_lazy("Completion by trainee")
    index_url_name = "otop_reports:completion"
    index_results_url_name = "otop_reports:completion_results"
    export_filename = "otop-completion"
    paginate_by = 50
    # `list_export` names the columns of downloads (see reports.exports.completion_columns).
    list_export = exports.COMPLETION_KEYS

    @property
    def columns(self):
        # The screen folds related facts into one cell so the table fits 1366 px; downloads keep
        # one column per fact (list_export).
        return [
            Column("trainee", label=_("Trainee")),
            Column("producer", label=_("Producer"), accessor=_producer_cell),
            Column("course", label=_("Course"), classname="otop-report-course"),
            Column("progress", label=_("Lessons"), accessor=_progress_cell),
            Column("dates", label=_("Enrolled / completed"), accessor=_dates_cell),
            Column("certificate", label=_("Certificate"), accessor=_certificate_cell),
        ]

    def get_queryset(self):
        return completion_tuples(super().get_queryset().order_by("-enrolled_at", "-pk"))

    def get_table(self, object_list):
        # The screen never shows contact details, so its records stop before those keys.
        records = exports.completion_records(object_list, self.english)
        return super().get_table(
            [dict(zip(exports.COMPLETION_KEYS, r, strict=False)) for r in records]
        )

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            return self.export(self.request.GET.get("export"))
        return super().render_to_response(context, **response_kwargs)

    def export(self, fmt: str):
        filters = self.filter_values()
        enrolments = self.filter_queryset(self.get_base_queryset())
        total = enrolments.count()
        if total > services.async_threshold():
            job = services.request_export(
                self.request.user,
                Report.COMPLETION,
                fmt,
                filters,
                self.include_contacts,
                get_language() or "th",
            )
            messages.info(
                self.request,
                _(
                    "This download has %(count)s rows, so it is being prepared in the background. "
                    "You can leave this page and find it later in My downloads."
                )
                % {"count": f"{total:,}"},
            )
            return redirect("otop_reports:download_detail", pk=job.pk)
        services.log_export(
            self.request.user, Report.COMPLETION, fmt, filters, self.include_contacts, total
        )
        columns, records = services.completion_download(
            enrolments, self.include_contacts, self.english
        )
        return spreadsheet_response(
            fmt, columns, records, services.export_filename("completion"), _("Completion")
        )


def _in_language(language, chunks):
    """Stream in the admin's language: the body is written after the view (and its language) returned."""
    with translation.override(language):
        yield from chunks


def spreadsheet_response(fmt, columns, records, filename, sheet_title):
    if fmt == "csv":
        response = StreamingHttpResponse(
            _in_language(get_language(), spreadsheets.csv_chunks(columns, records)),
            content_type=services.CONTENT_TYPES["csv"],
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    import io

    output = io.BytesIO()
    spreadsheets.write_xlsx(output, columns, records, sheet_title)
    output.seek(0)
    return FileResponse(
        output,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type=services.CONTENT_TYPES["xlsx"],
    )


class SummaryReportView(BaseCompletionReport):
    page_title = gettext_lazy("Completion summary")
    template_name = "reports/summary.html"
    results_template_name = "reports/summary_results.html"
    index_url_name = "otop_reports:summary"
    index_results_url_name = "otop_reports:summary_results"
    filterset_class = SummaryFilterSet
    paginate_by = None
    report = Report.SUMMARY
    list_export = exports.SUMMARY_KEYS

    @cached_property
    def grouping(self) -> str:
        return self.filters.grouping if self.filters else "course"

    @property
    def columns(self):
        return [
            Column("label", label=GROUPINGS[self.grouping]),
            Column("enrolled", label=_("Enrolled")),
            Column("started", label=_("Started")),
            Column("completed", label=_("Completed")),
            Column("rate", label=_("Completion rate (%)")),
            Column("certified", label=_("Certificates issued")),
        ]

    def get_queryset(self):
        return self.filter_queryset(self.get_base_queryset())

    def get_context_data(self, **kwargs):
        enrolments = self.object_list
        self.object_list = self.summary(enrolments)
        context = super().get_context_data(object_list=self.object_list, **kwargs)
        if self.is_export:
            return context
        context["charts"] = charts.summary_charts(
            funnel(enrolments),
            completions_by_month(enrolments),
            completions_by_province(enrolments),
            self.english,
        )
        return context

    def summary(self, enrolments) -> list[dict]:
        rows = summary_rows(enrolments, self.grouping)
        for row in rows:
            row["label"] = charts.group_label(self.grouping, row, self.english)
        return rows

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            fmt = self.request.GET.get("export")
            services.log_export(
                self.request.user,
                Report.SUMMARY,
                fmt,
                self.filter_values(),
                False,
                len(self.object_list),
            )
            columns = exports.summary_columns(GROUPINGS[self.grouping])
            return spreadsheet_response(
                fmt, columns, self.object_list, services.export_filename("summary"), _("Summary")
            )
        return super().render_to_response(context, **response_kwargs)

    def get(self, request, *args, **kwargs):
        self.object_list = self.get_filtered_queryset()
        context = self.get_context_data()
        return self.render_to_response(context)


class DownloadsView(CoordinatorOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """My downloads: the user's own background exports, newest first."""

    page_title = gettext_lazy("My downloads")
    header_icon = "download"
    template_name = "reports/downloads.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["jobs"] = ExportJob.objects.owned_by(self.request.user)[:50]
        context["keep_days"] = services.download_days()
        return context


def _own_job(request, pk) -> ExportJob:
    if not can_view_reports(request.user):
        raise PermissionDenied
    return get_object_or_404(ExportJob.visible_to(request.user), pk=pk)


class DownloadDetailView(DownloadsView):
    page_title = gettext_lazy("Download")
    template_name = "reports/download_detail.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("otop_reports:downloads"), "label": _("My downloads")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["job"] = _own_job(self.request, self.kwargs["pk"])
        return context


def download_file(request, pk):
    """Serve a finished job's file, only to the coordinator who asked for it."""
    job = _own_job(request, pk)
    if not job.is_ready:
        raise Http404
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.file.name.rsplit("/", 1)[-1],
        content_type=services.CONTENT_TYPES.get(job.format, "application/octet-stream"),
    )
