"""Snippets with the matched words in <mark>: the text is escaped first, then marked."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import fold_preserving, stem

_WORD = re.compile(r"[a-z0-9]+")


def _matcher(needles: list[str]):
    """``word -> bool``: the word is a needle or starts with a needle of four letters or more."""
    exact = frozenset(needles)
    prefixes = tuple(needle for needle in needles if len(needle) >= 4)
    if prefixes:
        return lambda word: word in exact or word.startswith(prefixes)
    return exact.__contains__


def _matches(word: str, needles: list[str]) -> bool:
    return _matcher(needles)(word)


def needles_for(query_words: list[str]) -> list[str]:
    result = []
    for word in query_words:
        for needle in {word, stem(word)}:
            if len(needle) >= 2 and needle not in result:
                result.append(needle)
    return result


def _spans(text: str, matches) -> list[tuple[int, int]]:
    """Positions of the matching words of a whitespace-normalised text."""
    folded = fold_preserving(text)
    return [m.span() for m in _WORD.finditer(folded) if matches(m.group())]


def _window(text: str, spans: list[tuple[int, int]], length: int) -> str:
    start = 0
    if spans and spans[0][0] > length // 3:
        start = spans[0][0] - length // 3
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    parts = ["…" if start > 0 else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        parts.append(escape(text[cursor:span_start]))
        parts.append("<mark>" + escape(text[span_start:span_end]) + "</mark>")
        cursor = span_end
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append("…")
    return mark_safe("".join(parts))


def highlight(text: str, query_words: list[str], length: int = 240) -> str:
    """A window of ``text`` around the first match, escaped, matches wrapped in <mark>."""
    text = " ".join((text or "").split())
    if not text:
        return mark_safe("")
    return _window(text, _spans(text, _matcher(needles_for(query_words))), length)


def snippet(summary: str, body: str, query_words: list[str], length: int = 240) -> str:
    """Prefer the passage (summary or body) that contains a match.

    Each passage is normalised, folded and scanned once; the spans found decide the choice
    and place the marks (whitespace normalisation never joins or splits a word).
    """
    matches = _matcher(needles_for(query_words))
    for text in (summary, body):
        text = " ".join((text or "").split())
        if text:
            spans = _spans(text, matches)
            if spans:
                return _window(text, spans, length)
    return highlight(summary or body, query_words, length)
