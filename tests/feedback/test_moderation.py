import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.test import Client

from accounts import roles
from feedback import services
from feedback.models import AppendOnlyError, Feedback, FeedbackContact, FeedbackEvent

pytestmark = pytest.mark.django_db

create_signal = pytest.importorskip(
    "signals.services", reason="signals.services (create_signal) is not written yet"
).create_signal

NON_COORDINATORS = [
    roles.PROFESSIONAL,
    roles.INBURGERAAR,
    roles.KETENPARTNER,
    roles.REDACTEUR,
    roles.BEHEERDER,
]


def _signal(user, title="Wachttijd taalcursus te lang"):
    return create_signal(
        submitted_by=user, title=title, description="Cursussen starten maanden te laat."
    )


# -- visibility -----------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_login(client, new_feedback):
    new_feedback()
    response = client.get("/feedback/moderatie/")
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]
    assert not Feedback.objects.visible_to(client.session.get("user")).exists()


@pytest.mark.parametrize("role", NON_COORDINATORS)
def test_non_coordinators_see_no_feedback_anywhere(client_for, new_feedback, role):
    feedback = new_feedback(
        "Geheimzinnige tekst over de gemeente.", contact_address="a@example.org"
    )
    client, user = client_for(role)
    assert client.get("/feedback/moderatie/").status_code == 403
    assert client.get(f"/feedback/moderatie/{feedback.pk}/").status_code == 403
    response = client.post(f"/feedback/moderatie/{feedback.pk}/archiveren/", {"reason": "x"})
    assert response.status_code == 403
    assert not Feedback.objects.visible_to(user).exists()
    assert not FeedbackContact.objects.visible_to(user).exists()
    assert not FeedbackEvent.objects.visible_to(user).exists()
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.NEW


def test_inburgeraar_who_gave_their_name_still_cannot_see_feedback(client_for, new_feedback):
    client, user = client_for(roles.INBURGERAAR)
    new_feedback(named_user=user)
    assert not Feedback.objects.visible_to(user).exists()


@pytest.mark.parametrize("role", roles.COORDINATOR_ROLES)
def test_coordinators_of_every_level_see_feedback_and_contact(client_for, new_feedback, role):
    feedback = new_feedback("De brieven zijn moeilijk.", contact_address="+31 6 1234 5678")
    client, user = client_for(role)
    html = client.get("/feedback/moderatie/").content.decode()
    assert "De brieven zijn moeilijk." in html
    detail = client.get(f"/feedback/moderatie/{feedback.pk}/").content.decode()
    assert "+31 6 1234 5678" in detail
    assert "Anoniem" in detail
    assert Feedback.objects.visible_to(user).count() == 1


def test_contact_is_never_shown_in_the_list(client_for, new_feedback):
    new_feedback(contact_address="verborgen@example.org")
    client, _ = client_for(roles.COORDINATOR_SCHAKEL)
    assert "verborgen@example.org" not in client.get("/feedback/moderatie/").content.decode()


def test_feedback_never_appears_on_public_pages_or_in_search(client_for, new_feedback, client):
    new_feedback("Zeldzaamwoord kwartelkoning in feedback.")
    from wagtail.search.index import get_indexed_models

    assert Feedback not in get_indexed_models()
    professional, _ = client_for(roles.PROFESSIONAL)
    for visitor in (client, professional):
        for url in ("/", "/zoeken/?q=kwartelkoning", "/signalen/opvolging/", "/signalen/"):
            response = visitor.get(url, follow=True)
            assert response.status_code < 500
            # The query word is echoed by the search page; the feedback sentence must not be.
            assert "Zeldzaamwoord" not in response.content.decode(), url


def test_named_feedback_shows_the_name_to_coordinators(client_for, new_feedback, make_user):
    person = make_user(role=roles.INBURGERAAR, first_name="Amal", last_name="Haddad")
    feedback = new_feedback(named_user=person)
    client, _ = client_for(roles.COORDINATOR_STELSEL)
    assert "Amal Haddad" in client.get(f"/feedback/moderatie/{feedback.pk}/").content.decode()


