# A report download is one kind of core.jobs.BackgroundJob: the fields are renamed, existing rows kept.
# `progress` held a percentage; `progress_done` counts rows, so it is worked out from the row count.

from django.db import migrations, models
from django.db.models import F


def percent_to_rows(apps, schema_editor):
    ExportJob = apps.get_model("reports", "ExportJob")
    ExportJob.objects.update(progress_done=F("progress_done") * F("progress_total") / 100)


def rows_to_percent(apps, schema_editor):
    ExportJob = apps.get_model("reports", "ExportJob")
    ExportJob.objects.filter(progress_total=0).update(progress_done=0)
    ExportJob.objects.exclude(progress_total=0).update(
        progress_done=F("progress_done") * 100 / F("progress_total")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.RenameField("exportjob", "user", "owner"),
        migrations.RenameField("exportjob", "error", "message"),
        migrations.RenameField("exportjob", "row_count", "progress_total"),
        migrations.RenameField("exportjob", "progress", "progress_done"),
        migrations.AlterField(
            model_name="exportjob",
            name="progress_done",
            field=models.PositiveIntegerField(default=0, verbose_name="done"),
        ),
        migrations.RunPython(percent_to_rows, rows_to_percent),
        migrations.AlterField(
            model_name="exportjob",
            name="message",
            field=models.TextField(blank=True, verbose_name="message"),
        ),
        migrations.AlterField(
            model_name="exportjob",
            name="progress_total",
            field=models.PositiveIntegerField(default=0, verbose_name="total"),
        ),
    ]
