"""Accessible charts as inline SVG, rendered on the server (no JavaScript library).

Rules every chart follows:
- ``role="img"`` with ``aria-labelledby`` pointing at its ``<title>`` and ``<desc>``;
- only SVG presentation attributes (fill, stroke, ...), never ``style=""`` (the CSP
  forbids inline styles);
- no information by colour alone: every bar and point carries a direct text label, series
  of a line chart use different marker shapes and dash patterns, segments of a stacked
  bar use different fill patterns with a legend, and each chart has a data table
  (``Chart.columns``/``Chart.rows``, rendered by ``reporting/includes/chart.html``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

INK = "#1f2937"
GRID = "#9ca3af"
# Fills with at least 3:1 contrast against white; patterns carry the difference as well.
FILLS = ["#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c"]
PATTERNS = ["solid", "hatch", "dots", "cross", "vertical"]
MARKERS = ["circle", "square", "triangle", "diamond"]
DASHES = ["", "6 3", "2 3", "8 3 2 3"]

_ids = count(1)


@dataclass
class Chart:
    """An SVG chart plus the data table that says the same in text."""

    key: str
    title: str
    description: str
    svg: SafeString
    caption: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)


def fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        text = f"{value:.1f}".rstrip("0").rstrip(".")
        return text.replace(".", ",")
    return str(value)


def _open_svg(key, width, height, title, desc) -> tuple[list[str], str]:
    uid = f"chart-{key}-{next(_ids)}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" focusable="false">',
        f'<title id="{uid}-title">{escape(title)}</title>',
        f'<desc id="{uid}-desc">{escape(desc)}</desc>',
    ]
    return parts, uid


def _pattern_defs(uid: str, n: int) -> str:
    defs = ["<defs>"]
    for i in range(n):
        colour = FILLS[i % len(FILLS)]
        kind = PATTERNS[i % len(PATTERNS)]
        pid = f"{uid}-p{i}"
        defs.append(
            f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="8" height="8">'
            f'<rect width="8" height="8" fill="{colour}"/>'
        )
        if kind == "hatch":
            defs.append(
                '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#ffffff" stroke-width="2"/>'
            )
        elif kind == "dots":
            defs.append('<circle cx="4" cy="4" r="1.8" fill="#ffffff"/>')
        elif kind == "cross":
            defs.append('<path d="M0,4 h8 M4,0 v8" stroke="#ffffff" stroke-width="1.5"/>')
        elif kind == "vertical":
            defs.append('<path d="M2,0 v8 M6,0 v8" stroke="#ffffff" stroke-width="1.5"/>')
        defs.append("</pattern>")
    defs.append("</defs>")
    return "".join(defs)


def _truncate(text: str, n: int) -> str:
    text = str(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def bar_chart(key, title, description, items, *, label_header, value_header, unit="") -> Chart:
    """Horizontal bars: one per (label, value), the value written next to each bar."""
    items = [(str(label), value or 0) for label, value in items]
    row_h, left, right, top = 28, 210, 70, 8
    width = 640
    height = top + row_h * max(len(items), 1) + 8
    parts, uid = _open_svg(key, width, height, title, description)
    maximum = max((v for _label, v in items), default=0) or 1
    span = width - left - right
    for i, (label, value) in enumerate(items):
        y = top + i * row_h
        bar = max(span * float(value) / float(maximum), 1 if value else 0)
        parts.append(
            f'<text x="{left - 8}" y="{y + 18}" text-anchor="end" font-size="13" fill="{INK}">'
            f"{escape(_truncate(label, 30))}</text>"
        )
        parts.append(
            f'<rect x="{left}" y="{y + 4}" width="{bar:.1f}" height="{row_h - 10}" '
            f'fill="{FILLS[0]}"/>'
        )
        parts.append(
            f'<text x="{left + bar + 6:.1f}" y="{y + 18}" font-size="13" fill="{INK}">'
            f"{escape(fmt(value))}{escape(unit)}</text>"
        )
    if not items:
        parts.append(
            f'<text x="{left}" y="{top + 18}" font-size="13" fill="{INK}">Geen gegevens</text>'
        )
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - 8}" stroke="{INK}"/>')
    parts.append("</svg>")
    return Chart(
        key=key,
        title=title,
        description=description,
        svg=mark_safe("".join(parts)),
        caption=title,
        columns=[label_header, value_header],
        rows=[[label, fmt(value)] for label, value in items],
    )


def line_chart(
    key,
    title,
    description,
    labels,
    series,
    *,
    target=None,
    target_label="Streefwaarde",
    label_header="Periode",
    unit="",
) -> Chart:
    """Lines over ``labels``; ``series`` is [(name, [value or None per label])].

    Each series has its own marker shape and dash pattern and its name at the line's end;
    every point shows its value. ``target`` draws a labelled dashed horizontal line.
    """
    width, height = 640, 260
    left, right, top, bottom = 56, 150, 16, 40
    parts, uid = _open_svg(key, width, height, title, description)
    values = [v for _name, vals in series for v in vals if v is not None]
    if target is not None:
        values.append(float(target))
    low = min(values + [0]) if values else 0
    high = max(values) if values else 1
    if high == low:
        high = low + 1
    high = high + (high - low) * 0.1
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(len(labels), 1)

    def x(i):
        return left + (plot_w * (i + 0.5) / n)

    def y(v):
        return top + plot_h - (float(v) - low) / (high - low) * plot_h

    for step in range(5):
        value = low + (high - low) * step / 4
        yy = y(value)
        parts.append(
            f'<line x1="{left}" y1="{yy:.1f}" x2="{left + plot_w}" y2="{yy:.1f}" '
            f'stroke="{GRID}" stroke-width="0.5"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="{INK}">{escape(fmt(round(value, 1)))}</text>'
        )
    every = max(1, (len(labels) + 7) // 8)
    for i, label in enumerate(labels):
        if i % every == 0 or i == len(labels) - 1:
            parts.append(
                f'<text x="{x(i):.1f}" y="{height - bottom + 18}" text-anchor="middle" '
                f'font-size="11" fill="{INK}">{escape(str(label))}</text>'
            )
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="{INK}"/>'
    )
    if target is not None:
        ty = y(target)
        parts.append(
            f'<line x1="{left}" y1="{ty:.1f}" x2="{left + plot_w}" y2="{ty:.1f}" '
            f'stroke="{INK}" stroke-width="1.5" stroke-dasharray="4 4"/>'
        )
        parts.append(
            f'<text x="{left + plot_w + 6}" y="{ty + 4:.1f}" font-size="12" fill="{INK}">'
            f"{escape(target_label)} {escape(fmt(float(target)))}{escape(unit)}</text>"
        )
    for s, (name, vals) in enumerate(series):
        colour = FILLS[s % len(FILLS)]
        points = [(x(i), y(v), v) for i, v in enumerate(vals) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _v in points)
            dash = DASHES[s % len(DASHES)]
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" '
                f'stroke-width="2"{dash_attr}/>'
            )
        for px, py, v in points:
            parts.append(_marker(MARKERS[s % len(MARKERS)], px, py, colour))
            if len(points) <= 12:
                parts.append(
                    f'<text x="{px:.1f}" y="{py - 9:.1f}" text-anchor="middle" font-size="11" '
                    f'fill="{INK}">{escape(fmt(float(v)))}</text>'
                )
        if points:
            px, py, _v = points[-1]
            parts.append(
                f'<text x="{left + plot_w + 6}" y="{py + 16:.1f}" font-size="12" '
                f'fill="{INK}">{escape(_truncate(name, 22))}</text>'
            )
    parts.append("</svg>")
    columns = [label_header, *[name for name, _vals in series]]
    rows = [
        [label, *[fmt(None if vals[i] is None else float(vals[i])) for _n, vals in series]]
        for i, label in enumerate(labels)
    ]
    if target is not None:
        columns.append(target_label)
        rows = [[*row, fmt(float(target))] for row in rows]
    return Chart(
        key=key,
        title=title,
        description=description,
        svg=mark_safe("".join(parts)),
        caption=title,
        columns=columns,
        rows=rows,
    )


def _marker(shape, x, y, colour) -> str:
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if shape == "triangle":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}" '
            f'fill="{colour}"/>'
        )
    if shape == "diamond":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} '
            f'{x - 5:.1f},{y:.1f}" fill="{colour}"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def stacked_bar_chart(
    key, title, description, categories, series, *, label_header, total_header="Totaal"
) -> Chart:
    """Horizontal stacked bars: ``series`` is [(name, [value per category])].

    Segments differ by fill pattern (and colour); a legend with the pattern swatches names
    them, and each segment wide enough carries its value.
    """
    width = 640
    left, right, top = 150, 60, 36
    row_h = 34
    height = top + row_h * max(len(categories), 1) + 10
    parts, uid = _open_svg(key, width, height, title, description)
    parts.append(_pattern_defs(uid, len(series)))
    lx = left
    for s, (name, _vals) in enumerate(series):
        parts.append(
            f'<rect x="{lx}" y="6" width="16" height="16" fill="url(#{uid}-p{s})" stroke="{INK}"/>'
        )
        parts.append(
            f'<text x="{lx + 22}" y="19" font-size="12" fill="{INK}">{escape(str(name))}</text>'
        )
        lx += 30 + 8 * len(str(name))
    totals = [sum((vals[i] or 0) for _n, vals in series) for i in range(len(categories))]
    maximum = max(totals, default=0) or 1
    span = width - left - right
    for i, category in enumerate(categories):
        y = top + i * row_h
        parts.append(
            f'<text x="{left - 8}" y="{y + 20}" text-anchor="end" font-size="13" fill="{INK}">'
            f"{escape(_truncate(category, 22))}</text>"
        )
        x = float(left)
        for s, (_name, vals) in enumerate(series):
            value = vals[i] or 0
            w = span * value / maximum
            if w <= 0:
                continue
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 10}" '
                f'fill="url(#{uid}-p{s})" stroke="#ffffff" stroke-width="1"/>'
            )
            if w >= 26:
                parts.append(
                    f'<rect x="{x + w / 2 - 12:.1f}" y="{y + 9}" width="24" height="14" '
                    f'fill="#ffffff"/>'
                )
                parts.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + 20}" text-anchor="middle" '
                    f'font-size="11" fill="{INK}">{escape(fmt(value))}</text>'
                )
            x += w
        parts.append(
            f'<text x="{x + 6:.1f}" y="{y + 20}" font-size="13" fill="{INK}">'
            f"{escape(fmt(totals[i]))}</text>"
        )
    parts.append("</svg>")
    return Chart(
        key=key,
        title=title,
        description=description,
        svg=mark_safe("".join(parts)),
        caption=title,
        columns=[label_header, *[str(n) for n, _v in series], total_header],
        rows=[
            [category, *[fmt(vals[i] or 0) for _n, vals in series], fmt(totals[i])]
            for i, category in enumerate(categories)
        ],
    )
