"""Importing ketenindicator values from CSV: good rows stored, bad rows reported per line."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts import roles
from reporting.models import Indicator, IndicatorValue
from reporting.services import ImportFileError, import_indicator_values
from taxonomy.models import Phase, Region

pytestmark = pytest.mark.django_db

CSV = """indicator;periode;regio;waarde;toelichting
doorlooptijd-pip;2025-K1;Regio West;9,5;eerste meting
doorlooptijd-pip;2025-K2;landelijk;10.25;
Doorlooptijd PIP;2025-03;regio-west;8;maandcijfer
onbekend-ding;2025-K1;Regio West;3;
doorlooptijd-pip;2025-K5;Regio West;3;
doorlooptijd-pip;2025-K1;Atlantis;3;
doorlooptijd-pip;2025-K1;Regio West;veel;

"""


@pytest.fixture
def indicator(db):
    Region.objects.create(name="Regio West", slug="regio-west")
    return Indicator.objects.create(
        name="Doorlooptijd PIP",
        slug="doorlooptijd-pip",
        phase=Phase.objects.get(number=3),
        definition="Weken tussen intake en PIP",
        unit="weken",
        target=10,
        direction="lager",
    )


def test_good_rows_import_and_bad_rows_are_reported(indicator):
    result = import_indicator_values(CSV.encode())
    assert (result.created, result.updated) == (3, 0)
    assert result.errors == [
        (5, "Onbekende indicator 'onbekend-ding'."),
        (6, "Onbekende periode '2025-K5' (gebruik bijvoorbeeld 2025-K1 of 2025-03)."),
        (7, "Onbekende regio 'Atlantis'."),
        (8, "'veel' is geen getal."),
    ]
    values = {
        (v.period_kind, str(v.period_start), v.region.slug if v.region else None): v.value
        for v in IndicatorValue.objects.all()
    }
    assert values == {
        ("kwartaal", "2025-01-01", "regio-west"): Decimal("9.50"),
        ("kwartaal", "2025-04-01", None): Decimal("10.25"),
        ("maand", "2025-03-01", "regio-west"): Decimal("8.00"),
    }


def test_reimport_updates_values(indicator):
    import_indicator_values(CSV)
    result = import_indicator_values(
        "indicator,periode,regio,waarde\ndoorlooptijd-pip,2025-K1,Regio West,7.5\n"
        "doorlooptijd-pip,2025-K2,,10.25\n"
    )
    assert (result.created, result.updated, result.unchanged, result.errors) == (0, 1, 1, [])
    assert IndicatorValue.objects.get(
        region__slug="regio-west", period_kind="kwartaal"
    ).value == Decimal("7.50")
    assert IndicatorValue.objects.count() == 3


def test_a_file_without_the_right_columns_is_refused(indicator):
    with pytest.raises(ImportFileError, match="periode"):
        import_indicator_values("indicator;regio;waarde\nx;y;1\n")


def test_management_command(indicator, tmp_path, capsys):
    path = tmp_path / "waarden.csv"
    path.write_text(CSV, encoding="utf-8")
    call_command("import_indicator_values", str(path))
    out, err = capsys.readouterr()
    assert "3 nieuw" in out and "regel 5: Onbekende indicator" in err
    with pytest.raises(CommandError):
        call_command("import_indicator_values", str(tmp_path / "bestaat-niet.csv"))


def test_upload_form_for_editors(indicator, client_for):
    client, _ = client_for(roles.REDACTEUR)
    url = reverse("reporting:import")
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("waarden.csv", CSV.encode("utf-8"), content_type="text/csv")
    html = client.post(url, {"file": upload}, follow=True).content.decode()
    assert "3 regels verwerkt: 3 nieuw" in html
    assert "Regel 7: Onbekende regio" in html and "4 regels zijn niet geïmporteerd" in html
    bad = SimpleUploadedFile("waarden.pdf", b"%PDF", content_type="application/pdf")
    html = client.post(url, {"file": bad}).content.decode()
    assert "Kies een CSV-bestand" in html
    empty = SimpleUploadedFile("leeg.csv", b"naam;x\n1;2\n", content_type="text/csv")
    assert "De kopregel mist" in client.post(url, {"file": empty}).content.decode()


@pytest.mark.parametrize(
    "role", [roles.PROFESSIONAL, roles.COORDINATOR_STELSEL, roles.KETENPARTNER]
)
def test_upload_form_refuses_other_roles(db, client_for, role):
    client, _ = client_for(role)
    assert client.get(reverse("reporting:import")).status_code == 403
