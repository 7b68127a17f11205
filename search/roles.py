"""Permissions of the search app per role (merged by accounts.roles)."""

from accounts import roles

_EDIT = [
    f"search.{action}_{model}"
    for model in ("synonym", "promotedresult")
    for action in ("add", "change", "delete", "view")
]

ROLE_PERMISSIONS = {
    roles.REDACTEUR: [*_EDIT, "search.view_searchquery"],
    roles.BEHEERDER: [*_EDIT, "search.view_searchquery"],
}
