"""Tables of documents (CSV, TSV, JSONL, JSON; Excel sheets come from :mod:`.xlsx`): one document per row.

- CSV: strict parsing, with every malformed row reported by file and line instead of silently
  truncating or merging rows: a quote that never closes (which would swallow every later row)
  costs one line, not the rest of the file; a row with more fields than the header (a text with
  unquoted ASCII commas) is repaired when the text is the last column, else skipped; a short row is
  skipped. Fields over the csv module's 131,072-character default are read.
- JSONL: one object per ``\\n``-separated line; U+2028/U+0085 inside strings are valid JSON and parse;
  the columns are those of all rows, not the first.
- The text column is the first of the usual names (:data:`TEXT_COLUMNS`), else the column with the
  most Chinese text when it holds on average at least :data:`MIN_TEXT_CHARS` Chinese characters a
  cell (so a table of short names is never read as documents), else an error or a logged skip.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ...errors import InputError
from ..decode import decode_bytes
from . import TableRows

__all__ = ["read_csv_rows", "read_jsonl_rows", "read_json_rows", "find_text_column", "csv_records",
           "TEXT_COLUMNS", "TITLE_COLUMNS", "ID_COLUMNS", "MIN_TEXT_CHARS", "NoTextColumnError"]

TEXT_COLUMNS = ("text", "content", "body", "full_text", "fulltext", "正文", "内容", "全文", "文本", "正文内容")
TITLE_COLUMNS = ("title", "标题", "题目", "篇名", "文件名称", "文章标题")
ID_COLUMNS = ("id", "doc_id")
#: Average Chinese characters a cell of an auto-detected text column must hold: documents, not names or
#: sentences (a table of quoted sentences, like the bundled data/reuse_truth.csv, is not a corpus).
MIN_TEXT_CHARS = 100


class NoTextColumnError(InputError):
    """A table has no column that holds the documents' text."""


@contextmanager
def _field_limit():
    """Raise the csv field limit (131,072 characters by default) for one read, then restore it."""
    old = csv.field_size_limit()
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            break
        except OverflowError:  # a C long is 32 bits on some platforms
            limit //= 2
    try:
        yield
    finally:
        csv.field_size_limit(old)


def csv_records(raw: str, delimiter: str = ",") -> Iterator[tuple[int, list[str] | None, str | None]]:
    """Yield ``(line, fields, problem)`` for each record of a CSV text, strictly parsed.

    ``line`` is the 1-based line the record starts on. A record that cannot be parsed yields
    ``fields=None`` and a problem; parsing resumes on the next line, so one unterminated quote costs
    one line. A line with a stray quote inside a field is read leniently and its problem is given.
    """
    lines = io.StringIO(raw, newline="").readlines()  # splits on \n, \r\n and \r only, like csv
    n, pos = len(lines), 0
    with _field_limit():
        while pos < n:
            reader = csv.reader(itertools.islice(lines, pos, None), delimiter=delimiter, strict=True)
            prev = 0
            while True:
                try:
                    fields = next(reader)
                except StopIteration:
                    pos = n
                    break
                except csv.Error as err:
                    start, end = pos + prev, pos + reader.line_num
                    if end - start > 1 or "end of data" in str(err):
                        merged = end - start
                        yield start + 1, None, (
                            f"a quoted field opened on this line is never closed ({err}); it would merge "
                            f"{merged} lines into one row, so only this line is skipped")
                    else:
                        fields = next(csv.reader([lines[start]], delimiter=delimiter, strict=False), [])
                        yield start + 1, fields, f"a stray quote in a field ({err}); the line was read leniently"
                    pos = start + 1
                    break
                if fields:  # csv yields [] for a blank line
                    yield pos + prev + 1, fields, None
                prev = reader.line_num


def _dedupe(names: list[str]) -> list[str]:
    out, seen = [], {}
    for i, name in enumerate(names):
        name = name.strip() or f"column {i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return out


