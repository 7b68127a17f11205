"""The kwartaalrapportage: scheduled job (idempotent), on demand, web page, PDF and XLSX."""

import io
from datetime import date

import pytest
from django.urls import reverse

from accounts import roles
from reporting import services
from reporting.models import QuarterlyReport
from reporting.pdf import build_pdf
from reporting.periods import Period
from reporting.tasks import generate_quarterly_reports

from .conftest import NOW

pytestmark = pytest.mark.django_db
Q1 = Period.quarter(2025, 1)


def test_scheduled_job_stores_each_scope_once(dataset):
    result = generate_quarterly_reports(today=date(2025, 4, 2))
    assert result == {"created": 4, "existing": 0}
    assert set(QuarterlyReport.objects.values_list("scope", "year", "quarter")) == {
        (scope, 2025, 1) for scope in ("alle", "uitvoering", "schakel", "stelsel")
    }
    report = QuarterlyReport.objects.get(scope="alle")
    assert report.data["figures"]["totals"]["inflow"] == 7
    first_generated = report.generated_at
    assert generate_quarterly_reports(today=date(2025, 4, 3)) == {"created": 0, "existing": 4}
    report.refresh_from_db()
    assert report.generated_at == first_generated and QuarterlyReport.objects.count() == 4


def test_report_compares_with_the_previous_quarter(dataset):
    data = services.build_report_data("alle", Q1, now=NOW)
    rows = {row["key"]: row for row in data["comparison"]}
    assert (
        rows["inflow"]["current"],
        rows["inflow"]["previous"],
        rows["inflow"]["difference"],
    ) == (
        7,
        2,
        5,
    )
    assert (rows["median_days"]["current"], rows["median_days"]["previous"]) == (20.0, 10.0)
    assert rows["median_days"]["difference"] == 10.0
    assert [d["title"] for d in data["dossiers"]] == [
        "Dossier drie doorgezet",
        "Dossier twee besloten",
    ]


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def test_pdf_contains_title_period_figures_dossiers_and_comparison(dataset):
    data = services.build_report_data("alle", Q1, now=NOW)
    text = _pdf_text(build_pdf(data))
    assert "Kwartaalrapportage 2025-K1: Alle niveaus" in text
    assert "2025-01-01 tot en met 2025-03-31" in text
    assert "Instroom (nieuwe signalen) 7 2 +5" in text
    assert "Mediane tijd tot uitkomst dagen 20 10 +10" in text
    assert "Dossier twee besloten" in text and "Regeling aangepast" in text
    assert "Gemeente" in text  # organisation type table


def test_pdf_without_compression_contains_the_text_bytes(dataset):
    data = services.build_report_data("schakel", Q1, now=NOW)
    raw = build_pdf(data, compress=False)
    assert raw.startswith(b"%PDF") and b"Schakelniveau" in raw


def test_xlsx_has_figures_dossiers_and_comparison(dataset):
    from openpyxl import load_workbook

    from reporting.xlsx import build_xlsx

    data = services.build_report_data("alle", Q1, now=NOW)
    book = load_workbook(io.BytesIO(build_xlsx(data)))
    assert book.sheetnames == ["Cijfers", "Dossiers", "Vergelijking"]
    figures = {row[0]: row[1] for row in book["Cijfers"].iter_rows(values_only=True) if row}
    assert figures["Instroom (nieuwe signalen)"] == 7
    assert figures["Mediane tijd tot uitkomst"] == 20.0
    assert figures["2025-01"] == 3
    dossiers = list(book["Dossiers"].iter_rows(values_only=True))
    assert dossiers[2][1] == "Dossier twee besloten" and dossiers[2][6] == "Regeling aangepast"
    comparison = {row[0]: row[1:4] for row in book["Vergelijking"].iter_rows(values_only=True)}
    assert comparison["Instroom (nieuwe signalen)"] == (7, 2, 5)


def test_downloads_and_on_demand_generation(dataset, client_for):
    client, user = client_for(roles.COORDINATOR_STELSEL)
    live = client.get(reverse("reporting:quarterly", args=["stelsel", "2025-K1"]))
    assert "Nog niet vastgelegd" in live.content.decode()
    report, created = services.generate_quarterly_report("stelsel", Q1, user=user, now=NOW)
    assert created and report.generated_by == user
    page = client.get(report.get_absolute_url())
    assert page.status_code == 200 and "Vastgelegd op" in page.content.decode()
    pdf = client.get(reverse("reporting:quarterly_pdf", args=["stelsel", "2025-K1"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "Stelselniveau" in _pdf_text(pdf.content)
    xlsx = client.get(reverse("reporting:quarterly_xlsx", args=["stelsel", "2025-K1"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert (
        client.get(reverse("reporting:quarterly", args=["stelsel", "2025-13"])).status_code == 404
    )


def test_on_demand_form_stores_the_current_quarter(db, client_for):
    from django.utils import timezone

    client, _ = client_for(roles.COORDINATOR_SCHAKEL)
    period = Period.containing(timezone.localdate())
    response = client.post(
        reverse("reporting:quarterly_index"), {"scope": "schakel", "period": period.label}
    )
    assert response.status_code == 302
    assert QuarterlyReport.objects.filter(scope="schakel", year=period.year).exists()
    # a scope the role may not see is refused by the form
    response = client.post(
        reverse("reporting:quarterly_index"), {"scope": "stelsel", "period": period.label}
    )
    assert (
        response.status_code == 200 and not QuarterlyReport.objects.filter(scope="stelsel").exists()
    )
