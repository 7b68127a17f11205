"""Community pages: the public description and who may see a community."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from ..routes import CommunityRoutesMixin


def _user_id(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user.pk


class Visibility(models.TextChoices):
    OPEN = "open", _("Open: iedereen met een account kan lid worden")
    CLOSED = "closed", _("Besloten: lidmaatschap op aanvraag")
    HIDDEN = "hidden", _("Verborgen: alleen op uitnodiging, onzichtbaar voor niet-leden")


# --------------------------------------------------------------------------- pages


class CommunityIndexPage(Page):
    """Lists the communities a visitor may see (``/communities/``)."""

    intro = models.TextField(_("introductie"), max_length=800, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["communities.CommunityPage"]
    max_count = 1

    class Meta:
        verbose_name = _("overzicht communities")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        communities = list(
            CommunityPage.objects.child_of(self)
            .live()
            .visible_to(user)
            .with_member_counts()
            .order_by("title")
        )
        own = {m.community_id: m for m in Membership.objects.for_user(user)}
        for community in communities:
            community.own_membership = own.get(community.pk)
        context["communities"] = communities
        return context


class CommunityPageQuerySet(PageQuerySet):
    def visible_to(self, user):
        """Pages whose existence the user may know: every non-hidden one plus hidden ones they belong to."""
        uid = _user_id(user)
        if uid is None:
            return self.exclude(visibility=Visibility.HIDDEN)
        return self.filter(
            ~Q(visibility=Visibility.HIDDEN)
            | Q(
                memberships__user_id=uid,
                memberships__status=Membership.Status.ACTIVE,
            )
        ).distinct()

    def readable_by(self, user):
        """Communities whose content (threads, events, documents, ...) the user may read."""
        uid = _user_id(user)
        if uid is None:
            return self.none()
        member_of = Membership.objects.filter(user_id=uid, status=Membership.Status.ACTIVE).values(
            "community_id"
        )
        return self.filter(Q(visibility=Visibility.OPEN) | Q(pk__in=member_of))

    def with_member_counts(self):
        return self.annotate(
            member_count=models.Count(
                "memberships",
                filter=Q(memberships__status=Membership.Status.ACTIVE),
                distinct=True,
            )
        )


CommunityPageManager = PageManager.from_queryset(CommunityPageQuerySet)


class CommunityPage(CommunityRoutesMixin, Page):
    """A Community of Practice. The page holds the public description; sub-routes serve the rest."""

    intro = models.TextField(
        _("korte omschrijving"),
        max_length=600,
        help_text=_("Zichtbaar voor iedereen die de community mag zien."),
    )
    body = RichTextField(
        _("over deze community"),
        features=["bold", "italic", "link", "ul", "ol", "h2", "h3"],
        blank=True,
    )
    visibility = models.CharField(
        _("zichtbaarheid"), max_length=16, choices=Visibility.choices, default=Visibility.OPEN
    )
    themes = ParentalManyToManyField("taxonomy.Theme", blank=True, verbose_name=_("thema's"))

    objects = CommunityPageManager()

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("visibility"),
        FieldPanel("themes"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["communities.CommunityIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")

    # Hidden communities never enter the (shared) search index.
    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().exclude(visibility=Visibility.HIDDEN)

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        if self.visibility == Visibility.HIDDEN and self.pk:
            from wagtail.search.index import remove_object

            try:
                remove_object(self)
            except Exception:  # pragma: no cover - index backends may be unavailable
                pass
        return result

    @property
    def is_hidden(self) -> bool:
        return self.visibility == Visibility.HIDDEN

    @property
    def is_open(self) -> bool:
        return self.visibility == Visibility.OPEN

    @property
    def public_label(self) -> str:
        """How this community may be named outside it (hidden ones stay anonymous)."""
        if self.is_hidden:
            return str(_("een Community of Practice"))
        return self.title

    # Access checks, cached per request on the user object.
    def membership_of(self, user) -> Membership | None:
        uid = _user_id(user)
        if uid is None:
            return None
        cache = user.__dict__.setdefault("_community_memberships", {})
        if self.pk not in cache:
            cache[self.pk] = Membership.objects.filter(community_id=self.pk, user_id=uid).first()
        return cache[self.pk]

    def forget_membership(self, user) -> None:
        getattr(user, "_community_memberships", {}).pop(self.pk, None)

    def is_member(self, user) -> bool:
        m = self.membership_of(user)
        return bool(m and m.status == Membership.Status.ACTIVE)

    def is_facilitator(self, user) -> bool:
        m = self.membership_of(user)
        return bool(m and m.is_active_facilitator)

    def is_visible_to(self, user) -> bool:
        return not self.is_hidden or self.is_member(user)

    def can_read(self, user) -> bool:
        if _user_id(user) is None:
            return False
        return self.is_open or self.is_member(user)

    def require_visible(self, user):
        if not self.is_visible_to(user):
            raise Http404

    def require_readable(self, user):
        self.require_visible(user)
        if not self.can_read(user):
            raise PermissionDenied

    def require_member(self, user):
        self.require_visible(user)
        if not self.is_member(user):
            raise PermissionDenied

    def require_facilitator(self, user):
        self.require_visible(user)
        if not self.is_facilitator(user):
            raise PermissionDenied


def _readable_ids(user):
    return CommunityPage.objects.readable_by(user).values("pk")


# Membership refers to CommunityPage; imported after it is defined.
from .membership import Membership  # noqa: E402
