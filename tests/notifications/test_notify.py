"""notify(): in-site notifications plus e-mail, in the recipient's language, by their preferences."""

import pytest
from django.core import mail

from notifications import categories
from notifications.models import Notification, NotificationPreference, OutboxMessage
from notifications.services import notify

pytestmark = pytest.mark.django_db


def _notify(users, **kw):
    defaults = dict(
        verb="signal-status",
        title="Uw signaal is doorgezet naar schakelniveau",
        body="De coördinator heeft het signaal gebundeld.",
        url="/signalen/12/",
        event_key="signal:12:status:3",
    )
    defaults.update(kw)
    return notify(users, **defaults)


def test_notify_creates_notification_and_dutch_email(make_user, committed):
    user = make_user(first_name="Noor", preferred_language="nl")
    with committed():
        assert _notify([user]) == 1
    notification = Notification.objects.get(recipient=user)
    assert notification.title == "Uw signaal is doorgezet naar schakelniveau"
    assert notification.read_at is None
    [email] = mail.outbox
    assert email.to == [user.email]
    assert email.subject == "Uw signaal is doorgezet naar schakelniveau"
    assert "Beste Noor," in email.body
    assert "http://testserver/signalen/12/" in email.body
    html = email.alternatives[0][0]
    assert 'href="http://testserver/signalen/12/"' in html
    assert "Bekijk het op het platform" in html
    assert "Geen e-mail meer over meldingen" in email.body


def test_email_in_english_for_english_speaking_user(make_user, committed):
    user = make_user(first_name="Sam", preferred_language="en")
    with committed():
        _notify([user])
    [email] = mail.outbox
    assert "Dear Sam," in email.body
    assert "View it here:" in email.body
    assert "View it on the platform" in email.alternatives[0][0]
    assert "Stop e-mails about notifications" in email.body


def test_email_has_one_click_unsubscribe_headers_and_stable_message_id(make_user, committed):
    user = make_user()
    with committed():
        _notify([user])
    [email] = mail.outbox
    message = email.message()
    assert message["List-Unsubscribe"].startswith("<http://testserver/meldingen/afmelden/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    outbox_id = OutboxMessage.objects.get(handler="notifications.send_email").pk
    assert message["Message-ID"].startswith(f"<outbox.{outbox_id}.")


def test_same_event_twice_notifies_once_and_exclude_skips_the_actor(make_user, committed):
    actor, other = make_user(), make_user()
    with committed():
        assert _notify([actor, other], exclude=actor) == 1
        assert _notify([actor, other], exclude=actor) == 0
    assert Notification.objects.filter(recipient=other).count() == 1
    assert not Notification.objects.filter(recipient=actor).exists()
    assert len(mail.outbox) == 1


def test_inactive_users_and_email_false(make_user, committed):
    inactive = make_user(is_active=False)
    active = make_user()
    with committed():
        assert _notify([inactive, active], email=False) == 1
    assert Notification.objects.filter(recipient=active).exists()
    assert not Notification.objects.filter(recipient=inactive).exists()
    assert len(mail.outbox) == 0


def test_notify_uses_a_constant_number_of_queries(make_user, django_assert_max_num_queries):
    few = [make_user() for _ in range(2)]
    many = [make_user() for _ in range(30)]
    with django_assert_max_num_queries(12):
        _notify(few, event_key="q:1")
    with django_assert_max_num_queries(12):
        _notify(many, event_key="q:2")
    assert Notification.objects.filter(event_key="q:2").count() == 30
    assert OutboxMessage.objects.filter(dedupe_key__startswith="notify:q:2:").count() == 30


def test_muted_category_gets_no_email_but_still_the_notification(make_user, committed):
    user = make_user()
    NotificationPreference.objects.create(user=user, muted_categories=["signalen"])
    with committed():
        _notify([user])
        _notify(
            [user], verb="community-post", title="Nieuw bericht in uw community", event_key="c:1"
        )
    assert Notification.objects.filter(recipient=user).count() == 2
    assert [m.subject for m in mail.outbox] == ["Nieuw bericht in uw community"]


def test_all_email_off(make_user, committed):
    user = make_user()
    NotificationPreference.objects.create(user=user, email_enabled=False)
    with committed():
        _notify([user], urgent=True)
    assert Notification.objects.filter(recipient=user).count() == 1
    assert mail.outbox == []


def test_digest_mode_holds_email_but_urgent_goes_now(make_user, committed):
    user = make_user()
    NotificationPreference.objects.create(user=user, digest="daily")
    with committed():
        _notify([user], event_key="d:1")
        _notify([user], title="Termijn verloopt morgen", event_key="d:2", urgent=True)
    assert [m.subject for m in mail.outbox] == ["Termijn verloopt morgen"]
    assert Notification.objects.get(event_key="d:1").digest_pending is True
    assert Notification.objects.get(event_key="d:2").digest_pending is False


def test_preferences_changed_after_queueing_are_respected(make_user):
    """The e-mail handler checks again: unsubscribing between action and delivery works."""
    from django.db import transaction

    from notifications import outbox

    user = make_user()
    with transaction.atomic():
        _notify([user])
    message = OutboxMessage.objects.get(handler="notifications.send_email")
    NotificationPreference.objects.create(user=user, email_enabled=False)
    assert outbox.run(message.pk) == "done"
    assert mail.outbox == []


def test_large_audience_is_fanned_out_in_the_background(
    make_user, settings, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    settings.NOTIFICATIONS_FANOUT_THRESHOLD = 5
    users = [make_user() for _ in range(12)]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with django_assert_max_num_queries(6):
            count = _notify(users, verb="dossier-outcome", event_key="dossier:4:outcome")
    assert count == 12
    # The request wrote one message; nothing per person yet.
    assert OutboxMessage.objects.get().handler == "notifications.fanout"
    assert not Notification.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert Notification.objects.filter(event_key="dossier:4:outcome").count() == 12
    assert len(mail.outbox) == 12
    assert OutboxMessage.objects.filter(status="done").count() == 13
    # Running the same fan-out again (e.g. a redelivered task) adds nothing.
    from notifications.services import deliver

    fanout = OutboxMessage.objects.get(handler="notifications.fanout")
    with django_capture_on_commit_callbacks(execute=True):
        content = {k: v for k, v in fanout.payload.items() if k != "user_ids"}
        assert deliver(fanout.payload["user_ids"], content) == 0
    assert len(mail.outbox) == 12


def test_verbs_map_to_categories_and_apps_can_register():
    assert categories.category_for("signal-status") == "signalen"
    assert categories.category_for("dossier_outcome") == "signalen"
    assert categories.category_for("community-post") == "communities"
    assert categories.category_for("review-reminder") == "kennis"
    assert categories.category_for("something-else") == categories.OTHER
    categories.register("tests", "Testmeldingen", verbs=["special-verb"])
    try:
        assert categories.category_for("special-verb") == "tests"
    finally:
        categories._categories.pop("tests")