def read_csv_rows(data: bytes, path: Path | str) -> TableRows:
    """Parse a CSV (or TSV: tab-separated when the header has tabs and no commas) into rows."""
    raw, enc = decode_bytes(data, path)
    first = raw.split("\n", 1)[0]
    delimiter = "\t" if (str(path).lower().endswith(".tsv") or ("\t" in first and "," not in first)) else ","
    records = csv_records(raw, delimiter)
    problems: list = []
    header = None
    for line, fields, problem in records:
        if fields is None:
            problems.append((line, "skipped", f"header: {problem}"))
            continue
        header = _dedupe(fields)
        if problem:
            problems.append((line, "warning", problem))
        break
    if header is None:
        return TableRows([], [], enc, problems)
    ncols = len(header)
    rows = []
    for line, fields, problem in records:
        if fields is None:
            problems.append((line, "skipped", problem))
            continue
        if problem:
            problems.append((line, "warning", problem))
        if len(fields) < ncols:
            problems.append((line, "skipped", f"{len(fields)} fields for {ncols} columns ({', '.join(header)}): "
                                              "a field is missing or a line break split the row; row not read"))
            continue
        rec: dict[Any, Any] = dict(zip(header, fields))
        if len(fields) > ncols:
            rec[None] = fields[ncols:]  # resolved once the text column is known (tables → documents)
        rows.append((line, rec))
        _check_merged(line, fields, delimiter, ncols, problems)
    return TableRows(header, rows, enc, problems)


def _check_merged(line: int, fields: list[str], delimiter: str, ncols: int, problems: list) -> None:
    """Warn when a multi-line field's lines look like rows of the table (a quote closed too late)."""
    if ncols < 2:
        return
    for f in fields:
        inner = f.split("\n")[1:]
        if inner and all(x.count(delimiter) == ncols - 1 for x in inner if x.strip()) and any(x.strip() for x in inner):
            problems.append((line, "warning", f"a quoted field spans {len(inner) + 1} lines that each look like a "
                                              "row of this table: a quote may be missing"))
            return


def read_jsonl_rows(data: bytes, path: Path | str) -> TableRows:
    """Parse JSON Lines: one object per line; columns from all rows."""
    raw, enc = decode_bytes(data, path)
    rows, problems, columns = [], [], {}
    # split on \n only: U+2028, U+2029 and U+0085 are valid inside JSON strings (str.splitlines would cut there)
    for i, line in enumerate(raw.split("\n"), 1):
        s = line.strip(" \t\r")
        if not s:
            continue
        try:
            obj = json.loads(s)
        except json.JSONDecodeError as err:
            problems.append((i, "skipped", f"invalid JSON ({err.msg} at column {err.colno}); row not read"))
            continue
        if not isinstance(obj, dict):
            problems.append((i, "skipped", f"expected a JSON object, got {type(obj).__name__}; row not read"))
            continue
        columns.update(dict.fromkeys(str(k) for k in obj))
        rows.append((i, {str(k): v for k, v in obj.items()}))
    return TableRows(list(columns), rows, enc, problems)


