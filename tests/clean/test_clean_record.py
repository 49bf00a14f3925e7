"""The cleaning record as a table (cleaning.csv) and its one-line Chinese summary."""

from __future__ import annotations

import pytest

import textmine as tm
from textmine.clean import RECORD_COLUMNS, cleaning_summary, cleaning_table

PAGE = ("下载\n打印\n来源：青川日报\n"
        "各位代表：\n全县上下要以更加昂扬的精神状态，扎实做好今年各项工作，确保开好局起好步。\n"
        "（新华社青川3月8日电）\n")


def test_the_table_has_one_row_per_removal_with_raw_offsets():
    docs = tm.clean(tm.Corpus([tm.Document("a", PAGE), tm.Document("b", "同志们：\n要抓好春季森林防火工作。")]))
    t = cleaning_table(docs)
    assert list(t.columns) == RECORD_COLUMNS
    assert t[["doc_id", "step", "kind", "start", "end", "text"]].values.tolist() == [
        ["a", "furniture", "widget", 0, 3, "下载\n"], ["a", "furniture", "widget", 3, 6, "打印\n"],
        ["a", "furniture", "provenance", 6, 14, "来源：青川日报\n"],
        ["a", "furniture", "trailer", PAGE.index("（新华社"), len(PAGE), "（新华社青川3月8日电）\n"]]
    for r in t.itertuples():
        assert PAGE[r.start:r.end] == r.text
    assert cleaning_table(docs[1]).empty and list(cleaning_table(docs[1]).columns) == RECORD_COLUMNS


def test_raw_offsets_survive_an_earlier_step_that_changed_the_length():
    raw = "\ufeff下载\n同志們：\n要抓好春季森林防火工作，確保不發生重大火災。\n相关报道："
    d = tm.clean(raw)
    for r in d.record.itertuples():
        assert raw[r.start:r.end] == r.text
    assert set(d.record["kind"]) == {"script", "widget", "related"}


def test_the_summary_is_one_chinese_sentence():
    d = tm.clean(PAGE)
    assert cleaning_summary(d) == "清洗：1篇文档，删除页面部件2行、来源/时间/编辑信息1条、电讯/报纸尾注1条，共27字。"
    assert cleaning_summary(tm.clean("同志们：\n要抓好春季森林防火工作。")) == "清洗：1篇文档，未删除任何内容。"
    header = tm.clean("在全县森林防火工作会议上的讲话\n同志们：\n要抓好春季森林防火工作，确保不发生重大火灾。")
    assert cleaning_summary(header) == "清洗：1篇文档，删除16字；标题、场合、日期、讲话人等1行表头转为元数据。"


def test_raw_documents_are_refused():
    with pytest.raises(tm.InputError, match=r"docs must be cleaned \(textmine.clean\), got a raw Document 'x'"):
        cleaning_table(tm.Document("x", "同志们："))
    with pytest.raises(tm.InputError, match="docs must be a CleanedDocument or a Corpus of them, got int"):
        cleaning_summary(3)
