"""Background exports ("My downloads"); every download is logged in Wagtail's log (reports.services)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.jobs import BackgroundJob


class Report(models.TextChoices):
    COMPLETION = "completion", _("Completion by trainee")
    SUMMARY = "summary", _("Completion summary")


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"


class ExportJobQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user)

    def expired(self, now):
        return self.filter(expires_at__lte=now)


class ExportJob(BackgroundJob):
    """A large export written by a Celery task; its file is attached only once it is complete.

    Progress counts rows: `progress_total` rows to write, `progress_done` written so far.
    """

    job_kind = "report-export"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being written")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    # Writing the file again is harmless (it is attached only at the end): a redelivered task restarts.
    startable_statuses = (Status.QUEUED, Status.RUNNING)

    # The file holds personal data: it goes with the account that asked for it.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_exports",
        verbose_name=_("requested by"),
    )
    report = models.CharField(_("report"), max_length=20, choices=Report.choices)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    format = models.CharField(_("format"), max_length=4, choices=ExportFormat.choices)
    language = models.CharField(_("language"), max_length=8, default="th")
    include_contacts = models.BooleanField(_("includes contact phone and email"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    file = models.FileField(_("file"), upload_to="report-exports/%Y/%m/", blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    expires_at = models.DateTimeField(_("kept until"), db_index=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta(BackgroundJob.Meta):
        verbose_name = _("report download")
        verbose_name_plural = _("report downloads")

    def __str__(self):
        return f"{self.get_report_display()} ({self.format}, {self.created_at:%Y-%m-%d %H:%M})"

    @classmethod
    def visible_to(cls, user):
        from accounts.services import is_coordinator

        if not (user.is_authenticated and user.is_active and is_coordinator(user)):
            return cls.objects.none()
        return cls.objects.owned_by(user)

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.DONE and bool(self.file)

    def result_url(self) -> str:
        return reverse("otop_reports:download_file", args=[self.pk]) if self.is_ready else ""
