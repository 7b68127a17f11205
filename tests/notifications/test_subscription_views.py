"""Mijn volgopdrachten (page and API): list, add, change frequency, remove; only one's own."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts import roles
from notifications import subscriptions as subs
from notifications.models import Subscription
from taxonomy.factories import RegionFactory, ThemeFactory

pytestmark = pytest.mark.django_db

PAGE = "/meldingen/volgopdrachten/"
API = "/api/v1/subscriptions/"


@pytest.fixture
def theme():
    return ThemeFactory(name="Volgthema pagina")


def test_add_change_and_remove_a_subscription_on_the_page(client_for, theme):
    client, user = client_for(roles.KETENPARTNER)
    page = client.get(f"{PAGE}?theme={theme.pk}")
    assert page.status_code == 200
    assert f'<option value="{theme.pk}" selected>' in page.content.decode()

    response = client.post(PAGE, {"theme": theme.pk, "frequency": "weekly"}, follow=True)
    assert "Uw volgopdracht is opgeslagen." in response.content.decode()
    [sub] = Subscription.objects.filter(user=user)
    assert (sub.theme, sub.frequency) == (theme, "weekly")
    assert theme.name in response.content.decode()

    client.post(
        reverse("notifications:subscription_change", args=[sub.pk]), {"frequency": "immediate"}
    )
    sub.refresh_from_db()
    assert sub.frequency == "immediate"

    client.post(reverse("notifications:subscription_delete", args=[sub.pk]))
    assert not Subscription.objects.filter(user=user).exists()


def test_bad_input_gets_a_friendly_error_and_keeps_what_was_typed(client_for):
    client, user = client_for(roles.PROFESSIONAL)
    response = client.post(PAGE, {"frequency": "daily"})
    assert response.status_code == 200
    assert "Kies minstens een thema" in response.content.decode()
    response = client.post(PAGE, {"q": "overdracht", "frequency": "elk uur"})
    assert response.status_code == 200
    assert 'value="overdracht"' in response.content.decode()
    response = client.post(PAGE, {"q": "mail jan@example.org", "frequency": "daily"})
    assert response.status_code == 200
    assert not Subscription.objects.filter(user=user).exists()
    sub = subs.subscribe(user, query="overdracht")
    response = client.post(
        reverse("notifications:subscription_change", args=[sub.pk]), {"frequency": "nooit"}
    )
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.frequency == "daily"


def test_saving_the_signal_list_filter_as_a_subscription(client_for, theme):
    client, user = client_for(roles.PROFESSIONAL)
    region = RegionFactory(name="Volgregio lijst")
    listing = client.get(f"/signalen/?q=driegesprek&theme={theme.pk}&region={region.pk}")
    html = listing.content.decode()
    assert "Bewaar als volgopdracht" in html
    assert client.get("/signalen/").content.decode().count("Bewaar als volgopdracht") == 0
    back = f"/signalen/?q=driegesprek&theme={theme.pk}&region={region.pk}"
    response = client.post(
        PAGE,
        {"q": "driegesprek", "theme": theme.pk, "region": region.pk, "frequency": "daily",
         "next": back},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == back
    [sub] = Subscription.objects.filter(user=user)
    assert (sub.query, sub.theme, sub.region) == ("driegesprek", theme, region)


def test_the_theme_page_offers_to_follow_the_theme_to_signed_in_people(client_for, theme, client):
    url = reverse("knowledge:theme", args=[theme.slug])
    assert "Volg nieuwe signalen" not in client.get(url).content.decode()
    signed_in, _user = client_for(roles.PROFESSIONAL)
    assert f"{PAGE}?theme={theme.pk}" in signed_in.get(url).content.decode()


def test_nobody_changes_or_removes_someone_elses_subscription(client_for, make_user):
    other = subs.subscribe(make_user(role=roles.PROFESSIONAL), query="overdracht")
    client, _user = client_for(roles.COORDINATOR_SCHAKEL)
    change = reverse("notifications:subscription_change", args=[other.pk])
    delete = reverse("notifications:subscription_delete", args=[other.pk])
    assert client.post(change, {"frequency": "weekly"}).status_code == 404
    assert client.post(delete).status_code == 404
    assert "overdracht" not in client.get(PAGE).content.decode()
    assert Subscription.objects.filter(pk=other.pk, frequency="daily").exists()


def test_posts_without_a_csrf_token_are_refused(make_user):
    user = make_user(role=roles.PROFESSIONAL)
    sub = subs.subscribe(user, query="overdracht")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(PAGE, {"q": "toets", "frequency": "daily"}).status_code == 403
    delete = reverse("notifications:subscription_delete", args=[sub.pk])
    assert client.post(delete).status_code == 403
    assert Subscription.objects.filter(user=user).count() == 1


def test_newcomers_cannot_follow_signals(client_for):
    client, _user = client_for(roles.INBURGERAAR)
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"q": "toets", "frequency": "daily"}).status_code == 403
    assert client.get(API).status_code == 403


def test_api_lists_creates_changes_and_deletes_only_ones_own(client_for, theme, make_user):
    client, user = client_for(roles.KETENPARTNER)
    other = subs.subscribe(make_user(role=roles.PROFESSIONAL), query="overdracht")
    created = client.post(API, {"theme": theme.pk, "frequency": "immediate"}, "application/json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["label"] == theme.name
    listing = client.get(API).json()
    assert [row["id"] for row in listing["results"]] == [pk]
    changed = client.patch(f"{API}{pk}/", {"frequency": "weekly"}, "application/json")
    assert changed.status_code == 200 and changed.json()["frequency"] == "weekly"
    assert client.get(f"{API}{other.pk}/").status_code == 404
    assert (
        client.patch(f"{API}{other.pk}/", {"frequency": "weekly"}, "application/json").status_code
        == 404
    )
    assert client.delete(f"{API}{other.pk}/").status_code == 404
    bad = client.post(API, {"frequency": "daily"}, "application/json")
    assert bad.status_code == 400 and "Kies minstens" in bad.content.decode()
    bad = client.patch(f"{API}{pk}/", {"frequency": "soms"}, "application/json")
    assert bad.status_code == 400
    assert client.delete(f"{API}{pk}/").status_code == 204
    assert list(Subscription.objects.values_list("pk", flat=True)) == [other.pk]


def test_the_subscription_list_costs_the_same_queries_for_1_or_20(
    client_for, django_assert_max_num_queries
):
    client, user = client_for(roles.PROFESSIONAL)
    subs.subscribe(user, theme=ThemeFactory())
    client.get(PAGE)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(PAGE)
    for _i in range(19):
        subs.subscribe(user, theme=ThemeFactory(), region=RegionFactory())
    with CaptureQueriesContext(connection) as many:
        assert client.get(PAGE).status_code == 200
    assert len(many.captured_queries) == len(one.captured_queries)
