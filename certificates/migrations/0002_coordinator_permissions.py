from django.db import migrations

from accounts.permissions import grant

MODELS = ("certificatetemplate", "signatory", "coursecertificate", "certificate", "bulkreissue")


def grant_coordinators(apps, schema_editor):
    # Migration-state app configs have no `models_module`, which create_permissions() needs.
    config = apps.get_app_config("certificates")
    if getattr(config, "models_module", None) is None:
        config.models_module = True
    codenames = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")]
    grant(apps, "Coordinators", "certificates", codenames)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("accounts", "0002_platform_groups"),
    ]

    operations = [migrations.RunPython(grant_coordinators, migrations.RunPython.noop)]
