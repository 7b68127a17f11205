"""Review dates of knowledge pages: which pages are overdue, and telling their owners."""

from __future__ import annotations

from django.utils.translation import gettext as _

from notifications.services import notify

from .models import HandreikingPage, QuestionPage


def overdue_pages(on=None) -> list:
    """Live knowledge pages whose review date has passed (oldest first)."""
    pages = []
    for model in (QuestionPage, HandreikingPage):
        pages.extend(model.objects.live().review_due(on).select_related("owner"))
    return sorted(pages, key=lambda p: (p.review_due_at, p.pk))


def flag_overdue_content(on=None) -> int:
    """Tell each overdue page's owner (or the editors when it has none). Once per due date."""
    from django.contrib.auth import get_user_model

    from accounts.roles import REDACTEUR, ROLES

    editors = None
    flagged = 0
    for page in overdue_pages(on):
        recipients = [page.owner_id] if page.owner_id else None
        if recipients is None:
            if editors is None:
                editors = list(
                    get_user_model()
                    .objects.filter(groups__name=ROLES[REDACTEUR].group_name, is_active=True)
                    .values_list("pk", flat=True)
                )
            recipients = editors
        flagged += notify(
            recipients,
            verb="knowledge-review",
            title=_("Te beoordelen: %(t)s") % {"t": page.title[:150]},
            body=_(
                "De beoordelingsdatum van deze pagina is verstreken (%(d)s). Controleer of de inhoud nog klopt."
            )
            % {"d": page.review_due_at.strftime("%d-%m-%Y")},
            url=f"/admin/pages/{page.pk}/edit/",
            event_key=f"knowledge:review:{page.pk}:{page.review_due_at.isoformat()}",
        )
    return flagged
