"""Signal receivers of the knowledge app (connected in KnowledgeConfig.ready)."""

from wagtail.signals import page_published

from .models import QuestionPage


def on_question_published(sender, instance, **kwargs):
    from . import services

    services.answer_published(instance)


def connect():
    page_published.connect(
        on_question_published, sender=QuestionPage, dispatch_uid="knowledge-question-published"
    )
