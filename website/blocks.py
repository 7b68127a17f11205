from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import CalloutBlock


class LinkBlock(blocks.StructBlock):
    """A link to a page on this site or to a path/URL (for non-page views such as the signal form)."""

    page = blocks.PageChooserBlock(required=False, label=_("Pagina"))
    url = blocks.CharBlock(
        required=False,
        max_length=300,
        label=_("Of een adres"),
        help_text=_("Bijv. /signalen/nieuw/"),
    )

    class Meta:
        icon = "link"

    def get_url(self, value) -> str:
        if value.get("page"):
            return value["page"].url or "#"
        return value.get("url") or "#"


class EntryPointBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=80, label=_("Titel"))
    text = blocks.TextBlock(max_length=300, label=_("Korte uitleg"))
    link = LinkBlock(label=_("Link"))
    link_text = blocks.CharBlock(max_length=60, label=_("Linktekst"))

    class Meta:
        icon = "pick"
        template = "website/blocks/entry_point.html"
        label = _("Ingang")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["href"] = self.child_blocks["link"].get_url(value["link"])
        return context


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title",
        icon="title",
        template="website/blocks/heading.html",
        label=_("Tussenkop"),
    )
    paragraph = blocks.RichTextBlock(
        features=["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"],
        label=_("Tekst"),
    )
    callout = CalloutBlock()
