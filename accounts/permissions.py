"""Granting model permissions to the platform's groups from data migrations.

Django creates permissions after all migrations ran (post_migrate), so a data migration that grants
them must create them first.
"""

from django.apps import apps as installed_apps
from django.contrib.auth.management import create_permissions


def grant(apps, group_name: str, app_label: str, codenames: list[str]) -> None:
    """Give `group_name` the permissions `app_label.<codename>` (creating them if needed)."""
    # The migration state's app config is a stub without models; create_permissions needs the real one.
    create_permissions(installed_apps.get_app_config(app_label), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=group_name)
    permissions = Permission.objects.filter(
        content_type__app_label=app_label, codename__in=codenames
    )
    missing = set(codenames) - set(permissions.values_list("codename", flat=True))
    if missing:
        raise LookupError(f"Unknown permissions {app_label}.{sorted(missing)}")
    group.permissions.add(*permissions)
