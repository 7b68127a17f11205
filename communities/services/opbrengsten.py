"""Opbrengsten (what a community produced) and what leaves the community: offering an
opbrengst to the editors as a knowledge draft (handreiking or Q&A), and raising an opbrengst or
a discussion as a signal. A hidden community is not named or linked outside it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.text import clean_plain_text
from privacy.validators import validate_no_personal_data

from ..models import CommunityPage, Opbrengst, Thread
from .common import absolute, clean_title, community_path


@transaction.atomic
def save_opbrengst(
    community: CommunityPage,
    actor,
    *,
    kind: str,
    title: str,
    summary: str,
    body: str = "",
    source_thread: Thread | None = None,
    opbrengst: Opbrengst | None = None,
) -> Opbrengst:
    community.require_facilitator(actor)
    if kind not in Opbrengst.Kind.values:
        raise ValidationError(_("Kies een soort opbrengst."))
    summary = clean_plain_text(summary, max_length=1000)
    body = clean_plain_text(body, max_length=10000)
    for value in (summary, body):
        validate_no_personal_data(value)
    if source_thread is not None and source_thread.community_id != community.pk:
        source_thread = None
    opbrengst = opbrengst or Opbrengst(community=community, created_by=actor)
    opbrengst.kind = kind
    opbrengst.title = clean_title(title)
    opbrengst.summary = summary
    opbrengst.body = body
    opbrengst.source_thread = source_thread
    opbrengst.save()
    return opbrengst


def _source_note(community: CommunityPage) -> str:
    return _("Opbrengst van de Community of Practice %(name)s") % {"name": community.public_label}


def _source_url(community: CommunityPage, path: str) -> str:
    # A hidden community is not named or linked outside it.
    return "" if community.is_hidden else absolute(community_path(community) + path)


def _theme_ids(community):
    return list(community.themes.values_list("pk", flat=True))


@transaction.atomic
def offer_to_knowledge(opbrengst: Opbrengst, actor, target: str) -> Opbrengst:
    """Offer an opbrengst to the editors as a draft handreiking (``target="handreiking"``) or Q&A."""
    community = opbrengst.community
    community.require_facilitator(actor)
    opbrengst = Opbrengst.objects.select_for_update().get(pk=opbrengst.pk)
    if opbrengst.knowledge_page_id:
        raise ValidationError(_("Deze opbrengst is al aangeboden aan de redactie."))
    from django.apps import apps

    themes = _theme_ids(community)
    if apps.is_installed("taxonomy"):
        from taxonomy.models import Theme

        themes = list(Theme.objects.filter(pk__in=themes))
    from knowledge import services as knowledge_services

    common = {
        "title": opbrengst.title,
        "themes": themes,
        "source_note": _source_note(community),
        "source_url": _source_url(community, f"opbrengsten/{opbrengst.pk}/"),
    }
    if target == Opbrengst.KnowledgeKind.HANDREIKING:
        page = knowledge_services.create_handreiking_draft(
            summary=opbrengst.summary, body_text=opbrengst.body, **common
        )
    elif target == Opbrengst.KnowledgeKind.QUESTION:
        page = knowledge_services.create_question_draft(
            short_answer=opbrengst.summary,
            answer_text=opbrengst.body,
            requested_by=actor,
            **common,
        )
    else:
        raise ValidationError(_("Onbekende bestemming."))
    opbrengst.knowledge_kind = target
    opbrengst.knowledge_page_id = page.pk
    opbrengst.offered_at = timezone.now()
    opbrengst.save(update_fields=["knowledge_kind", "knowledge_page", "offered_at"])
    return opbrengst


def _create_signal(community: CommunityPage, actor, *, title, description, path, suggestion=""):
    from signals import services as signal_services

    return signal_services.create_signal(
        submitted_by=actor,
        title=title,
        description=description,
        themes=_theme_ids(community),
        organisation=getattr(actor, "organisation", None),
        suggestion=suggestion,
        source="community",
        source_label=community.public_label,
        source_url=_source_url(community, path),
    )


@transaction.atomic
def raise_signal_from_opbrengst(opbrengst: Opbrengst, actor) -> Opbrengst:
    community = opbrengst.community
    community.require_facilitator(actor)
    opbrengst = Opbrengst.objects.select_for_update().get(pk=opbrengst.pk)
    if opbrengst.signal_id:
        raise ValidationError(_("Van deze opbrengst is al een signaal gemaakt."))
    description = opbrengst.summary + ("\n\n" + opbrengst.body if opbrengst.body else "")
    suggestion = opbrengst.body if opbrengst.kind == Opbrengst.Kind.ADVICE else ""
    opbrengst.signal = _create_signal(
        community,
        actor,
        title=opbrengst.title,
        description=description,
        suggestion=suggestion,
        path=f"opbrengsten/{opbrengst.pk}/",
    )
    opbrengst.signalled_at = timezone.now()
    opbrengst.save(update_fields=["signal", "signalled_at"])
    return opbrengst


@transaction.atomic
def thread_to_signal(thread: Thread, actor, *, title: str, description: str) -> Thread:
    """A facilitator raises a discussion as a signal on behalf of the community."""
    community = thread.community
    community.require_facilitator(actor)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.signal_id:
        raise ValidationError(_("Van deze discussie is al een signaal gemaakt."))
    title = clean_title(title)
    description = clean_plain_text(description, max_length=5000)
    if not description:
        raise ValidationError(_("Beschrijf het knelpunt."), code="required")
    validate_no_personal_data(description)
    thread.signal = _create_signal(
        community, actor, title=title, description=description, path=f"discussies/{thread.pk}/"
    )
    thread.save(update_fields=["signal"])
    return thread
