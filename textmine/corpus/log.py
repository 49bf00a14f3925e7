"""The ingest log: one line for every file (and every problem row) a load met, with its status.

Nothing is dropped without a line here: a file that was read, skipped, found to be a
byte-identical copy of another, listed as documentation, or read with a warning (a cell cut
at Excel's limit, a CSV row repaired) each gets an entry naming the file and, for rows, the line.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

__all__ = ["IngestLog", "LogEntry", "Status", "STATUSES"]

logger = logging.getLogger("textmine.corpus")

Status = Literal["read", "skipped", "duplicate", "warning", "metadata", "auxiliary"]
STATUSES: tuple[str, ...] = ("read", "skipped", "duplicate", "warning", "metadata", "auxiliary")
COLUMNS = ["path", "status", "reason", "n_docs", "encoding", "line"]


@dataclass(frozen=True)
class LogEntry:
    """One line of an ingest log.

    Attributes
    ----------
    path : str
        The file (or folder, or a name listed in a metadata table).
    status : {"read", "skipped", "duplicate", "warning", "metadata", "auxiliary"}
    reason : str
        Why (for read files: what was read, e.g. ``"12 rows"``).
    n_docs : int
        Documents made from the file.
    encoding : str
        How it was decoded (``utf-8``, ``gb18030``, ``docx``, ``pdf`` …).
    line : int or None
        The line (CSV, JSONL, metadata.csv) or row (Excel) a row-level entry is about.
    """

    path: str
    status: Status
    reason: str = ""
    n_docs: int = 0
    encoding: str = ""
    line: int | None = None


class IngestLog:
    """What a load did with each file, and why.

    Statuses
    --------
    ``read``
        Read; ``n_docs`` documents made from it.
    ``skipped``
        Not read, with the reason: unreadable, unsupported, not a regular file (FIFO, socket),
        a dangling link, a link back into a folder already read, a hidden file, a table with no
        text column, a malformed row (with its line), a row with an empty text field.
    ``duplicate``
        Not read again: byte-identical to a file already read; a repeated row of a metadata table.
    ``warning``
        Read, but something needs a look: a cell of exactly 32,767 characters (probably cut by
        Excel), a CSV row whose unquoted commas were put back into the text, a year that is not one,
        a document with the same text as another (both kept).
    ``metadata``
        A metadata table joined to the documents.
    ``auxiliary``
        Documentation (README, PROVENANCE, LICENSE …): listed, not read as a speech.
    """

    def __init__(self) -> None:
        self.entries: list[LogEntry] = []

    def add(self, path: Path | str, status: Status, reason: str = "", n_docs: int = 0, encoding: str = "",
            line: int | None = None) -> LogEntry:
        if status not in STATUSES:
            raise ValueError(f"status={status!r}: expected one of {STATUSES}")
        entry = LogEntry(str(path), status, reason, n_docs, encoding, line)
        self.entries.append(entry)
        where = f"{path}:{line}" if line is not None else str(path)
        if status in ("skipped", "duplicate", "warning"):
            logger.info("%s %s: %s", status, where, reason)
        else:
            logger.debug("%s %s %s", status, where, reason)
        return entry

    def extend(self, other: "IngestLog") -> None:
        self.entries.extend(other.entries)

    def _with(self, *statuses: str) -> list[LogEntry]:
        return [e for e in self.entries if e.status in statuses]

    @property
    def read(self) -> list[LogEntry]:
        """Entries of files that were read."""
        return self._with("read")

    @property
    def skipped(self) -> list[LogEntry]:
        """Everything not read: skipped files and rows, and duplicates (each with the reason)."""
        return self._with("skipped", "duplicate")

    @property
    def duplicates(self) -> list[LogEntry]:
        return self._with("duplicate")

    @property
    def warnings(self) -> list[LogEntry]:
        """Read, with something to check (a truncated cell, a repaired row …)."""
        return self._with("warning")

    def to_frame(self) -> pd.DataFrame:
        """The log as a DataFrame with columns path, status, reason, n_docs, encoding, line."""
        frame = pd.DataFrame([asdict(e) for e in self.entries], columns=COLUMNS)
        frame["line"] = frame["line"].astype("Int64")
        return frame

    def summary(self) -> str:
        """One line: how many files were read, skipped, duplicates, warnings."""
        counts = {s: len(self._with(s)) for s in ("read", "skipped", "duplicate", "warning")}
        return ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "nothing"

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    def __repr__(self) -> str:
        return (f"IngestLog(read={len(self.read)}, skipped={len(self._with('skipped'))}, "
                f"duplicate={len(self.duplicates)}, warning={len(self.warnings)})")
