"""Every string in use is translated: nl and en for the whole interface, ar/uk/ti for the
newcomer pages. The catalogs are extracted afresh with the project's own pipeline
(scripts/messages.py, what `make messages` runs) on a copy of the source, so a string
added in code without a translation fails here, as does a fuzzy entry.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".venv", ".git", "node_modules", "staticfiles", "media", "tests", "bench", "__pycache__"}
NEWCOMER_CONTEXT = "inburgeraar"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    copy = tmp_path_factory.mktemp("catalogs") / "src"
    shutil.copytree(ROOT, copy, ignore=lambda _dir, names: [n for n in names if n in SKIP])
    subprocess.run([sys.executable, "scripts/messages.py", "--root", str(copy)], check=True)
    return copy


def _catalogs(root: Path, language: str):
    return sorted(root.glob(f"**/locale/{language}/LC_MESSAGES/django.po"))


def _problems(entries):
    return [
        (entry.msgctxt, entry.msgid)
        for entry in entries
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_whole_interface_is_translated(fresh, language):
    catalogs = _catalogs(fresh, language)
    assert len(catalogs) >= 8  # the project catalog and every app with its own
    problems = {}
    for path in catalogs:
        found = _problems(polib.pofile(str(path)))
        if found:
            problems[str(path.relative_to(fresh))] = found
    assert problems == {}


def _base_template_strings() -> set[str]:
    text = (ROOT / "templates" / "base.html").read_text()
    found = set(re.findall(r"""{% translate ["']([^"']+)["']""", text))
    found |= set(re.findall(r"""_\("([^"]+)"\)""", text))
    return found


@pytest.mark.parametrize("language", ["ar", "uk", "ti"])
def test_newcomer_pages_are_translated(fresh, language):
    feedback = polib.pofile(str(fresh / f"feedback/locale/{language}/LC_MESSAGES/django.po"))
    newcomer = [entry for entry in feedback if entry.msgctxt == NEWCOMER_CONTEXT]
    assert len(newcomer) > 80
    assert _problems(newcomer) == []
    # The site header and footer around the newcomer pages.
    shell = polib.pofile(str(fresh / f"locale/{language}/LC_MESSAGES/django.po"))
    wanted = _base_template_strings()
    assert len(wanted) > 10
    entries = [entry for entry in shell if entry.msgid in wanted and entry.msgctxt is None]
    assert {entry.msgid for entry in entries} == wanted
    assert _problems(entries) == []
    assert feedback.metadata["Plural-Forms"].startswith("nplurals=")
    assert "INTEGER" not in shell.metadata["Plural-Forms"]


def test_compiled_catalogs_match_the_po_files():
    """The .mo files in the repository hold every translation of their .po file."""
    stale = []
    for path in ROOT.glob("**/locale/*/LC_MESSAGES/django.po"):
        if ".venv" in path.parts:
            continue
        mo = path.with_suffix(".mo")
        translated = {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)).translated_entries()}
        compiled = {(e.msgctxt, e.msgid) for e in polib.mofile(str(mo))} if mo.exists() else set()
        if translated - compiled:
            stale.append(str(path.relative_to(ROOT)))
    assert stale == []
