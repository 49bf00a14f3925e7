"""Zip containers (.docx, .xlsx) with a bound on how far any member may inflate.

A 2.9 MB .docx can inflate to gigabytes; the uncompressed size of every member is checked
against :data:`MAX_MEMBER_BYTES` before anything is inflated. :mod:`zipfile` never inflates a
member past the size its header declares, so checking the declared size bounds the memory.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from ...errors import UnsupportedFormatError

__all__ = ["MAX_MEMBER_BYTES", "open_zip", "read_member", "total_size"]

#: The largest uncompressed member read (document.xml of a book-length .docx is 10–40 MB).
MAX_MEMBER_BYTES = 128 * 2**20


def _mb(n: int) -> str:
    return f"{n / 2**20:,.1f} MB" if n >= 2**20 else f"{n / 2**10:,.1f} KB"


def open_zip(data: bytes, path: Path | str, kind: str) -> zipfile.ZipFile:
    """Open the bytes as a zip archive, or raise UnsupportedFormatError naming the file."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as err:
        raise UnsupportedFormatError(f"cannot read {path} as {kind}: it is not a valid zip package ({err})") from None


def total_size(zf: zipfile.ZipFile) -> int:
    return sum(info.file_size for info in zf.infolist())


def check_members(zf: zipfile.ZipFile, path: Path | str, *, limit: int | None = None) -> None:
    """Raise UnsupportedFormatError if a member would inflate past ``limit`` bytes."""
    limit = MAX_MEMBER_BYTES if limit is None else limit
    for info in zf.infolist():
        if info.file_size > limit:
            raise UnsupportedFormatError(
                f"cannot read {path}: its member {info.filename!r} inflates to {_mb(info.file_size)} "
                f"(from {_mb(info.compress_size)}), over the {_mb(limit)} limit; the file is damaged or a zip bomb")


def read_member(zf: zipfile.ZipFile, name: str, path: Path | str, *, limit: int | None = None) -> bytes:
    """The inflated bytes of one member, refusing members over ``limit`` bytes."""
    limit = MAX_MEMBER_BYTES if limit is None else limit
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise UnsupportedFormatError(f"cannot read {path}: it has no {name!r}") from None
    if info.file_size > limit:
        raise UnsupportedFormatError(
            f"cannot read {path}: its member {name!r} inflates to {_mb(info.file_size)} "
            f"(from {_mb(info.compress_size)}), over the {_mb(limit)} limit; the file is damaged or a zip bomb")
    try:
        with zf.open(info) as fh:
            return fh.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as err:  # bad CRC, truncated data
        raise UnsupportedFormatError(f"cannot read {path}: its member {name!r} is damaged ({err})") from None
