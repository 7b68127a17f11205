"""The kwartaalrapportage as XLSX (openpyxl): figures, dossiers, comparison (one sheet each)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _


def _safe(value):
    """Neutralise spreadsheet formulas in text typed by users (CSV/XLSX injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def build_xlsx(data: dict) -> bytes:
    from openpyxl import Workbook

    figures = data["figures"]
    totals = figures["totals"]
    workbook = Workbook(write_only=True)

    sheet = workbook.create_sheet(_("Cijfers"))
    sheet.append([_("Kwartaalrapportage"), data["period"], data["scope_label"]])
    sheet.append([_("Periode"), data["start"], data["last_day"]])
    sheet.append([])
    sheet.append([_("Cijfer"), _("Waarde"), _("Eenheid")])
    for row in data["comparison"]:
        sheet.append([row["label"], row["current"], row["unit"]])
    sheet.append([])
    sheet.append(
        [
            _("Niveau"),
            _("Open"),
            _("Over de deadline"),
            _("Uitkomsten"),
            _("Opgelost"),
            _("Aandeel opgelost %"),
            _("Mediaan dagen"),
            _("P90 dagen"),
        ]
    )
    for row in figures["levels"]:
        sheet.append(
            [
                row["label"],
                row["open"],
                row["overdue"],
                row["outcomes"],
                row["resolved"],
                row["resolved_share"],
                row["median_days"],
                row["p90_days"],
            ]
        )
    sheet.append([])
    sheet.append([_("Maand"), _("Nieuwe signalen")])
    for row in figures["months"]:
        sheet.append([row["month"], row["count"]])
    for key, label in (
        ("themes", _("Thema")),
        ("phases", _("Fase")),
        ("regions", _("Regio")),
        ("organisation_types", _("Soort organisatie")),
    ):
        sheet.append([])
        sheet.append([label, _("Signalen")])
        for row in figures[key]:
            sheet.append([_safe(row["name"]), row["count"]])
    sheet.append([])
    sat = figures["satisfaction"]
    sheet.append([_("Tevredenheid"), _("Aantal"), _("Aandeel %")])
    for key, label in (("ja", _("Ja")), ("deels", _("Gedeeltelijk")), ("nee", _("Nee"))):
        sheet.append([label, sat.get(key, 0), sat.get(f"{key}_share")])
    sheet.append([_("Totaal nieuwe signalen"), totals["inflow"]])

    sheet = workbook.create_sheet(_("Dossiers"))
    sheet.append(
        [
            _("Kenmerk"),
            _("Titel"),
            _("Datum"),
            _("Besluit"),
            _("Van niveau"),
            _("Naar niveau"),
            _("Uitkomst"),
        ]
    )
    for d in data["dossiers"]:
        sheet.append(
            [
                d["reference"],
                _safe(d["title"]),
                d["date"],
                d["action_label"],
                d["from_level"],
                d["to_level"],
                _safe(d["outcome"]),
            ]
        )

    sheet = workbook.create_sheet(_("Vergelijking"))
    sheet.append(
        [_("Cijfer"), data["period"], data["previous_period"], _("Verschil"), _("Eenheid")]
    )
    for row in data["comparison"]:
        sheet.append(
            [row["label"], row["current"], row["previous"], row["difference"], row["unit"]]
        )

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
