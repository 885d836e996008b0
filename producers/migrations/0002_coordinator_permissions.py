from django.db import migrations

from accounts.permissions import grant

MODELS = ("producer", "product", "productstandard", "productrating", "membership", "producerimport")


def grant_coordinators(apps, schema_editor):
    codenames = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")]
    grant(apps, "Coordinators", "producers", codenames)


class Migration(migrations.Migration):
    dependencies = [
        ("producers", "0001_registry"),
        ("accounts", "0002_platform_groups"),
    ]

    operations = [migrations.RunPython(grant_coordinators, migrations.RunPython.noop)]
