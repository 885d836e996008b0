"""The trainee side: enrolments, lesson progress, quiz attempts and cohorts.

Progress refers to pages (not revisions), so editing a published lesson never loses anyone's progress.
Sized for 30,000 trainees × 20 courses × 10 lessons: every per-trainee read is an index range scan on
(enrolment, lesson).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EnrolmentQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def completed(self):
        return self.filter(status=Enrolment.Status.COMPLETED)

    def in_progress(self):
        return self.filter(status=Enrolment.Status.ACTIVE)


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("in progress")
        COMPLETED = "completed", _("completed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("trainee"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("course"),
    )
    cohort = models.ForeignKey(
        "learning.Cohort",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrolments",
        verbose_name=_("training session"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    last_lesson = models.ForeignKey(
        "courses.LessonPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("last lesson opened"),
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_enrolment_per_course"),
            models.CheckConstraint(
                condition=models.Q(status="active", completed_at__isnull=True)
                | models.Q(status="completed", completed_at__isnull=False),
                name="completed_enrolment_has_a_date",
            ),
        ]
        indexes = [
            models.Index(fields=["course", "status"]),
            models.Index(fields=["completed_at"]),
        ]

    def __str__(self):
        return f"{self.user} · {self.course_id}"

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED


class LessonProgress(models.Model):
    """One trainee's state in one lesson: opened (started) and, once done, completed."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="progress")
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="one_progress_per_lesson"),
        ]

    def __str__(self):
        return f"{self.enrolment_id} · {self.lesson_id}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class QuizAttempt(models.Model):
    """A submitted quiz, graded on the server against the lesson revision that was live."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The lesson revision whose answers graded this attempt."),
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    token = models.UUIDField(
        _("submission token"),
        unique=True,
        help_text=_("Sent with the form, so a double click or a retried request counts once."),
    )
    answers = models.JSONField(_("answers"), default=dict)
    results = models.JSONField(_("result per question"), default=dict)
    correct_count = models.PositiveSmallIntegerField(_("correct answers"))
    question_count = models.PositiveSmallIntegerField(_("questions"))
    score = models.PositiveSmallIntegerField(_("score (percent)"))
    passed = models.BooleanField(_("passed"))
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["enrolment", "lesson", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson", "number"], name="attempt_numbers_are_unique"
            ),
        ]

    def __str__(self):
        return f"{self.enrolment_id} · {self.lesson_id} #{self.number}: {self.score}%"


class Cohort(models.Model):
    """A training session: a course taught to a group at a place (a DOPA district) between two dates."""

    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="cohorts",
        verbose_name=_("course"),
    )
    name = models.CharField(_("name"), max_length=200)
    district_code = models.CharField(
        _("district (DOPA code)"),
        max_length=4,
        db_index=True,
        help_text=_("Four-digit DOPA district code, for example 5101 (อำเภอเมืองลำพูน)."),
    )
    province_code = models.CharField(
        _("province code"), max_length=2, db_index=True, editable=False
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cohorts_taught",
        verbose_name=_("trainer"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="cohort_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.province_code = (self.district_code or "")[:2]
        super().save(*args, **kwargs)


class CohortInvitation(models.Model):
    """An invitation to join a training session, sent to one phone (else email) of a spreadsheet row.

    The coordinator invites every contact they may not enrol at once (nobody's, or an account
    outside their provinces) the same way, so the answer never tells which contacts have accounts.
    Only a hash of the link's token is kept; a re-send makes a new token (the old link stops working).
    """

    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("training session"),
    )
    contact = models.CharField(_("phone or email"), max_length=254)
    title = models.CharField(max_length=8, blank=True)
    title_other = models.CharField(max_length=50, blank=True)
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    expires_at = models.DateTimeField(null=True)
    sent_at = models.DateTimeField(_("sent"), null=True)
    accepted_at = models.DateTimeField(_("accepted on"), null=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training session invitation")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "contact"], name="one_invitation_per_contact")
        ]

    def __str__(self):
        return f"{self.cohort} · {self.pk}"
