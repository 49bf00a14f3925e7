"""structure.formulas: quoted, numbered, lexicon and parallel formulas; quoted non-formulas kept apart."""

from __future__ import annotations

import pandas as pd
import pytest

from textmine.errors import InputError
from textmine.structure import FORMULA_KINDS, NON_FORMULA_SUBKINDS, formula_lexicon, formulas

from .helpers import CORPORA, SEED, assert_schema, needs_seed


def _rows(df, cols=("formula", "kind", "subkind")):
    return [tuple(None if (c == "number" and pd.isna(v)) else v for c, v in zip(cols, r))
            for r in df[list(cols)].itertuples(index=False, name=None)]


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
    assert df["quoted"].tolist() == [True, True, True, True, False, True]
    assert set(df["subkind"]) == {""}


def test_formulas_numbered_quoted_and_unquoted():
    # “一个快递包裹的背后” is a title with no sign of a formula: kept, as a non-formula (issue 13)
    df = formulas("做到“三个到位”，开展五个一活动，学习“两学一做”。这里有三个单位和“一个快递包裹的背后”这个说法。")
    got = [(r.formula, r.kind, None if pd.isna(r.number) else int(r.number), r.subkind) for r in df.itertuples()]
    assert got == [("三个到位", "numbered", 3, ""), ("五个一", "numbered", 5, ""), ("两学一做", "numbered", None, ""),
                   ("一个快递包裹的背后", "non_formula", None, "term")]


def test_formulas_long_quotations_are_kept_as_non_formulas_and_not_split():
    # a quoted sentence is a quotation, not a formula, and is never split into parts (issue 13)
    df = formulas("他说：“要抓紧。要落实。”")
    assert _rows(df, ("formula", "parts", "kind", "subkind", "first_start")) == [
        ("要抓紧。要落实。", ("要抓紧。要落实。",), "non_formula", "quotation", 3)]
    df = formulas("我多次讲过：“抓落实，是最要紧的事。”")
    assert _rows(df, ("formula", "parts", "n_parts", "subkind")) == [
        ("抓落实，是最要紧的事。", ("抓落实，是最要紧的事。",), 1, "quotation")]


def test_formulas_non_formula_subkinds():
    text = ("正所谓“民亦劳止，汔可小康”。“春风又绿江南岸，明月何时照我还。”这是古人的名句。"
            "有的人鼓吹“躺平论”，我们坚决反对。所谓“政绩工程”，实际上劳民伤财。一些部门存在“数据烟囱”现象。"
            "回顾“两弹一星”的成功，令人振奋。老李荣获“金牌调解员”称号。开展“清风行”系列活动。"
            "破解“卡脖子”难题。他说：“我们一定要把这件事办好。”")
    assert _rows(formulas(text)) == [
        ("民亦劳止，汔可小康", "non_formula", "saying"),
        ("春风又绿江南岸，明月何时照我还。", "non_formula", "poem"),
        ("躺平论", "non_formula", "scare_quote"),
        ("政绩工程", "non_formula", "scare_quote"),
        ("数据烟囱", "non_formula", "scare_quote"),
        ("两弹一星", "non_formula", "historical"),
        ("金牌调解员", "non_formula", "name"),
        ("清风行", "non_formula", "name"),
        ("卡脖子", "non_formula", "scare_quote"),
        ("我们一定要把这件事办好。", "non_formula", "quotation"),
    ]
    assert set(formulas(text)["subkind"]) <= set(NON_FORMULA_SUBKINDS)


def test_formulas_caption_is_footer():
    df = formulas("要抓好安全生产。图为工人们在检修设备，“安全第一”标语醒目。 新华社记者 张三/摄　　第二，要加强监管。")
    assert _rows(df) == [("安全第一", "non_formula", "footer")]


def test_formulas_same_quote_by_context():
    # a spirit named after a quoted word is one formula; the historical project is not one
    df = formulas("回顾“两弹一星”的成功，我们要大力弘扬“两弹一星”精神。")
    assert _rows(df, ("formula", "kind", "subkind", "first_start")) == [
        ("两弹一星", "non_formula", "historical", 2), ("“两弹一星”精神", "quoted", "", 19)]


def test_formulas_quoted_with_evidence_of_a_formula():
    df = formulas("要落实“门前三包”责任制，坚持“人民城市”理念，叫响“家门口的服务”。")
    assert _rows(df) == [("门前三包", "quoted", ""), ("人民城市", "quoted", ""), ("家门口的服务", "non_formula", "term")]


