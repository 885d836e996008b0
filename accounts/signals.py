from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver


@receiver(user_logged_in)
def remember_admin_access(sender, request, user, **kwargs):
    """Keep "may open the admin" in the session, so page headers need no permission query."""
    if request is not None and hasattr(request, "session"):
        request.session["can_use_admin"] = user.has_perm("wagtailadmin.access_admin")
