"""Taking part: recognising a signal ("ik herken dit"), following signals and dossiers,
internal notes of the coordinators and visible follow-up updates.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from notifications.services import notify

from .. import workflow
from ..models import Follow, FollowUp, Note, Signal, Support, is_chain_professional
from ..workflow import Level
from .common import TEXT_MAX, _raise_if, _record, clean_text, interested
from .errors import ActionForbidden


def support(signal: Signal, user) -> bool:
    """ "Ik herken dit". Returns True when newly recorded (supporting twice does nothing)."""
    if not is_chain_professional(user):
        raise ActionForbidden(_("Alleen professionals in de keten kunnen een signaal herkennen."))
    if signal.submitted_by_id == user.pk:
        return False
    try:
        with transaction.atomic():
            Support.objects.create(signal=signal, user=user)
            Signal.objects.filter(pk=signal.pk).update(support_count=F("support_count") + 1)
    except IntegrityError:
        return False
    signal.support_count += 1
    from .voice import check_herkend_threshold

    check_herkend_threshold(signal)
    return True


def unsupport(signal: Signal, user) -> bool:
    with transaction.atomic():
        deleted, _unused = Support.objects.filter(signal=signal, user=user).delete()
        if deleted:
            Signal.objects.filter(pk=signal.pk, support_count__gt=0).update(
                support_count=F("support_count") - 1
            )
    return bool(deleted)


def follow(obj, user, on: bool = True) -> bool:
    """Follow (or stop following) a signal or dossier. Returns whether ``user`` follows now."""
    if not getattr(user, "is_authenticated", False):
        raise ActionForbidden(_("Log in om te volgen."))
    visible = type(obj).objects.visible_to(user).filter(pk=obj.pk).exists()
    if not visible:
        raise ActionForbidden(_("U kunt dit niet volgen."))
    lookup = obj.subject_kwargs()
    if on:
        Follow.objects.get_or_create(user=user, **lookup)
    else:
        Follow.objects.filter(user=user, **lookup).delete()
    return on


def add_note(obj, actor, text: str) -> Note:
    """An internal note (coordinators only; never shown to anyone else)."""
    if not workflow.is_coordinator(actor):
        raise ActionForbidden(_("Alleen coördinatoren kunnen interne notities maken."))
    errors: dict = {}
    text = clean_text(text, "text", TEXT_MAX, errors, required=True, label=_("een notitie"))
    _raise_if(errors)
    lookup = obj.subject_kwargs()
    return Note.objects.create(author=actor, text=text, **lookup)


def add_followup(obj, actor, text: str, is_public: bool = False) -> FollowUp:
    """A visible progress update; submitter(s), supporters and followers are told."""
    obj.refresh_from_db(fields=["level", "status"])
    if not workflow.is_coordinator_of(actor, obj.level):
        raise ActionForbidden(
            _("Alleen de coördinator van %(level)s kan een update plaatsen.")
            % {"level": Level(obj.level).label.lower()}
        )
    errors: dict = {}
    text = clean_text(text, "text", TEXT_MAX, errors, required=True, label=_("een update"))
    _raise_if(errors)
    lookup = obj.subject_kwargs()
    with transaction.atomic():
        followup = FollowUp.objects.create(
            author=actor, text=text, is_public=bool(is_public), **lookup
        )
        _record(obj, actor, "followup", reason=text, payload={"followup": followup.pk})
        notify(
            interested(obj),
            verb=f"{obj.workflow_kind}-followup",
            title=_("Update: %(title)s") % {"title": obj.title[:150]},
            url=obj.get_absolute_url(),
            body=text[:1000],
            event_key=f"{obj.workflow_kind}:{obj.pk}:followup:{followup.pk}",
            exclude=actor,
        )
    return followup
