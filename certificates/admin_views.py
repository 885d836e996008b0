"""Wagtail admin screens: templates (with a PDF preview), course templates, certificates (revoke, reissue,
bulk reissue with progress)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.scoping import ScopedModelViewSet
from accounts.services import is_coordinator
from certificates import selectors, services
from certificates.models import (
    BulkReissue,
    Certificate,
    CertificateTemplate,
    CourseCertificate,
    ProvincialSignatory,
    body_errors,
)
from core.listing_cells import two_line_cell
from core.thai_dates import local_date
from courses.models import CoursePage


def _require_coordinator(request):
    if not is_coordinator(request.user):
        raise PermissionDenied


# ---------------------------------------------------------------- templates
class PreviewColumn(Column):
    def get_value(self, instance):
        return format_html(
            '<a class="button button-small button-secondary" href="{}" target="_blank">{}</a>',
            reverse("certificates_admin:template_preview", args=[instance.pk]),
            _("Preview PDF"),
        )


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = gettext_lazy("Certificate templates")
    list_display = [
        "name",
        "layout",
        "version",
        # A plain "is_default" column prints Python's True/False in English.
        Column(
            "is_default",
            label=CertificateTemplate._meta.get_field("is_default").verbose_name,
            accessor=lambda template: _("Yes") if template.is_default else "",
        ),
        PreviewColumn("preview", label=gettext_lazy("Preview")),
    ]
    copy_view_enabled = False


def template_preview(request, pk: int):
    """The template rendered with sample data, as the PDF a trainee would get."""
    _require_coordinator(request)
    template = get_object_or_404(CertificateTemplate, pk=pk)
    from certificates import rendering  # WeasyPrint loads only where a PDF is made

    try:
        pdf = rendering.render_pdf(template, rendering.sample_data(template))
    except Exception as error:  # a body saved before it was checked: say what is wrong, no 500
        problems = [" ".join(e.messages) for e in body_errors(template.body)] or [str(error)]
        messages.error(
            request,
            _("The preview could not be made: %(problem)s") % {"problem": " ".join(problems)},
        )
        return redirect("wagtailsnippets_certificates_certificatetemplate:edit", pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="template-{pk}-preview.pdf"'
    return response


class CourseCertificateViewSet(ModelViewSet):
    model = CourseCertificate
    icon = "link"
    menu_label = gettext_lazy("Course templates")
    list_display = ["course", "template"]
    panels = [FieldPanel("course"), FieldPanel("template")]
    copy_view_enabled = False


def _province_options():
    from producers.widgets import province_choices

    return [("", "---------"), *province_choices()]


class ProvinceColumn(Column):
    def get_value(self, instance):
        from producers.widgets import province_choices

        return dict(province_choices()).get(instance.province_code, instance.province_code)


class ProvincialSignatoryViewSet(ModelViewSet):
    model = ProvincialSignatory
    icon = "user"
    menu_label = gettext_lazy("Provincial signatories")
    list_display = [
        ProvinceColumn("province_code", label=gettext_lazy("Province")),
        "name",
        "position",
    ]
    panels = [
        FieldPanel("province_code", widget=forms.Select(choices=_province_options)),
        FieldPanel("name"),
        FieldPanel("position"),
        FieldPanel("signature"),
    ]
    copy_view_enabled = False


# ---------------------------------------------------------------- certificates
class CertificateFilterSet(WagtailFilterSet):
    status = ChoiceFilter(label=gettext_lazy("Status"), choices=Certificate.Status.choices)
    course = ModelChoiceFilter(
        label=gettext_lazy("Course"),
        field_name="enrolment__course",
        queryset=CoursePage.objects.order_by("title"),
    )

    class Meta:
        model = Certificate
        fields = []


def certificate_actions(instance) -> list[tuple[str, str, str]]:
    """(label, url, icon) of what a coordinator can do with this certificate, in its status."""
    actions = []
    if instance.status == Certificate.Status.VALID:
        actions.append(
            (_("Revoke"), reverse("certificates_admin:revoke", args=[instance.pk]), "warning")
        )
    if instance.status in services.REISSUABLE:
        actions.append(
            (_("Reissue"), reverse("certificates_admin:reissue", args=[instance.pk]), "rotate")
        )
    if instance.pdf:
        actions.append((_("Download PDF"), instance.get_download_url(), "download"))
    actions.append((_("Verification page"), instance.get_verify_url(), "link"))
    return actions


class CertificateIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("enrolment", "producer")

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        for label, url, icon in certificate_actions(instance):
            buttons.append(ListingButton(label, url=url, icon_name=icon))
        return buttons


class CertificateActionsMixin:
    """Revoke and reissue in sight on the certificate's own page, next to its title."""

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(label, url=url, icon_name=icon, priority=10 * n)
            for n, (label, url, icon) in enumerate(certificate_actions(self.object), start=1)
        ]


