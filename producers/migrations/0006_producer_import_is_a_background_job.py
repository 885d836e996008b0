# The import is one kind of core.jobs.BackgroundJob: the fields are renamed, existing rows kept.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("producers", "0005_public_directory"),
    ]

    operations = [
        migrations.RenameField("producerimport", "uploaded_by", "owner"),
        migrations.RenameField("producerimport", "processed_rows", "progress_done"),
        migrations.RenameField("producerimport", "total_rows", "progress_total"),
        migrations.AddField(
            model_name="producerimport",
            name="expires_at",
            field=models.DateTimeField(
                blank=True, db_index=True, null=True, verbose_name="kept until"
            ),
        ),
        migrations.AlterField(
            model_name="producerimport",
            name="message",
            field=models.TextField(blank=True, verbose_name="message"),
        ),
        migrations.AlterField(
            model_name="producerimport",
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
            model_name="producerimport",
            name="progress_done",
            field=models.PositiveIntegerField(default=0, verbose_name="done"),
        ),
        migrations.AlterField(
            model_name="producerimport",
            name="progress_total",
            field=models.PositiveIntegerField(default=0, verbose_name="total"),
        ),
        migrations.AlterField(
            model_name="producerimport",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="created"),
        ),
        migrations.AlterField(
            model_name="producerimport",
            name="finished_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="finished"),
        ),
    ]
