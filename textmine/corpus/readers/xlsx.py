"""Excel workbooks (.xlsx, .xlsm; .xls/.et through LibreOffice): one document per row of each sheet.

Each sheet's first non-blank row is its header. Blank rows are counted, not read. Formula cells
give their cached values. A text cell of exactly 32,767 characters — Excel's cell limit — is
reported as probably truncated (:data:`EXCEL_CELL_LIMIT`).
"""

from __future__ import annotations

import io
from pathlib import Path

from ...errors import UnsupportedFormatError
from . import TableRows
from . import _zip

__all__ = ["read_xlsx_rows", "EXCEL_CELL_LIMIT"]

#: Excel stores at most 32,767 characters in a cell and cuts longer text without a word.
EXCEL_CELL_LIMIT = 32767


def _blank(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def read_xlsx_rows(data: bytes, path: Path | str, *, max_member_bytes: int | None = None) -> list[TableRows]:
    """The rows of every sheet, one :class:`TableRows` per sheet (Excel row numbers as lines).

    Raises
    ------
    UnsupportedFormatError
        Not a valid workbook, or a zip member over the size bound.
    """
    zf = _zip.open_zip(data, path, ".xlsx")
    _zip.check_members(zf, path, limit=max_member_bytes)
    import openpyxl
    from openpyxl.utils import get_column_letter

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (KeyError, ValueError, TypeError, OSError) as err:
        raise UnsupportedFormatError(f"cannot read {path} as an Excel workbook: {err}") from None
    out = []
    try:
        for ws in wb.worksheets:
            header: list[str] | None = None
            rows, problems, blank = [], [], 0
            for r, values in enumerate(ws.iter_rows(values_only=True), 1):
                if all(_blank(v) for v in values):
                    if header is not None:
                        blank += 1
                    continue
                if header is None:
                    header = [str(v).strip() if not _blank(v) else "" for v in values]
                    seen: dict[str, int] = {}
                    for j, name in enumerate(header):
                        name = name or f"column {get_column_letter(j + 1)}"
                        seen[name] = seen.get(name, 0) + 1
                        header[j] = name if seen[name] == 1 else f"{name} ({seen[name]})"
                    continue
                rec = {}
                for j, v in enumerate(values):
                    if _blank(v):
                        continue
                    if j >= len(header):
                        header.append(f"column {get_column_letter(j + 1)}")
                    rec[header[j]] = v
                rows.append((r, rec))
            out.append(TableRows(header or [], rows, "xlsx", problems, sheet=ws.title, cell_limit=EXCEL_CELL_LIMIT,
                                 blank_rows=blank))
    finally:
        wb.close()
    return out