def test_formulas_lexicon_unquoted():
    text = ("全县上下要用新发展理念统领乡村工作，今年仍以稳中求进工作总基调为遵循，带着问题深化供给侧结构性改革，"
            "在招商中构建亲清新型政商关系，让绿水青山就是金山银山在山区落地，靠项目推动高质量发展。")
    forms = ["新发展理念", "稳中求进工作总基调", "深化供给侧结构性改革", "亲清新型政商关系", "绿水青山就是金山银山",
             "推动高质量发展"]
    assert _rows(formulas(text), ("formula", "kind", "quoted", "first_start")) == [
        (f, "lexicon", False, text.index(f)) for f in forms]


def test_formulas_lexicon_separators_optional_and_parts():
    df = formulas("不断增强人民群众获得感幸福感安全感，让群众的获得感、幸福感、安全感更加充实。")
    assert _rows(df, ("formula", "parts", "kind")) == [
        ("获得感幸福感安全感", ("获得感幸福感安全感",), "lexicon"),
        ("获得感、幸福感、安全感", ("获得感", "幸福感", "安全感"), "lexicon")]


def test_formulas_two_character_entries_only_quoted():
    # 六稳 as a quoted formula; an unquoted 两重 inside 两重性 is not one
    df = formulas("做好“六稳”工作。矛盾具有两重性。")
    assert _rows(df) == [("六稳", "numbered", "")]


def test_formulas_numbered_unquoted():
    text = "全镇干部要把两个毫不动摇讲给企业听，把三大攻坚战抓在手上，在五位一体总体布局里找位置，围绕四个全面战略布局想办法。"
    assert _rows(formulas(text), ("formula", "kind", "number")) == [
        ("两个毫不动摇", "numbered", 2), ("三大攻坚战", "numbered", 3),
        ("五位一体总体布局", "numbered", 5), ("四个全面战略布局", "numbered", 4)]


def test_formulas_traditional_script():
    df = formulas("增強四個自信，堅持「三個代表」重要思想。學習「三個代表」。")
    assert _rows(df, ("formula", "kind", "number", "quoted")) == [
        ("四個自信", "numbered", 4, False), ("「三個代表」重要思想", "numbered", 3, True),
        ("三個代表", "numbered", 3, True)]


def test_formulas_parallel_frames():
    text = ("要做到早谋划、早部署、早落实，坚持宜林则林、宜草则草，全县形成了全面动员、全面部署、全面加强防汛工作的局面。"
            "教育部、民政部、财政部要加强指导，北京市、天津市、上海市要带头，做好规划、建设、管理。")
    assert _rows(formulas(text), ("formula", "parts", "kind")) == [
        ("早谋划、早部署、早落实", ("早谋划", "早部署", "早落实"), "parallel"),
        ("宜林则林、宜草则草", ("宜林则林", "宜草则草"), "parallel"),
        ("全面动员、全面部署、全面加强", ("全面动员", "全面部署", "全面加强"), "parallel"),
    ]


def test_formulas_issue_examples():
    text = ("坚持以水定城、以水定地、以水定人、以水定产，宜水则水、宜山则山，"
            "落实中央统筹、省负总责、市县落实的工作机制。")
    got = _rows(formulas(text), ("formula", "kind", "n_parts"))
    assert got == [("以水定城、以水定地、以水定人、以水定产", "lexicon", 4), ("宜水则水、宜山则山", "lexicon", 2),
                   ("中央统筹、省负总责、市县落实", "lexicon", 3)]


def test_formulas_quoted_verse_is_not_a_quoted_list():
    df = formulas("“大漠孤烟直，长河落日圆”、“野旷天低树，江清月近人”都是名句。")
    assert _rows(df) == [("大漠孤烟直，长河落日圆", "non_formula", "poem"), ("野旷天低树，江清月近人", "non_formula", "poem")]


def test_formulas_extra_formulas():
    text = "全面推进“五水共治”，实施强村富民工程。"
    assert "强村富民工程" not in set(formulas(text)["formula"])
    df = formulas(text, extra_formulas=["强村富民工程"])
    assert ("强村富民工程", "lexicon", "") in _rows(df)
    with pytest.raises(InputError, match="extra_formulas must be None or an iterable of str"):
        formulas(text, extra_formulas="强村富民工程")
    with pytest.raises(InputError, match="at least 2 characters"):
        formulas(text, extra_formulas=["强"])


def test_formulas_kinds_are_documented():
    df = formulas("坚持新发展理念，做到“两个维护”，坚持早谋划、早部署、早落实。他说：“好。”")
    assert set(df["kind"]) <= set(FORMULA_KINDS)
    assert set(df["kind"]) == {"lexicon", "numbered", "parallel", "non_formula"}


