"""structure.targets: every numeric expression, as a target, a statistic or a date."""

from __future__ import annotations

import math

import pytest

from textmine.errors import InputError
from textmine.structure import targets

from .helpers import SEED, assert_schema, needs_seed, rows


def _got(df):
    return [(r.kind, r.form, r.text, None if math.isnan(r.value) else r.value, r.unit) for r in df.itertuples()]


def test_targets_exact():
    text = ("到2025年，全县吸毒人员查获率达到95%以上，确保零发生；"
            "2021年底前完成1200万人次筛查，投入3.5亿元，破案120起，建成40个站点。"
            "年内实现百分之九十覆盖，提高2.5个百分点。零星案件、第3个站点不计。")
    df = targets(text)
    assert_schema(targets, df)
    assert _got(df) == [
        ("target", "deadline", "到2025年", 2025.0, "年"),
        ("target", "percent", "95%以上", 95.0, "%"),
        ("target", "zero", "零发生", 0.0, "发生"),
        ("target", "deadline", "2021年底前", 2021.0, "年"),
        ("target", "quantity", "1200万人次", 12_000_000.0, "人次"),
        ("target", "quantity", "3.5亿元", 350_000_000.0, "元"),
        ("target", "quantity", "120起", 120.0, "起"),
        ("target", "quantity", "40个", 40.0, "个"),
        ("target", "deadline", "年内", None, ""),
        ("target", "percent", "百分之九十", 90.0, "%"),
        ("target", "points", "2.5个百分点", 2.5, "个百分点"),
    ]
    assert df["start"].tolist() == [text.index(t) for t in df["text"]]
    assert df["sentence"].iloc[0] == "到2025年，全县吸毒人员查获率达到95%以上，确保零发生；"


def test_targets_years_fullwidth_and_no_false_zero():
    df = targets("２０２０年，禁毒工作取得成效，零售药店和二〇零年代无关，上世纪80年代。")
    assert rows(df, ["kind", "form", "text", "value", "unit"]) == [("date", "year", "２０２０年", 2020.0, "年")]


def test_review_then_plan_of_a_work_report():
    # a review part (过去五年 …) reports statistics; after 2026年主要工作 the numbers are targets
    text = ("过去五年，全市生产总值由2020年的2.1万亿元增加到2025年的2.8万亿元，年均增长5.9%。"
            "去年城镇新增就业30.5万人，居民收入比上年增长4.6%。\n"
            "二、2026年主要工作\n"
            "主要预期目标是：地区生产总值增长5%左右，城镇调查失业率控制在5.5%以内。"
            "新建改造城市燃气管网800公里，居民收入比上年增长5%。")
    assert _got(targets(text)) == [
        ("date", "year", "2020年", 2020.0, "年"),
        ("statistic", "quantity", "2.1万亿元", 2.1e12, "元"),
        ("date", "year", "到2025年", 2025.0, "年"),
        ("statistic", "quantity", "2.8万亿元", 2.8e12, "元"),
        ("statistic", "percent", "5.9%", 5.9, "%"),
        ("statistic", "quantity", "30.5万人", 305_000.0, "人"),
        ("statistic", "percent", "4.6%", 4.6, "%"),
        ("date", "year", "2026年", 2026.0, "年"),
        ("target", "percent", "5%左右", 5.0, "%"),
        ("target", "percent", "5.5%以内", 5.5, "%"),
        ("target", "quantity", "800公里", 800.0, "公里"),
        ("target", "percent", "5%", 5.0, "%"),
    ]


def test_growth_pair_is_a_statistic_not_a_deadline():
    df = targets("省级孵化器由2010年的1家增加到2018年的28家。")
    assert rows(df, ["kind", "form", "text"]) == [
        ("date", "year", "2010年"), ("statistic", "quantity", "1家"),
        ("date", "year", "到2018年"), ("statistic", "quantity", "28家"),
    ]


