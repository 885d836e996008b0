# A bulk reissue is one kind of core.jobs.BackgroundJob: the fields are renamed, existing rows kept.
# `done` counted the certificates reissued; `progress_done` counts those handled, failed ones too.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import F


def handled(apps, schema_editor):
    BulkReissue = apps.get_model("certificates", "BulkReissue")
    BulkReissue.objects.update(progress_done=F("progress_done") + F("failed"))


def reissued(apps, schema_editor):
    BulkReissue = apps.get_model("certificates", "BulkReissue")
    BulkReissue.objects.update(progress_done=F("progress_done") - F("failed"))


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("certificates", "0007_provincial_signatories"),
    ]

    operations = [
        migrations.RenameField("bulkreissue", "requested_by", "owner"),
        migrations.RenameField("bulkreissue", "total", "progress_total"),
        migrations.RenameField("bulkreissue", "done", "progress_done"),
        migrations.RunPython(handled, reissued),
        migrations.AddField(
            model_name="bulkreissue",
            name="message",
            field=models.TextField(blank=True, verbose_name="message"),
        ),
        migrations.AddField(
            model_name="bulkreissue",
            name="expires_at",
            field=models.DateTimeField(
                blank=True, db_index=True, null=True, verbose_name="kept until"
            ),
        ),
        migrations.AlterField(
            model_name="bulkreissue",
            name="owner",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="requested by",
            ),
        ),
        migrations.AlterField(
            model_name="bulkreissue",
            name="status",
            field=models.CharField(
                choices=[
                    ("queued", "Waiting"),
                    ("running", "Running"),
                    ("done", "Done"),
                    ("failed", "Failed"),
                ],
                default="queued",
                max_length=10,
                verbose_name="status",
            ),
        ),
    ]
