"""Strict decoding of text bytes: UTF-8 (with or without BOM), UTF-16, GB18030/GBK.

Decoding never drops or replaces a byte (no ``errors="ignore"``): a file that cannot be decoded
raises :class:`~textmine.errors.DecodeError` naming the file and the byte offset.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path

from ..errors import DecodeError, InputError, UnsupportedFormatError

__all__ = ["decode_bytes", "read_text_file", "read_bytes", "normalize_encoding"]

# Scripts a GB18030 text can plausibly hold; a random byte string decoded as GB18030 mostly lands
# elsewhere (Hangul, Yi, Tibetan, private use, the supplementary planes).
_PLAUSIBLE_RANGES = (
    (0x00A0, 0x024F),  # Latin-1 supplement and extended: · × ÷ é ü
    (0x0370, 0x03FF),  # Greek (α β in formulas)
    (0x0400, 0x04FF),  # Cyrillic (in GB2312)
    (0x2000, 0x2BFF),  # punctuation, letterlike ℃, number forms Ⅱ, arrows, maths, ①, boxes, shapes, ★
    (0x2E80, 0x33FF),  # radicals, CJK symbols and punctuation, kana, bopomofo, ㈠, ㎡
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE10, 0xFE6F),  # vertical, compatibility and small forms
    (0xFF00, 0xFFEF),  # full-width digits, letters and punctuation (statistics passages are full of them)
    (0x1F000, 0x1FAFF),  # emoji
    (0x20000, 0x323AF),  # CJK Extensions B–I: rare names
)

_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "gb_2312-80": "gb18030",
            "utf8": "utf-8", "unicode": "utf-8", "big-5": "big5", "x-big5": "big5"}


def normalize_encoding(name: str) -> str:
    """A declared charset as Python names it; GB2312/GBK declarations read as GB18030, their superset."""
    key = name.strip().strip("\"'").lower()
    return _ALIASES.get(key, key)


def _plausible(text: str) -> float:
    """Share of characters that a Chinese text in GB18030 plausibly holds."""
    if not text:
        return 1.0
    good = 0
    for ch in text:
        o = ord(ch)
        if o < 0x80:
            good += ch.isprintable() or ch in "\t\n\r\f\v"
        elif any(lo <= o <= hi for lo, hi in _PLAUSIBLE_RANGES):
            good += 1
        elif unicodedata.category(ch)[0] in "PZ":
            good += 1
    return good / len(text)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes, and the bytes read as UTF-16 give plausible text."""
    if len(data) < 4 or len(data) % 2:
        return None
    best, share = None, 0.95
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible(text) >= share:
            best, share = enc, _plausible(text)
    return best


def decode_bytes(data: bytes, path: Path | str, *, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes strictly; return ``(text, encoding)``.

    Parameters
    ----------
    data : bytes
    path : path
        For error messages.
    declared : str, optional
        An encoding the file declares (an HTML ``<meta charset>``): tried first, after a BOM.

    Raises
    ------
    DecodeError
        No supported encoding decodes the bytes into plausible text; names the file, the
        offset of the first bad byte and what was tried.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        if b"\x00" in data:
            utf16 = _looks_utf16(data)
            if utf16 is None:
                raise DecodeError(path, data.index(b"\x00"), "NUL byte: this looks like a binary file, not text")
            candidates = [utf16]
        else:
            candidates = ["utf-8", "gb18030"]
        if declared:
            enc = normalize_encoding(declared)
            candidates = [enc] + [c for c in candidates if c != enc]
    errors: list[str] = []
    first_offset: int | None = None
    for enc in candidates:
        try:
            text = data.decode(enc, errors="strict")
        except LookupError:
            errors.append(f"{enc}: unknown encoding")
            continue
        except UnicodeDecodeError as err:
            first_offset = err.start if first_offset is None else first_offset
            errors.append(f"not {err.encoding}: {err.reason} at offset {err.start}")
            continue
        if enc in ("gb18030", "big5") and enc != (normalize_encoding(declared) if declared else None):
            share = _plausible(text)
            if share < 0.9:
                errors.append(f"as GB18030 it decodes, but only {share:.0%} of the characters are plausible "
                              "Chinese text")
                first_offset = 0 if first_offset is None else first_offset
                continue
        return text, enc
    raise DecodeError(path, first_offset or 0, "; ".join(errors)) from None


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a regular file; never opens a FIFO, socket or device (that could hang).

    Raises
    ------
    FileNotFoundError, InputError (a folder), UnsupportedFormatError (not a regular file)
    """
    p = Path(path)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        if p.is_symlink():
            raise FileNotFoundError(f"no such file: {p} is a dangling symbolic link to {os.readlink(p)}") from None
        raise FileNotFoundError(f"no such file: {p}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"path {p} is a folder; use load_corpus() for folders")
    if not stat.S_ISREG(st.st_mode):
        raise UnsupportedFormatError(f"cannot read {p}: it is a {_kind(st.st_mode)}, not a regular file")
    return p.read_bytes()


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def read_text_file(path: str | Path) -> tuple[str, str]:
    """Read and strictly decode a text file; return ``(text, encoding)``.

    Raises
    ------
    FileNotFoundError
        The path does not exist.
    DecodeError
        The bytes are not valid in any supported encoding (names the byte offset).
    """
    p = Path(path)
    return decode_bytes(read_bytes(p), p)