def test_formula_lexicon_is_a_copy_and_large():
    lex = formula_lexicon()
    assert len(lex) >= 300
    assert {"供给侧结构性改革", "稳中求进", "亲清新型政商关系", "绿水青山就是金山银山", "全过程人民民主"} <= set(lex)
    lex.clear()
    assert len(formula_lexicon()) >= 300


@needs_seed
def test_seed_formulas():
    f = formulas(SEED).set_index("formula")
    assert f.loc["各司其职、齐抓共管", "parts"] == ("各司其职", "齐抓共管")
    assert f.loc["禁种、禁制、禁吸、禁贩", "n_parts"] == 4
    assert f.loc["最后一公里", "kind"] == "non_formula" and f.loc["最后一公里", "subkind"] == "scare_quote"
    assert f.loc["禁毒人民战争", "kind"] == "lexicon"


REAL = CORPORA / "real-speeches"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpora/real-speeches absent")


@pytest.mark.shared
@needs_real
def test_real_speech_formulas():
    # one-line speeches: unquoted lexicon and numbered formulas, classical lines kept apart
    import textmine as tm

    doc = tm.clean(tm.read_document(REAL / "xi_pudong.txt"))
    f = formulas(doc)
    formula_rows = f[f.kind != "non_formula"]
    assert {"新发展理念", "新发展格局", "四个自信"} <= set(formula_rows["formula"])
    nf = f[f.kind == "non_formula"]
    assert (nf["subkind"] == "poem").sum() >= 1
    doc = tm.clean(tm.read_document(REAL / "xdb_yuanshi2014.txt"))
    f = formulas(doc)
    classical = f[f["formula"].str.startswith("周虽旧邦")]
    assert classical["kind"].tolist() == ["non_formula"] and classical["n_parts"].tolist() == [1]


def test_formulas_lexicon_list_joined_by_dun():
    df = formulas("区里把新发展理念、新发展格局写进了规划，支部学习了“三个代表”重要思想、科学发展观的原著选读。")
    assert _rows(df, ("formula", "parts", "kind", "quoted")) == [
        ("新发展理念、新发展格局", ("新发展理念", "新发展格局"), "lexicon", False),
        ("“三个代表”重要思想、科学发展观", ("“三个代表”重要思想", "科学发展观"), "lexicon", True)]


# --- quoted strings that are not formulas: rules of issue 13, on sentences of our own ---------

def test_rejected_practice_is_a_scare_quote_even_before_a_formula_noun():
    # 破除/克服/防止 … “…”: a practice or view the speech rejects, although 思想 follows
    df = formulas("要破除“官本位”思想，克服“等靠要”思想，防止“新官不理旧账”问题，坚持“人民城市”理念。")
    assert _rows(df) == [("官本位", "non_formula", "scare_quote"), ("等靠要", "non_formula", "scare_quote"),
                         ("新官不理旧账", "non_formula", "scare_quote"), ("人民城市", "quoted", "")]


def test_epithet_and_problem_words_after_a_quote_are_scare_quotes():
    df = formulas("这里素有“鱼米之乡”的美誉，也有“江南粮仓”之称，要走出“边治理边反弹”的怪圈。")
    assert _rows(df) == [("鱼米之乡", "non_formula", "scare_quote"), ("江南粮仓", "non_formula", "scare_quote"),
                         ("边治理边反弹", "non_formula", "scare_quote")]


def test_a_quote_placed_in_an_earlier_period_is_historical():
    # numbered in shape, but 上世纪八十年代 / 新中国成立初期 place them in the past
    df = formulas("上世纪八十年代兴起的“三来一补”政策，新中国成立初期的“一五”计划，今天要落实“六稳”“六保”。")
    assert _rows(df) == [("三来一补", "non_formula", "historical"), ("一五", "non_formula", "historical"),
                         ("六稳", "numbered", ""), ("六保", "numbered", "")]
    # a campaign (…运动) is historical too; 当年 alone ("that year") is no sign of the past
    assert _rows(formulas("开展“五讲四美”运动。当年实现“三个翻番”。")) == [
        ("五讲四美", "non_formula", "historical"), ("三个翻番", "numbered", "")]


def test_a_network_layout_or_a_programme_phase_is_a_name():
    df = formulas("全省建成“四纵四横”高速铁路网，实施“三北”六期工程，形成“一核两翼”发展格局。")
    assert _rows(df) == [("四纵四横", "non_formula", "name"), ("三北", "non_formula", "name"),
                         ("一核两翼", "non_formula", "term")]


