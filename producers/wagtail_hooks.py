from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from producers.admin_views import (
    CoordinatorScopeViewSet,
    MembershipViewSet,
    ProducerChangeRequestViewSet,
    ProducerViewSet,
    ProductViewSet,
)
from producers.bulk_actions import ConfirmJoinRequestsBulkAction
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
        ProducerChangeRequestViewSet("producer_change_requests"),
        ProducerImportViewSet(),
        CoordinatorScopeViewSet("coordinator_scopes"),
    ]


@hooks.register("register_admin_viewset")
def register_registry():
    return RegistryViewSetGroup()


hooks.register("register_bulk_action", ConfirmJoinRequestsBulkAction)


@hooks.register("register_admin_viewset")
def register_producer_chooser():
    return producer_chooser_viewset


@hooks.register("learning_dashboard_panels")
def join_a_producer_panel(request):
    """On the trainee's dashboard: a nudge to link the account to a producer, until it is done."""
    from django.template.loader import render_to_string

    from producers.models import Membership

    if (
        Membership.objects.filter(user=request.user)
        .exclude(status=Membership.Status.REJECTED)
        .exists()
    ):
        return []
    return [render_to_string("producers/join_panel.html", request=request)]


@hooks.register("personal_data_export")
def export_producer_links(user):
    from producers.models import Membership, TraineeIdentity

    identity = TraineeIdentity.objects.filter(user=user).first()
    return {
        "producers": list(
            Membership.objects.filter(user=user).values(
                "producer__registration_number",
                "producer__name",
                "role",
                "status",
                "named_publicly",
                "requested_at",
                "confirmed_at",
            )
        ),
        "national_id": (
            {"last_four_digits": identity.national_id_last4, "consent_at": identity.consent_at}
            if identity
            else None
        ),
    }


@hooks.register("personal_data_erase")
def erase_producer_links(user):
    from producers.models import Membership, TraineeIdentity

    TraineeIdentity.objects.filter(user=user).delete()
    Membership.objects.filter(user=user).delete()
