"""Admin screens for importing a registry: upload → preview with per-row errors → confirm → progress."""

from pathlib import Path

from django import forms
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.http import FileResponse, Http404, JsonResponse
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

from producers.imports.service import TASK_THRESHOLD, preview_import, run_import
from producers.models import ProducerImport
from producers.tasks import import_producers

IMPORT_PERMISSION = "producers.add_producer"
# A registry of 30,000 producers is about 8 MB as CSV; larger files are refused before reading.
MAX_UPLOAD_BYTES = 25 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Registry file (CSV or XLSX)"),
        help_text=gettext_lazy(
            "CSV in UTF-8 or TIS-620 (Excel's Thai CSV), or XLSX. One producer per row; the first "
            "row names the columns (เลขทะเบียน, ชื่อผู้ผลิต, ประเภทผู้ผลิต, ประเภทผลิตภัณฑ์, ที่อยู่ …). "
            "Dates: dd/mm/yyyy in Buddhist Era (15/01/2560) or yyyy-mm-dd."
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
        return upload


def imports_visible_to(user):
    imports = ProducerImport.objects.all()
    return imports if user.is_superuser else imports.filter(uploaded_by=user)


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


@method_decorator(permission_required(IMPORT_PERMISSION, raise_exception=True), name="dispatch")
class UploadView(View):
    template_name = "producers/admin/import_upload.html"

    def get(self, request, form=None):
        return TemplateResponse(
            request,
            self.template_name,
            {"form": form or UploadForm(), "imports": imports_visible_to(request.user)[:20]},
        )

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.get(request, form)
        upload = form.cleaned_data["file"]
        record = ProducerImport.objects.create(
            file=upload, original_name=upload.name[:255], uploaded_by=request.user
        )
        preview_import(record)
        return redirect("producer_import:detail", record.pk)


@method_decorator(permission_required(IMPORT_PERMISSION, raise_exception=True), name="dispatch")
class DetailView(View):
    """The preview before confirming, the progress while importing, the result afterwards."""

    def get(self, request, pk):
        record = get_object_or_404(imports_visible_to(request.user), pk=pk)
        valid_rows = record.new_count + record.update_count + record.unchanged_count
        return TemplateResponse(
            request,
            "producers/admin/import_detail.html",
            {
                "record": record,
                "errors": _messages_in_language(record),
                "valid_rows": valid_rows,
                "changes": record.new_count + record.update_count,
                "in_task": record.total_rows > TASK_THRESHOLD,
                "status_url": reverse("producer_import:status", args=[record.pk]),
            },
        )


@method_decorator(permission_required(IMPORT_PERMISSION, raise_exception=True), name="dispatch")
class RunView(View):
    """Confirm the import: small files at once, large ones in a Celery task."""

    def post(self, request, pk):
        record = get_object_or_404(imports_visible_to(request.user), pk=pk)
        if record.status != ProducerImport.Status.PREVIEWED:
            return redirect("producer_import:detail", record.pk)
        only_valid = request.POST.get("only_valid") == "1"
        if record.error_count and not only_valid:
            messages.error(
                request, _("The file has errors: fix them, or import only the valid rows.")
            )
            return redirect("producer_import:detail", record.pk)
        with transaction.atomic():
            claimed = ProducerImport.objects.filter(
                pk=record.pk, status=ProducerImport.Status.PREVIEWED
            ).update(status=ProducerImport.Status.QUEUED, only_valid=only_valid)
            if claimed and record.total_rows > TASK_THRESHOLD:
                import_producers.delay_on_commit(record.pk)
        if claimed and record.total_rows <= TASK_THRESHOLD:
            record = run_import(record.pk)
            if record.status == ProducerImport.Status.DONE:
                messages.success(
                    request,
                    _("Imported: %(new)s created, %(update)s updated.")
                    % {"new": record.new_count, "update": record.update_count},
                )
        return redirect("producer_import:detail", record.pk)


@method_decorator(permission_required(IMPORT_PERMISSION, raise_exception=True), name="dispatch")
class StatusView(View):
    def get(self, request, pk):
        record = imports_visible_to(request.user).filter(pk=pk).first()
        if record is None:
            raise Http404
        finished = record.status in (ProducerImport.Status.DONE, ProducerImport.Status.FAILED)
        return JsonResponse(
            {
                "status": record.status,
                "percent": record.progress_percent,
                "processed": record.processed_rows,
                "total": record.total_rows,
                "finished": finished,
                "label": _("%(status)s: %(processed)s of %(total)s rows")
                % {
                    "status": record.get_status_display(),
                    "processed": record.processed_rows,
                    "total": record.total_rows,
                },
            }
        )


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
            path("<int:pk>/run/", RunView.as_view(), name="run"),
            path("<int:pk>/status.json", StatusView.as_view(), name="status"),
            path("sample/<str:name>", sample_file, name="sample"),
        ]
