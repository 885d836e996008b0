from django.db import migrations

from accounts.permissions import grant


def grant_coordinators(apps, schema_editor):
    grant(
        apps,
        "Coordinators",
        "selection",
        ["add_selectionround", "change_selectionround", "delete_selectionround", "view_selectionround"],
    )


class Migration(migrations.Migration):
    dependencies = [("selection", "0001_rounds"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(grant_coordinators, migrations.RunPython.noop)]