def read_json_rows(data: bytes, path: Path | str) -> TableRows:
    """Parse a JSON array of objects (or an object holding one such array)."""
    raw, enc = decode_bytes(data, path)
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as err:
        raise InputError(f"{path} line {err.lineno}: invalid JSON ({err.msg})") from None
    if isinstance(obj, dict):
        arrays = [v for v in obj.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        if len(arrays) != 1:
            raise InputError(f"{path}: expected a JSON array of objects (one per document), got an object")
        obj = arrays[0]
    if not isinstance(obj, list):
        raise InputError(f"{path}: expected a JSON array of objects (one per document), got {type(obj).__name__}")
    rows, problems, columns = [], [], {}
    for i, item in enumerate(obj, 1):
        if not isinstance(item, dict):
            problems.append((i, "skipped", f"item {i} is a {type(item).__name__}, not an object; not read"))
            continue
        columns.update(dict.fromkeys(str(k) for k in item))
        rows.append((i, {str(k): v for k, v in item.items()}))
    return TableRows(list(columns), rows, enc, problems)


def find_text_column(table: TableRows, text_column: str | None, where: str) -> str:
    """The column that holds the documents' text.

    Raises
    ------
    InputError
        ``text_column`` is not a column of the table.
    NoTextColumnError
        No usual name and no column with enough Chinese text.
    """
    from ..document import count_cjk

    cols = table.columns
    if text_column is not None:
        if text_column in cols:
            return text_column
        raise InputError(f"text_column={text_column!r}: {where} has no such column; columns are {cols}")
    lowered = {c.strip().lower(): c for c in cols}
    for name in TEXT_COLUMNS:
        if name in lowered:
            return lowered[name]
    totals = {c: [0, 0] for c in cols}
    for _, rec in table.rows:
        for c in cols:
            v = rec.get(c)
            if isinstance(v, str) and v.strip():
                totals[c][0] += count_cjk(v)
                totals[c][1] += 1
    best = max(cols, key=lambda c: totals[c][0], default=None)
    mean = totals[best][0] / totals[best][1] if best is not None and totals[best][1] else 0.0
    if best is not None and mean >= MIN_TEXT_CHARS:
        return best
    detail = (f"its most Chinese column, {best!r}, averages {mean:.0f} Chinese characters a cell (documents "
              f"need {MIN_TEXT_CHARS})" if best is not None and mean > 0 else "no column holds Chinese text")
    raise NoTextColumnError(
        f"text_column=None: {where} has no text column; columns are {cols}: none is named like a text column "
        f"(text, content, body, full_text, 正文 …) and {detail}; pass text_column= (--text-column) to choose one")


def _title_column(cols: list[str]) -> str | None:
    lowered = {c.strip().lower(): c for c in cols}
    for name in TITLE_COLUMNS:
        if name in lowered:
            return lowered[name]
    return next((c for low, c in lowered.items() if low.endswith((" title", "_title", "标题", "题目"))), None)


def rows_to_documents(table: TableRows, *, path: Path, rel: str, text_column: str | None, log,
                      on_error: str, id_prefix: str | None = None) -> list:
    """One :class:`~textmine.corpus.Document` per row with text; every other row gets a log line.

    ``rel`` is the file as the log and ``meta["file"]`` name it; ``id_prefix`` makes row ids
    (``<prefix>-<row>``, default: the file stem). Problems of the parse are logged here;
    with ``on_error="raise"`` the first malformed row raises InputError naming file and line.
    """
    from ..document import Document
    from ..metadata import coerce_meta
    from ..titles import title_from_text

    where = f"{path}" + (f" sheet {table.sheet!r}" if table.sheet else "")
    col = find_text_column(table, text_column, where)
    cols = table.columns
    text_is_last = cols and cols[-1] == col
    id_col = next((c for c in cols if c.strip().lower() in ID_COLUMNS), None)
    title_col = _title_column([c for c in cols if c != col])
    prefix = id_prefix or path.stem
    unit = "row" if table.sheet else "line"

    def problem(line, status, reason):
        if status == "skipped" and on_error == "raise":
            raise InputError(f"{where} {unit} {line}: {reason}")
        log.add(path, status, f"{where if table.sheet else rel} {unit} {line}: {reason}", line=line)

    for line, status, reason in table.problems:
        problem(line, status, reason)
    docs = []
    for k, (line, rec) in enumerate(table.rows, 1):
        extra = rec.pop(None, None)
        if extra is not None:
            n = len(cols) + len(extra)
            if not text_is_last:
                problem(line, "skipped", f"{n} fields for {len(cols)} columns ({', '.join(cols)}): unquoted "
                                         f"commas, and the text column {col!r} is not the last, so the row is "
                                         "ambiguous; row not read")
                continue
            rec[col] = ",".join([rec[col], *extra])
            problem(line, "warning", f"{n} fields for {len(cols)} columns: the text had {len(extra)} unquoted "
                                     f"comma(s); they were kept in the text column {col!r} (the last)")
        text = rec.get(col)
        if not isinstance(text, str) or not text.strip():
            log.add(path, "skipped", f"{unit} {line} has an empty {col!r} field", line=line)
            continue
        meta, problems = coerce_meta({c: v for c, v in rec.items() if c != col})
        for p in problems:
            log.add(path, "warning", f"{unit} {line}: {p}; left missing", line=line)
        if table.cell_limit and len(text) == table.cell_limit:
            log.add(path, "warning", f"{where} row {line}: the {col!r} cell holds exactly {table.cell_limit:,} "
                                     "characters, Excel's cell limit: the text was probably truncated", line=line)
        meta["file"] = rel
        meta["encoding"] = table.encoding
        if table.sheet:
            meta["sheet"] = table.sheet
        given = meta.get(id_col) if id_col else None
        doc_id = str(given) if given else f"{prefix}-{k}"
        title = meta.get(title_col) if title_col else None
        title = title or title_from_text(text) or doc_id
        source = f"{path}#{table.sheet}!{line}" if table.sheet else f"{path}#{k}"
        docs.append(Document(doc_id=doc_id, text=text, title=str(title), meta=meta, source=source))
    return docs
