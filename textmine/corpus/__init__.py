"""The read stage: files of every format analysts receive → :class:`Document` and :class:`Corpus`.

- :mod:`.document`: Document, Corpus, count_cjk;
- :mod:`.load`: :func:`read_document` (one speech), :func:`load_corpus` (files, folders, tables);
- :mod:`.readers`: one module per format (text, html, pdf, docx, doc via LibreOffice, tables, xlsx);
- :mod:`.metadata`: the one coercion of metadata values, folder ``metadata.csv`` tables;
- :mod:`.walk`: walking a corpus folder (links, loops, FIFOs);
- :mod:`.decode`: strict decoding (UTF-8, UTF-16, GB18030/GBK);
- :mod:`.log`: the ingest log, one line for every file met;
- :mod:`.bundled`: the bundled speech and corpus.

Nothing is read at import; the format libraries (trafilatura, pdfplumber, openpyxl, python-docx)
load when a file of their format is read.
"""

from __future__ import annotations

from .bundled import BUNDLED_CORPUS, BUNDLED_SPEECH, DATA_DIR, PROJECT_DIR, bundled_corpus, bundled_speech
from .decode import decode_bytes, read_text_file
from .document import CJK_PATTERN, Corpus, Document, count_cjk
from .load import (CONVERTED_SUFFIXES, DOCUMENT_SUFFIXES, DOCX_SUFFIXES, HTML_SUFFIXES, PDF_SUFFIXES,
                   SUPPORTED_SUFFIXES, TABLE_SUFFIXES, TEXT_SUFFIXES, extract, load_corpus, read_document)
from .log import IngestLog, LogEntry
from .metadata import METADATA_FILE, YEAR_UNKNOWN, coerce_meta, coerce_year, year_label
from .readers.tables import ID_COLUMNS, TEXT_COLUMNS

__all__ = [
    "Document",
    "Corpus",
    "IngestLog",
    "LogEntry",
    "read_document",
    "read_text_file",
    "decode_bytes",
    "load_corpus",
    "extract",
    "TEXT_SUFFIXES",
    "HTML_SUFFIXES",
    "PDF_SUFFIXES",
    "DOCX_SUFFIXES",
    "CONVERTED_SUFFIXES",
    "TABLE_SUFFIXES",
    "DOCUMENT_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "TEXT_COLUMNS",
    "ID_COLUMNS",
    "METADATA_FILE",
    "YEAR_UNKNOWN",
    "coerce_meta",
    "coerce_year",
    "year_label",
    "bundled_speech",
    "bundled_corpus",
    "BUNDLED_SPEECH",
    "BUNDLED_CORPUS",
    "PROJECT_DIR",
    "DATA_DIR",
    "count_cjk",
    "CJK_PATTERN",
]
