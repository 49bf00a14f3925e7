"""One reader per format. Each takes the file's bytes and its path and returns what it found.

A document reader returns :class:`Extracted` (the text, how it was decoded, a title found in the
file, and notes for the ingest log); a table reader returns :class:`TableRows` (one per sheet).
Readers import their library when called, never at import (``import textmine`` stays light).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Extracted", "TableRows", "Note", "sniff"]

#: (line or None, status, reason): a line for the ingest log.
Note = tuple[int | None, str, str]


@dataclass
class Extracted:
    """The text of one document file.

    Attributes
    ----------
    text : str
    encoding : str
        How it was read: the text encoding (``utf-8``, ``gb18030`` …) or the format
        (``docx``, ``pdf``, ``html (utf-8)``).
    title : str or None
        A title found in the file (HTML ``<title>``/``<h1>``, Word Heading 1), if any.
    notes : list of (line, status, reason)
        Things the ingest log should say as their own lines (a fallback used, pages with no text …).
    detail : str
        What was read, for the ``read`` line of the log (pages, headers dropped …).
    """

    text: str
    encoding: str
    title: str | None = None
    notes: list[Note] = field(default_factory=list)
    detail: str = ""


@dataclass
class TableRows:
    """The rows of one table (a CSV/JSONL file or an Excel sheet), before text-column detection.

    Attributes
    ----------
    columns : list of str
        From the header row (CSV, Excel) or from all rows (JSONL), in first-seen order.
    rows : list of (line, record)
        ``line`` is the file line a row starts on (CSV, JSONL) or its Excel row number.
    encoding : str
    problems : list of (line, status, reason)
        Malformed rows (reported by line), repaired rows, blank rows …
    sheet : str or None
        The Excel sheet name.
    cell_limit : int or None
        Excel's cell limit (32,767): a text cell of exactly that length was probably cut.
    blank_rows : int
        Blank rows between the data (nothing to read; counted in the log).
    """

    columns: list[str]
    rows: list[tuple[int, dict[str, Any]]]
    encoding: str
    problems: list[Note] = field(default_factory=list)
    sheet: str | None = None
    cell_limit: int | None = None
    blank_rows: int = 0


def sniff(data: bytes) -> str | None:
    """What the bytes are, whatever the file is called: zip, ole, pdf, rtf, mhtml, html or None."""
    head = data[:1024]
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    low = head.lower().lstrip(b"\xef\xbb\xbf \t\r\n")
    if low.startswith(b"mime-version:") or (b"content-type: multipart/related" in low):
        return "mhtml"
    if low.startswith((b"<!doctype html", b"<html")) or b"<html" in low[:512]:
        return "html"
    return None
