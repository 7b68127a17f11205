"""Turns a figures dict (``reporting.figures``) into charts and tables for the pages."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .charts import bar_chart, line_chart, stacked_bar_chart

MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


def figure_charts(figures: dict, *, public: bool = False) -> list:
    months = figures["months"]
    charts = [
        line_chart(
            "instroom",
            _("Instroom per maand"),
            _("Aantal nieuwe signalen per maand in de gekozen periode."),
            [month_label(m["month"]) for m in months],
            [(_("Nieuwe signalen"), [m["count"] for m in months])],
            label_header=_("Maand"),
        ),
        stacked_bar_chart(
            "niveaus",
            _("Signalen per niveau"),
            _(
                "Per niveau: uitkomsten in de periode (opgelost en afgewezen) en signalen die nu open staan."
            ),
            [row["label"] for row in figures["levels"]],
            [
                (_("Opgelost"), [row["resolved"] for row in figures["levels"]]),
                (_("Afgewezen"), [row["outcomes"] - row["resolved"] for row in figures["levels"]]),
                (_("Open"), [row["open"] for row in figures["levels"]]),
            ],
            label_header=_("Niveau"),
        ),
        bar_chart(
            "themas",
            _("Meest genoemde thema's"),
            _("De thema's met de meeste nieuwe signalen in de periode."),
            [(r["name"], r["count"]) for r in figures["themes"]],
            label_header=_("Thema"),
            value_header=_("Signalen"),
        ),
        bar_chart(
            "fasen",
            _("Signalen per fase"),
            _("Nieuwe signalen per fase van het inburgeringstraject."),
            [(r["name"] or _("Geen fase"), r["count"]) for r in figures["phases"]],
            label_header=_("Fase"),
            value_header=_("Signalen"),
        ),
        bar_chart(
            "regios",
            _("Signalen per regio"),
            _("Nieuwe signalen per regio.")
            + (" " + _("Regio's met weinig signalen zijn weggelaten.") if public else ""),
            [(r["name"] or _("Geen regio"), r["count"]) for r in figures["regions"]],
            label_header=_("Regio"),
            value_header=_("Signalen"),
        ),
        bar_chart(
            "organisatietypen",
            _("Signalen per soort organisatie"),
            _("Nieuwe signalen naar het soort organisatie van de melder."),
            [(r["name"] or _("Onbekend"), r["count"]) for r in figures["organisation_types"]],
            label_header=_("Soort organisatie"),
            value_header=_("Signalen"),
        ),
    ]
    satisfaction = figures["satisfaction"]
    if not satisfaction.get("suppressed"):
        charts.append(
            bar_chart(
                "tevredenheid",
                _("Tevredenheid over de uitkomst"),
                _("Beoordelingen door melders in de periode: is het probleem opgelost?"),
                [
                    (_("Ja"), satisfaction["ja"]),
                    (_("Gedeeltelijk"), satisfaction["deels"]),
                    (_("Nee"), satisfaction["nee"]),
                ],
                label_header=_("Antwoord"),
                value_header=_("Beoordelingen"),
            )
        )
    if public and figures.get("organisations"):
        charts.append(
            bar_chart(
                "organisaties",
                _("Signalen per organisatie"),
                _("Alleen organisaties met genoeg gepubliceerde signalen."),
                [(r["name"], r["count"]) for r in figures["organisations"]],
                label_header=_("Organisatie"),
                value_header=_("Signalen"),
            )
        )
    return charts


def kpis(figures: dict) -> list[tuple[str, object, str]]:
    t = figures["totals"]
    s = figures["satisfaction"]
    return [
        (_("Nieuwe signalen"), t["inflow"], ""),
        (_("Open"), t["open"], ""),
        (_("Over de deadline"), t["overdue"], ""),
        (_("Uitkomsten"), t["outcomes"], ""),
        (_("Doorgezet"), t["escalated"], ""),
        (_("Mediane tijd tot uitkomst"), t["median_days"], _("dagen")),
        (_("Tijd tot uitkomst (90e percentiel)"), t["p90_days"], _("dagen")),
        (_("Met terugkoppeling"), t["feedback_share"], "%"),
        (_("Tevreden over de uitkomst"), None if s.get("suppressed") else s.get("ja_share"), "%"),
    ]
