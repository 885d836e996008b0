"""Certificates: the template a coordinator designs, and the immutable certificate issued per enrolment.

A certificate is a snapshot: the holder's name, the course and the producer are copied at issue, and the
PDF is rendered once and never again (a reissue makes a new certificate with a new code).
"""

import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from core.jobs import BackgroundJob, JobStatus

# What a template's body may contain between braces; rendering.CertificateData fills each of them.
PLACEHOLDERS = (
    "name",
    "name_en",
    "course",
    "course_en",
    "date",
    "date_en",
    "producer",
    "registration_number",
    "producer_line",
    "code",
)


def body_errors(body: str) -> list[ValidationError]:
    """What is wrong with a template body: only the known {placeholders}, written plainly.

    `{0}`, `{}`, `{name.x}`, `{name:>100}`, `{name!r}` and a lone `{` or `}` are refused (use `{{`
    and `}}` for a literal brace), each error naming what was written.
    """
    try:
        parsed = list(string.Formatter().parse(body or ""))
    except ValueError:
        return [
            ValidationError(
                _(
                    "The body text has a brace that is not closed or not opened. Write placeholders "
                    "as {course}; for a brace itself write {{ or }}."
                ),
                code="unbalanced",
            )
        ]
    errors = []
    known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
    for _literal, field_name, spec, conversion in parsed:
        if field_name is None:
            continue
        if field_name not in PLACEHOLDERS or spec or conversion:
            written = "{" + field_name + (f"!{conversion}" if conversion else "")
            written += (f":{spec}" if spec else "") + "}"
            errors.append(
                ValidationError(
                    _(
                        "%(placeholder)s is not a placeholder a certificate knows. Use only: %(known)s."
                    ),
                    params={"placeholder": written, "known": known},
                    code="unknown_placeholder",
                )
            )
    return errors


DEFAULT_BODY = "ได้ผ่านการอบรมหลักสูตร “{course}” ครบถ้วนตามเกณฑ์ของโครงการ SMART OTOP เมื่อวันที่ {date}"


class CertificateTemplate(ClusterableModel):
    """The design of a certificate, edited by coordinators; `version` goes up on every save."""

    class Layout(models.TextChoices):
        CLASSIC = "classic", _("Classic (border and centred text)")
        MODERN = "modern", _("Modern (coloured band on the left)")

    name = models.CharField(_("name"), max_length=120)
    layout = models.CharField(_("layout"), max_length=10, choices=Layout, default=Layout.CLASSIC)
    heading = models.CharField(_("heading"), max_length=120, default="เกียรติบัตร")
    heading_en = models.CharField(
        _("heading (English)"), max_length=120, blank=True, default="Certificate of Completion"
    )
    issuer = models.CharField(
        _("issuing organisation"), max_length=255, default="กรมการพัฒนาชุมชน กระทรวงมหาดไทย"
    )
    background_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("background image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(
        _("body text"),
        default=DEFAULT_BODY,
        help_text=_(
            "Placeholders: {name}, {name_en}, {course}, {course_en}, {date}, {date_en}, "
            "{producer}, {registration_number}, {producer_line}, {code}."
        ),
    )
    show_english = models.BooleanField(
        _("show an English line"),
        default=True,
        help_text=_("Adds the English name, course and date under the Thai text."),
    )
    is_default = models.BooleanField(
        _("default template"),
        default=False,
        help_text=_("Used for courses that do not name a template."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("layout"),
        FieldPanel("is_default"),
        MultiFieldPanel(
            [FieldPanel("heading"), FieldPanel("heading_en"), FieldPanel("issuer")],
            heading=_("Heading"),
        ),
        FieldPanel("body"),
        FieldPanel("show_english"),
        MultiFieldPanel([FieldPanel("background_image"), FieldPanel("logo")], heading=_("Images")),
        InlinePanel("signatories", label=_("Signatories"), max_num=3),
    ]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_template"
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if errors := body_errors(self.body):
            raise ValidationError({"body": errors})

    def save(self, *args, **kwargs):
        if self.pk:
            self.version = (self.version or 0) + 1
        if self.is_default:
            CertificateTemplate.objects.exclude(pk=self.pk).filter(is_default=True).update(
                is_default=False
            )
        super().save(*args, **kwargs)


class SignatoryPerson(models.Model):
    """Who signs a certificate: a name, a position and a signature image."""

    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=255)
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.name


