"""Is a quoted string a formula (提法)? Rules on its content and on the words around it.

A quoted string is a formula when the lexicon knows it, when it is numbered (“四个自信”,
“十四五”), when it is a list (“各司其职、齐抓共管”), or when the words around it say so
(坚持“…” for a quotation of four characters or more that ends the verb's object: 打好“组合拳”
is a metaphor, 推行“…”白名单 names a list, not a 提法; “…”工作/
要求/战略/理念 … (not “…”工程, which names a works), and after 的 only a word for a policy
statement: “…”的理念, not “…”的工作).
It is not one (kind ``non_formula``) when it is:

- ``footer``: in a photo caption or the page footer (…新华社记者 X/摄);
- ``poem``: lines of five or seven characters (“装点此关山，今朝更好看。”), a quotation named
  as verse (“…”的诗句), or lines of five or seven characters after a clause that introduces
  verse (诗人写下“…”、“…”: not a quoted list);
- ``saying``: a classical line or couplet (之乎者也…, 正所谓“…”, a line with 兮/矣/焉/哉, a final
  也/乎, or 者 inside it: “行百里者半九十”), or a quotation named as one (“…”的古训, 这句名言);
- ``quotation``: a sentence quoted from someone (马克思说：“…。”, 曾言“…”; not after 知道; after a
  colon, a quotation that ends the sentence, even a list: 教导：“…、…”。, unless the clause names a
  policy statement: 方针是：“…”), the words of an opponent (说什么“…”), words
  of a person the sentence names first (像鲁迅所说的那样，…“…”), a cry or an oath (“…”的强音,
  的呼声, 的誓言: even a list, “…必胜、…必胜”), or anything longer than 50 characters; a quoted
  sentence is never split into parts;
- ``scare_quote``: a metaphor or ironic word (“卡脖子”技术, 所谓“…”, a wrong view “…论”,
  “孤岛”现象, 被誉为“…”, “…”的美誉/之称), or a practice or view the speech rejects
  (破除/克服/防止/摒弃/热衷于/信奉“…”, also before 思想: 克服“等靠要”思想; “…”的怪圈,
  “…”那一套; shackles it breaks, numbered or not: 冲破“…”的禁锢, “…”的束缚), or what the speech
  disowns (所谓/制造/鼓吹/拼凑“…”: checked before the numbered and list rules, so 所谓“两个估计”,
  制造“两个中国” are not numbered formulas); a quoted list is one too
  when it is rejected (防止“重部署、轻落实”), names a problem (“门难进、事难办”问题) or is what a few
  are criticised for (少数干部“宁可不干、不可干错”);
- ``historical``: a project or slogan of an earlier period (“两弹一星”成功), a quotation
  the clause places in the past (上世纪八十年代的“…”, 新中国成立初期的“…”), a “…”运动;
- ``name``: a title (以“…”为题), a name of an event, a product, a brand, a programme or an award (“两会”,
  “河北净菜”, 荣获“…奖”, “…”活动; the words after, “…”奖/活动/品牌/论坛/为题, outweigh numerals and
  lists: “五个一工程”奖, “反台独、促统一”活动, a campaign: “…”专项行动), a works (“…”项目, “…”工程,
  “…”等调水工程),
  a name with an interpunct (“…·…”), a named network
  layout or a programme phase, numbered in shape though they are (“…”高速铁路网, “…”六期), a
  programme (“…计划”), a numbered set of bodies or of regions (“两院”院士, “三北”) or of sites
  (“三城一区”, “两园一河”, “八站两场”: every group a city, park, river, station, school, zone …), a
  count of units (“3个100”), numerals that are not a five-year plan (“八七”, “七一”; “十四五”, “九五”
  are formulas);
- ``term``: any other quoted word the rules cannot place (ranks like “全国第一”, single
  characters (“左”的思想), ordinals like “第三次工业革命”, numbered sets of funds, fees or
  benefits (“五险一金”, “两项补贴”, “三公”经费), distributive 一X一Y (“一企一策”, “一业一查”), one of a
  kind (“一核”: 一 announces no set), a numbered label for a set
  the clause spells out just before (产业就业创业行业企业“五业”), 应…尽… phrases of coverage,
  and quoted words with no sign of a formula).

A quoted sentence is never a numbered formula, even when it opens with a numeral (说什么“四个
现代化之日，就是…”).

A list of quoted words (“老好人”、“太平官”) is read as its items are: a formula when an item is
one or the words around the list say so, or when the items repeat one skeleton (“禁种”、“禁制”,
see :func:`repeats_skeleton`); else a list of terms. A quoted numbered part of a quoted formula
of the same text (“三保障” beside “两不愁三保障”, see :func:`numbered_groups`) is a formula.
"""

