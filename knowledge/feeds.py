"""RSS and Atom feeds of new and updated public Q&A and handreikingen."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import HandreikingPage, QuestionPage

FEED_SIZE = 50


class KnowledgeFeed(Feed):
    title = _("Kennisbank inburgering: nieuw en bijgewerkt")
    description = _("Nieuwe en bijgewerkte vragen, antwoorden en handreikingen.")

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return "/kennisbank/"

    def items(self):
        anonymous = AnonymousUser()  # feeds are public: restricted pages never appear
        fields = (
            "id",
            "title",
            "url_path",
            "path",
            "depth",
            "last_published_at",
            "first_published_at",
        )
        questions = list(
            QuestionPage.objects.visible_to(anonymous)
            .order_by("-last_published_at")
            .only(*fields, "short_answer", "change_note")[:FEED_SIZE]
        )
        handreikingen = list(
            HandreikingPage.objects.visible_to(anonymous)
            .order_by("-last_published_at")
            .only(*fields, "summary", "change_note")[:FEED_SIZE]
        )
        items = questions + handreikingen
        items.sort(key=lambda p: p.last_published_at, reverse=True)
        return items[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        text = getattr(item, "short_answer", None) or getattr(item, "summary", "")
        if item.change_note:
            text = f"{text}\n\n{_('Wijziging')}: {item.change_note}"
        return text

    def item_link(self, item):
        return item.get_url(request=self.request) or "/"

    def item_guid(self, item):
        return f"kennisbank-{item.pk}-{item.last_published_at:%Y%m%d%H%M%S}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [str(item._meta.verbose_name)]


class KnowledgeAtomFeed(KnowledgeFeed):
    feed_type = Atom1Feed
    subtitle = KnowledgeFeed.description
