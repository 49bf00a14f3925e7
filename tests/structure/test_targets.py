"""structure.targets: deadlines, years, percentages, zero targets and quantities."""

from __future__ import annotations

import math

from textmine.structure import targets

from .helpers import SEED, assert_schema, needs_seed, rows


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


@needs_seed
def test_seed_targets():
    t = targets(SEED)
    zero = t[t.kind == "zero"]
    assert zero["text"].tolist() == ["零产量", "零种植"]
    assert "80年" not in t["text"].tolist()
