from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core import page_cache
from core.http_cache import FastViewRestrictionsMixin

from .blocks import BodyBlock, EntryPointBlock


class HomePage(FastViewRestrictionsMixin, Page):
    """Explains the platform and leads to knowledge, signals, communities and search."""

    intro = models.TextField(_("introductie"), max_length=600, blank=True)
    entry_points = StreamField(
        [("entry_point", EntryPointBlock())], blank=True, verbose_name=_("ingangen")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("entry_points"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    fast_route = True  # resolved by url_path (core.http_cache)

    class Meta:
        verbose_name = _("homepagina")


class StandardPage(FastViewRestrictionsMixin, Page):
    """A plain content page (contact, privacy, accessibility statement, about)."""

    intro = models.TextField(_("introductie"), max_length=600, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standaardpagina")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Footer and contact details, editable per site."""

    # The footer links to these pages on every page: one query instead of four.
    select_related = ["contact_page", "privacy_page", "accessibility_page"]

    tagline = models.CharField(_("ondertitel"), max_length=160, blank=True)
    contact_email = models.EmailField(_("contact e-mailadres"), blank=True)
    footer_text = RichTextField(_("voettekst"), features=["bold", "italic", "link"], blank=True)
    contact_page = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contactpagina"),
    )
    privacy_page = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacyverklaring"),
    )
    accessibility_page = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("toegankelijkheidsverklaring"),
    )

    panels = [
        FieldPanel("tagline"),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("footer_text")],
            heading=_("Voettekst en contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
            ],
            heading=_("Vaste pagina's"),
        ),
    ]

    class Meta:
        verbose_name = _("site-instellingen")

    @classmethod
    def for_request(cls, request):
        """Cached until the next site-wide purge (saving these settings purges the site)."""
        from wagtail.models import Site

        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        instance = page_cache.fragment(f"site-settings:{site.pk}", lambda: cls.for_site(site))
        instance._request = request
        setattr(request, attr_name, instance)
        return instance
