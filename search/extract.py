"""Text inside uploaded files (PDF, DOCX, ODT) for the search index, bounded in size and time.

Runs in a Celery task after the upload's transaction commits (``on_uploaded`` connects to
``post_save`` of the upload models listed in ``EXTRACTED_MODELS``), so the upload request
never waits for it. Every limit below holds for any input: the file size, the uncompressed
size and compression ratio of the XML inside a DOCX/ODT (read as a stream, never inflated
in memory), the number of PDF pages, the characters kept, and the wall-clock time. A file
that breaks a limit or cannot be parsed gets ``ExtractedText.Status.FAILED`` with a reason.
"""

from __future__ import annotations

import logging
import time
import zipfile
from xml.etree import ElementTree

from celery import shared_task
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 25 * 2**20
MAX_XML_BYTES = 40 * 2**20  # uncompressed XML read from a DOCX/ODT
MAX_RATIO = 100  # uncompressed / compressed size of that XML
MAX_PDF_PAGES = 500
MAX_CHARS = 200_000  # text kept per file
TIME_LIMIT = 30.0  # seconds of extraction per file
CHUNK = 64 * 1024
# (app_label.Model, file field, source name of the search index, display name attribute)
EXTRACTED_MODELS = {
    "communities.Document": ("file", "communities.document", "original_name"),
    # Wagtail documents used on knowledge pages (knowledge.attachments)
    "wagtaildocs.Document": ("file", "knowledge.document", "title"),
}
# Editors can replace the file of these in place: extract again on every full save.
REPLACEABLE_FILES = {"wagtaildocs.Document"}
XML_MEMBERS = {"docx": "word/document.xml", "odt": "content.xml"}


class Unreadable(Exception):
    """The file is kept but not indexed; ``str(exc)`` is the reason shown to editors."""


class _Budget:
    def __init__(self, seconds: float = TIME_LIMIT):
        self.deadline = time.monotonic() + seconds

    def check(self):
        if time.monotonic() > self.deadline:
            raise Unreadable(_("De verwerking duurde te lang."))


class _Text:
    def __init__(self):
        self.parts: list[str] = []
        self.length = 0

    def add(self, value: str) -> bool:
        """Keep text until ``MAX_CHARS``; False once full."""
        value = " ".join((value or "").split())
        if value and self.length < MAX_CHARS:
            self.parts.append(value[: MAX_CHARS - self.length])
            self.length += len(self.parts[-1]) + 1
        return self.length < MAX_CHARS

    def value(self) -> str:
        return "\n".join(self.parts)


def extract_pdf(fileobj, budget: _Budget) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(fileobj)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise Unreadable(_("Het PDF-bestand is versleuteld."))
            except Unreadable:
                raise
            except Exception as exc:
                raise Unreadable(_("Het PDF-bestand is versleuteld.")) from exc
        text = _Text()
        for number, page in enumerate(reader.pages):
            budget.check()
            if number >= MAX_PDF_PAGES or not text.add(page.extract_text() or ""):
                break
        return text.value()
    except Unreadable:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise Unreadable(_("Het PDF-bestand is beschadigd of onleesbaar.")) from exc


class _CappedStream:
    """A file-like read of a zip member that stops at ``MAX_XML_BYTES`` and the time budget."""

    def __init__(self, raw, budget: _Budget):
        self.raw, self.budget, self.read_bytes = raw, budget, 0

    def read(self, size=CHUNK):
        self.budget.check()
        data = self.raw.read(min(size if size and size > 0 else CHUNK, CHUNK))
        self.read_bytes += len(data)
        if self.read_bytes > MAX_XML_BYTES:
            raise Unreadable(_("De inhoud is uitgepakt te groot (mogelijk een zipbom)."))
        if self.read_bytes <= 1024 and b"<!DOCTYPE" in data[:1024]:
            raise Unreadable(_("Het bestand bevat een niet-toegestane XML-declaratie."))
        return data


