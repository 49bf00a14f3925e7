"""Spreadsheet-safe cells for every table textmine writes (CSV now, a workbook writer may reuse it).

OWASP "CSV injection": a text cell that starts with ``=``, ``+``, ``-``, ``@``, TAB or CR
may be evaluated as a formula by Excel, LibreOffice or Sheets. Such a cell gets a leading
single quote, so it displays as text. Numbers (negative ones too) are left as numbers:
only text cells are touched. A cell longer than Excel's limit is cut and marked.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["neutralise", "cap", "safe_cell", "safe_frame", "FORMULA_PREFIXES", "MAX_CELL", "CUT_MARK"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL = 32_767
"""Excel's limit on characters in one cell."""
CUT_MARK = "…［已截断］"
"""Ends a cell cut to :data:`MAX_CELL` characters."""


def neutralise(value: Any) -> Any:
    """``value`` with a leading ``'`` if it is text that a spreadsheet could read as a formula.

    Non-text values (numbers, None, NaN) are returned unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def cap(value: Any, limit: int = MAX_CELL) -> Any:
    """Text cut to ``limit`` characters, ending in :data:`CUT_MARK` when cut; other values unchanged."""
    if isinstance(value, str) and len(value) > limit:
        return value[:limit - len(CUT_MARK)] + CUT_MARK
    return value


def safe_cell(value: Any) -> Any:
    """:func:`neutralise` then :func:`cap` (the quote counts towards the limit)."""
    return cap(neutralise(value))


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells (in object or string columns) are :func:`safe_cell`; numeric columns untouched."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = out[col].map(safe_cell)
    out.columns = [safe_cell(c) if isinstance(c, str) else c for c in out.columns]
    return out
