"""Ingest: read speeches from files into :class:`Document` and :class:`Corpus`.

Supported inputs
----------------
- ``.txt`` / ``.md``: one document per file;
- ``.docx``: one document per file (paragraphs and table cells, via python-docx);
- ``.csv`` / ``.jsonl``: one document per row, with a text column and metadata columns;
- a folder: read recursively; an optional ``metadata.csv`` in the folder is joined
  on file name (its ``file`` column).

Encodings: UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK. Decoding is
always strict; a file that cannot be decoded raises :class:`~textmine.errors.DecodeError`
naming the file and the byte offset. Every load keeps an :class:`IngestLog` of each
file read or skipped, and why: no file is silently dropped.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import re
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from ._bundled import _bundled_path
from .errors import DecodeError, EmptyDocumentError, InputError, UnsupportedFormatError

__all__ = [
    "Document",
    "Corpus",
    "IngestLog",
    "LogEntry",
    "read_document",
    "read_text_file",
    "load_corpus",
    "TEXT_SUFFIXES",
    "TABLE_SUFFIXES",
    "bundled_speech",
    "bundled_corpus",
    "BUNDLED_SPEECH",
    "BUNDLED_CORPUS",
    "count_cjk",
]

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md"})
TABLE_SUFFIXES = frozenset({".csv", ".jsonl"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | TABLE_SUFFIXES | {".docx"}
TEXT_COLUMNS = ("text", "content", "body", "正文", "内容")
ID_COLUMNS = ("id", "doc_id")
METADATA_FILE = "metadata.csv"
_DOC_FILE = re.compile(r"(?i)^(readme|provenance|license|licence|changelog|contributing|notice)(\.[a-z]+)?$")

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Document:
    """One speech: a stable id, a title, metadata and the text.

    Parameters
    ----------
    doc_id : str
        Stable identifier (the file stem, the metadata ``id``, or a content hash).
    text : str
        The text. For a document straight from :func:`read_document` this is the
        raw, decoded file content; :func:`textmine.clean` returns a new Document
        with cleaned text and never modifies the one it is given.
    title : str
        A human-readable title (metadata ``title`` or the doc_id).
    meta : Mapping
        Metadata (policy_area, year, level …).
    source : str or None
        Where the text came from (a path, or ``path#row``).
    """

    doc_id: str
    text: str
    title: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)
    source: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.doc_id, str) or not self.doc_id:
            raise InputError(f"doc_id must be a non-empty str, got {self.doc_id!r}")
        if not isinstance(self.text, str):
            raise InputError(f"text must be a str, got {type(self.text).__name__}")
        if not self.title:
            object.__setattr__(self, "title", self.doc_id)
        object.__setattr__(self, "meta", dict(self.meta))

    @classmethod
    def from_text(cls, text: str, *, doc_id: str | None = None, title: str = "", **meta: Any) -> "Document":
        """Make a Document from a string; the id defaults to a hash of the text."""
        if not isinstance(text, str):
            raise InputError(f"text must be a str, got {type(text).__name__}")
        if doc_id is None:
            doc_id = "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
        return cls(doc_id=doc_id, text=text, title=title, meta=meta)

    @property
    def n_chars(self) -> int:
        """Number of CJK (Han) characters in the text."""
        return count_cjk(self.text)

    def with_text(self, text: str) -> "Document":
        """Return a copy with other text (same id, title, metadata)."""
        return replace(self, text=text)

    def __repr__(self) -> str:  # short: the text can be long
        return f"Document(doc_id={self.doc_id!r}, title={self.title!r}, chars={len(self.text)})"


def count_cjk(text: str) -> int:
    """Count CJK (Han) characters in ``text``."""
    return len(_CJK.findall(text))


@dataclass(frozen=True)
class LogEntry:
    """One line of an ingest log."""

    path: str
    status: Literal["read", "skipped", "metadata", "auxiliary"]
    reason: str = ""
    n_docs: int = 0
    encoding: str = ""


class IngestLog:
    """What a load did with each file: read (with encoding and document count) or skipped (and why).

    Statuses: ``read``; ``skipped`` (with the reason); ``metadata`` (a metadata table
    joined to the documents); ``auxiliary`` (in a folder: a table with no text column,
    such as ``reuse_truth.csv``, or a documentation file such as ``README.md`` or
    ``PROVENANCE.md``: listed, not read as documents).
    """

    def __init__(self) -> None:
        self.entries: list[LogEntry] = []

    def add(self, path: Path | str, status: Literal["read", "skipped", "metadata", "auxiliary"], reason: str = "",
            n_docs: int = 0, encoding: str = "") -> None:
        self.entries.append(LogEntry(str(path), status, reason, n_docs, encoding))
        if status == "skipped":
            logger.warning("skipped %s: %s", path, reason)
        else:
            logger.debug("%s %s %s", status, path, reason)

    @property
    def read(self) -> list[LogEntry]:
        return [e for e in self.entries if e.status == "read"]

    @property
    def skipped(self) -> list[LogEntry]:
        return [e for e in self.entries if e.status == "skipped"]

    def to_frame(self) -> pd.DataFrame:
        """The log as a DataFrame with columns path, status, reason, n_docs, encoding."""
        cols = ["path", "status", "reason", "n_docs", "encoding"]
        return pd.DataFrame([e.__dict__ for e in self.entries], columns=cols)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"IngestLog(read={len(self.read)}, skipped={len(self.skipped)})"


class Corpus(Sequence[Document]):
    """An ordered collection of :class:`Document` with unique ids, plus the ingest log.

    Index by position or by doc_id. ``to_frame()`` gives one row per document.
    """

    def __init__(self, docs: Iterable[Document], *, log: IngestLog | None = None) -> None:
        self.docs: tuple[Document, ...] = tuple(docs)
        for d in self.docs:
            if not isinstance(d, Document):
                raise InputError(f"docs must hold Document objects, got {type(d).__name__}")
        self._index = {}
        for i, d in enumerate(self.docs):
            if d.doc_id in self._index:
                raise InputError(
                    f"duplicate doc_id {d.doc_id!r} (from {d.source} and "
                    f"{self.docs[self._index[d.doc_id]].source}); doc ids must be unique"
                )
            self._index[d.doc_id] = i
        self.log = log if log is not None else IngestLog()

    def __len__(self) -> int:
        return len(self.docs)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.docs)

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            try:
                return self.docs[self._index[key]]
            except KeyError:
                raise KeyError(f"no document with doc_id {key!r}") from None
        if isinstance(key, slice):
            return Corpus(self.docs[key], log=self.log)
        return self.docs[key]

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            return key in self._index
        return key in self.docs

    @property
    def ids(self) -> list[str]:
        return [d.doc_id for d in self.docs]

    @property
    def texts(self) -> list[str]:
        return [d.text for d in self.docs]

    def filter(self, predicate=None, /, **meta: Any) -> "Corpus":
        """Documents for which ``predicate(doc)`` is true and whose metadata match ``meta``.

        Examples
        --------
        >>> corpus.filter(policy_area="禁毒")  # doctest: +SKIP
        """
        out = []
        for d in self.docs:
            if predicate is not None and not predicate(d):
                continue
            if any(str(d.meta.get(k)) != str(v) for k, v in meta.items()):
                continue
            out.append(d)
        return Corpus(out, log=self.log)

    def drop(self, doc_ids: str | Iterable[str]) -> "Corpus":
        """A corpus without the given doc ids (unknown ids raise KeyError)."""
        ids = {doc_ids} if isinstance(doc_ids, str) else set(doc_ids)
        missing = ids - set(self._index)
        if missing:
            raise KeyError(f"no document with doc_id {sorted(missing)}")
        return Corpus([d for d in self.docs if d.doc_id not in ids], log=self.log)

    def __add__(self, other: "Corpus | Document") -> "Corpus":
        docs = [other] if isinstance(other, Document) else list(other)
        return Corpus(list(self.docs) + docs, log=self.log)

    def to_frame(self, *, text: bool = True) -> pd.DataFrame:
        """One row per document: doc_id, title, metadata columns, source, n_chars (and text)."""
        rows = []
        for d in self.docs:
            row = {"doc_id": d.doc_id, "title": d.title}
            row.update({k: v for k, v in d.meta.items() if k not in ("doc_id", "title", "text")})
            row["source"] = d.source
            row["n_chars"] = d.n_chars
            if text:
                row["text"] = d.text
            rows.append(row)
        cols = ["doc_id", "title", "source", "n_chars"] + (["text"] if text else [])
        return pd.DataFrame(rows, columns=None if rows else cols)

    to_pandas = to_frame

    def meta_frame(self) -> pd.DataFrame:
        """Metadata only (no text), indexed by doc_id."""
        return self.to_frame(text=False).set_index("doc_id")

    def __repr__(self) -> str:
        return f"Corpus({len(self)} documents)"


# ----------------------------------------------------------------------------- decoding

def _decode(data: bytes, path: Path) -> tuple[str, str]:
    """Decode bytes strictly; return (text, encoding name)."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        if b"\x00" in data:
            raise DecodeError(path, data.index(b"\x00"),
                              "NUL byte: this looks like a binary file, not text")
        candidates = ["utf-8", "gb18030"]
    first_err: UnicodeDecodeError | None = None
    for enc in candidates:
        try:
            text = data.decode(enc, errors="strict")
        except UnicodeDecodeError as err:
            first_err = first_err or err
            continue
        if enc == "gb18030" and not _plausible_chinese(text):
            continue
        return text, enc
    # every candidate failed (GB18030 "succeeding" on implausible text counts as failing):
    # report the first strict error, which has the byte offset
    assert first_err is not None
    raise DecodeError(path, first_err.start, f"{first_err.encoding}: {first_err.reason}") from None


def _plausible_chinese(text: str) -> bool:
    """GB18030 decodes most byte strings; accept it only if the result looks like text."""
    if not text:
        return True
    n = len(text)
    good = sum(1 for ch in text if ch.isascii() or _CJK.match(ch) or unicodedata.category(ch)[0] in "PZ")
    return good / n >= 0.9


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
    if not p.exists():
        raise FileNotFoundError(f"no such file: {p}")
    if p.is_dir():
        raise InputError(f"path {p} is a folder; use load_corpus() for folders")
    return _decode(p.read_bytes(), p)


# ----------------------------------------------------------------------------- readers

def _require_text(text: str, path: Path | str) -> str:
    if not text.strip():
        raise EmptyDocumentError(f"{path} is empty: it holds no text")
    return text


def read_document(path: str | Path, *, doc_id: str | None = None, title: str | None = None,
                  meta: Mapping[str, Any] | None = None) -> Document:
    """Read one speech from a ``.txt``, ``.md`` or ``.docx`` file.

    Parameters
    ----------
    path : str or Path
        The file.
    doc_id, title : str, optional
        Defaults: the file stem.
    meta : mapping, optional
        Metadata to attach. Default: the file's row of a ``metadata.csv`` in the same
        folder (joined on its ``file`` column), when there is one.

    Returns
    -------
    Document
        With the raw decoded text; ``meta["encoding"]`` records the encoding found.

    Raises
    ------
    FileNotFoundError, DecodeError, EmptyDocumentError, UnsupportedFormatError
    """
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"no such file: {p}")
    suffix = p.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        text, enc = read_text_file(p)
    elif suffix == ".docx":
        text, enc = _read_docx(p), "docx"
    elif suffix in TABLE_SUFFIXES:
        raise UnsupportedFormatError(
            f"{p} is a table ({suffix}) holding many documents; use load_corpus({str(p)!r})")
    else:
        raise UnsupportedFormatError(
            f"cannot read {p}: unsupported file type {suffix or '(none)'!r}; "
            f"expected one of {sorted(SUPPORTED_SUFFIXES)}")
    _require_text(text, p)
    if meta is None and (p.parent / METADATA_FILE).is_file() and p.name != METADATA_FILE:
        meta = _read_metadata(p.parent / METADATA_FILE, IngestLog()).get(p.name)
    m = dict(meta or {})
    m.setdefault("file", p.name)
    m["encoding"] = enc
    return Document(doc_id=doc_id or str(m.get("id") or p.stem), text=text,
                    title=title or str(m.get("title") or p.stem), meta=m, source=str(p))


