"""structure.references: titles cited in 《》 and documents named without it, media, type and level."""

from __future__ import annotations

import pytest

from textmine.structure import references

from .helpers import CORPORA, SEED, assert_schema, needs_seed, rows


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


def test_references_media_kind():
    text = "《人民日报》《求是》杂志和《浙江日报》都刊发了评论，《半月谈》也作了报道，各地要认真落实《禁毒法》。"
    assert rows(references(text), ["reference", "type", "level", "kind"]) == [
        ("人民日报", "其他", "", "media"), ("求是", "其他", "", "media"), ("浙江日报", "其他", "", "media"),
        ("半月谈", "其他", "", "media"), ("禁毒法", "法", "", "document")]


def test_references_unbracketed_documents():
    text = ("党中央印发的关于在全党开展作风建设专项行动的意见，国务院关于加强数字政府建设的指导意见，都提出了明确要求。"
            "我们要认真实施好民法典，抓紧修订中华人民共和国安全生产法，对传染病防治法、野生动物保护法开展执法检查，"
            "落实城乡供水保障条例，科学编制“十五五”规划，实施新一轮全民科学素质提升行动方案。")
    df = references(text)
    assert_schema(references, df)
    assert rows(df, ["reference", "type", "level", "kind"]) == [
        ("关于在全党开展作风建设专项行动的意见", "意见", "", "document_unbracketed"),
        ("国务院关于加强数字政府建设的指导意见", "意见", "国家", "document_unbracketed"),
        ("民法典", "法", "国家", "document_unbracketed"),
        ("中华人民共和国安全生产法", "法", "国家", "document_unbracketed"),
        ("传染病防治法", "法", "国家", "document_unbracketed"),
        ("野生动物保护法", "法", "国家", "document_unbracketed"),
        ("城乡供水保障条例", "条例", "", "document_unbracketed"),
        ("“十五五”规划", "规划", "", "document_unbracketed"),
        ("全民科学素质提升行动方案", "方案", "", "document_unbracketed"),
    ]
    assert df.set_index("reference").loc["民法典", "first_start"] == text.index("民法典")
    assert df.set_index("reference").loc["中华人民共和国安全生产法", "short"] == "安全生产法"


def test_references_unbracketed_not_general_law_words():
    # 法律法规, 法治, a law already cited in 《》, and a plan without a name are not references
    text = "要健全安全生产法律法规，推进国防法治建设，认真学习《禁毒法》，宣传禁毒法，编制好规划，落实国土空间规划。"
    assert rows(references(text), ["reference", "count", "kind"]) == [("禁毒法", 1, "document")]


@needs_seed
def test_seed_references_are_documents():
    assert set(references(SEED)["kind"]) == {"document"}


@pytest.mark.shared
@pytest.mark.skipif(not (CORPORA / "real-speeches").is_dir(), reason="../shared/corpora/real-speeches absent")
def test_real_speech_references():
    import textmine as tm

    # the raw text: clean() drops the page footer that names the newspaper
    df = references(tm.read_document(CORPORA / "real-speeches" / "xi_qiyejia.txt"))
    kinds = dict(zip(df["reference"], df["kind"]))
    assert kinds["人民日报"] == "media"
    assert kinds["民法典"] == "document_unbracketed" and kinds["外商投资法"] == "document_unbracketed"


def test_references_unbracketed_name_starts_after_the_verbs():
    text = "县里研究制定实施乡村旅游提升行动方案，人大常委会审议通过河道管理条例，贯彻落实意见和条例。"
    assert rows(references(text), ["reference", "type", "kind"]) == [
        ("乡村旅游提升行动方案", "方案", "document_unbracketed"), ("河道管理条例", "条例", "document_unbracketed")]


def test_references_unbracketed_decisions_new_generations_years_and_the_long_plan_title():
    # 通过关于…的决定 with no 了/的; 新一代… is the name's own first word, not the verb's 新; a plan's
    # years in brackets follow its name; the five-year plan's full title with its 远景目标纲要 is one document
    text = ("全国人大常委会通过关于加强水上交通安全管理的决定。省政府印发新一代信息技术产业规划，"
            "制定了城乡环境整治规划（2026－2030年），编制“十五五”规划和2040年远景目标纲要。")
    assert rows(references(text), ["reference", "type", "kind"]) == [
        ("关于加强水上交通安全管理的决定", "决定", "document_unbracketed"),
        ("新一代信息技术产业规划", "规划", "document_unbracketed"),
        ("城乡环境整治规划", "规划", "document_unbracketed"),
        ("“十五五”规划和2040年远景目标纲要", "纲要", "document_unbracketed")]
    # without 了/的 after a bare verb, 关于…的 is no title (通过 may mean "through"); 远景目标 alone ends no title
    text = ("出台关于支持民营企业发展的政策措施，全面落实关于乡村振兴的意见。我们通过关于禁毒工作的宣传，群众明白了关于毒品危害的规定。"
            "审议县第十五个五年规划和2040年远景目标的说明。")
    assert rows(references(text), ["reference", "kind"]) == [("第十五个五年规划", "document_unbracketed")]


def test_references_unbracketed_name_keeps_its_first_word_new():
    # 新能源…, 新型… begin the name; only 新一轮 / 新修订的 after the verb are not the name's
    text = "实施新能源汽车产业规划，落实新型城镇化规划，实施新一轮全民科学素质提升行动方案。"
    assert rows(references(text), ["reference", "kind"]) == [
        ("新能源汽车产业规划", "document_unbracketed"), ("新型城镇化规划", "document_unbracketed"),
        ("全民科学素质提升行动方案", "document_unbracketed")]
