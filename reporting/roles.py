"""Who may see which reporting page (and the model permissions per role, merged by accounts.roles).

Scopes
------
A *scope* is what a dashboard or quarterly report covers: ``"alle"`` (all levels together,
the overall dashboard) or one level (``"uitvoering"``, ``"schakel"``, ``"stelsel"``).
A level's figures cover the signals whose *current* level is that level: the ones in its
queue and the ones decided there (a signal keeps its level after the outcome).

Who sees what
-------------
- Coördinator stelselniveau: every scope (stelselniveau oversees the whole stelsel).
- Redacteur and beheerder: every scope (they run the platform and curate the indicators).
- Coördinator schakelniveau / uitvoeringsniveau: only the scope of their own level. A
  person holding several coordinator roles sees each of those levels.
- Ketenpartner: the overall dashboard and report (read-only), no per-level pages: the
  partners follow the stelsel as a whole and decide nothing in the queues.
- Professional, inburgeraar, anonymous: no dashboards; they see the public page
  (``/rapportage/publiek/``), which counts only published signals and dossiers and hides
  small groups.

Ketenindicatoren: editors (redacteur) and beheerders define indicators and enter or
import their values (Wagtail snippets and the CSV upload form). The phase pages show
indicators to every signed-in user; the signals and dossiers listed there go through
``Signal.objects.visible_to(user)`` / ``Dossier.objects.visible_to(user)``.
"""

from __future__ import annotations

from accounts import roles

OVERALL = "alle"
LEVELS = ("uitvoering", "schakel", "stelsel")
SCOPES = (OVERALL, *LEVELS)

_LEVEL_ROLE = {
    "uitvoering": roles.COORDINATOR_UITVOERING,
    "schakel": roles.COORDINATOR_SCHAKEL,
    "stelsel": roles.COORDINATOR_STELSEL,
}
_ALL_SCOPES_ROLES = (roles.COORDINATOR_STELSEL, roles.REDACTEUR, roles.BEHEERDER)
_OVERALL_ROLES = (*_ALL_SCOPES_ROLES, roles.KETENPARTNER)
_INDICATOR_EDITORS = (roles.REDACTEUR, roles.BEHEERDER)


def _has(user, *keys) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_role(*keys))


def dashboard_scopes(user) -> list[str]:
    """The scopes ``user`` may see, in display order (empty: only the public page)."""
    if not getattr(user, "is_authenticated", False):
        return []
    if _has(user, *_ALL_SCOPES_ROLES):
        return list(SCOPES)
    scopes = [OVERALL] if _has(user, *_OVERALL_ROLES) else []
    scopes += [level for level in LEVELS if _has(user, _LEVEL_ROLE[level])]
    return scopes


def can_see_scope(user, scope: str) -> bool:
    return scope in dashboard_scopes(user)


def can_edit_indicators(user) -> bool:
    return _has(user, *_INDICATOR_EDITORS)


_INDICATOR_PERMS = [
    f"reporting.{action}_{model}"
    for model in ("indicator", "indicatorvalue")
    for action in ("add", "change", "delete", "view")
]

ROLE_PERMISSIONS = {
    roles.REDACTEUR: _INDICATOR_PERMS,
    roles.BEHEERDER: [*_INDICATOR_PERMS, "reporting.view_quarterlyreport"],
    roles.COORDINATOR_STELSEL: ["reporting.view_quarterlyreport"],
}