def _read_docx(path: Path) -> str:
    try:
        import docx  # python-docx
    except ImportError as err:  # pragma: no cover - dependency of the package
        raise UnsupportedFormatError("reading .docx needs python-docx (pip install python-docx)") from err
    try:
        d = docx.Document(str(path))
    except Exception as err:  # python-docx raises several types for corrupt files
        raise UnsupportedFormatError(f"cannot read {path} as .docx: {err}") from err
    parts = [para.text for para in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _read_table(path: Path, text_column: str | None, log: IngestLog, *, in_folder: bool = False) -> list[Document]:
    raw, enc = read_text_file(path)
    if path.suffix.lower() == ".csv":
        rows = list(csv.DictReader(io.StringIO(raw)))
    else:
        rows = []
        for i, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputError(f"{path} line {i}: invalid JSON ({err.msg})") from None
            if not isinstance(obj, dict):
                raise InputError(f"{path} line {i}: expected a JSON object, got {type(obj).__name__}")
            rows.append(obj)
    if not rows:
        raise EmptyDocumentError(f"{path} holds no rows")
    columns = list(rows[0].keys())
    col = text_column or next((c for c in TEXT_COLUMNS if c in columns), None)
    if in_folder and text_column is None and col is None:
        log.add(path, "auxiliary", f"a table with no text column (columns {columns}); not read as documents")
        return []
    if col is None or col not in columns:
        raise InputError(
            f"text_column={text_column!r}: {path} has no text column; columns are {columns}, "
            f"expected one of {list(TEXT_COLUMNS)} or pass text_column=")
    id_col = next((c for c in ID_COLUMNS if c in columns), None)
    docs = []
    for i, row in enumerate(rows):
        text = row.get(col)
        where = f"{path}#{i + 1}"
        if not isinstance(text, str) or not text.strip():
            log.add(where, "skipped", f"row {i + 1} has an empty {col!r} field")
            continue
        meta = {k: v for k, v in row.items() if k != col}
        meta["file"] = path.name
        doc_id = str(row[id_col]) if id_col and row.get(id_col) not in (None, "") else f"{path.stem}-{i + 1}"
        title = str(row.get("title") or doc_id)
        docs.append(Document(doc_id=doc_id, text=text, title=title, meta=meta, source=where))
    log.add(path, "read", f"{len(docs)} rows", n_docs=len(docs), encoding=enc)
    return docs


def _read_metadata(meta: str | Path | pd.DataFrame | None, log: IngestLog) -> dict[str, dict]:
    """Metadata rows keyed by file name."""
    if meta is None:
        return {}
    if isinstance(meta, (str, Path)):
        p = Path(meta)
        text, enc = read_text_file(p)
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        log.add(p, "metadata", f"{len(frame)} rows", encoding=enc)
    elif isinstance(meta, pd.DataFrame):
        frame = meta.astype(str)
    else:
        raise InputError(f"metadata must be a path or a DataFrame, got {type(meta).__name__}")
    if "file" not in frame.columns:
        raise InputError(f"metadata needs a 'file' column to join on; its columns are {list(frame.columns)}")
    out = {}
    for row in frame.to_dict("records"):
        out[Path(str(row["file"])).name] = {k: _coerce(v) for k, v in row.items()}
    return out


def _coerce(value: Any) -> Any:
    """Turn metadata strings that are integers into ints (year, chars …)."""
    if isinstance(value, str) and re.fullmatch(r"-?\d{1,9}", value.strip()):
        return int(value)
    return value


def load_corpus(path_or_paths: str | Path | Iterable[str | Path], metadata: str | Path | pd.DataFrame | None = None,
                *, text_column: str | None = None,
                on_error: Literal["raise", "skip"] = "raise") -> Corpus:
    """Load speeches from files, folders (recursively) and tables into a :class:`Corpus`.

    Parameters
    ----------
    path_or_paths : path or iterable of paths
        Files (.txt, .md, .docx, .csv, .jsonl) and/or folders.
    metadata : path or DataFrame, optional
        A table with a ``file`` column, joined on file name. Defaults to the
        ``metadata.csv`` of a folder, when there is one.
    text_column : str, optional
        The text column of .csv/.jsonl inputs (default: the first of text, content, body, 正文).
    on_error : {"raise", "skip"}
        What to do with a file that cannot be read. ``"skip"`` records it in
        ``corpus.log`` with the reason, and warns.

    Returns
    -------
    Corpus
        With ``corpus.log`` listing each file read or skipped, and why.
    """
    if on_error not in ("raise", "skip"):
        raise InputError(f"on_error={on_error!r}: expected 'raise' or 'skip'")
    if isinstance(path_or_paths, (str, Path)):
        paths = [Path(path_or_paths)]
    else:
        paths = [Path(p) for p in path_or_paths]
    if not paths:
        raise InputError("path_or_paths is empty: expected at least one file or folder")
    log = IngestLog()
    meta_rows = _read_metadata(metadata, log)
    files: list[Path] = []
    in_folder: set[Path] = set()
    for p in paths:
        if not p.exists():
            raise FileNotFoundError(f"no such file or folder: {p}")
        if p.is_dir():
            if metadata is None and (p / METADATA_FILE).is_file():
                meta_rows.update(_read_metadata(p / METADATA_FILE, log))
            for f in sorted(p.rglob("*")):
                if f.is_dir():
                    continue
                if f.name == METADATA_FILE and f.parent == p:
                    continue
                if f.name.startswith(".") or any(part.startswith(".") for part in f.relative_to(p).parts[:-1]):
                    log.add(f, "skipped", "hidden file")
                    continue
                if _DOC_FILE.match(f.name):
                    log.add(f, "auxiliary", "a documentation file (README, PROVENANCE, LICENSE …), not a speech")
                    continue
                if f.suffix.lower() not in SUPPORTED_SUFFIXES:
                    log.add(f, "skipped", f"unsupported file type {f.suffix or '(none)'!r}")
                    continue
                files.append(f)
                in_folder.add(f)
        else:
            files.append(p)
    docs: list[Document] = []
    for f in files:
        try:
            if f.suffix.lower() in TABLE_SUFFIXES:
                docs.extend(_read_table(f, text_column, log, in_folder=f in in_folder))
            else:
                doc = read_document(f, meta=meta_rows.get(f.name, {}))
                docs.append(doc)
                log.add(f, "read", n_docs=1, encoding=str(doc.meta.get("encoding", "")))
        except (DecodeError, EmptyDocumentError, UnsupportedFormatError, InputError) as err:
            if on_error == "raise":
                raise
            log.add(f, "skipped", str(err))
    known = {Path(d.meta.get("file", "")).name for d in docs}
    for name in sorted(set(meta_rows) - known):
        log.add(name, "skipped", "listed in metadata but no such file was read")
    if log.skipped:
        warnings.warn(f"load_corpus skipped {len(log.skipped)} file(s); see corpus.log.to_frame()",
                      stacklevel=2)
    return Corpus(docs, log=log)


# ----------------------------------------------------------------------------- bundled data

#: The project folder (paths come from the package, never the working directory).
PROJECT_DIR = Path(__file__).resolve().parents[1]
DATA_DIR = _bundled_path()  # data/ of a clone, or its copy inside the installed package
BUNDLED_SPEECH = DATA_DIR / "speeches" / "xshi_jindu_2021_video-conference.txt"
BUNDLED_CORPUS = DATA_DIR / "corpus"


def bundled_speech() -> Document:
    """The bundled speech (在全市禁毒工作视频会议上的讲话, X市, 2021), raw, with its metadata."""
    if not BUNDLED_SPEECH.is_file():
        raise FileNotFoundError(
            f"bundled speech not found at {BUNDLED_SPEECH}; the installation is incomplete: "
            "reinstall textmine (pip install textmine, or pip install -e . in a clone)")
    return read_document(BUNDLED_SPEECH)  # its metadata.csv row is picked up


def bundled_corpus() -> Corpus:
    """The bundled synthetic reference corpus of work-conference speeches (``data/corpus``)."""
    if not BUNDLED_CORPUS.is_dir():
        raise FileNotFoundError(f"bundled corpus not found at {BUNDLED_CORPUS}")
    return load_corpus(BUNDLED_CORPUS)
