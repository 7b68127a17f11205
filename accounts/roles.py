"""Roles as data.

Every role is a Django group. Its permissions are declared here and in a
``roles.py`` module of any other app (``ROLE_PERMISSIONS = {role: [perm, ...]}``),
so an app brings its own rules without editing this file. The groups are created
by a data migration; permissions are (re)assigned after every ``migrate`` because
the permissions of later apps only exist then. The sync is idempotent and only
adds what the declarations list: permissions an administrator granted by hand
stay in place.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from django.apps import apps as global_apps
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

PROFESSIONAL = "professional"
REDACTEUR = "redacteur"
COORDINATOR_UITVOERING = "coordinator_uitvoering"
COORDINATOR_SCHAKEL = "coordinator_schakel"
COORDINATOR_STELSEL = "coordinator_stelsel"
KETENPARTNER = "ketenpartner"
INBURGERAAR = "inburgeraar"
BEHEERDER = "beheerder"
ORGANISATIEBEHEERDER = "organisatiebeheerder"

COORDINATOR_ROLES = (COORDINATOR_UITVOERING, COORDINATOR_SCHAKEL, COORDINATOR_STELSEL)

# The chain professionals: every role of the keten, i.e. all but the inburgeraar. They read
# signals in full and restricted knowledge. The staff flag (Django admin access) is not a
# role and grants none of this; a superuser counts as beheerder (see ``user_roles``).
CHAIN_ROLES = frozenset({PROFESSIONAL, REDACTEUR, KETENPARTNER, BEHEERDER, *COORDINATOR_ROLES})


@dataclass(frozen=True)
class Role:
    key: str
    group_name: str
    label: str
    description: str
    self_service: bool = (
        False  # may be obtained by registering; others are granted by an administrator
    )


ROLES: dict[str, Role] = {
    role.key: role
    for role in [
        Role(
            PROFESSIONAL,
            "Professional",
            _("Professional"),
            _(
                "Medewerker in de uitvoering: meldt signalen, zoekt kennis, neemt deel aan communities."
            ),
            True,
        ),
        Role(
            REDACTEUR,
            "Redacteur",
            _("Redacteur"),
            _("Divosa-redacteur: beheert handreikingen, vraag en antwoord, thema's en moderatie."),
        ),
        Role(
            COORDINATOR_UITVOERING,
            "Coördinator uitvoeringsniveau",
            _("Coördinator uitvoeringsniveau"),
            _("Behandelt signalen op uitvoeringsniveau."),
        ),
        Role(
            COORDINATOR_SCHAKEL,
            "Coördinator schakelniveau",
            _("Coördinator schakelniveau"),
            _("Behandelt en bundelt signalen op schakelniveau."),
        ),
        Role(
            COORDINATOR_STELSEL,
            "Coördinator stelselniveau",
            _("Coördinator stelselniveau"),
            _("Besluit over signalen en dossiers op stelselniveau."),
        ),
        Role(
            KETENPARTNER,
            "Ketenpartner",
            _("Ketenpartner"),
            _(
                "Medewerker van een ketenpartner: zoekt kennis en volgt signalen die de eigen organisatie raken."
            ),
        ),
        Role(
            INBURGERAAR,
            "Inburgeraar",
            _("Inburgeraar"),
            _("Lid van het platform van inburgeraars: geeft feedback in eenvoudige taal."),
        ),
        Role(
            BEHEERDER,
            "Beheerder",
            _("Beheerder"),
            _("Beheert gebruikers, rollen en de instellingen van de site."),
        ),
        Role(
            ORGANISATIEBEHEERDER,
            "Organisatiebeheerder",
            _("Organisatiebeheerder"),
            _(
                "Ziet de leden van de eigen organisatie, zet hun account uit en vraagt "
                "rolwijzigingen aan."
            ),
        ),
    ]
}

_TAXONOMY_MODELS = ("theme", "phase", "region", "organisation")

ROLE_PERMISSIONS: dict[str, list[str]] = {
    REDACTEUR: [
        "wagtailadmin.access_admin",
        *[
            f"taxonomy.{action}_{model}"
            for model in _TAXONOMY_MODELS
            for action in ("add", "change", "delete", "view")
        ],
        "taggit.add_tag",
        "taggit.change_tag",
        "taggit.view_tag",
    ],
    COORDINATOR_UITVOERING: [
        "wagtailadmin.access_admin",
        *[f"taxonomy.view_{m}" for m in _TAXONOMY_MODELS],
    ],
    COORDINATOR_SCHAKEL: [
        "wagtailadmin.access_admin",
        *[f"taxonomy.view_{m}" for m in _TAXONOMY_MODELS],
    ],
    COORDINATOR_STELSEL: [
        "wagtailadmin.access_admin",
        *[f"taxonomy.view_{m}" for m in _TAXONOMY_MODELS],
    ],
    BEHEERDER: [
        "wagtailadmin.access_admin",
        *[f"accounts.{action}_user" for action in ("add", "change", "delete", "view")],
        *[f"auth.{action}_group" for action in ("add", "change", "delete", "view")],
        *[
            f"taxonomy.{action}_{model}"
            for model in _TAXONOMY_MODELS
            for action in ("add", "change", "delete", "view")
        ],
        "wagtailcore.add_site",
        "wagtailcore.change_site",
        "website.change_sitesettings",
        *[
            f"accounts.{action}_{model}"
            for model in ("claimrolemapping", "passwordlogindisableddomain", "rolechangerequest")
            for action in ("add", "change", "delete", "view")
        ],
        "accounts.view_accountremoval",
        "accounts.view_loginevent",
    ],
    PROFESSIONAL: [],
    KETENPARTNER: [],
    INBURGERAAR: [],
    ORGANISATIEBEHEERDER: [],
}

# Page and collection permissions (Wagtail) on the whole tree, per role.
PAGE_PERMISSIONS: dict[str, list[str]] = {
    REDACTEUR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    BEHEERDER: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ],
}
COLLECTION_PERMISSIONS: dict[str, list[str]] = {
    REDACTEUR: [
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
    ],
    BEHEERDER: [
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
        "wagtaildocs.choose_document",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtailimages.choose_image",
    ],
}


def declared_permissions() -> dict[str, set[str]]:
    """Merge ROLE_PERMISSIONS of this module and of every installed app's ``roles`` module."""
    merged = {key: set(perms) for key, perms in ROLE_PERMISSIONS.items()}
    for app_config in global_apps.get_app_configs():
        if app_config.name == "accounts":
            continue
        try:
            module = importlib.import_module(f"{app_config.name}.roles")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app_config.name}.roles":
                raise
            continue
        for key, perms in getattr(module, "ROLE_PERMISSIONS", {}).items():
            merged.setdefault(key, set()).update(perms)
    return merged


