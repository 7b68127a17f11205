"""Nobody sees (or counts, or gets suggested) what they may not read."""

import pytest
from django.test import Client

from accounts import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(corpus, make_user):
    member = make_user(role=roles.PROFESSIONAL)
    corpus.members[7] = {member.pk}
    corpus.add(
        "open",
        title="Overdracht openbaar antwoord",
        summary="Iedereen mag dit lezen.",
        themes=["Overdracht COA-gemeente"],
    )
    corpus.add(
        "keten",
        title="Overdracht interne werkinstructie",
        summary="Alleen voor de keten.",
        access=["chain"],
        themes=["Werkinstructie"],
    )
    corpus.add(
        "gesloten",
        kind="thread",
        title="Overdracht knelpunt Zwolle xylofoonregeling",
        summary="Besloten community.",
        access=["community:7"],
        themes=["Geheim thema"],
        url="/communities/7/draad/1/",
    )
    corpus.add(
        "concept",
        kind="signal",
        title="Overdracht conceptsignaal",
        summary="Nog niet gepubliceerd.",
        access=["user:999999"],
        level="Uitvoeringsniveau",
        status="Concept",
        url="/signalen/1/",
    )
    from search import indexing

    indexing.rebuild_vocabulary()
    return member


def _api(client, q, **params):
    return client.get("/api/v1/search/", {"q": q, **params}).json()


def test_anonymous_sees_only_public_items_and_counts(client, mixed):
    data = _api(client, "overdracht")
    assert [r["title"] for r in data["results"]] == ["Overdracht openbaar antwoord"]
    assert data["count"] == 1
    themes = {v["value"] for v in data["facets"]["theme"]}
    assert themes == {"Overdracht COA-gemeente"}
    assert "level" not in data["facets"] and "status" not in data["facets"]
    html = client.get("/zoeken/", {"q": "overdracht"}).content.decode()
    assert "interne werkinstructie" not in html and "Geheim thema" not in html


def test_chain_professional_sees_restricted_knowledge_but_not_closed_community(client_for, mixed):
    client, _user = client_for(roles.KETENPARTNER)
    titles = {r["title"] for r in _api(client, "overdracht")["results"]}
    assert titles == {"Overdracht openbaar antwoord", "Overdracht interne werkinstructie"}


def test_community_member_sees_the_closed_thread(mixed):
    client = Client()
    client.force_login(mixed)
    data = _api(client, "overdracht")
    titles = {r["title"] for r in data["results"]}
    assert "Overdracht knelpunt Zwolle xylofoonregeling" in titles
    assert "Overdracht conceptsignaal" not in titles
    assert {v["value"] for v in data["facets"]["theme"]} >= {"Geheim thema"}


def test_autocomplete_is_permission_filtered(client, client_for, mixed, corpus):
    corpus.add("ac-open", title="Overdrachtsformulier invullen", summary="x")
    corpus.add("ac-keten", title="Overdrachtsprotocol intern", summary="x", access=["chain"])
    anonymous = client.get("/api/v1/search/autocomplete/", {"q": "overdrachts"}).json()
    assert [i["title"] for i in anonymous] == ["Overdrachtsformulier invullen"]
    chain_client, _ = client_for(roles.PROFESSIONAL)
    chained = chain_client.get("/api/v1/search/autocomplete/", {"q": "overdrachts"}).json()
    assert {i["title"] for i in chained} == {
        "Overdrachtsformulier invullen",
        "Overdrachtsprotocol intern",
    }


def test_suggestions_never_reveal_hidden_words(client, mixed):
    # "xylofoonregeling" only occurs in the closed community's thread.
    anonymous = _api(client, "xylofoonregelin")
    assert anonymous["count"] == 0
    assert "xylofoon" not in anonymous["suggestion"]
    member = Client()
    member.force_login(mixed)
    assert _api(member, "xylofoonregelin")["suggestion"] == "xylofoonregeling"


def test_suggestion_for_a_typo_in_public_words(client, standard_corpus):
    data = _api(client, "leerbaarheidstoest")
    assert data["suggestion"] == "leerbaarheidstoets"
    html = client.get("/zoeken/", {"q": "leerbaarheidstoest"}).content.decode()
    assert "Bedoelde u" in html
