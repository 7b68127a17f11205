"""Documents: uploads checked by extension AND content (type sniffing of PDF, text and
zip-based office files; executables and macros refused), size limits, adding and deleting.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.sanitize import plain_text

from ..models import CommunityPage, Document
from .common import clean_title


def max_document_size() -> int:
    return getattr(settings, "COMMUNITIES_DOCUMENT_MAX_SIZE", 10 * 1024 * 1024)


ZIP_MAGIC = b"PK\x03\x04"
EXECUTABLE_MAGIC = (
    b"MZ",
    b"\x7fELF",
    b"\xcf\xfa\xed\xfe",
    b"\xfe\xed\xfa",
    b"\xca\xfe\xba\xbe",
    b"#!",
)
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "txt": "text/plain",
    "csv": "text/csv",
}
_OOXML_DIR = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}


def _sniff_zip(fileobj, ext: str) -> bool:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = archive.namelist()
            if any(
                name.lower().endswith(("vbaproject.bin", ".exe", ".dll", ".js")) for name in names
            ):
                return False  # macros or embedded executables
            if ext in _OOXML_DIR:
                return "[Content_Types].xml" in names and any(
                    n.startswith(_OOXML_DIR[ext]) for n in names
                )
            if "mimetype" not in names:
                return False
            return archive.read("mimetype").decode("ascii", "replace").strip() == ALLOWED_TYPES[ext]
    except (zipfile.BadZipFile, OSError, KeyError):
        return False


def _sniff_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character may be cut at the end of the sample.
        if exc.start < len(head) - 4:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


def check_upload(uploaded) -> tuple[str, str]:
    """Validate an uploaded file by extension AND content; returns (extension, content type)."""
    name = Path(uploaded.name or "").name
    ext = Path(name).suffix.lower().lstrip(".")
    allowed = ", ".join(sorted(ALLOWED_TYPES))
    if ext not in ALLOWED_TYPES:
        raise ValidationError(
            _("Dit bestandstype is niet toegestaan. Toegestaan: %(types)s.") % {"types": allowed},
            code="type",
        )
    if uploaded.size > max_document_size():
        raise ValidationError(
            _("Het bestand is te groot (maximaal %(mb)s MB).")
            % {"mb": max_document_size() // (1024 * 1024)},
            code="size",
        )
    if uploaded.size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="empty")
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    if head.startswith(EXECUTABLE_MAGIC):
        raise ValidationError(
            _("Dit bestand bevat uitvoerbare code en wordt niet geaccepteerd."), code="executable"
        )
    if ext == "pdf":
        ok = head.startswith(b"%PDF-")
    elif ext in ("txt", "csv"):
        ok = _sniff_text(head)
    else:
        ok = head.startswith(ZIP_MAGIC) and _sniff_zip(uploaded, ext)
        uploaded.seek(0)
    if not ok:
        raise ValidationError(
            _("De inhoud van het bestand past niet bij de extensie .%(ext)s.") % {"ext": ext},
            code="mismatch",
        )
    return ext, ALLOWED_TYPES[ext]


@transaction.atomic
def add_document(community: CommunityPage, user, title: str, uploaded) -> Document:
    community.require_member(user)
    ext, content_type = check_upload(uploaded)
    original = plain_text(Path(uploaded.name).name, 255) or f"document.{ext}"
    title = clean_title(title or Path(original).stem)
    document = Document(
        community=community,
        title=title,
        original_name=original,
        size=uploaded.size,
        content_type=content_type,
        uploaded_by=user,
    )
    document.file.save(original, uploaded, save=False)
    document.save()
    return document


@transaction.atomic
def delete_document(document: Document, actor) -> None:
    community = document.community
    if document.uploaded_by_id != getattr(actor, "pk", None):
        community.require_facilitator(actor)
    document.file.delete(save=False)
    document.delete()
