from django.db import migrations


def revoke_add_delete(apps, schema_editor):
    # Certificates are issued by the service and never deleted; coordinators revoke or reissue them.
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Coordinators").first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="certificates",
                codename__in=["add_certificate", "delete_certificate"],
            )
        )


class Migration(migrations.Migration):
    dependencies = [("certificates", "0003_default_body")]

    operations = [migrations.RunPython(revoke_add_delete, migrations.RunPython.noop)]
