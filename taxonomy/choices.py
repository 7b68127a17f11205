"""The vocabularies as (pk, label) lists for filter forms, from the cache.

A filter form renders every theme, phase, region and organisation as an option: four queries
for every list page. The lists change rarely (editors' snippets), so they come from Django's
cache; saving or deleting a term deletes its model's list, at once and again after commit (a
request in between may cache the old state). A change without a signal (``update()``, raw
SQL) shows within ``SECONDS``. With a process-local cache (no Redis) the other processes keep
their list for at most ``LOCAL_SECONDS``: a new term appears in their filters that much later,
and a deleted one that is still offered is refused by the form's validation (a form error).
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from core.cache import shared_cache_available

SECONDS = 300
LOCAL_SECONDS = 60
KEY = "taxonomy:choices:{label}"


def _key(model, active: bool = False) -> str:
    return KEY.format(label=model._meta.label_lower) + (":active" if active else "")


def term_choices(model, active: bool = False) -> list[tuple[int, str]]:
    """``(pk, str(term))`` of every term of ``model`` (``active``: of its active terms, for
    the forms that create content), in the model's ordering."""
    key = _key(model, active)
    choices = cache.get(key)
    if choices is None:
        terms = model.objects.active() if active else model.objects.all()
        choices = [(term.pk, str(term)) for term in terms]
        cache.set(key, choices, SECONDS if shared_cache_available() else LOCAL_SECONDS)
    return choices


def cached_model_choices(field, model, active: bool = False) -> None:
    """Render a ``ModelChoiceField`` from the cached list: the same options, no query.
    Validation still looks the submitted value up in the field's queryset."""
    options = [(pk, label) for pk, label in term_choices(model, active)]
    if field.empty_label is not None:
        options.insert(0, ("", field.empty_label))
    field.widget.choices = options


def _forget(sender, instance=None, raw=False, **kwargs):
    keys = [_key(sender), _key(sender, active=True)]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def connect() -> None:
    from .models import Organisation, Phase, Region, Theme

    for model in (Theme, Phase, Region, Organisation):
        uid = f"taxonomy-choices-{model.__name__}"
        post_save.connect(_forget, sender=model, dispatch_uid=uid)
        post_delete.connect(_forget, sender=model, dispatch_uid=uid)
