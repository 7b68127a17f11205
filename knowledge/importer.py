"""Import questions with answers from JSON or CSV (used by ``manage.py import_qa``).

Columns: question, short_answer, answer, themes, phases, tags, last_reviewed. Lists in CSV
cells are separated by ``;`` (theme names may contain commas). Themes and phases are
matched by name or slug; unknown ones make the row fail with a clear message (they are
never created). A row whose question matches an existing Q&A (slug or title) updates it.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page

from core.sanitize import plain_text
from taxonomy.models import Phase, Theme

from .models import QuestionPage
from .services import question_index, text_to_stream, themes_and_phases, unique_slug

COLUMNS = ("question", "short_answer", "answer", "themes", "phases", "tags", "last_reviewed")


class RowError(Exception):
    pass


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)

    @property
    def ok(self) -> bool:
        return not self.errors


def read_rows(path: str | Path) -> list[dict]:
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        data = json.loads(text)
        if isinstance(data, dict):
            data = data.get("items") or data.get("questions") or []
        if not isinstance(data, list):
            raise ValueError("JSON must be a list of objects (or {'items': [...]})")
        return data
    if path.suffix.lower() == ".csv":
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else "excel"
        return list(csv.DictReader(text.splitlines(), dialect=dialect))
    raise ValueError(f"Unsupported file type {path.suffix!r}: use .json or .csv")


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(";") if part.strip()]


def _parse_date(value) -> date | None:
    if value in (None, ""):
        return None
    value = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise RowError(f"onbekende datum '{value}' bij last_reviewed (gebruik JJJJ-MM-DD)")


def _clean(row: dict) -> dict:
    if not isinstance(row, dict):
        raise RowError("rij is geen object met kolommen")
    row = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    question = plain_text(str(row.get("question") or ""))
    short_answer = plain_text(str(row.get("short_answer") or ""))
    if not question:
        raise RowError("kolom 'question' is leeg")
    if len(question) > 255:
        raise RowError("vraag is langer dan 255 tekens")
    if not short_answer:
        raise RowError("kolom 'short_answer' is leeg")
    if len(short_answer) > 600:
        raise RowError("kort antwoord is langer dan 600 tekens")
    themes, unknown_themes = themes_and_phases(_as_list(row.get("themes")), Theme)
    phases, unknown_phases = themes_and_phases(_as_list(row.get("phases")), Phase)
    problems = []
    if unknown_themes:
        problems.append("onbekende thema's: " + ", ".join(unknown_themes))
    if unknown_phases:
        problems.append("onbekende fasen: " + ", ".join(unknown_phases))
    if problems:
        raise RowError("; ".join(problems) + " (niet aangemaakt; voeg ze eerst toe)")
    return {
        "question": question,
        "short_answer": short_answer,
        "answer": plain_text(str(row.get("answer") or "")),
        "themes": themes,
        "phases": phases,
        "tags": [plain_text(t, 100) for t in _as_list(row.get("tags"))],
        "last_reviewed": _parse_date(row.get("last_reviewed")),
    }


def _existing(parent: Page, question: str) -> QuestionPage | None:
    children = QuestionPage.objects.child_of(parent)
    return (
        children.filter(slug=slugify(question)[:70]).first()
        or children.filter(title__iexact=question).first()
    )


def import_row(row: dict, *, parent=None, publish: bool = True) -> bool:
    """Import one row; returns True when created, False when updated. Raises RowError."""
    data = _clean(row)
    parent = parent or question_index()
    page = _existing(parent, data["question"])
    created = page is None
    if created:
        page = QuestionPage(title=data["question"], slug=unique_slug(parent, data["question"]))
    else:
        page = page.get_latest_revision_as_object()
        page.title = data["question"]
    page.short_answer = data["short_answer"]
    page.answer = text_to_stream(data["answer"])
    if data["last_reviewed"]:
        page.last_reviewed = data["last_reviewed"]
    page.themes = data["themes"]
    page.phases = data["phases"]
    page.tags.set(data["tags"])
    if created:
        page.live = False
        parent.add_child(instance=page)
    # Updates go through a revision only, so a draft import never changes live content.
    revision = page.save_revision(changed=True, log_action=True, clean=False)
    if publish:
        revision.publish()
    return created


def import_rows(rows, *, publish: bool = True, progress=None) -> ImportResult:
    result = ImportResult()
    parent = question_index()
    for number, row in enumerate(rows, start=1):
        try:
            with transaction.atomic():
                if import_row(row, parent=parent, publish=publish):
                    result.created += 1
                else:
                    result.updated += 1
        except RowError as error:
            result.errors.append((number, str(error)))
        except Exception as error:  # a bad row must never stop the good ones
            result.errors.append((number, f"{type(error).__name__}: {error}"))
        if progress is not None:
            progress.update(1)
    return result
