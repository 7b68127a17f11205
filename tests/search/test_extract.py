"""Text inside community documents becomes findable, for members only; bad files are kept,
listed and not indexed, with the reason for editors. Extraction runs after the upload."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from communities.factories import add_membership, make_community
from communities.models import Document, Visibility
from search import extract
from search.models import ExtractedText, SearchDocument
from search.services import search

pytestmark = pytest.mark.django_db


def make_pdf(text: str) -> bytes:
    """A one-page PDF with ``text`` in Helvetica (written by hand, byte offsets computed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("geheim"))))
    writer.encrypt(user_password="wachtwoord", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(paragraphs) -> bytes:
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml", f'<w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'
        )
    return out.getvalue()


def make_odt(paragraphs) -> bytes:
    ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    body = "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "content.xml",
            f'<office:document-content xmlns:office="{office}" xmlns:text="{ns}">{body}</office:document-content>',
        )
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>" + " " * (60 * 2**20) + "</w:document>")
    return out.getvalue()


# The extractor on its own ------------------------------------------------------------------


def test_pdf_docx_and_odt_text_is_extracted():
    assert "taalschakeltraject" in extract.extract_text(
        io.BytesIO(make_pdf("Verslag over het taalschakeltraject")), "v.pdf"
    )
    docx = extract.extract_text(io.BytesIO(make_docx(["Eerste alinea", "Tweede"])), "a.docx")
    assert docx.splitlines() == ["Eerste alinea", "Tweede"]
    assert "werkplekleren" in extract.extract_text(io.BytesIO(make_odt(["werkplekleren"])), "b.odt")


@pytest.mark.parametrize(
    ("content", "name", "reason"),
    [
        (encrypted_pdf, "geheim.pdf", "versleuteld"),
        (lambda: b"%PDF-1.4 dit is geen pdf", "kapot.pdf", "beschadigd"),
        (lambda: b"PK\x03\x04 kapot", "kapot.docx", "beschadigd"),
        (zip_bomb_docx, "bom.docx", "zipbom"),
        (lambda: b"tekst", "notities.txt", "bestandstype"),
    ],
)
def test_unreadable_files_give_a_reason(content, name, reason):
    with pytest.raises(extract.Unreadable) as error:
        extract.extract_text(io.BytesIO(content()), name)
    assert reason in str(error.value).lower()


def test_size_and_time_limits():
    with pytest.raises(extract.Unreadable, match="te groot"):
        extract.extract_text(io.BytesIO(b""), "groot.pdf", size=extract.MAX_FILE_BYTES + 1)
    many = [f"alinea {n} " + "woord " * 50 for n in range(3000)]
    with pytest.raises(extract.Unreadable, match="te lang"):
        extract.extract_text(io.BytesIO(make_docx(many)), "lang.docx", seconds=0)
    text = extract.extract_text(io.BytesIO(make_docx(many)), "lang.docx")
    assert len(text) <= extract.MAX_CHARS + 1


# After an upload, through the task ---------------------------------------------------------


@pytest.fixture
def closed_community(settings, tmp_path, make_user):
    settings.COMMUNITIES_DOCUMENT_ROOT = tmp_path / "private"
    member = make_user()
    community = make_community(visibility=Visibility.CLOSED)
    add_membership(community, member)
    return community, member


def _upload(community, member, name, content, capture):
    from communities.services.documents import add_document

    with capture(execute=True) as callbacks:
        document = add_document(community, member, "", SimpleUploadedFile(name, content))
    assert callbacks, "extraction is queued after the upload commits, not run inside it"
    return document


def test_uploaded_document_is_findable_by_its_text_for_members_only(
    closed_community, make_user, django_capture_on_commit_callbacks
):
    community, member = closed_community
    pdf = make_pdf("Afspraken over het werkplekleren met de taalaanbieder")
    document = _upload(community, member, "afspraken.pdf", pdf, django_capture_on_commit_callbacks)
    entry = ExtractedText.objects.get(object_id=str(document.pk))
    assert entry.status == ExtractedText.Status.INDEXED
    hits = search(member, "werkplekleren").hits
    assert [h.title for h in hits] == [document.title]
    assert hits[0].kind == "document"
    outsider = make_user()
    outsider_result = search(outsider, "werkplekleren")
    assert outsider_result.hits == [] and outsider_result.total == 0
    assert "kind" not in outsider_result.facets
    from django.contrib.auth.models import AnonymousUser

    assert search(AnonymousUser(), "werkplekleren").total == 0


def test_unreadable_upload_is_kept_listed_and_not_indexed_with_the_reason(
    closed_community, django_capture_on_commit_callbacks
):
    community, member = closed_community
    document = _upload(
        community, member, "geheim.pdf", encrypted_pdf(), django_capture_on_commit_callbacks
    )
    assert Document.objects.filter(pk=document.pk).exists()  # stored and listed
    entry = ExtractedText.objects.get(object_id=str(document.pk))
    assert entry.status == ExtractedText.Status.FAILED
    assert "versleuteld" in entry.reason
    indexed = SearchDocument.objects.get(source="communities.document", object_id=str(document.pk))
    assert indexed.body == ""  # findable by its title, not by its content
