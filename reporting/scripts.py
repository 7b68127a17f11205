"""Text in every script for the PDF: embedded Noto fonts, one run per script, Arabic shaped.

reportlab has no per-glyph font fallback, so text is cut into runs by script and each
run gets the font that covers it: Noto Sans (Latin and Cyrillic), Noto Sans Arabic and
Noto Sans Ethiopic (Tigrinya). The TTF files are subsets of Debian's fonts-noto-core,
shipped in ``reporting/fonts/`` with their licence (SIL OFL 1.1), so a production image
needs no system fonts. Arabic letters are joined into their contextual forms
(arabic-reshaper) and put in visual, right-to-left order (python-bidi) before drawing,
because reportlab draws glyphs left to right as given.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

FONT_DIR = Path(__file__).resolve().parent / "fonts"
LATIN = "NotoSans"
LATIN_BOLD = "NotoSans-Bold"
ARABIC = "NotoSansArabic"
ETHIOPIC = "NotoSansEthiopic"
FONT_FILES = {
    LATIN: "NotoSans-Regular.subset.ttf",
    LATIN_BOLD: "NotoSans-Bold.subset.ttf",
    ARABIC: "NotoSansArabic-Regular.subset.ttf",
    ETHIOPIC: "NotoSansEthiopic-Regular.subset.ttf",
}

_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_ETHIOPIC_RANGES = ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F))


@cache
def register_fonts() -> None:
    """Register the embedded fonts with reportlab (once per process)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    for bold, italic, face in (
        (0, 0, LATIN),
        (1, 0, LATIN_BOLD),
        (0, 1, LATIN),
        (1, 1, LATIN_BOLD),
    ):
        addMapping(LATIN, bold, italic, face)


def _in(code: int, ranges) -> bool:
    return any(low <= code <= high for low, high in ranges)


def script_font(char: str) -> str | None:
    """The font for ``char``; None for characters every font has (spaces, digits, punctuation)."""
    code = ord(char)
    if _in(code, _ARABIC_RANGES):
        return ARABIC
    if _in(code, _ETHIOPIC_RANGES):
        return ETHIOPIC
    if char.isspace() or (code < 0x80 and not char.isalpha()):
        return None
    return LATIN


def has_arabic(text: str) -> bool:
    return any(_in(ord(char), _ARABIC_RANGES) for char in text)


def visual(text: str) -> str:
    """Arabic shaped and in display order; other text unchanged."""
    if not has_arabic(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text))


def starts_right_to_left(text: str) -> bool:
    """True when the first letter of ``text`` is Arabic (the paragraph then aligns right)."""
    for char in str(text):
        font = script_font(char)
        if font is not None:
            return font == ARABIC
    return False


def runs(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into (font, text) runs; neutral characters mostly join the run they are in."""
    result: list[list[str]] = []
    for char in text:
        font = script_font(char)
        if font is None and result and result[-1][0] == ETHIOPIC and not char.isspace():
            font = LATIN  # the Ethiopic font has no Latin digits or punctuation
        if result and (font is None or font == result[-1][0]):
            result[-1][1] += char
        elif result and result[-1][0] is None:
            result[-1] = [font, result[-1][1] + char]
        else:
            result.append([font, char])
    return [(font or LATIN, chunk) for font, chunk in result]


def markup(text: str, base_font: str = LATIN) -> str:
    """reportlab paragraph markup for plain ``text``, escaped, with a font tag per script."""
    parts = []
    for font, chunk in runs(visual(str(text))):
        chunk = escape(chunk)
        same = font == base_font or (font == LATIN and base_font in (LATIN, LATIN_BOLD))
        parts.append(chunk if same else f'<font name="{font}">{chunk}</font>')
    return "".join(parts)
