"""Bounded uploads: archive members are streamed with limits, never read whole; a
compression-ratio limit; executables inside archives recognised by content."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from communities.services import archives
from communities.services.documents import check_upload

ODT_TYPE = b"application/vnd.oasis.opendocument.text"


def _padded_odt(padding: int) -> bytes:
    """An ODT whose ``mimetype`` entry is padded with ``padding`` spaces, written in chunks."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("mimetype", "w", force_zip64=True) as entry:
            entry.write(ODT_TYPE)
            chunk = b" " * (1024 * 1024)
            for _ in range(padding // len(chunk)):
                entry.write(chunk)
        archive.writestr("content.xml", "<office:document/>")
    return buffer.getvalue()


def _zip(entries: dict, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_150_mib_padded_mimetype_is_refused_without_reading_it():
    content = _padded_odt(150 * 1024 * 1024)
    assert len(content) < 1024 * 1024  # a small upload
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as error:
            check_upload(SimpleUploadedFile("notulen.odt", content))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.value.code == "bomb"
    assert peak < 8 * 1024 * 1024  # the old code read all 150 MiB into memory


def test_a_mimetype_entry_longer_than_a_mimetype_is_refused():
    content = _zip({"mimetype": ODT_TYPE + b" " * 5000, "content.xml": "<x/>"})
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("notulen.odt", content))
    assert error.value.code == "mismatch"


def test_a_normal_odt_passes():
    content = _zip({"mimetype": ODT_TYPE, "content.xml": "<x/>"}, zipfile.ZIP_STORED)
    assert check_upload(SimpleUploadedFile("notulen.odt", content))[0] == "odt"


@pytest.mark.parametrize(
    "payload",
    [
        b"MZ\x90\x00\x03\x00\x00\x00",
        b"\x7fELF\x02\x01\x01\x00",
        b"\xcf\xfa\xed\xfe\x07\x00\x00\x01",
        b"\xca\xfe\xba\xbe\x00\x00\x00\x02",
        b"#!/bin/sh\nrm -rf ~\n",
    ],
)
def test_executables_inside_office_files_are_found_by_content_not_name(payload):
    content = _zip(
        {
            "[Content_Types].xml": "<Types/>",
            "word/document.xml": "<w:document/>",
            "word/media/image1.png": payload,  # an innocent name
        }
    )
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("notulen.docx", content))
    assert error.value.code == "executable"


def test_too_many_members_and_huge_declared_sizes_are_refused():
    many = _zip({f"x/{i}.xml": "" for i in range(archives.MAX_MEMBERS + 1)}, zipfile.ZIP_STORED)
    assert archives.inspect(io.BytesIO(many)).reason == "bomb"
