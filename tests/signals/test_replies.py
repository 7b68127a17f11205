"""Reply templates per action (and theme) with placeholders, and the e-mail preview."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts import roles
from signals import services
from signals.models import ReplyTemplate, Team
from signals.workflow import Level, Status
from taxonomy.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def test_templates_fill_placeholders_and_the_preview_shows_each_recipient(submit, make_user):
    theme, other_theme = ThemeFactory(), ThemeFactory()
    team = Team.objects.create(name="SZW stelselteam", level=Level.UITVOERING, is_default=True)
    coordinator = make_user(role=roles.COORDINATOR_UITVOERING)
    team.members.add(coordinator)
    signal = submit(themes=[theme])
    supporter = make_user(role=roles.PROFESSIONAL, first_name="Hanna", last_name="Herkenner")
    services.support(signal, supporter)
    general = ReplyTemplate.objects.create(
        name="Opgelost met uitleg",
        action="resolve",
        text="Signaal {kenmerk} ({titel}) is op {niveau} door {team} opgelost.",
    )
    ReplyTemplate.objects.create(
        name="Alleen ander thema", action="resolve", theme=other_theme, text="Niet tonen"
    )
    client = Client()
    client.force_login(coordinator)
    html = client.get(f"/werkbank/signalen/{signal.pk}/").content.decode()
    assert "Opgelost met uitleg" in html and "Alleen ander thema" not in html
    html = client.get(f"/werkbank/signalen/{signal.pk}/?sjabloon={general.pk}").content.decode()
    expected = f"Signaal {signal.reference} ({signal.title}) is op uitvoeringsniveau door SZW"
    assert expected in html
    # The coordinator edits the text and previews the e-mails: nothing is sent or changed.
    response = client.post(
        f"/werkbank/signalen/{signal.pk}/handeling/",
        {"action": "resolve", "resolve-reason": "Er komt een landelijk formulier.", "preview": "1"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hanna Herkenner" in html and "(melder)" in html
    assert "Er is een uitkomst" in html and "Er komt een landelijk formulier." in html
    signal.refresh_from_db()
    assert signal.status == Status.INGEDIEND
    response = client.post(
        f"/werkbank/signalen/{signal.pk}/handeling/",
        {"action": "resolve", "resolve-reason": "Er komt een landelijk formulier."},
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.status == Status.OPGELOST


def test_the_templates_of_all_actions_come_in_two_queries_and_equal_those_per_action(
    submit, django_assert_num_queries
):
    from signals.services.replies import templates_by_action, templates_for

    theme, other_theme = ThemeFactory(), ThemeFactory()
    signal = submit(themes=[theme])
    for name, action, chosen in [
        ("B algemeen", "resolve", None),
        ("A bij thema", "resolve", theme),
        ("Ander thema", "resolve", other_theme),
        ("Afwijzen", "reject", None),
        ("Oppakken", "start", theme),
    ]:
        ReplyTemplate.objects.create(name=name, action=action, theme=chosen, text="t")
    ReplyTemplate.objects.create(name="Uit", action="resolve", text="t", is_active=False)
    actions = ["resolve", "reject", "start", "escalate"]
    with django_assert_num_queries(2):
        grouped = templates_by_action(signal, actions)
    assert grouped == {action: list(templates_for(signal, action)) for action in actions}
    assert [t.name for t in grouped["resolve"]] == ["A bij thema", "B algemeen"]
