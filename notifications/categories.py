"""Categories of notifications: what a person can switch e-mail on or off for.

A notification's ``verb`` (e.g. ``signal-status``, ``dossier_outcome``) belongs to a
category. Apps may register their own categories or verbs in ``AppConfig.ready``::

    from notifications import categories
    categories.register("signals", _("Signalen en dossiers"), prefixes=["signal", "dossier"])

Unknown verbs fall into ``overig``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

OTHER = "overig"


@dataclass
class Category:
    key: str
    label: str
    prefixes: set[str] = field(default_factory=set)
    verbs: set[str] = field(default_factory=set)


_categories: dict[str, Category] = {}


def register(key: str, label, *, prefixes=(), verbs=()) -> Category:
    """Add (or extend) a category. ``prefixes`` match the first word of a verb."""
    category = _categories.get(key)
    if category is None:
        category = _categories[key] = Category(key=key, label=label)
    else:
        category.label = label
    category.prefixes.update(prefixes)
    category.verbs.update(verbs)
    return category


def all_categories() -> list[Category]:
    others = [c for c in _categories.values() if c.key != OTHER]
    return [*others, _categories[OTHER]]


def label_for(key: str):
    category = _categories.get(key)
    return category.label if category else key


def category_for(verb: str) -> str:
    verb = (verb or "").lower()
    for category in _categories.values():
        if verb in category.verbs:
            return category.key
    first = re.split(r"[-_.:]", verb, maxsplit=1)[0]
    for category in _categories.values():
        if first in category.prefixes:
            return category.key
    return OTHER


register(
    "signalen",
    _("Signalen en dossiers"),
    prefixes={"signal", "signals", "signaal", "dossier", "outcome", "feedback"},
)
register(
    "communities",
    _("Communities"),
    prefixes={"community", "communities", "post", "reply", "cop"},
)
register(
    "kennis",
    _("Kennis (handreikingen, vraag en antwoord)"),
    prefixes={"knowledge", "kennis", "question", "answer", "review", "handreiking"},
)
register("volgopdrachten", _("Volgopdrachten (nieuwe signalen)"), prefixes={"subscription"})
register(OTHER, _("Overige meldingen"))