class CertificateEditView(CertificateActionsMixin, generic.EditView):
    pass


class CertificateInspectView(CertificateActionsMixin, generic.InspectView):
    pass


class CertificateStatusColumn(Column):
    """Valid in green, revoked or failed in red, the others neutral: told apart at a glance."""

    cell_template_name = "certificates/admin/status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["status"] = instance.status
        context["label"] = instance.get_status_display()
        return context


def _producer_cell(instance):
    if not instance.producer_name:
        return "—"
    place = instance.producer.province_name if instance.producer_id else ""
    return two_line_cell(instance.producer_name, instance.producer_registration_number, place)


class CertificateViewSet(ScopedModelViewSet):
    model = Certificate
    icon = "tick-inverse"
    menu_label = gettext_lazy("Certificates")
    index_view_class = CertificateIndexView
    edit_view_class = CertificateEditView
    inspect_view_class = CertificateInspectView
    filterset_class = CertificateFilterSet
    search_fields = ["code", "holder_name", "holder_name_en", "course_title", "producer_name"]
    list_display = [
        "code",
        "holder_name",
        "course_title",
        Column("producer", label=gettext_lazy("Producer"), accessor=_producer_cell),
        CertificateStatusColumn("status", label=gettext_lazy("Status")),
        "version",
        Column(
            "issued_at",
            label=gettext_lazy("Issued"),
            accessor=lambda c: local_date(c.issued_at, short=True) if c.issued_at else "—",
        ),
    ]
    inspect_view_enabled = True
    copy_view_enabled = False

    # A certificate is an immutable snapshot: the edit form shows it, it changes nothing.
    panels = [
        FieldPanel(name, read_only=True)
        for name in (
            "code",
            "status",
            "holder_name",
            "holder_name_en",
            "course_title",
            "completed_on",
            "producer_name",
            "producer_registration_number",
            "revoke_reason",
            "failure_reason",
        )
    ]

    def visible_objects(self, user):
        # A provincial coordinator sees the certificates issued under producers in their provinces.
        return selectors.visible_to(user)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (shown on the public verification page)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


def revoke(request, pk: int):
    _require_coordinator(request)
    cert = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    form = RevokeForm(request.POST or None)
    try:
        services.check_revocable(cert)
        if request.method == "POST" and form.is_valid():
            services.revoke(cert, form.cleaned_data["reason"], by=request.user)
            messages.success(request, _("Certificate %(code)s was revoked.") % {"code": cert.code})
            return redirect("certificates_certificate:index")
    except services.CertificateNotRevocable:
        messages.error(
            request,
            _("Certificate %(code)s is not valid, so it cannot be revoked.") % {"code": cert.code},
        )
        return redirect("certificates_certificate:index")
    return TemplateResponse(request, "certificates/admin/revoke.html", {"cert": cert, "form": form})


def reissue(request, pk: int):
    _require_coordinator(request)
    cert = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    if request.method == "POST":
        new = services.reissue(cert, by=request.user)
        if new is None:
            messages.error(request, _("This certificate cannot be reissued."))
        else:
            messages.success(
                request,
                _("Certificate %(old)s was replaced by %(new)s.")
                % {"old": cert.code, "new": new.code},
            )
        return redirect("certificates_certificate:index")
    return TemplateResponse(request, "certificates/admin/reissue.html", {"cert": cert})


class BulkReissueForm(forms.Form):
    course = forms.ModelChoiceField(
        label=gettext_lazy("Course"), queryset=CoursePage.objects.order_by("title")
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        initial=gettext_lazy("Corrected certificate template"),
        max_length=500,
    )


def _require_national_coordinator(request):
    """Reissuing a whole course touches every province: national coordinators only."""
    from producers.selectors import province_codes_for

    _require_coordinator(request)
    if province_codes_for(request.user) is not None:
        raise PermissionDenied


def bulk_reissue(request):
    _require_national_coordinator(request)
    form = BulkReissueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        bulk = services.start_bulk_reissue(
            form.cleaned_data["course"].pk, form.cleaned_data["reason"], by=request.user
        )
        return redirect("certificates_admin:bulk_progress", pk=bulk.pk)
    return TemplateResponse(
        request,
        "certificates/admin/bulk_reissue.html",
        {"form": form, "recent": BulkReissue.objects.select_related("course")[:10]},
    )


def bulk_progress(request, pk: int):
    """The job's counts; the page refreshes itself (small JS) until the job is done."""
    _require_national_coordinator(request)
    bulk = get_object_or_404(BulkReissue.visible_to(request.user).select_related("course"), pk=pk)
    return TemplateResponse(request, "certificates/admin/bulk_progress.html", {"bulk": bulk})
