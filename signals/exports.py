"""CSV and XLSX export of a filtered signal list.

The queryset is already limited by ``visible_to``; the submitter column is included
only for coordinators (identity rule), never for other readers.
"""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .workflow import Level, Status, is_coordinator

MAX_ROWS = 50_000


def _columns(user):
    cols = [
        (_("Kenmerk"), lambda s: s.reference),
        (_("Titel"), lambda s: s.title),
        (_("Niveau"), lambda s: str(Level(s.level).label)),
        (_("Status"), lambda s: str(Status(s.status).label)),
        (_("Thema's"), lambda s: ", ".join(t.name for t in s.themes.all())),
        (_("Fase"), lambda s: s.phase.name if s.phase else ""),
        (_("Organisatie"), lambda s: s.organisation.name if s.organisation else ""),
        (_("Regio"), lambda s: s.region.name if s.region else ""),
        (_("Urgentie"), lambda s: s.urgency),
        (_("Herkend door"), lambda s: s.support_count),
        (_("Ingediend op"), lambda s: timezone.localtime(s.created_at).strftime("%Y-%m-%d")),
        (_("Deadline"), lambda s: s.deadline.isoformat() if s.deadline else ""),
        (_("Over de deadline"), lambda s: _("ja") if s.is_overdue else _("nee")),
        (_("Dossier"), lambda s: s.dossier.title if s.dossier else ""),
        (_("Omschrijving"), lambda s: s.description),
        (_("Uitkomst"), lambda s: s.outcome),
    ]
    if is_coordinator(user):
        cols.insert(
            9,
            (
                _("Ingediend door"),
                lambda s: s.submitted_by.email if s.submitted_by else s.source_label,
            ),
        )
    return cols


def rows(qs, user):
    cols = _columns(user)
    yield [str(name) for name, _fn in cols]
    related = ["phase", "organisation", "region", "dossier"]
    if is_coordinator(user):
        related.append("submitted_by")
    qs = qs.select_related(*related).prefetch_related("themes")[:MAX_ROWS]
    for signal in qs.iterator(chunk_size=1000):
        yield [_safe(fn(signal)) for _name, fn in cols]


def _safe(value):
    """Neutralise spreadsheet formulas typed by users (CSV/XLSX injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _filename(ext):
    return f"signalen-{timezone.localdate().isoformat()}.{ext}"


class _Echo:
    def write(self, value):
        return value


def csv_response(qs, user):
    writer = csv.writer(_Echo(), delimiter=";")
    response = StreamingHttpResponse(
        ("\ufeff" if i == 0 else "") + writer.writerow(row) for i, row in enumerate(rows(qs, user))
    )
    response["Content-Type"] = "text/csv; charset=utf-8"
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def xlsx_response(qs, user):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Signalen"))
    for row in rows(qs, user):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response
