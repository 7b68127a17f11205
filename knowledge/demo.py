"""Demo content of the knowledge base: the kennisbank tree, 32 Q&A items and 6 handreikingen.

All text is written for this product (facts from the domain brief and the seeds). Idempotent:
items are matched on slug and left alone when they exist.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from taxonomy.models import Organisation, Phase, Theme

from .demo_handreikingen import HANDREIKINGEN
from .demo_questions import QUESTIONS
from .models import Audience, HandreikingPage, QuestionPage, QuestionRequest
from .services import ensure_knowledge_tree, text_to_stream


def _terms(model, names):
    return [model.objects.get(name=name) for name in names]


def _phases(numbers):
    return list(Phase.objects.filter(number__in=numbers))


def seed(stdout=None):
    _index, questions_index, handreikingen_index = ensure_knowledge_tree()
    editor = get_user_model().objects.filter(email="redacteur@example.org").first()
    today = date.today()
    created = 0
    pages_by_slug = {}
    for n, (title, short, long, themes, phases, tags, restricted) in enumerate(QUESTIONS):
        slug = slugify(title)[:70]
        page = QuestionPage.objects.child_of(questions_index).filter(slug=slug).first()
        if page is None:
            page = QuestionPage(
                title=title,
                slug=slug,
                short_answer=short,
                answer=text_to_stream(long),
                audience=Audience.PROFESSIONALS if restricted else Audience.PUBLIC,
                # A few items are overdue for review so the report has something to show.
                last_reviewed=today - timedelta(days=400 if n % 9 == 0 else 30 + n),
                change_note="Eerste versie."
                if n % 4
                else "Tekst aangescherpt na vragen uit de praktijk.",
                owner=editor,
            )
            page.themes = _terms(Theme, themes)
            page.phases = _phases(phases)
            page.tags.set(tags)
            questions_index.add_child(instance=page)
            page.save_revision(user=editor).publish()
            created += 1
        pages_by_slug[slug] = page
    # Editor-chosen related questions on a few items.
    related = [
        ("wat-is-een-driegesprek-bij-de-overdracht", "wat-doe-ik-als-een-driegesprek-niet-lukt"),
        ("wat-is-de-b1-route", "wanneer-mag-een-onderdeel-van-de-b1-route-op-a2-worden-afgerond"),
        ("wat-meet-de-leerbaarheidstoets", "hoe-weeg-ik-de-uitslag-van-de-leerbaarheidstoets-mee"),
    ]
    for source, target in related:
        page, other = pages_by_slug.get(source), pages_by_slug.get(target)
        if page and other and not page.related_links.filter(question=other).exists():
            from .models import RelatedQuestion

            RelatedQuestion.objects.create(page=page, question=other, sort_order=0)
    for title, summary, sections, themes, phases, version, owner, restricted in HANDREIKINGEN:
        slug = slugify(title)[:70]
        if HandreikingPage.objects.child_of(handreikingen_index).filter(slug=slug).exists():
            continue
        body = []
        for heading, text in sections:
            body.append(("heading", heading))
            body.extend(text_to_stream(text))
        page = HandreikingPage(
            title=title,
            slug=slug,
            summary=summary,
            body=body,
            version_label=version,
            valid_from=date(2024, 1, 1),
            owner_organisation=Organisation.objects.filter(slug=owner).first(),
            audience=Audience.PROFESSIONALS if restricted else Audience.PUBLIC,
            last_reviewed=today - timedelta(days=90),
            change_note="Bijgewerkt met ervaringen uit de Community of Practice.",
            owner=editor,
        )
        page.themes = _terms(Theme, themes)
        page.phases = _phases(phases)
        handreikingen_index.add_child(instance=page)
        page.save_revision(user=editor).publish()
        created += 1
    professional = get_user_model().objects.filter(email="professional@example.org").first()
    if professional and not QuestionRequest.objects.filter(asker=professional).exists():
        QuestionRequest.objects.create(
            asker=professional,
            question="Telt vrijwilligerswerk mee voor de MAP?",
            explanation="Bij ons wordt dit verschillend uitgelegd door collega's.",
        )
        created += 1
    if stdout:
        stdout.write(f"  knowledge: {created} new items")
    return created
