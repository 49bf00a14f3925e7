"""structure.outline: outline() segments and sections()."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from textmine.errors import InputError
from textmine.structure import outline, sections

from .helpers import SEED, SPEECH12, assert_schema, assert_tiles, needs_seed, rows


def test_outline_handwritten_exact():
    df = outline(SPEECH12)
    assert_schema(outline, df)
    assert rows(df, ["level", "marker", "number", "title", "path", "start", "end"]) == [
        (0, "", 0, "", "", 0, 21),
        (1, "一、", 1, "认清形势", "一", 21, 45),
        (2, "（一）", 1, "成绩明显", "一.（一）", 45, 61),
        (2, "(二)", 2, "问题突出", "一.（二）", 61, 82),
        (1, "二、", 2, "明确任务", "二", 82, 89),
        (3, "1、", 1, "抓好排查", "二.1", 89, 96),
        (3, "2．", 2, "落实责任", "二.2", 96, 103),
        (4, "①", 1, "压实主体责任", "二.2.①", 103, 111),
        (3, "3.", 3, "加强宣传", "二.3", 111, 119),
        (4, "（1）", 1, "进村入户", "二.3.（1）", 119, 146),
    ]
    assert df["text"].iloc[1] == "一、认清形势\n2020年，全县发生事故12起。\n"
    # the stray （五） and the 1.5亿元 line stay inside their segments
    assert df["text"].iloc[-1].endswith("（五）随便说说\n")
    assert_tiles(SPEECH12, df)


def test_outline_no_heading_is_one_preamble():
    text = "2020年，全县工作取得成效。\n1.5亿元资金到位。\n"
    df = outline(text)
    assert rows(df, ["level", "marker", "number", "path", "start", "end"]) == [(0, "", 0, "", 0, len(text))]


def test_outline_starting_with_heading_has_no_preamble():
    text = "一、总体要求\n（一）指导思想。坚持稳中求进。\n第二部分　主要任务\n"
    df = outline(text)
    assert rows(df, ["level", "marker", "number", "title", "path", "start"]) == [
        (1, "一、", 1, "总体要求", "一", 0),
        (2, "（一）", 1, "指导思想", "一.（一）", 7),
        (1, "第二部分", 2, "主要任务", "二", 23),
    ]
    assert_tiles(text, df)


def test_outline_rejects_numeral_runs_and_implausible_numbers():
    text = "前言\n一、二线城市房价平稳。\n（三）这一行没有（一）（二）在前。\n五、也不是标题\n1、2月份数据\n"
    df = outline(text)
    assert df["level"].tolist() == [0]
    assert_tiles(text, df)


def test_outline_tolerates_one_lost_heading_not_two():
    text = "一、提高认识\n三、加强领导\n六、不是标题\n（一）明确分工\n（三）强化督查\n"
    df = outline(text)
    assert rows(df, ["level", "marker", "number", "path", "start"]) == [
        (1, "一、", 1, "一", 0),
        (1, "三、", 3, "三", 7),
        (2, "（一）", 1, "三.（一）", 21),
        (2, "（三）", 3, "三.（三）", 29),
    ]
    assert_tiles(text, df)


def test_outline_full_width_digits_and_crlf():
    text = "引言\r\n１．第一项\r\n２．第二项\r\n"
    df = outline(text)
    assert rows(df, ["level", "marker", "number", "title", "path"]) == [
        (0, "", 0, "", ""), (3, "１．", 1, "第一项", "1"), (3, "２．", 2, "第二项", "2"),
    ]
    assert_tiles(text, df)


@needs_seed
def test_seed_outline():
    df = outline(SEED)
    assert_tiles(SEED, df)
    assert df["level"].iloc[0] == 0 and df["start"].iloc[0] == 0
    assert SEED[:df["end"].iloc[0]].startswith("下面是小编")  # the boilerplate stays in the preamble
    l1 = df[df.level == 1]
    assert l1["title"].tolist() == ["认识要再提高", "措施要再有力", "组织领导要再加强"]
    assert set(df["level"]) == {0, 1, 2}
    counts = [int(((df.level == 2) & df.path.str.startswith(p + ".")).sum()) for p in ("一", "二", "三")]
    assert counts == [4, 3, 3]
    assert df[df.level == 2]["title"].tolist() == [
        "禁毒是一项十分重要的工作", "禁毒是一项十分艰巨的工作", "禁毒是一项十分复杂的工作",
        "禁毒是一项十分紧迫的工作", "全面提升防范力", "全面提升打击力", "全面提升控制力",
        "进一步落实责任", "进一步健全机制", "进一步强化保障",
    ]
    assert df[df.level == 2]["path"].iloc[5] == "二.（二）"
    assert len(df) == 14


# ---------------------------------------------------------------------------
# sections
# ---------------------------------------------------------------------------

SECTIONED = (
    "同志们：\n"
    "一、统一思想\n"
    "（一）认清形势。任务艰巨。\n"
    "（二）把握要求\n"
    "二、狠抓落实\n"
    "1.压实责任\n"
)


def test_sections_level_1_runs_each_section_over_its_subsections():
    df = sections(SECTIONED, level=1)
    assert_schema(outline, df)
    assert rows(df, ["level", "marker", "title", "path", "start", "end"]) == [
        (0, "", "", "", 0, 5),
        (1, "一、", "统一思想", "一", 5, 34),
        (1, "二、", "狠抓落实", "二", 34, 48),
    ]
    assert df["text"].iloc[1] == "一、统一思想\n（一）认清形势。任务艰巨。\n（二）把握要求\n"
    assert_tiles(SECTIONED, df)


def test_sections_level_2_and_the_default():
    df = sections(SECTIONED, level=2)
    assert rows(df, ["level", "path", "start", "end"]) == [
        (0, "", 0, 5), (1, "一", 5, 12), (2, "一.（一）", 12, 26), (2, "一.（二）", 26, 34), (1, "二", 34, 48),
    ]
    assert_tiles(SECTIONED, df)
    pd.testing.assert_frame_equal(sections(SECTIONED), sections(SECTIONED, level=1))
    assert_tiles(SECTIONED, sections(SECTIONED, level=4))
    assert len(sections(SECTIONED, level=4)) == 6


def test_sections_of_empty_text_and_text_without_headings():
    assert sections("").empty
    assert_schema(outline, sections(""))
    df = sections("要抓紧落实。\n", level=2)
    assert rows(df, ["level", "start", "end", "text"]) == [(0, 0, 7, "要抓紧落实。\n")]


@pytest.mark.parametrize("bad", [0, 10, True, 1.0, "1", None])
def test_sections_bad_level(bad):
    with pytest.raises(InputError, match=rf"level={bad!r}: expected 1, 2, 3, 4, 5, 6, 7, 8 or 9"):
        sections(SECTIONED, level=bad)


def test_sections_level_is_keyword_only():
    with pytest.raises(TypeError, match="positional argument"):
        sections(SECTIONED, 2)


def test_keywords_section_table_is_a_deprecated_alias():
    from textmine.corpus import Document
    from textmine.keywords import section_table

    doc = Document(doc_id="d", text=SECTIONED)
    with pytest.warns(DeprecationWarning, match=r"section_table is deprecated; use textmine\.sections"):
        old = section_table(doc, 2)
    pd.testing.assert_frame_equal(old, sections(doc, level=2))


def test_section_keywords_uses_sections_without_warning(tokenizer):
    from textmine.keywords import section_keywords

    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        df = section_keywords(SECTIONED, level=1, tokenizer=tokenizer)
    assert df[["path", "start", "end"]].values.tolist() == [["", 0, 5], ["一", 5, 34], ["二", 34, 48]]
