"""Normalise text before the guard looks for personal data, keeping a map back to the
positions the user typed.

Steps, each keeping ``positions[i]`` = the index in the original text of normalised
character ``i``:

1. Unicode NFKC per character (fullwidth ``＠``, superscript and circled digits, ligatures).
2. Every Unicode decimal digit (Arabic-Indic, Persian, Devanagari, fullwidth ...) to ASCII.
3. Invisible characters removed: format characters (zero-width space/joiners, word
   joiner, BOM, soft hyphen, bidi marks) and control characters other than line breaks
   and tabs; every kind of space becomes a plain space.
4. Common obfuscations folded: ``[at]``, ``(at)``, ``{at}``, `` at `` / ``apenstaartje``
   between the parts of an address become ``@``; ``[dot]``, ``(punt)``, `` dot `` ...
   become ``.``.

Digit groups separated by spaces, dashes, dots, slashes or line breaks are not glued
here (that would merge dates and amounts): ``privacy.guard`` reads them as runs of
groups and tries every window of consecutive groups.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_KEEP_CONTROLS = {"\n", "\t"}


@dataclass(frozen=True)
class Normalised:
    text: str
    positions: list[int]  # one per character of ``text``: index in the original
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original (start, end) of normalised ``text[start:end]``."""
        if not self.positions:
            return 0, 0
        start = min(max(start, 0), len(self.positions) - 1)
        last = min(max(end - 1, start), len(self.positions) - 1)
        return self.positions[start], self.positions[last] + 1

    def original_text(self, start: int, end: int) -> str:
        a, b = self.span(start, end)
        return self.original[a:b]


def _char(ch: str) -> str:
    category = unicodedata.category(ch)
    if category == "Cf":
        return ""
    if category == "Cc" and ch not in _KEEP_CONTROLS:
        return " " if ch in "\r\v\f" else ""
    if category == "Zl" or category == "Zp":
        return "\n"
    if category == "Zs":
        return " "
    decimal = unicodedata.decimal(ch, None)
    if decimal is not None:
        return str(decimal)
    if ch.isascii():
        return ch
    folded = unicodedata.normalize("NFKC", ch)
    # NFKC may turn one character into digits or letters (superscripts, "①", "ﬁ").
    return "".join(
        str(unicodedata.decimal(c)) if unicodedata.decimal(c, None) is not None else c
        for c in folded
    )


def _basic(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    positions: list[int] = []
    for index, ch in enumerate(text):
        for produced in _char(ch):
            out.append(produced)
            positions.append(index)
    return "".join(out), positions


_OPEN, _CLOSE = r"[\[\(\{<]", r"[\]\)\}>]"
_AT_WORDS = r"(?:at|apenstaartje|apestaart|aapje|ad)"
_DOT_WORDS = r"(?:dot|punt|point|period)"
_FOLDS = [
    # Bracketed forms are unambiguous: "jan[at]gmail(dot)com", "jan ( at ) gmail".
    (re.compile(rf"\s*{_OPEN}\s*{_AT_WORDS}\s*{_CLOSE}\s*", re.I), "@"),
    (re.compile(rf"\s*{_OPEN}\s*{_DOT_WORDS}\s*{_CLOSE}\s*", re.I), "."),
    (re.compile(rf"\s*{_OPEN}\s*@\s*{_CLOSE}\s*"), "@"),
    (re.compile(rf"\s*{_OPEN}\s*\.\s*{_CLOSE}\s*"), "."),
    # Spaces around @ and dots inside an address: "jan @ gmail . com".
    # Not "bel @naam.achternaam": a space before @ only is a community @mention.
    (re.compile(r"(?<=\w)\s*@\s+(?=\w)"), "@"),
]
# Bare words only when the whole thing looks like an address: "jan at gmail dot com".
_BARE_ADDRESS = re.compile(
    rf"(?i)\b([\w.+-]{{1,64}})\s+(?:{_AT_WORDS})\s+([\w-]+(?:\s*(?:\.|\s{_DOT_WORDS}\s)\s*[\w-]+)*)"
    rf"\s*(?:\.|\s{_DOT_WORDS}\s)\s*(com|nl|org|net|eu|be|de|info|nu|io|gov|edu)\b"
)
_AFTER_AT_DOT = re.compile(r"(?<=\w)\s+\.\s*(?=[a-z]{2,}\b)|(?<=\w)\s*\.\s+(?=[a-z]{2,}\b)", re.I)


def _substitute(pattern, repl, text: str, positions: list[int]) -> tuple[str, list[int]]:
    out: list[str] = []
    out_pos: list[int] = []
    cursor = 0
    for match in pattern.finditer(text):
        out.append(text[cursor : match.start()])
        out_pos.extend(positions[cursor : match.start()])
        replacement = repl(match) if callable(repl) else repl
        out.append(replacement)
        # Spread the replacement over the span it replaces, so its ends map to the ends.
        length, size = match.end() - match.start(), len(replacement)
        for i in range(size):
            offset = round(i * (length - 1) / (size - 1)) if size > 1 else 0
            out_pos.append(positions[match.start() + offset])
        cursor = match.end()
    out.append(text[cursor:])
    out_pos.extend(positions[cursor:])
    return "".join(out), out_pos


_HAS_AT_WORD = re.compile(rf"(?i)\s{_AT_WORDS}\s")


def _fold_bare_address(match) -> str:
    local, domain, tld = match.group(1), match.group(2), match.group(3)
    domain = re.sub(rf"(?i)\s*(?:\.|\s{_DOT_WORDS}\s)\s*", ".", domain)
    return f"{local}@{domain}.{tld}"


def normalise(text: str | None) -> Normalised:
    text = text or ""
    folded, positions = _basic(text)
    for pattern, repl in _FOLDS:
        if pattern.search(folded):
            folded, positions = _substitute(pattern, repl, folded, positions)
    if _HAS_AT_WORD.search(folded):
        folded, positions = _substitute(_BARE_ADDRESS, _fold_bare_address, folded, positions)
    if "@" in folded:
        folded, positions = _substitute(_AFTER_AT_DOT, ".", folded, positions)
    return Normalised(folded, positions, text)
