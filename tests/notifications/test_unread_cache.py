"""The bell's unread count comes from the shared cache and is fresh after every change."""

import pytest
from django.test import RequestFactory

from notifications import services
from notifications.context_processors import notifications as bell_context
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def _bell(user) -> int:
    request = RequestFactory().get("/")
    request.user = user
    return int(str(bell_context(request)["unread_notifications"]))


def _deliver(user, key):
    content = {"verb": "signal-status", "title": "Status gewijzigd", "body": "", "url": "/x/"}
    services.deliver([user.pk], {**content, "event_key": key, "email": False})


def test_count_is_cached_and_fresh_after_new_and_read_notifications(
    shared_cache, client_for, django_assert_num_queries
):
    client, user = client_for()
    _deliver(user, "a")
    _deliver(user, "b")
    assert _bell(user) == 2
    with django_assert_num_queries(0):
        assert _bell(user) == 2

    _deliver(user, "c")  # a new notification shows on the next page
    assert _bell(user) == 3

    first = Notification.objects.filter(recipient=user).order_by("pk").first()
    client.post(f"/meldingen/{first.pk}/gelezen/")
    assert _bell(user) == 2
    html = client.get("/meldingen/").content.decode()
    assert '<span class="utrecht-badge-counter" aria-hidden="true">2</span>' in html

    client.post("/meldingen/alles-gelezen/")
    assert _bell(user) == 0
    assert "utrecht-badge-counter" not in client.get("/meldingen/").content.decode()


def test_counts_are_per_person(shared_cache, make_user):
    one, other = make_user(), make_user()
    _deliver(one, "a")
    assert _bell(one) == 1
    assert _bell(other) == 0
    _deliver(other, "b")
    assert (_bell(one), _bell(other)) == (1, 1)


def test_process_local_cache_counts_every_page(client_for, django_assert_num_queries):
    """Without a shared cache (no REDIS_URL) another process could not forget a count."""
    _client, user = client_for()
    _deliver(user, "a")
    for _ in range(2):
        with django_assert_num_queries(1):
            assert _bell(user) == 1
