"""Selection rounds (for example OTOP Product Champion 2569) and the checks a producer must pass.

Results are never stored: `selection.services.evaluate` computes them on every read, so a revoked
certificate or an expired standard shows at once.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from core.thai_dates import local_date
from producers.models import ProductCategory, ProductStandard


def course_choices():
    """Live courses for the rule form (called when the form is built, never at import)."""
    from courses.models import CoursePage

    return [(c.pk, c.title) for c in CoursePage.objects.live().order_by("title")]


class ChoiceListField(models.JSONField):
    """A JSON list of choice values, edited as check boxes."""

    def __init__(self, *args, choices_source=None, coerce=str, **kwargs):
        self.choices_source = choices_source
        self.coerce = coerce
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, "django.db.models.JSONField", args, kwargs

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            label=self.verbose_name,
            help_text=self.help_text,
            required=False,
            choices=self.choices_source or [],
            coerce=self.coerce,
            widget=forms.CheckboxSelectMultiple,
        )


class SelectionRound(ClusterableModel):
    name = models.CharField(
        _("name"),
        max_length=255,
        help_text=_("For example: คัดสรรสุดยอดหนึ่งตำบล หนึ่งผลิตภัณฑ์ไทย ปี 2569"),
    )
    year = models.PositiveSmallIntegerField(_("year (B.E.)"), help_text=_("For example 2569."))
    opens_on = models.DateField(_("registration opens"))
    closes_on = models.DateField(_("registration closes"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("selection round")
        verbose_name_plural = _("selection rounds")
        ordering = ["-year", "-opens_on"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("Registration must close after it opens.")})
        if self.year and not 2500 <= self.year <= 2700:
            raise ValidationError(
                {"year": _("Give the year in the Buddhist Era, for example 2569.")}
            )

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on


class RoundRule(Orderable):
    """One check of a round. Which fields matter depends on `kind` (validated in `clean`)."""

    class Kind(models.TextChoices):
        REGISTERED_BEFORE = "registered_before", _("Registered before a date")
        ACTIVE_STATUS = "active_status", _("Producer is active")
        PRODUCT_IN_CATEGORIES = "product_in_categories", _("Has a product in these categories")
        STANDARD_HELD = "standard_held", _("Holds a product standard valid on a date")
        COURSE_CERTIFICATES = "course_certificates", _("Course certificates held")
        NO_REVOKED_EVIDENCE = "no_revoked_evidence", _("No revoked certificate")

    class Holder(models.TextChoices):
        OWNER = "owner", _("The owner")
        MEMBERS = "members", _("At least N confirmed members")

    round = ParentalKey(SelectionRound, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("check"), max_length=32, choices=Kind.choices)
    on_date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("Registered before this date; or the standard must be valid on this date."),
    )
    categories = ChoiceListField(_("product categories"), choices_source=ProductCategory.choices)
    standard_kinds = ChoiceListField(
        _("standards"),
        choices_source=ProductStandard.Kind.choices,
        help_text=_("Any one of these standards counts."),
    )
    course_ids = ChoiceListField(
        _("courses"),
        choices_source=course_choices,
        coerce=int,
        help_text=_("Every course chosen needs a valid certificate."),
    )
    holder = models.CharField(
        _("who must hold them"), max_length=8, choices=Holder.choices, blank=True
    )
    min_members = models.PositiveSmallIntegerField(_("number of members"), null=True, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("check")
        verbose_name_plural = _("checks")

    def __str__(self):
        return self.get_kind_display()

    def parameters(self) -> list[str]:
        """The rule's settings in words, for admin pages and the trainee's panel."""
        from courses.models import CoursePage

        words = []
        if self.on_date:
            words.append(local_date(self.on_date, short=True))
        categories = dict(ProductCategory.choices)
        words += [str(categories.get(c, c)) for c in self.categories or []]
        kinds = dict(ProductStandard.Kind.choices)
        words += [str(kinds.get(k, k)) for k in self.standard_kinds or []]
        if self.course_ids:
            words += list(
                CoursePage.objects.filter(pk__in=self.course_ids).values_list("title", flat=True)
            )
        if self.holder == self.Holder.OWNER:
            words.append(str(self.Holder.OWNER.label))
        elif self.holder == self.Holder.MEMBERS:
            words.append(_("at least %(n)s confirmed members") % {"n": self.min_members or 1})
        return words

    def clean(self):
        errors = {}
        kind = self.Kind
        if self.kind in (kind.REGISTERED_BEFORE, kind.STANDARD_HELD) and not self.on_date:
            errors["on_date"] = _("This check needs a date.")
        if self.kind == kind.PRODUCT_IN_CATEGORIES and not self.categories:
            errors["categories"] = _("Choose at least one category.")
        if self.kind == kind.STANDARD_HELD and not self.standard_kinds:
            errors["standard_kinds"] = _("Choose at least one standard.")
        if self.kind == kind.COURSE_CERTIFICATES:
            if not self.course_ids:
                errors["course_ids"] = _("Choose at least one course.")
            if not self.holder:
                errors["holder"] = _("Say who must hold the certificates.")
            elif self.holder == self.Holder.MEMBERS and not self.min_members:
                errors["min_members"] = _("Give the number of members (1 or more).")
        if errors:
            raise ValidationError(errors)
