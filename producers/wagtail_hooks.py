from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from producers.admin_views import (
    CoordinatorScopeViewSet,
    MembershipViewSet,
    ProducerViewSet,
    ProductViewSet,
)
from producers.choosers import producer_chooser_viewset
from producers.import_views import ProducerImportViewSet


class RegistryViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("OTOP registry")
    menu_icon = "group"
    menu_order = 250
    items = [
        ProducerViewSet("otop_producers"),
        ProductViewSet("producer_products"),
        MembershipViewSet("producer_memberships"),
        ProducerImportViewSet(),
        CoordinatorScopeViewSet("coordinator_scopes"),
    ]


@hooks.register("register_admin_viewset")
def register_registry():
    return RegistryViewSetGroup()


@hooks.register("register_admin_viewset")
def register_producer_chooser():
    return producer_chooser_viewset
