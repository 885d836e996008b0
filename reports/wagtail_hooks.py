from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from reports import admin_urls
from reports.views import can_view_reports


class CoordinatorReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_reports(request.user)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("otop-reports/", include(admin_urls, namespace="otop_reports"))]


@hooks.register("register_reports_menu_item")
def register_completion_report():
    return CoordinatorReportMenuItem(
        _("Completion by trainee"),
        reverse("otop_reports:completion"),
        name="otop-completion",
        icon_name="table",
        order=100,
    )


@hooks.register("register_reports_menu_item")
def register_summary_report():
    return CoordinatorReportMenuItem(
        _("Completion summary"),
        reverse("otop_reports:summary"),
        name="otop-summary",
        icon_name="pick",
        order=110,
    )


@hooks.register("register_reports_menu_item")
def register_downloads():
    return CoordinatorReportMenuItem(
        _("My downloads"),
        reverse("otop_reports:downloads"),
        name="otop-downloads",
        icon_name="download",
        order=120,
    )


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    from reports.panels import homepage_panels

    homepage_panels(request, panels)


@hooks.register("insert_global_admin_css")
def reports_admin_css():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("reports/reports.css"))


@hooks.register("register_log_actions")
def register_export_log_action(actions):
    from wagtail.log_actions import LogFormatter

    from reports.services import EXPORT_ACTION

    @actions.register_action(EXPORT_ACTION)
    class ReportExported(LogFormatter):
        label = _("Download a report")

        def format_message(self, log_entry):
            data = log_entry.data
            filters = ", ".join(f"{key}={value}" for key, value in data.get("filters", {}).items())
            message = _("Downloaded %(report)s: %(rows)s rows; filters: %(filters)s") % {
                "report": log_entry.label,
                "rows": "—" if data.get("rows") is None else data["rows"],
                "filters": filters or "—",
            }
            if data.get("include_contacts"):
                message += " · " + _("with contact phone and email")
            return message
