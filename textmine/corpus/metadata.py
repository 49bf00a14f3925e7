"""Metadata: ONE coercion for every source, and the folder ``metadata.csv`` tables.

Every metadata value — a folder ``metadata.csv``, the columns of a CSV/JSONL/Excel corpus,
the target speech's own metadata (``--year`` …) — goes through :func:`coerce_meta`:

- ``year`` is a nullable whole number: ``2016``, ``"2016"``, ``"2016年"``, ``"２０１６年"``,
  ``"2016-03-12"``, ``2016.0``, a date → 2016; blank → missing (the key is left out); a value
  that is not a year is left out and reported;
- a ``年份``/``年度`` column gives ``year`` too, and when there is no year at all, a date column
  (``date``, ``publish_date``, ``Release Time``, ``发布日期`` …) gives it;
- every other field is a string, or missing when blank.

Missing years are the category :data:`YEAR_UNKNOWN` (年份不详) wherever years are grouped
(:func:`year_label`).
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

__all__ = ["YEAR_UNKNOWN", "coerce_meta", "coerce_year", "coerce_value", "year_label", "MetadataTable",
           "read_metadata_table", "METADATA_FILE"]

METADATA_FILE = "metadata.csv"
#: The group of documents whose year is missing.
YEAR_UNKNOWN = "年份不详"

_YEAR_ALIASES = ("年份", "年度")
_DATE_KEYS = ("date", "publish_date", "release_date", "release time", "pub_date", "发布日期", "日期", "发文日期",
              "成文日期", "发布时间", "时间")
_BLANK_YEAR = {"", "nan", "none", "null", "na", "n/a", "-", "—", "－", "不详", "未知", "年份不详"}
_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_YEAR = re.compile(r"(\d{4})\s*年?度?")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*\d{1,2}")
YEAR_RANGE = (1800, 2199)


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:  # pandas.NA / NaT without importing pandas here
        return bool(value != value)  # noqa: PLR0124
    except (TypeError, ValueError):
        return False


def coerce_year(value: Any) -> tuple[int | None, str | None]:
    """``(year, problem)``: the year as a whole number, or None when blank or not a year.

    ``problem`` is a message when a non-blank value is not a year, else None.

    Examples
    --------
    >>> coerce_year("2016年"), coerce_year(" "), coerce_year("十四五")[0]
    ((2016, None), (None, None), None)
    """
    if _is_missing(value):
        return None, None
    if isinstance(value, bool):
        return None, f"year {value!r} is not a year; expected e.g. 2016 or 2016年"
    if isinstance(value, (_dt.date, _dt.datetime)) or hasattr(value, "year") and hasattr(value, "month"):
        year = int(value.year)
    elif isinstance(value, (int, float)) or type(value).__name__.startswith(("int", "float")):
        f = float(value)
        if not f.is_integer():
            return None, f"year {value!r} is not a whole number; expected e.g. 2016"
        year = int(f)
    else:
        s = unicodedata.normalize("NFKC", str(value)).strip()
        if s.lower() in _BLANK_YEAR:
            return None, None
        s = s.translate(_CN_DIGITS)
        m = _YEAR.fullmatch(s) or _DATE.match(s) or re.fullmatch(r"(\d{4})\.0+", s)
        if not m:
            return None, f"year {str(value)!r} is not a year; expected e.g. 2016 or 2016年"
        year = int(m.group(1))
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        return None, f"year {value!r} is out of range {YEAR_RANGE[0]}–{YEAR_RANGE[1]}"
    return year, None


def coerce_value(value: Any) -> str | None:
    """A metadata value as a string (dates as ISO dates, 3255.0 as "3255"); None when blank."""
    if _is_missing(value):
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    s = str(value).strip()
    return s or None


def coerce_meta(row: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Coerce one row of metadata; return ``(meta, problems)``.

    Keys are stripped strings; blank values are left out; ``year`` is an int (see module docs).
    ``problems`` lists values that were left out because they are not what the field needs.
    """
    out: dict[str, Any] = {}
    problems: list[str] = []
    raw_year: Any = None
    for key, value in row.items():
        if key is None:
            continue
        k = str(key).strip()
        if not k:
            continue
        if k.lower() == "year":
            raw_year = value
            continue
        v = coerce_value(value)
        if v is not None:
            out[k] = v
    year, problem = coerce_year(raw_year)
    if problem:
        problems.append(problem)
    if year is None and not problem:
        for alias in _YEAR_ALIASES:
            if alias in out:
                year, problem = coerce_year(out[alias])
                if problem:
                    problems.append(f"{alias}: {problem}")
                break
    if year is None and not problems:
        lowered = {str(k).strip().lower(): k for k in row if k is not None}
        for key in _DATE_KEYS:
            if key in lowered:
                year, _ = coerce_year(row[lowered[key]])
                if year is not None:
                    break
    if year is not None:
        out["year"] = year
    return out, problems


def year_label(value: Any) -> int | str:
    """The group of a year value: the year as an int, or :data:`YEAR_UNKNOWN` when missing."""
    year, _ = coerce_year(value)
    return YEAR_UNKNOWN if year is None else year


