"""briefing.xlsx: a 说明 sheet, one sheet per table, Chinese bold headers, frozen header row, numbers as numbers."""

from __future__ import annotations

import pandas as pd
import pytest

import textmine as tm
from textmine.report import write_xlsx as wx
from textmine.report.write_csv import tables


@pytest.fixture(scope="module")
def result(tiny):
    from textmine.report import BriefingOptions, analyse

    return analyse(*tiny, options=BriefingOptions(k=2))


@pytest.fixture(scope="module")
def book(result, tmp_path_factory):
    from openpyxl import load_workbook

    path = wx.write_xlsx(result, tmp_path_factory.mktemp("xlsx"))
    assert path.name == "briefing.xlsx"
    return load_workbook(path)


def test_one_sheet_per_table_after_the_guide(book, result):
    names = list(tables(result))
    assert book.sheetnames == ["说明"] + [wx.SHEET_NAMES.get(n, n)[:31] for n in names]


def test_headers_are_chinese_bold_and_frozen(book):
    ws = book[wx.SHEET_NAMES["outline"]]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["层级", "序号", "编号", "标题"]
    assert all(c.font.b for c in ws[1]) and not any(c.font.b for c in ws[2])
    assert ws.freeze_panes == "A2" and book["说明"].freeze_panes == "A2"
    # the offsets moved to the end, the opening labelled 开篇
    assert header[-3:] == ["起点（字符偏移）", "终点（字符偏移）", "标题起点"]
    col = header.index(wx.HEADERS["title"])
    assert ws.cell(row=2, column=col + 1).value == "开篇"


def test_guide_rows_name_every_column(book, result):
    guide = list(book["说明"].iter_rows(values_only=True))
    assert guide[0] == ("工作表", "CSV 文件", "列（中文）", "列（CSV 中的名称）", "含义与读法")
    n_cols = sum(len(wx._sheet_frame(n, df).columns) for n, df in tables(result).items())
    assert len(guide) == 1 + n_cols
    assert ("高频词", "top_terms.csv", "词语", "term") == guide[[r[1] for r in guide].index("top_terms.csv")][:4]
    assert book["说明"].column_dimensions["E"].width == 100
    assert book["说明"].cell(row=2, column=5).alignment.wrap_text


def test_cells_numbers_booleans_and_formula_text(tmp_path):
    assert wx._cell(True) == "是" and wx._cell(False) == "否"
    assert wx._cell(float("nan")) is None and wx._cell(pd.NA) is None
    assert wx._cell("=SUM(A1)") == "'=SUM(A1)"
    assert wx._width(["禁毒", 1.23456]) == 8.0  # 6 columns at least, plus 2
    assert wx._width(["禁毒工作要常抓不懈"]) == 20.0  # 9 CJK characters are 18 columns


def test_numbers_are_stored_as_numbers_and_widths_set(book):
    ws = book[wx.SHEET_NAMES["top_terms"]]
    row = [c for c in ws[2]]
    header = [c.value for c in ws[1]]
    assert isinstance(row[header.index("次数")].value, int)
    assert isinstance(row[header.index("每万词频次")].value, float)
    assert ws.column_dimensions["A"].width >= 6
