from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from producers.panels import PRODUCER_PANELS_HOOK
from selection import panels
from selection.admin_views import SelectionRoundViewSet


@hooks.register("register_admin_viewset")
def register_selection_rounds():
    return SelectionRoundViewSet("selectionround")


@hooks.register(PRODUCER_PANELS_HOOK)
def eligibility_panel(producer, request):
    return panels.producer_admin_panel(producer, request)


@hooks.register("learning_dashboard_panels")
def missing_for_selection(request):
    return panels.dashboard_panels(request)


@hooks.register("insert_global_admin_js")
def rule_form_js():
    return format_html('<script src="{}" defer></script>', static("selection/rule-form.js"))


@hooks.register("insert_global_admin_css")
def selection_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("selection/admin.css"))