from __future__ import annotations

import re

from .._text import HAN_CORE_CHARS
from .._text import cn_to_int
from ._frame import TITLE_END
from ._lexicons import Lexicon, lexicon_key, non_formula_words

__all__ = ["classify_quote", "cited_as", "clause_before", "numbered", "announced_number", "repeats_skeleton",
           "numbered_groups", "NON_FORMULA_SUBKINDS"]

NON_FORMULA_SUBKINDS = ("footer", "poem", "saying", "quotation", "scare_quote", "historical", "name", "term")

_MAX_FORMULA = 50
_CLASSICAL = set("之乎者也矣焉哉兮曰莫夫盖其吾汝尔")
_LINE_SPLIT = re.compile(r"[，。；！？,;!?、]")
_FOOTER_BEFORE = re.compile(r"(?:责任编辑|编辑[：:]|来源[：:]|图为|图片来源|原标题[：:]|（新华社[^）]{0,20}电）)")
_CAPTION_AFTER = re.compile(r"^[^。！？\n“”]{0,80}[。！？]?[\s\u3000]*(?:(?:新华社|人民日报|人民网|央视)?记者[^。！？\n]{0,16}摄"
                            r"|[（(][^（）()\n]{0,20}(?:摄|供图)[）)]|资料图片|资料照片)")
_SAYING_BEFORE = re.compile(r"(?:正所谓|古人云|古人说|古语说|常言道|俗话说|俗语说|有言|有云|曰|云)[：:，,]?$")
#: A speech verb just before a quotation: 说：“…”, 写道, 曾言. (道 is not 知道, 报道, 渠道 …: “…”
#: after 让世界知道 is what the world is to know, not what someone said.)
_SPEECH_BEFORE = re.compile(r"(?:说|讲|(?<![知报渠轨频味难街])道|称|写道|指出|强调|提出|认为|所说|所言|说过|讲过|讲到|问|言)"
                            r"(?:过)?[：:]$|[：:]$|(?:说|讲|(?<![知报渠轨频味难街])道|称|曾言)$")
#: A sentence that opens by naming whose words follow (像鲁迅所说的那样，…“…”): the quotation
#: is that person's words, even where a formula word follows it (“…”的工作).
_ATTRIBUTED_BEFORE = re.compile(r"(?:正如|诚如|就像|好像|像|如同)[^。！？；“”]{1,16}(?:所说|所言|所讲|说过|讲过|说的|讲的)"
                                r"(?:的那样|那样)?[，,：:][^。！？；“”]{0,24}$")
_SCARE_BEFORE = re.compile(r"(?:所谓的?|被誉为|誉为|称为|称作|喻为|比作|号称|堪称|当好|当起|是|成为|变成|搞)$")
_SCARE_AFTER = re.compile(r"^(?:现象|之说|之类|那一套|那一类|那类|之流|心态|思维|思想作怪|的?(?:美誉|美称|雅号|之称|之誉)|"
                          r"的?(?:怪圈|困境|乱象|顽疾|陋习|弊端|倾向|苗头)|的?(?:旗号|幌子|招牌))")
#: After a quotation: it names shackles the speech breaks (冲破“…”的禁锢, 摆脱“…”的束缚): a view it
#: rejects, even when it is numbered in shape, not a formulation of its own.
_SHACKLES_AFTER = re.compile(r"^的?(?:禁锢|束缚|桎梏|羁绊|窠臼|框框)")
#: A practice or view the speech rejects: 破除“官本位”思想, 克服“等靠要”思想, 不搞“花架子”.
_REJECT_BEFORE = re.compile(r"(?:破除|克服|反对|防止|纠正|警惕|摒弃|杜绝|抵制|根治|消除|打破|力戒|切忌|谨防|"
                            r"摆脱|跳出|走出|冲破|告别|遏制|铲除|革除|清除|拒绝|不搞|不当|不做|不要|不能|不得|热衷于|迷信|信奉)"
                            r"(?:了|掉)?(?:各种|一切|所有|那种|这种|种种|一些)?$")
