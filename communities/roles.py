"""Permissions per role for communities (merged by ``accounts.roles``).

Facilitator and member are roles *within* a community (``Membership.role``), not groups.
Editors manage the community pages (public descriptions) through Wagtail's page
permissions; they do not read community content unless they are members.
"""

from accounts.roles import BEHEERDER, REDACTEUR

_MODELS = ("membership", "invitation", "postreport", "moderationlog")

ROLE_PERMISSIONS = {
    REDACTEUR: [
        "wagtailadmin.access_admin",
        "communities.view_membership",
    ],
    BEHEERDER: [
        *[f"communities.view_{model}" for model in _MODELS],
        "communities.change_membership",
    ],
}
