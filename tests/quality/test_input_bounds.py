"""Never a 500 on input: ids beyond bigint, 1e400, superscript and other non-ASCII digits,
deeply nested JSON and far-off report periods get a 4xx with a message (issue 20)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from accounts import roles
from core.input_bounds import MAX_ID, json_depth_exceeds, parse_id, parse_ids
from signals.models import Dossier, Signal

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
# Raw JSON number texts (not Python values: "1e400" must reach the parser as written).
RAW_NUMBERS = st.sampled_from(
    ["1e400", "-1e400", "1E+999", "9" * 40, str(2**64), str(MAX_ID + 1), "-1", "0", "1.5",
     '"²"', '"¹²³"', '"٣"', '"１２"', '"12\\u0000"', "true", "null", '"9223372036854775808"',
     "[]", "{}", '"1e400"']
)  # fmt: skip
ODD_IDS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["²", "¹²", "٣", "１２", "1e400", "9" * 30, "-0", " 7 ", "7\x00", "NaN"]),
    st.text(alphabet="0123456789²³¹٠١٢", min_size=1, max_size=25),
)


@pytest.fixture
def coordinator_api(make_user):
    cache.clear()
    client = APIClient()
    user = make_user(role=roles.COORDINATOR_UITVOERING)
    client.force_authenticate(user)
    return client, user


def _post_raw(client, path, body: str):
    return client.post(path, body, content_type="application/json")


def test_parse_id_accepts_only_ascii_ids_in_bigint_range():
    assert parse_id("42") == 42 and parse_id(MAX_ID) == MAX_ID
    for bad in ("²", "٣", "１２", str(MAX_ID + 1), "0", "-3", 1.0, True, None, "", "1e3"):
        assert parse_id(bad) is None
    assert parse_ids(["3", "²", "3", "99999999999999999999", "4"]) == [3, 4]
    assert json_depth_exceeds("[" * 40 + "]" * 40, 32)
    assert not json_depth_exceeds('["[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["]', 32)


@FUZZ
@given(
    raw=RAW_NUMBERS,
    field=st.sampled_from(["phase", "organisation", "region", "themes", "affected_count"]),
)
def test_signal_api_ids_in_json(coordinator_api, raw, field):
    client, _user = coordinator_api
    value = f"[{raw}]" if field == "themes" else raw
    body = f'{{"title": "Knelpunt", "description": "Overdracht loopt mis.", "{field}": {value}}}'
    response = _post_raw(client, "/api/v1/signals/", body)
    assert response.status_code < 500
    if response.status_code >= 400:
        assert response.json()


@FUZZ
@given(raw=RAW_NUMBERS)
def test_dossier_api_signal_ids_in_json(coordinator_api, raw):
    client, _user = coordinator_api
    before = Dossier.objects.count()
    response = _post_raw(client, "/api/v1/dossiers/", f'{{"title": "Bundel", "signals": [{raw}]}}')
    assert response.status_code < 500
    if response.status_code >= 400:
        assert Dossier.objects.count() == before


@FUZZ
@given(value=ODD_IDS, key=st.sampled_from(["theme", "phase", "region", "organisation", "dossier"]))
def test_api_query_strings_and_paths(coordinator_api, value, key):
    client, _user = coordinator_api
    assert client.get("/api/v1/signals/", {key: value}).status_code < 500
    assert client.get(f"/api/v1/signals/{value.strip()}/").status_code < 500
    assert client.get(f"/api/v1/dossiers/{value.strip()}/").status_code < 500


@FUZZ
@given(values=st.lists(ODD_IDS, min_size=1, max_size=5))
def test_workbench_bulk_form_ids(client_for, values):
    cache.clear()
    client, _user = client_for(roles.COORDINATOR_UITVOERING)
    response = client.post("/werkbank/bulk/", {"signals": values, "action": "classify"})
    assert response.status_code < 500


@pytest.mark.parametrize("depth", [33, 1000, 100_000])
def test_deeply_nested_json_is_a_400(coordinator_api, depth):
    client, _user = coordinator_api
    body = '{"title": "x", "description": "y", "themes": ' + "[" * depth + "]" * depth + "}"
    response = _post_raw(client, "/api/v1/signals/", body)
    assert response.status_code == 400
    assert "genest" in response.json()["detail"]
    assert Signal.objects.count() == 0


def test_json_infinity_is_a_400(coordinator_api):
    client, _user = coordinator_api
    response = _post_raw(client, "/api/v1/dossiers/", '{"title": "x", "signals": [1e400]}')
    assert response.status_code == 400
    response = _post_raw(client, "/api/v1/dossiers/", '{"title": "x", "signals": [Infinity]}')
    assert response.status_code == 400
    assert Dossier.objects.count() == 0


@pytest.mark.parametrize(
    "period", ["9999-K4", "0001-K1", "K1 0000", "2200-K1", "1899-K4", "9999-12", "²⁰²⁵-K1"]
)
def test_far_off_report_periods_are_not_found(client_for, period):
    client, _user = client_for(roles.COORDINATOR_STELSEL)
    for scope in ("alle", "stelsel"):
        response = client.get(f"/rapportage/kwartaal/{scope}/{period}/")
        assert response.status_code in (400, 404), (period, response.status_code)


def test_report_periods_at_the_edges_work(client_for):
    from reporting.periods import Period

    assert Period.parse("1900-K1").previous().label == "1899-K4"
    assert Period.parse("2199-K4").end.year == 2200


def test_creating_a_dossier_through_the_api_is_atomic(coordinator_api, professional):
    from signals import services

    client, coordinator = coordinator_api
    signal = services.create_signal(
        submitted_by=professional, title="Overdracht", description="Gaat per e-mail."
    )
    closed = services.apply_action(signal, "resolve", coordinator, "Opgelost met DUO.")
    before = Dossier.objects.count()
    response = client.post(
        "/api/v1/dossiers/", {"title": "Bundel", "signals": [closed.pk]}, format="json"
    )
    assert 400 <= response.status_code < 500, response.content
    assert Dossier.objects.count() == before  # no empty dossier left behind