#: After a quoted list, the problem it names (“门难进、脸难看”问题, “重形式、轻实效”现象).
_PROBLEM_AFTER = re.compile(r"^(?:等)?的?(?:问题|现象)")
#: Earlier in the clause, the few a speech criticises (少数干部“…、…”, 个别单位满足于“…、…”); 一些/有的
#: are left out: 一些地方探索“…、…”的做法 may well be praise.
_CRITICISED_BEFORE = re.compile(r"(?:个别|少数)(?:地方|地区|单位|部门|干部|同志|党员|领导|人|企业)")
#: Words after a quotation that name it as a line of verse, a saying or a remark.
_CITED_AFTER = re.compile(r"^(?:的|这句|这一|这个|这段|那句)?(?:(?P<poem>诗句|名句|诗篇|诗)"
                          r"|(?P<saying>古训|古语|古话|老话|名言|格言|警句|箴言|俗语|谚语|成语|典故))")
#: Classical diction in a short line: final particles (兮, 矣, 焉, 哉; 也/乎 at the end), or
#: 者 inside the line (行百里者半九十) with none of the modern function words.
_CLASSICAL_LINE = re.compile(r"[兮矣焉哉]|[也乎]$|^[^者的了们是在和对把被让使]{1,5}者[^者的了们是在和对把被让使]{2,5}$")
#: Where a quotation is placed in an earlier period (上世纪八十年代的“…”, 新中国成立初期的“…”): a
#: historical term. (当年 is left out: it is as often "that same year" as "back then".)
_HISTORICAL_BEFORE = re.compile(r"(?:昔日|历史上|上世纪|那个年代|[0-9]{2}年代|[一二三四五六七八九]十年代|"
                                r"新中国成立(?:之)?初期?|建国初期|计划经济(?:时期|年代))[^，。；！？：]{0,16}$")
_HISTORICAL_AFTER = re.compile(r"^运动")
#: A named network or a phase of a programme: “四纵四横”高速铁路网, “三北”六期.
_LAYOUT_AFTER = re.compile(r"^(?:(?:高速铁路|高速公路|高铁|铁路|公路|城际铁路|综合交通|交通|航道|能源|油气|路|水|电|管)网"
                           r"|主骨架|(?:综合运输|交通|物流|能源)?大?通道|走廊|[一二三四五六七八九十]+期(?![间待望限盼]))")
