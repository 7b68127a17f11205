"""One journey in a real browser: request access, approval, a post, and a signal from it."""

import pytest

from accounts import roles
from communities.models import Membership, Thread, Visibility
from tests.browser_helpers import axe_violations
from tests.conftest import login_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _ensure_site():
    from wagtail.models import Page, Site

    from website.models import HomePage

    if HomePage.objects.exists():
        return
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = HomePage(title="Lerend stelsel", slug="home")
    root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )


def _logout(page):
    page.get_by_role("button", name="Uitloggen").click()


def test_request_approve_post_and_raise_signal(page, make_user):
    _ensure_site()
    from communities.factories import make_community

    facilitator = make_user(role=roles.PROFESSIONAL, email="fac@example.org", first_name="Fenna")
    requester = make_user(role=roles.PROFESSIONAL, email="nieuw@example.org", first_name="Noah")
    community = make_community(
        Visibility.CLOSED, facilitator=facilitator, title="Z-route in de praktijk", slug="z-route"
    )

    # 1. A professional asks to join the closed community.
    login_in_browser(page, requester.email)
    page.goto("/communities/z-route/")
    page.get_by_role("link", name="Lidmaatschap aanvragen").click()
    page.get_by_label("Waarom wilt u meedoen?").fill("Ik voer de Z-route uit in mijn gemeente.")
    page.get_by_role("button", name="Aanvraag versturen").click()
    page.get_by_text("Uw aanvraag is verstuurd").wait_for()
    _logout(page)

    # 2. The facilitator approves.
    login_in_browser(page, facilitator.email)
    page.goto("/communities/z-route/leden/")
    page.get_by_text("Ik voer de Z-route uit in mijn gemeente.").wait_for()
    page.get_by_role("button", name="Noah").filter(has_text="toelaten").click()
    page.get_by_text("De aanvraag is goedgekeurd").wait_for()
    assert Membership.objects.get(user=requester, community=community).status == "active"
    _logout(page)

    # 3. The new member starts a discussion.
    login_in_browser(page, requester.email)
    page.goto("/communities/z-route/discussies/")
    page.get_by_role("link", name="Nieuwe discussie").click()
    page.get_by_label("Onderwerp").fill("Urenregistratie bij langdurige ziekte")
    page.get_by_label("Bericht").fill(
        "Tellen vervangende activiteiten mee voor de urenverplichting? Elke gemeente doet het anders."
    )
    page.get_by_role("button", name="Discussie plaatsen").click()
    page.get_by_role("heading", level=1, name="Urenregistratie bij langdurige ziekte").wait_for()
    assert axe_violations(page) == []
    _logout(page)

    # 4. The facilitator raises the thread as a signal on behalf of the community.
    login_in_browser(page, facilitator.email)
    thread = Thread.objects.get(community=community)
    page.goto(f"/communities/z-route/discussies/{thread.pk}/")
    page.get_by_role("link", name="Meld als signaal namens de community").click()
    assert (
        "Elke gemeente doet het anders."
        in page.get_by_label("Beschrijving van het knelpunt").input_value()
    )
    page.get_by_role("button", name="Signaal melden").click()
    page.get_by_text("Het signaal is namens de community gemeld").wait_for()
    thread.refresh_from_db()
    assert thread.signal is not None
    assert thread.signal.source == "community"
    assert thread.signal.source_label == "Z-route in de praktijk"
    assert page.get_by_role("link", name="Gemeld als signaal").count() == 1
    assert page.js_errors == []
