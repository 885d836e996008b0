from rest_framework.permissions import BasePermission

from accounts.services import is_coordinator


class IsCoordinator(BasePermission):
    """Coordinators (and superusers); what they see is further limited to their provinces."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.is_active and is_coordinator(user))
