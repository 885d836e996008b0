"""Background jobs: one abstract model for the registry import, report downloads and bulk reissues.

Every job has a status, a progress (done of total), a message for the coordinator, an owner, when it was
created and finished and, if its result is deleted later, until when it is kept. The transitions are
written as conditional updates of the job's row, so a task, a retried task and the page polling the
status never overwrite each other's fields. `core/views.job_status` answers the one status endpoint and
`core/static/core/job-progress.js` polls it on every progress page.
"""

from __future__ import annotations

from typing import ClassVar

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class BackgroundJob(models.Model):
    """A piece of work a Celery task (or the request itself) does for a coordinator."""

    # Each job model names itself in the status URL (/admin/jobs/<kind>/<pk>/status/).
    job_kind: ClassVar[str] = ""
    # The statuses after which the progress page stops polling.
    finished_statuses: ClassVar[tuple[str, ...]] = (JobStatus.DONE, JobStatus.FAILED)
    # The statuses `start()` accepts: a job whose work can safely be done again adds RUNNING, so a
    # task redelivered after its worker died starts it afresh.
    startable_statuses: ClassVar[tuple[str, ...]] = (JobStatus.QUEUED,)

    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress_done = models.PositiveIntegerField(_("done"), default=0)
    progress_total = models.PositiveIntegerField(_("total"), default=0)
    message = models.TextField(_("message"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("kept until"), null=True, blank=True, db_index=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    # What the status endpoint shows ------------------------------------------------------------

    @classmethod
    def visible_to(cls, user) -> models.QuerySet:
        """The jobs `user` may follow; any other id is a 404. Each job model says who that is."""
        raise NotImplementedError

    def live_progress(self) -> int:
        """Units done so far (a job that writes inside one transaction may keep it elsewhere)."""
        return self.progress_done

    @property
    def is_finished(self) -> bool:
        return self.status in self.finished_statuses

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        if not self.progress_total:
            return 0
        # 100 only once the job is done: the last rows are written before the result is attached.
        return min(99, self.live_progress() * 100 // self.progress_total)

    def result_url(self) -> str:
        """Where the finished job's result is (a file, a page); empty while there is none."""
        return ""

    # Transitions: conditional updates of the row --------------------------------------------

    @classmethod
    def _rows(cls, pk):
        return cls._default_manager.filter(pk=pk)

    def claim(self, *, from_statuses, to_status, **fields) -> bool:
        """Move from one of `from_statuses` to `to_status` if no one else did; False if not."""
        moved = (
            self._rows(self.pk)
            .filter(status__in=list(from_statuses))
            .update(status=to_status, **fields)
        )
        if moved:
            self.status = to_status
            for name, value in fields.items():
                setattr(self, name, value)
        return bool(moved)

    def start(self, *, total: int | None = None, **fields) -> bool:
        """QUEUED → RUNNING, progress (and `fields`) reset; False if the job had already started."""
        fields["progress_done"] = 0
        if total is not None:
            fields["progress_total"] = total
        return self.claim(
            from_statuses=self.startable_statuses, to_status=JobStatus.RUNNING, **fields
        )

    def set_progress(self, done: int, total: int | None = None) -> None:
        fields = {"progress_done": done}
        if total is not None:
            fields["progress_total"] = total
        self._rows(self.pk).update(**fields)

    def add_progress(self, done: int) -> None:
        """Add to the counter in the database (chunks of one job running in parallel)."""
        self._rows(self.pk).update(progress_done=F("progress_done") + done)

    def finish(self, **fields) -> None:
        """Mark the job done now, saving `fields` with it."""
        self._save_final(JobStatus.DONE, **fields)

    def fail(self, message: str = "") -> None:
        """Mark the job failed, with a message the coordinator reads if there is one to give."""
        self._save_final(JobStatus.FAILED, message=str(message)[:1000])

    def _save_final(self, status: str, **fields) -> None:
        fields.update(status=status, finished_at=timezone.now())
        self._rows(self.pk).update(**fields)
        for name, value in fields.items():
            setattr(self, name, value)


def job_model(kind: str) -> type[BackgroundJob] | None:
    """The job model whose `job_kind` is `kind`, or None."""
    for model in apps.get_models():
        if issubclass(model, BackgroundJob) and model.job_kind == kind:
            return model
    return None
