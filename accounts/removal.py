"""Remove my account (AVG art. 17): deactivated at once, anonymised after a grace period.

Anonymising keeps every contribution (signals, posts, support, history) so discussions and
signals stay whole, but they then belong to "verwijderde gebruiker": the user row loses
name, e-mail address, job title and password, links to providers and API tokens go, and
the name and e-mail address are replaced wherever the project stores text (notification
titles and bodies, posts that quote the name, outbox payloads, invitations, the search
index). Content that mentioned the user is re-indexed through the normal index path
(model save signals, the search app's outbox handler).
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models.functions import Cast
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from .identity_models import AccountRemoval, OIDCIdentity, RoleChangeRequest
from .lifecycle import deactivate
from .privacy_rights import PROJECT_APPS, user_foreign_keys

logger = logging.getLogger(__name__)
ANONYMOUS_DOMAIN = "verwijderd.invalid"


def grace_period() -> timedelta:
    return timedelta(days=getattr(settings, "ACCOUNT_REMOVAL_GRACE_DAYS", 14))


@transaction.atomic
def request_removal(user, by_beheerder: bool = False) -> AccountRemoval:
    """Deactivate now (sessions, tokens) and schedule the anonymisation."""
    removal, _created = AccountRemoval.objects.get_or_create(
        user=user,
        defaults={
            "by_beheerder": by_beheerder,
            "anonymise_after": timezone.now() + grace_period(),
        },
    )
    deactivate(user)
    return removal


def anonymise_due(now=None) -> int:
    """Beat job: anonymise every account whose grace period is over (idempotent)."""
    now = now or timezone.now()
    due = AccountRemoval.objects.filter(anonymised_at__isnull=True, anonymise_after__lte=now)
    count = 0
    for removal in due.select_related("user"):
        anonymise(removal.user)
        count += 1
    return count


def _needles(user) -> list[str]:
    needles = [user.email, user.get_full_name().strip()]
    local = user.email.split("@")[0]
    if len(local) >= 3:
        needles.append("@" + local)  # @-mention handles in discussions
    return [n for n in needles if n and len(n) >= 3]


def _text_fields(model):
    for field in model._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField | models.JSONField):
            if not field.primary_key and not field.choices:
                yield field


def scrub_text(needles: list[str], replacement: str) -> list[tuple[type, object]]:
    """Replace the needles in every text field of the project apps; returns changed rows."""
    User = get_user_model()
    changed = []
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or model is User:
            continue
        if getattr(model._meta, "proxy", False):
            continue
        for field in _text_fields(model):
            query = models.Q()
            for needle in needles:
                query |= models.Q(_scrub_text__icontains=needle)
            rows = model._base_manager.annotate(
                _scrub_text=Cast(field.name, models.TextField())
            ).filter(query)
            for row in rows:
                value = getattr(row, field.attname)
                new = _replace(value, needles, replacement)
                if new != value:
                    model._base_manager.filter(pk=row.pk).update(**{field.attname: new})
                    changed.append((model, row.pk))
    return changed


def _replace(value, needles, replacement):
    if isinstance(value, str):
        import re

        for needle in sorted(needles, key=len, reverse=True):
            value = re.sub(re.escape(needle), replacement, value, flags=re.IGNORECASE)
        return value
    if isinstance(value, list):
        return [_replace(item, needles, replacement) for item in value]
    if isinstance(value, dict):
        return {k: _replace(v, needles, replacement) for k, v in value.items()}
    return value


@transaction.atomic
def anonymise(user) -> None:
    """Make the account anonymous for good; contributions stay, identity goes."""
    User = get_user_model()
    user = User.objects.select_for_update().get(pk=user.pk)
    label = _("verwijderde gebruiker")
    needles = _needles(user)
    user.first_name = label
    user.last_name = ""
    user.email = f"verwijderd-{uuid.uuid4().hex[:12]}@{ANONYMOUS_DOMAIN}"
    user.job_title = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    OIDCIdentity.objects.filter(user=user).delete()
    Token.objects.filter(user=user).delete()
    RoleChangeRequest.objects.filter(user=user).update(reason="")
    changed = scrub_text(needles, label) if needles else []
    AccountRemoval.objects.update_or_create(
        user=user,
        defaults={"anonymised_at": timezone.now(), "anonymise_after": timezone.now()},
    )
    reindex(user, changed)
    logger.info("account %s anonymised (%s text fields changed)", user.pk, len(changed))


def reindex(user, changed) -> None:
    """Let every index listening to model saves refresh the user's content (no new writes)."""
    rows = {(model, pk) for model, pk in changed}
    for model, field in user_foreign_keys():
        for pk in model._base_manager.filter(**{field.attname: user.pk}).values_list(
            "pk", flat=True
        ):
            rows.add((model, pk))
    for model, pk in rows:
        instance = model._base_manager.filter(pk=pk).first()
        if instance is not None:
            post_save.send(
                sender=model, instance=instance, created=False, raw=False, using="default"
            )
