"""Test and benchmark helpers: published knowledge pages and question requests."""

from __future__ import annotations

import factory

from accounts.factories import UserFactory

from .models import Audience, HandreikingPage, QuestionPage, QuestionRequest
from .services import handreiking_index, question_index, text_to_stream, unique_slug


def publish_question(
    title: str,
    *,
    short_answer: str = "Een kort antwoord.",
    answer: str = "",
    themes=(),
    phases=(),
    tags=(),
    audience: str = Audience.PUBLIC,
    user=None,
    publish: bool = True,
    **fields,
) -> QuestionPage:
    parent = question_index()
    page = QuestionPage(
        title=title,
        slug=unique_slug(parent, title),
        short_answer=short_answer,
        answer=text_to_stream(answer),
        audience=audience,
        live=False,
        **fields,
    )
    page.themes = list(themes)
    page.phases = list(phases)
    page.tags.set(list(tags))
    parent.add_child(instance=page)
    revision = page.save_revision(user=user)
    if publish:
        revision.publish(user=user)
        page.refresh_from_db()
    return page


def publish_handreiking(
    title: str,
    *,
    summary: str = "Een samenvatting.",
    themes=(),
    phases=(),
    audience: str = Audience.PUBLIC,
    user=None,
    **fields,
) -> HandreikingPage:
    parent = handreiking_index()
    page = HandreikingPage(
        title=title,
        slug=unique_slug(parent, title),
        summary=summary,
        audience=audience,
        live=False,
        **fields,
    )
    page.themes = list(themes)
    page.phases = list(phases)
    parent.add_child(instance=page)
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


class QuestionRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionRequest

    asker = factory.SubFactory(UserFactory, role="professional")
    question = factory.Sequence(lambda n: f"Hoe werkt onderdeel {n} van de inburgering?")
    explanation = "Bij ons is dit onduidelijk."