class Signatory(Orderable, SignatoryPerson):
    template = ParentalKey(
        CertificateTemplate, on_delete=models.CASCADE, related_name="signatories"
    )
    signs_for_province = models.BooleanField(
        _("signs for the province"),
        default=False,
        help_text=_(
            "The provincial officer of the certificate's producer signs in this place when one is "
            "set for that province (Certificates → Provincial signatories); otherwise this person."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("position"),
        FieldPanel("signature"),
        FieldPanel("signs_for_province"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")


class ProvincialSignatory(SignatoryPerson):
    """The officer who signs certificates for the producers of one province (for example
    พัฒนาการจังหวัดลำพูน)."""

    province_code = models.CharField(_("province"), max_length=2, unique=True)

    class Meta:
        verbose_name = _("provincial signatory")
        verbose_name_plural = _("provincial signatories")
        ordering = ["province_code"]

    def __str__(self):
        return f"{self.name} ({self.position})"


class CourseCertificate(models.Model):
    """Which template a course's certificates use (courses never import certificates)."""

    course = models.OneToOneField(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="certificate_settings",
        verbose_name=_("course"),
    )
    template = models.ForeignKey(
        CertificateTemplate,
        on_delete=models.PROTECT,
        related_name="courses",
        verbose_name=_("template"),
    )

    panels = [FieldPanel("course"), FieldPanel("template")]

    class Meta:
        verbose_name = _("course certificate template")
        verbose_name_plural = _("course certificate templates")

    def __str__(self):
        return f"{self.course} → {self.template}"


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(status=Certificate.Status.VALID)

    def active(self):
        return self.filter(status__in=Certificate.ACTIVE_STATUSES)


class Certificate(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("being prepared")  # row created at issue, PDF not rendered yet
        VALID = "valid", _("valid")
        REVOKED = "revoked", _("revoked")
        REPLACED = "replaced", _("replaced")  # a newer version was issued; see replaced_by
        FAILED = "failed", _("could not be made")  # rendering failed; see failure_reason

    ACTIVE_STATUSES = ("pending", "valid")

    enrolment = models.ForeignKey(
        "learning.Enrolment",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("enrolment"),
    )
    code = models.CharField(_("code"), max_length=32, unique=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # snapshot at issue (never changes afterwards)
    holder_name = models.CharField(_("holder"), max_length=300)
    holder_name_en = models.CharField(_("holder (English)"), max_length=300, blank=True)
    course_title = models.CharField(_("course"), max_length=255)
    course_title_en = models.CharField(_("course (English)"), max_length=255, blank=True)
    completed_on = models.DateField(_("completed on"))
    producer = models.ForeignKey(
        "producers.Producer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
        verbose_name=_("producer"),
    )
    producer_name = models.CharField(_("producer name"), max_length=255, blank=True)
    producer_registration_number = models.CharField(
        _("producer registration number"), max_length=64, blank=True
    )
    template = models.ForeignKey(
        CertificateTemplate,
        null=True,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("template"),
    )
    template_version = models.PositiveIntegerField(_("template version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )
    failure_reason = models.TextField(
        _("why it could not be made"),
        blank=True,
        help_text=_("Correct the template, then reissue the certificate."),
    )
    pdf = models.FileField(_("PDF"), upload_to="certificates/%Y/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(status__in=["pending", "valid"]),
                name="one_active_certificate_per_enrolment",
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return self.code

    def get_verify_url(self) -> str:
        return reverse("certificates:verify", args=[self.code])

    def get_absolute_verify_url(self) -> str:
        return settings.SITE_URL + self.get_verify_url()

    def get_download_url(self) -> str:
        return reverse("certificates:download", args=[self.code])

    @property
    def is_valid(self) -> bool:
        return self.status == self.Status.VALID

    def revoke(self, reason: str, by=None) -> None:
        """Revoke this certificate (see certificates.services.revoke)."""
        from certificates import services

        services.revoke(self, reason, by)


class BulkReissue(BackgroundJob):
    """A coordinator's request to reissue every valid certificate of a course; Celery chunks count.

    Progress counts certificates: `progress_total` to reissue, `progress_done` handled so far, of
    which `failed` could not be rendered.
    """

    job_kind = "bulk-reissue"
    Status = JobStatus
    # The chunks are safe to run again: a redelivered task fans the work out afresh.
    startable_statuses = (JobStatus.QUEUED, JobStatus.RUNNING)

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("course")
    )
    reason = models.TextField(_("reason"))
    failed = models.PositiveIntegerField(_("failed"), default=0)

    class Meta(BackgroundJob.Meta):
        verbose_name = _("bulk reissue")
        verbose_name_plural = _("bulk reissues")

    def __str__(self):
        return f"{self.course} ({self.created_at:%Y-%m-%d %H:%M})"

    @classmethod
    def visible_to(cls, user):
        """Reissuing a whole course touches every province: national coordinators follow them all."""
        from accounts.services import is_coordinator
        from producers.selectors import province_codes_for

        if is_coordinator(user) and province_codes_for(user) is None:
            return cls.objects.all()
        return cls.objects.none()

    @property
    def reissued(self) -> int:
        return self.progress_done - self.failed

    def result_url(self) -> str:
        return reverse("certificates_certificate:index")
