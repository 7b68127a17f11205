"""Sanitising of user-supplied text. Everything non-editors type passes through here.

``clean_html`` keeps a small safe subset (links, lists, emphasis, paragraphs) via
bleach; ``plain_text`` removes all markup. Editors' rich text is Wagtail's own.
"""

import html
import re

import bleach
from bleach.linkifier import LinkifyFilter

BASIC_TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a", "blockquote", "code"}
BASIC_ATTRIBUTES = {"a": ["href", "title", "rel"]}
PROTOCOLS = {"http", "https", "mailto"}


def _set_rel(attrs, new=False):
    attrs[(None, "rel")] = "nofollow noopener ugc"
    return attrs


_basic_cleaner = bleach.Cleaner(
    tags=BASIC_TAGS,
    attributes=BASIC_ATTRIBUTES,
    protocols=PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[
        lambda source: LinkifyFilter(
            source, callbacks=[_set_rel], skip_tags={"code"}, parse_email=False
        )
    ],
)


def clean_html(value: str | None, max_length: int | None = None) -> str:
    """Allow links, lists and emphasis only; everything else is stripped (text kept)."""
    if not value:
        return ""
    value = value.replace("\x00", "")
    cleaned = _basic_cleaner.clean(value)
    return cleaned[:max_length] if max_length else cleaned


def _strip_once(text: str) -> str:
    # bleach escapes &, < and > in what remains; unescaping gives the text as shown.
    cleaned = bleach.clean(text, tags=set(), attributes={}, strip=True, strip_comments=True)
    return html.unescape(cleaned)


def plain_text(value: str | None, max_length: int | None = None) -> str:
    """Strip every tag; the result is text to be escaped by templates on output.

    Stripping repeats until nothing changes, so entity-encoded markup (``&lt;img …&gt;``)
    cannot come out of the unescaping as a real tag; "a < b" and "Tom & Jerry" stay.
    """
    if not value:
        return ""
    text = value.replace("\x00", "")
    for _round in range(5):
        stripped = _strip_once(text)
        if stripped == text:
            break
        text = stripped
    else:  # still changing after five rounds: drop anything tag-shaped
        text = re.sub(r"<[^>]*>?", "", text)
    text = text.replace("\x00", "").strip()
    return text[:max_length] if max_length else text