def test_a_spatial_layout_is_a_term():
    # a region's own plan of its space (cores, wings, axes, belts, points …) is a term, also as a 、-list
    # of such sets; a set of sites stays a name, the lexicon's layouts (一带一路) stay formulas, and a
    # lone part or a set with a part of another kind (三区三线, 两不愁三保障) stays numbered
    df = formulas("构建“一核两翼”格局，形成“一核两轴、三带多点”的空间布局，构建“七纵十二横”格局。")
    assert _rows(df) == [("一核两翼", "non_formula", "term"), ("一核两轴、三带多点", "non_formula", "term"),
                         ("七纵十二横", "non_formula", "term")]
    df = formulas("建设“多校一圈”，形成“三城一区、两园一河”格局。")
    assert _rows(df) == [("多校一圈", "non_formula", "name"), ("三城一区、两园一河", "non_formula", "name")]
    df = formulas("建设“三城一区”，共建“一带一路”，划定“三区三线”，落实“两不愁三保障”，发挥“两翼”作用。")
    assert _rows(df) == [("三城一区", "non_formula", "name"), ("共建“一带一路”", "lexicon", ""),
                         ("三区三线", "numbered", ""), ("两不愁三保障", "numbered", ""), ("两翼", "numbered", "")]


def test_shackles_the_speech_breaks_are_scare_quotes():
    # 冲破“…”的禁锢, 摆脱“…”的束缚: a view the speech rejects, even numbered in shape; a numbered formula
    # followed by words that name it (的原则, 的要求) stays one
    df = formulas("要冲破“三个凡事”的禁锢，挣脱“唯分数”的束缚，坚持“两个毫不动摇”的原则，落实“两个确保”的要求。")
    assert _rows(df) == [("三个凡事", "non_formula", "scare_quote"), ("唯分数", "non_formula", "scare_quote"),
                         ("两个毫不动摇", "numbered", ""), ("两个确保", "numbered", "")]
    # a quoted sentence stays a quotation, whatever follows it
    assert _rows(formulas("他们宣扬“姓社姓资，宁左勿右”的束缚。")) == [("姓社姓资，宁左勿右", "non_formula", "quotation")]


def test_known_scare_quotes_and_slogans_of_the_past_in_the_lexicon():
    # 大而全/小而全 (enterprises doing everything themselves) are criticised, even as a quoted list whose
    # items share a skeleton; 两个凡是 is a repudiated slogan
    df = formulas("过去一些企业追求“大而全”、“小而全”，造成重复建设。不再坚持“两个凡是”。")
    assert _rows(df) == [("大而全、小而全", "non_formula", "scare_quote"), ("两个凡是", "non_formula", "historical")]


def test_a_quote_with_an_interpunct_is_a_name():
    df = formulas("举办“山水·人家”文化周，研制出“长风·一号”样机。")
    assert _rows(df) == [("山水·人家", "non_formula", "name"), ("长风·一号", "non_formula", "name")]


def test_a_quote_named_as_verse_or_a_saying_is_not_a_formula():
    # the words after it (的古训, 这句名言, 的诗句) or a classical line (…者…) outweigh 牢记 before it
    df = formulas("要牢记“绳锯木断”的古训，牢记“行百里者半九十”，记住“一分耕耘”这句名言，"
                  "吟诵“春来江水绿如蓝”的诗句，弘扬“艰苦奋斗”的作风。")
    assert _rows(df) == [("绳锯木断", "non_formula", "saying"), ("行百里者半九十", "non_formula", "saying"),
                         ("一分耕耘", "non_formula", "saying"), ("春来江水绿如蓝", "non_formula", "poem"),
                         ("艰苦奋斗", "quoted", "")]


def test_quoted_lines_of_verse_joined_by_dun_are_a_poem_not_a_list():
    df = formulas("诗人写下“长河落日照边关”、“大漠孤烟入远山”，我们要做到“抓基层”、“打基础”。")
    assert _rows(df, ("formula", "parts", "kind", "subkind")) == [
        ("长河落日照边关、大漠孤烟入远山", ("长河落日照边关", "大漠孤烟入远山"), "non_formula", "poem"),
        ("抓基层、打基础", ("抓基层", "打基础"), "quoted", "")]
    # five-character items of a list are no verse without a clause that introduces verse
    df = formulas("开展“文化大篷车”、“科普大篷车”下乡。")
    assert _rows(df) == [("文化大篷车、科普大篷车", "quoted", "")]


