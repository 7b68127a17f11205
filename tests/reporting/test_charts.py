"""Charts are accessible SVG: role=img with title/desc, no inline styles, direct labels."""

import re

from reporting.charts import bar_chart, line_chart, stacked_bar_chart
from reporting.periods import Period


def _check_accessible(svg: str):
    assert 'role="img"' in svg and "style=" not in svg and "<script" not in svg
    ids = re.search(r'aria-labelledby="([^"]+)"', svg)[1].split()
    assert all(f'id="{i}"' in svg for i in ids) and len(ids) == 2


def test_bar_chart_labels_every_bar_and_escapes_text():
    chart = bar_chart(
        "t",
        "Thema's",
        "Uitleg",
        [("<b>PIP</b>", 3), ("B1", 0)],
        label_header="Thema",
        value_header="Aantal",
    )
    _check_accessible(chart.svg)
    assert "&lt;b&gt;PIP&lt;/b&gt;" in chart.svg and ">3</text>" in chart.svg
    assert chart.rows == [["<b>PIP</b>", "3"], ["B1", "0"]]


def test_line_chart_with_target_uses_markers_and_a_labelled_target():
    chart = line_chart(
        "l",
        "Trend",
        "Uitleg",
        ["2025-K1", "2025-K2"],
        [("Landelijk", [1.5, 2.0]), ("Regio", [None, 3.0])],
        target=2.5,
    )
    _check_accessible(chart.svg)
    assert "Streefwaarde 2,5" in chart.svg and 'stroke-dasharray="4 4"' in chart.svg
    assert "<circle" in chart.svg and "<rect" in chart.svg  # two different marker shapes
    assert chart.columns == ["Periode", "Landelijk", "Regio", "Streefwaarde"]
    assert chart.rows[0] == ["2025-K1", "1,5", "–", "2,5"]


def test_stacked_bar_chart_uses_patterns_and_a_legend():
    chart = stacked_bar_chart(
        "s",
        "Niveaus",
        "Uitleg",
        ["Uitvoering", "Schakel"],
        [("Opgelost", [3, 1]), ("Open", [1, 0])],
        label_header="Niveau",
    )
    _check_accessible(chart.svg)
    assert chart.svg.count("<pattern") == 2 and ">Opgelost</text>" in chart.svg
    assert chart.rows == [["Uitvoering", "3", "1", "4"], ["Schakel", "1", "0", "1"]]


def test_periods_parse_and_step_back():
    assert Period.parse("2025-Q1") == Period.parse("K1 2025") == Period.quarter(2025, 1)
    assert Period.parse("2025-K1").previous().label == "2024-K4"
    assert Period.parse("2025-01").previous().label == "2024-12"
    assert str(Period.quarter(2025, 4).end) == "2026-01-01"
