"""Who may see and moderate inburgeraar feedback.

Access is by role, not by Django model permissions: feedback has no admin CRUD at
all (it is never edited, only moderated through ``feedback.services``), so no
permissions are granted here. The coordinators of all three levels moderate.
"""

from accounts.roles import COORDINATOR_ROLES

MODERATOR_ROLES = COORDINATOR_ROLES

ROLE_PERMISSIONS: dict[str, list[str]] = {}


def can_moderate(user) -> bool:
    """True for signed-in coordinators (uitvoering, schakel or stelsel)."""
    return bool(getattr(user, "is_authenticated", False)) and user.has_role(*MODERATOR_ROLES)