def extract_office(fileobj, extension: str, budget: _Budget) -> str:
    member_name = XML_MEMBERS[extension]
    try:
        with zipfile.ZipFile(fileobj) as archive:
            try:
                member = archive.getinfo(member_name)
            except KeyError as exc:
                raise Unreadable(_("Het bestand is beschadigd of geen geldig document.")) from exc
            if member.file_size > MAX_XML_BYTES or member.file_size > MAX_RATIO * max(
                member.compress_size, 1
            ):
                raise Unreadable(_("De inhoud is uitgepakt te groot (mogelijk een zipbom)."))
            text = _Text()
            with archive.open(member) as raw:
                stream = _CappedStream(raw, budget)
                for _event, element in ElementTree.iterparse(stream, events=("end",)):
                    tag = element.tag.rsplit("}", 1)[-1]
                    if tag in ("p", "h"):
                        if not text.add("".join(element.itertext())):
                            break
                        element.clear()
            return text.value()
    except Unreadable:
        raise
    except (zipfile.BadZipFile, ElementTree.ParseError, EOFError, ValueError, OSError) as exc:
        raise Unreadable(_("Het bestand is beschadigd of geen geldig document.")) from exc


def extract_text(fileobj, name: str, size: int | None = None, seconds: float = TIME_LIMIT) -> str:
    """The text of a file, or ``Unreadable`` with the reason. Never unbounded."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if size is not None and size > MAX_FILE_BYTES:
        raise Unreadable(_("Het bestand is te groot om te doorzoeken."))
    budget = _Budget(seconds)
    if extension == "pdf":
        return extract_pdf(fileobj, budget)
    if extension in XML_MEMBERS:
        return extract_office(fileobj, extension, budget)
    raise Unreadable(_("Dit bestandstype wordt niet doorzocht."))


def text_for(instance) -> str:
    """The extracted text of an item ('' while pending or when unreadable)."""
    from .models import ExtractedText

    row = (
        ExtractedText.objects.filter(
            content_type=ContentType.objects.get_for_model(type(instance)),
            object_id=str(instance.pk),
            status=ExtractedText.Status.INDEXED,
        )
        .values_list("text", flat=True)
        .first()
    )
    return row or ""


@shared_task(name="search.extract_document", soft_time_limit=TIME_LIMIT + 30, time_limit=120)
def extract_document(label: str, pk) -> str:
    from django.apps import apps

    from . import indexing
    from .models import ExtractedText

    field_name, source_name, name_attr = EXTRACTED_MODELS[label]
    model = apps.get_model(label)
    instance = model._default_manager.filter(pk=pk).first()
    if instance is None:
        return "absent"
    upload = getattr(instance, field_name)
    name = str(getattr(instance, name_attr, "") or upload.name)[:255]
    entry, _created = ExtractedText.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(model),
        object_id=str(pk),
        defaults={"name": name},
    )
    try:
        size = upload.size
        with upload.open("rb") as fileobj:
            # The display name may be a title without an extension (Wagtail documents).
            entry.text = extract_text(fileobj, name if "." in name else upload.name, size)
        entry.status, entry.reason = ExtractedText.Status.INDEXED, ""
    except Unreadable as exc:
        entry.status, entry.reason, entry.text = ExtractedText.Status.FAILED, str(exc)[:300], ""
    except OSError:
        logger.exception("search: cannot read upload %s %s", label, pk)
        entry.status, entry.text = ExtractedText.Status.FAILED, ""
        entry.reason = _("Het bestand kon niet worden gelezen.")
    entry.name = name
    entry.save()
    indexing.index_object(source_name, pk)
    return entry.status


def on_uploaded(sender, instance, created, **kwargs):
    label = f"{sender._meta.app_label}.{sender.__name__}"
    replaced = label in REPLACEABLE_FILES and kwargs.get("update_fields") is None
    if not (created or replaced) or kwargs.get("raw"):
        return
    pk = instance.pk
    transaction.on_commit(lambda: extract_document.delay(label, pk))


def connect():
    from django.apps import apps
    from django.db.models.signals import post_save

    for label in EXTRACTED_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_save.connect(on_uploaded, sender=model, dispatch_uid=f"search.extract.{label}")
