from django.db import migrations

from accounts.permissions import grant


def grant_coordinators(apps, schema_editor):
    grant(apps, "Coordinators", "learning", ["add_cohort", "change_cohort", "delete_cohort", "view_cohort"])


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial"), ("accounts", "0002_platform_groups")]

    operations = [migrations.RunPython(grant_coordinators, migrations.RunPython.noop)]
