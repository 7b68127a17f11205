"""Dutch text handling shared by every backend: cleaning, accent folding, tokens, crude stems.

PostgreSQL stems with its ``dutch`` snowball configuration; the SQLite backend, the ranking and
the snippet highlighter use the same Snowball algorithm (``stem``), on the same folded tokens.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12

# PostgreSQL's dutch.stop list (snowball), so both backends ignore the same words.
STOP_WORDS = frozenset(
    """de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om
    hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar naar
    heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al waren veel
    meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd altijd doch wordt
    wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest andere""".split()
)

# Words that frame a question rather than say what it is about ("wat *houdt* X in", "*mag* ik",
# "*waar* meld ik"). Dropped from queries only, and only when the query has other words: they
# are not stop words of the documents (PostgreSQL's list above stays the index's list).
QUESTION_WORDS = frozenset(
    """welke welk wanneer waarom waar waarvoor waarmee waarop hoeveel mag mogen moeten houdt
    houden gebeurt gebeuren betekent betekenen doe doet gaat gaan krijg krijgt precies eigenlijk
    graag we wij jullie mijn onze""".split()
)

# snowballstemmer 3 renamed the classic Dutch algorithm (PostgreSQL's) to ``dutch_porter``.
_ALGORITHM = "dutch_porter" if "dutch_porter" in snowballstemmer.algorithms() else "dutch"
# A stemmer keeps its working state on the object: one per thread (gunicorn threads share a
# process; a shared stemmer raised IndexError under load).
_local = threading.local()


def _stemmer():
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer(_ALGORITHM)
    return stemmer


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WORD = re.compile(r"[a-z0-9]+")
# Language levels are written "B1" or "b-1"; the index knows them as "b1".
LEVEL = re.compile(r"\b([abc])-([12])\b")


def clean_query(value) -> str:
    """User input -> a safe, bounded query string (never raises)."""
    if value is None:
        return ""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    value = str(value).replace("\x00", " ")
    value = _CONTROL.sub(" ", value)
    # Drop surrogates and other unencodable code points.
    value = value.encode("utf-8", "ignore").decode("utf-8", "ignore")
    value = " ".join(value.split())
    return value[:MAX_QUERY_LENGTH].strip()


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch)
    base = decomposed[0] if decomposed else ch
    base = base.lower()
    return base if len(base) == 1 else ch.lower()[:1] or " "


class _FoldTable(dict):
    """``str.translate`` table: code point -> folded character, filled on first use."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold_preserving(text: str) -> str:
    """Lower case and strip accents, one output character per input character.

    Positions in the result map one-to-one onto the original (used for highlighting).
    """
    if text.isascii():  # lower() maps every ASCII character onto one character
        return text.lower()
    return text.translate(_FOLD_TABLE)


def fold(text: str) -> str:
    text = text or ""
    if text.isascii():  # the common case, without a call per character
        return text.lower()
    return fold_preserving(text)


def words(text: str) -> list[str]:
    """Folded alphanumeric words of a text, in order (a language level as one word: b-1 -> b1)."""
    folded = fold(text)
    return _WORD.findall(LEVEL.sub(r"\1\2", folded) if "-" in folded else folded)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball Dutch stem of a folded word: the same algorithm as PostgreSQL's ``dutch``
    configuration (``dutch_porter`` in the snowballstemmer package)."""
    if len(word) <= 2 or word.isdigit():
        return word
    return _stemmer().stemWord(word)


def query_terms(query: str) -> list[str]:
    """The meaningful folded words of a query (stop words removed, de-duplicated, bounded)."""
    seen: list[str] = []
    for word in words(query):
        if word in STOP_WORDS or len(word) < 2 or len(word) > 40:
            continue
        if word not in seen:
            seen.append(word)
        if len(seen) >= MAX_TERMS:
            break
    return seen


def normalise_for_log(query: str) -> str:
    """The analytics key of a query: folded words, single spaces, no punctuation."""
    return " ".join(words(query))[:MAX_QUERY_LENGTH]