def test_a_parallel_frame_inside_a_quotation_is_left_to_the_quotation():
    df = formulas("他说：“我们要统一指挥、统一协调、统一调度，把事办好。”各地要统一指挥、统一协调、统一调度。")
    assert _rows(df, ("formula", "kind", "subkind", "first_start")) == [
        ("我们要统一指挥、统一协调、统一调度，把事办好。", "non_formula", "quotation", 3),
        ("统一指挥、统一协调、统一调度", "parallel", "", 31)]


def test_a_banner_of_convenience_and_a_photo_credit():
    # 打着“…”的旗号: an ironic use; a quotation in a caption that ends in a photo credit: footer
    assert _rows(formulas("有的人打着“改革创新”的旗号乱作为。")) == [("改革创新", "non_formula", "scare_quote")]
    assert _rows(formulas("村民在田间劳作，“丰收在望”的横幅挂在村口（李四 摄）。坚持“人民城市”理念。")) == [
        ("丰收在望", "non_formula", "footer"), ("人民城市", "quoted", "")]


def test_a_quoted_list_with_no_sign_of_a_formula_is_a_list_of_terms():
    # as a single quoted word with no sign of a formula is a term, so is a list of them, unless
    # the items repeat one skeleton (定岗、定责、定时) or the words around the list mark a formula
    df = formulas("有的干部甘当“和事佬”、“传声筒”，遇事绕着走。各地推行“定岗”、“定责”、“定时”。"
                  "坚持“抓基层”、“打基础”，做到“勤走访”、“常回访”。")
    assert _rows(df, ("formula", "parts", "kind", "subkind")) == [
        ("和事佬、传声筒", ("和事佬", "传声筒"), "non_formula", "term"),
        ("定岗、定责、定时", ("定岗", "定责", "定时"), "quoted", ""),
        ("抓基层、打基础", ("抓基层", "打基础"), "quoted", ""),
        ("勤走访、常回访", ("勤走访", "常回访"), "quoted", "")]


def test_repeats_skeleton():
    from textmine.structure._quotes import repeats_skeleton

    assert repeats_skeleton(("禁种", "禁制")) and repeats_skeleton(("文化大篷车", "科普大篷车"))
    assert repeats_skeleton(("一户一策", "一人一档"))  # the same characters at half the positions
    assert not repeats_skeleton(("和事佬", "传声筒")) and not repeats_skeleton(("返岗",))
    assert not repeats_skeleton(("大家的", "国家的"))  # a shared 的 is no skeleton
    assert not repeats_skeleton(("人人争先上", "事事不落下"))  # one shared position of five


def test_a_title_or_a_cry_is_not_a_formula_though_it_holds_a_list():
    # 以“…”为题: a title; “…”的强音: a cry of the people; the same words with no such cue: a formula
    df = formulas("支部以“读好一本书、走好一段路”为题开展学习。“乡村一定行、家乡一定美”的强音传遍山乡。"
                  "要记住“读好一本书、走好一段路”。")
    assert _rows(df, ("formula", "kind", "subkind", "first_start")) == [
        ("读好一本书、走好一段路", "non_formula", "name", 3),
        ("乡村一定行、家乡一定美", "non_formula", "quotation", 23),
        ("读好一本书、走好一段路", "quoted", "", 47)]


def test_a_numbered_part_of_a_formula_of_the_same_speech_is_a_formula():
    # “三到位” alone has no sign of a formula; written next to “两不漏三到位” it is its part
    df = formulas("对标“两不漏三到位”要求，督查中发现有的村“三到位”只落实了一半。")
    assert _rows(df, ("formula", "kind", "subkind", "count")) == [
        ("两不漏三到位", "numbered", "", 1), ("三到位", "numbered", "", 1)]
    assert _rows(formulas("督查中发现有的村“三到位”只落实了一半。")) == [("三到位", "non_formula", "term")]
    from textmine.structure._quotes import numbered_groups

    assert numbered_groups("两不漏三到位") == ("两不漏", "三到位")
    assert numbered_groups("三到位") == () and numbered_groups("十四五") == ()


# --- issue 13, second pass: cues checked on the dev texts xdb_wenyi / xdb_zheshe -------------

def test_knowing_is_not_saying():
    # 知道 ends in 道 but is no speech verb: what the world is to know is a formula list here,
    # while 说：“…” still quotes a person
    df = formulas("要让世界知道“开放中的乡村”、“奋进中的乡村”。老支书说：“乡村一定会更好。”")
    assert _rows(df, ("formula", "parts", "kind", "subkind")) == [
        ("开放中的乡村、奋进中的乡村", ("开放中的乡村", "奋进中的乡村"), "quoted", ""),
        ("乡村一定会更好。", ("乡村一定会更好。",), "non_formula", "quotation")]
    assert _rows(formulas("据媒体报道“村村通”已完成。老人曾言“积土成山”。")) == [
        ("村村通", "non_formula", "term"), ("积土成山", "non_formula", "quotation")]


