"""Domain logic of the knowledge base. Views, admin, commands, tasks and other apps call these.

Public API for other apps:

- ``create_question_draft(...) -> QuestionPage`` and ``create_handreiking_draft(...) -> HandreikingPage``
  create an unpublished draft (with a revision) for the editors;
- ``visible_pages(user)`` is the one visibility rule for search and other readers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.rich_text import RichText

from core.pages import home_page
from core.ratelimit import client_ip
from core.sanitize import plain_text
from notifications.services import notify
from privacy.validators import validate_no_personal_data

from .models import (
    Audience,
    HandreikingIndexPage,
    HandreikingPage,
    KnowledgeIndexPage,
    PageFeedback,
    QuestionIndexPage,
    QuestionPage,
    QuestionRequest,
    can_see_restricted,
)

WORKFLOW_NAME = "Redactie kennisbank"
TASK_NAME = "Beoordeling door redacteur"
FEEDBACK_COMMENT_MAX = 1000
FEEDBACK_RATE = (10, 60 * 60)  # submissions per client per hour
QUESTION_MAX = 300
EXPLANATION_MAX = 2000


class RateLimited(Exception):
    """Too many submissions from one client in the current window."""


# --- The tree ------------------------------------------------------------------


def ensure_knowledge_tree(home=None):
    """Get or create /kennisbank/ with its question and handreiking indexes, and the workflow."""
    index = KnowledgeIndexPage.objects.first()
    if index is None:
        if home is None:
            home = home_page()
        index = home.add_child(
            instance=KnowledgeIndexPage(
                title="Kennisbank",
                slug="kennisbank",
                show_in_menus=True,
                intro=(
                    "Antwoorden op vragen uit de praktijk van de Wet inburgering 2021 en "
                    "handreikingen voor professionals, per thema en per fase van de inburgering."
                ),
            )
        )
    questions = QuestionIndexPage.objects.child_of(index).first()
    if questions is None:
        questions = index.add_child(
            instance=QuestionIndexPage(
                title="Vragen en antwoorden",
                slug="vragen",
                intro="Korte antwoorden op veelgestelde vragen, met uitleg en bronnen.",
            )
        )
    handreikingen = HandreikingIndexPage.objects.child_of(index).first()
    if handreikingen is None:
        handreikingen = index.add_child(
            instance=HandreikingIndexPage(
                title="Handreikingen",
                slug="handreikingen",
                intro="Uitgewerkte handreikingen voor gemeenten en ketenpartners.",
            )
        )
    ensure_workflow(index)
    return index, questions, handreikingen


def ensure_workflow(index_page):
    """Moderation workflow (one approval task for the Redacteur group) on the whole kennisbank."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    from accounts.roles import REDACTEUR, ROLES

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    group = Group.objects.filter(name=ROLES[REDACTEUR].group_name).first()
    if group is not None:
        task.groups.add(group)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=index_page, defaults={"workflow": workflow})
    return workflow


def question_index() -> QuestionIndexPage:
    return QuestionIndexPage.objects.first() or ensure_knowledge_tree()[1]


def handreiking_index() -> HandreikingIndexPage:
    return HandreikingIndexPage.objects.first() or ensure_knowledge_tree()[2]


def unique_slug(parent: Page, title: str, exclude_pk=None) -> str:
    base = slugify(title)[:70] or "item"
    siblings = set(
        parent.get_children().exclude(pk=exclude_pk).values_list("slug", flat=True)
        if parent.pk
        else []
    )
    slug, n = base, 2
    while slug in siblings:
        slug = f"{base}-{n}"
        n += 1
    return slug


def text_to_stream(text: str) -> list:
    """Plain text (paragraphs separated by blank lines) as rich-text paragraph blocks."""
    paragraphs = [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]
    return [
        ("paragraph", RichText("<p>" + escape(p).replace("\n", "<br>") + "</p>"))
        for p in paragraphs
    ]


# --- Visibility ------------------------------------------------------------------


def visible_pages(user):
    """Live question and handreiking pages the user may see, as a plain ``Page`` queryset."""
    qs = Page.objects.live().type(QuestionPage, HandreikingPage)
    if can_see_restricted(user):
        return qs
    restricted = Q(
        pk__in=QuestionPage.objects.filter(audience=Audience.PROFESSIONALS).values("pk")
    ) | Q(pk__in=HandreikingPage.objects.filter(audience=Audience.PROFESSIONALS).values("pk"))
    return qs.exclude(restricted).public()


# --- Drafts for other apps -------------------------------------------------------


@transaction.atomic
def create_question_draft(
    *,
    title: str,
    short_answer: str = "",
    answer_text: str = "",
    themes=(),
    phases=(),
    source_note: str = "",
    source_url: str = "",
    requested_by=None,
) -> QuestionPage:
    """Create an unpublished Q&A draft under the question index (with a revision) for the editors."""
    title = plain_text(title, 255) or _("Nieuwe vraag")
    parent = question_index()
    page = QuestionPage(
        title=title,
        slug=unique_slug(parent, title),
        short_answer=plain_text(short_answer, 600),
        answer=text_to_stream(plain_text(answer_text)),
        origin_note=plain_text(source_note, 4000),
        origin_url=(source_url or "")[:500],
        requested_by=requested_by if getattr(requested_by, "pk", None) else None,
        live=False,
    )
    page.themes = list(themes)
    page.phases = list(phases)
    parent.add_child(instance=page)
    page.save_revision(user=requested_by if getattr(requested_by, "pk", None) else None)
    return page