def test_dates_anniversaries_durations():
    text = ("在建市60周年座谈会上的讲话（2019年10月8日）。"
            "过去10年，全市新建学校36所。16世纪以来，这里就是商埠。去年5月，我们来过这里。2014-06-09")
    assert rows(targets(text), ["kind", "form", "text"]) == [
        ("date", "anniversary", "60周年"),
        ("date", "fulldate", "2019年10月8日"),
        ("date", "duration", "10年"),
        ("statistic", "quantity", "36所"),
        ("date", "century", "16世纪"),
        ("date", "month", "5月"),
        ("date", "fulldate", "2014-06-09"),
    ]


def test_number_forms():
    text = ("全区约有600万左右群众受益，累计投入4.2亿，八成以上企业和超过8成群众满意，"
            "三分之一的村、全省1/80的面积，发电量居全国第一，水质保持Ⅲ类。")
    assert rows(targets(text), ["form", "text", "value", "unit"]) == [
        ("number", "600万左右", 6_000_000.0, ""),
        ("number", "4.2亿", 420_000_000.0, ""),
        ("share", "八成以上", 8.0, "成"),
        ("share", "8成", 8.0, "成"),
        ("fraction", "三分之一", 1 / 3, ""),
        ("fraction", "1/80", 1 / 80, ""),
        ("rank", "全国第一", 1.0, ""),
        ("class", "Ⅲ类", 3.0, "类"),
    ]
    assert set(targets(text)["kind"]) == {"statistic"}  # a speech reporting results: no target


def test_deadline_before_the_texts_own_date_is_a_date():
    text = ("在全市脱贫攻坚推进会上的讲话（2020年3月6日）。到2019年底，全市已有12个村退出。"
            "到2025年，全市要建成200个示范村。")
    assert rows(targets(text), ["kind", "form", "text"]) == [
        ("date", "fulldate", "2020年3月6日"),
        ("date", "deadline", "到2019年底"),
        ("statistic", "quantity", "12个"),
        ("target", "deadline", "到2025年"),
        ("target", "quantity", "200个"),
    ]


def test_above_in_a_yao_clause_and_zero_and_all():
    text = ("各县要把乡村医生培训覆盖率提高到90%以上。"
            "去年全县覆盖率达到80%以上。确保现行标准下的贫困人口全部脱贫，中小学实现零收费。"
            "全县粮食播种面积确保稳定在80万亩。去冬油料面积稳定在12万亩。")
    assert rows(targets(text), ["kind", "form", "text"]) == [
        ("target", "percent", "90%以上"),
        ("statistic", "percent", "80%以上"),
        ("target", "all", "全部脱贫"),
        ("target", "zero", "零收费"),
        ("target", "quantity", "80万亩"),  # 确保 in its clause
        ("statistic", "quantity", "12万亩"),  # no future cue in a speech: a statistic
    ]


def test_cues_inside_quotes_do_not_count():
    # 计划 inside “…” is a programme's name, not a plan
    df = targets("“百村示范计划”实施期间，全县年均新增就业1800人。")
    assert rows(df, ["kind", "text"]) == [("statistic", "1800人")]


def test_kind_filter():
    text = "到2030年，全省森林覆盖率力争达到40%。2024年森林覆盖率已达36.5%。"
    assert targets(text, kind="target")["text"].tolist() == ["到2030年", "40%"]
    assert targets(text, kind="statistic")["text"].tolist() == ["36.5%"]
    assert targets(text, kind=["date", "statistic"])["text"].tolist() == ["2024年", "36.5%"]
    assert len(targets(text)) == 4  # all kinds by default
    with pytest.raises(InputError, match=r"kind='goal'"):
        targets(text, kind="goal")
    with pytest.raises(InputError, match=r"kind=5"):
        targets(text, kind=5)


@needs_seed
def test_seed_targets():
    t = targets(SEED)
    zero = t[t.form == "zero"]
    assert zero["text"].tolist() == ["零产量", "零种植"]
    assert zero["kind"].tolist() == ["target", "target"]
    assert "80年" not in t["text"].tolist()


