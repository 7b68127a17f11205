"""Fan-out of a new signal, and of its outcome (resolved/declined), to the people whose
subscriptions ("volgopdrachten") match it.

``queue_fanout`` is called by the submission service inside its transaction and writes one
outbox message; the handler runs after commit (in the worker) and costs a constant number
of queries however many subscriptions exist:

1. the signal with its themes (2 queries),
2. the matching subscriptions of chain professionals, in one query: every criterion that is
   set must equal the signal's (a theme matches when it is one of the signal's themes);
   the search text is then compared in memory like the signal list's search (the text
   occurs in the title or the description, case-insensitively),
3. ``notifications.subscriptions.deliver_chosen`` (about five queries).

Visibility: a subscriber only hears about signals ``Signal.objects.visible_to`` shows them.
Chain professionals see every signal; anyone else only their own, and the submitter is never
told about their own signal, so only chain professionals are matched
(``accounts.roles.chain_professionals``, the set-based form of the same rule).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.roles import chain_professionals
from notifications import outbox
from notifications.models import Subscription
from notifications.subscriptions import deliver_chosen, strongest

from .models import Signal

FANOUT_HANDLER = "signals.subscription_fanout"
VERB = "subscription-signal"
OUTCOME_EVENTS = ("resolve", "decline")


def queue_fanout(signal: Signal, event: str = "created", event_id=None) -> None:
    """Record the fan-out in the caller's transaction (runs after commit).

    ``event`` is ``created`` (submission) or an outcome (``resolve``, ``decline``).
    """
    suffix = f"{event}:{event_id}" if event_id else event
    outbox.enqueue(
        FANOUT_HANDLER,
        {"signal_id": signal.pk, "event": event, "event_id": event_id},
        dedupe_key=f"subscriptions:signal:{signal.pk}:{suffix}",
    )


def _title(event: str) -> str:
    if event == "resolve":
        return _("Uitkomst bij een signaal uit uw volgopdracht: %(title)s")
    if event == "decline":
        return _("Afgewezen, een signaal uit uw volgopdracht: %(title)s")
    return _("Nieuw signaal in uw volgopdracht: %(title)s")


def _either(field: str, value) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(**{field: value})


def matching_subscriptions(signal: Signal, theme_ids) -> list[Subscription]:
    """Subscriptions of active chain professionals that match ``signal`` (one query)."""
    audience = chain_professionals(get_user_model().objects.filter(is_active=True))
    theme = Q(theme__isnull=True) | Q(theme_id__in=list(theme_ids))
    candidates = (
        Subscription.objects.filter(
            theme,
            _either("region_id", signal.region_id),
            _either("phase_id", signal.phase_id),
            _either("organisation_id", signal.organisation_id),
            user__in=audience.values("pk"),
        )
        .exclude(user_id=signal.submitted_by_id or 0)
        .only("pk", "user_id", "query", "frequency")
    )
    haystack = (signal.title.casefold(), signal.description.casefold())
    return [
        sub
        for sub in candidates
        if not sub.query or any(sub.query.casefold() in text for text in haystack)
    ]


def recipients_for(signal: Signal, theme_ids) -> dict[int, str]:
    """Person -> the frequency to use (the most frequent of their matching subscriptions)."""
    chosen: dict[int, list[str]] = {}
    for sub in matching_subscriptions(signal, theme_ids):
        chosen.setdefault(sub.user_id, []).append(sub.frequency)
    return {user_id: strongest(freqs) for user_id, freqs in chosen.items()}


def fan_out(signal_id: int, event: str = "created", event_id=None) -> int:
    """Notify the subscribers of a new signal or of its outcome. Returns how many people.

    For an outcome, people who already hear about it as submitter, supporter or follower
    of the signal are left out (one message per person).
    """
    signal = Signal.objects.filter(pk=signal_id).first()
    if signal is None:
        return 0
    theme_ids = list(signal.themes.values_list("pk", flat=True))
    frequencies = recipients_for(signal, theme_ids)
    body = signal.description
    if event in OUTCOME_EVENTS:
        from .services.common import interested_in_signal

        for user_id in interested_in_signal(signal) if frequencies else ():
            frequencies.pop(user_id, None)
        body = signal.outcome or body
    content = {
        "verb": VERB,
        "title": _title(event) % {"title": signal.title[:160]},
        "url": signal.get_absolute_url(),
        "body": body[:500],
        "event_key": f"subscription:signal:{signal.pk}:{event}"
        + (f":{event_id}" if event_id else ""),
    }
    return deliver_chosen(frequencies, content)


@outbox.handler(FANOUT_HANDLER)
def _handle(payload: dict) -> None:
    fan_out(payload["signal_id"], payload.get("event", "created"), payload.get("event_id"))
