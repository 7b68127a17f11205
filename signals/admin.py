"""Django admin: read-only. Changes go through the workbench and API (the one write path)."""

from django.contrib import admin

from .models import Dossier, Signal, SignalEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SignalEventInline(admin.TabularInline):
    model = SignalEvent
    fields = ["created_at", "actor", "action", "from_status", "to_status", "to_level", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Signal)
class SignalAdmin(ReadOnlyAdmin):
    list_display = ["id", "title", "level", "status", "deadline", "created_at"]
    list_filter = ["level", "status", "source"]
    search_fields = ["title"]
    inlines = [SignalEventInline]


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    list_display = ["id", "title", "level", "status", "deadline"]
    list_filter = ["level", "status"]


@admin.register(SignalEvent)
class SignalEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "signal", "dossier", "action", "from_status", "to_status"]
    list_filter = ["action"]