def test_a_plan_marker_of_a_past_year_is_no_plan():
    text = ("省政府工作报告（2026年1月20日）\n2025年主要目标任务圆满完成。全省新增城镇就业52万人。\n"
            "三、2026年重点工作\n全省新增城镇就业50万人。")
    assert rows(targets(text), ["kind", "text"]) == [
        ("date", "2026年1月20日"), ("date", "2025年"), ("statistic", "52万人"), ("date", "2026年"),
        ("target", "50万人"),
    ]


def test_pairs_and_cumulative_values_in_a_plan_and_estimates_in_a_review():
    text = ("一、2025年工作回顾\n预计全年外贸进出口增长6%，城镇调查失业率控制在5.2%。\n"
            "三、2026年重点工作\n城乡低保标准从每人每月800元提高到850元。口袋公园累计达到300个。")
    assert rows(targets(text), ["kind", "text"]) == [
        ("date", "2025年"), ("statistic", "6%"), ("statistic", "5.2%"), ("date", "2026年"),
        ("statistic", "800元"), ("target", "850元"), ("target", "300个"),
    ]


def test_goal_words_after_the_number_or_inside_words_do_not_make_a_target():
    text = ("会议用1个多月时间召开了9次专题会，明确了全年工作的总目标。"
            "规划纲要实施期间年均新增林地3200亩。")
    assert rows(targets(text), ["kind", "form", "text"]) == [
        ("date", "duration", "1个多月"), ("statistic", "quantity", "9次"), ("statistic", "quantity", "3200亩"),
    ]


def test_stocktaking_sentence_to_a_date_already_done():
    # 到+date opening a sentence that says what is already there is the date of a count:
    # the date is no deadline and the numbers after it are statistics
    assert _got(targets("到2023年底，全省已建成养老服务站1200个，其中农村站点860个。")) == [
        ("date", "deadline", "到2023年底", 2023.0, "年"),
        ("statistic", "quantity", "1200个", 1200.0, "个"),
        ("statistic", "quantity", "860个", 860.0, "个"),
    ]
    # the same frame without 已 is a plan
    assert _got(targets("到2027年，全省建成养老服务站1500个，其中农村站点900个。")) == [
        ("target", "deadline", "到2027年", 2027.0, "年"),
        ("target", "quantity", "1500个", 1500.0, "个"),
        ("target", "quantity", "900个", 900.0, "个"),
    ]
    # a goal word before 已 keeps the deadline a deadline
    assert _got(targets("到2027年底，要确保新建站点300个，已建成的站点提质增效。")) == [
        ("target", "deadline", "到2027年底", 2027.0, "年"),
        ("target", "quantity", "300个", 300.0, "个"),
    ]


def test_reference_year_from_the_cleaned_header():
    # clean() moves the dateline into the header; a 到+year before it is then a past date
    import textmine as tm

    raw = "在全市城建工作会议上的讲话\n（2020年5月6日）\n\n同志们：到2019年，全市新建社区公园20个，绿地率提高到41%。"
    doc = tm.clean(tm.Document.from_text(raw, doc_id="x"))
    assert doc.header["date"] == "2020-05-06"
    assert _got(targets(doc)) == [
        ("date", "deadline", "到2019年", 2019.0, "年"),
        ("statistic", "quantity", "20个", 20.0, "个"),
        ("statistic", "percent", "41%", 41.0, "%"),
    ]
    # the same body as a bare string has no date of its own: a plan to 2019
    assert [r[0] for r in _got(targets(doc.text))] == ["target", "target", "target"]
    # metadata counts too (a corpus with a date column)
    meta_doc = tm.Document.from_text(doc.text, doc_id="y", date="2020-05-06")
    assert [r[0] for r in _got(targets(meta_doc))] == ["date", "statistic", "statistic"]
