import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from communities.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.COMMUNITIES_DOCUMENT_ROOT = tmp_path / "private"
    return tmp_path / "private"


def _zip(entries: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
ODS = _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"})
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _upload(client, community, name, content, title="Verslag"):
    return client.post(
        community.url + "documenten/",
        {"title": title, "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    "name,content",
    [
        ("verslag.pdf", PDF),
        ("notulen.docx", DOCX),
        ("cijfers.ods", ODS),
        ("lijst.csv", b"gemeente;aantal\nUtrecht;12\n"),
    ],
)
def test_allowed_documents_are_stored_and_streamed_to_members(
    client, closed_community, member, private_root, name, content
):
    client.force_login(member)
    response = _upload(client, closed_community, name, content)
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.original_name == name and document.size == len(content)
    # Stored outside MEDIA_ROOT, without a public URL.
    assert any(private_root.rglob("*"))
    with pytest.raises(ValueError):
        _ = document.file.url
    response = client.get(closed_community.url + f"documenten/{document.pk}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Disposition"].startswith("attachment")
    assert name in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("tool.exe", b"MZ\x90\x00", "niet toegestaan"),
        ("rapport.pdf", b"MZ\x90\x00\x03\x00\x00\x00 renamed executable", "uitvoerbare code"),
        ("script.txt", b"#!/bin/sh\nrm -rf /\n", "uitvoerbare code"),
        ("nep.docx", PDF, "past niet bij de extensie"),
        ("nep.pdf", DOCX, "past niet bij de extensie"),
        (
            "macro.docx",
            _zip(
                {"[Content_Types].xml": "x", "word/document.xml": "x", "word/vbaProject.bin": "x"}
            ),
            "macro",
        ),
        ("binair.csv", b"\x00\x01\x02\x03", "past niet bij de extensie"),
        ("leeg.pdf", b"", "leeg"),
    ],
)
def test_wrong_or_dangerous_uploads_are_refused(
    client, closed_community, member, name, content, message
):
    client.force_login(member)
    response = _upload(client, closed_community, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()


@override_settings(COMMUNITIES_DOCUMENT_MAX_SIZE=1024)
def test_too_large_upload_is_refused(client, closed_community, member):
    client.force_login(member)
    response = _upload(client, closed_community, "groot.pdf", PDF + b"0" * 2000)
    assert "te groot" in response.content.decode()
    assert not Document.objects.exists()


def test_documents_are_only_served_to_readers(
    client, closed_community, hidden_community, member, outsider
):
    client.force_login(member)
    _upload(client, closed_community, "a.pdf", PDF, title="Besloten stuk")
    _upload(client, hidden_community, "b.pdf", PDF, title="Verborgen stuk")
    closed_doc = Document.objects.get(community=closed_community)
    hidden_doc = Document.objects.get(community=hidden_community)
    client.force_login(outsider)
    assert (
        client.get(closed_community.url + f"documenten/{closed_doc.pk}/download/").status_code
        == 403
    )
    assert (
        client.get(hidden_community.url + f"documenten/{hidden_doc.pk}/download/").status_code
        == 404
    )
    # Not through another community's route either.
    assert (
        client.get(closed_community.url + f"documenten/{hidden_doc.pk}/download/").status_code
        == 403
    )
    client.logout()
    response = client.get(closed_community.url + f"documenten/{closed_doc.pk}/download/")
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]
