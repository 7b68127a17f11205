"""The many, not just the submitter: the "herkend" threshold that puts a signal on its
team's agenda (and shows it to the next level's team), and supporters answering "is it
solved?" where a configurable share of "no" reopens the signal with one history row.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from notifications.services import notify

from .. import conf, workflow
from ..models import Signal, SignalEvent, SolvedVote, Support
from ..workflow import CLOSED_STATES
from .common import _record, _workbench_url
from .errors import ActionForbidden, TransitionNotAllowed
from .routing import default_team, team_recipients


def check_herkend_threshold(signal: Signal) -> bool:
    """Flag ``signal`` once when its support count reaches the threshold."""
    threshold = conf.herkend_threshold()
    signal.refresh_from_db(fields=["support_count", "level", "team"])
    if signal.support_count < threshold:
        return False
    if SignalEvent.objects.filter(signal=signal, action="herkend_threshold").exists():
        return False
    with transaction.atomic():
        event = _record(
            signal,
            None,
            "herkend_threshold",
            payload={"support_count": signal.support_count, "threshold": threshold},
        )
        recipients = set(team_recipients(signal))
        upper = workflow.next_level(signal.level)
        upper_team = default_team(upper) if upper else None
        if upper_team is not None:
            recipients |= set(
                upper_team.members.filter(is_active=True).values_list("pk", flat=True)
            )
        notify(
            recipients,
            verb="signal-herkend",
            title=_("%(n)d professionals herkennen: %(title)s")
            % {"n": signal.support_count, "title": signal.title[:150]},
            url=_workbench_url(signal),
            event_key=f"signal:{signal.pk}:herkend:{event.pk}",
        )
    return True


def vote_solved(signal: Signal, user, solved: bool) -> bool:
    """A supporter says whether the outcome solved it. Returns True when this reopened it."""
    if not Support.objects.filter(signal=signal, user=user).exists():
        raise ActionForbidden(_("Alleen wie het signaal herkent, kan dit beantwoorden."))
    if signal.status not in CLOSED_STATES or not signal.outcome_at:
        raise TransitionNotAllowed(_("Er is nog geen uitkomst om te beoordelen."))
    try:
        with transaction.atomic():
            SolvedVote.objects.create(
                signal=signal, user=user, outcome_at=signal.outcome_at, solved=solved
            )
    except IntegrityError:
        return False
    if solved:
        return False
    with transaction.atomic():
        locked = Signal.objects.select_for_update().get(pk=signal.pk)
        if locked.status not in CLOSED_STATES or locked.outcome_at != signal.outcome_at:
            return False  # already reopened by an earlier vote
        no_votes = SolvedVote.objects.filter(
            signal=locked, outcome_at=locked.outcome_at, solved=False
        ).count()
        supporters = max(locked.support_count, 1)
        if no_votes / supporters < conf.reopen_share():
            return False
        from .transitions import _transition

        _transition(
            locked,
            workflow.ACTIONS["reopen"],
            None,
            _("%(n)d van %(total)d herkenners vinden het niet opgelost.")
            % {"n": no_votes, "total": supporters},
            payload={"via_supporters": True, "no_votes": no_votes, "supporters": supporters},
        )
    signal.refresh_from_db()
    return True
