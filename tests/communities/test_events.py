import re
import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from communities import services
from communities.factories import EventFactory, add_membership
from communities.models import RSVP

pytestmark = pytest.mark.django_db


def test_rsvp_respects_capacity_with_waiting_list(
    client, closed_community, member, facilitator, make_user
):
    event = EventFactory(community=closed_community, capacity=2)
    other = make_user()
    add_membership(closed_community, other)
    assert services.rsvp(event, facilitator).status == RSVP.Status.GOING
    assert services.rsvp(event, member).status == RSVP.Status.GOING
    client.force_login(other)
    response = client.post(
        closed_community.url + f"bijeenkomsten/{event.pk}/aanmelden/", follow=True
    )
    assert "wachtlijst" in response.content.decode()
    assert RSVP.objects.get(event=event, user=other).status == RSVP.Status.WAITLIST
    # Cancelling frees a place for the first on the waiting list.
    services.cancel_rsvp(event, member)
    assert RSVP.objects.get(event=event, user=other).status == RSVP.Status.GOING
    assert RSVP.objects.filter(event=event, status="going").count() == 2


def test_full_event_without_waiting_list_refuses(closed_community, member, facilitator):
    event = EventFactory(community=closed_community, capacity=1, waitlist_enabled=False)
    services.rsvp(event, facilitator)
    with pytest.raises(services.EventFull):
        services.rsvp(event, member)
    assert not RSVP.objects.filter(event=event, user=member).exists()


def test_non_members_cannot_rsvp(client, closed_community, outsider):
    event = EventFactory(community=closed_community)
    client.force_login(outsider)
    assert (
        client.post(closed_community.url + f"bijeenkomsten/{event.pk}/aanmelden/").status_code
        == 403
    )
    assert not RSVP.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_no_overbooking_under_concurrency(closed_community, make_user):
    if connection.vendor != "postgresql":
        pytest.skip(
            "row locks (select_for_update) need PostgreSQL; SQLite serialises writes anyway"
        )
    event = EventFactory(community=closed_community, capacity=3, waitlist_enabled=False)
    users = [make_user() for _ in range(10)]
    for user in users:
        add_membership(closed_community, user)
    barrier = threading.Barrier(len(users))
    outcomes = []

    def attempt(user):
        from django.db import connections

        barrier.wait()
        try:
            services.rsvp(event, user)
            outcomes.append("ok")
        except services.EventFull:
            outcomes.append("full")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert RSVP.objects.filter(event=event, status="going").count() == 3
    assert outcomes.count("ok") == 3 and outcomes.count("full") == 7


def _unfold(text):
    return text.replace("\r\n ", "")


def test_ics_download_is_valid_rfc5545(client, closed_community, member, facilitator):
    start = datetime(2026, 3, 5, 13, 30, tzinfo=UTC)
    event = services.save_event(
        closed_community,
        facilitator,
        title="Intervisie; Z-route, deel 2",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        location="Utrecht, Catharijnesingel 47",
        agenda="1. Welkom\n2. Casus \\ bespreking; afspraken" + " met een lange regel" * 10,
        online_url="https://meet.example.org/z-route",
    )
    client.force_login(member)
    response = client.get(closed_community.url + f"bijeenkomsten/{event.pk}/agenda/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    raw = response.content.decode("utf-8")
    # Every line ends in CRLF and no physical line is longer than 75 octets.
    assert raw.endswith("\r\n")
    lines = raw.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in lines)
    assert not re.search(r"(?<!\r)\n", raw)
    text = _unfold(raw)
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert "BEGIN:VEVENT" in text and text.rstrip().endswith("END:VCALENDAR")
    assert f"UID:{event.uid}@" in text
    assert "DTSTART:20260305T133000Z" in text
    assert "DTEND:20260305T153000Z" in text
    assert "SUMMARY:Intervisie\\; Z-route\\, deel 2" in text
    assert "LOCATION:Utrecht\\, Catharijnesingel 47" in text
    assert "DESCRIPTION:1. Welkom\\n2. Casus \\\\ bespreking\\; afspraken" in text
    assert re.search(r"DTSTAMP:\d{8}T\d{6}Z", text)


def test_ics_is_not_available_to_non_members_of_closed_community(
    client, closed_community, outsider
):
    event = EventFactory(community=closed_community)
    client.force_login(outsider)
    assert client.get(closed_community.url + f"bijeenkomsten/{event.pk}/agenda/").status_code == 403


def test_report_afterwards(client, closed_community, member, facilitator):
    event = EventFactory(
        community=closed_community,
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=2),
    )
    client.force_login(facilitator)
    client.post(
        closed_community.url + f"bijeenkomsten/{event.pk}/verslag/",
        {"report": "We spraken af de urenregistratie gelijk te trekken."},
    )
    client.force_login(member)
    html = client.get(closed_community.url + f"bijeenkomsten/{event.pk}/").content.decode()
    assert "urenregistratie gelijk te trekken" in html
    # A past event takes no more sign-ups.
    with pytest.raises(ValidationError, match="voorbij"):
        services.rsvp(event, member)


def test_facilitator_plans_event_via_form(client, closed_community, facilitator):
    client.force_login(facilitator)
    response = client.post(
        closed_community.url + "bijeenkomsten/nieuw/",
        {
            "title": "Online kennissessie",
            "starts_at": "2030-01-10T10:00",
            "ends_at": "2030-01-10T09:00",
            "online_url": "https://meet.example.org/x",
        },
    )
    assert response.status_code == 200
    assert "Het einde moet na het begin liggen" in response.content.decode()
    response = client.post(
        closed_community.url + "bijeenkomsten/nieuw/",
        {
            "title": "Online kennissessie",
            "starts_at": "2030-01-10T10:00",
            "ends_at": "2030-01-10T11:00",
            "online_url": "https://meet.example.org/x",
            "capacity": "12",
        },
    )
    assert response.status_code == 302
    assert closed_community.events.get().capacity == 12
