"""Wagtail admin: a read-only list of outbox messages with a "retry" action.

Only superusers and beheerders see it. Nobody adds, edits or deletes messages here:
the outbox is written by the application; an administrator can only look and retry.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.roles import BEHEERDER

from . import outbox
from .models import OutboxMessage


def is_outbox_admin(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.has_role(BEHEERDER)


class OutboxPermissionPolicy(BasePermissionPolicy):
    """View and retry for superusers and beheerders; no add, change or delete for anyone."""

    def user_has_permission(self, user, action):
        return action in {"view", "retry"} and is_outbox_admin(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not set(actions) & {"view", "retry"}:
            return users.none()
        from django.db.models import Q

        from accounts.roles import ROLES

        return users.filter(
            Q(is_superuser=True) | Q(groups__name=ROLES[BEHEERDER].group_name)
        ).distinct()


register_permission_policy(OutboxMessage, OutboxPermissionPolicy(OutboxMessage))


class OutboxViewSet(ModelViewSet):
    model = OutboxMessage
    icon = "mail"
    menu_label = gettext_lazy("Uitgaande berichten")
    menu_name = "outbox"
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]  # required by ModelViewSet; add/edit are denied by the policy
    list_display = [
        "id",
        "handler",
        "status",
        "attempts",
        Column("last_error_short", label=gettext_lazy("Laatste fout")),
        "created_at",
        "available_at",
    ]
    list_filter = ["status", "handler"]
    search_fields = ["handler", "dedupe_key", "last_error"]
    inspect_view_fields = [
        "handler",
        "status",
        "attempts",
        "last_error",
        "dedupe_key",
        "payload",
        "created_at",
        "available_at",
        "dispatched_at",
        "done_at",
    ]

    def get_queryset(self, request):
        return OutboxMessage.objects.all().order_by("-pk")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("retry/<int:pk>/", self.retry_view, name="retry"),
            path("retry-failed/", self.retry_failed_view, name="retry_failed"),
        ]

    def _guard(self, request):
        return is_outbox_admin(request.user)

    def retry_view(self, request, pk):
        if not self._guard(request):
            return redirect("wagtailadmin_home")
        message = get_object_or_404(OutboxMessage, pk=pk)
        if request.method == "POST":
            count = outbox.retry([message.pk])
            if count:
                messages.success(
                    request, _("Bericht %(id)s wordt opnieuw uitgevoerd.") % {"id": pk}
                )
            else:
                messages.warning(request, _("Bericht %(id)s is al uitgevoerd.") % {"id": pk})
            return redirect(self.get_url_name("index"))
        return TemplateResponse(
            request,
            "notifications/admin/confirm_retry.html",
            {"message": message, "index_url": reverse(self.get_url_name("index"))},
        )

    def retry_failed_view(self, request):
        if not self._guard(request):
            return redirect("wagtailadmin_home")
        failed = OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED).count()
        if request.method == "POST":
            count = outbox.retry()
            messages.success(
                request,
                _("%(count)s mislukte berichten worden opnieuw uitgevoerd.") % {"count": count},
            )
            return redirect(self.get_url_name("index"))
        return TemplateResponse(
            request,
            "notifications/admin/confirm_retry.html",
            {"failed": failed, "index_url": reverse(self.get_url_name("index"))},
        )

    @property
    def index_view_class(self):
        viewset = self
        base = super().index_view_class

        class OutboxIndexView(base):
            def get_list_buttons(self, instance):
                buttons = super().get_list_buttons(instance)
                if instance.status != OutboxMessage.Status.DONE:
                    buttons.insert(
                        0,
                        Button(
                            _("Opnieuw proberen"),
                            url=reverse(viewset.get_url_name("retry"), args=[instance.pk]),
                            icon_name="rotate",
                        ),
                    )
                return buttons

            @property
            def header_buttons(self):
                buttons = list(super().header_buttons)
                buttons.append(
                    HeaderButton(
                        _("Alle mislukte opnieuw proberen"),
                        url=reverse(viewset.get_url_name("retry_failed")),
                        icon_name="rotate",
                    )
                )
                return buttons

        return OutboxIndexView


outbox_viewset = OutboxViewSet("outbox")


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return outbox_viewset
