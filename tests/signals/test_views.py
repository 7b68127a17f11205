"""Web pages: intake with similar signals, lists, detail, workbench, dossiers, exports, public page."""

import csv
import io

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from openpyxl import load_workbook

from accounts import roles
from signals import services
from signals.factories import SignalFactory
from signals.models import Signal, Support
from signals.workflow import Level, Status

pytestmark = pytest.mark.django_db

CHAIN = [
    roles.PROFESSIONAL,
    roles.COORDINATOR_UITVOERING,
    roles.COORDINATOR_SCHAKEL,
    roles.COORDINATOR_STELSEL,
    roles.KETENPARTNER,
    roles.REDACTEUR,
    roles.BEHEERDER,
]


def _form(**overrides):
    data = {
        "title": "Leerbaarheidstoets wordt verschillend gewogen",
        "description": "Gemeenten weten niet hoe zij de uitkomst van de toets moeten meewegen.",
        "urgency": "normaal",
        "frequency": "regelmatig",
        "affected_count": "40",
    }
    data.update(overrides)
    return data


def test_professional_submits_a_signal(client_for):
    client, user = client_for(roles.PROFESSIONAL)
    response = client.post("/signalen/nieuw/", _form(), follow=True)
    signal = Signal.objects.get()
    assert response.redirect_chain[-1][0] == f"/signalen/{signal.pk}/"
    assert "is ingediend" in response.content.decode()
    assert signal.submitted_by == user and signal.organisation == user.organisation
    assert signal.affected_count == 40


def test_without_js_similar_signals_are_shown_before_the_final_submit(client_for, submit):
    existing = submit(
        title="Leerbaarheidstoets onduidelijk",
        description="Hoe de leerbaarheidstoets wordt afgenomen en gewogen is onduidelijk.",
    )
    client, user = client_for(roles.PROFESSIONAL)
    response = client.post("/signalen/nieuw/", _form())
    html = response.content.decode()
    assert response.status_code == 200 and Signal.objects.count() == 1
    assert "Bestaat dit signaal al?" in html and existing.title in html
    assert 'name="confirm" value="1"' in html
    # "Ik herken dit" on the suggestion supports the existing signal instead.
    client.post(f"/signalen/{existing.pk}/herkennen/", {})
    assert Support.objects.filter(signal=existing, user=user).exists()
    # Or submit anyway.
    client.post("/signalen/nieuw/", _form(confirm="1"))
    assert Signal.objects.count() == 2


def test_similar_json_endpoint(client_for, submit, client):
    signal = submit(title="Overdracht COA gemeente loopt mis")
    chain, _ = client_for(roles.KETENPARTNER)
    data = chain.get("/signalen/vergelijkbaar/", {"q": "overdracht van COA naar gemeente"}).json()
    assert [r["id"] for r in data["results"]] == [signal.pk]
    assert "submitted_by" not in data["results"][0]
    outsider, _ = client_for(roles.INBURGERAAR)
    assert outsider.get("/signalen/vergelijkbaar/", {"q": "overdracht"}).status_code == 403


@pytest.mark.parametrize("role", CHAIN)
def test_chain_professionals_see_signals_but_not_the_submitter(role, client_for, submit):
    signal = submit()
    client, user = client_for(role)
    listing = client.get("/signalen/").content.decode()
    detail = client.get(f"/signalen/{signal.pk}/").content.decode()
    assert signal.title in listing and signal.title in detail
    submitter = signal.submitted_by
    shown = escape(submitter.last_name) in detail or submitter.email in detail
    assert shown == role.startswith("coordinator")


@pytest.mark.parametrize("role", [None, roles.INBURGERAAR])
def test_inburgeraars_and_anonymous_see_no_signals(role, client_for, submit):
    signal = submit()
    client = client_for(role)[0] if role else Client()
    for url in ("/signalen/", f"/signalen/{signal.pk}/", "/signalen/export/", "/werkbank/"):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert signal.title not in response.content.decode()


def test_submitter_sees_own_identity_and_can_rate(client_for, coordinators):
    client, user = client_for(roles.PROFESSIONAL)
    signal = services.create_signal(submitted_by=user, title="Budget", description="Te laat.")
    services.apply_action(signal, "resolve", coordinators[Level.UITVOERING], "Rijk betaalt eerder.")
    html = client.get(f"/signalen/{signal.pk}/").content.decode()
    assert escape(user.last_name) in html and "Rijk betaalt eerder." in html
    assert "Wat vindt u van de uitkomst?" in html
    response = client.post(f"/signalen/{signal.pk}/beoordelen/", {"rating": "nee"})
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.status == Status.HEROPEND