_INTERPUNCT = re.compile(r"[·•・]")
#: A clause that introduces lines of verse: 诗人写下“…”, 有诗云, 吟出“…”.
_VERSE_BEFORE = re.compile(r"(?:诗|词人|词中|吟|咏|写下|题写)[^，。；！？]{0,8}$")
_NOT_SCARE_LUN = ("两点论", "重点论", "认识论", "方法论", "实践论", "矛盾论", "系统论", "唯物论", "辩证论")
_PROVINCES = ("北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
              "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川",
              "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "香港", "澳门", "台湾")
#: The last word names what the quotation is the name of: an award, an event, a work, a programme
#: (“长白英才计划”, “双高计划”: a named programme, not a 提法).
_NAME_SUFFIX = re.compile(r"(?:奖|杯|号|节|展|赛|会|剧|片|台|站|网|报|刊|书|歌|曲|牌|计划)$")
_NAME_BEFORE = re.compile(r"(?:系列|荣获|获得|获评|获|入选|名为|命名为|叫做|叫|题为|品牌|冠名)$")
_NAME_AFTER = re.compile(r"^(?:活动|品牌|大赛|比赛|论坛|晚会|展会|节目|栏目|系列|号|牌|奖|杯|App|APP|平台|的?称号|的?头衔)")
_RANK = re.compile(r"^(?:全国|全省|全市|全球|世界|亚洲|国内)?(?:第[一二三四五六七八九十百千0-9]|唯一|首个|首家)")
#: Words around a quotation that show it is a formula.
_FORMULA_BEFORE = re.compile(
    r"(?:坚持|落实|贯彻|践行|做到|拥护|树立|树牢|增强|坚定|弘扬|遵循|秉持|把握|统筹推进|协调推进|实施|推行|"
    r"注重|确保|力争|实现|强化|坚守|守住|牢记|贯穿|紧扣|抓好|做好|打好|打赢|筑牢|兜牢|兜住|守牢|提出了?|确立)$"
)
#: Directly after the quotation the word names what the quotation is (“放管服”改革, “三同步”要求);
#: after 的 only a word for a policy statement does: “…”的工作, 的建设, 的行动 say what the work
#: consists of (做“剜烂苹果”的工作), which any phrase can.
_FORMULA_AFTER = re.compile(
    r"^(?:的(?:重要|总体|基本)?(?:要求|战略|理念|方针|原则|思想|布局|政策|目标|任务|论述|方略|部署|思路|主线|"
    r"总基调|总要求|总目标)"
    r"|(?:重要|总体|基本)?(?:工作|要求|战略|理念|方针|原则|思想|布局|政策|目标|任务|建设|改革|体系|机制|"
    r"制度|格局|精神|论述|方略|底线|标准|行动|规划|时期|期间|阶段|部署|路径|导向|原则|思路|主线|定位|"
    r"攻坚|专项|战役|保卫战|攻坚战|总基调|总要求|总目标|责任制|使命任务|使命))"
)
#: A formula verb marks the quotation as its object only where the object ends with it (坚持“…”，
#: 实施“…”。, 坚持“…”不动摇): in 实施“…”产能建设工程, 推行“…”白名单 or 实施“…”1138万亩 the
#: object is the noun or the quantity after it, which the quotation only names or qualifies.
_OBJECT_END = re.compile(r"^(?:$|[，。；：！？、,.;:!?）)”」\s]|的|等|和|与|及|不动摇|毫不动摇|不放松|不松劲)")
#: A formula verb before a quotation marks a formula only when the quotation is four characters
#: or more: before a word of two or three (打好“组合拳”, 守住“底线”, 用好“指挥棒”) it marks a
#: metaphor; the short formulas (“三农”, “六稳”, “放管服”) are numbered or in the lexicon.
_MIN_CUED_FORMULA = 4
_NUMERAL = "一二两三四五六七八九十"
_NUMBERED_CLASSIFIER = re.compile(  # 三个到位, 八项规定, 三大战略 … (一个… is just "a …")
    rf"^(?!一个)([{_NUMERAL}]{{1,3}}|[0-9]{{1,2}})(?:个|项|大|条|种|点|位|张|句|字|化|不|有|严|为|统一|支)"
)
_NUMBERED_ALTERNATING = re.compile(rf"^(?:[{_NUMERAL}][{HAN_CORE_CHARS}]{{1,2}}){{2,4}}$")
_NUMBERED_ONLY = re.compile(rf"^[{_NUMERAL}]{{2,4}}$")
_NUMBERED_SHORT = re.compile(rf"^([{_NUMERAL}])[{HAN_CORE_CHARS}]$")  # 三农, 四风, 三公
_NUMBERED_GROUP = re.compile(rf"[{_NUMERAL}][{HAN_CORE_CHARS}]{{1,2}}")
#: Numbered in shape but no 提法 (the lexicon's numbered formulas are placed before these):
#: a set of bodies (“两院”院士, “两委”) or of regions named by compass points (“三北”工程) is a
#: name; a set of funds, fees or benefits (“五险一金”, “两项补贴”, “三资”, “三公”经费) is a term
#: of accounts; a distributive 一…一策 (“一断面一策”, “一企一策”: one measure for each) is a
#: term of method.
_NUMBERED_BODIES = re.compile(rf"^[{_NUMERAL}][院会委]$")
_NUMBERED_REGIONS = re.compile(rf"^[{_NUMERAL}][东西南北]$")
_FUNDS_END = re.compile(r"(?:[金费资款]|补贴|补助|津贴)$")
_FUNDS_AFTER = re.compile(r"^(?:经费|资金|费用|缴费|补贴|补助|款)")
_DISTRIBUTIVE = re.compile(rf"^一[{HAN_CORE_CHARS}]{{1,3}}一[{HAN_CORE_CHARS}]$")
#: 应…尽… / 能…尽… (“应救尽救”, “应保尽保”): "all who should be … are …", a phrase of coverage.
_COVERAGE = re.compile(rf"^[应能]([{HAN_CORE_CHARS}]{{1,2}})尽\1$")
#: Words before a quotation by which the speech disowns it: 所谓“…” (so-called), 说什么“…” (the
#: words of an opponent), 制造/鼓吹/拼凑“…” (a scheme or view it fights; not 智能制造“…”). Checked before the
#: numbered and list rules: 所谓“两个估计”, 制造“两个中国” are numbered in shape, not 提法.
_DISOWN_BEFORE = re.compile(r"(?:(?<![正之])所谓的?|(?:说|讲|叫嚷|宣称|扬言)什么|"
                            r"(?<!智能)(?<!先进)(?<!绿色)(?<!中国)(?<!高端)(?<!装备)制造|鼓吹|散布|兜售|拼凑|炮制|妄图|企图)$")
#: Words after a quotation that name it (an activity, a brand, an award, a forum, a title, a campaign: the
#: “…”专项行动; “…”行动 alone is often a national initiative, “互联网+”行动): the quotation is the name,
#: however numbered or listed it is (“五个一工程”奖, “反台独、促统一”活动).
_NAMED_AFTER = re.compile(r"^(?:活动|品牌|大赛|比赛|论坛|晚会|展会|节目|栏目|奖|杯|为题|专项行动)")
#: After a quotation, a project or a works it is the name of: “…”项目, “…”工程, “…”等应急调水工程.
_WORKS_AFTER = re.compile(r"^(?:工程|项目|等[^，。；：！？“”]{0,6}(?:工程|项目))")
#: Sentence punctuation inside a quotation: a quoted sentence is not a numbered formula even when
#: it opens with a numeral (说什么“四个现代化之日，就是…”).
_SENTENCE_PUNCT = re.compile(r"[，,；;。！？!?]")
#: A count of units (“3个100”, “两个一千”): a programme named by its numbers, not a 提法.
_COUNT_OF_UNITS = re.compile(rf"^(?:[0-9]{{1,2}}|[{_NUMERAL}]{{1,3}})个(?:[0-9]+|[一二两三四五六七八九十百千万]+)$")
#: Places of a numbered set of sites (“三城一区”, “两园一河”, “八站两场”, “一区三中心”): every group
#: of the set ends in one of these; such a set is a name (of a layout), like a set of bodies.
_SITE_END = re.compile(r"(?:城|园|河|站|场|校|院|区|圈|带|中心)$")
#: Numerals only: the canonical ones name a five-year plan (“十四五”, “九五”, “七五”); others
#: (“八七” of a programme, “七一”, “五一”, “八一” of a date) are names.
_PLAN_NUMERAL = re.compile(rf"^[{_NUMERAL}]{{0,3}}五$")
#: A colon before a quotation that ends the sentence: the quotation is said by someone (教导：“…”。),
#: even a list; unless the clause before the colon names a policy statement (方针是：“…”).
_COLON_BEFORE = re.compile(r"[：:]$")
_STATEMENT_BEFORE_COLON = re.compile(r"(?:方针|原则|要求|目标|战略|理念|思路|主题|任务|精神|总基调|口号|内容)"
                                     r"(?:是|为|就是)?[：:]$")
_SENTENCE_END_AFTER = re.compile(r"^(?:$|[。！？!?\n”」])")


#: After a quotation: it names a cry (“…”的强音): not a formula, even with the list or the
#: numerals of one (“…必胜、…必胜”的强音). (A title, 以“…”为题, is in :data:`_NAMED_AFTER`.)
_CRY_AFTER = re.compile(r"^的?(?:强音|呼声|呐喊|誓言|心声|口号声|欢呼)")
#: Characters that make no skeleton of their own (国家的、人民的).
_FUNCTION_CHARS = set("的之和与了是也在")


#: Parts of a spatial layout: the 核, 翼, 轴, 带 … of a region's own plan of its space (“一核两翼”,
#: “一主两副”, “一圈两带”, “四域多点”). Such a layout is a term, not a 提法; the national ones that are
#: (一带一路 …) are in the lexicon, which is looked up first.
_LAYOUT_END = re.compile(r"(?:核|翼|主|副|轴|廊|极|纵|横|环|射|屏|片|群|心|点|域)$")
_LAYOUT_GROUP = re.compile(rf"[{_NUMERAL}多]{{1,3}}[^{_NUMERAL}多、]+")


def _layout_kind(folded: str) -> str:
    """``"name"`` for a set of sites (“三城一区”, “两园一河”, “一区两中心”), ``"term"`` for a spatial
    layout (“一核两翼”), ``""`` for neither: two or more numbered groups (多 counts: 多点; 十二横),
    each a site (:data:`_SITE_END`) or a part of a layout (:data:`_LAYOUT_END`), or a 、-list of
    such sets."""
    sites = True
    for item in folded.split("、"):
        groups = _LAYOUT_GROUP.findall(item)
        if len(groups) < 2 or "".join(groups) != item \
                or not all(_SITE_END.search(g) or _LAYOUT_END.search(g) for g in groups):
            return ""
        sites = sites and all(_SITE_END.search(g) for g in groups)
    return "name" if sites else "term"


def announced_number(folded: str) -> int | None:
    """The count a numbered formula announces (4 for 四个注重, 3 for 三农), if it has one."""
    m = _NUMBERED_CLASSIFIER.match(folded) or _NUMBERED_SHORT.match(folded)
    return (cn_to_int(m.group(1)) or None) if m else None


def numbered(folded: str) -> bool:
    """Whether a (folded) quoted string has the shape of a numbered formula."""
    return bool(_NUMBERED_CLASSIFIER.match(folded) or _NUMBERED_SHORT.match(folded)
                or _NUMBERED_ALTERNATING.match(folded) or _NUMBERED_ONLY.match(folded))


def numbered_groups(folded: str) -> tuple[str, ...]:
    """The numbered groups of an alternating numbered formula (两不愁三保障 → 两不愁, 三保障);
    ``()`` for any other string."""
    if not _NUMBERED_ALTERNATING.match(folded):
        return ()
    groups = tuple(_NUMBERED_GROUP.findall(folded))
    return groups if "".join(groups) == folded else ()


def repeats_skeleton(items: tuple[str, ...]) -> bool:
    """Whether quoted list items repeat one skeleton: a shared first or last character
    (“禁种”、“禁制”; “文化大篷车”、“科普大篷车”) or the same characters at half their
    positions or more; function characters alone (的, 之 …) make no skeleton."""
    if len(items) < 2:
        return False
    firsts, lasts = {x[0] for x in items}, {x[-1] for x in items}
    if (len(firsts) == 1 and not firsts <= _FUNCTION_CHARS) or (len(lasts) == 1 and not lasts <= _FUNCTION_CHARS):
        return True
    n = min(len(x) for x in items)
    if len({len(x) for x in items}) != 1:
        return False
    fixed = [i for i in range(n) if len({x[i] for x in items}) == 1 and items[0][i] not in _FUNCTION_CHARS]
    return 2 * len(fixed) >= n


def _sentence_subkind(content: str) -> str:
    lines = [x for x in _LINE_SPLIT.split(content) if x]
    lengths = {len(x) for x in lines}
    if len(lines) >= 2 and len(lengths) == 1 and lengths <= {5, 7}:
        return "poem"
    if any(ch in _CLASSICAL for ch in content) and all(len(x) <= 12 for x in lines):
        return "saying"
    return "quotation"


def _in_footer(folded: str, start: int, end: int) -> bool:
    line_start = max(folded.rfind("\n", 0, start), max(folded.rfind(c, 0, start) for c in "。！？")) + 1
    if _FOOTER_BEFORE.search(folded, line_start, start):
        return True
    return bool(_CAPTION_AFTER.match(folded[end:end + 120]))


def clause_before(folded: str, start: int, limit: int = 24) -> str:
    """The text of the clause before ``start`` (at most ``limit`` characters)."""
    a = start
    while a > 0 and start - a < limit and folded[a - 1] not in "，。；！？：,;!?:\n":
        a -= 1
    return folded[a:start]


def cited_as(lines: tuple[str, ...], *, before: str, after: str) -> str:
    """``"poem"`` or ``"saying"`` when the words around a quotation name it as verse or a
    saying (“…”的诗句, “…”这句古语), or when a clause that introduces verse (诗人写下“…”)
    quotes lines of five or seven characters each; else ``""``."""
    m = _CITED_AFTER.match(after)
    if m:
        return "poem" if m.group("poem") else "saying"
    if _VERSE_BEFORE.search(before) and {len(x) for x in lines} in ({5}, {7}):
        return "poem"
    return ""


_ZERO_GOAL = re.compile(rf"零[{HAN_CORE_CHARS}]{{1,3}}")
_ONE_CHAR_QUOTE = re.compile(rf"[“「]([{HAN_CORE_CHARS}])[”」]")
_SERIES_SPAN = 400  # characters either side: a series spread over the items of one enumeration


def _one_character_series(folded: str, start: int) -> bool:
    """Is the quotation at ``start`` one of at least 3 different one-character quotations close together,
    each after the same two characters (注重“堵”…注重“教”…注重“管”: the items of one frame)?"""
    lo = max(0, start - _SERIES_SPAN)
    frame = folded[max(0, start - 2):start]
    same = {m.group(1) for m in _ONE_CHAR_QUOTE.finditer(folded, lo, start + _SERIES_SPAN)
            if folded[max(0, m.start() - 2):m.start()] == frame}
    return len(frame) == 2 and len(same) >= 3


def classify_quote(folded: str, start: int, end: int, content: str, lexicon: Lexicon, *,
                   before: str, after: str, list_length: int = 0) -> tuple[bool, str]:
    """Classify one quotation: ``(is_formula, subkind)``; subkind is ``""`` for a formula.

    ``folded`` is the whole text folded to Simplified; ``start``/``end`` span the
    quotation marks; ``content`` is the folded content; ``before``/``after`` are the
    characters just outside the quotation (or around a run of adjacent quotations);
    ``list_length`` is the length of all the items of the quoted list it is an item of
    (做到“抓基层”、“打基础”: a formula verb before a list marks a formula, however short
    the items), 0 for a quotation on its own.
    """
    c = content
    if _in_footer(folded, start, end):
        return False, "footer"
    key = lexicon_key(c)
    if lexicon.canonical(c) is not None:
        return True, ""
    if len(key) >= 4:
        for m in lexicon.finditer(key):
            if 2 * (m.end() - m.start()) >= len(key):
                return True, ""
    if TITLE_END.search(c) or len(c) > _MAX_FORMULA:
        return False, _sentence_subkind(c)
    if _ZERO_GOAL.fullmatch(key):
        return True, ""  # a zero goal (“零产量”“零种植”“零容忍”): the speech's own target, however short
    if len(key) == 1:
        # one character (“左”的思想, “稳”和“进”) is a word used as a label, not a formulation, unless
        # it is one of a series of them (一要注重“堵”…二要注重“教”…“管”…“建”: a four-word formula)
        if _one_character_series(folded, start) and not _REJECT_BEFORE.search(before):
            return True, ""
        return False, "scare_quote" if _REJECT_BEFORE.search(before) else "term"
    listed = non_formula_words().get(c)
    if listed is not None:
        return False, listed
    cited = cited_as((c,), before=clause_before(folded, start), after=after)
    if cited:
        return False, cited
    disowned = _DISOWN_BEFORE.search(before)
    if disowned:
        # 所谓“两个估计”, 制造“两个中国”: a scheme or view the speech disowns; 说什么“…，…”: its
        # opponent's words
        said = "什么" in disowned.group()
        return False, ("quotation" if said or _SENTENCE_PUNCT.search(c) else "scare_quote")
    if _NAMED_AFTER.match(after):
        return False, "name"  # “五个一工程”奖, “反台独、促统一”活动, 以“…”为题
    if _HISTORICAL_BEFORE.search(clause_before(folded, start)) or _HISTORICAL_AFTER.match(after):
        return False, "historical"
    if _SHACKLES_AFTER.match(after) and not _SENTENCE_PUNCT.search(c):
        return False, "scare_quote"  # 冲破“…”的禁锢: a view the speech breaks free of
    if _LAYOUT_AFTER.match(after) or (_INTERPUNCT.search(c) and "、" not in c):
        return False, "name"
    if _RANK.match(c):
        return False, "term"
    layout = _layout_kind(c)
    if layout:
        return False, layout  # “一核两翼”, “一主两副、一圈两带”: a region's layout of its space; “三城一区” sites
    if numbered(c) and not _SENTENCE_PUNCT.search(c):
        if _NUMBERED_BODIES.match(c) or _NUMBERED_REGIONS.match(c) or _COUNT_OF_UNITS.match(c) \
                or (_NUMBERED_ONLY.match(c) and not _PLAN_NUMERAL.match(c)):
            return False, "name"
        if _FUNDS_END.search(c) or _FUNDS_AFTER.match(after) or _DISTRIBUTIVE.match(c) \
                or (_NUMBERED_SHORT.match(c) and c[0] == "一" and c[1] not in _NUMERAL):
            # 一…一X (one for each: “一企一策”, “一业一查”); “一核”: one of a kind announces no set
            return False, "term"
        n = announced_number(c)
        if n and n >= 2 and clause_before(folded, start).count(c[-1]) >= n:
            # the clause spells the set out just before (产业就业创业行业企业“五业”联动): a label
            # the speech coins for its own list, not a 提法 (the lexicon knows 三农 …)
            return False, "term"
        return True, ""
    if _COVERAGE.match(c):
        return False, "term"
    if _COLON_BEFORE.search(before) and _SENTENCE_END_AFTER.match(after) \
            and not _STATEMENT_BEFORE_COLON.search(before):
        return False, _sentence_subkind(c)  # 毛泽东同志的教导：“…、…”。: words quoted from someone
    if _CRY_AFTER.match(after):
        return False, "quotation"  # “…”的强音: a cry or an oath of the people, not a 提法
    if "、" in c and "——" not in c and not ("，" in c and len(c) > 25):
        if _REJECT_BEFORE.search(before) or _SCARE_AFTER.match(after) or _PROBLEM_AFTER.match(after) \
                or _CRITICISED_BEFORE.search(clause_before(folded, start)):
            # 防止“重部署、轻落实”, “等、靠、要”的倾向, “门难进、事难办”问题, 少数干部“宁可不干、不可干错”:
            # a practice the speech rejects or criticises, not a formulation of its own
            return False, "scare_quote"
        return True, ""
    if _WORKS_AFTER.match(after):
        return False, "name"  # “碧水绕城”项目, 实施“引江补湖”等调水工程: the name of a works
    if _SAYING_BEFORE.search(before):
        return False, "saying"
    if _SPEECH_BEFORE.search(before):
        return False, _sentence_subkind(c) if re.search(r"[，,；;]", c) else "quotation"
    if re.search(r"[，；]", c):
        return False, _sentence_subkind(c)
    if (c.endswith("论") and len(c) >= 3 and c not in _NOT_SCARE_LUN) or _SCARE_BEFORE.search(before) \
            or _SCARE_AFTER.match(after) or _REJECT_BEFORE.search(before):
        return False, "scare_quote"
    if (len(c) >= 4 and c.startswith(_PROVINCES)) or _NAME_SUFFIX.search(c) or _NAME_BEFORE.search(before) \
            or _NAME_AFTER.match(after):
        return False, "name"
    if _ATTRIBUTED_BEFORE.search(folded, max(0, start - 48), start) and not _FORMULA_BEFORE.search(before):
        return False, "quotation"  # 像鲁迅所说的那样，批评家要做“剜烂苹果”的工作
    if _FORMULA_AFTER.match(after):
        return True, ""
    if _CLASSICAL_LINE.search(c):
        return False, "saying"  # 牢记“行百里者半九十”: a classical line, even after a formula verb
    if _FORMULA_BEFORE.search(before) and max(len(key), list_length) >= _MIN_CUED_FORMULA \
            and _OBJECT_END.match(after):
        return True, ""
    return False, "term"  # no sign of a formula: on the dev gold, calling these formulas returned 19 of 64 non-formulas, not 2
