"""Factories and small builders for tests and demo content."""

from datetime import timedelta

import factory
from django.utils import timezone

from accounts.factories import UserFactory
from core.pages import home_page

from .models import (
    CommunityIndexPage,
    CommunityPage,
    Event,
    Membership,
    Post,
    Thread,
    Visibility,
)


def community_index(home=None) -> CommunityIndexPage:
    index = CommunityIndexPage.objects.first()
    if index is None:
        home = home or home_page()
        index = CommunityIndexPage(
            title="Communities", slug="communities", show_in_menus=True, intro=""
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


_counter = iter(range(1, 10**9))


def make_community(
    visibility=Visibility.OPEN, facilitator=None, title=None, slug=None, **fields
) -> CommunityPage:
    n = next(_counter)
    title = title or f"Community {n}"
    page = CommunityPage(
        title=title,
        slug=slug or f"community-{n}",
        intro=fields.pop("intro", f"Omschrijving van {title}."),
        visibility=visibility,
        **fields,
    )
    community_index().add_child(instance=page)
    page.save_revision().publish()
    page = CommunityPage.objects.get(pk=page.pk)
    if facilitator is not None:
        add_membership(page, facilitator, role=Membership.Role.FACILITATOR)
    return page


def add_membership(
    community, user, role=Membership.Role.MEMBER, status=Membership.Status.ACTIVE, **fields
):
    membership, _ = Membership.objects.update_or_create(
        community=community,
        user=user,
        defaults={
            "role": role,
            "status": status,
            "joined_at": timezone.now() if status == Membership.Status.ACTIVE else None,
            **fields,
        },
    )
    return membership


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    title = factory.Sequence(lambda n: f"Discussie {n}")
    author = factory.SubFactory(UserFactory)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"<p>Bericht {n} over de praktijk.</p>")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Bijeenkomst {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    location = "Utrecht, Jaarbeurs"
