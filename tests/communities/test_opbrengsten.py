import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from communities import services
from communities.models import Opbrengst

pytestmark = pytest.mark.django_db


@pytest.fixture
def opbrengst(closed_community, facilitator):
    thread = services.start_thread(
        closed_community, facilitator, "Uren in de Z-route", "Hoe tellen jullie?"
    )
    return services.save_opbrengst(
        closed_community,
        facilitator,
        kind=Opbrengst.Kind.ADVICE,
        title="Tel vervangende activiteiten mee in de Z-route",
        summary="Bij langdurige ziekte ontbreekt een landelijke lijn voor de urenverplichting.",
        body="Leg vast welke vervangende activiteiten meetellen.",
        source_thread=thread,
    )


def test_only_facilitators_write_opbrengsten(closed_community, member):
    with pytest.raises(PermissionDenied):
        services.save_opbrengst(closed_community, member, kind="finding", title="x", summary="y")


@pytest.mark.parametrize("target", ["handreiking", "question"])
def test_opbrengst_becomes_draft_knowledge_item(client, opbrengst, facilitator, member, target):
    client.force_login(facilitator)
    response = client.post(
        opbrengst.community.url + f"opbrengsten/{opbrengst.pk}/aanbieden/", {"target": target}
    )
    assert response.status_code == 302
    opbrengst.refresh_from_db()
    page = opbrengst.knowledge_page.specific
    assert opbrengst.knowledge_kind == target
    assert not page.live  # a draft for the editors
    assert page.title == opbrengst.title
    assert page.origin_note.endswith(opbrengst.community.title)
    assert page.origin_url.endswith(f"/opbrengsten/{opbrengst.pk}/")
    # The link is shown on the opbrengst; a second offer is refused.
    client.force_login(member)
    html = client.get(opbrengst.community.url + f"opbrengsten/{opbrengst.pk}/").content.decode()
    assert "Aangeboden aan de redactie" in html and "concept" in html
    with pytest.raises(ValidationError, match="al aangeboden"):
        services.offer_to_knowledge(opbrengst, facilitator, target)


def test_opbrengst_becomes_signal_on_behalf_of_community(client, opbrengst, facilitator):
    client.force_login(facilitator)
    client.post(
        opbrengst.community.url + f"opbrengsten/{opbrengst.pk}/aanbieden/", {"target": "signal"}
    )
    opbrengst.refresh_from_db()
    signal = opbrengst.signal
    assert signal is not None
    assert signal.source == "community"
    assert signal.source_label == opbrengst.community.title
    assert signal.source_url.endswith(f"/opbrengsten/{opbrengst.pk}/")
    assert signal.submitted_by == facilitator
    assert "landelijke lijn" in signal.description
    html = client.get(opbrengst.community.url + f"opbrengsten/{opbrengst.pk}/").content.decode()
    assert f"/signalen/{signal.pk}/" in html


def test_hidden_community_is_not_named_in_the_signal(hidden_community, facilitator):
    item = services.save_opbrengst(
        hidden_community,
        facilitator,
        kind="finding",
        title="Inkoop bij lage instroom",
        summary="Te weinig volume.",
    )
    item = services.raise_signal_from_opbrengst(item, facilitator)
    assert hidden_community.title not in item.signal.source_label
    assert item.signal.source_url == ""


def test_facilitator_turns_thread_into_signal(client, closed_community, facilitator, member):
    thread = services.start_thread(
        closed_community, member, "Urenregistratie bij ziekte", "Onduidelijk wat meetelt."
    )
    client.force_login(member)
    assert client.get(thread.get_path() + "signaal/").status_code == 403
    client.force_login(facilitator)
    form = client.get(thread.get_path() + "signaal/").content.decode()
    assert "Onduidelijk wat meetelt." in form  # prefilled from the opening post
    client.post(
        thread.get_path() + "signaal/",
        {
            "title": "Urenregistratie Z-route bij ziekte",
            "description": "Gemeenten tellen verschillend.",
        },
    )
    thread.refresh_from_db()
    assert thread.signal.title == "Urenregistratie Z-route bij ziekte"
    assert thread.signal.source_url.endswith(f"/discussies/{thread.pk}/")
