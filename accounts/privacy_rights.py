"""Inzage (AVG art. 15): everything the platform holds about one user, as plain data.

Found generically: every row of every model of the project apps (and API tokens, login
history) that points at the user through a foreign key, one query per such field, so a
new app's data is included without editing this file. References to *other* users are
left out, and secrets (password hashes, token keys) are never exported.
"""

from __future__ import annotations

import datetime
import decimal
import uuid

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from .roles import ROLES, user_roles

# Apps whose data is "about" users; Django and Wagtail internals are covered by the profile.
PROJECT_APPS = (
    "accounts",
    "signals",
    "communities",
    "knowledge",
    "feedback",
    "notifications",
    "reporting",
    "taxonomy",
    "search",
    "authtoken",
)
SECRET_FIELDS = {"password", "key", "secret", "token", "token_hash", "digest"}


def user_foreign_keys():
    """(model, field) for every foreign key to the user model in the project apps."""
    User = get_user_model()
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or model is User:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.related_model is User:
                found.append((model, field))
    return found


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _row(model, row: dict, user_pk) -> dict:
    User = get_user_model()
    plain = {}
    for field in model._meta.concrete_fields:
        if field.name in SECRET_FIELDS or (
            model._meta.app_label == "authtoken" and field.primary_key
        ):
            continue
        value = row.get(field.attname)
        if isinstance(field, models.ForeignKey) and field.related_model is User:
            if value != user_pk:
                continue  # another person: not part of this user's data
            value = "self"
        plain[field.name] = _plain(value)
    return plain


def export(user) -> dict:
    """The user's data; only rows that point at this user, never another user's fields."""
    User = get_user_model()
    profile = {
        field.name: _plain(getattr(user, field.attname))
        for field in User._meta.concrete_fields
        if field.name not in SECRET_FIELDS
    }
    profile["organisation"] = str(user.organisation) if user.organisation_id else None
    sections = []
    for model, field in user_foreign_keys():
        rows = list(model._default_manager.filter(**{field.attname: user.pk}).values())
        if not rows:
            continue
        sections.append(
            {
                "key": f"{model._meta.label}.{field.name}",
                "title": str(model._meta.verbose_name_plural),
                "relation": str(field.verbose_name),
                "rows": [_row(model, row, user.pk) for row in rows],
            }
        )
    return {
        "format": "inzage/1",
        "profile": profile,
        "roles": [str(ROLES[key].label) for key in ROLES if key in user_roles(user)],
        "sections": sections,
    }
