"""The kwartaalrapportage as PDF (reportlab, pure Python): title, period, figures, the
dossiers escalated or decided in the period with their outcome, and the comparison with
the previous quarter. Built from the report data dict, so it costs no extra queries.
"""

from __future__ import annotations

import io

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import scripts
from .charts import fmt


def _p(text, style):
    """A paragraph in any script: a font per script run, Arabic shaped and aligned right."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.platypus import Paragraph

    if scripts.starts_right_to_left(text):
        style = style.clone(style.name + "-rtl", alignment=TA_RIGHT)
    return Paragraph(scripts.markup(text, style.fontName), style)


def _styles():
    """reportlab's sample styles with the embedded Noto fonts instead of Helvetica."""
    from reportlab.lib.styles import getSampleStyleSheet

    scripts.register_fonts()
    styles = getSampleStyleSheet()
    for style in styles.byName.values():
        bold = "Bold" in getattr(style, "fontName", "")
        style.fontName = scripts.LATIN_BOLD if bold else scripts.LATIN
    return styles


def _signed(value) -> str:
    if value is None:
        return "–"
    sign = "+" if value > 0 else ""
    return sign + fmt(float(value))


def build_pdf(data: dict, *, compress: bool = True) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

    styles = _styles()
    body, small = styles["BodyText"], styles["BodyText"].clone("small", fontSize=8, leading=10)
    buffer = io.BytesIO()
    title = _("Kwartaalrapportage %(period)s: %(scope)s") % {
        "period": data["period"],
        "scope": data["scope_label"],
    }
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author="Lerend stelsel inburgering",
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        pageCompression=1 if compress else 0,
        lang=get_language() or "nl",
    )
    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e5e7eb")),
            ("FONTNAME", (0, 0), (-1, -1), scripts.LATIN),
            ("FONTNAME", (0, 0), (-1, 0), scripts.LATIN_BOLD),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTSIZE", (0, 0), (-1, -1), 9),
        ]
    )
    figures = data["figures"]
    totals = figures["totals"]
    story = [
        _p(title, styles["Title"]),
        _p(
            _("Periode: %(start)s tot en met %(end)s. Vergeleken met %(previous)s.")
            % {
                "start": data["start"],
                "end": data["last_day"],
                "previous": data["previous_period"],
            },
            body,
        ),
        _p(_("Gemaakt op %(at)s.") % {"at": data["generated_at"][:16].replace("T", " ")}, small),
        Spacer(1, 12),
        _p(_("Cijfers en vergelijking met het vorige kwartaal"), styles["Heading2"]),
    ]
    rows = [[_("Cijfer"), data["period"], data["previous_period"], _("Verschil")]]
    for row in data["comparison"]:
        unit = f" {row['unit']}" if row["unit"] else ""
        rows.append(
            [
                _p(row["label"] + unit, body),
                fmt(row["current"]),
                fmt(row["previous"]),
                _signed(row["difference"]),
            ]
        )
    story += [Table(rows, colWidths=[8 * cm, 3 * cm, 3 * cm, 3 * cm], style=grid), Spacer(1, 12)]

    story.append(_p(_("Per niveau"), styles["Heading2"]))
    rows = [
        [
            _("Niveau"),
            _("Open"),
            _("Over deadline"),
            _("Uitkomsten"),
            _("Opgelost %"),
            _("Mediaan (d)"),
            _("P90 (d)"),
        ]
    ]
    for row in figures["levels"]:
        rows.append(
            [
                row["label"],
                row["open"],
                row["overdue"],
                row["outcomes"],
                fmt(row["resolved_share"]),
                fmt(row["median_days"]),
                fmt(row["p90_days"]),
            ]
        )
    story += [Table(rows, style=grid, repeatRows=1), Spacer(1, 12)]

    for key, heading, label in (
        ("themes", _("Meest genoemde thema's"), _("Thema")),
        ("phases", _("Signalen per fase"), _("Fase")),
        ("regions", _("Signalen per regio"), _("Regio")),
        ("organisation_types", _("Signalen per soort organisatie"), _("Soort organisatie")),
    ):
        story.append(_p(heading, styles["Heading3"]))
        rows = [[label, _("Signalen")]]
        rows += [[_p(r["name"] or "–", body), r["count"]] for r in figures[key]]
        if len(rows) == 1:
            rows.append([_("Geen gegevens"), ""])
        story += [Table(rows, colWidths=[11 * cm, 3 * cm], style=grid, repeatRows=1), Spacer(1, 8)]

    sat = figures["satisfaction"]
    story.append(_p(_("Tevredenheid over de uitkomst"), styles["Heading3"]))
    rows = [
        [_("Antwoord"), _("Aantal"), _("Aandeel %")],
        [_("Ja"), sat.get("ja", 0), fmt(sat.get("ja_share"))],
        [_("Gedeeltelijk"), sat.get("deels", 0), fmt(sat.get("deels_share"))],
        [_("Nee"), sat.get("nee", 0), fmt(sat.get("nee_share"))],
    ]
    story += [Table(rows, style=grid), Spacer(1, 12)]

    story.append(_p(_("Dossiers doorgezet of besloten in de periode"), styles["Heading2"]))
    rows = [[_("Dossier"), _("Datum"), _("Besluit"), _("Uitkomst")]]
    for d in data["dossiers"]:
        rows.append(
            [
                _p(f"{d['reference']} {d['title']}", small),
                d["date"],
                d["action_label"],
                _p(d["outcome"][:600] or "–", small),
            ]
        )
    if len(rows) == 1:
        rows.append([_("Geen dossiers in deze periode."), "", "", ""])
    story.append(
        Table(rows, colWidths=[5 * cm, 2.2 * cm, 2.3 * cm, 7.5 * cm], style=grid, repeatRows=1)
    )
    story.append(Spacer(1, 8))
    story.append(
        _p(
            _(
                "Totaal: %(inflow)s nieuwe signalen, %(outcomes)s uitkomsten, %(overdue)s over de deadline."
            )
            % {k: totals[k] for k in ("inflow", "outcomes", "overdue")},
            small,
        )
    )
    doc.build(story)
    return buffer.getvalue()
