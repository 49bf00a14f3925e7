"""Reading files into Documents: :func:`read_document` (one speech) and :func:`load_corpus` (many).

Formats (by suffix, and by content when a file's name lies: a .doc that is really a .docx or a
saved web page is read as what it is):

- text: ``.txt``, ``.md`` — UTF-8 (BOM or not), UTF-16, GB18030/GBK, decoded strictly;
- web pages: ``.html``, ``.htm``, ``.shtml``, ``.xhtml``, ``.mhtml``/``.mht`` — the article (trafilatura);
- ``.pdf`` — the text layer, running headers, footers and page numbers dropped (pdfplumber);
- ``.docx`` — the body in document order (python-docx, with a fallback for files it refuses);
- ``.doc``, ``.wps``, ``.rtf``, ``.odt`` — converted by LibreOffice when ``soffice`` is on the PATH;
- tables, one document per row: ``.csv``, ``.tsv``, ``.jsonl``, ``.json``, ``.xlsx``/``.xlsm``
  (and ``.xls`` through LibreOffice).

Every file met gets a line in the :class:`~textmine.corpus.log.IngestLog`.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from ..errors import DecodeError, EmptyDocumentError, InputError, TextmineWarning, UnsupportedFormatError
from .decode import read_bytes
from .document import Corpus, Document
from .log import IngestLog
from .metadata import METADATA_FILE, MetadataTable, coerce_meta, read_metadata_table
from .readers import Extracted, TableRows, sniff
from .titles import title_from_text
from .walk import walk

__all__ = ["read_document", "load_corpus", "extract", "TEXT_SUFFIXES", "HTML_SUFFIXES", "PDF_SUFFIXES",
           "DOCX_SUFFIXES", "CONVERTED_SUFFIXES", "TABLE_SUFFIXES", "DOCUMENT_SUFFIXES", "SUPPORTED_SUFFIXES"]

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml", ".mhtml", ".mht"})
PDF_SUFFIXES = frozenset({".pdf"})
DOCX_SUFFIXES = frozenset({".docx", ".docm", ".dotx"})
CONVERTED_SUFFIXES = frozenset({".doc", ".dot", ".wps", ".wpt", ".rtf", ".odt"})
TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".jsonl", ".json", ".xlsx", ".xlsm", ".xls", ".et"})
DOCUMENT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES | DOCX_SUFFIXES | CONVERTED_SUFFIXES
SUPPORTED_SUFFIXES = DOCUMENT_SUFFIXES | TABLE_SUFFIXES

_DOC_FILE = re.compile(r"(?i)^(readme|provenance|license|licence|changelog|contributing|notice)(\.[a-z]+)?$")
_READ_ERRORS = (DecodeError, EmptyDocumentError, UnsupportedFormatError, InputError)


# ----------------------------------------------------------------------------- one file

def _kind(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in PDF_SUFFIXES:
        return "pdf"
    kind = "docx" if suffix in DOCX_SUFFIXES else "doc"
    magic = sniff(data)
    # what the bytes are beats what the name says: a ".doc" saved by a web system is often HTML
    if magic == "zip" and suffix != ".odt":
        return "docx"
    if magic in ("ole", "rtf"):
        return "doc"
    if magic in ("html", "mhtml"):
        return "html"
    return kind


def extract(data: bytes, path: Path | str) -> Extracted:
    """Read the bytes of one document file with the reader its format needs."""
    path = Path(path)
    kind = _kind(path, data)
    if kind == "text":
        from .readers.text import read_text
        return read_text(data, path)
    if kind == "html":
        from .readers.html import read_html
        return read_html(data, path)
    if kind == "pdf":
        from .readers.pdf import read_pdf
        return read_pdf(data, path)
    if kind == "docx":
        from .readers.docx import read_docx
        return read_docx(data, path)
    from .readers.doc import read_doc
    return read_doc(data, path)


def _table_rows(data: bytes, path: Path) -> list[TableRows]:
    suffix = path.suffix.lower()
    from .readers import tables

    if suffix in (".csv", ".tsv"):
        return [tables.read_csv_rows(data, path)]
    if suffix == ".jsonl":
        return [tables.read_jsonl_rows(data, path)]
    if suffix == ".json":
        return [tables.read_json_rows(data, path)]
    from .readers.xlsx import read_xlsx_rows

    if sniff(data) == "zip":
        return read_xlsx_rows(data, path)
    from .readers.doc import convert  # .xls, .et, or an old workbook renamed .xlsx

    sheets = read_xlsx_rows(convert(data, path, "xlsx"), path)
    for t in sheets:
        t.encoding = f"{suffix.lstrip('.')} (via LibreOffice)"
    return sheets


def _check_regular(p: Path) -> None:
    try:
        st = os.stat(p)
    except FileNotFoundError:
        if p.is_symlink():
            raise FileNotFoundError(f"no such file: {p} is a dangling symbolic link to {os.readlink(p)}") from None
        raise FileNotFoundError(f"no such file: {p}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"path {p} is a folder; use load_corpus() for folders")


def _make_document(p: Path, ex: Extracted, meta: Mapping[str, Any] | None, *, rel: str,
                   doc_id: str | None = None, title: str | None = None) -> Document:
    if not ex.text.strip():
        raise EmptyDocumentError(f"{p} is empty: it holds no text")
    m = dict(meta or {})
    m["file"] = rel  # the path from the corpus folder, whatever the metadata row wrote
    m["encoding"] = ex.encoding
    found = ex.title or title_from_text(ex.text)
    return Document(doc_id=doc_id or str(m.get("id") or p.stem), text=ex.text,
                    title=title or str(m.get("title") or found or p.stem), meta=m, source=str(p))


def read_document(path: str | Path, *, doc_id: str | None = None, title: str | None = None,
                  meta: Mapping[str, Any] | None = None) -> Document:
    """Read one speech from a document file (text, web page, PDF, Word, WPS …).

    Parameters
    ----------
    path : str or Path
        The file.
    doc_id : str, optional
        Default: the metadata ``id``, else the file stem.
    title : str, optional
        Default: the metadata ``title``, else a title found in the file (a leading
        ``在……会议上的讲话`` line, a Word Heading 1, the page's title), else the file stem.
    meta : mapping, optional
        Metadata to attach (coerced like every source: ``year`` a whole number …). Default:
        the file's row of a ``metadata.csv`` in the same folder (joined on its ``file`` column).

    Returns
    -------
    Document
        With the raw text; ``meta["encoding"]`` records how it was read.

    Raises
    ------
    FileNotFoundError, DecodeError, EmptyDocumentError, UnsupportedFormatError
    """
    p = Path(path)
    _check_regular(p)
    suffix = p.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        raise UnsupportedFormatError(
            f"{p} is a table ({suffix}) holding many documents; use load_corpus({str(p)!r})")
    if suffix not in DOCUMENT_SUFFIXES:
        raise UnsupportedFormatError(
            f"cannot read {p}: unsupported file type {suffix or '(none)'!r}; "
            f"expected one of {sorted(SUPPORTED_SUFFIXES)}")
    data = read_bytes(p)
    if meta is None:
        sibling = p.parent / METADATA_FILE
        if sibling.is_file() and p.name != METADATA_FILE:
            meta = read_metadata_table(sibling, folder=p.parent).rows.get(p.name)
    else:
        meta, problems = coerce_meta(meta)
        if problems:
            raise InputError(f"meta: {problems[0]}")
    return _make_document(p, extract(data, p), meta, rel=p.name, doc_id=doc_id, title=title)


# ----------------------------------------------------------------------------- many files

def _rel(f: Path, root: Path | None) -> str:
    return f.relative_to(root).as_posix() if root is not None else f.name


def _read_metadata(source, folder: Path | None, log: IngestLog, on_error: str) -> MetadataTable | None:
    try:
        table = read_metadata_table(source, folder=folder)
    except _READ_ERRORS as err:
        if on_error == "raise":
            raise
        log.add(source if isinstance(source, (str, Path)) else "metadata", "skipped", str(err))
        return None
    log.add(table.source, "metadata", f"{len(table.rows)} rows")
    for line, status, reason in table.problems:
        log.add(table.source, status, reason, line=line)
    return table


def _read_table(f: Path, data: bytes, rel: str, *, text_column: str | None, log: IngestLog, on_error: str,
                in_folder: bool) -> list[Document]:
    from .readers.tables import NoTextColumnError, rows_to_documents

    tables = _table_rows(data, f)
    multi = len(tables) > 1
    docs: list[Document] = []
    missing: list[NoTextColumnError] = []
    for t in tables:
        if not t.rows:
            if t.problems and not t.columns:  # nothing but unparseable lines
                for line, status, reason in t.problems:
                    log.add(f, status, f"{rel} line {line}: {reason}", line=line)
            what = f"sheet {t.sheet!r}" if t.sheet else "the table"
            if in_folder or multi:  # a header-only bookkeeping table beside the documents: listed, not fatal
                log.add(f, "skipped", f"{what} holds no rows" + (f" (columns {t.columns})" if t.columns else ""))
            continue
        try:
            docs += rows_to_documents(t, path=f, rel=rel, text_column=text_column, log=log, on_error=on_error,
                                      id_prefix=f"{f.stem}-{t.sheet}" if multi else None)
        except NoTextColumnError as err:
            missing.append(err)
            if multi:
                log.add(f, "skipped", f"sheet {t.sheet!r}: {err}")
    if not docs:
        if missing and not in_folder and not multi:
            raise missing[0]
        if missing and not multi:  # in a folder: a bookkeeping table, listed with the reason
            log.add(f, "skipped", str(missing[0]))
        elif not missing and not in_folder and not any(t.rows for t in tables):
            raise EmptyDocumentError(f"{f} holds no rows")
        return []
    blank = sum(t.blank_rows for t in tables)
    detail = f"{len(docs)} rows" + (f" from {len(tables)} sheets" if multi else "")
    if blank:
        detail += f"; {blank} blank rows between the data"
    log.add(f, "read", detail, n_docs=len(docs), encoding=tables[0].encoding)
    return docs


def _unique_ids(docs: list[tuple[Document, str, Path]], log: IngestLog) -> list[Document]:
    """Give documents that share an id distinct ids made from their relative paths."""
    counts = Counter(d.doc_id for d, _, _ in docs)
    out = []
    taken = set(counts)
    for d, rel, f in docs:
        if counts[d.doc_id] == 1:
            out.append(d)
            continue
        stem = PurePosixPath(rel).with_suffix("").as_posix()
        if d.doc_id == f.stem:  # a file's default id: its relative path
            new = stem
        elif "#" in (d.source or "") and d.doc_id.startswith(f.stem + "-"):  # a row's default id
            new = stem + d.doc_id[len(f.stem):]
        else:
            new = f"{stem}#{d.doc_id}"
            log.add(f, "warning", f"doc_id {d.doc_id!r} is given to {counts[d.doc_id]} documents; this one is "
                                  f"{new!r}")
        if new in taken:
            new = f"{rel}#{d.doc_id}"
        k = 2
        base = new
        while new in taken:
            new, k = f"{base}-{k}", k + 1
        taken.add(new)
        out.append(Document(doc_id=new, text=d.text, title=d.title if d.title != d.doc_id else new, meta=d.meta,
                            source=d.source))
    return out


def load_corpus(path_or_paths: str | Path | Iterable[str | Path], metadata: str | Path | Any | None = None,
                *, text_column: str | None = None, on_error: Literal["raise", "skip"] = "raise",
                progress: bool = False) -> Corpus:
    """Load speeches from files, folders (recursively) and tables into a :class:`Corpus`.

    Parameters
    ----------
    path_or_paths : path or iterable of paths
        Files of any supported format (see the module docs) and/or folders.
    metadata : path or DataFrame, optional
        A table with a ``file`` column (a name, or a path relative to the folder), joined to the
        documents. Default: each folder's ``metadata.csv``, which applies to the files in that
        folder and below (a nearer one wins).
    text_column : str, optional
        The text column of table inputs. Default: the first of the usual names (text, content,
        body, full_text, 正文 …), else the column with the most Chinese text.
    on_error : {"raise", "skip"}
        What to do with a file (or table row) that cannot be read. ``"skip"`` records it in
        ``corpus.log`` with the reason, and warns (a :class:`~textmine.TextmineWarning`). Files that are not documents (hidden files,
        FIFOs, dangling links, bookkeeping tables without a text column in a folder) are logged
        and skipped either way.
    progress : bool
        Show a progress bar over the files.

    Returns
    -------
    Corpus
        With ``corpus.log`` listing every file met and what happened to it.

    Warns
    -----
    TextmineWarning
        When a folder holds no document files (naming the folder), and when files or rows
        were skipped, duplicated or read with a warning (see ``corpus.log``).
    """
    if on_error not in ("raise", "skip"):
        raise InputError(f"on_error={on_error!r}: expected 'raise' or 'skip'")
    paths = [Path(path_or_paths)] if isinstance(path_or_paths, (str, Path)) else [Path(p) for p in path_or_paths]
    if not paths:
        raise InputError("path_or_paths is empty: expected at least one file or folder")
    log = IngestLog()
    items: list[tuple[Path, Path | None]] = []
    tables: list[MetadataTable] = []
    explicit = _read_metadata(metadata, None, log, on_error) if metadata is not None else None
    for p in paths:
        if not p.exists() and not p.is_symlink():
            raise FileNotFoundError(f"no such file or folder: {p}")
        if not p.is_dir():
            items.append((p, None))
            continue
        n_before = len(items)
        for f in walk(p, log):
            if f.name == METADATA_FILE:
                if metadata is None:
                    t = _read_metadata(f, f.parent, log, on_error)
                    tables += [t] if t is not None else []
                else:
                    log.add(f, "auxiliary", "a folder metadata.csv, not used: metadata= was given")
            elif _DOC_FILE.match(f.name):
                log.add(f, "auxiliary", "a documentation file (README, PROVENANCE, LICENSE …), not a speech")
            elif f.name.startswith("~$"):
                log.add(f, "skipped", "an Office lock file (~$…), not a document")
            elif f.suffix.lower() not in SUPPORTED_SUFFIXES:
                log.add(f, "skipped", f"unsupported file type {f.suffix or '(none)'!r}")
            else:
                items.append((f, p))
        if len(items) == n_before:
            warnings.warn(f"load_corpus: folder {p} holds no document files (expected files such as .txt, .docx, "
                          ".pdf, .csv); nothing was read from it", TextmineWarning, stacklevel=2)

    file_meta: dict[Path, dict] = {}
    for t in sorted(tables, key=lambda t: len(t.folder.parts)):  # nearer tables override farther ones
        under = [(f, f.relative_to(t.folder).as_posix()) for f, _ in items if t.folder in f.parents]
        assigned, problems = t.assign(under)
        for f, m in assigned.items():
            file_meta.setdefault(f, {}).update(m)
        for line, status, reason in problems:
            log.add(t.source, status, reason, line=line)
    if explicit is not None:
        assigned, problems = explicit.assign([(f, _rel(f, root)) for f, root in items])
        for f, m in assigned.items():
            file_meta.setdefault(f, {}).update(m)
        for line, status, reason in problems:
            log.add(explicit.source, status, reason, line=line)

    from tqdm.auto import tqdm

    seen: dict[str, Path] = {}
    read: list[tuple[Document, str, Path]] = []
    for f, root in tqdm(items, desc="reading", unit="file", disable=not progress):
        rel = _rel(f, root)
        try:
            data = read_bytes(f)
            digest = hashlib.sha1(data).hexdigest()
            if digest in seen:
                log.add(f, "duplicate", f"byte-identical to {seen[digest]}; not read twice")
                continue
            seen[digest] = f
            if f.suffix.lower() in TABLE_SUFFIXES:
                docs = _read_table(f, data, rel, text_column=text_column, log=log, on_error=on_error,
                                   in_folder=root is not None)
                read += [(d, rel, f) for d in docs]
                continue
            ex = extract(data, f)
            doc = _make_document(f, ex, file_meta.get(f, {}), rel=rel)
        except (*_READ_ERRORS, OSError) as err:
            if on_error == "raise":
                raise
            log.add(f, "skipped", str(err))
            continue
        log.add(f, "read", ex.detail, n_docs=1, encoding=ex.encoding)
        for line, status, reason in ex.notes:
            log.add(f, status, reason, line=line)
        read.append((doc, rel, f))

    docs = []
    texts: dict[str, Document] = {}
    for d in _unique_ids(read, log):
        key = hashlib.sha1(d.text.encode("utf-8", "surrogatepass")).hexdigest()
        if key in texts:  # kept (its metadata may differ), but said: a copy would weigh twice in every count
            first = texts[key]
            log.add(d.source or d.doc_id, "warning", f"{d.doc_id} has the same text as {first.doc_id} "
                                                     f"({first.source}); both kept: drop one if it is a copy")
        else:
            texts[key] = d
        docs.append(d)
    n_skipped = len([e for e in log if e.status == "skipped"])
    if n_skipped or log.duplicates or log.warnings:
        parts = [f"skipped {n_skipped} file(s) or row(s)"] if n_skipped else []
        parts += [f"{len(log.duplicates)} duplicate(s)"] if log.duplicates else []
        parts += [f"{len(log.warnings)} warning(s)"] if log.warnings else []
        warnings.warn(f"load_corpus {', '.join(parts)}; see corpus.log.to_frame()", TextmineWarning, stacklevel=2)
    return Corpus(docs, log=log)