@transaction.atomic
def create_handreiking_draft(
    *,
    title: str,
    summary: str = "",
    body_text: str = "",
    themes=(),
    phases=(),
    source_note: str = "",
    source_url: str = "",
) -> HandreikingPage:
    """Create an unpublished handreiking draft (with a revision) for the editors."""
    title = plain_text(title, 255) or _("Nieuwe handreiking")
    parent = handreiking_index()
    page = HandreikingPage(
        title=title,
        slug=unique_slug(parent, title),
        summary=plain_text(summary, 800),
        body=text_to_stream(plain_text(body_text)),
        origin_note=plain_text(source_note, 4000),
        origin_url=(source_url or "")[:500],
        live=False,
    )
    page.themes = list(themes)
    page.phases = list(phases)
    parent.add_child(instance=page)
    page.save_revision()
    return page


# --- "Was dit nuttig?" -------------------------------------------------------------


def client_key(request) -> str:
    """A salted hash of the client address: used for rate limiting only, never stored."""
    ip = client_ip(request)
    return hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()[:32]


def check_rate(scope: str, key: str, limit: int, window: int) -> None:
    cache_key = f"knowledge:rate:{scope}:{key}"
    if cache.add(cache_key, 1, timeout=window):
        return
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window)
        return
    if count > limit:
        raise RateLimited


def clean_feedback_comment(comment: str) -> str:
    text = plain_text(comment)
    if len(text) > FEEDBACK_COMMENT_MAX:
        raise ValidationError(
            _("Uw toelichting is te lang: maximaal %(max)d tekens.")
            % {"max": FEEDBACK_COMMENT_MAX},
            code="max_length",
        )
    validate_no_personal_data(text)
    return text


def submit_feedback(page: Page, *, helpful: bool, comment: str = "", client: str) -> PageFeedback:
    """Store one anonymous "Was dit nuttig?" answer. Raises ValidationError or RateLimited."""
    text = clean_feedback_comment(comment)
    check_rate("feedback", client, *FEEDBACK_RATE)
    return PageFeedback.objects.create(page=page, helpful=bool(helpful), comment=text)


# --- "Stel een vraag" ----------------------------------------------------------------


@transaction.atomic
def ask_question(user, *, question: str, explanation: str = "", themes=()) -> QuestionRequest:
    """A signed-in professional asks a question that the base does not answer yet."""
    question = plain_text(question)
    explanation = plain_text(explanation)
    if not question:
        raise ValidationError(_("Vul uw vraag in."), code="required")
    if len(question) > QUESTION_MAX or len(explanation) > EXPLANATION_MAX:
        raise ValidationError(_("Uw vraag of toelichting is te lang."), code="max_length")
    validate_no_personal_data(question)
    validate_no_personal_data(explanation)
    request = QuestionRequest.objects.create(asker=user, question=question, explanation=explanation)
    if themes:
        request.themes.set(themes)
    return request


@transaction.atomic
def start_answer_draft(question_request: QuestionRequest, editor=None) -> QuestionPage:
    """Editors' queue action: a draft Q&A for a question request, linked to it."""
    if question_request.answer_id:
        return question_request.answer
    page = create_question_draft(
        title=question_request.question,
        short_answer="",
        answer_text="",
        themes=list(question_request.themes.all()),
        source_note=_("Gesteld via 'Stel een vraag' (vraag %(id)s).") % {"id": question_request.pk},
    )
    question_request.answer = page
    question_request.status = QuestionRequest.Status.IN_PROGRESS
    question_request.save(update_fields=["answer", "status"])
    return page


@transaction.atomic
def answer_published(page: QuestionPage) -> int:
    """Called when a Q&A is published: tell every asker linked to it (once) and the requester."""
    page = QuestionPage.objects.get(pk=page.pk)
    if not page.live:
        return 0
    now = timezone.now()
    url = page.url or ""
    count = 0
    pending = QuestionRequest.objects.select_for_update().filter(answer=page, notified_at=None)
    for req in pending:
        count += notify(
            [req.asker_id],
            verb="knowledge-answer",
            title=_("Uw vraag is beantwoord: %(q)s") % {"q": req.question[:150]},
            body=_("De redactie heeft een antwoord op uw vraag gepubliceerd in de kennisbank."),
            url=url,
            event_key=f"knowledge:request:{req.pk}:answered",
        )
        req.status = QuestionRequest.Status.ANSWERED
        req.answered_at = req.answered_at or now
        req.notified_at = now
        req.save(update_fields=["status", "answered_at", "notified_at"])
    if page.requested_by_id:
        count += notify(
            [page.requested_by_id],
            verb="knowledge-published",
            title=_("Gepubliceerd in de kennisbank: %(t)s") % {"t": page.title[:150]},
            body=_("Het concept dat u aanvroeg is door de redactie gepubliceerd."),
            url=url,
            event_key=f"knowledge:page:{page.pk}:published-for-requester",
        )
    return count


def link_answer(question_request: QuestionRequest) -> int:
    """After an editor links an answer in the queue: notify now if that answer is already live."""
    if question_request.answer_id and question_request.answer.live:
        return answer_published(question_request.answer)
    return 0


def themes_and_phases(values: Iterable[str], model):
    """Resolve names or slugs (case-insensitive) to terms. Returns (terms, unknown names)."""
    wanted = [v.strip() for v in values if v and v.strip()]
    if not wanted:
        return [], []
    terms = list(model.objects.all())
    by_key = {}
    for term in terms:
        by_key[term.name.lower()] = term
        by_key[term.slug.lower()] = term
    found, unknown = [], []
    for value in wanted:
        term = by_key.get(value.lower()) or by_key.get(slugify(value))
        if term is None:
            unknown.append(value)
        elif term not in found:
            found.append(term)
    return found, unknown
