"""Tests for textmine.structure: exact outputs on handwritten text, acceptance on the
bundled speech, property-based robustness, and smoke runs over the real corpora."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textmine.structure import (
    DUTY_COLUMNS,
    ENUMERATION_COLUMNS,
    FORMULA_COLUMNS,
    OUTLINE_COLUMNS,
    REFERENCE_COLUMNS,
    SENTENCE_COLUMNS,
    TARGET_COLUMNS,
    duties,
    enumerations,
    formulas,
    gov_bodies,
    outline,
    references,
    sentence_spans,
    sentences,
    targets,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"


def _seed_path() -> Path | None:
    """The bundled 禁毒 speech: data/speeches/ first, else the shared seed."""
    for p in sorted((ROOT / "data" / "speeches").glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        if "禁毒" in text and "禁种铲毒" in text:
            return p
    p = SHARED / "seed" / "000_8ac318f39e86b096.txt"
    return p if p.is_file() else None


SEED_PATH = _seed_path()
SEED = SEED_PATH.read_text(encoding="utf-8") if SEED_PATH else None
needs_seed = pytest.mark.skipif(
    SEED is None, reason="bundled speech absent: no data/speeches/*.txt about 禁毒 and no ../shared/seed/"
)

ALL_FUNCS = [outline, enumerations, formulas, references, targets, duties, sentences]

SCHEMAS = {
    outline: (OUTLINE_COLUMNS, {"level": "i", "marker": "s", "number": "i", "title": "s", "path": "s",
                                "start": "i", "end": "i", "text": "s"}),
    enumerations: (ENUMERATION_COLUMNS, {"group": "i", "ordinal": "i", "marker": "s", "item": "s",
                                         "sentence": "s", "start": "i", "end": "i"}),
    formulas: (FORMULA_COLUMNS, {"formula": "s", "parts": "O", "n_parts": "i", "kind": "s",
                                 "number": "Int64", "count": "i", "first_sentence": "s",
                                 "first_start": "i"}),
    references: (REFERENCE_COLUMNS, {"reference": "s", "short": "s", "type": "s", "level": "s",
                                     "count": "i", "first_start": "i"}),
    targets: (TARGET_COLUMNS, {"kind": "s", "text": "s", "value": "f", "unit": "s", "sentence": "s",
                               "start": "i"}),
    duties: (DUTY_COLUMNS, {"bodies": "O", "duty": "s", "sentence": "s", "start": "i"}),
    sentences: (SENTENCE_COLUMNS, {"sent_id": "i", "start": "i", "end": "i", "text": "s"}),
}


def assert_schema(func, df: pd.DataFrame) -> None:
    columns, kinds = SCHEMAS[func]
    assert tuple(df.columns) == columns, func.__name__
    for col, kind in kinds.items():
        dtype = df[col].dtype
        if kind == "i":
            assert dtype == "int64", (func.__name__, col, dtype)
        elif kind == "f":
            assert dtype == "float64", (func.__name__, col, dtype)
        elif kind == "s":
            assert pd.api.types.is_string_dtype(dtype) and dtype != object, (func.__name__, col, dtype)
        elif kind == "Int64":
            assert str(dtype) == "Int64", (func.__name__, col, dtype)
        else:
            assert dtype == object, (func.__name__, col, dtype)
            assert all(isinstance(v, tuple) for v in df[col]), (func.__name__, col)


def assert_tiles(text: str, df: pd.DataFrame) -> None:
    assert "".join(df["text"]) == text
    if text:
        assert df["start"].iloc[0] == 0
        assert df["end"].iloc[-1] == len(text)
        assert (df["start"].iloc[1:].to_numpy() == df["end"].iloc[:-1].to_numpy()).all()
        assert (df["start"] < df["end"]).all()
        assert all(text[s:e] == t for s, e, t in zip(df["start"], df["end"], df["text"]))
    else:
        assert df.empty


def rows(df: pd.DataFrame, cols: list[str]) -> list[tuple]:
    return [tuple(r) for r in df[cols].itertuples(index=False, name=None)]


# ---------------------------------------------------------------------------
# Input handling
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("func", ALL_FUNCS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("bad", [123, None, b"\xe4\xb8\x80", ["一、标题"]], ids=["int", "None", "bytes", "list"])
def test_bad_input_raises_type_error(func, bad):
    pattern = rf"doc must be a str or a textmine\.corpus\.Document.*got {type(bad).__name__}"
    with pytest.raises(TypeError, match=pattern):
        func(bad)


def test_sentence_spans_bad_input():
    with pytest.raises(TypeError, match="text must be a str, got int"):
        sentence_spans(5)


@pytest.mark.parametrize("bad", ["公安", b"x", 5])
def test_duties_bad_bodies(bad):
    with pytest.raises(TypeError, match=rf"bodies must be .*got {type(bad).__name__}"):
        duties("公安要加强巡查。", bodies=bad)


def test_duties_bad_bodies_mapping():
    with pytest.raises(TypeError, match="bodies mapping must map str"):
        duties("公安要加强巡查。", bodies={"社工站": "社工"})


@pytest.mark.parametrize("func", ALL_FUNCS, ids=lambda f: f.__name__)
def test_empty_input_gives_empty_frame_with_schema(func):
    df = func("")
    assert df.empty
    assert_schema(func, df)


@pytest.mark.parametrize("func", ALL_FUNCS, ids=lambda f: f.__name__)
def test_document_input_same_as_str(func):
    corpus = pytest.importorskip("textmine.corpus")
    text = SPEECH12 + "公、检、法等部门要依法严惩犯罪；确保“零种植”，落实《禁毒法》。一是抓宣传。二是抓排查。"
    doc = corpus.Document(doc_id="d1", text=text, title="t")
    a, b = func(doc), func(text)
    pd.testing.assert_frame_equal(a, b)
    assert_schema(func, a)
    assert len(a) > 0


# ---------------------------------------------------------------------------
# outline
# ---------------------------------------------------------------------------

SPEECH12 = (
    "同志们：\n"
    "今天召开全县安全生产工作会议。\n"
    "一、认清形势\n"
    "2020年，全县发生事故12起。\n"
    "（一）成绩明显。去年事故下降。\n"
    "(二)问题突出\n"
    "1.5亿元资金尚未到位。\n"
    "二、明确任务\n"
    "1、抓好排查\n"
    "2．落实责任\n"
    "①压实主体责任\n"
    "3. 加强宣传\n"
    "\u3000\u3000（1）进村入户。要挨家挨户宣传。\n"
    "（五）随便说说\n"
)


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


def test_outline_full_width_digits_and_crlf():
    text = "引言\r\n１．第一项\r\n２．第二项\r\n"
    df = outline(text)
    assert rows(df, ["level", "marker", "number", "title", "path"]) == [
        (0, "", 0, "", ""), (3, "１．", 1, "第一项", "1"), (3, "２．", 2, "第二项", "2"),
    ]
    assert_tiles(text, df)


# ---------------------------------------------------------------------------
# enumerations
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# formulas
# ---------------------------------------------------------------------------


def test_formulas_exact():
    text = ("要做到“各司其职、齐抓共管”，落实“四个注重”。禁毒涉及“禁种”、“禁制”、“禁吸”等方面。"
            "坚持“以打开路,主动打、打出去”，强化两个维护，推进\"放管服\"改革。"
            "三个单位作了发言。再次强调“各司其职、齐抓共管”。")
    df = formulas(text)
    assert_schema(formulas, df)
    got = [(r.formula, r.parts, r.n_parts, r.kind, None if pd.isna(r.number) else int(r.number), r.count)
           for r in df.itertuples()]
    assert got == [
        ("各司其职、齐抓共管", ("各司其职", "齐抓共管"), 2, "quoted", None, 2),
        ("四个注重", ("四个注重",), 1, "numbered", 4, 1),
        ("禁种、禁制、禁吸", ("禁种", "禁制", "禁吸"), 3, "quoted", None, 1),
        ("以打开路,主动打、打出去", ("以打开路", "主动打", "打出去"), 3, "quoted", None, 1),
        ("两个维护", ("两个维护",), 1, "numbered", 2, 1),
        ("放管服", ("放管服",), 1, "quoted", None, 1),
    ]
    assert df["first_sentence"].iloc[0] == "要做到“各司其职、齐抓共管”，落实“四个注重”。"
    assert df["first_start"].tolist() == sorted(df["first_start"].tolist())
    assert df["first_start"].iloc[0] == text.index("“各司其职")


def test_formulas_numbered_quoted_and_unquoted():
    df = formulas("做到“三个到位”，开展五个一活动，学习“两学一做”。这里有三个单位和“一个快递包裹的背后”这个说法。")
    got = [(r.formula, r.kind, None if pd.isna(r.number) else int(r.number)) for r in df.itertuples()]
    assert got == [("三个到位", "numbered", 3), ("五个一", "numbered", 5), ("两学一做", "numbered", None),
                   ("一个快递包裹的背后", "quoted", None)]


def test_formulas_long_quotations_are_not_formulas():
    assert formulas("他说：“要抓紧。要落实。”").empty


# ---------------------------------------------------------------------------
# references
# ---------------------------------------------------------------------------


def test_references_exact():
    text = ("根据《中华人民共和国禁毒法》和《禁毒法》《 X省禁毒条例 》，以及《国务院关于加强禁毒工作的意见》"
            "《全市禁毒工作实施方案(试行)》《关于开展专项行动的通知》《XX县社区戒毒康复工作规定》"
            "《社区戒毒条例》《城市管理办法》，再次重申《禁毒法》。")
    df = references(text)
    assert_schema(references, df)
    assert rows(df, ["reference", "short", "type", "level", "count"]) == [
        ("中华人民共和国禁毒法", "禁毒法", "法", "国家", 1),
        ("禁毒法", "禁毒法", "法", "", 2),
        ("X省禁毒条例", "X省禁毒条例", "条例", "省", 1),
        ("国务院关于加强禁毒工作的意见", "国务院关于加强禁毒工作的意见", "意见", "国家", 1),
        ("全市禁毒工作实施方案（试行）", "全市禁毒工作实施方案（试行）", "方案", "市", 1),
        ("关于开展专项行动的通知", "关于开展专项行动的通知", "通知", "", 1),
        ("XX县社区戒毒康复工作规定", "XX县社区戒毒康复工作规定", "规定", "县", 1),
        ("社区戒毒条例", "社区戒毒条例", "条例", "", 1),
        ("城市管理办法", "城市管理办法", "办法", "", 1),
    ]
    assert df["first_start"].iloc[0] == 2
    assert df["first_start"].iloc[1] == text.index("《禁毒法》")


def test_references_other_type():
    df = references("观看了《一个快递包裹的背后》。")
    assert rows(df, ["reference", "type", "level"]) == [("一个快递包裹的背后", "其他", "")]


# ---------------------------------------------------------------------------
# targets
# ---------------------------------------------------------------------------


def test_targets_exact():
    text = ("到2025年，全县吸毒人员查获率达到95%以上，确保零发生；"
            "2021年底前完成1200万人次筛查，投入3.5亿元，破案120起，建成40个站点。"
            "年内实现百分之九十覆盖，提高2.5个百分点。零星案件、第3个站点不计。")
    df = targets(text)
    assert_schema(targets, df)
    got = [(r.kind, r.text, None if math.isnan(r.value) else r.value, r.unit) for r in df.itertuples()]
    assert got == [
        ("deadline", "到2025年", 2025.0, "年"),
        ("percent", "95%以上", 95.0, "%"),
        ("zero", "零发生", 0.0, "发生"),
        ("deadline", "2021年底前", 2021.0, "年"),
        ("quantity", "1200万人次", 12_000_000.0, "人次"),
        ("quantity", "3.5亿元", 350_000_000.0, "元"),
        ("quantity", "120起", 120.0, "起"),
        ("quantity", "40个", 40.0, "个"),
        ("deadline", "年内", None, ""),
        ("percent", "百分之九十", 90.0, "%"),
        ("points", "2.5个百分点", 2.5, "个百分点"),
    ]
    assert df["start"].tolist() == [text.index(t) for t in df["text"]]
    assert df["sentence"].iloc[0] == "到2025年，全县吸毒人员查获率达到95%以上，确保零发生；"


def test_targets_years_fullwidth_and_no_false_zero():
    df = targets("２０２０年，禁毒工作取得成效，零售药店和二〇零年代无关，上世纪80年代。")
    assert rows(df, ["kind", "text", "value", "unit"]) == [("year", "２０２０年", 2020.0, "年")]


# ---------------------------------------------------------------------------
# duties
# ---------------------------------------------------------------------------


def test_duties_exact():
    text = ("公、检、法等部门要依法严惩毒品犯罪分子；妇联要组织做好妇女禁毒宣传工作。"
            "教育部门要加强学校禁毒教育，团委要继续开展禁毒志愿者活动。宣传教育要深入人心。"
            "公检法司各部门要密切配合。公安、司法等部门履行各自的法定职责。")
    df = duties(text)
    assert_schema(duties, df)
    assert rows(df, ["bodies", "duty"]) == [
        (("公安", "检察院", "法院"), "依法严惩毒品犯罪分子"),
        (("妇联",), "组织做好妇女禁毒宣传工作"),
        (("教育",), "加强学校禁毒教育"),
        (("团委",), "开展禁毒志愿者活动"),
        (("公安", "检察院", "法院", "司法"), "密切配合"),
        (("公安", "司法"), "履行各自的法定职责"),
    ]
    assert df["sentence"].iloc[0] == "公、检、法等部门要依法严惩毒品犯罪分子；"
    assert df["start"].tolist() == [0, text.index("妇联"), text.index("教育部门"), text.index("团委"),
                                    text.index("公检法司"), text.index("公安、司法")]


@pytest.mark.parametrize("text", [
    "公司要加强内部管理。",
    "坚持党委领导、政府负责、部门协同、社会参与。",
    "深化“党委政府统一领导、禁毒委组织协调”的格局。",
    "落实《市禁毒委员会成员单位主要任务》。",
    "宣传教育要深入人心。",
])
def test_duties_no_false_positives(text):
    assert duties(text).empty


def test_duties_extra_bodies():
    text = "禁毒社工站要开展帮教工作。"
    assert duties(text).empty
    for extra in ({"禁毒社工站": []}, ["禁毒社工站"], ["禁毒社工\t禁毒社工站,社工站"]):
        df = duties(text, bodies=extra)
        assert len(df) == 1
        assert df["duty"].iloc[0] == "开展帮教工作"
        assert df["bodies"].iloc[0] in (("禁毒社工站",), ("禁毒社工",))
    assert duties(text).empty  # extending did not change the bundled list


def test_duties_extra_bodies_from_file(tmp_path):
    path = tmp_path / "extra.txt"
    path.write_text("# extra\n禁毒社工\t禁毒社工站\n", encoding="utf-8")
    df = duties("禁毒社工站要开展帮教工作。", bodies=path)
    assert rows(df, ["bodies", "duty"]) == [(("禁毒社工",), "开展帮教工作")]


def test_gov_bodies_bundled_list():
    table = gov_bodies()
    assert len(table) >= 120
    for name in ("公安", "检察院", "法院", "司法", "教育", "民政", "卫生健康", "人社", "妇联", "团委",
                 "市场监管", "文广新局", "工商", "林业", "农业", "街道办事处", "乡镇人民政府", "综治",
                 "禁毒委", "应急管理", "消防救援", "生态环境", "住建", "交通运输", "财政", "发改",
                 "纪委监委", "信访局", "海关", "邮政管理"):
        assert name in table, name
    assert "人事和社会保障" in table["人社"] and "人力资源和社会保障" in table["人社"]
    assert "共青团" in table["团委"]
    aliases = [a for names in table.values() for a in names]
    assert len(aliases) == len(set(aliases)), "an alias belongs to two bodies"
    table["公安"] = ()
    assert gov_bodies()["公安"], "gov_bodies() must return a copy"


# ---------------------------------------------------------------------------
# sentences
# ---------------------------------------------------------------------------


def test_sentences_respect_quotes_and_book_titles():
    text = "他说：“要抓紧。要落实。”然后散会。学习《关于A。B的通知》！好？对；"
    assert sentence_spans(text) == [(0, 18), (18, 31), (31, 33), (33, 35)]
    df = sentences(text)
    assert_schema(sentences, df)
    assert rows(df, list(SENTENCE_COLUMNS)) == [
        (0, 0, 18, "他说：“要抓紧。要落实。”然后散会。"),
        (1, 18, 31, "学习《关于A。B的通知》！"),
        (2, 31, 33, "好？"),
        (3, 33, 35, "对；"),
    ]


def test_sentences_half_width_line_breaks_and_whitespace():
    text = "  抓紧!落实;\nHello; world. 3.5亿元?\n\n\u3000最后一句"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "抓紧!", "落实;", "Hello; world. 3.5亿元?", "最后一句",
    ]


def test_sentences_unclosed_quote_stops_at_line_break():
    text = "他说：“要抓紧。\n下一行。再下一句。"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["他说：“要抓紧。", "下一行。", "再下一句。"]


# ---------------------------------------------------------------------------
# Acceptance on the bundled speech
# ---------------------------------------------------------------------------


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


@needs_seed
def test_seed_references():
    df = references(SEED)
    assert len(df) == 6
    assert set(df["reference"]) == {
        "X市公安局缉毒侦查破案奖励补助办法（暂行）", "X市举报毒品违法犯罪奖励办法", "禁毒法",
        "关于进一步加强全市禁毒工作的意见", "市禁毒委员会成员单位主要任务", "全省禁毒工作责任制及考评细则",
    }
    law = df.set_index("reference").loc["禁毒法"]
    assert law["count"] == 2 and law["type"] == "法"
    assert df.set_index("reference").loc["全省禁毒工作责任制及考评细则", "level"] == "省"


@needs_seed
def test_seed_duties():
    df = duties(SEED)

    def duty_of(*names):
        hit = df[df["bodies"].apply(lambda b: b == names)]
        assert len(hit) >= 1, names
        return " ".join(hit["duty"])

    assert "禁种铲毒" in duty_of("林业", "农业")
    assert "妇女" in duty_of("妇联")
    assert "志愿者" in duty_of("团委")
    assert "严惩毒品犯罪" in duty_of("公安", "检察院", "法院")
    assert "研究落实" in duty_of("人社", "卫生健康", "民政")


@needs_seed
def test_seed_formulas_and_targets():
    f = formulas(SEED).set_index("formula")
    assert f.loc["各司其职、齐抓共管", "parts"] == ("各司其职", "齐抓共管")
    assert f.loc["禁种、禁制、禁吸、禁贩", "n_parts"] == 4
    t = targets(SEED)
    zero = t[t.kind == "zero"]
    assert zero["text"].tolist() == ["零产量", "零种植"]
    assert "80年" not in t["text"].tolist()


# ---------------------------------------------------------------------------
# Property-based robustness
# ---------------------------------------------------------------------------

MARKER_TOKENS = [
    "一、", "二、", "三、", "十一、", "第一部分", "（一）", "(二)", "（三）", "1.", "2、", "３．", "1.5亿元",
    "2020年,", "（1）", "(2)", "①", "②", "⑴", "⒈", "\n", "\r\n", "\u3000", " ", "一是", "二是", "三是", "一要",
    "二要", "第一", "第二，", "首先", "其次", "最后，", "一方面", "另一方面", "“", "”", "「", "」", '"',
    "《", "》", "《禁毒法》", "、", "，", ",", "。", "！", "？", ";", "；", "!", "?", "公、检、法", "公检法司",
    "等部门", "要", "负责", "妇联", "团委", "零", "零产量", "%", "％", "百分之", "九十", "到2025年",
    "年底前", "年内", "万", "亿元", "个", "四个注重", "两个维护", "禁毒", "工作", "X市", "全省", "条例",
]
CJK_ALPHABET = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E5F)
ANY_TEXT = st.text(
    alphabet=st.one_of(st.characters(blacklist_categories=("Cs",)), CJK_ALPHABET,
                       st.sampled_from(list("一二三四五六七八九十（）()、，。；！？“”《》\n\u30000123456789.．%零是要第"))),
    max_size=300,
)
MARKER_TEXT = st.lists(st.one_of(st.sampled_from(MARKER_TOKENS), st.text(CJK_ALPHABET, max_size=4)),
                       max_size=80).map("".join)

# 1000 + 1000 + 300 examples: a few thousand in all, in about 30 s
FAST = settings(max_examples=1000, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SLOW = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check_everything(text: str) -> None:
    out = {}
    for func in ALL_FUNCS:
        df = out[func] = func(text)
        assert_schema(func, df)
        starts = df["start" if "start" in df.columns else "first_start"].to_numpy()
        assert ((starts >= 0) & (starts < max(len(text), 1))).all(), func.__name__
    assert_tiles(text, out[outline])
    spans = sentence_spans(text)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        last = e
    en = out[enumerations]
    for s, e, m in zip(en["start"].tolist(), en["end"].tolist(), en["marker"].tolist()):
        assert s <= e <= len(text) and text[s:e].startswith(m)
    refs = out[references]
    assert all(c >= 1 and text[s] == "《" for c, s in zip(refs["count"].tolist(), refs["first_start"].tolist()))
    fo = out[formulas]
    assert all(n == len(p) >= 1 for n, p in zip(fo["n_parts"].tolist(), fo["parts"].tolist()))
    assert (fo["count"].to_numpy() >= 1).all()


@FAST
@given(ANY_TEXT)
def test_property_arbitrary_text(text):
    check_everything(text)


@FAST
@given(MARKER_TEXT)
def test_property_marker_heavy_text(text):
    check_everything(text)


BASE_SPEECH = SEED if SEED is not None else SPEECH12 * 3
BASE_LINES = BASE_SPEECH.splitlines(keepends=True)


@st.composite
def mutated_speech(draw):
    lines = list(BASE_LINES)
    for _ in range(draw(st.integers(0, 12))):
        op = draw(st.sampled_from(["del_line", "dup_line", "ins_line", "del_chars", "ins_chars", "swap"]))
        if not lines:
            lines.append(draw(MARKER_TEXT))
            continue
        i = draw(st.integers(0, len(lines) - 1))
        if op == "del_line":
            del lines[i]
        elif op == "dup_line":
            lines.insert(i, lines[i])
        elif op == "ins_line":
            lines.insert(i, draw(st.one_of(MARKER_TEXT, ANY_TEXT)) + "\n")
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            line = lines[i]
            a = draw(st.integers(0, len(line)))
            b = draw(st.integers(a, min(len(line), a + 20)))
            lines[i] = line[:a] + (draw(st.sampled_from(MARKER_TOKENS)) if op == "ins_chars" else "") + line[b:]
    return "".join(lines)


@SLOW
@given(mutated_speech())
def test_property_mutated_speech(text):
    check_everything(text)


# ---------------------------------------------------------------------------
# Real corpora: no errors, counts printed (visible with -s)
# ---------------------------------------------------------------------------


def _run_all(name: str, text: str) -> None:
    o = outline(text)
    assert_tiles(text, o)
    refs = references(text)
    for func in (enumerations, formulas, targets, duties, sentences):
        assert_schema(func, func(text))
    print(f"{name}: {len(o)} segments, {len(refs)} references")


def test_project_corpus_runs():
    files = sorted((ROOT / "data" / "corpus").glob("*.txt"))
    if not files:
        pytest.skip(f"no speeches in {ROOT / 'data' / 'corpus'} yet")
    t0 = time.perf_counter()
    for p in files:
        _run_all(p.name, p.read_text(encoding="utf-8"))
    assert time.perf_counter() - t0 < 60


def test_shared_corpora_run():
    gwr = sorted((CORPORA / "textworkshop17-gwr").glob("*.txt"))
    jsonl = sorted((CORPORA / "wikisource-gwr-cpc").glob("*.jsonl"))
    if not gwr and not jsonl:
        pytest.skip(f"needs the real work reports in {CORPORA} (absent in a user's clone)")
    t0 = time.perf_counter()
    n = 0
    for p in gwr:
        _run_all(p.name, p.read_text(encoding="utf-8"))
        n += 1
    for p in jsonl:
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                _run_all(f"{p.name}#{i}", json.loads(line)["content"])
                n += 1
    assert n > 0
    assert time.perf_counter() - t0 < 60
