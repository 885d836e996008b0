"""Admin screens for importing a registry: upload → columns → preview with per-row errors → confirm.

The upload reads only the top of the file (its header and three sample values per column). The
column step is skipped when the same headers were mapped before. Files of more than
TASK_THRESHOLD rows are checked and imported in Celery tasks with a progress bar.
"""

from pathlib import Path

from django import forms
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from producers import addresses
from producers.imports import columns as column_names
from producers.imports import service
from producers.imports.reader import FileError
from producers.imports.service import preview_import
from producers.models import ProducerImport, ProducerType, ProductCategory
from producers.tasks import preview_producers

IMPORT_PERMISSION = "producers.add_producer"
# A registry of 30,000 producers is about 8 MB as CSV; larger files are refused before reading.
MAX_UPLOAD_BYTES = 25 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Registry file (CSV or XLSX)"),
        help_text=gettext_lazy(
            "CSV (UTF-8, TIS-620 or UTF-16) or XLSX, as your office keeps it: one producer per "
            "row under a row of column names. You check which column is which before anything "
            "is read."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Upload a CSV or XLSX file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB. Split it into smaller files.")
                % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        try:
            _table, self.layout = service.read_layout(upload, upload.name)
        except FileError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if not self.layout.headers:
            raise forms.ValidationError(
                _("No row of column names was found at the top of the file.")
            )
        upload.seek(0)
        return upload


class ColumnsForm(forms.Form):
    """One choice per column of the file: the producer field it holds, or none."""

    def __init__(self, record, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record
        choices = [("", _("— not imported —"))] + [(f.name, f.label) for f in column_names.FIELDS]
        for index, header in enumerate(record.headers):
            initial = record.columns[index] if index < len(record.columns) else ""
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=header or _("(no name)"), choices=choices, required=False, initial=initial
            )

    def rows(self):
        """(letter, header, samples, bound field) for the template."""
        for index, header in enumerate(self.record.headers):
            samples = self.record.samples[index] if index < len(self.record.samples) else []
            yield column_letter(index), header, samples, self[f"column_{index}"]

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(f"column_{i}") or "" for i in range(len(self.record.headers))]
        twice = sorted({c for c in chosen if c and chosen.count(c) > 1})
        if twice:
            raise forms.ValidationError(
                _("Each field can come from one column only: %(fields)s is chosen more than once.")
                % {"fields": ", ".join(str(column_names.BY_NAME[c].label) for c in twice)}
            )
        missing = column_names.missing_required(chosen)
        if missing:
            raise forms.ValidationError(
                _("Choose the column that holds: %(fields)s.") % {"fields": ", ".join(missing)}
            )
        self.columns = chosen
        return cleaned


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column as Excel shows it."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def unmapped_columns(record) -> list[str]:
    return [
        f"{column_letter(i)} {h}".strip()
        for i, h in enumerate(record.headers)
        if not (record.columns[i] if i < len(record.columns) else "")
    ]


def start_preview(record) -> None:
    """Check the file now, or in a task when it has more rows than a request should read."""
    if service.needs_task(record):
        record.status = ProducerImport.Status.ANALYSING
        record.progress_done = 0
        record.save()
        transaction.on_commit(lambda: preview_producers.delay(record.pk))
    else:
        preview_import(record)


def _messages_in_language(record):
    """The stored errors with their message in the active language."""
    language = (get_language() or "th")[:2]
    return [
        {
            **error,
            "texts": [m.get(language) or m.get("th") or m.get("en") for m in error["messages"]],
        }
        for error in record.errors
    ]


def _preview_in_language(record):
    """The preview rows with place names, choice labels and warnings in the active language."""
    language = (get_language() or "th")[:2]
    types, categories = dict(ProducerType.choices), dict(ProductCategory.choices)
    return [
        {
            **row,
            "place": addresses.describe(row["subdistrict_code"] or "", language),
            "type_label": types.get(row.get("producer_type"), ""),
            "category_label": categories.get(row.get("category"), ""),
            "warning_texts": [w.get(language) or w.get("th") for w in row.get("warnings", [])],
        }
        for row in record.preview
    ]


@method_decorator(permission_required(IMPORT_PERMISSION, raise_exception=True), name="dispatch")
class UploadView(View):
    template_name = "producers/admin/import_upload.html"

    def get(self, request, form=None):
        return TemplateResponse(
            request,
            self.template_name,
            {"form": form or UploadForm(), "imports": ProducerImport.visible_to(request.user)[:20]},
        )

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.get(request, form)
        upload, layout = form.cleaned_data["file"], form.layout
        remembered = service.remembered_columns(layout.headers)
        record = ProducerImport.objects.create(
            file=upload,
            original_name=upload.name[:255],
            owner=request.user,
            header_line=layout.header_line,
            headers=layout.headers,
            samples=layout.samples,
            columns=remembered or column_names.suggest(layout.headers),
        )
        if remembered is None or column_names.missing_required(remembered):
            return redirect("producer_import:columns", record.pk)
        messages.info(
            request, _("The columns were read as you chose them last time for these headers.")
        )
        start_preview(record)
        return redirect("producer_import:detail", record.pk)


