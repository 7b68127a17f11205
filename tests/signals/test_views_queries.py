"""Signal pages keep a constant number of SQL queries however many rows they list."""

import pytest
from django.test import Client

from accounts import roles
from signals import services
from signals.models import SignalEvent
from signals.workflow import Level

pytestmark = pytest.mark.django_db


def _many(n, submit, coordinators):
    from taxonomy.models import Theme

    themes = list(Theme.objects.all()[:3])
    for i in range(n):
        signal = submit(title=f"Signaal nummer {i}", themes=themes)
        services.support(signal, coordinators[Level.SCHAKEL])
        services.add_followup(signal, coordinators[Level.UITVOERING], f"Update {i}", True)
        services.apply_action(signal, "publish", coordinators[Level.UITVOERING], "Publiek")


@pytest.mark.parametrize(
    ("role", "url"),
    [
        (roles.COORDINATOR_UITVOERING, "/werkbank/"),
        (roles.COORDINATOR_UITVOERING, "/werkbank/?afgesloten=1&sort=deadline"),
        (roles.PROFESSIONAL, "/signalen/"),
        (roles.PROFESSIONAL, "/mijn-signalen/"),
        (roles.PROFESSIONAL, "/dossiers/"),
        (None, "/signalen/opvolging/"),
    ],
)
def test_lists_use_a_constant_number_of_queries(
    role, url, client_for, submit, coordinators, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_ENABLED = False  # count the work behind a cache miss
    client = client_for(role)[0] if role else Client()
    _many(2, submit, coordinators)
    client.get(url)  # warm caches (site root, settings)
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).status_code == 200
    _many(12, submit, coordinators)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("role", "path"),
    [
        (roles.PROFESSIONAL, "/signalen/{pk}/"),
        (roles.COORDINATOR_UITVOERING, "/werkbank/signalen/{pk}/"),
        (None, "/signalen/opvolging/signaal/{pk}/"),
    ],
)
def test_detail_pages_use_a_constant_number_of_queries(
    role, path, client_for, submit, coordinators, make_user, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_ENABLED = False  # count the work behind a cache miss
    client = client_for(role)[0] if role else Client()
    coordinator = coordinators[Level.UITVOERING]
    signal = submit()
    services.apply_action(signal, "publish", coordinator, "Publiek")
    url = path.format(pk=signal.pk)
    client.get(url)
    with django_assert_max_num_queries(60) as few:
        assert client.get(url).status_code == 200
    budget = len(few.captured_queries)
    for i in range(8):
        services.support(signal, make_user(role=roles.PROFESSIONAL))
        services.add_followup(signal, coordinator, f"Update {i}", True)
        services.add_note(signal, coordinator, f"Notitie {i}")
    assert SignalEvent.objects.filter(signal=signal).count() > 8
    client.get(url)  # the new users' roles bumped the role cache: warm it again
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


def _mine_data(n, user, submit, dossier_coordinator):
    for i in range(n):
        services.create_signal(submitted_by=user, title=f"Eigen signaal {i}", description="Tekst")
        other = submit(title=f"Ander signaal {i}")
        services.support(other, user)
        services.follow(submit(title=f"Gevolgd signaal {i}"), user)
    services.follow(services.create_dossier(title=f"Dossier {n}", actor=dossier_coordinator), user)


def test_mijn_signalen_is_paged_per_list(client_for, submit, coordinators):
    from signals.views import MINE_PAGE_SIZE

    client, user = client_for(roles.PROFESSIONAL)
    _mine_data(MINE_PAGE_SIZE + 3, user, submit, coordinators[Level.UITVOERING])
    html = client.get("/mijn-signalen/").content.decode()
    newest, oldest = f"Eigen signaal {MINE_PAGE_SIZE + 2}<", "Eigen signaal 0<"
    assert newest in html and oldest not in html
    assert html.count('<nav class="utrecht-pagination"') == 3  # one dossier: no pager
    assert 'aria-label="Paginering ingediende signalen"' in html
    assert 'href="?ingediend=2#ingediend"' in html and 'href="?herkend=2#herkend"' in html
    page2 = client.get("/mijn-signalen/", {"ingediend": "2"}).content.decode()
    assert oldest in page2 and newest not in page2
    assert "Ander signaal 0<" not in page2  # the other lists stay on their first page
    assert 'href="?ingediend=1#ingediend"' in page2
    # Nonsense page numbers show a page, never an error.
    for bad in ("0", "-1", "999", "x", "1e9", "\x00"):
        assert client.get("/mijn-signalen/", {"gevolgd": bad}).status_code == 200


def test_mijn_signalen_uses_a_constant_number_of_queries(
    client_for, submit, coordinators, django_assert_max_num_queries
):
    client, user = client_for(roles.PROFESSIONAL)
    _mine_data(2, user, submit, coordinators[Level.UITVOERING])
    client.get("/mijn-signalen/")  # warm caches (site root, settings)
    with django_assert_max_num_queries(40) as few:
        assert client.get("/mijn-signalen/").status_code == 200
    _mine_data(30, user, submit, coordinators[Level.UITVOERING])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/mijn-signalen/", {"ingediend": "2", "gevolgd": "2"})
    assert response.status_code == 200
