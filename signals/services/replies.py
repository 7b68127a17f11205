"""Reply templates: which standard texts fit an action on a signal or dossier, filling in
their placeholders, and a preview of the e-mail each recipient would get."""

from __future__ import annotations

import re

from django.db.models import Q

from notifications import emails

from ..models import ReplyTemplate
from .common import interested
from .transitions import interested_title

PLACEHOLDER = re.compile(r"\{(kenmerk|titel|niveau|team)\}")
PREVIEW_LIMIT = 5


def templates_for(obj, action: str):
    theme_ids = list(obj.themes.values_list("pk", flat=True))
    return ReplyTemplate.objects.filter(
        Q(theme__isnull=True) | Q(theme__in=theme_ids), action=action, is_active=True
    ).order_by("name")


def templates_by_action(obj, actions) -> dict[str, list[ReplyTemplate]]:
    """``templates_for(obj, action)`` for several actions in two queries (not two each)."""
    actions = list(actions)
    found: dict[str, list[ReplyTemplate]] = {action: [] for action in actions}
    if not actions:
        return found
    theme_ids = list(obj.themes.values_list("pk", flat=True))
    for template in ReplyTemplate.objects.filter(
        Q(theme__isnull=True) | Q(theme__in=theme_ids), action__in=actions, is_active=True
    ).order_by("name"):
        found[template.action].append(template)
    return found


def render(template: ReplyTemplate, obj) -> str:
    values = {
        "kenmerk": obj.reference,
        "titel": obj.title,
        "niveau": str(obj.get_level_display()).lower(),
        "team": obj.team.name if getattr(obj, "team_id", None) else "",
    }
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], template.text)


def preview_emails(obj, action: str, reason: str, actor) -> list[dict]:
    """The notification e-mail the people told about ``action`` would get (first few)."""
    from django.contrib.auth import get_user_model

    ids = sorted(set(interested(obj)) - {getattr(actor, "pk", None)})
    users = get_user_model().objects.filter(pk__in=ids[:PREVIEW_LIMIT], is_active=True)
    submitter_id = obj.submitted_by_id
    previews = []
    for user in users:
        message = emails.build(
            user,
            template="notification",
            subject=interested_title(action) % {"title": obj.title[:150]},
            context={
                "title": interested_title(action) % {"title": obj.title[:150]},
                "body": reason[:1000],
                "url": emails.absolute(obj.get_absolute_url()),
            },
        )
        previews.append(
            {
                "recipient": user.display_name,
                "is_submitter": user.pk == submitter_id,
                "subject": message.subject,
                "body": message.body,
            }
        )
    return previews
