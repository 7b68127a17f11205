"""The one translation pipeline: extract every app's strings into its gettext catalogs.

    python scripts/messages.py            # what `make messages` runs (then compilemessages)
    python scripts/messages.py --root DIR # the same on a copy (the catalog test uses this)

- nl and en for the whole interface: every app with a ``locale/`` folder gets its own
  catalog; strings of the project's templates, ``website`` and ``core`` go to ``locale/``.
- ar, uk and ti for the newcomer pages: the ``feedback`` app's catalog and the project
  catalog (the site header and footer around those pages). Other apps are skipped.
- Dutch is the source language, so the nl catalogs copy each new msgid as its msgstr
  (polib); a reviewer can still change a Dutch text there without touching code.

Needs GNU gettext (xgettext, msgmerge), installed by scripts/services.sh, and polib (dev).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

INTERFACE_LANGUAGES = ["nl", "en"]
NEWCOMER_LANGUAGES = ["ar", "uk", "ti"]
NEWCOMER_APPS = ["feedback"]
IGNORE = [
    ".venv",
    ".venv/*",
    "node_modules",
    "staticfiles",
    "media",
    "tests",
    "bench",
    "docs",
    "scripts",
    "requirements",
]
OPTIONS = ["--no-location", "--no-obsolete"]


def _makemessages(root: Path, languages: list[str], ignore: list[str]) -> None:
    command = [sys.executable, "manage.py", "makemessages", "--verbosity", "0", *OPTIONS]
    for language in languages:
        command += ["-l", language]
    for pattern in ignore:
        command += ["--ignore", pattern]
    subprocess.run(command, cwd=root, check=True)


def app_catalog_dirs(root: Path) -> list[str]:
    """Top-level folders (apps) that keep their own ``locale/`` catalogs."""
    return sorted(path.parent.name for path in root.glob("*/locale") if path.is_dir())


def run(root: Path) -> None:
    _makemessages(root, INTERFACE_LANGUAGES, IGNORE)
    others = [name for name in app_catalog_dirs(root) if name not in NEWCOMER_APPS]
    _makemessages(root, NEWCOMER_LANGUAGES, IGNORE + others)
    for catalog in root.glob("**/locale/nl/LC_MESSAGES/django.po"):
        if ".venv" not in catalog.parts:
            copy_source_texts(catalog)
    for language in NEWCOMER_LANGUAGES + INTERFACE_LANGUAGES:
        for catalog in root.glob(f"**/locale/{language}/LC_MESSAGES/django.po"):
            if ".venv" not in catalog.parts:
                set_language(catalog, language)


def copy_source_texts(path: Path) -> None:
    """Dutch is the source: every msgstr is its msgid (a fuzzy guess is replaced too)."""
    import polib

    catalog = polib.pofile(str(path), wrapwidth=79)
    for entry in catalog:
        if entry.obsolete or (entry.translated() and "fuzzy" not in entry.flags):
            continue
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
    catalog.save()


PLURAL_FORMS = {
    # Django ships no Tigrinya; xgettext leaves a placeholder that msgfmt refuses.
    "ti": "nplurals=2; plural=(n > 1);",
}


def set_language(path: Path, language: str) -> None:
    import polib

    catalog = polib.pofile(str(path), wrapwidth=79)
    changed = False
    if catalog.metadata.get("Language") != language:
        catalog.metadata["Language"] = language
        changed = True
    if "INTEGER" in catalog.metadata.get("Plural-Forms", "") and language in PLURAL_FORMS:
        catalog.metadata["Plural-Forms"] = PLURAL_FORMS[language]
        changed = True
    if changed:
        catalog.save()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    run(parser.parse_args().root.resolve())


if __name__ == "__main__":
    main()
