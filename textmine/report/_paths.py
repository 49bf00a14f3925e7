"""Safe path parts: a speech's doc_id (from a metadata.csv, i.e. user input) never escapes ``--out``."""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["safe_part"]

MAX_PART = 80
"""Characters of a path part before its hash (well under every file system's 255 bytes in UTF-8)."""

_UNSAFE = re.compile(r"[^\w\-.]+")  # \w is Unicode: Chinese ids stay readable
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


def safe_part(name: object) -> str:
    """A file-name-safe version of ``name``, usable as one path part on every OS.

    Letters (Chinese included), digits, ``_``, ``-`` and inner ``.`` are kept; anything
    else (``/``, ``\\``, ``..``, ``:``, control characters …) becomes ``_``. When the
    name had to change, an 8-hex hash of the original is appended so two different ids
    never share a folder. The result is never empty, ``.``, ``..`` or absolute.
    """
    raw = str(name)
    slug = re.sub(r"\.{2,}", "_", _UNSAFE.sub("_", unicodedata.normalize("NFC", raw))).strip("._") or "doc"
    if slug.split(".")[0].upper() in _RESERVED:
        slug = "_" + slug
    if slug == raw and len(slug) <= MAX_PART:
        return slug
    digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{slug[:MAX_PART]}-{digest}"
