"""Signal receivers of the knowledge app (connected in KnowledgeConfig.ready)."""

from django.db.models.signals import post_save
from wagtail.signals import page_published

from .models import HandreikingPage, QuestionPage


def on_question_published(sender, instance, **kwargs):
    from . import services

    services.answer_published(instance)


STREAM_FIELDS = {"body", "answer"}


def on_knowledge_page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not STREAM_FIELDS & set(update_fields)):
        return
    from . import attachments

    attachments.sync(instance)


def connect():
    for model in (QuestionPage, HandreikingPage):
        post_save.connect(
            on_knowledge_page_saved,
            sender=model,
            dispatch_uid=f"knowledge-attachments-{model.__name__}",
        )
    page_published.connect(
        on_question_published, sender=QuestionPage, dispatch_uid="knowledge-question-published"
    )
