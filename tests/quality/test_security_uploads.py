"""Uploads: content checks, size limits and inert serving of documents."""

from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

from accounts import roles

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _clean_cache():
    """Throttles and rate limits live in the cache: each test starts and ends clean."""
    cache.clear()
    yield
    cache.clear()


def _docx(with_macro=False) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        if with_macro:
            archive.writestr("word/vbaProject.bin", b"\x00macro")
    return buffer.getvalue()


HOSTILE_UPLOADS = [
    ("pagina.html", b"<html><script>alert(1)</script></html>", "text/html"),
    ("plaatje.svg", b"<svg onload=alert(1)></svg>", "image/svg+xml"),
    ("verslag.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
    ("verslag.pdf", b"MZ\x90\x00\x03 executable", "application/pdf"),
    ("notulen.txt", b"#!/bin/sh\nrm -rf /\n", "text/plain"),
    ("notulen.docx", _docx(with_macro=True), "application/octet-stream"),
    ("notulen.docx", b"%PDF-1.4 not a docx", "application/octet-stream"),
    ("leeg.pdf", b"", "application/pdf"),
    ("setup.exe", b"MZ\x90\x00", "application/octet-stream"),
]


@pytest.mark.django_db
def test_community_uploads_are_checked_by_content_type_and_size(make_user, home_page, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from communities.factories import make_community
    from communities.models import Document

    member = make_user(role=roles.PROFESSIONAL)
    community = make_community(facilitator=member)
    browser = Client()
    browser.force_login(member)
    url = f"{community.url}documenten/"
    for name, content, content_type in HOSTILE_UPLOADS:
        upload = SimpleUploadedFile(name, content, content_type=content_type)
        response = browser.post(url, {"title": name, "file": upload})
        assert response.status_code in (200, 400), (name, response.status_code)
        assert Document.objects.count() == 0, f"{name} was accepted"
    too_big = SimpleUploadedFile(
        "groot.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1), content_type="application/pdf"
    )
    assert browser.post(url, {"title": "groot", "file": too_big}).status_code in (200, 400)
    assert Document.objects.count() == 0
    good = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")
    assert browser.post(url, {"title": "Verslag", "file": good}).status_code == 302
    assert Document.objects.count() == 1
    document = Document.objects.get()
    download = browser.get(f"{community.url}documenten/{document.pk}/download/")
    assert download.status_code == 200
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in download.headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_wagtail_documents_refuse_active_content_and_are_served_inert(
    make_user, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents.forms import get_document_form
    from wagtail.documents.models import Document

    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    editor = make_user(role=roles.REDACTEUR)
    DocumentForm = get_document_form(Document)
    for name, content in [
        ("pagina.html", b"<script>alert(1)</script>"),
        ("plaatje.svg", b"<svg onload=alert(1)/>"),
        ("setup.exe", b"MZ"),
        ("te-groot.pdf", b"%PDF-1.4" + b"0" * (settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + 1)),
    ]:
        form = DocumentForm(
            data={"title": name, "collection": 1},
            files={"file": SimpleUploadedFile(name, content)},
            user=editor,
        )
        assert not form.is_valid(), f"{name} was accepted"
        assert "file" in form.errors
    # Allowed extensions are served so a browser cannot run them: nosniff and a blocking CSP.
    document = Document(title="Notulen")
    document.file.save("notulen.txt", SimpleUploadedFile("x", b"<script>alert(1)</script>"))
    document.save()
    response = Client().get(f"/documenten/{document.pk}/{document.filename}")
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "default-src 'none'"
    assert response.headers["Content-Type"].startswith("text/plain")
