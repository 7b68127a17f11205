"""Append-only history rows: added once, never changed or removed (Decidim's action log style).

Models of history (signal events, feedback moderation, the community moderation log) inherit
``AppendOnlyModel`` and use a queryset derived from ``AppendOnlyQuerySet``, so neither an
instance nor a bulk ``update()``/``delete()`` can rewrite what happened.
"""

from __future__ import annotations

from django.db import models


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove a history row."""


CHANGE_MESSAGE = "History is append-only: rows cannot be changed."
DELETE_MESSAGE = "History is append-only: rows cannot be deleted."


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(CHANGE_MESSAGE)

    def delete(self):
        raise AppendOnlyError(DELETE_MESSAGE)


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(CHANGE_MESSAGE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(DELETE_MESSAGE)