def test_submitter_answers_a_question_and_errors_keep_the_text(client_for, coordinators):
    client, user = client_for(roles.PROFESSIONAL)
    signal = services.create_signal(submitted_by=user, title="PIP", description="Incompleet.")
    services.apply_action(signal, "request_info", coordinators[Level.UITVOERING], "Welke regio?")
    response = client.post(f"/signalen/{signal.pk}/aanvullen/", {"reason": "Bel 06-12345678"})
    assert response.status_code == 200 and "Bel 06-12345678" in response.content.decode()
    client.post(f"/signalen/{signal.pk}/aanvullen/", {"reason": "Twente"})
    signal.refresh_from_db()
    assert signal.status == Status.IN_BEHANDELING


def test_workbench_lists_the_queue_of_my_level_with_filters(client_for, submit, make_user):
    from datetime import timedelta

    from taxonomy.models import Theme

    theme = Theme.objects.get(slug="pip")
    client, _ = client_for(roles.COORDINATOR_UITVOERING)
    mine = submit(title="Wachten op besluit Participatiewet", themes=[theme])
    late = submit(title="Te laat afgehandeld")
    Signal.objects.filter(pk=late.pk).update(deadline=timezone.localdate() - timedelta(days=2))
    higher = SignalFactory(level=Level.SCHAKEL, title="Regionale inkoop stokt")
    html = client.get("/werkbank/").content.decode()
    assert mine.title in html and late.title in html and higher.title not in html
    assert escape(mine.submitted_by.display_name) in html  # coordinators see who submitted
    html = client.get("/werkbank/", {"theme": theme.pk}).content.decode()
    assert mine.title in html and late.title not in html
    html = client.get("/werkbank/", {"overdue": "on"}).content.decode()
    assert late.title in html and mine.title not in html
    html = client.get("/werkbank/", {"level": "schakel"}).content.decode()
    assert higher.title in html and "kunt meekijken" in html
    professional, _ = client_for(roles.PROFESSIONAL)
    assert professional.get("/werkbank/").status_code == 403


def test_workbench_bulk_escalate_and_bundle(client_for, submit, make_user):
    client, coordinator = client_for(roles.COORDINATOR_UITVOERING)
    a, b, c = submit(), submit(), submit()
    response = client.post(
        "/werkbank/bulk/",
        {"action": "escalate", "reason": "Speelt regionaal", "signals": [a.pk, b.pk]},
    )
    assert response.status_code == 302
    assert set(Signal.objects.filter(pk__in=[a.pk, b.pk]).values_list("level", flat=True)) == {
        "schakel"
    }
    # Missing reason: nothing happens, a clear message instead.
    response = client.post("/werkbank/bulk/", {"action": "decline", "signals": [c.pk]}, follow=True)
    assert "Niet gelukt" in response.content.decode()
    assert Signal.objects.get(pk=c.pk).status == Status.INGEDIEND
    schakel, _ = client_for(roles.COORDINATOR_SCHAKEL)
    response = schakel.post(
        "/werkbank/bulk/",
        {"action": "bundle", "new_title": "Regionale samenwerking", "signals": [a.pk, b.pk]},
    )
    dossier = Signal.objects.get(pk=a.pk).dossier
    assert dossier.title == "Regionale samenwerking"
    assert response.url == f"/dossiers/{dossier.pk}/"


