from django.contrib import admin

from reports.models import ExportAuditLog


@admin.register(ExportAuditLog)
class ExportAuditLogAdmin(admin.ModelAdmin):
    """Read-only: who downloaded which report, with which filters, and whether contacts were included."""

    list_display = ["created_at", "user", "report", "format", "include_contacts", "row_count"]
    list_filter = ["report", "format", "include_contacts"]
    readonly_fields = [f.name for f in ExportAuditLog._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
