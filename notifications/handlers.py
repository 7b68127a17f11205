"""Outbox handlers of the notifications app. Database work first, the SMTP call last."""

from django.contrib.auth import get_user_model
from django.utils.translation import ngettext

from . import emails, services
from .categories import category_for
from .models import Notification, NotificationPreference
from .outbox import handler


def _user_with_preference(user_id):
    user = (
        get_user_model()
        .objects.filter(pk=user_id, is_active=True)
        .select_related("notification_preference")
        .first()
    )
    if user is None:
        return None, None
    try:
        pref = user.notification_preference
    except NotificationPreference.DoesNotExist:
        pref = None
    return user, pref


@handler("notifications.send_email")
def send_email(payload: dict) -> None:
    """One notification e-mail. Preferences are checked again: they may have changed."""
    user, pref = _user_with_preference(payload["user_id"])
    if user is None or not user.email:
        return
    category = category_for(payload.get("verb", ""))
    if pref is not None and not pref.wants_email(category):
        return
    if (
        pref is not None
        and pref.digest != NotificationPreference.Digest.IMMEDIATE
        and not payload.get("urgent")
        and not payload.get("chosen")  # a subscription chose immediate e-mail itself
        and payload.get("event_key")
    ):
        Notification.objects.filter(recipient=user, event_key=payload["event_key"]).update(
            digest_pending=True
        )
        return
    context = {
        "title": payload["title"],
        "body": payload.get("body", ""),
        "url": emails.absolute(payload.get("url", "")),
    }
    emails.build(
        user,
        template="notification",
        subject=payload["title"],
        context=context,
        category=category,
    ).send()


@handler("notifications.send_digest")
def send_digest(payload: dict) -> None:
    """One digest e-mail with the notifications listed in the payload that still wait."""
    user, pref = _user_with_preference(payload["user_id"])
    pending = Notification.objects.filter(
        recipient_id=payload["user_id"], pk__in=payload["notification_ids"], digest_pending=True
    ).order_by("created_at", "pk")
    items = list(pending)
    if not items:
        return
    pending.update(digest_pending=False)
    if user is None or not user.email:
        return
    if pref is not None:
        items = [n for n in items if pref.wants_email(category_for(n.verb))]
    if not items:
        return
    for item in items:
        item.absolute_url = emails.absolute(item.url)
    weekly = payload.get("mode") == NotificationPreference.Digest.WEEKLY
    count = len(items)

    def subject():
        if weekly:
            text = ngettext(
                "Uw weekoverzicht: %(count)s nieuwe melding",
                "Uw weekoverzicht: %(count)s nieuwe meldingen",
                count,
            )
        else:
            text = ngettext(
                "Uw dagoverzicht: %(count)s nieuwe melding",
                "Uw dagoverzicht: %(count)s nieuwe meldingen",
                count,
            )
        return text % {"count": count}

    emails.build(
        user,
        template="digest",
        subject=subject,
        context={"items": items, "weekly": weekly, "count": count},
    ).send()


@handler("notifications.fanout")
def fanout(payload: dict) -> None:
    """Expand a notification to a large audience (see ``services.notify``)."""
    content = {k: v for k, v in payload.items() if k != "user_ids"}
    services.deliver(payload["user_ids"], content)


@handler("notifications.noop")
def noop(payload: dict) -> None:
    """In-site only: nothing to deliver."""
