"""structure.outline on run-on text: inline headings, 第一，/一是 lead sentences, regulation levels, no outline.

All sentences are written for these tests in the style of real speeches (one-line bodies,
paragraph gaps of U+3000, photo credits glued in).
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textmine.corpus import Document
from textmine.errors import InputError
from textmine.structure import enumerations, has_numbered_outline, outline, sections

from .helpers import CORPORA, assert_schema, assert_tiles, rows

COLS = ["level", "kind", "marker", "number", "title", "path", "start", "heading_start"]

# a one-line speech: headings follow a sentence end and run into their body with no full stop
FLOOD = ("同志们：今天召开全市防汛工作会议，我讲几点意见。"
         "一、关于前一段的防汛救灾工作入汛以来，全市各级闻令而动，转移群众两万余人。成绩来之不易。"
         "二、关于下一步的防汛重点任务当前，主汛期还没有结束，防汛形势依然严峻复杂。各地要绷紧这根弦。"
         "三、关于压实防汛责任防汛责任重于泰山，要层层压实到人。")


def test_inline_headings_after_a_sentence_end_with_titles_cut_from_the_body():
    df = outline(FLOOD)
    assert_schema(outline, df)
    assert rows(df, COLS) == [
        (0, "preamble", "", 0, "", "", 0, 0),
        (1, "一、", "一、", 1, "关于前一段的防汛救灾工作", "一", 24, 24),
        (1, "一、", "二、", 2, "关于下一步的防汛重点任务", "二", 68, 68),
        (1, "一、", "三、", 3, "关于压实防汛责任", "三", 114, 114),
    ]
    assert df["text"].iloc[1].startswith("一、关于前一段的防汛救灾工作入汛以来，")
    assert_tiles(FLOOD, df)


@pytest.mark.parametrize("text, titles", [
    # a body that opens with a time phrase (…以来，) and titles of the same shape
    ("下面，我讲三点。一、坚持以人民为中心我们党始终把人民放在心中最高位置，这是根本立场。"
     "二、着力扩大有效需求近年来，消费对经济增长的拉动作用不断增强。"
     "三、加快建设现代化产业体系我国拥有完整的工业体系，要在此基础上推进产业升级。",
     ["坚持以人民为中心", "着力扩大有效需求", "加快建设现代化产业体系"]),
    # a body that repeats the title's last words; a body that repeats its first words
    ("我讲几点意见。一、深化农村改革土地制度改革是农村改革的重点，要稳妥推进。"
     "二、推进乡村振兴乡村振兴是一篇大文章，要久久为功。"
     "三、加强党的领导各级党委要把农业农村工作摆在突出位置。",
     ["深化农村改革", "推进乡村振兴", "加强党的领导"]),
    ("各位代表：现在，我代表市政府作报告。一、过去一年的工作回顾过去一年，面对复杂严峻的外部环境，全市经济稳中有进。"
     "二、今年的主要任务今年是关键之年，做好工作意义重大。三、切实加强政府自身建设打铁必须自身硬，要建设人民满意的政府。",
     ["过去一年的工作回顾", "今年的主要任务", "切实加强政府自身建设"]),
    # a "title" up to a full stop that reads as a sentence (…是…) is cut too
    ("我先讲三个方面。一、扎实推进污染防治攻坚战打好污染防治攻坚战，要坚持方向不变、力度不减。"
     "二、加快构建生态文明体系生态文明体系包括五个方面。三、严守生态保护红线红线就是底线，一步也不能越。",
     ["扎实推进污染防治攻坚战", "加快构建生态文明体系", "严守生态保护红线"]),
])
def test_run_on_titles(text, titles):
    df = outline(text)
    assert df[df.level == 1]["title"].tolist() == titles
    assert_tiles(text, df)


def test_a_heading_ending_at_a_paragraph_gap_or_a_subhead():
    text = ("县人民政府\u3000\u3000一、关于防汛\u3000\u3000今年汛期来得早，雨量偏多。\u3000\u3000"
            "二、关于抗旱\u3000\u3000去年旱情较重。")
    assert rows(outline(text), ["level", "kind", "title", "heading_start"]) == [
        (0, "preamble", "", 0), (1, "一、", "关于防汛", 7), (1, "一、", "关于抗旱", 30)]
    text = "一、总体要求（一）指导思想。坚持稳中求进。二、重点任务加快推进城乡融合，着力补齐短板。"
    assert outline(text)["title"].tolist() == ["总体要求", "重点任务"]


@pytest.mark.parametrize("text", [
    "我讲一点。一、关于安全生产工作要抓紧。今年任务很重。",       # an inline 一、 with no 二、
    "要推动一、二线城市房地产市场平稳健康发展。二、三季度经济回升。",  # runs of numerals
    "会议强调一、要统一思想，二、要落实责任。",                    # not after a sentence end
])
def test_inline_markers_that_are_no_headings(text):
    df = outline(text)
    assert rows(df, ["level", "kind"]) == [(0, "unnumbered")]
    assert not has_numbered_outline(df)


# ---------------------------------------------------------------------------
# 第一，… and 一是… lead sentences
# ---------------------------------------------------------------------------

VILLAGE = ("下面，我讲两个问题。一、坚定不移推进乡村振兴近年来，全县农业农村发展取得新成效。"
           "第一，稳住粮食生产。粮食安全是国之大者。要落实面积，稳定产量。"
           "第二，抓好产业发展。产业兴旺是乡村振兴的基础。要因地制宜发展特色产业。"
           "二、切实加强党的领导各级党委要把农业农村工作摆在突出位置。要配强班子。")


def test_lead_sentences_are_level_2_under_a_yi():
    df = outline(VILLAGE)
    assert rows(df, COLS) == [
        (0, "preamble", "", 0, "", "", 0, 0),
        (1, "一、", "一、", 1, "坚定不移推进乡村振兴", "一", 10, 10),
        (2, "第一，", "第一", 1, "稳住粮食生产", "一.第一", 40, 40),
        (2, "第一，", "第二", 2, "抓好产业发展", "一.第二", 71, 71),
        (1, "一、", "二、", 2, "切实加强党的领导", "二", 106, 106),
    ]
    assert_tiles(VILLAGE, df)
    s1 = sections(VILLAGE, level=1)
    assert s1["start"].tolist() == [0, 10, 106] and s1["end"].tolist() == [10, 106, len(VILLAGE)]


def test_lead_sentences_are_level_1_without_a_yi_and_keep_their_commas():
    text = ("今天我着重谈三点。第一，坚持稳中求进，巩固经济回升势头。今年以来，经济运行总体平稳。要保持政策连续性。"
            "第二，坚持创新驱动，培育发展新动能。创新是第一动力。要加大研发投入。"
            "第三，坚持人民至上，办好民生实事。民生无小事。要扎实办好每一件实事。")
    assert rows(outline(text), ["level", "kind", "marker", "title", "path", "heading_start"]) == [
        (0, "preamble", "", "", "", 0),
        (1, "第一，", "第一", "坚持稳中求进，巩固经济回升势头", "第一", 9),
        (1, "第一，", "第二", "坚持创新驱动，培育发展新动能", "第二", 51),
        (1, "第一，", "第三", "坚持人民至上，办好民生实事", "第三", 85),
    ]


def test_lead_sentences_after_a_photo_credit_or_a_paragraph_gap():
    text = ("要抓好三件事。新华社记者 张三/摄第一，抓好复工复产。企业是经济的细胞。要帮助企业解难题。"
            "\u3000\u3000第二，稳定居民消费。消费是经济的压舱石。要释放消费潜力。")
    assert rows(outline(text), ["level", "kind", "title", "heading_start"]) == [
        (0, "preamble", "", 0), (1, "第一，", "抓好复工复产", 17), (1, "第一，", "稳定居民消费", 47)]


SCIENCE = ("我讲两个问题。一、充分认识做好科技工作的重要意义科技是国家强盛之基。"
           "一是做好科技工作是推动高质量发展的需要。发展要靠创新驱动。"
           "二是做好科技工作是改善民生的需要。群众期盼更好的医疗和环境。"
           "二、着力解决科技工作中的突出问题当前，一些短板还很明显。"
           "第一，强化企业创新主体地位。企业最了解市场需求。一是加大研发投入。要用好税收政策。二是培育领军企业。要支持企业牵头攻关。"
           "第二，深化科技体制改革。改革是激发活力的关键。要破除体制障碍。")


def test_yishi_as_a_heading_level_but_not_inside_a_diyi_section():
    df = outline(SCIENCE)
    assert rows(df, ["level", "kind", "marker", "title", "path", "heading_start"]) == [
        (0, "preamble", "", "", "", 0),
        (1, "一、", "一、", "充分认识做好科技工作的重要意义", "一", 7),
        (2, "一是", "一是", "做好科技工作是推动高质量发展的需要", "一.一是", 34),
        (2, "一是", "二是", "做好科技工作是改善民生的需要", "一.二是", 63),
        (1, "一、", "二、", "着力解决科技工作中的突出问题", "二", 93),
        (2, "第一，", "第一", "强化企业创新主体地位", "二.第一", 121),
        (2, "第一，", "第二", "深化科技体制改革", "二.第二", 181),
    ]
    # the 一是/二是 inside 第一 are an enumeration, not headings
    en = enumerations(SCIENCE)
    assert [tuple(g["item"]) for _, g in en.groupby("group")][2] == ("加大研发投入", "培育领军企业")


@pytest.mark.parametrize("text", [
    "要做到三点。第一，要统一思想。第二，要落实责任。第三，要加强考核。",  # one sentence each: a list
    "要做到两点：第一，要统一思想，第二，要落实责任。大家要抓紧。",        # not after a sentence end
    "我讲一点。第一，要统一思想。这是前提。",                              # a lone 第一
    # 一是… at the top of a speech, under no numbered heading, is a list
    "今年工作有三个特点。一是稳中有进。经济运行总体平稳。二是进中向好。质量效益持续提升。三是好中提质。结构更优。",
])
def test_lead_markers_that_are_no_headings(text):
    assert outline(text)["kind"].tolist() == ["unnumbered"]


def test_in_a_paragraphed_text_a_lead_subhead_opens_its_paragraph():
    text = ("关于今年的工作，讲三点意见。\n"
            "第一，压实安全责任。安全生产责任重于泰山。各单位一是落实主体责任。二是落实监管责任。\n"
            "第二，抓好隐患排查。要拉网式排查。\n"
            "去年的经验是：一是领导重视。这一点很关键。二是措施有力。这一点也很重要。\n")
    df = outline(text)
    assert rows(df, ["level", "kind", "title", "start", "heading_start"]) == [
        (0, "preamble", "", 0, 0), (1, "第一，", "压实安全责任", 15, 15), (1, "第一，", "抓好隐患排查", 58, 58)]
    assert_tiles(text, df)


# ---------------------------------------------------------------------------
# regulation levels
# ---------------------------------------------------------------------------

RULES = ("第一章　总则\n"
         "第一条　为了规范城市停车管理，根据有关法律法规，制定本办法。\n"
         "第二条　本办法适用于本市行政区域内的停车设施管理。\n"
         "第二章　规划建设\n"
         "第三条　停车设施建设应当符合下列要求：\n"
         "（一）符合国土空间规划；\n"
         "（二）满足消防安全要求。\n"
         "第四条　违反本办法第三条规定的，依照有关规定处理。\n")


def test_regulation_levels():
    df = outline(RULES)
    assert rows(df, COLS) == [
        (1, "第一章", "第一章", 1, "总则", "第一章", 0, 0),
        (2, "第一条", "第一条", 1, "为了规范城市停车管理，根据有关法律法规，制定本办法", "第一章.第一条", 7, 7),
        (2, "第一条", "第二条", 2, "本办法适用于本市行政区域内的停车设施管理", "第一章.第二条", 38, 38),
        (1, "第一章", "第二章", 2, "规划建设", "第二章", 64, 64),
        (2, "第一条", "第三条", 3, "停车设施建设应当符合下列要求", "第二章.第三条", 73, 73),
        (3, "（一）", "（一）", 1, "符合国土空间规划", "第二章.第三条.（一）", 93, 93),
        (3, "（一）", "（二）", 2, "满足消防安全要求", "第二章.第三条.（二）", 106, 106),
        (2, "第一条", "第四条", 4, "违反本办法第三条规定的，依照有关规定处理", "第二章.第四条", 119, 119),
    ]
    assert_tiles(RULES, df)
    assert sections(RULES, level=1)["start"].tolist() == [0, 64]


def test_regulation_levels_rank_the_forms_present():
    text = ("第一编　总则\n第一章　一般规定\n第一节　目的\n第一条　为了保护耕地，制定本条例。\n"
            "一、基本要求\n（一）守住红线。\n1.严格审批。\n（1）逐级上报。\n（2）限时办结。\n")
    df = outline(text)
    assert rows(df, ["level", "kind", "path"]) == [
        (1, "第一编", "第一编"), (2, "第一章", "第一编.第一章"), (3, "第一节", "第一编.第一章.第一节"),
        (4, "第一条", "第一编.第一章.第一节.第一条"), (5, "一、", "第一编.第一章.第一节.第一条.一"),
        (6, "（一）", "第一编.第一章.第一节.第一条.一.（一）"),
        (7, "1.", "第一编.第一章.第一节.第一条.一.（一）.1"),
        (8, "（1）", "第一编.第一章.第一节.第一条.一.（一）.1.（1）"),
        (8, "（1）", "第一编.第一章.第一节.第一条.一.（一）.1.（2）"),
    ]
    assert len(sections(text, level=8)) == 9 and len(sections(text, level=4)) == 4


def test_cited_articles_are_no_headings():
    text = "依照第十条规定处理。\n第三条第二款另有规定的除外。\n"
    assert outline(text)["kind"].tolist() == ["unnumbered"]


# ---------------------------------------------------------------------------
# no outline
# ---------------------------------------------------------------------------

def test_a_speech_without_markers_is_one_unnumbered_section():
    text = "同志们，今天的会议开得很好。大家要把会议精神带回去，抓好落实。谢谢大家！"
    df = outline(text)
    assert rows(df, COLS) == [(0, "unnumbered", "", 0, "", "", 0, 0)]
    assert_tiles(text, df)
    assert has_numbered_outline(text) is False
    assert has_numbered_outline(df) is False
    assert has_numbered_outline(Document(doc_id="d", text=text)) is False
    assert has_numbered_outline(FLOOD) is True
    assert has_numbered_outline(sections(FLOOD, level=1)) is True
    assert has_numbered_outline("") is False


@pytest.mark.parametrize("bad, match", [
    (pd.DataFrame({"title": ["x"]}), r"doc_or_outline: the frame has no 'level' column"),
    (3, r"doc_or_outline must be a str or a textmine\.corpus\.Document"),
])
def test_has_numbered_outline_bad_input(bad, match):
    with pytest.raises(InputError, match=match):
        has_numbered_outline(bad)


def test_has_numbered_outline_is_exported():
    import textmine as tm

    assert tm.has_numbered_outline is has_numbered_outline


# ---------------------------------------------------------------------------
# tiling on marker-heavy run-on text
# ---------------------------------------------------------------------------

RUNON_TOKENS = ["一、", "二、", "三、", "（一）", "（二）", "第一，", "第二，", "第三，", "一是", "二是", "三是",
                "第一章", "第二章", "第一条", "第二条", "第十条规定", "/摄", "\u3000\u3000", "。", "，", "！",
                "\n", "工作", "以来，", "当前，", "我们", "是", "要", "关于", "——", "首先", "最后，"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(RUNON_TOKENS), st.text(st.characters(min_codepoint=0x4E00,
                                                                               max_codepoint=0x4E2F),
                                                                  max_size=6)), max_size=60).map("".join))
def test_property_run_on_text_tiles(text):
    df = outline(text)
    assert_schema(outline, df)
    assert_tiles(text, df)
    heads = df[df.level >= 1]
    assert (heads["heading_start"] >= heads["start"]).all()
    assert all(text.startswith(m, h) for m, h in zip(heads["marker"], heads["heading_start"]))
    assert sections(text, level=9)["text"].str.cat() == text
    en = enumerations(text)
    assert all(text[s:e].startswith(m) for s, e, m in zip(en["start"], en["end"], en["marker"]))


# ---------------------------------------------------------------------------
# real speeches (../shared)
# ---------------------------------------------------------------------------

SPEECHES = CORPORA / "real-speeches"
needs_speeches = pytest.mark.skipif(not SPEECHES.is_dir(), reason="../shared/corpora/real-speeches absent")


@needs_speeches
@pytest.mark.parametrize("name, counts", [
    ("xi_qiyejia.txt", {(1, "一、"): 3, (2, "第一，"): 9}),
    ("xi_kexuejia.txt", {(1, "一、"): 3, (2, "一是"): 4, (2, "第一，"): 6}),
    ("xi_changweihui.txt", {(1, "一、"): 4, (2, "第一，"): 15}),
    ("xi_pudong.txt", {(1, "第一，"): 5}),
    ("xdb_yuanshi2014.txt", {}),
])
def test_real_one_line_speeches(name, counts):
    import textmine as tm

    doc = tm.clean(tm.read_document(SPEECHES / name))
    df = outline(doc)
    assert_tiles(doc.text, df)
    heads = df[df.level >= 1]
    assert heads.groupby(["level", "kind"]).size().to_dict() == counts
    assert has_numbered_outline(df) is bool(counts)
    # every title is a short phrase, never the body's first clause
    assert (heads["title"].str.len().between(4, 40)).all()


def test_heading_cues_resource_is_well_formed():
    from textmine.structure._headings import _CUES_PATH, heading_cues

    cues = heading_cues()
    assert set(cues) == {"title_end", "title_not_end", "body_start"}
    assert not cues["title_end"] & cues["title_not_end"]
    assert {"工作", "问题", "精神"} <= cues["title_end"] and {"改革开放以来", "当前"} <= cues["body_start"]
    section: list[str] = []
    sections_seen = 0
    for line in _CUES_PATH.read_text(encoding="utf-8").splitlines() + ["#"]:
        if line.startswith("#"):
            assert section == sorted(set(section)), "entries sorted, no duplicates"
            sections_seen += bool(section)
            section = []
        else:
            assert line and line == line.strip() and " " not in line
            section.append(line)
    assert sections_seen == 3
