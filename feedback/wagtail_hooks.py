"""Wagtail admin: a menu entry to the moderation queue, for coordinators only.

Feedback is deliberately not a snippet or ModelAdmin: it is never edited, only
moderated through ``feedback.services`` on the moderation pages.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .roles import can_moderate


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def register_feedback_menu_item():
    return ModerationMenuItem(
        _("Feedback inburgeraars"),
        reverse("feedback:moderation_list"),
        name="feedback-inburgeraars",
        icon_name="comment",
        order=450,
    )
