from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup

from certificates import admin_views, selectors
from certificates.models import Certificate


class CertificatesViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Certificates")
    menu_icon = "tick-inverse"
    menu_order = 260
    items = [
        admin_views.CertificateViewSet("certificates_certificate"),
        admin_views.CertificateTemplateViewSet,
        admin_views.CourseCertificateViewSet("certificates_course_template"),
        admin_views.ProvincialSignatoryViewSet("certificates_provincial_signatory"),
    ]


@hooks.register("register_admin_viewset")
def register_certificates():
    return CertificatesViewSetGroup()


admin_urls = [
    path("templates/<int:pk>/preview.pdf", admin_views.template_preview, name="template_preview"),
    path("<int:pk>/revoke/", admin_views.revoke, name="revoke"),
    path("<int:pk>/reissue/", admin_views.reissue, name="reissue"),
    path("bulk-reissue/", admin_views.bulk_reissue, name="bulk_reissue"),
    path("bulk-reissue/<int:pk>/", admin_views.bulk_progress, name="bulk_progress"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("certificate-tools/", include((admin_urls, "certificates_admin")))]


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("certificates.change_certificate")


@hooks.register("register_admin_menu_item")
def bulk_reissue_menu_item():
    return CoordinatorMenuItem(
        gettext_lazy("Reissue a course's certificates"),
        reverse("certificates_admin:bulk_reissue"),
        icon_name="rotate",
        order=261,
    )


def _status_html(request, cert: Certificate | None) -> str:
    return render_to_string(
        "certificates/includes/enrolment_certificate.html", {"cert": cert}, request
    )


@hooks.register("learning_dashboard_enrolments")
def certificates_on_dashboard(request, enrolments):
    """The certificate link (or its state) on each completed course of the dashboard, in one query."""
    completed = [e for e in enrolments if e.is_completed]
    latest = selectors.latest_for_enrolments(e.pk for e in completed)
    for enrolment in completed:
        enrolment.extras.append(_status_html(request, latest.get(enrolment.pk)))


@hooks.register("learning_course_enrolment")
def certificate_on_course_page(request, enrolment):
    if enrolment is None or not enrolment.is_completed:
        return []
    latest = selectors.latest_for_enrolments([enrolment.pk])
    return [_status_html(request, latest.get(enrolment.pk))]