def test_workbench_detail_actions_are_driven_by_the_table(client_for, submit):
    client, coordinator = client_for(roles.COORDINATOR_UITVOERING)
    signal = submit()
    html = client.get(f"/werkbank/signalen/{signal.pk}/").content.decode()
    for label in ("In behandeling nemen", "Meer informatie vragen", "Oplossen", "Afwijzen"):
        assert label in html
    assert "Heropenen" not in html
    # Missing reason: the form says so and nothing changes.
    response = client.post(f"/werkbank/signalen/{signal.pk}/handeling/", {"action": "escalate"})
    assert response.status_code == 200
    assert "Motivering voor het doorzetten" in response.content.decode()
    assert Signal.objects.get(pk=signal.pk).level == Level.UITVOERING
    response = client.post(
        f"/werkbank/signalen/{signal.pk}/handeling/",
        {"action": "escalate", "escalate-reason": "Regionaal probleem"},
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.level == Level.SCHAKEL
    # A transition that is no longer allowed is refused with a message, not a 500.
    response = client.post(
        f"/werkbank/signalen/{signal.pk}/handeling/",
        {"action": "escalate", "escalate-reason": "Nog eens"},
        follow=True,
    )
    assert (
        response.status_code == 200 and "coördinator van schakelniveau" in response.content.decode()
    )


def test_notes_stay_internal_and_followups_are_visible(client_for, submit):
    client, coordinator = client_for(roles.COORDINATOR_UITVOERING)
    signal = submit()
    client.post(f"/werkbank/signalen/{signal.pk}/notitie/", {"text": "Intern: DUO bellen"})
    client.post(f"/werkbank/signalen/{signal.pk}/update/", {"text": "We zoeken het uit."})
    professional, _ = client_for(roles.PROFESSIONAL)
    html = professional.get(f"/signalen/{signal.pk}/").content.decode()
    assert "We zoeken het uit." in html and "Intern: DUO bellen" not in html
    assert "Intern: DUO bellen" in client.get(f"/werkbank/signalen/{signal.pk}/").content.decode()


def test_dossier_page_resolve_and_public_follow_up(client_for, submit):
    uitvoering, _ = client_for(roles.COORDINATOR_UITVOERING)
    signal = submit()
    uitvoering.post(
        f"/werkbank/signalen/{signal.pk}/bundelen/",
        {"new_title": "Overdracht per e-mail"},
    )
    dossier = Signal.objects.get(pk=signal.pk).dossier
    uitvoering.post(
        f"/dossiers/{dossier.pk}/handeling/",
        {"action": "resolve", "resolve-reason": "Er komt een standaardformulier."},
    )
    uitvoering.post(
        f"/dossiers/{dossier.pk}/handeling/",
        {
            "action": "publish",
            "publish-reason": "Overdracht wordt gestandaardiseerd.",
        },
    )
    signal.refresh_from_db()
    assert signal.status == Status.OPGELOST and signal.outcome == "Er komt een standaardformulier."
    anonymous = Client()
    html = anonymous.get("/signalen/opvolging/").content.decode()
    assert "Overdracht per e-mail" in html and signal.title not in html  # signal itself unpublished
    html = anonymous.get(f"/signalen/opvolging/dossier/{dossier.pk}/").content.decode()
    assert "Er komt een standaardformulier." in html
    assert signal.submitted_by.email not in html
    assert escape(signal.submitted_by.last_name) not in html
    assert anonymous.get(f"/signalen/opvolging/signaal/{signal.pk}/").status_code == 404


def test_public_page_shows_no_reasons_names_or_internal_updates(client_for, submit, coordinators):
    coordinator = coordinators[Level.UITVOERING]
    signal = submit()
    services.apply_action(signal, "request_info", coordinator, "Vraag aan melder: welke school?")
    services.add_followup(signal, coordinator, "Alleen voor volgers", is_public=False)
    services.add_followup(signal, coordinator, "Voor iedereen", is_public=True)
    services.apply_action(signal, "publish", coordinator, "Signaal over taalscholen.")
    html = Client().get(f"/signalen/opvolging/signaal/{signal.pk}/").content.decode()
    assert "Signaal over taalscholen." in html and "Voor iedereen" in html
    assert "Alleen voor volgers" not in html and "welke school" not in html
    assert escape(coordinator.last_name) not in html
    assert escape(signal.submitted_by.last_name) not in html


def test_export_csv_and_xlsx_respect_identity_rules(client_for, submit):
    signal = submit(title="=HYPERLINK(evil)")
    coordinator, _ = client_for(roles.COORDINATOR_SCHAKEL)
    professional, _ = client_for(roles.KETENPARTNER)
    body = b"".join(coordinator.get("/signalen/export/", {"format": "csv"}).streaming_content)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert "Ingediend door" in rows[0] and signal.submitted_by.email in rows[1]
    assert rows[1][1] == "'=HYPERLINK(evil)"  # no formula injection
    body = b"".join(professional.get("/signalen/export/", {"format": "csv"}).streaming_content)
    assert "Ingediend door" not in body.decode() and signal.submitted_by.email not in body.decode()
    response = professional.get("/signalen/export/", {"format": "xlsx", "status": "ingediend"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Kenmerk" and len(values) == 2
    assert signal.submitted_by.email not in str(values)
    response = professional.get("/signalen/export/", {"format": "xlsx", "status": "opgelost"})
    assert len(list(load_workbook(io.BytesIO(response.content)).active.iter_rows())) == 1


def test_mijn_signalen(client_for, submit, make_user):
    client, user = client_for(roles.PROFESSIONAL)
    own = services.create_signal(submitted_by=user, title="Eigen signaal", description="Tekst")
    other, followed = submit(title="Herkend signaal"), submit(title="Gevolgd signaal")
    services.support(other, user)
    services.follow(followed, user)
    submit(title="Niets mee te maken")
    html = client.get("/mijn-signalen/").content.decode()
    for title in (own.title, other.title, followed.title):
        assert title in html
    assert "Niets mee te maken" not in html


def test_invalid_assignment_keeps_its_error_message(client_for, submit, make_user):
    """An invalid choice of assignee is shown on the assignment form, not silently dropped."""
    client, _ = client_for(roles.COORDINATOR_UITVOERING)
    signal = submit()
    outsider = make_user(role=roles.PROFESSIONAL)
    response = client.post(
        f"/werkbank/signalen/{signal.pk}/toewijzen/", {"assigned_to": outsider.pk}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "geldige keuze" in html or "valid choice" in html
    signal.refresh_from_db()
    assert signal.assignee_id is None