def test_views_held_up_as_that_kind_of_thing_are_scare_quotes():
    # …那一套 after a quoted list, 热衷于/信奉 before it: views the speech rejects, although the
    # items repeat one skeleton (去…化); the same skeleton with no such cue is a formula list
    df = formulas("有的人追捧“去个性化”、“去地方化”那一套，有的人热衷于“大拆大建”、“大挖大填”，"
                  "各地推行“去库存”、“去杠杆”。有的干部信奉“酒量就是能力”。")
    assert _rows(df, ("formula", "parts", "kind", "subkind")) == [
        ("去个性化、去地方化", ("去个性化", "去地方化"), "non_formula", "scare_quote"),
        ("大拆大建、大挖大填", ("大拆大建", "大挖大填"), "non_formula", "scare_quote"),
        ("去库存、去杠杆", ("去库存", "去杠杆"), "quoted", ""),
        ("酒量就是能力", ("酒量就是能力",), "non_formula", "scare_quote")]


def test_words_of_a_person_named_before_the_clause_are_a_quotation():
    # 正如/像…所说的那样，…“…”: the person's words, even before “的工作”; a formula verb just
    # before the quotation still marks a formula
    df = formulas("正如老支书所说的那样，干部要做“穿针引线”的工作。正如大家所说，要坚持“村村有事做”。")
    assert _rows(df) == [("穿针引线", "non_formula", "quotation"), ("村村有事做", "quoted", "")]


def test_de_work_after_a_quote_is_no_sign_of_a_formula():
    # “…”工作 names a work item; “…”的工作 only says what the work consists of
    df = formulas("干部要做“穿针引线”的工作，搞好“穿针引线”工作，按照“村民说事”的要求。")
    assert _rows(df, ("formula", "kind", "subkind", "first_start")) == [
        ("穿针引线", "non_formula", "term", 4), ("穿针引线", "quoted", "", 16),
        ("村民说事", "quoted", "", 27)]


def test_a_formula_verb_before_a_short_word_marks_a_metaphor():
    # 打好/用好/守住 before a word of two or three characters: a metaphor, not a formula; before
    # a longer quotation or a quoted list (做到“抓基层”、“打基础”) the verb still marks one
    df = formulas("要守住“红线”，落实“小切口”，坚持“村村有人管”，做到“勤走访”、“常回访”。")
    assert _rows(df) == [("红线", "non_formula", "term"), ("小切口", "non_formula", "term"),
                         ("村村有人管", "quoted", ""), ("勤走访、常回访", "quoted", "")]


def test_a_single_quoted_character_is_a_word_not_a_formula():
    # “左”的思想 would be a formula by 的思想 after it; one character is a label (a scare quote
    # when the clause rejects it: 冲破了“右”的束缚)
    df = formulas("过去在“左”的思想指导下走了弯路，后来冲破了“右”的束缚，把握好“稳”和“进”。")
    assert _rows(df) == [("左", "non_formula", "term"), ("右", "non_formula", "scare_quote"),
                         ("稳、进", "non_formula", "term")]


def test_a_quotation_ending_in_jihua_names_a_programme():
    df = formulas("深入实施“青苗英才计划”，深入实施“青苗英才培养”。")
    assert _rows(df) == [("青苗英才计划", "non_formula", "name"), ("青苗英才培养", "quoted", "")]


def test_shiming_renwu_after_a_quotation_marks_a_formula():
    df = formulas("赋予我市“在生态保护中当好示范”使命任务。")
    assert _rows(df) == [("在生态保护中当好示范", "quoted", "")]


def test_a_formula_verb_marks_a_formula_only_where_its_object_ends_with_the_quote():
    # 推行“…”清单, 实施“…”提升工程, 实施“…”300万亩: the verb's object is the noun or the
    # quantity after the quotation; 坚持“…”不动摇 and 实施“…”。 still mark a formula
    df = formulas("推行“小事不出村”清单，实施“千村美化”提升工程，实施“水肥一体”300万亩，"
                  "坚持“小事不出村”不动摇，实施“千村美化”。")
    assert _rows(df, ("formula", "kind", "subkind", "first_start")) == [
        ("小事不出村", "non_formula", "term", 2), ("千村美化", "non_formula", "term", 14),
        ("水肥一体", "non_formula", "term", 27), ("小事不出村", "quoted", "", 41),
        ("千村美化", "quoted", "", 54)]


