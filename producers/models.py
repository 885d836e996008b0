"""The OTOP producer registry: producers, their products and standards, and who belongs to them.

Addresses are DOPA subdistrict codes (six digits); the province and district codes are stored
beside them as indexed columns so that scoping a coordinator to a province is a plain indexed filter.
"""

import secrets

import geothai
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from core.jobs import BackgroundJob


class ProducerType(models.TextChoices):
    COMMUNITY_GROUP = "community_group", _("Community group")
    COMMUNITY_ENTERPRISE = "community_enterprise", _("Community enterprise")
    SINGLE_OWNER = "single_owner", _("Single owner")
    SME = "sme", _("SME")


class ProductCategory(models.TextChoices):
    FOOD = "food", _("Food")
    BEVERAGE = "beverage", _("Beverages")
    TEXTILE = "textile", _("Textiles and garments")
    HOUSEHOLD = "household", _("Household items, decorations and souvenirs")
    HERBAL = "herbal", _("Herbal products other than food")


class HttpsURLField(models.URLField):
    """A web address typed without a scheme is read as https:// (Django 6's default, now)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


def validate_subdistrict_code(value: str) -> None:
    if geothai.subdistrict(value or "") is None:
        raise ValidationError(
            _("%(code)s is not a DOPA subdistrict code."), params={"code": value}, code="unknown"
        )


def area_name(area, language: str | None = None) -> str:
    """The Thai or English name of a geothai area, following the active language."""
    if area is None:
        return ""
    language = language or get_language() or "th"
    return area.name_en if language.startswith("en") else area.name_th


class ProducerQuerySet(models.QuerySet):
    def in_provinces(self, province_codes):
        """Producers in these provinces; `None` means every province."""
        if province_codes is None:
            return self
        return self.filter(province_code__in=province_codes)

    def listed(self):
        """Producers shown in the public directory: the owner opted in, no coordinator hid it,
        and the producer is active."""
        return self.filter(public_listing=True, listing_hidden=False, status=Producer.Status.ACTIVE)


class Producer(ClusterableModel):
    """An OTOP producer: a community group or enterprise, a single owner or an SME."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        CLOSED = "closed", _("Closed")

    registration_number = models.CharField(
        _("registration number"),
        max_length=50,
        unique=True,
        help_text=_("As issued by the Community Development Department; kept exactly as written."),
    )
    name = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    producer_type = models.CharField(
        _("producer type"), max_length=32, choices=ProducerType.choices, db_index=True
    )
    category = models.CharField(
        _("product category"), max_length=16, choices=ProductCategory.choices, db_index=True
    )
    house_number = models.CharField(_("house number"), max_length=50, blank=True)
    village = models.CharField(
        _("village / moo"),
        max_length=100,
        blank=True,
        help_text=_("For example: หมู่ 3 บ้านหนองช้างคืน"),
    )
    subdistrict_code = models.CharField(
        _("subdistrict"),
        max_length=6,
        validators=[RegexValidator(r"^\d{6}$"), validate_subdistrict_code],
        help_text=_("DOPA subdistrict code (6 digits)."),
    )
    district_code = models.CharField(
        _("district code"), max_length=4, db_index=True, editable=False
    )
    province_code = models.CharField(
        _("province code"), max_length=2, db_index=True, editable=False
    )
    phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    registered_on = models.DateField(_("date registered"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    invite_code = models.CharField(
        _("invite code"), max_length=12, blank=True, db_index=True, editable=False
    )
    # The public directory (PDPA): nothing is public until the owner opts in on "My producer".
    public_listing = models.BooleanField(
        _("listed in the public directory"),
        default=False,
        help_text=_("Only the producer's owner turns this on, from their “My producer” page."),
    )
    public_listing_at = models.DateTimeField(_("listing agreed at"), null=True, blank=True)
    listing_hidden = models.BooleanField(
        _("hidden from the public directory"),
        default=False,
        help_text=_("A coordinator can hide a listing, for example while a complaint is checked."),
    )
    description = models.TextField(
        _("public description (Thai)"),
        blank=True,
        help_text=_("A few sentences for buyers and visitors about the group and its craft."),
    )
    description_en = models.TextField(_("public description (English)"), blank=True)
    public_phone = models.CharField(_("phone for buyers"), max_length=30, blank=True)
    public_email = models.EmailField(_("email for buyers"), blank=True)
    public_line_id = models.CharField(_("LINE ID"), max_length=50, blank=True)
    public_website = HttpsURLField(_("website or Facebook page"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProducerQuerySet.as_manager()

    class Meta:
        verbose_name = _("producer")
        verbose_name_plural = _("producers")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["province_code", "district_code", "name"]),
            # The public directory lists by name, within a province or across the country.
            models.Index(
                fields=["province_code", "name"],
                condition=models.Q(public_listing=True, listing_hidden=False, status="active"),
                name="producer_public_directory",
            ),
            models.Index(
                fields=["name", "id"],
                condition=models.Q(public_listing=True, listing_hidden=False, status="active"),
                name="producer_directory_by_name",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.registration_number})"

    @property
    def is_listed(self) -> bool:
        return self.public_listing and not self.listing_hidden and self.status == self.Status.ACTIVE

    def display_name(self, language: str | None = None) -> str:
        language = language or get_language() or "th"
        return self.name_en if language.startswith("en") and self.name_en else self.name

    def set_area_codes(self) -> None:
        """Derive the district and province codes from the subdistrict code (bulk writes call this)."""
        code = self.subdistrict_code or ""
        self.district_code, self.province_code = code[:4], code[:2]

    def save(self, *args, **kwargs):
        self.set_area_codes()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "subdistrict_code" in update_fields:
            kwargs["update_fields"] = {*update_fields, "district_code", "province_code"}
        super().save(*args, **kwargs)

    @property
    def address(self):
        """The geothai Address (province, district, subdistrict) of this producer, or None."""
        return geothai.address(self.subdistrict_code)

    @property
    def province_name(self) -> str:
        return area_name(geothai.province(self.province_code))

    @property
    def district_name(self) -> str:
        return area_name(geothai.district(self.district_code))

    @property
    def subdistrict_name(self) -> str:
        return area_name(geothai.subdistrict(self.subdistrict_code))

    def address_line(self, language: str | None = None) -> str:
        """The address as written on paper: 12 หมู่ 3 ต.บ้านกลาง อ.เมืองลำพูน จ.ลำพูน 51000."""
        found = self.address
        if found is None:
            return " ".join(p for p in (self.house_number, self.village) if p)
        language = language or get_language() or "th"
        english = language.startswith("en")
        sub, dist, prov = (
            area_name(found.subdistrict, language),
            area_name(found.district, language),
            area_name(found.province, language),
        )
        bangkok = found.province.code == "10"
        if english:
            parts = [self.house_number, self.village, sub, dist, prov]
        elif bangkok:
            parts = [self.house_number, self.village, f"แขวง{sub}", f"เขต{dist}", prov]
        else:
            parts = [self.house_number, self.village, f"ต.{sub}", f"อ.{dist}", f"จ.{prov}"]
        return " ".join(p for p in [*parts, found.subdistrict.postal_codes[0]] if p)

    def new_invite_code(self) -> str:
        """A fresh code an owner hands to members; the old one stops working."""
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed on phones
        self.invite_code = "".join(secrets.choice(alphabet) for _ in range(8))
        return self.invite_code


class Product(ClusterableModel):
    producer = ParentalKey(
        Producer, on_delete=models.CASCADE, related_name="products", verbose_name=_("producer")
    )
    name = models.CharField(_("product name"), max_length=255)
    category = models.CharField(
        _("product category"), max_length=16, choices=ProductCategory.choices
    )
    description = models.TextField(
        _("description (Thai)"),
        blank=True,
        help_text=_("Shown on the public product page: materials, how it is made, sizes."),
    )
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["producer", "name"]

    def __str__(self):
        return self.name

    @property
    def latest_rating(self):
        ratings = sorted(self.ratings.all(), key=lambda r: r.year, reverse=True)
        return ratings[0] if ratings else None

    def display_description(self, language: str | None = None) -> str:
        language = language or get_language() or "th"
        if language.startswith("en") and self.description_en:
            return self.description_en
        return self.description


class ProductPhoto(Orderable):
    """A photo of a product for its public page (Wagtail image; renditions give WebP and srcset)."""

    product = ParentalKey(
        Product, on_delete=models.CASCADE, related_name="photos", verbose_name=_("product")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("photo"),
    )
    caption = models.CharField(
        _("caption"),
        max_length=255,
        blank=True,
        help_text=_("Describes the photo for people who cannot see it."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")

    def __str__(self):
        return self.caption or str(self.image)

    @property
    def alt_text(self) -> str:
        return self.caption or self.product.name


class ProductStandard(models.Model):
    class Kind(models.TextChoices):
        COMMUNITY = "community", _("Community product standard (มผช.)")
        FDA = "fda", _("FDA number (อย.)")
        GMP = "gmp", _("GMP")
        HALAL = "halal", _("Halal")
        OTHER = "other", _("Other")

    product = ParentalKey(
        Product, on_delete=models.CASCADE, related_name="standards", verbose_name=_("product")
    )
    kind = models.CharField(_("standard"), max_length=16, choices=Kind.choices)
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued"), null=True, blank=True)
    expires_on = models.DateField(_("expires"), null=True, blank=True)

    class Meta:
        verbose_name = _("product standard")
        verbose_name_plural = _("product standards")
        ordering = ["kind", "-expires_on"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.certificate_number}".strip()

    def is_valid_on(self, day) -> bool:
        return self.expires_on is None or self.expires_on >= day

    @property
    def is_current(self) -> bool:
        return self.is_valid_on(timezone.localdate())


class ProductRating(models.Model):
    """The star rating a product received in one selection year (Buddhist Era)."""

    product = ParentalKey(
        Product, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("product")
    )
    year = models.PositiveSmallIntegerField(
        _("selection year (B.E.)"),
        validators=[MinValueValidator(2545), MaxValueValidator(2700)],
        help_text=_("Buddhist Era year, for example 2568."),
    )
    stars = models.PositiveSmallIntegerField(
        _("stars"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("star rating")
        verbose_name_plural = _("star ratings")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["product", "year"], name="product_rating_once_a_year"),
            models.CheckConstraint(
                condition=models.Q(stars__gte=1, stars__lte=5), name="product_rating_stars_1_5"
            ),
        ]

    def __str__(self):
        return f"{'★' * self.stars} {self.year}"


class MembershipQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Membership.Status.CONFIRMED)

    def pending(self):
        return self.filter(status=Membership.Status.REQUESTED)


class Membership(models.Model):
    """A trainee's link to a producer. Only a confirmed membership counts anywhere."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        MEMBER = "member", _("Member")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="producer_memberships",
        verbose_name=_("trainee"),
    )
    producer = models.ForeignKey(
        Producer, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("producer")
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED, db_index=True
    )
    named_publicly = models.BooleanField(
        _("name shown on the public page"),
        default=False,
        help_text=_(
            "Only the member turns this on: their name and certificates then appear on the "
            "producer's public page."
        ),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "producer"], name="membership_once_per_producer"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.producer.name}"


class ProducerChangeRequest(models.Model):
    """An owner's change to a producer's address or registered name, waiting for a coordinator.

    The owner edits contact fields directly; these fields decide which province's coordinator
    sees the producer, so they change only when a coordinator of its province confirms them.
    """

    FIELDS = ("name", "house_number", "village", "subdistrict_code")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the coordinator")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    producer = models.ForeignKey(
        Producer,
        on_delete=models.CASCADE,
        related_name="change_requests",
        verbose_name=_("producer"),
    )
    changes = models.JSONField(_("requested values"))
    previous = models.JSONField(_("values before"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("producer change request")
        verbose_name_plural = _("producer change requests")
        ordering = ["status", "-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["producer"],
                condition=models.Q(status="pending"),
                name="one_pending_change_per_producer",
            )
        ]

    def __str__(self):
        return f"{self.producer.name} ({self.get_status_display()})"

    def rows(self) -> list[dict]:
        """(label, before, after) of each requested field, readable (the subdistrict as a place)."""
        result = []
        for field in self.FIELDS:
            if field not in self.changes:
                continue
            before, after = self.previous.get(field, ""), self.changes[field]
            if field == "subdistrict_code":
                before, after = _place(before), _place(after)
            label = Producer._meta.get_field(field).verbose_name
            result.append({"label": label, "before": before, "after": after})
        return result


def _place(code: str) -> str:
    found = geothai.address(code or "")
    if found is None:
        return code or ""
    parts = (found.subdistrict, found.district, found.province)
    return " · ".join(area_name(part) for part in parts)


class TraineeIdentity(models.Model):
    """A trainee's Thai national ID, kept only with their consent (PDPA).

    The number itself is never stored: only a keyed hash (to find a person again, e.g. from an
    imported registry) and the last four digits (to show it masked).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="national_identity",
        verbose_name=_("trainee"),
    )
    national_id_hash = models.CharField(max_length=64, unique=True, editable=False)
    national_id_last4 = models.CharField(_("last four digits"), max_length=4, editable=False)
    consent_at = models.DateTimeField(_("consent given at"))
    consent_version = models.CharField(_("privacy notice version"), max_length=20)

    class Meta:
        verbose_name = _("trainee identity")
        verbose_name_plural = _("trainee identities")

    def __str__(self):
        return self.masked

    @property
    def masked(self) -> str:
        return f"x-xxxx-xxxxx-{self.national_id_last4[:2]}-{self.national_id_last4[2:]}"


class CoordinatorScope(models.Model):
    """Which producers a coordinator may see and change: one province per row, or all of them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coordinator_scopes",
        verbose_name=_("coordinator"),
    )
    province_code = models.CharField(
        _("province"),
        max_length=2,
        blank=True,
        choices=[],  # filled lazily in forms; geothai is the source of the 77 provinces
        help_text=_("Leave empty for a national coordinator."),
    )
    national = models.BooleanField(_("national (all provinces)"), default=False)

    class Meta:
        verbose_name = _("coordinator scope")
        verbose_name_plural = _("coordinator scopes")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "province_code"], name="coordinator_scope_once_per_province"
            ),
            models.CheckConstraint(
                condition=models.Q(national=True) | ~models.Q(province_code=""),
                name="coordinator_scope_province_or_national",
            ),
        ]

    def __str__(self):
        if self.national:
            everywhere = _("all provinces")
            return f"{self.user}: {everywhere}"
        return f"{self.user}: {area_name(geothai.province(self.province_code))}"


def import_upload_path(instance, filename):
    return f"producer-imports/{timezone.now():%Y/%m}/{filename}"


class ProducerImport(BackgroundJob):
    """One uploaded registry file: its preview, then its import (in a Celery task when large).

    Progress counts rows: `progress_total` is the rows of the file, `progress_done` the rows checked
    or written so far; `message` says why a file was refused.
    """

    job_kind = "producer-import"

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Columns to check")
        ANALYSING = "analysing", _("Checking rows")
        PREVIEWED = "previewed", _("Previewed")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    # The progress page stops polling once the rows are checked, as it does once they are written.
    finished_statuses = (Status.PREVIEWED, Status.DONE, Status.FAILED)

    file = models.FileField(_("file"), upload_to=import_upload_path)
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.UPLOADED
    )
    # The file's layout and the column mapping the coordinator confirmed (field name or "").
    header_line = models.PositiveIntegerField(default=1)
    headers = models.JSONField(default=list, blank=True)
    samples = models.JSONField(default=list, blank=True)
    columns = models.JSONField(default=list, blank=True)
    only_valid = models.BooleanField(_("import only the valid rows"), default=False)
    new_count = models.PositiveIntegerField(default=0)
    update_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    preview = models.JSONField(default=list, blank=True)

    class Meta(BackgroundJob.Meta):
        verbose_name = _("producer import")
        verbose_name_plural = _("producer imports")

    def __str__(self):
        return self.original_name

    @classmethod
    def visible_to(cls, user):
        imports = cls.objects.all()
        return imports if user.is_superuser else imports.filter(owner=user)

    def live_progress(self) -> int:
        from producers.imports.service import progress_of

        return progress_of(self)

    def result_url(self) -> str:
        return reverse("producer_import:detail", args=[self.pk])


class ImportColumnMapping(models.Model):
    """The column mapping a coordinator confirmed for a set of headers, reused for the next file."""

    headers_key = models.CharField(max_length=64, unique=True, editable=False)
    headers = models.JSONField(default=list)
    columns = models.JSONField(default=dict)  # {normalised header: field or ""}
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("import column mapping")
        verbose_name_plural = _("import column mappings")

    def __str__(self):
        return " | ".join(self.headers)
