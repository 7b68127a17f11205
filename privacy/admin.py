from django.contrib import admin

from .models import GuardConfirmation


@admin.register(GuardConfirmation)
class GuardConfirmationAdmin(admin.ModelAdmin):
    """Read-only audit of confirmed guard warnings ("dit gaat niet over een persoon")."""

    list_display = ["created_at", "user", "method", "path", "result_url"]
    list_filter = ["method"]
    readonly_fields = [f.name for f in GuardConfirmation._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
