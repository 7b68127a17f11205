"""Communities of Practice: public description as Wagtail pages, the rest as plain models.

Visibility is decided in one place per model (``visible_to(user)``):

* a community *page* is visible to everyone unless the community is hidden; a hidden
  community exists only for its active members;
* community *content* (threads, posts, events, documents, opbrengsten, members) is readable
  by active members; for open communities also by every signed-in user.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.appendonly import AppendOnlyError, AppendOnlyModel  # noqa: F401

from .routes import CommunityRoutesMixin


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


# --------------------------------------------------------------------------- membership


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Membership.Status.ACTIVE)

    def for_user(self, user):
        uid = _user_id(user)
        return self.filter(user_id=uid) if uid else self.none()

    def visible_to(self, user):
        """Memberships (member lists) the user may see: those of communities they may read."""
        return self.filter(community__in=CommunityPage.objects.readable_by(user).values("pk"))

    def facilitators(self):
        return self.active().filter(role=Membership.Role.FACILITATOR)


class Membership(models.Model):
    class Role(models.TextChoices):
        FACILITATOR = "facilitator", _("Facilitator")
        MEMBER = "member", _("Lid")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Aangevraagd")
        INVITED = "invited", _("Uitgenodigd")
        ACTIVE = "active", _("Actief")
        DECLINED = "declined", _("Afgewezen")
        REMOVED = "removed", _("Verwijderd")
        LEFT = "left", _("Vertrokken")

    class Digest(models.TextChoices):
        IMMEDIATE = "immediate", _("Direct bij elk nieuw bericht")
        DAILY = "daily", _("Eén keer per dag een overzicht")
        WEEKLY = "weekly", _("Eén keer per week een overzicht")
        NONE = "none", _("Geen e-mail")

    community = models.ForeignKey(
        CommunityPage,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("community"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_memberships",
        verbose_name=_("gebruiker"),
    )
    role = models.CharField(_("rol"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED
    )
    notification_preference = models.CharField(
        _("e-mail over nieuwe berichten"),
        max_length=16,
        choices=Digest.choices,
        default=Digest.WEEKLY,
    )
    motivation = models.TextField(_("toelichting bij de aanvraag"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    joined_at = models.DateTimeField(_("lid sinds"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("besloten door"),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["community", "user__last_name", "user__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="community_member_unique")
        ]
        indexes = [models.Index(fields=["community", "status", "role"])]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")

    def __str__(self):
        return f"{self.user} @ {self.community} ({self.get_status_display()})"

    @property
    def is_active_facilitator(self) -> bool:
        return self.status == self.Status.ACTIVE and self.role == self.Role.FACILITATOR


class Invitation(models.Model):
    """An invitation by e-mail. The link carries a signed token; the invitee may not have an account yet."""

    community = models.ForeignKey(
        CommunityPage, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mailadres"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("persoonlijke boodschap"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self):
        return f"{self.email} → {self.community}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None


# --------------------------------------------------------------------------- discussions


def _readable_ids(user):
    return CommunityPage.objects.readable_by(user).values("pk")


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(community__in=_readable_ids(user))


class Thread(models.Model):
    community = models.ForeignKey(CommunityPage, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("onderwerp"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    reply_count = models.PositiveIntegerField(default=0)
    answer = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="ThreadFollow", related_name="followed_threads"
    )
    signal = models.ForeignKey(
        "signals.Signal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gemeld als signaal"),
    )

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-last_activity_at", "-pk"]
        verbose_name = _("discussie")
        verbose_name_plural = _("discussies")

    def __str__(self):
        return self.title

    def get_path(self, base=None) -> str:
        return f"{base or self.community.url}discussies/{self.pk}/"


class ThreadFollow(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="thread_follow_unique")
        ]

    def __str__(self):
        return f"{self.user} volgt {self.thread}"


class PostQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Posts the user may read: in readable communities, not hidden by a moderator."""
        return self.filter(thread__community__in=_readable_ids(user), is_hidden=False)


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("bericht"))
    is_opening = models.BooleanField(default=False)
    quoted_post = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(_("verborgen"), default=False)
    hidden_reason = models.CharField(_("reden van verbergen"), max_length=500, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "created_at"])]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")

    def __str__(self):
        return f"{self.thread} #{self.pk}"

    def editable_until(self):
        from .services import edit_window

        return self.created_at + edit_window()