def _key(file_value: str) -> str:
    """A ``file`` cell as a relative POSIX path (backslashes and ``./`` removed)."""
    s = str(file_value).strip().replace("\\", "/")
    parts = [p for p in PurePosixPath(s).parts if p not in (".", "")]
    return "/".join(parts)


@dataclass
class MetadataTable:
    """Rows of a metadata table keyed by their ``file`` column, applying to the files under ``folder``.

    ``file`` may be a bare name (``讲话.txt``), joined when exactly one file under the folder has
    that name, or a path relative to the folder (``2020/讲话.txt``).
    """

    source: str
    folder: Path | None
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[tuple[int | None, str, str]] = field(default_factory=list)  # (line, status, reason)

    @classmethod
    def from_records(cls, records: Iterable[tuple[int | None, Mapping[str, Any]]], *, source: str,
                     folder: Path | None, columns: list[str]) -> "MetadataTable":
        from ..errors import InputError

        if "file" not in columns:
            raise InputError(f"metadata {source} needs a 'file' column to join on; its columns are {columns}")
        table = cls(source, folder)
        raw_rows: dict[str, Mapping[str, Any]] = {}
        for line, record in records:
            key = _key(record.get("file") or "")
            if not key:
                table.problems.append((line, "skipped", "row has an empty 'file' field; not joined"))
                continue
            meta, problems = coerce_meta(record)
            meta["file"] = key
            for p in problems:
                table.problems.append((line, "warning", f"file {key!r}: {p}; left missing"))
            if key in table.rows:
                first = table.lines.get(key)
                same = dict(record) == dict(raw_rows[key])
                what = "the same values" if same else "different values"
                table.problems.append((line, "duplicate",
                                       f"file {key!r} is listed again (first at line {first}) with {what}; "
                                       f"the row at line {first} is used"))
                continue
            table.rows[key] = meta
            table.lines[key] = line
            raw_rows[key] = record
        return table

    def assign(self, files: Iterable[tuple[Path, str]]) -> tuple[dict[Path, dict], list[tuple]]:
        """Match rows to files; return ``({file: meta}, problems)``.

        ``files`` are ``(path, key)`` pairs, ``key`` the file's path relative to the table's folder
        (or to the corpus root). Each problem is ``(line, status, reason)``: a row whose file is not
        there, or whose bare name matches several files.
        """
        by_rel: dict[str, Path] = {}
        by_name: dict[str, list[tuple[Path, str]]] = defaultdict(list)
        for f, rel in files:
            by_rel[rel] = f
            by_name[f.name].append((f, rel))
        out: dict[Path, dict] = {}
        problems: list[tuple] = []
        for key, meta in self.rows.items():
            line = self.lines.get(key)
            named = by_name.get(key, [])
            if key in by_rel:
                out[by_rel[key]] = meta
            elif "/" not in key and len(named) == 1:
                out[named[0][0]] = meta
            elif "/" not in key and len(named) > 1:
                names = ", ".join(sorted(rel for _, rel in named))
                problems.append((line, "skipped", f"file {key!r} matches {len(named)} files ({names}); write the "
                                                  "path relative to the metadata file's folder instead"))
            else:
                problems.append((line, "skipped", f"file {key!r} is listed but no such file was read"))
        return out, problems


def read_metadata_table(source, *, folder: Path | None = None) -> MetadataTable:
    """A :class:`MetadataTable` from a ``metadata.csv`` path or a DataFrame.

    Raises
    ------
    DecodeError, InputError
        The file cannot be decoded, or it has no ``file`` column.
    """
    from ..errors import InputError

    if isinstance(source, (str, Path)):
        from .decode import decode_bytes, read_bytes
        from .readers.tables import csv_records

        p = Path(source)
        raw, _enc = decode_bytes(read_bytes(p), p)
        records = csv_records(raw)
        header, bad = None, []
        for line, fields, problem in records:
            if fields is not None:
                header = [f.strip() for f in fields]
                break
            bad.append((line, "skipped", problem))
        if header is None:
            raise InputError(f"metadata {p} is empty; expected a header row with a 'file' column")
        rows = []
        for line, fields, problem in records:
            if fields is None or len(fields) != len(header):
                what = problem or f"{len(fields)} fields for {len(header)} columns"
                bad.append((line, "skipped", f"{what}; row not joined"))
                continue
            rows.append((line, dict(zip(header, fields))))
        table = MetadataTable.from_records(rows, source=str(p), folder=folder, columns=header)
        table.problems[:0] = bad
        return table
    if hasattr(source, "to_dict") and hasattr(source, "columns"):
        cols = [str(c) for c in source.columns]
        recs = [(i + 2, {str(k): v for k, v in r.items()}) for i, r in enumerate(source.to_dict("records"))]
        return MetadataTable.from_records(recs, source="metadata (DataFrame)", folder=folder, columns=cols)
    raise InputError(f"metadata must be a path or a DataFrame, got {type(source).__name__}")
