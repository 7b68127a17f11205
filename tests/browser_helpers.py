"""Helpers for browser tests: axe-core accessibility checks."""

from pathlib import Path

AXE_PATHS = [
    Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js",
    Path(__file__).resolve().parent / "vendor" / "axe.min.js",
]


def axe_source() -> str | None:
    for path in AXE_PATHS:
        if path.exists():
            return path.read_text()
    return None


def axe_violations(page, tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")) -> list[dict]:
    """Run axe-core in the page and return WCAG 2.1 A/AA violations (id, impact, targets)."""
    source = axe_source()
    assert source, "axe-core not found: run `npm ci` (CI does) or keep tests/vendor/axe.min.js"
    # Evaluated through the DevTools protocol, so the page's strict CSP stays in force.
    page.evaluate(source)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        list(tags),
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [node["target"] for node in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
