"""Subscriptions ("volgopdrachten"): a new signal reaches the people who follow its theme,
region, phase, organisation or a saved search, immediately or in their daily/weekly digest."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import roles
from notifications import subscriptions as subs
from notifications.models import Notification, NotificationPreference, OutboxMessage
from notifications.tasks import send_daily_digest, send_weekly_digest
from signals.subscriptions import fan_out
from taxonomy.factories import OrganisationFactory, PhaseFactory, RegionFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def _run():
        return django_capture_on_commit_callbacks(execute=True)

    return _run


@pytest.fixture
def taxonomy():
    region = RegionFactory(name="Volgregio Midden")
    return {
        "theme": ThemeFactory(name="Volgthema overdracht"),
        "other_theme": ThemeFactory(name="Volgthema KNM"),
        "region": region,
        "other_region": RegionFactory(name="Volgregio Zuid"),
        "phase": PhaseFactory(name="Volgfase voorbereiden"),
        "organisation": OrganisationFactory(name="Volggemeente", region=region),
    }


def _notified(user):
    return list(Notification.objects.filter(recipient=user, verb="subscription-signal"))


@pytest.mark.parametrize(
    "criterion", ["theme", "region", "phase", "organisation", "query"], ids=str
)
def test_each_kind_of_subscription_matches_a_new_signal(
    criterion, make_user, submit, taxonomy, committed
):
    follower = make_user(role=roles.KETENPARTNER)
    bystander = make_user(role=roles.PROFESSIONAL)
    if criterion == "query":
        subs.subscribe(follower, query="DRIEGESPREK", frequency="immediate")
        subs.subscribe(bystander, query="leerbaarheidstoets", frequency="immediate")
    else:
        subs.subscribe(follower, frequency="immediate", **{criterion: taxonomy[criterion]})
        other = "other_theme" if criterion == "theme" else "other_region"
        field = "theme" if criterion == "theme" else "region"
        subs.subscribe(bystander, frequency="immediate", **{field: taxonomy[other]})
    with committed():
        signal = submit(
            themes=[taxonomy["theme"]],
            phase=taxonomy["phase"],
            organisation=taxonomy["organisation"],
        )
    [note] = _notified(follower)
    assert note.url == signal.get_absolute_url()
    assert "Driegesprek" in note.title
    assert _notified(bystander) == []
    [message] = [m for m in mail.outbox if m.to == [follower.email]]
    assert "Nieuw signaal in uw volgopdracht" in message.subject
    assert (
        "volgopdrachten" in message.message()["List-Unsubscribe"]
        or message.message()["List-Unsubscribe"]
    )


def test_all_set_criteria_must_match(make_user, submit, taxonomy, committed):
    follower = make_user(role=roles.COORDINATOR_SCHAKEL)
    subs.subscribe(follower, theme=taxonomy["theme"], region=taxonomy["other_region"])
    with committed():
        submit(themes=[taxonomy["theme"]], organisation=taxonomy["organisation"])
    assert _notified(follower) == []


def test_daily_and_weekly_subscriptions_go_into_the_digest(make_user, submit, taxonomy, committed):
    daily = make_user(role=roles.PROFESSIONAL)
    weekly = make_user(role=roles.KETENPARTNER)
    subs.subscribe(daily, theme=taxonomy["theme"], frequency="daily")
    subs.subscribe(weekly, theme=taxonomy["theme"], frequency="weekly")
    with committed():
        submit(themes=[taxonomy["theme"]])
    assert mail.outbox == [] or all(
        m.to not in ([daily.email], [weekly.email]) for m in mail.outbox
    )
    with committed():
        assert send_daily_digest.apply().get() == 1
    [digest] = [m for m in mail.outbox if m.to == [daily.email]]
    assert "Driegesprek" in digest.body and "dagoverzicht" in digest.subject
    assert not [m for m in mail.outbox if m.to == [weekly.email]]
    with committed():
        assert send_weekly_digest.apply().get() == 1
    [week] = [m for m in mail.outbox if m.to == [weekly.email]]
    assert "weekoverzicht" in week.subject


def test_immediate_subscription_mails_at_once_even_when_the_preference_is_a_digest(
    make_user, submit, taxonomy, committed
):
    user = make_user(role=roles.PROFESSIONAL)
    NotificationPreference.objects.create(user=user, digest="weekly")
    subs.subscribe(user, region=taxonomy["region"], frequency="immediate")
    with committed():
        submit(organisation=taxonomy["organisation"])
    assert [m.to for m in mail.outbox if m.to == [user.email]] == [[user.email]]


def test_several_matching_subscriptions_give_one_notification_at_the_most_frequent_choice(
    make_user, submit, taxonomy, committed
):
    user = make_user(role=roles.PROFESSIONAL)
    subs.subscribe(user, theme=taxonomy["theme"], frequency="weekly")
    subs.subscribe(user, region=taxonomy["region"], frequency="daily")
    with committed():
        submit(themes=[taxonomy["theme"]], organisation=taxonomy["organisation"])
    [note] = _notified(user)
    assert note.digest_pending and note.digest_mode == "daily"


def test_a_subscriber_never_hears_of_a_signal_they_cannot_see(
    make_user, submit, taxonomy, committed
):
    from signals.models import Signal

    newcomer = make_user(role=roles.INBURGERAAR)
    inactive = make_user(role=roles.PROFESSIONAL, is_active=False)
    submitter = make_user(role=roles.PROFESSIONAL)
    for user in (newcomer, inactive, submitter):
        subs.subscribe(user, theme=taxonomy["theme"], frequency="immediate")
    with committed():
        signal = submit(user=submitter, themes=[taxonomy["theme"]])
    assert not Signal.objects.visible_to(newcomer).filter(pk=signal.pk).exists()
    assert Notification.objects.filter(verb="subscription-signal").count() == 0
    assert mail.outbox == [] or all(m.to != [newcomer.email] for m in mail.outbox)


def test_e_mail_off_or_category_muted_keeps_the_notification_in_site_only(
    make_user, submit, taxonomy, committed
):
    user = make_user(role=roles.PROFESSIONAL)
    NotificationPreference.objects.create(user=user, muted_categories=["volgopdrachten"])
    subs.subscribe(user, theme=taxonomy["theme"], frequency="immediate")
    with committed():
        submit(themes=[taxonomy["theme"]])
    [note] = _notified(user)
    assert not note.digest_pending
    assert all(m.to != [user.email] for m in mail.outbox)


def test_unsubscribe_link_in_the_mail_stops_subscription_mail(
    make_user, submit, taxonomy, committed, client
):
    user = make_user(role=roles.PROFESSIONAL)
    subs.subscribe(user, theme=taxonomy["theme"], frequency="immediate")
    with committed():
        submit(themes=[taxonomy["theme"]])
    [message] = [m for m in mail.outbox if m.to == [user.email]]
    link = message.message()["List-Unsubscribe"].strip("<>")
    path = link.split("://", 1)[-1].split("/", 1)[1]
    response = client.post("/" + path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=user).muted_categories == ["volgopdrachten"]
    mail.outbox.clear()
    with committed():
        submit(themes=[taxonomy["theme"]], title="Nog een knelpunt bij de overdracht")
    assert all(m.to != [user.email] for m in mail.outbox)


def _fanout_queries(signal):
    with CaptureQueriesContext(connection) as ctx:
        fan_out(signal.pk)
    return len(ctx.captured_queries)


def test_fan_out_costs_the_same_number_of_queries_for_1_or_40_subscribers(
    make_user, submit, taxonomy
):
    signal = submit(themes=[taxonomy["theme"]], organisation=taxonomy["organisation"])
    first = make_user(role=roles.PROFESSIONAL)
    subs.subscribe(first, theme=taxonomy["theme"], frequency="immediate")
    Notification.objects.all().delete()
    few = _fanout_queries(signal)
    for i in range(40):
        user = make_user(role=roles.PROFESSIONAL)
        kind = ["theme", "region", "organisation"][i % 3]
        subs.subscribe(
            user, frequency=["immediate", "daily", "weekly"][i % 3], **{kind: taxonomy[kind]}
        )
        subs.subscribe(user, query="overdracht")
    Notification.objects.all().delete()
    OutboxMessage.objects.all().delete()
    many = _fanout_queries(signal)
    assert Notification.objects.filter(verb="subscription-signal").count() == 41
    assert many == few <= 12


def test_subscribe_refuses_empty_criteria_bad_frequency_and_personal_data(make_user):
    from django.core.exceptions import ValidationError

    user = make_user(role=roles.PROFESSIONAL)
    with pytest.raises(ValidationError):
        subs.subscribe(user)
    with pytest.raises(ValidationError):
        subs.subscribe(user, query="overdracht", frequency="hourly")
    with pytest.raises(ValidationError):
        subs.subscribe(user, query="BSN 111222333")
    again = subs.subscribe(user, query="overdracht", frequency="weekly")
    same = subs.subscribe(user, query="overdracht", frequency="immediate")
    assert again.pk == same.pk and same.frequency == "immediate"


def test_an_outcome_reaches_subscribers_once_and_not_the_followers_twice(
    make_user, submit, taxonomy, committed
):
    from signals import services
    from signals.models import Follow

    coordinator = make_user(role=roles.COORDINATOR_UITVOERING)
    subscriber = make_user(role=roles.KETENPARTNER)
    follower = make_user(role=roles.PROFESSIONAL)
    subs.subscribe(subscriber, theme=taxonomy["theme"], frequency="immediate")
    subs.subscribe(follower, theme=taxonomy["theme"], frequency="immediate")
    with committed():
        signal = submit(themes=[taxonomy["theme"]])
    Follow.objects.create(user=follower, signal=signal)
    mail.outbox.clear()
    with committed():
        services.apply_action(signal, "resolve", coordinator, "Werkinstructie aangepast.")
    titles = {m.to[0]: m.subject for m in mail.outbox}
    assert titles[subscriber.email].startswith("Uitkomst bij een signaal uit uw volgopdracht")
    # The follower hears it as a follower (signal-resolve), not a second time as subscriber.
    assert Notification.objects.filter(recipient=follower, verb="subscription-signal").count() == 1
    assert Notification.objects.filter(recipient=follower, verb="signal-resolve").count() == 1
    assert (
        Notification.objects.filter(recipient=subscriber, verb="subscription-signal").count() == 2
    )
