"""Wagtail admin screens: templates (with a PDF preview), course templates, certificates (revoke, reissue,
bulk reissue with progress)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.scoping import VisibleObjectsOnlyMixin
from accounts.services import is_coordinator
from certificates import rendering, selectors, services
from certificates.models import (
    BulkReissue,
    Certificate,
    CertificateTemplate,
    CourseCertificate,
)
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
    pdf = rendering.render_pdf(template, rendering.sample_data(template))
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


class CertificateIndexView(generic.IndexView):
    def get_base_queryset(self):
        # A provincial coordinator lists the certificates of producers in their provinces only.
        scoped = selectors.visible_to(self.request.user)
        return (
            super()
            .get_base_queryset()
            .filter(pk__in=scoped.values("pk"))
            .select_related("enrolment")
        )


class ScopedCertificateMixin(VisibleObjectsOnlyMixin):
    def visible_objects(self, user):
        return selectors.visible_to(user)


class CertificateInspectView(ScopedCertificateMixin, generic.InspectView):
    pass


class CertificateEditView(ScopedCertificateMixin, generic.EditView):
    pass

    def get_list_more_buttons(self, instance):
        buttons = []
        if instance.pdf:
            buttons.append(
                ListingButton(
                    _("Download PDF"), url=instance.get_download_url(), icon_name="download"
                )
            )
        buttons.append(
            ListingButton(_("Verification page"), url=instance.get_verify_url(), icon_name="link")
        )
        if instance.status in (Certificate.Status.VALID, Certificate.Status.REVOKED):
            buttons.append(
                ListingButton(
                    _("Reissue"),
                    url=reverse("certificates_admin:reissue", args=[instance.pk]),
                    icon_name="rotate",
                )
            )
        if instance.status == Certificate.Status.VALID:
            buttons.append(
                ListingButton(
                    _("Revoke"),
                    url=reverse("certificates_admin:revoke", args=[instance.pk]),
                    icon_name="warning",
                )
            )
        return buttons


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "tick-inverse"
    menu_label = gettext_lazy("Certificates")
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    edit_view_class = CertificateEditView
    filterset_class = CertificateFilterSet
    search_fields = ["code", "holder_name", "holder_name_en", "course_title", "producer_name"]
    list_display = [
        "code",
        "holder_name",
        "course_title",
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        "version",
        DateColumn("issued_at", label=gettext_lazy("Issued")),
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
        )
    ]


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (shown on the public verification page)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


def revoke(request, pk: int):
    _require_coordinator(request)
    cert = get_object_or_404(
        selectors.visible_to(request.user), pk=pk, status=Certificate.Status.VALID
    )
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.revoke(cert, form.cleaned_data["reason"], by=request.user)
        messages.success(request, _("Certificate %(code)s was revoked.") % {"code": cert.code})
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
    bulk = get_object_or_404(BulkReissue.objects.select_related("course"), pk=pk)
    return TemplateResponse(request, "certificates/admin/bulk_progress.html", {"bulk": bulk})
