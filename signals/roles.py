"""Model permissions per role for the signals app (merged by ``accounts.roles``).

The workflow rules themselves (who may take which action) live in ``signals.workflow``;
these permissions only open the read-only admin views.
"""

from accounts import roles

_VIEW = [
    "signals.view_signal",
    "signals.view_dossier",
    "signals.view_signalevent",
]

_ROUTING = [
    f"signals.{action}_{model}"
    for model in ("team", "routingrule", "servicelevel")
    for action in ("add", "change", "delete", "view")
]

_TEMPLATES = [f"signals.{action}_replytemplate" for action in ("add", "change", "delete", "view")]

ROLE_PERMISSIONS = {
    roles.COORDINATOR_UITVOERING: [*_VIEW, *_TEMPLATES],
    roles.COORDINATOR_SCHAKEL: [*_VIEW, *_TEMPLATES],
    roles.COORDINATOR_STELSEL: [*_VIEW, *_TEMPLATES],
    roles.BEHEERDER: [*_VIEW, *_ROUTING, *_TEMPLATES],
}
