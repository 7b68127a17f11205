"""Roles and permissions of a signed-in user come from the cache, and a change of role or
permission takes effect on the very next request."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import roles
from accounts.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_cache")]


def _fresh(user):
    return User.objects.get(pk=user.pk)  # as every request loads the user anew


def _auth_queries(user):
    with CaptureQueriesContext(connection) as ctx:
        found = roles.user_roles(user), user.has_perm("taxonomy.add_theme")
    return found, [q["sql"] for q in ctx.captured_queries]


def test_roles_and_permissions_are_read_once_then_cached(make_user):
    user = make_user(role=roles.REDACTEUR)
    first, queries = _auth_queries(_fresh(user))
    assert first == ({roles.REDACTEUR}, True)
    assert len(queries) == 3  # groups, direct permissions, group permissions
    again, queries = _auth_queries(_fresh(user))
    assert again == first
    assert queries == []


def test_a_revoked_role_takes_effect_at_once(make_user):
    user = make_user(role=roles.REDACTEUR)
    _auth_queries(_fresh(user))  # cached
    roles.revoke_role(user, roles.REDACTEUR)
    found, _queries = _auth_queries(_fresh(user))
    assert found == (set(), False)


def test_a_granted_role_and_a_group_permission_take_effect_at_once(make_user):
    user = make_user(role=roles.PROFESSIONAL)
    assert _auth_queries(_fresh(user))[0] == ({roles.PROFESSIONAL}, False)
    group = Group.objects.get(name=roles.ROLES[roles.PROFESSIONAL].group_name)
    group.permissions.add(Permission.objects.get(codename="add_theme"))
    assert _auth_queries(_fresh(user))[0] == ({roles.PROFESSIONAL}, True)
    roles.assign_role(user, roles.REDACTEUR)
    assert _auth_queries(_fresh(user))[0][0] == {roles.PROFESSIONAL, roles.REDACTEUR}


def test_deactivated_or_superuser_flags_are_never_taken_from_the_cache(make_user):
    user = make_user(role=roles.REDACTEUR)
    _auth_queries(_fresh(user))
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert _fresh(user).has_perm("taxonomy.add_theme") is False
    User.objects.filter(pk=user.pk).update(is_active=True, is_superuser=True)
    assert roles.BEHEERDER in roles.user_roles(_fresh(user))


def test_signed_in_page_makes_no_role_or_permission_query(client_for):
    client, _user = client_for(roles.PROFESSIONAL)
    client.get("/signalen/")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/signalen/")
    assert response.status_code == 200
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "auth_group" not in sql and "auth_permission" not in sql


def test_a_process_local_cache_is_not_used_for_roles(make_user, settings):
    """Without Redis each process has its own cache: a role revoked through one process would
    live on in the others, so roles are read from the database every time."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    user = make_user(role=roles.REDACTEUR)
    _auth_queries(_fresh(user))
    found, queries = _auth_queries(_fresh(user))
    assert found == ({roles.REDACTEUR}, True)
    assert len(queries) == 3
