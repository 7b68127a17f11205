from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from communities import services
from communities.models import AppendOnlyError, ModerationLog, Post, ThreadFollow
from notifications.models import Notification

pytestmark = pytest.mark.django_db

XSS = (
    '<script>alert(1)</script><p onclick="steal()">Zie <a href="javascript:alert(2)">dit</a> '
    'en <a href="https://www.divosa.nl/inburgering">de handreiking</a>.</p>'
    '<img src=x onerror=alert(3)><iframe src="https://evil.example"></iframe>'
    "<ul><li><em>eerst</em> de intake</li></ul><style>body{display:none}</style>"
)


def test_post_text_is_sanitised_but_links_lists_and_emphasis_stay(client, open_community, member):
    client.force_login(member)
    response = client.post(
        open_community.url + "discussies/nieuw/", {"title": "Werkwijze <b>intake</b>", "body": XSS}
    )
    assert response.status_code == 302
    post = Post.objects.get()
    for forbidden in ("<script", "onclick", "javascript:", "<img", "onerror", "<iframe", "<style"):
        assert forbidden not in post.body
    assert '<a href="https://www.divosa.nl/inburgering" rel="nofollow noopener ugc">' in post.body
    assert "<ul><li><em>eerst</em> de intake</li></ul>" in post.body
    assert post.thread.title == "Werkwijze intake"
    html = client.get(response["Location"]).content.decode()
    assert "<script>alert" not in html
    assert 'href="https://www.divosa.nl/inburgering"' in html


def test_plain_text_becomes_paragraphs(open_community, member):
    thread = services.start_thread(
        open_community, member, "Vraag", "Regel een\nregel twee\n\nNieuwe alinea"
    )
    assert thread.posts.get().body == "<p>Regel een<br>regel twee</p><p>Nieuwe alinea</p>"


def test_personal_data_in_a_post_is_refused_and_text_kept(client, open_community, member):
    client.force_login(member)
    body = "Mevrouw met BSN 111222333 belde over haar PIP."
    response = client.post(
        open_community.url + "discussies/nieuw/", {"title": "Casus", "body": body}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "burgerservicenummer" in html
    assert "belde over haar PIP" in html  # what was typed is kept
    assert not Post.objects.exists()


def test_too_long_post_is_refused(open_community, member):
    with pytest.raises(ValidationError, match="maximaal"):
        services.start_thread(open_community, member, "Lang", "a" * (services.MAX_POST_LENGTH + 1))


def test_non_members_cannot_post_even_in_open_community(client, open_community, outsider):
    thread = services.start_thread(
        open_community, open_community.memberships.first().user, "T", "Tekst"
    )
    client.force_login(outsider)
    assert client.get(thread.get_path()).status_code == 200  # open: readable when signed in
    response = client.post(thread.get_path(), {"body": "Ik ben geen lid"})
    assert response.status_code == 403
    assert thread.posts.count() == 1


@override_settings(COMMUNITIES_EDIT_WINDOW_MINUTES=30)
def test_edit_within_window_only(client, open_community, member, facilitator):
    thread = services.start_thread(open_community, member, "Vraag", "Eerste versie")
    post = thread.posts.get()
    client.force_login(member)
    client.post(open_community.url + f"berichten/{post.pk}/bewerken/", {"body": "Tweede versie"})
    post.refresh_from_db()
    assert "Tweede versie" in post.body and post.edited_at is not None
    # Someone else may not edit it.
    with pytest.raises(PermissionDenied):
        services.edit_post(post, facilitator, "Overschreven")
    # After the window it is closed.
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(minutes=31))
    post.refresh_from_db()
    response = client.post(
        open_community.url + f"berichten/{post.pk}/bewerken/", {"body": "Te laat"}, follow=True
    )
    assert "30 minuten" in response.content.decode()
    post.refresh_from_db()
    assert "Te laat" not in post.body


def test_quote_prefills_reply_with_blockquote(client, open_community, member, facilitator):
    thread = services.start_thread(
        open_community, facilitator, "Vraag", "Wat doen jullie met <em>KNM</em>?"
    )
    post = thread.posts.get()
    client.force_login(member)
    html = client.get(thread.get_path() + f"?citeer={post.pk}").content.decode()
    assert "&lt;blockquote&gt;" in html  # server-side prefill inside the textarea
    assert "schreef" in html and "KNM" in html
    response = client.post(
        thread.get_path(),
        {"body": services.quote_prefill(post) + "Wij plannen KNM na de intake.", "quote": post.pk},
    )
    assert response.status_code == 302
    reply = thread.posts.exclude(pk=post.pk).get()
    assert reply.body.startswith("<blockquote>") and reply.quoted_post == post
    assert "Wij plannen KNM" in reply.body