def test_filters_narrow_the_queue(client_for, new_feedback, coordinator):
    new_feedback("Nederlandse tekst.")
    new_feedback("English text about work.", language="en", topic="werk")
    archived = new_feedback("Oude tekst.")
    services.archive(archived, coordinator=coordinator, reason="Dubbel")
    client = Client()
    client.force_login(coordinator)
    html = client.get("/feedback/moderatie/").content.decode()  # default: new only
    assert "Nederlandse tekst." in html and "English text" in html and "Oude tekst." not in html
    html = client.get("/feedback/moderatie/?status=&language=en").content.decode()
    assert "English text" in html and "Nederlandse tekst." not in html
    html = client.get("/feedback/moderatie/?status=gearchiveerd").content.decode()
    assert "Oude tekst." in html and "Nederlandse tekst." not in html


def test_moderation_list_query_count_does_not_grow(
    new_feedback, coordinator, django_assert_max_num_queries
):
    client = Client()
    client.force_login(coordinator)
    for i in range(3):
        new_feedback(f"Bericht {i}", contact_address="a@example.org" if i % 2 else "")
    client.get("/feedback/moderatie/")
    with django_assert_max_num_queries(12) as few:
        client.get("/feedback/moderatie/")
    for i in range(30):
        new_feedback(f"Meer {i}", contact_address="b@example.org" if i % 2 else "")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/feedback/moderatie/?status=")
    assert response.status_code == 200
    assert len(response.context["items"]) == 25


def test_moderation_detail_query_count_does_not_grow(
    new_feedback, coordinator, django_assert_max_num_queries
):
    client = Client()
    client.force_login(coordinator)
    small = new_feedback("Klein.")
    big = new_feedback("Groot.", contact_address="c@example.org")
    for _ in range(5):  # a longer history
        FeedbackEvent.objects.create(feedback=big, action="ontvangen", actor=coordinator)
    client.get(f"/feedback/moderatie/{small.pk}/")
    with django_assert_max_num_queries(15) as few:
        client.get(f"/feedback/moderatie/{small.pk}/")
    with django_assert_max_num_queries(len(few.captured_queries) + 1):  # +1: the contact row
        response = client.get(f"/feedback/moderatie/{big.pk}/")
    assert response.status_code == 200


# -- moderation actions ------------------------------------------------------------------


def test_coordinator_turns_feedback_into_a_signal(new_feedback, coordinator):
    feedback = new_feedback("Brieven van de gemeente zijn te moeilijk.")
    client = Client()
    client.force_login(coordinator)
    response = client.get(f"/feedback/moderatie/{feedback.pk}/")
    assert "Brieven van de gemeente zijn te moeilijk." in response.content.decode()
    response = client.post(
        f"/feedback/moderatie/{feedback.pk}/signaal/",
        {
            "title": "Brieven gemeente te moeilijk",
            "description": "Inburgeraars begrijpen brieven niet.",
        },
        follow=True,
    )
    assert response.status_code == 200
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.SIGNAL
    signal = feedback.signal
    assert signal.title == "Brieven gemeente te moeilijk"
    assert signal.source == "feedback"
    assert signal.source_label == "Platform van inburgeraars"
    assert signal.submitted_by == coordinator
    event = feedback.events.last()
    assert (event.action, event.actor, event.signal_id) == ("signaal", coordinator, signal.pk)
    assert "Er is een signaal gemaakt" in response.content.decode()


def test_signal_text_with_personal_data_is_refused(new_feedback, coordinator):
    feedback = new_feedback()
    client = Client()
    client.force_login(coordinator)
    response = client.post(
        f"/feedback/moderatie/{feedback.pk}/signaal/",
        {"title": "Brieven", "description": "Bel haar op 0612345678."},
    )
    assert response.status_code == 400
    assert "telefoonnummer" in response.content.decode()
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.NEW and feedback.signal_id is None
    assert feedback.events.count() == 1


