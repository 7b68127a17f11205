"""Bounded inspection of zip-based office files (docx, xlsx, pptx, odt, ods).

Nothing is read whole: every member is opened as a stream and only its first bytes are
decompressed (the ``mimetype`` entry at most ``MIMETYPE_LIMIT`` bytes, other members
``HEAD_BYTES``), so a small upload that unpacks to gigabytes costs a few kilobytes of
memory. Before reading, the declared sizes are checked: number of members, total
unpacked size and the compression ratio of every member. Executables inside are
recognised by their first bytes (Windows PE ``MZ``, ELF, Mach-O, Java class, shebang
scripts), not by name; macro projects (``vbaProject.bin``) by their part name.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

MAX_MEMBERS = 2000
MAX_UNPACKED = 200 * 1024 * 1024  # declared total of all members
MAX_RATIO = 100  # unpacked / packed, per member larger than RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MIMETYPE_LIMIT = 100
HEAD_BYTES = 8

EXECUTABLE_MAGIC = (
    b"MZ",  # Windows PE / DOS
    b"\x7fELF",  # Linux ELF
    b"\xcf\xfa\xed\xfe",  # Mach-O 64-bit
    b"\xce\xfa\xed\xfe",  # Mach-O 32-bit
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xca\xfe\xba\xbe",  # Mach-O universal / Java class
    b"#!",  # shebang scripts
    b"\x00asm",  # WebAssembly
)
MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str = ""  # "bomb", "executable", "macro", "mismatch", "broken"
    mimetype: str = ""
    names: tuple[str, ...] = ()


def is_executable(head: bytes) -> bool:
    return head.startswith(EXECUTABLE_MAGIC)


def inspect(fileobj) -> Verdict:
    """Look inside a zip archive with bounded memory and work."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                return Verdict(False, "bomb")
            if sum(m.file_size for m in members) > MAX_UNPACKED:
                return Verdict(False, "bomb")
            for member in members:
                packed = max(member.compress_size, 1)
                if member.file_size > RATIO_FLOOR and member.file_size / packed > MAX_RATIO:
                    return Verdict(False, "bomb")
            mimetype = ""
            for member in members:
                if member.is_dir():
                    continue
                name = member.filename.rsplit("/", 1)[-1].lower()
                if name in MACRO_PARTS:
                    return Verdict(False, "macro")
                with archive.open(member) as stream:
                    if member.filename == "mimetype":
                        raw = stream.read(MIMETYPE_LIMIT + 1)
                        if len(raw) > MIMETYPE_LIMIT:
                            return Verdict(False, "mismatch")
                        mimetype = raw.decode("ascii", "replace").strip()
                        continue
                    if is_executable(stream.read(HEAD_BYTES)):
                        return Verdict(False, "executable")
            return Verdict(True, mimetype=mimetype, names=tuple(m.filename for m in members))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
    ):
        return Verdict(False, "broken")
