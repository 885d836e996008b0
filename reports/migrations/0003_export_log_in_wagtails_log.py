# Report downloads are logged in Wagtail's own log (action "reports.export", against the user who
# downloaded), shown in the site history. The rows of the old ExportAuditLog move there first.

from django.db import migrations

ACTION = "reports.export"
# The labels in Thai, the site's language (what log_export stores for a Thai admin).
REPORT_LABELS = {"completion": "ผลการเรียนรายบุคคล", "summary": "สรุปผลการเรียน"}


def to_wagtail_log(apps, schema_editor):
    ExportAuditLog = apps.get_model("reports", "ExportAuditLog")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    user_type, _created = ContentType.objects.get_or_create(app_label="accounts", model="user")
    ModelLogEntry.objects.bulk_create(
        ModelLogEntry(
            content_type=user_type,
            object_id=str(row.user_id or ""),
            label=f"{REPORT_LABELS.get(row.report, row.report)} ({row.format.upper()})",
            action=ACTION,
            timestamp=row.created_at,
            user_id=row.user_id,
            data={
                "report": row.report,
                "format": row.format,
                "filters": row.filters,
                "include_contacts": row.include_contacts,
                "rows": row.row_count,
                "job": row.job_id,
            },
        )
        for row in ExportAuditLog.objects.order_by("pk").iterator()
    )


def from_wagtail_log(apps, schema_editor):
    ExportAuditLog = apps.get_model("reports", "ExportAuditLog")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    for entry in ModelLogEntry.objects.filter(action=ACTION).order_by("pk").iterator():
        data = entry.data or {}
        row = ExportAuditLog.objects.create(
            user_id=entry.user_id,
            report=data.get("report", ""),
            format=data.get("format", ""),
            filters=data.get("filters", {}),
            include_contacts=data.get("include_contacts", False),
            row_count=data.get("rows"),
            job_id=data.get("job"),
        )
        ExportAuditLog.objects.filter(pk=row.pk).update(created_at=entry.timestamp)
    ModelLogEntry.objects.filter(action=ACTION).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_export_job_is_a_background_job"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(to_wagtail_log, from_wagtail_log),
        migrations.DeleteModel(name="ExportAuditLog"),
    ]