def test_numbered_sets_of_bodies_regions_and_funds_are_not_formulas():
    df = formulas("新晋“两院”院士5位，支持“三西”地区发展，压减“三公”经费，降低“三险一金”缴费比例，"
                  "落实“两项补贴”，支持“三农”发展。推行“一企一策”，建设“一带一路”。")
    assert _rows(df) == [("两院", "non_formula", "name"), ("三西", "non_formula", "name"),
                         ("三公", "non_formula", "term"), ("三险一金", "non_formula", "term"),
                         ("两项补贴", "non_formula", "term"), ("三农", "numbered", ""),
                         ("一企一策", "non_formula", "term"), ("一带一路", "numbered", "")]


def test_a_numbered_label_for_a_set_spelled_out_just_before_is_a_term():
    # 农业工业商业“三业”: the clause names the three 业 itself; alone “三业” is a numbered formula
    df = formulas("推动农业工业商业“三业”融合，推动“三业”融合。")
    assert _rows(df, ("formula", "kind", "subkind", "first_start")) == [
        ("三业", "non_formula", "term", 8), ("三业", "numbered", "", 17)]


def test_ying_x_jin_x_is_a_phrase_of_coverage_and_the_long_form_of_yiguo_liangzhi_a_formula():
    assert _rows(formulas("实现“应检尽检”。根据“一个国家两种制度”的构想推进统一。")) == [
        ("应检尽检", "non_formula", "term"), ("一个国家两种制度", "quoted", "")]


def test_a_series_of_one_character_quotes_is_a_formula_and_a_zero_goal_too():
    text = ("做好这项工作，一要注重“防”，把宣传做到位。二要注重“控”，把源头管起来。"
            "三要注重“治”，把隐患清干净。要坚持“稳”和“进”相统一。要确保“零发生”、力争“零反弹”。")
    f = formulas(text)
    kinds = dict(zip(f.formula, f.kind))
    assert kinds["防"] == kinds["控"] == kinds["治"] == "quoted"
    assert kinds["零发生"] == "quoted" and kinds["零反弹"] == "quoted"
    # two one-character quotes are words used as labels, not a series
    alone = formulas("要坚持“稳”和“进”相统一。")
    assert alone[["formula", "kind", "subkind"]].values.tolist() == [["稳、进", "non_formula", "term"]]
    # three one-character quotes in different frames are labels, not a series
    labels = formulas("过去在“左”的影响下，后来又有“右”的干扰，还要防止“偏”的倾向。")
    assert set(labels.kind) == {"non_formula"}


def test_a_quotation_the_speech_disowns_is_not_a_formula_even_when_numbered():
    # 所谓/说什么/制造 before the quotation are checked before the numbered and list rules (issue 13)
    df = formulas("他们大搞所谓“三项指示”，说什么“两个阶级之争，就是一切”，还妄图制造“一国两府”。"
                  "坚持“两个毫不动摇”。正所谓“天下难事，必作于易”。")
    assert _rows(df) == [("三项指示", "non_formula", "scare_quote"),
                         ("两个阶级之争，就是一切", "non_formula", "quotation"),
                         ("一国两府", "non_formula", "scare_quote"), ("两个毫不动摇", "numbered", ""),
                         ("天下难事，必作于易", "non_formula", "saying")]
    # 制造 as the noun of 智能制造 disowns nothing
    assert _rows(formulas("推动智能制造“三个转变”。")) == [("三个转变", "numbered", "")]


def test_words_after_a_quotation_that_name_it_outweigh_numerals_and_lists():
    df = formulas("开展“四个一百”评选，颁发“三个十佳”奖，举办“稳就业、促增收”论坛，开展“两节送温暖”活动，"
                  "落实“两个维护”要求。")
    assert _rows(df) == [("四个一百", "non_formula", "name"), ("三个十佳", "non_formula", "name"),
                         ("稳就业、促增收", "non_formula", "name"), ("两节送温暖", "non_formula", "name"),
                         ("两个维护", "numbered", "")]


def test_a_quoted_list_the_speech_rejects_is_a_scare_quote():
    # a rejecting verb before, or 倾向/心态 … after, outweighs the list: a practice the speech
    # condemns; the same kind of list after 坚持 stays a formula, and a numbered formula stays one
    df = formulas("要防止“重部署、轻落实”，克服“等、靠、要”思想，警惕“上有政策、下有对策”的倾向。"
                  "坚持“创新、协调、绿色、开放、共享”的新发展理念，反对“四风”。")
    assert _rows(df) == [("重部署、轻落实", "non_formula", "scare_quote"), ("等、靠、要", "non_formula", "scare_quote"),
                         ("上有政策、下有对策", "non_formula", "scare_quote"),
                         ("“创新、协调、绿色、开放、共享”的新发展理念", "quoted", ""), ("四风", "numbered", "")]


