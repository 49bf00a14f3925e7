"""The briefing's tables as CSV: UTF-8 with a BOM (Excel opens the Chinese correctly), one file per table."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from ._cells import safe_frame

__all__ = ["TABLES", "tables", "csv_frame", "write_csv"]

TABLES: tuple[tuple[str, Callable[[Any], pd.DataFrame | None]], ...] = (
    ("ingest_log", lambda r: relative_paths(r.ingest_log)),
    ("outline", lambda r: r.outline.drop(columns="text")),
    ("enumerations", lambda r: r.enumerations),
    ("formulas", lambda r: r.formulas),
    ("references", lambda r: r.references),
    ("targets", lambda r: r.targets),
    ("duties", lambda r: r.duties),
    ("section_keywords", lambda r: r.section_keywords),
    ("top_terms", lambda r: r.top_terms),
    ("keyness", lambda r: r.keyness),
    ("peer_keyness", lambda r: r.peer_keyness),
    ("similar", lambda r: r.similar_documents),
    ("choose_k", lambda r: r.choose_k),
    ("topics", lambda r: r.topics),
    ("topic_comparison", lambda r: r.topic_comparison),
    ("text_reuse_matches", lambda r: r.reuse.matches),
    ("text_reuse_ratios", lambda r: r.reuse.ratios),
    ("text_reuse_sentences", lambda r: r.reuse.sentences),
)
"""CSV name → the result's table, in the order they are written (a None table is not written)."""


def relative_paths(log: pd.DataFrame) -> pd.DataFrame:
    """The ingest log with its file paths relative to the corpus root (their common folder).

    The pack is shared: it should not record where the corpus sat on the user's machine,
    neither in ``path`` nor inside a ``reason`` (``cannot decode /home/me/语料/a.txt: …``).
    """
    if log is None or log.empty or "path" not in log:
        return log
    absolute = [p for p in log.path.astype(str) if os.path.isabs(p)]
    if not absolute:
        return log
    try:
        root = os.path.commonpath([os.path.dirname(p) for p in absolute])
    except ValueError:  # paths on different drives: leave them
        return log
    out = log.copy()
    out["path"] = [os.path.relpath(p, root) if os.path.isabs(p) else p for p in log.path.astype(str)]
    if "reason" in out:
        prefix = root.rstrip(os.sep) + os.sep
        out["reason"] = [r.replace(prefix, "") if isinstance(r, str) else r for r in out["reason"]]
    return out


def tables(result: Any) -> dict[str, pd.DataFrame]:
    """The result's tables by CSV name (those that exist)."""
    return {name: df for name, get in TABLES if (df := get(result)) is not None}


def csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with tuple and list cells (parts, bodies) written as 、-joined text."""
    out = df.copy()
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, (tuple, list))).any():
            out[col] = out[col].map(lambda v: "、".join(map(str, v)) if isinstance(v, (tuple, list)) else v)
    return out


def write_csv(result: Any, out_dir: str | Path) -> list[Path]:
    """Write each table of the result to ``out_dir/<name>.csv``; return the paths, in order.

    Text cells that a spreadsheet could evaluate (``=``, ``+``, ``-``, ``@``, TAB, CR first)
    get a leading ``'``, and no cell exceeds Excel's 32,767 characters (see :mod:`._cells`).
    """
    paths = []
    for name, df in tables(result).items():
        path = Path(out_dir) / f"{name}.csv"
        safe_frame(csv_frame(df)).to_csv(path, index=False, encoding="utf-8-sig", float_format="%.6g",
                                         lineterminator="\r\n")  # RFC 4180; a CR inside a cell gets quoted
        paths.append(path)
    return paths


# --- the cleaning record and the codebook analyses (issues 12 and 16): appended, written after the tables above
TABLES = TABLES + (
    ("cleaning", lambda r: getattr(r, "cleaning", None)),
    ("policy_instruments", lambda r: getattr(r, "policy_instruments", None)),
    ("directive_strength", lambda r: getattr(r, "directive_strength", None)),
    ("directive_strength_body", lambda r: getattr(r, "directive_strength_body", None)),
    ("strength_profile", lambda r: getattr(r, "strength_profile", None)),
    ("tone", lambda r: getattr(r, "tone", None)),
    ("problems", lambda r: getattr(r, "problems", None)),
    ("textstats", lambda r: getattr(r, "textstats_percentiles", None)),
    ("correspondence_map", lambda r: getattr(r, "correspondence_map", None)),
)
