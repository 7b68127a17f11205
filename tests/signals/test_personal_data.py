"""The personal-data guard on every text field of signals: refused, explained, nothing stored."""

import pytest
from django.core.exceptions import ValidationError

from accounts import roles
from privacy.guard import find_personal_data, iban_is_valid, passes_elfproef
from signals import services
from signals.models import FollowUp, Note, Signal, SignalEvent
from signals.workflow import Level

pytestmark = pytest.mark.django_db

REFUSED = [
    ("bsn", "Het BSN 111222333 staat in het dossier."),
    ("bsn", "bsn: 123456782"),
    ("bsn", "nummer 123.456.782 klopt niet"),
    ("bsn", "BSN 1234 56 782"),
    ("phone", "Bel haar op 06-12345678."),
    ("phone", "Bereikbaar via +31 6 1234 5678"),
    ("phone", "Nummer 0031 6 12345678"),
    ("phone", "0031612345678 is de klantmanager"),
    ("phone", "Kantoor (020) 123 4567"),
    ("phone", "Kantoor 020-1234567"),
    ("phone", "Mobiel 06 12 34 56 78"),
    ("phone", "Bel +31 (0)20 123 4567"),
    ("email", "Mail naar jan.jansen@gemeente.example.nl"),
    ("iban", "Betaald op NL91 ABNA 0417 1643 00"),
    ("iban", "Rekening NL91ABNA0417164300"),
    ("v_number", "V-nummer 1234567890"),
    ("v_number", "vreemdelingennummer: 12 34 56 78 90"),
    ("v_number", "Zijn nummer is V1234567890"),
    ("birth_date", "geboren op 12-03-1985"),
    ("birth_date", "geboortedatum 1 januari 1990"),
    ("birth_date", "geb. 3 mei 1978"),
    ("birth_date", "date of birth 1985-03-12"),
    ("birth_date", "Cliënt van 14-07-1979 wacht op zijn PIP"),
]

ALLOWED = [
    "BSN 123456789 is een voorbeeld dat de 11-proef niet haalt",
    "Ongeldige IBAN NL91 ABNA 0417 1643 01",
    "In 2023 waren er 120 statushouders in de regio",
    "Overleg op 12-03-2024 met DUO en COA",
    "Artikel 2.3 van het Besluit inburgering 2021",
    "De kosten waren 1.234.567 euro",
    "Zaaknummer 2024-000123 bij de gemeente",
    "Het landelijke nummer 14 020",
    "Wi2021 geldt sinds 1 januari 2022",
    "De B1-route duurt 3 jaar en de MAP 600 uur",
    "2.000 inburgeraars volgen de onderwijsroute",
]


@pytest.mark.parametrize(("kind", "text"), REFUSED)
def test_guard_finds_personal_data(kind, text):
    assert kind in {f.kind for f in find_personal_data(text)}


@pytest.mark.parametrize("text", ALLOWED)
def test_guard_lets_system_facts_through(text):
    assert find_personal_data(text) == []


def test_elfproef_and_mod97():
    assert passes_elfproef("111222333") and passes_elfproef("123456782")
    assert not passes_elfproef("123456789") and not passes_elfproef("000000000")
    assert iban_is_valid("NL91 ABNA 0417 1643 00") and not iban_is_valid("NL91ABNA0417164301")


@pytest.mark.parametrize(("kind", "text"), REFUSED)
def test_create_signal_refuses_and_stores_nothing(kind, text, professional):
    with pytest.raises(ValidationError) as exc:
        services.create_signal(
            submitted_by=professional, title="Overdracht loopt mis", description=text
        )
    message = " ".join(exc.value.message_dict["description"])
    assert "Er is nog niets opgeslagen" in message
    assert "bevatten" in message
    assert Signal.objects.count() == 0 and SignalEvent.objects.count() == 0


def test_the_message_names_what_was_found(professional):
    with pytest.raises(ValidationError) as exc:
        services.create_signal(
            submitted_by=professional,
            title="Bel 06-12345678",
            description="Mail jan@example.nl, suggestie ok",
            suggestion="BSN 111222333",
        )
    errors = exc.value.message_dict
    assert "telefoonnummer" in errors["title"][0]
    assert "e-mailadres" in errors["description"][0]
    assert "burgerservicenummer" in errors["suggestion"][0]
    assert "06-12345678" not in errors["title"][0]  # masked, not echoed back in full


@pytest.mark.parametrize(
    "call",
    [
        lambda s, c: services.apply_action(s, "resolve", c, "Bel 06-12345678 voor uitleg"),
        lambda s, c: services.apply_action(s, "decline", c, "Mail jan@example.nl"),
        lambda s, c: services.apply_action(s, "request_info", c, "Wat is uw BSN 111222333?"),
        lambda s, c: services.apply_action(s, "escalate", c, "geboren op 12-03-1985"),
        lambda s, c: services.add_note(s, c, "IBAN NL91 ABNA 0417 1643 00"),
        lambda s, c: services.add_followup(s, c, "V-nummer 1234567890"),
        lambda s, c: services.update_signal_text(s, c, description="Bel 020-1234567"),
    ],
)
def test_every_later_text_field_is_guarded(call, submit, coordinators):
    signal = submit()
    coordinator = coordinators[Level.UITVOERING]
    events = SignalEvent.objects.count()
    with pytest.raises(ValidationError):
        call(signal, coordinator)
    signal.refresh_from_db()
    assert signal.status == "ingediend" and signal.outcome == ""
    assert SignalEvent.objects.count() == events
    assert not Note.objects.exists() and not FollowUp.objects.exists()


def test_rating_comment_and_dossier_text_are_guarded(submit, coordinators):
    coordinator = coordinators[Level.UITVOERING]
    signal = services.apply_action(submit(), "resolve", coordinator, "Opgelost met DUO.")
    with pytest.raises(ValidationError):
        services.rate_outcome(signal, signal.submitted_by, "nee", "bel me: 06-12345678")
    assert not signal.ratings.exists()
    with pytest.raises(ValidationError):
        services.create_dossier(title="Dossier", analysis="BSN 111222333", actor=coordinator)


def test_submit_form_refuses_and_keeps_what_was_typed(client_for):
    client, _user = client_for(roles.PROFESSIONAL)
    response = client.post(
        "/signalen/nieuw/",
        {
            "title": "Overdracht van meneer",
            "description": "Zijn nummer is 06-12345678 en hij wacht al weken.",
            "urgency": "normaal",
            "confirm": "1",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "een telefoonnummer" in html and "Er is nog niets opgeslagen" in html
    assert 'value="Overdracht van meneer"' in html
    assert Signal.objects.count() == 0


@pytest.mark.parametrize(("kind", "text"), REFUSED[::3])
def test_api_refuses_and_stores_nothing(kind, text, make_user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(make_user(role=roles.PROFESSIONAL))
    response = client.post(
        "/api/v1/signals/", {"title": "Knelpunt", "description": text}, format="json"
    )
    assert response.status_code == 400
    assert "Er is nog niets opgeslagen" in response.json()["description"][0]
    assert Signal.objects.count() == 0