def create_groups(apps=None):
    Group = (apps or global_apps).get_model("auth", "Group")
    for role in ROLES.values():
        Group.objects.get_or_create(name=role.group_name)


def sync_roles(verbosity: int = 0) -> None:
    """Create every role's group and grant the declared permissions (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    create_groups()
    for key, perms in declared_permissions().items():
        group = Group.objects.get(name=ROLES[key].group_name)
        present = set(group.permissions.values_list("pk", flat=True))
        missing = [perm for perm in _resolve(Permission, perms) if perm.pk not in present]
        if missing:
            group.permissions.add(*missing)
    _sync_wagtail_permissions()


def _resolve(Permission, dotted: set[str]):
    found = []
    for name in sorted(dotted):
        app_label, codename = name.split(".", 1)
        perm = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if perm is not None:
            found.append(perm)
    return found


def _sync_wagtail_permissions():
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for key, codenames in PAGE_PERMISSIONS.items():
        group = Group.objects.get(name=ROLES[key].group_name)
        if root_page is None:
            break
        for codename in codenames:
            perm = Permission.objects.filter(
                content_type__app_label="wagtailcore", codename=codename
            ).first()
            if perm:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=perm
                )
    for key, perms in COLLECTION_PERMISSIONS.items():
        group = Group.objects.get(name=ROLES[key].group_name)
        if root_collection is None:
            break
        for perm in _resolve(Permission, set(perms)):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=perm
            )


def sync_roles_after_migrate(sender, using="default", verbosity=1, **kwargs):
    """post_migrate receiver: runs once per migrate, after all apps' permissions exist."""
    if sender.name != "accounts":
        return
    from django.contrib.auth.management import create_permissions

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    sync_roles(verbosity)


def user_roles(user) -> set[str]:
    """The role keys of a user, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_role_cache", None)
    if cached is None:
        from .permission_cache import cached_for_user

        by_group = {role.group_name: key for key, role in ROLES.items()}
        names = cached_for_user(
            user, "groups", lambda: frozenset(user.groups.values_list("name", flat=True))
        )
        cached = {by_group[name] for name in names if name in by_group}
        if user.is_superuser:
            cached.add(BEHEERDER)
        user._role_cache = cached
    return cached


def is_chain_professional(user) -> bool:
    """The one definition of a chain professional, used by signals, knowledge and search."""
    return bool(user_roles(user) & CHAIN_ROLES)


def chain_professionals(users):
    """``users`` (a User queryset) narrowed to chain professionals: the set-based form of
    ``is_chain_professional`` (same roles; superusers count as beheerder)."""
    names = [ROLES[key].group_name for key in CHAIN_ROLES]
    return users.filter(Q(groups__name__in=names) | Q(is_superuser=True)).distinct()


def assign_role(user, role_key: str) -> None:
    from django.contrib.auth.models import Group

    group, _ = Group.objects.get_or_create(name=ROLES[role_key].group_name)
    user.groups.add(group)
    if hasattr(user, "_role_cache"):
        del user._role_cache


def revoke_role(user, role_key: str) -> None:
    from django.contrib.auth.models import Group

    group = Group.objects.filter(name=ROLES[role_key].group_name).first()
    if group is not None:
        user.groups.remove(group)
    if hasattr(user, "_role_cache"):
        del user._role_cache