class PostReport(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reden"), max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("melding van een bericht")
        verbose_name_plural = _("meldingen van berichten")

    def __str__(self):
        return f"{self.post}: {self.reason[:40]}"


class ModerationLog(AppendOnlyModel):
    """Append-only: every hide and restore of a post, with who did it and why."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Verborgen")
        RESTORE = "restore", _("Hersteld")

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="moderation_log")
    community = models.ForeignKey(
        CommunityPage, on_delete=models.CASCADE, related_name="moderation_log"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    reason = models.TextField(_("reden"), max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderatielog")
        verbose_name_plural = _("moderatielog")

    def __str__(self):
        return f"{self.get_action_display()}: {self.post} ({self.reason[:40]})"


# --------------------------------------------------------------------------- events


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(community__in=_readable_ids(user))

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at")


class Event(models.Model):
    """A bijeenkomst of a community."""

    community = models.ForeignKey(CommunityPage, on_delete=models.CASCADE, related_name="events")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("titel"), max_length=200)
    starts_at = models.DateTimeField(_("begint"))
    ends_at = models.DateTimeField(_("eindigt"))
    location = models.CharField(_("plaats"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    agenda = models.TextField(_("agenda"), max_length=5000, blank=True)
    capacity = models.PositiveIntegerField(
        _("maximum aantal deelnemers"),
        null=True,
        blank=True,
        help_text=_("Leeg laten voor onbeperkt."),
    )
    waitlist_enabled = models.BooleanField(_("wachtlijst als het vol is"), default=True)
    report = models.TextField(_("verslag"), max_length=20000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")

    def __str__(self):
        return self.title

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()


class RSVP(models.Model):
    class Status(models.TextChoices):
        GOING = "going", _("Aangemeld")
        WAITLIST = "waitlist", _("Op de wachtlijst")
        CANCELLED = "cancelled", _("Afgemeld")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="rsvp_unique")]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")

    def __str__(self):
        return f"{self.user} – {self.event} ({self.status})"


# --------------------------------------------------------------------------- documents


class PrivateDocumentStorage(FileSystemStorage):
    """Files outside MEDIA_ROOT, without a public URL: they are streamed by a checked view."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(
            getattr(
                settings,
                "COMMUNITIES_DOCUMENT_ROOT",
                Path(settings.BASE_DIR) / "private_media" / "communities",
            )
        )

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    def url(self, name):  # never a public URL
        raise ValueError("Community documents have no public URL")


private_storage = PrivateDocumentStorage()


def _get_private_storage():
    return private_storage


def document_upload_to(instance, filename):
    return f"{instance.community_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(community__in=_readable_ids(user))


class Document(models.Model):
    community = models.ForeignKey(CommunityPage, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(upload_to=document_upload_to, storage=_get_private_storage)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=120)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documenten")

    def __str__(self):
        return self.title

    @cached_property
    def extension(self) -> str:
        return Path(self.original_name).suffix.lower().lstrip(".")


# --------------------------------------------------------------------------- opbrengsten


class OpbrengstQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(community__in=_readable_ids(user))


class Opbrengst(models.Model):
    """An outcome of a community that may travel on as a knowledge draft or a signal."""

    class Kind(models.TextChoices):
        FINDING = "finding", _("Bevinding")
        PRACTICE = "practice", _("Praktijkvoorbeeld")
        ADVICE = "advice", _("Advies")

    class KnowledgeKind(models.TextChoices):
        HANDREIKING = "handreiking", _("Handreiking")
        QUESTION = "question", _("Vraag en antwoord")

    community = models.ForeignKey(
        CommunityPage, on_delete=models.CASCADE, related_name="opbrengsten"
    )
    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("samenvatting"), max_length=1000)
    body = models.TextField(_("toelichting"), max_length=10000, blank=True)
    source_thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="opbrengsten"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    knowledge_kind = models.CharField(
        max_length=16, choices=KnowledgeKind.choices, blank=True, default=""
    )
    knowledge_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("concept in de kennisbank"),
    )
    offered_at = models.DateTimeField(null=True, blank=True)
    signal = models.ForeignKey(
        "signals.Signal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gemeld als signaal"),
    )
    signalled_at = models.DateTimeField(null=True, blank=True)

    objects = OpbrengstQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("opbrengst")
        verbose_name_plural = _("opbrengsten")

    def __str__(self):
        return self.title
