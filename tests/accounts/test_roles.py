import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page

from accounts import roles

pytestmark = pytest.mark.django_db


def test_every_role_exists_as_a_group_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))
    assert {role.group_name for role in roles.ROLES.values()} <= names
    assert len(roles.ROLES) == 9


@pytest.mark.parametrize(
    "role, allowed, denied",
    [
        (
            roles.REDACTEUR,
            ["wagtailadmin.access_admin", "taxonomy.add_theme", "taxonomy.change_organisation"],
            ["accounts.add_user", "auth.change_group"],
        ),
        (
            roles.BEHEERDER,
            [
                "accounts.add_user",
                "accounts.change_user",
                "auth.change_group",
                "website.change_sitesettings",
            ],
            [],
        ),
        (
            roles.COORDINATOR_SCHAKEL,
            ["wagtailadmin.access_admin", "taxonomy.view_theme"],
            ["taxonomy.delete_theme"],
        ),
        (roles.PROFESSIONAL, [], ["wagtailadmin.access_admin", "taxonomy.add_theme"]),
        (roles.INBURGERAAR, [], ["wagtailadmin.access_admin"]),
        (roles.KETENPARTNER, [], ["taxonomy.add_theme", "accounts.add_user"]),
    ],
)
def test_role_permissions(make_user, role, allowed, denied):
    user = make_user(role=role)
    for perm in allowed:
        assert user.has_perm(perm), f"{role} should have {perm}"
    for perm in denied:
        assert not user.has_perm(perm), f"{role} should not have {perm}"


def test_editors_may_publish_pages_in_the_whole_tree():
    group = Group.objects.get(name=roles.ROLES[roles.REDACTEUR].group_name)
    root = Page.get_first_root_node()
    codenames = set(
        GroupPagePermission.objects.filter(group=group, page=root).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page"} <= codenames
    professional = Group.objects.get(name=roles.ROLES[roles.PROFESSIONAL].group_name)
    assert not GroupPagePermission.objects.filter(group=professional).exists()


def test_role_sync_is_idempotent_and_keeps_manual_grants():
    from django.contrib.auth.models import Permission

    group = Group.objects.get(name=roles.ROLES[roles.KETENPARTNER].group_name)
    extra = Permission.objects.get(codename="view_region")
    group.permissions.add(extra)
    before = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    roles.sync_roles()
    roles.sync_roles()
    after = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    assert before == after
    assert extra.pk in after[group.name]


def test_user_roles_are_read_once_per_user(make_user, django_assert_num_queries):
    user = make_user(role=[roles.PROFESSIONAL, roles.COORDINATOR_UITVOERING])
    user = type(user).objects.get(pk=user.pk)
    with django_assert_num_queries(1):
        assert user.has_role(roles.COORDINATOR_UITVOERING)
        assert user.has_role(roles.PROFESSIONAL)
        assert not user.has_role(roles.REDACTEUR)


def test_wagtail_admin_access_follows_the_role(client, make_user):
    editor = make_user(role=roles.REDACTEUR)
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    client.logout()
    client.force_login(make_user(role=roles.PROFESSIONAL))
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
