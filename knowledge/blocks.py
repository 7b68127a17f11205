"""StreamField blocks of the knowledge base (handreikingen and answers)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock

from core.blocks import CalloutBlock

RICH_FEATURES = ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False, max_length=160, label=_("Linktekst"), help_text=_("Standaard de titel.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document om te downloaden")
        template = "knowledge/blocks/document.html"


class QuestionLinkBlock(blocks.StructBlock):
    question = blocks.PageChooserBlock(page_type="knowledge.QuestionPage", label=_("Vraag"))
    text = blocks.CharBlock(required=False, max_length=160, label=_("Linktekst"))

    class Meta:
        icon = "help"
        label = _("Link naar vraag en antwoord")
        template = "knowledge/blocks/question_link.html"


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(required=False, max_length=200, label=_("Bijschrift"))
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock(label=_("Tekst"))),
            ("numeric", blocks.FloatBlock(label=_("Getal"))),
            ("rich_text", blocks.RichTextBlock(features=["bold", "italic", "link"])),
        ],
        label=_("Tabel"),
    )

    class Meta:
        icon = "table"
        label = _("Tabel")
        template = "knowledge/blocks/table.html"


class SourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, label=_("Bron"))
    url = blocks.URLBlock(required=False, label=_("Adres"))
    document = DocumentChooserBlock(required=False, label=_("Of een document"))

    class Meta:
        icon = "link"
        label = _("Bron")


class KnowledgeBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title",
        icon="title",
        template="website/blocks/heading.html",
        label=_("Tussenkop"),
    )
    paragraph = blocks.RichTextBlock(features=RICH_FEATURES, label=_("Tekst"))
    callout = CalloutBlock()
    table = TableBlock()
    document = DocumentBlock()
    question_link = QuestionLinkBlock()


class AnswerBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_FEATURES, label=_("Tekst"))
    callout = CalloutBlock()
    table = TableBlock()
    document = DocumentBlock()
    question_link = QuestionLinkBlock()


class SourcesBlock(blocks.StreamBlock):
    source = SourceBlock()
