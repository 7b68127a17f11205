"""Search request and response, the same for every backend."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from .text import clean_query

FACETS = ("kind", "theme", "phase", "org", "level", "status")
FACET_PARAMS = {
    "type": "kind",
    "theme": "theme",
    "phase": "phase",
    "organisation": "org",
    "level": "level",
    "status": "status",
}
FACET_LABELS = {
    "kind": _("Soort"),
    "theme": _("Thema"),
    "phase": _("Fase"),
    "org": _("Organisatie"),
    "level": _("Niveau"),
    "status": _("Status"),
}
KIND_LABELS = {
    "qa": _("Vraag en antwoord"),
    "handreiking": _("Handreiking"),
    "community": _("Community"),
    "thread": _("Discussie"),
    "post": _("Bijdrage"),
    "event": _("Bijeenkomst"),
    "opbrengst": _("Opbrengst"),
    "document": _("Document"),
    "partner_answer": _("Inbreng ketenpartner"),
    "signal": _("Signaal"),
    "dossier": _("Dossier"),
    "page": _("Pagina"),
}
# Professionals mostly look for answers: a mild preference by kind.
KIND_BOOST = {"qa": 1.3, "handreiking": 1.2, "dossier": 1.0, "community": 1.0, "thread": 0.9}
DEFAULT_KIND_BOOST = 0.8
# Kinds that can grow to hundreds of thousands of items: the PostgreSQL backend picks its
# ranking candidates separately for these and for the (small) knowledge kinds.
LARGE_KINDS = ("signal",)
MAX_PAGE = 100
PAGE_SIZE = 10


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind.capitalize()))


@dataclass
class SearchParams:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet -> values
    sort: str = "relevance"  # or "date"
    page: int = 1
    page_size: int = PAGE_SIZE

    @classmethod
    def from_querydict(cls, data, page_size: int = PAGE_SIZE) -> SearchParams:
        q = clean_query(data.get("q", ""))
        filters = {}
        for param, facet in FACET_PARAMS.items():
            values = [clean_query(v)[:100] for v in data.getlist(param)][:10]
            values = [v for v in values if v]
            if values:
                filters[facet] = values
        sort = data.get("sort", "relevance")
        sort = sort if sort in ("relevance", "date") else "relevance"
        try:
            page = int(str(data.get("page", "1"))[:6])
        except (TypeError, ValueError):
            page = 1
        page = max(1, min(page, MAX_PAGE))
        try:
            size = int(str(data.get("page_size", page_size))[:3])
        except (TypeError, ValueError):
            size = page_size
        size = max(1, min(size, 50))
        return cls(q=q, filters=filters, sort=sort, page=page, page_size=size)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    def facet_tokens(self) -> dict[str, list[str]]:
        return {facet: [f"{facet}:{v}" for v in values] for facet, values in self.filters.items()}


@dataclass
class Hit:
    id: int
    kind: str
    title: str
    url: str
    date: datetime | None
    score: float
    snippet: str = ""
    level: str = ""
    status: str = ""
    promoted: bool = False

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResponse:
    params: SearchParams
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    total_exact: bool = True  # False: the query matched more than ``total`` documents
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: str = ""
    backend: str = ""
    query_log_id: int | None = None
    promoted: list[Hit] = field(default_factory=list)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.params.page_size))


def build_facets(counts: dict[str, int], params: SearchParams) -> dict[str, list[FacetValue]]:
    """Raw token counts ({"theme:PIP": 3}) -> ordered facet lists."""
    facets: dict[str, list[FacetValue]] = {facet: [] for facet in FACETS}
    for token, count in counts.items():
        facet, _, value = token.partition(":")
        if facet not in facets or not value or count <= 0:
            continue
        label = kind_label(value) if facet == "kind" else value
        selected = value in params.filters.get(facet, [])
        facets[facet].append(FacetValue(value=value, label=label, count=count, selected=selected))
    for values in facets.values():
        values.sort(key=lambda v: (-v.count, v.label.lower()))
    return {facet: values for facet, values in facets.items() if values}