def test_coordinator_links_feedback_to_an_existing_signal(new_feedback, coordinator, professional):
    signal = _signal(professional)
    feedback = new_feedback()
    client = Client()
    client.force_login(coordinator)
    response = client.post(
        f"/feedback/moderatie/{feedback.pk}/koppelen/",
        {"signal": signal.reference, "note": "Zelfde knelpunt."},
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.LINKED
    assert feedback.signal_id == signal.pk
    event = feedback.events.last()
    assert (event.action, event.signal_id, event.reason) == (
        "gekoppeld",
        signal.pk,
        "Zelfde knelpunt.",
    )


def test_linking_to_an_unknown_signal_is_refused(new_feedback, coordinator):
    feedback = new_feedback()
    client = Client()
    client.force_login(coordinator)
    response = client.post(f"/feedback/moderatie/{feedback.pk}/koppelen/", {"signal": "999999"})
    assert response.status_code == 409
    assert "Er is geen signaal met nummer 999999" in response.content.decode()
    response = client.post(f"/feedback/moderatie/{feedback.pk}/koppelen/", {"signal": "abc"})
    assert response.status_code == 400
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.NEW


def test_archiving_requires_a_reason(new_feedback, coordinator):
    feedback = new_feedback()
    client = Client()
    client.force_login(coordinator)
    response = client.post(f"/feedback/moderatie/{feedback.pk}/archiveren/", {"reason": "  "})
    assert response.status_code == 400
    assert "Geef een reden om deze feedback te archiveren." in response.content.decode()
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.NEW
    with pytest.raises(services.FeedbackError):
        services.archive(feedback, coordinator=coordinator, reason="<b></b>")

    response = client.post(
        f"/feedback/moderatie/{feedback.pk}/archiveren/", {"reason": "Gaat over een eigen dossier."}
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.ARCHIVED
    assert feedback.archive_reason == "Gaat over een eigen dossier."
    assert [e.action for e in feedback.events.all()] == ["ontvangen", "gearchiveerd"]


def test_handled_feedback_cannot_be_handled_again(new_feedback, coordinator):
    feedback = new_feedback()
    services.archive(feedback, coordinator=coordinator, reason="Geen knelpunt")
    client = Client()
    client.force_login(coordinator)
    response = client.post(
        f"/feedback/moderatie/{feedback.pk}/signaal/", {"title": "T", "description": "D"}
    )
    assert response.status_code == 409
    assert "al behandeld" in response.content.decode()
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.ARCHIVED and feedback.signal_id is None


@pytest.mark.parametrize("role", NON_COORDINATORS)
def test_services_refuse_non_coordinators(new_feedback, make_user, role):
    feedback = new_feedback()
    user = make_user(role=role)
    with pytest.raises(PermissionDenied):
        services.archive(feedback, coordinator=user, reason="Nee")
    with pytest.raises(PermissionDenied):
        services.convert_to_signal(feedback, coordinator=user, title="T", description="D")
    with pytest.raises(PermissionDenied):
        services.link_to_signal(feedback, coordinator=user, signal_id=1)


def test_history_is_append_only(new_feedback, coordinator):
    feedback = new_feedback()
    services.archive(feedback, coordinator=coordinator, reason="Dubbel")
    event = feedback.events.last()
    event.reason = "Aangepast"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        FeedbackEvent.objects.filter(pk=event.pk).update(reason="Aangepast")
    with pytest.raises(AppendOnlyError):
        FeedbackEvent.objects.all().delete()
    with pytest.raises(ProtectedError):
        feedback.delete()
    assert FeedbackEvent.objects.get(pk=event.pk).reason == "Dubbel"
    assert feedback.events.count() == 2
