"""manage.py import_qa: good rows import, bad rows are reported, re-import updates."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from knowledge.models import QuestionPage
from taxonomy.models import Theme

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parents[2] / "knowledge" / "fixtures"


def _run(path, *args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_qa", str(path), "--no-progress", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        code = error.returncode
        err.write(str(error))
    return code, out.getvalue(), err.getvalue()


def test_example_csv_and_json_import_and_publish(kb):
    code, out, _ = _run(FIXTURES / "example_qa.csv")
    assert code == 0
    assert "3 nieuw, 0 bijgewerkt, 0 fout van 3 rijen" in out
    page = QuestionPage.objects.get(title="Wie betaalt de leerbaarheidstoets?")
    assert page.live
    assert [t.slug for t in page.themes.all()] == ["leerbaarheidstoets"]
    assert [p.number for p in page.phases.all()] == [3]
    assert [t.name for t in page.tags.all()] == ["toets"]
    assert str(page.last_reviewed) == "2025-01-15"
    assert page.url == "/kennisbank/vragen/wie-betaalt-de-leerbaarheidstoets/"

    code, out, _ = _run(FIXTURES / "example_qa.json")
    assert code == 0 and "2 nieuw" in out
    ontzorgen = QuestionPage.objects.get(title="Wat is financieel ontzorgen?")
    # themes matched by name and by slug
    assert {t.slug for t in ontzorgen.themes.all()} == {
        "financieel-ontzorgen",
        "participatiewet-en-bijstand",
    }


def test_reimport_updates_instead_of_duplicating(kb, tmp_path):
    path = tmp_path / "qa.json"
    row = {"question": "Wat is KNM?", "short_answer": "Eerste versie.", "themes": ["KNM"]}
    path.write_text(json.dumps([row]))
    assert _run(path)[0] == 0
    row["short_answer"] = "Tweede versie."
    path.write_text(json.dumps([row]))
    code, out, _ = _run(path)
    assert code == 0 and "0 nieuw, 1 bijgewerkt" in out
    page = QuestionPage.objects.get()
    assert page.short_answer == "Tweede versie."
    assert page.revisions.count() == 2


def test_bad_rows_are_reported_and_good_rows_still_import(kb, tmp_path):
    themes_before = Theme.objects.count()
    path = tmp_path / "qa.csv"
    path.write_text(
        "question;short_answer;answer;themes;phases;tags;last_reviewed\n"
        "Goede vraag?;Goed antwoord.;;PIP;;;2025-01-01\n"
        "Vraag met onbekend thema?;Antwoord.;;Bestaat niet;;;\n"
        ";Antwoord zonder vraag;;;;;\n"
        "Vraag met foute datum?;Antwoord.;;;;;gisteren\n"
        "Vraag met onbekende fase?;Antwoord.;;;Fase 9;;\n"
        "Nog een goede vraag?;Ook goed.;Uitleg.;KNM;Inburgeren en participeren;a;\n",
        encoding="utf-8",
    )
    code, out, err = _run(path)
    assert code == 1
    assert "2 nieuw, 0 bijgewerkt, 4 fout van 6 rijen" in out
    assert "Rij 2: onbekende thema's: Bestaat niet" in err
    assert "Rij 3: kolom 'question' is leeg" in err
    assert "Rij 4: onbekende datum 'gisteren'" in err
    assert "Rij 5: onbekende fasen: Fase 9" in err
    assert set(QuestionPage.objects.values_list("title", flat=True)) == {
        "Goede vraag?",
        "Nog een goede vraag?",
    }
    assert Theme.objects.count() == themes_before  # unknown themes are never created


def test_draft_option_and_unreadable_file(kb, tmp_path):
    code, _, _ = _run(FIXTURES / "example_qa.json", "--draft")
    assert code == 0
    assert not QuestionPage.objects.live().exists()
    assert QuestionPage.objects.count() == 2
    code, _, err = _run(tmp_path / "missing.csv")
    assert code == 1 and "File not found" in err
    bad = tmp_path / "qa.txt"
    bad.write_text("x")
    assert "Unsupported file type" in _run(bad)[2]
