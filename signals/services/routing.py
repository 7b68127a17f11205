"""Routing: which team handles a signal or dossier at its level, re-routing by a coordinator,
the deadlines of a team's service level, and who hears about work in a team's queue.

Every routing decision is an append-only history row (``route`` or ``reroute``) naming the
rule and the team. Routing costs a fixed number of queries, whatever the number of rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles as account_roles
from notifications.services import notify

from .. import conf, workflow
from ..deadlines import add_working_days
from ..models import RoutingRule, ServiceLevel, Team
from ..routing import choose, signal_facts
from .common import _raise_if, _record, _workbench_url, clean_text, coordinators_of
from .errors import ActionForbidden, SignalError


@dataclass
class Decision:
    team: Team | None
    rule: RoutingRule | None
    fallback_from: Team | None = None  # the chosen team had no active members

    def payload(self, trigger: str) -> dict:
        return {
            "trigger": trigger,
            "team": getattr(self.team, "pk", None),
            "team_name": getattr(self.team, "name", ""),
            "rule": getattr(self.rule, "pk", None),
            "rule_name": getattr(self.rule, "name", ""),
            "fallback_from": getattr(self.fallback_from, "pk", None),
        }


def default_team(level: str) -> Team | None:
    return Team.objects.filter(level=level, is_default=True, is_active=True).first()


def active_rules(level: str) -> list[RoutingRule]:
    return list(
        RoutingRule.objects.filter(level=level, is_active=True, team__is_active=True)
        .select_related("team")
        .order_by("position", "pk")
    )


def _dossier_facts(dossier) -> dict:
    first = dossier.signals.order_by("pk").first()
    facts = signal_facts(first) if first else {}
    facts["theme"] = set(dossier.themes.values_list("pk", flat=True)) | facts.get("theme", set())
    return facts


FACTS = {workflow.SIGNAL: signal_facts, workflow.DOSSIER: _dossier_facts}


def _facts(obj) -> dict:
    return FACTS[obj.workflow_kind](obj)


def decide(obj, level: str | None = None) -> Decision:
    """Which team gets ``obj`` at ``level`` (default: its own): first matching rule wins."""
    level = level or obj.level
    rule = choose(active_rules(level), _facts(obj))
    team = rule.team if rule else default_team(level)
    decision = Decision(team=team, rule=rule)
    if team is not None and not team.members.filter(is_active=True).exists():
        fallback = default_team(level)
        if fallback is not None and fallback.pk != team.pk:
            decision = Decision(team=fallback, rule=rule, fallback_from=team)
    return decision


def service_deadlines(team: Team | None, urgency: str, level: str, start=None):
    """(response date, resolution date) from the team's service level, else the level's."""
    start = start or timezone.localdate()
    response_days = resolution_days = None
    if team is not None:
        levels = {s.urgency: s for s in ServiceLevel.objects.filter(team=team)}
        chosen = levels.get(urgency or "") or levels.get("")
        if chosen is not None:
            response_days, resolution_days = chosen.response_days, chosen.resolution_days
        else:
            response_days, resolution_days = team.response_days, team.resolution_days
    if resolution_days is None:
        resolution_days = conf.deadline_working_days()[str(level)]
    if response_days is None:
        response_days = min(conf.response_working_days(), resolution_days)
    return add_working_days(start, response_days), add_working_days(start, resolution_days)


def _apply_team(obj, team):
    obj.team = team
    response, resolution = service_deadlines(team, getattr(obj, "urgency", ""), obj.level)
    obj.deadline = resolution
    fields = ["team", "deadline"]
    if obj.has_response_deadline:
        obj.response_deadline = response
        fields.append("response_deadline")
    obj.save(update_fields=fields)


def route(obj, actor=None, *, trigger: str) -> Decision:
    """Route ``obj`` at its current level and record the decision (call inside a transaction)."""
    decision = decide(obj)
    _apply_team(obj, decision.team)
    event = _record(
        obj,
        actor,
        "route",
        reason=decision.rule.name if decision.rule else "",
        payload={**decision.payload(trigger), "deadline": obj.deadline.isoformat()},
        to_level=obj.level,
    )
    if decision.fallback_from is not None:
        _tell_beheerders(obj, decision, event)
    return decision


def _tell_beheerders(obj, decision, event):
    group = account_roles.ROLES[account_roles.BEHEERDER].group_name
    beheerders = get_user_model().objects.filter(is_active=True, groups__name=group)
    notify(
        beheerders.values_list("pk", flat=True),
        verb="team-without-members",
        title=_("Team zonder actieve leden: %(team)s") % {"team": decision.fallback_from.name},
        url=_workbench_url(obj),
        body=_("%(ref)s is naar het standaardteam %(default)s gegaan.")
        % {"ref": obj.reference, "default": decision.team.name},
        event_key=f"team:{decision.fallback_from.pk}:no-members:{event.pk}",
    )


def team_recipients(obj) -> list[int]:
    """Who hears about ``obj`` in a queue: the active members of its team.

    A team without active members falls back to the level's default team; with no teams
    configured at all, to the coordinators of the level (so nothing goes unheard).
    """
    for team in (obj.team if obj.team_id else None, default_team(obj.level)):
        if team is None:
            continue
        ids = list(team.members.filter(is_active=True).values_list("pk", flat=True))
        if ids:
            return ids
    return list(coordinators_of(obj.level).values_list("pk", flat=True))


def handler_or_team(obj) -> list[int]:
    handler_id = obj.assignee_id
    return [handler_id] if handler_id else team_recipients(obj)


def reroute(obj, team, actor, reason: str):
    """A coordinator of the level moves ``obj`` to another team of the same level."""
    errors: dict = {}
    reason = clean_text(reason, "reason", 2000, errors, required=True, label=_("een reden"))
    _raise_if(errors)
    team = team if isinstance(team, Team) else Team.objects.filter(pk=team).first()
    model = type(obj)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=obj.pk)
        if not workflow.is_coordinator_of(actor, locked.level):
            raise ActionForbidden(_("Alleen een coördinator van dit niveau kan doorsturen."))
        if team is None or not team.is_active or team.level != locked.level:
            raise SignalError(_("Kies een actief team van hetzelfde niveau."), field="team")
        if team.pk == locked.team_id:
            raise SignalError(_("Het ligt al bij dit team."), field="team")
        before = locked.team
        _apply_team(locked, team)
        event = _record(
            locked,
            actor,
            "reroute",
            reason=reason,
            payload={
                "team": team.pk,
                "team_name": team.name,
                "from_team": getattr(before, "pk", None),
                "from_team_name": getattr(before, "name", ""),
                "deadline": locked.deadline.isoformat(),
            },
            to_level=locked.level,
        )
        notify(
            team_recipients(locked),
            verb=f"{locked.workflow_kind}-queue",
            title=_("Doorgestuurd naar %(team)s: %(title)s")
            % {"team": team.name, "title": locked.title[:150]},
            url=_workbench_url(locked),
            body=reason,
            event_key=f"{locked.workflow_kind}:{locked.pk}:reroute:{event.pk}",
            exclude=actor,
        )
    return locked