def test_a_quoted_list_naming_a_problem_or_what_a_few_do_is_a_scare_quote():
    # “…、…”问题/现象: the problem the speech names; 少数干部/个别单位 …“…、…”: what it criticises.
    # 一些地方 may be praised for a practice: its list stays a formula
    df = formulas("群众反映的“门难进、事难办”问题依然存在。个别单位满足于“开开会、发发文”。"
                  "一些地方探索“区域联动、部门协同”的做法，效果很好。")
    assert _rows(df) == [("门难进、事难办", "non_formula", "scare_quote"), ("开开会、发发文", "non_formula", "scare_quote"),
                         ("区域联动、部门协同", "quoted", "")]


def test_a_quotation_naming_a_campaign_is_a_name():
    # “…”专项行动 names a campaign, however listed or numbered; “…”行动 alone is often a national
    # initiative (“互联网+”行动), so it stays as the other rules say
    df = formulas("深入开展“清源断流”专项行动，组织“三打击、两整治”专项行动，实施“互联网+”行动。")
    assert _rows(df) == [("清源断流", "non_formula", "name"), ("三打击、两整治", "non_formula", "name"),
                         ("互联网+", "quoted", "")]


def test_a_quotation_naming_a_project_or_works_is_a_name():
    # “…”项目, “…”工程 and “…”等…工程 name a works (工程 is no formula word any more); 提升工程
    # after the quotation is still the noun the quotation qualifies, a term; a list stays a list
    df = formulas("推进“碧水绕城”项目建设，实施“引江补湖”等调水工程，实施“清水润田”提升工程，"
                  "实施“强基固本”工程，实施“智能制造、绿色制造”工程，推进“两重”项目。")
    assert _rows(df) == [("碧水绕城", "non_formula", "name"), ("引江补湖", "non_formula", "name"),
                         ("清水润田", "non_formula", "term"), ("强基固本", "non_formula", "name"),
                         ("智能制造、绿色制造", "quoted", ""), ("两重", "numbered", "")]


def test_a_quoted_sentence_opening_with_a_numeral_is_not_numbered():
    df = formulas("把“三个不放松，一个都不能少”写进规划，落实“五个坚持”。")
    assert _rows(df, ("formula", "kind", "subkind", "number")) == [
        ("三个不放松，一个都不能少", "non_formula", "quotation", None), ("五个坚持", "numbered", "", 5)]


def test_numbered_strings_that_are_no_formulas():
    # a count of units, a set of sites, numerals that are not a plan, 一X一Y, one of a kind
    df = formulas("落实“5个200”重点项目，推进“两个一千”工程，实现“两个一百年”奋斗目标。")
    assert _rows(df) == [("5个200", "non_formula", "name"), ("两个一千", "non_formula", "name"),
                         ("“两个一百年”奋斗目标", "numbered", "")]
    df = formulas("建设“两城一园”，提升“六站三场”接驳，打造“一区两中心”，形成“一核两翼”格局，深化“两区”建设。")
    assert _rows(df) == [("两城一园", "non_formula", "name"), ("六站三场", "non_formula", "name"),
                         ("一区两中心", "non_formula", "name"), ("一核两翼", "non_formula", "term"),
                         ("两区", "numbered", "")]
    df = formulas("纪念“八一”建军节，编制“十五五”规划，回顾“九五”时期和“一五”时期。")
    assert _rows(df) == [("八一", "non_formula", "name"), ("十五五", "numbered", ""), ("九五", "numbered", ""),
                         ("一五", "numbered", "")]
    df = formulas("推行“一业一证”，实施“一村一档”，加强“一老一小”服务，发挥“一核”作用，落实“三农”政策。")
    assert _rows(df) == [("一业一证", "non_formula", "term"), ("一村一档", "non_formula", "term"),
                         ("一老一小", "numbered", ""), ("一核", "non_formula", "term"), ("三农", "numbered", "")]


def test_a_quotation_after_a_colon_that_ends_the_sentence_is_a_quotation():
    # even a list; not when the clause before the colon names a policy statement (方针是：)
    df = formulas("老一辈常说：“不怕苦、不怕累”。工作方针是：“稳字当头、稳中求进”。他强调：“稳就业、保民生”，"
                  "这是重点。")
    assert _rows(df) == [("不怕苦、不怕累", "non_formula", "quotation"), ("稳字当头、稳中求进", "quoted", ""),
                         ("稳就业、保民生", "quoted", "")]
