from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "organisation", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            "Profiel",
            {
                "fields": (
                    "first_name",
                    "last_name",
                    "organisation",
                    "job_title",
                    "preferred_language",
                )
            },
        ),
        (
            "Rechten",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Data", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


from .identity_admin import remove_on_request  # noqa: E402  (registers the identity models)

UserAdmin.actions = [remove_on_request]
