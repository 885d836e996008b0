"""Bulk actions on registry listings: a coordinator confirms several join requests at once."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.permission_policies import ModelPermissionPolicy

from producers import services
from producers.models import Membership
from producers.selectors import producers_visible_to


class ConfirmJoinRequestsBulkAction(BulkAction):
    """Confirms the chosen join requests inside the coordinator's provinces (see the confirm page).

    Requests outside the coordinator's provinces are never listed nor confirmed (as if they did not
    exist); memberships already decided are listed apart and left alone.
    """

    display_name = gettext_lazy("Confirm join requests")
    action_type = "confirm"
    aria_label = gettext_lazy("Confirm the selected join requests")
    template_name = "producers/admin/confirm_join_requests.html"
    action_priority = 10
    models = [Membership]

    def dispatch(self, request, *args, **kwargs):
        if not ModelPermissionPolicy(Membership).user_has_permission(request.user, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_all_objects_in_listing_query(self, parent_id):
        """Every membership the listing shows with its filters and search ("select all")."""
        from producers.admin_views import MembershipFilterSet, MembershipViewSet

        visible = Membership.objects.filter(producer__in=producers_visible_to(self.request.user))
        listing = MembershipFilterSet(self.request.GET, visible, request=self.request).qs
        if query := self.request.GET.get("q", "").strip():
            matches = Q()
            for field in MembershipViewSet.search_fields:
                matches |= Q(**{f"{field}__icontains": query})
            listing = listing.filter(matches)
        return listing.values_list("pk", flat=True)

    def get_actionable_objects(self):
        ids = self.request.GET.getlist("id")
        if "all" in ids:
            ids = self.get_all_objects_in_listing_query(self.request.GET.get("childOf"))
        else:
            ids = [value for value in ids if value.isascii() and value.isdigit()]
        chosen = (
            Membership.objects.filter(
                pk__in=ids, producer__in=producers_visible_to(self.request.user)
            )
            .select_related("user", "producer")
            .order_by("producer__name", "requested_at")
        )
        waiting = [m for m in chosen if m.status == Membership.Status.REQUESTED]
        decided = [m for m in chosen if m.status != Membership.Status.REQUESTED]
        return waiting, {"items_with_no_access": decided}

    def get_execution_context(self):
        return {"by": self.request.user}

    @classmethod
    def execute_action(cls, objects, by=None, **kwargs):
        confirmed = services.confirm_join_requests([m.pk for m in objects], by=by)
        return len(confirmed), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d join request confirmed: the trainee now counts as a member.",
            "%(count)d join requests confirmed: the trainees now count as members.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
