"""structure.enumerations: 一是…二是…, 第一，…第二，…, 首先…其次…, 一方面…另一方面…."""

from __future__ import annotations

import pytest

from textmine.structure import ENUMERATION_COLUMNS, enumerations

from .helpers import SEED, assert_schema, needs_seed, rows


def test_enumerations_exact():
    df = enumerations("一是抓宣传。二是抓排查。")
    assert_schema(enumerations, df)
    assert rows(df, list(ENUMERATION_COLUMNS)) == [
        (0, 1, "一是", "抓宣传", "一是抓宣传。", 0, 5),
        (0, 2, "二是", "抓排查", "二是抓排查。", 6, 11),
    ]


def test_enumerations_in_one_sentence_and_across_stray_breaks():
    text = "当前存在问题：一是底数不清，二是责任不实；\n三是考核不严。\n第一，要加强领导。第二，要强化保障。"
    df = enumerations(text)
    assert rows(df, ["group", "ordinal", "marker", "item"]) == [
        (0, 1, "一是", "底数不清"),
        (0, 2, "二是", "责任不实"),
        (0, 3, "三是", "考核不严"),
        (1, 1, "第一", "要加强领导"),
        (1, 2, "第二", "要强化保障"),
    ]
    assert df["sentence"].iloc[0] == "当前存在问题：一是底数不清，二是责任不实；"
    assert all(text[s:e].endswith(i) for s, e, i in zip(df["start"], df["end"], df["item"]))


def test_enumerations_other_families():
    text = "首先，要统一思想。其次，要落实责任。最后，要严格考核。一方面要打击犯罪，另一方面要加强预防。"
    df = enumerations(text)
    assert rows(df, ["group", "ordinal", "marker", "item"]) == [
        (0, 1, "首先", "要统一思想"),
        (0, 2, "其次", "要落实责任"),
        (0, 3, "最后", "要严格考核"),
        (1, 1, "一方面", "要打击犯罪"),
        (1, 2, "另一方面", "要加强预防"),
    ]


@pytest.mark.parametrize("text", [
    "把禁毒作为第一要务，主要领导是第一责任人，第二天再议。",
    "一是一、二是二，不能含糊。",
    "一要坚持原则，不能放松。",
    "统一是前提，二是说说而已。",
    "另一方面，工作还有差距。",
    "一是抓宣传。\n\n二是抓排查。",  # different paragraphs
])
def test_enumerations_no_false_positives(text):
    assert enumerations(text).empty


@needs_seed
def test_seed_enumerations():
    df = enumerations(SEED)
    groups = [tuple(g["marker"]) for _, g in df.groupby("group", sort=True)]
    assert ("一是", "二是", "三是") in groups
    assert ("一要", "二要", "三要", "四要") in groups
    assert not df["marker"].str.startswith("第").any()
    assert not df["item"].str.contains("要务").any()
    yao = df[df.marker == "一要"]
    assert yao["item"].iloc[0] == "注重“堵”"