def test_mark_answer_by_author_or_facilitator_only(
    client, open_community, member, facilitator, outsider
):
    services.join(open_community, outsider)
    thread = services.start_thread(open_community, member, "Vraag", "Hoe?")
    answer = services.reply(thread, outsider, "Zo!")
    with pytest.raises(PermissionDenied):
        services.mark_answer(thread, answer, outsider)
    client.force_login(member)
    client.post(open_community.url + f"berichten/{answer.pk}/antwoord/")
    thread.refresh_from_db()
    assert thread.answer == answer
    html = client.get(thread.get_path()).content.decode()
    assert "Naar het gemarkeerde antwoord" in html
    with pytest.raises(ValidationError):
        services.mark_answer(thread, thread.posts.get(is_opening=True), facilitator)
    services.mark_answer(thread, None, facilitator)
    thread.refresh_from_db()
    assert thread.answer is None


def test_follow_unfollow_and_followers_are_notified(client, open_community, member, facilitator):
    thread = services.start_thread(open_community, facilitator, "Vraag", "Hoe?")
    client.force_login(member)
    client.post(thread.get_path() + "volgen/", {"action": "follow"})
    assert ThreadFollow.objects.filter(thread=thread, user=member).exists()
    services.reply(thread, facilitator, "Aanvulling")
    assert Notification.objects.filter(recipient=member, verb="community-post").count() == 1
    client.post(thread.get_path() + "volgen/", {"action": "unfollow"})
    assert not ThreadFollow.objects.filter(thread=thread, user=member).exists()
    services.reply(thread, facilitator, "Nog een")
    assert Notification.objects.filter(recipient=member, verb="community-post").count() == 1


def test_mention_notifies_the_member_by_handle(closed_community, member, facilitator, outsider):
    thread = services.start_thread(closed_community, facilitator, "Vraag", "Hoe?")
    # "lid" is the local part of member's address; "buiten" is not a member and gets nothing.
    services.reply(thread, facilitator, "Wat vind jij, @lid? En @buiten?")
    note = Notification.objects.get(recipient=member, verb="community-mention")
    assert "noemde u" in note.title
    assert "#bericht-" in note.url
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_immediate_preference_notifies_on_new_posts(open_community, member, facilitator):
    open_community.memberships.filter(user=member).update(notification_preference="immediate")
    thread = services.start_thread(open_community, facilitator, "Nieuw", "Tekst")
    assert Notification.objects.filter(recipient=member, verb="community-post").exists()
    assert thread.posts.count() == 1


def test_report_hide_restore_with_logged_reason(client, closed_community, member, facilitator):
    thread = services.start_thread(closed_community, member, "Vraag", "Scherpe tekst")
    post = thread.posts.get()
    client.force_login(facilitator)
    services.report_post(post, facilitator, "Niet collegiaal")
    assert "Niet collegiaal" in client.get(closed_community.url + "moderatie/").content.decode()

    client.post(
        closed_community.url + f"berichten/{post.pk}/verbergen/", {"reason": "Toon past niet"}
    )
    post.refresh_from_db()
    assert post.is_hidden
    note = Notification.objects.get(recipient=member, verb="community-moderation")
    assert "verborgen" in note.title and "Toon past niet" in note.body

    client.force_login(member)
    html = client.get(thread.get_path()).content.decode()
    assert "verborgen door een facilitator" in html
    assert "Scherpe tekst" not in html

    services.restore_post(post, facilitator, "Na overleg")
    log = list(ModerationLog.objects.filter(post=post).order_by("pk"))
    assert [(e.action, e.reason) for e in log] == [
        ("hide", "Toon past niet"),
        ("restore", "Na overleg"),
    ]
    with pytest.raises(AppendOnlyError):
        log[0].reason = "gewijzigd"
        log[0].save()
    with pytest.raises(AppendOnlyError):
        log[0].delete()
    # A reason is required.
    with pytest.raises(ValidationError):
        services.hide_post(post, facilitator, "  ")


def test_members_cannot_hide_posts(client, closed_community, member, facilitator):
    thread = services.start_thread(closed_community, facilitator, "Vraag", "Tekst")
    post = thread.posts.get()
    client.force_login(member)
    response = client.post(
        closed_community.url + f"berichten/{post.pk}/verbergen/", {"reason": "x"}
    )
    assert response.status_code == 403
    post.refresh_from_db()
    assert not post.is_hidden
