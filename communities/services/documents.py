"""Documents: uploads checked by extension AND content (type sniffing of PDF, text and
zip-based office files, inspected with bounded memory by ``archives``; executables and
macros refused by content), size limits, adding and deleting.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.sanitize import plain_text

from ..models import CommunityPage, Document
from . import archives
from .common import clean_title


def max_document_size() -> int:
    return getattr(settings, "COMMUNITIES_DOCUMENT_MAX_SIZE", 10 * 1024 * 1024)


ZIP_MAGIC = b"PK\x03\x04"
EXECUTABLE_MAGIC = archives.EXECUTABLE_MAGIC
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


def _sniff_zip(fileobj, ext: str) -> str:
    """ "" when the archive is an office file of type ``ext``; else the reason it is not."""
    verdict = archives.inspect(fileobj)
    if not verdict.ok:
        return verdict.reason
    if ext in _OOXML_DIR:
        ok = "[Content_Types].xml" in verdict.names and any(
            n.startswith(_OOXML_DIR[ext]) for n in verdict.names
        )
    else:
        ok = verdict.mimetype == ALLOWED_TYPES[ext]
    return "" if ok else "mismatch"


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
    problem = ""
    if archives.is_executable(head):
        problem = "executable"
    elif ext == "pdf":
        problem = "" if head.startswith(b"%PDF-") else "mismatch"
    elif ext in ("txt", "csv"):
        problem = "" if _sniff_text(head) else "mismatch"
    else:
        problem = _sniff_zip(uploaded, ext) if head.startswith(ZIP_MAGIC) else "mismatch"
        uploaded.seek(0)
    if problem in ("executable", "macro"):
        raise ValidationError(
            _("Dit bestand bevat uitvoerbare code of macro's en wordt niet geaccepteerd."),
            code="executable",
        )
    if problem == "bomb":
        raise ValidationError(
            _(
                "Dit bestand pakt uit tot een onredelijk grote omvang en wordt niet geaccepteerd. "
                "Sla het opnieuw op of verstuur een pdf."
            ),
            code="bomb",
        )
    if problem:
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
