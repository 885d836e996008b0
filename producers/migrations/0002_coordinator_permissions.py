from django.db import migrations

from accounts.permissions import grant

MODELS = ("producer", "product", "productstandard", "productrating", "membership", "producerimport")


def grant_coordinators(apps, schema_editor):
    # Migration state apps are stubs without `models_module`, which create_permissions() needs
    # (accounts.permissions.grant calls it); the stub's models are all it reads.
    config = apps.get_app_config("producers")
    if getattr(config, "models_module", None) is None:
        config.models_module = True
    codenames = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")]
    grant(apps, "Coordinators", "producers", codenames)


class Migration(migrations.Migration):
    dependencies = [
        ("producers", "0001_registry"),
        ("accounts", "0002_platform_groups"),
    ]

    operations = [migrations.RunPython(grant_coordinators, migrations.RunPython.noop)]
