"""structure.enumerations: 一是…二是…, 第一，…第二，…, 首先…其次…, 一方面…另一方面…, 第N条, ——lists."""

from __future__ import annotations

import pytest

from textmine.structure import ENUMERATION_COLUMNS, enumerations

from .helpers import CORPORA, SEED, assert_schema, needs_seed, rows


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
    "一是抓宣传。\n（一）加强领导\n二是抓排查。",  # a heading between the paragraphs
    "一是抓宣传。\n\n今年的重点，二是抓排查。",  # the second does not open its paragraph
    "我国经济总量跃居世界第二，首先要看到成绩。",  # a rank, not an item
    "依照第十条规定处理。第十一条规定的除外。",  # articles cited, not listed
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


# ---------------------------------------------------------------------------
# lists across paragraphs, long lists, closing 最后, item text
# ---------------------------------------------------------------------------

def test_items_that_open_their_own_paragraphs():
    text = "今年要抓好三项工作：\n一是加强组织领导。各级要高度重视。\n二是强化督促检查。\n\n三是严格考核问责。\n"
    assert rows(enumerations(text), ["group", "ordinal", "marker", "item", "start"]) == [
        (0, 1, "一是", "加强组织领导", 11),
        (0, 2, "二是", "强化督促检查", 29),
        (0, 3, "三是", "严格考核问责", 40),
    ]
    text = "第一，统一思想认识。\n这是前提。\n第二，压实工作责任。\n第三，强化要素保障。\n"
    assert rows(enumerations(text), ["group", "ordinal", "marker", "item", "start"]) == [
        (0, 1, "第一", "统一思想认识", 0), (0, 2, "第二", "压实工作责任", 17), (0, 3, "第三", "强化要素保障", 28)]


def test_a_long_article_list_across_chapters():
    numbers = ["三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
    text = ("第一章　总则\n第一条　为了规范停车管理，制定本办法。\n第二条　本办法适用于本市。\n第二章　管理\n"
            + "".join(f"第{n}条　停车场应当做好第{k}项工作。\n" for k, n in enumerate(numbers, 1))
            + "依照第十条规定处理。\n")
    df = enumerations(text)
    assert df["group"].unique().tolist() == [0]
    assert df["ordinal"].tolist() == list(range(1, 13))
    assert df["marker"].tolist()[-3:] == ["第十条", "第十一条", "第十二条"]
    assert rows(df.head(2), ["marker", "item", "start"]) == [
        ("第一条", "为了规范停车管理，制定本办法", 7), ("第二条", "本办法适用于本市", 27)]
    assert df["item"].iloc[-1] == "停车场应当做好第10项工作"


def test_a_closing_zuihou_is_not_the_next_item_of_a_diyi_list():
    text = ("我讲三点。第一，要统一思想。首先是认清形势，其次是明确任务。第二，要压实责任。第三，要强化保障。"
            "最后，我再强调一下安全问题。")
    assert rows(enumerations(text), ["group", "ordinal", "marker", "item", "start"]) == [
        (0, 1, "第一", "要统一思想", 5),
        (0, 2, "第二", "要压实责任", 30),
        (0, 3, "第三", "要强化保障", 39),
        (1, 1, "首先", "认清形势", 14),   # 首先是…其次是… inside the first item: a list of its own
        (1, 2, "其次", "明确任务", 22),
    ]


def test_dash_lists_run_together_in_one_line_are_cut_apart():
    text = ("五年来，成绩来之不易。——我们坚持创新驱动，科技实力大幅提升。——我们坚持绿色发展，生态环境明显改善。"
            "——我们坚持改革开放，发展活力持续增强。经验弥足珍贵。——面向未来，要保持战略定力。——面向未来，要增强忧患意识。")
    assert rows(enumerations(text), ["group", "ordinal", "marker", "item", "start"]) == [
        (0, 1, "——", "我们坚持创新驱动，科技实力大幅提升", 11),
        (0, 2, "——", "我们坚持绿色发展，生态环境明显改善", 31),
        (0, 3, "——", "我们坚持改革开放，发展活力持续增强", 51),
        (1, 1, "——", "面向未来，要保持战略定力", 78),
        (1, 2, "——", "面向未来，要增强忧患意识", 93),
    ]
    assert enumerations("他说——这件事要抓紧——然后散会。").empty  # dashes inside a sentence


@pytest.mark.parametrize("text", [
    "第一条　为了规范管理，制定本办法。\n第二条　本办法自公布之日起施行。\n",
    "主要有：一是，加强领导；二是，压实责任。",
    "第一：统一思想。第二：落实责任。",
    "首先是认清形势，其次是明确任务。",
    "——\u3000我们坚持创新驱动。——\u3000我们坚持绿色发展。",
])
def test_an_item_is_its_own_text_not_its_marker(text):
    df = enumerations(text)
    assert len(df) == 2
    for marker, item in zip(df["marker"], df["item"]):
        head = item[:8]
        assert head and not head.startswith(marker) and head[0] not in "，,、：: \u3000是", (marker, item)


SPEECHES = CORPORA / "real-speeches"


@pytest.mark.skipif(not SPEECHES.is_dir(), reason="../shared/corpora/real-speeches absent")
@pytest.mark.parametrize("name, groups", [
    # 一是…三是 in the opening; two 第一，… lists whose items each hold a 首先 or a quotation
    ("xi_qiyejia.txt", [("一是", 3), ("第一", 4), ("第一", 5)]),
    # four 第一，… lists; the speech's closing 最后，… is not a fifth item of the last one
    ("xi_changweihui.txt", [("第一", 4), ("一方面", 2), ("第一", 4), ("第一", 3), ("第一", 4)]),
    # four dash lists run together in one line
    ("xi_kangyibiaozhang.txt", [("——", 5), ("——", 5), ("——", 6), ("——", 5)]),
    # 首先 … 跃居世界第二，: no list
    ("xdb_yuanshi2014.txt", []),
])
def test_real_speeches(name, groups):
    import textmine as tm

    df = enumerations(tm.clean(tm.read_document(SPEECHES / name)))
    assert [(g["marker"].iloc[0], len(g)) for _, g in df.groupby("group", sort=True)] == groups
    assert "最后" not in set(df["marker"])
