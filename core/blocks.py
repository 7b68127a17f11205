"""StreamField blocks shared by the shell and the knowledge pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("info", _("Informatie")), ("warning", _("Let op")), ("tip", _("Tip"))],
        default="info",
    )
    title = blocks.CharBlock(required=False, max_length=120)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        template = "core/blocks/callout.html"
        label = _("Kader")
