"""The quarterly report in every script: Latin, Cyrillic, Ethiopic (Tigrinya) and Arabic."""

import io
import unicodedata

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from reporting import scripts, services
from reporting.pdf import build_pdf
from reporting.periods import Period
from reporting.xlsx import build_xlsx

from .conftest import NOW

pytestmark = pytest.mark.django_db

ARABIC = "مدرسة اللغة"
UKRAINIAN = "Мовний курс"
TIGRINYA = "ትምህርቲ ቋንቋ"


def _with_words(data):
    data["figures"]["themes"] = [
        {"name": ARABIC, "count": 3},
        {"name": UKRAINIAN, "count": 2},
        {"name": TIGRINYA, "count": 1},
    ]
    data["dossiers"][0]["title"] = f"{ARABIC}: {UKRAINIAN}"
    data["dossiers"][0]["outcome"] = f"{TIGRINYA}: 12 ({UKRAINIAN})"
    return data


def _text(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    # Shaped Arabic is stored as presentation forms; NFKC maps them back to the letters.
    return unicodedata.normalize("NFKC", " ".join(text.split()))


def test_pdf_keeps_arabic_ukrainian_and_tigrinya_words_intact(dataset):
    data = _with_words(services.build_report_data("alle", Period.quarter(2025, 1), now=NOW))
    pdf = build_pdf(data)
    text = _text(pdf)
    assert ARABIC in text
    assert UKRAINIAN in text
    assert TIGRINYA in text
    assert "Kwartaalrapportage 2025-K1" in text
    fonts = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1].split("-")[0])
    # The embedded (subset) Noto fonts carry the text.
    assert {"NotoSans", "NotoSansArabic", "NotoSansEthiopic"} <= fonts


def test_arabic_is_shaped_and_put_right_to_left():
    shown = scripts.visual("مدرسة")
    # Contextual forms (presentation forms block) in display order: the last letter first.
    assert all(0xFE70 <= ord(char) <= 0xFEFF for char in shown)
    assert unicodedata.normalize("NFKC", shown)[::-1] == "مدرسة"
    assert scripts.starts_right_to_left("مدرسة 12") and not scripts.starts_right_to_left("12 ok")


def test_runs_give_each_script_its_font():
    assert scripts.runs("Курс ትምህርቲ: عربي") == [
        (scripts.LATIN, "Курс "),
        (scripts.ETHIOPIC, "ትምህርቲ"),
        (scripts.LATIN, ": "),
        (scripts.ARABIC, "عربي"),
    ]


def test_xlsx_keeps_every_script(dataset):
    data = _with_words(services.build_report_data("alle", Period.quarter(2025, 1), now=NOW))
    book = load_workbook(io.BytesIO(build_xlsx(data)))
    values = {cell for row in book.worksheets[0].iter_rows(values_only=True) for cell in row}
    assert {ARABIC, UKRAINIAN, TIGRINYA} <= values
    titles = [row[1] for row in book.worksheets[1].iter_rows(values_only=True)]
    assert f"{ARABIC}: {UKRAINIAN}" in titles
