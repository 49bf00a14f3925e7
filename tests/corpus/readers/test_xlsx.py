"""Excel workbooks: one document per row of every sheet; cells cut at Excel's limit reported."""

from __future__ import annotations

import datetime as dt

import pytest

import textmine as tm
from textmine.corpus.readers.xlsx import EXCEL_CELL_LIMIT

from .._shared import POLICY_XLSX, shared

TEXT_A = "为加快推进数字政府建设，提升政务服务效能，结合本市实际，制定本实施方案。" * 4
TEXT_B = "各区县要建立健全工作机制，明确责任分工，确保各项任务按期完成，并于每季度末报送进展情况。" * 4


def _workbook(path, *, long_cell=False):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "市级文件"
    ws.append(["序号", "发布日期", "文件标题", "政策内容"])
    ws.append([1, dt.datetime(2021, 3, 5), "数字政府实施方案", TEXT_A])
    ws.append([None, None, None, None])  # a blank row between the data
    ws.append([2, "2022年6月", "工作机制通知", ("附" * EXCEL_CELL_LIMIT) if long_cell else TEXT_B])
    other = wb.create_sheet("区县文件")
    other.append(["文件标题", "政策内容", "年份"])
    other.append(["区县落实方案", TEXT_B + "（区县）", "2023年"])
    wb.save(path)
    return path


def test_rows_of_every_sheet_become_documents(tmp_path):
    c = tm.load_corpus(_workbook(tmp_path / "policies.xlsx"))
    assert c.ids == ["policies-市级文件-1", "policies-市级文件-2", "policies-区县文件-1"]
    first = c[0]
    assert first.text == TEXT_A and first.title == "数字政府实施方案"
    assert first.meta["year"] == 2021 and first.meta["发布日期"] == "2021-03-05"  # year from the date column
    assert first.meta["sheet"] == "市级文件" and first.meta["序号"] == "1"
    assert c[1].meta["year"] == 2022 and c[2].meta["year"] == 2023
    log = c.log.to_frame()
    assert log.status.tolist() == ["read"]
    assert log.reason.iloc[0] == "3 rows from 2 sheets; 1 blank rows between the data"


def test_cell_at_excels_limit_is_reported_as_probably_truncated(tmp_path):
    with pytest.warns(UserWarning, match="1 warning"):
        c = tm.load_corpus(_workbook(tmp_path / "policies.xlsx", long_cell=True))
    assert len(c[1].text) == EXCEL_CELL_LIMIT  # kept, and said so
    w = c.log.warnings
    assert len(w) == 1 and w[0].line == 4
    assert "sheet '市级文件' row 4: the '政策内容' cell holds exactly 32,767 characters" in w[0].reason
    assert "probably truncated" in w[0].reason


def test_text_column_option_for_a_workbook(tmp_path):
    c = tm.load_corpus(_workbook(tmp_path / "policies.xlsx"), text_column="文件标题")
    assert c[0].text == "数字政府实施方案"


def test_shared_workbook_gives_221_documents_and_reports_truncated_cells():
    folder = shared(POLICY_XLSX)
    with pytest.warns(UserWarning, match="warning"):
        c = tm.load_corpus(folder)
    assert len(c) == 221
    assert {d.meta["sheet"] for d in c} == {"Central Policies Table", "ShanDong Policies Table"}
    truncated = [e for e in c.log.warnings if "32,767" in e.reason]
    assert len(truncated) == 3
    assert sorted(len(c[i].text) for i in range(len(c)))[-3:] == [EXCEL_CELL_LIMIT] * 3
    assert all(isinstance(d.meta["year"], int) for d in c)  # from the Release Time dates
