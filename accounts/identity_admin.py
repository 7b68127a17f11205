"""Admin for sign-in settings (claim→role mappings, password-login switch), the role-change
queue, removals and the login history (read only)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import removal
from .identity_models import (
    AccountRemoval,
    ClaimRoleMapping,
    LoginEvent,
    PasswordLoginDisabledDomain,
    RoleChangeRequest,
)
from .roles import assign_role, revoke_role


@admin.register(ClaimRoleMapping)
class ClaimRoleMappingAdmin(admin.ModelAdmin):
    list_display = ["provider", "claim", "value", "role"]
    list_filter = ["provider", "role"]


@admin.register(PasswordLoginDisabledDomain)
class PasswordLoginDisabledDomainAdmin(admin.ModelAdmin):
    list_display = ["domain", "created_at"]
    search_fields = ["domain"]


@admin.register(RoleChangeRequest)
class RoleChangeRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "action", "role", "requested_by", "status", "created_at"]
    list_filter = ["status", "role"]
    readonly_fields = ["user", "requested_by", "role", "action", "reason", "created_at"]
    actions = ["approve", "reject"]

    @admin.action(description=_("Uitvoeren (rol toekennen of intrekken)"))
    def approve(self, request, queryset):
        for item in queryset.filter(status=RoleChangeRequest.Status.OPEN).select_related("user"):
            if item.action == RoleChangeRequest.Action.GRANT:
                assign_role(item.user, item.role)
            else:
                revoke_role(item.user, item.role)
            item.status = RoleChangeRequest.Status.DONE
            item.save(update_fields=["status"])
        messages.success(request, _("De verzoeken zijn uitgevoerd."))

    @admin.action(description=_("Afwijzen"))
    def reject(self, request, queryset):
        queryset.filter(status=RoleChangeRequest.Status.OPEN).update(
            status=RoleChangeRequest.Status.REJECTED
        )


@admin.register(AccountRemoval)
class AccountRemovalAdmin(admin.ModelAdmin):
    list_display = ["user", "requested_at", "by_beheerder", "anonymise_after", "anonymised_at"]
    readonly_fields = ["user", "requested_at", "by_beheerder", "anonymised_at"]
    actions = ["anonymise_now"]

    @admin.action(description=_("Nu anonimiseren"))
    def anonymise_now(self, request, queryset):
        for item in queryset.filter(anonymised_at__isnull=True).select_related("user"):
            removal.anonymise(item.user)


@admin.register(LoginEvent)
class LoginEventAdmin(admin.ModelAdmin):
    list_display = ["user", "at", "method"]
    list_filter = ["method"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.action(description=_("Account verwijderen op verzoek (uitzetten, later anonimiseren)"))
def remove_on_request(modeladmin, request, queryset):
    for user in queryset:
        removal.request_removal(user, by_beheerder=True)
    messages.success(
        request, _("De accounts zijn uitgezet en worden na de wachttijd geanonimiseerd.")
    )