@method_decorator(permission_required(IMPORT_PERMISSION, raise_exception=True), name="dispatch")
class ColumnsView(View):
    """Which column holds which field: suggested, changeable, remembered for the same headers."""

    template_name = "producers/admin/import_columns.html"
    editable = (ProducerImport.Status.UPLOADED, ProducerImport.Status.PREVIEWED)

    def dispatch(self, request, pk):
        self.record = get_object_or_404(ProducerImport.visible_to(request.user), pk=pk)
        if self.record.status not in self.editable:
            return redirect("producer_import:detail", self.record.pk)
        return super().dispatch(request, pk)

    def render(self, request, form):
        return TemplateResponse(
            request,
            self.template_name,
            {"record": self.record, "form": form, "unmapped": unmapped_columns(self.record)},
        )

    def get(self, request, pk):
        return self.render(request, ColumnsForm(self.record))

    def post(self, request, pk):
        form = ColumnsForm(self.record, request.POST)
        if not form.is_valid():
            return self.render(request, form)
        record = self.record
        record.columns = form.columns
        record.status = ProducerImport.Status.UPLOADED
        record.save()
        service.remember_columns(record.headers, record.columns, request.user)
        start_preview(record)
        return redirect("producer_import:detail", record.pk)


@method_decorator(permission_required(IMPORT_PERMISSION, raise_exception=True), name="dispatch")
class DetailView(View):
    """The preview before confirming, the progress while importing, the result afterwards."""

    def get(self, request, pk):
        record = get_object_or_404(ProducerImport.visible_to(request.user), pk=pk)
        if record.status == ProducerImport.Status.UPLOADED:
            return redirect("producer_import:columns", record.pk)
        valid_rows = record.new_count + record.update_count + record.unchanged_count
        return TemplateResponse(
            request,
            "producers/admin/import_detail.html",
            {
                "record": record,
                "errors": _messages_in_language(record),
                "valid_rows": valid_rows,
                "changes": record.new_count + record.update_count,
                "in_task": service.runs_in_background(record),
                "status_url": reverse("core_job_status", args=[record.job_kind, record.pk]),
                "preview": _preview_in_language(record),
                "mapped": [
                    (column_letter(i), header, column_names.BY_NAME[name].label)
                    for i, (header, name) in enumerate(
                        zip(record.headers, record.columns, strict=False)
                    )
                    if name
                ],
                "unmapped": unmapped_columns(record),
            },
        )


@method_decorator(permission_required(IMPORT_PERMISSION, raise_exception=True), name="dispatch")
class RunView(View):
    """Confirm the import: small files at once, large ones in a Celery task."""

    def post(self, request, pk):
        record = get_object_or_404(ProducerImport.visible_to(request.user), pk=pk)
        was_previewed = record.status == ProducerImport.Status.PREVIEWED
        try:
            record = service.confirm_import(record, request.POST.get("only_valid") == "1")
        except service.ImportHasErrors:
            messages.error(
                request, _("The file has errors: fix them, or import only the valid rows.")
            )
            return redirect("producer_import:detail", record.pk)
        if was_previewed and record.status == ProducerImport.Status.DONE:
            messages.success(
                request,
                _("Imported: %(new)s created, %(update)s updated.")
                % {"new": record.new_count, "update": record.update_count},
            )
        return redirect("producer_import:detail", record.pk)


SAMPLE_DIR = Path(__file__).resolve().parent / "sample_data"
SAMPLES = {"producers-sample-tis620.csv", "producers-sample.xlsx"}


@permission_required(IMPORT_PERMISSION, raise_exception=True)
def sample_file(request, name):
    """The messy sample registries shipped with the app, for coordinators to try the import."""
    if name not in SAMPLES:
        raise Http404
    return FileResponse((SAMPLE_DIR / name).open("rb"), as_attachment=True, filename=name)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(IMPORT_PERMISSION)


class ProducerImportViewSet(ViewSet):
    name = "producer_import"
    url_prefix = "producers/import"
    icon = "upload"
    menu_label = gettext_lazy("Import producers")
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        return [
            path("", UploadView.as_view(), name="upload"),
            path("<int:pk>/", DetailView.as_view(), name="detail"),
            path("<int:pk>/columns/", ColumnsView.as_view(), name="columns"),
            path("<int:pk>/run/", RunView.as_view(), name="run"),
            path("sample/<str:name>", sample_file, name="sample"),
        ]
