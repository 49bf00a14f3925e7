"""Targets: every numeric expression, told apart as a target, a statistic or a date.

到2025年, 力争…95%以上, 确保零发生 are targets; 已有…1.23亿户, 比上年增长5.6% are statistics;
2020年11月12日, 30周年, 过去10年 are dates.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal, Union

import pandas as pd

from .._checks import check_choice
from .._text import CN_DIGITS, FOLD, HAN_CORE_CHARS, cn_decimal, cn_to_int, is_han
from ..errors import InputError
from ._frame import TextLike, frame, get_text
from .sentences import SentenceIndex

__all__ = ["targets", "TARGET_COLUMNS", "TargetKind"]

_TARGET_SCHEMA = {
    "kind": "str", "form": "str", "text": "str", "value": "float64", "unit": "str",
    "sentence": "str", "start": "int64",
}
TARGET_COLUMNS = tuple(_TARGET_SCHEMA)
TargetKind = Literal["target", "statistic", "date"]
_KINDS = ("target", "statistic", "date")

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN_NUM = "零〇一二三四五六七八九十两"
_MULT = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3, "百": 1e2}
_TIME_UNITS = ("个多月", "个半月", "个月", "年", "天", "周", "小时", "分钟", "载", "个工作日", "工作日", "日", "秒", "季度", "个季度")
_UNITS = sorted((
    "人次", "人", "名", "位", "户", "家", "个", "件", "起", "宗", "次", "批次", "批", "场次", "场", "项", "所",
    "座", "台", "辆", "套", "张", "条", "处", "支", "只", "头", "匹", "株", "棵", "本", "册", "部", "篇",
    "期", "届", "元", "美元", "公斤", "千克", "克", "吨", "斤", "公里", "千米", "米", "平方公里", "平方千米",
    "平方米", "立方米", "亩", "公顷", "倍", "岁", "间", "床", "千瓦时", "千瓦", "标准煤", "分", "所学校",
    "个省份", "栋", "幢", "艘", "架次", "标箱", "万千瓦", "兆瓦", "吉瓦", "种", "类", "门", "片", "块", "根",
    "层", "多种", *_TIME_UNITS,
), key=len, reverse=True)
_APPROX = r"(?:左右|以上|以下|以内|上下|多|余)?"
_TARGET = re.compile(
    r"(?=[到0-9今本明当年百零一二三四五六七八九十两世全亚中西东ⅠⅡⅢⅣⅤ])"  # cheap first-character filter
    rf"(?:(?P<fulldate>(?<!\d)\d{{4}}年\d{{1,2}}月\d{{1,2}}日|(?<![\d-])\d{{4}}-\d{{1,2}}-\d{{1,2}}(?![\d-]))"
    rf"|(?P<deadline1>到(?P<dy1>\d{{4}})年(?:(?P<dm1>\d{{1,2}})月)?(?:底|末)?(?:前|之前|以前)?)"
    rf"|(?P<deadline2>(?<!\d)(?P<dy2>\d{{4}})年(?:(?P<dm2>\d{{1,2}})月)?(?:底|末|年底|年末)?(?:之前|以前|前))"
    rf"|(?P<deadline3>(?P<dp3>今|本|明|当)?年度?(?:内|底前|末前|底之前|底以前))"
    rf"|(?P<month>(?<!\d)(?:\d{{4}}年)?(?<!\d)(?:1[0-2]|0?[1-9])月(?:(?:[12]\d|3[01]|0?[1-9])日)?(?:底|末|初|份)?"
    rf"(?:(?:上|中|下)旬)?(?P<mdl>前|之前|以前)?)"
    rf"|(?P<anniv>(?<![\d.])(?P<an>\d+)(?:多)?周年)"
    rf"|(?P<century>(?<![\d.])(?P<cn>\d{{1,2}})世纪)"
    rf"|(?P<year>(?<!\d)(?P<y>\d{{4}})年(?!\d|代|级))"
    rf"|(?P<points>(?<![\d.])(?P<pn>{_NUM})个百分点)"
    rf"|(?P<percent>(?<![\d.])(?P<pc>{_NUM})[ \t]*%(?:以上|以下|左右|以内)?)"
    rf"|(?P<percent_cn>百分之(?P<pcn>[零〇一二三四五六七八九十百点]+)(?:以上|以下|左右)?)"
    rf"|(?P<permille>(?<![\d.])(?P<pm>{_NUM})[ \t]*‰)"
    rf"|(?P<share>(?<![{_CN_NUM}\d.])(?P<sh>[一二三四五六七八九]|\d+(?:\.\d+)?)成(?:以上|左右|多)?"
    rf"(?![为立果绩本员功熟长效就都品交型套了效像全色立器才]))"
    rf"|(?P<fraction>(?<![\d./])(?P<fa>\d+)/(?P<fb>\d+)(?![\d/])|(?P<fcb>[一二三四五六七八九十百千万]+)分之"
    rf"(?P<fca>[一二三四五六七八九十]+))"
    rf"|(?P<rank>(?:世界|全国|全球|全省|全市|亚洲|全国同类城市|中西部|西部|中部|东部)(?:第(?P<rk>[一二三四五六七八九十\d]+)"
    rf"|前(?P<rt>[一二三四五六七八九十\d]+))(?:位|名)?(?![轮次批届个方期代季条号]))"
    rf"|(?P<klass>(?P<kl>[ⅠⅡⅢⅣⅤ]+)类)"
    rf"|(?P<zero>(?<![零〇一二三四五六七八九十百千万亿0-9])零(?P<zx>[{HAN_CORE_CHARS}]{{1,2}}))"
    rf"|(?P<allof>全部(?:脱贫|摘帽|退出|清零|达标|覆盖|出列|销号)|全覆盖)"
    rf"|(?P<quantity>(?<![\d.,/])(?P<qn>{_NUM})[ \t]*(?P<qa>余|多)?(?P<qm>万亿|亿|千万|百万|万|千)?(?P<qb>余|多)?"
    rf"(?:(?P<qu>{'|'.join(_UNITS)})|(?<=[万亿千余多])){_APPROX})"
    ")"
)
_DEADLINE3_OK_PREV = set("在于争要保须前力并和、，,：:；;。 \t\u3000")
_ZERO_BAD = set("星售件散钱食部碎点工下花头用活乱落号配时分度陵担和点头乘除的")
_ROMAN = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5}
_DATE_FORMS = {"fulldate", "month", "anniversary", "century", "year", "duration"}

# --- cues: past (a statistic) and future (a target) -------------------------------------------
_PAST_CUE = re.compile(
    r"已经|已有|已达|已(?![经有达])|过去|以来|年来|先后|曾经|曾|共有|共计|总共|"
    r"[增提降减下上]升了|增长了|提高了|下降了|减少了|增加了|达到了|实现了|完成了|突破了|取得了|超过了|"
    r"圆满完成|如期完成|顺利完成|超额完成|刚刚|回顾|这些年|近年来|近\d+年|"
    r"[〇零一二三四五六七八九十百\d]+年(?:间|里|中)|当时|那时|创历史"
)
# past in a review or a speech, but not in a plan (累计达8000处, 比上年下降3%, 力争比去年增长)
_WEAK_PAST_CUE = re.compile(r"累计|比上年|同比|比去年|较上年|较去年|比上一年|上年|去年|前年|"
                            r"位居|稳居|跃居|跃升|居全|居世界|居于|名列")
_STRONG_FUTURE = re.compile(r"力争|确保|目标|预期(?!寿命)|预计|计划|争取|力求|控制在|不低于|不少于|不超过|不高于|"
                            r"到\d{4}年(?![^，。；]{0,2}的)|\d{4}年(?:底|末)?前|年内|拟")
# in a review, only a goal or a dated one makes a target (控制在5%以内 there is a result, and 预计达6500亿元
# an estimate of the year under review)
_FORECAST = re.compile(r"预期(?!寿命)|力争|目标|计划到|到\d{4}年(?![^，。；]{0,2}的)|\d{4}年(?:底|末)?前")
_GROWTH_PAIR = re.compile(r"[从由][^，。；]{0,30}?(?:增加|提高|增长|跃升|提升|上升|下降|降低|减少|扩大|发展|降|增)(?:到|至|为)")
_PLAN_START = re.compile(
    r"(?:今年|明年|\d{4}年|“十[四五六]五”时期|今后五年|未来五年)(?:的)?(?:政府)?(?:工作)?(?:的)?"
    r"(?:总体要求|主要预期目标|预期目标|主要目标|主要工作|重点工作|工作安排|主要任务|目标任务)|主要预期目标|"
    r"(?:做好|抓好)(?:今年|明年|\d{4}年)(?:的)?(?:政府)?工作"
)
_PAST_START = re.compile(r"过去(?:一|五|的)年|(?:\d{4}|去)年(?:政府)?工作回顾|工作回顾|五年来|这五年|刚刚过去的|一年来|"
                         r"过去五年")
_QUOTED = re.compile(r"“[^“”\n]*”|《[^《》\n]*》|「[^「」\n]*」|『[^『』\n]*』")
_FIVE_YEAR_END = {"一": 2010, "二": 2015, "三": 2020, "四": 2025, "五": 2030, "六": 2035}  # 十X五 ends then
_MODAL_BEFORE = re.compile(r"(?:(?<![纲重主需只摘提概机纪政首简次不切紧险])要(?![求素点闻件])|必须|将(?![来军领士])|"
                           r"应当|务必)[^，。；]*$")
_CLAUSE_END = "，,；;。！？!?：:\n"


def _clause(folded: str, s: int, e: int) -> tuple[int, int]:
    a = s
    while a > 0 and folded[a - 1] not in _CLAUSE_END:
        a -= 1
    b = e
    while b < len(folded) and folded[b] not in _CLAUSE_END:
        b += 1
    return a, b


def _reference_year(folded: str, doc: Any = None) -> int | None:
    """The year the text was written: the latest full date in it (2020年11月12日, 2014-06-09),
    else the date the cleaned Document's header or metadata gives (``date``, ``published``:
    ``clean`` moves a dateline out of the text)."""
    years = [int(m.group(1)) for m in re.finditer(r"(?<!\d)(\d{4})(?:年\d{1,2}月\d{1,2}日|-\d{1,2}-\d{1,2})", folded)]
    years = [y for y in years if 1900 <= y <= 2199]
    if years:
        return max(years)
    for source in (getattr(doc, "header", None), getattr(doc, "meta", None)):
        if not isinstance(source, Mapping):
            continue
        for key in ("date", "published"):
            m = re.match(r"\s*(\d{4})", str(source.get(key) or ""))
            if m and 1900 <= int(m.group(1)) <= 2199:
                return int(m.group(1))
    return None


# 到2019年底，全国已有…: a 到+date that opens a sentence whose statement is marked as
# already done is the date of a stocktaking, not a deadline
_STOCKTAKING = re.compile(r"^[^，,。；;]{0,6}?到\d{4}年(?:\d{1,2}月)?(?:底|末)?[，,]?(?P<rest>.*)$", re.S)
_ALREADY = re.compile(r"已经|已有|已达|已(?![经有达])|累计|共有|共计")
_GOAL_WORD = re.compile(r"力争|确保|目标|预期(?!寿命)|预计|计划|争取|力求|将(?![来军领士])|要(?![求素点闻件])|必须|应当")


def _stocktaking(sentence: str) -> bool:
    m = _STOCKTAKING.match(sentence)
    if not m:
        return False
    rest = m.group("rest")
    already = _ALREADY.search(rest)
    goal = _GOAL_WORD.search(rest)
    return already is not None and (goal is None or goal.start() > already.start())


def _regimes(folded: str, spans: list[tuple[int, int]], ref: int | None) -> list[str]:
    """Per sentence: ``"plan"`` after a 今年主要工作/主要预期目标 marker, ``"past"`` after a
    过去五年/工作回顾 marker, ``""`` before any (a speech without such markers). A marker that
    names a year before the text's own (2025年主要目标任务如期完成 in a 2026 report) is no plan."""
    out, state = [], ""
    for s, e in spans:
        head = folded[s:min(e, s + 40)]
        plan = _PLAN_START.search(head)
        if plan and ref is not None:
            y = re.search(r"\d{4}|十([一二三四五六])五", plan.group())
            if y:
                end = int(y.group()) if y.group().isdigit() else _FIVE_YEAR_END[y.group(1)]
                if end < ref:
                    plan = None
        if plan:
            state = "plan"
        elif _PAST_START.search(head):
            state = "past"
        out.append(state)
    return out


def _first_cue(pattern: re.Pattern[str], text: str, ref: int | None, *,
               skip_deadline: bool = False) -> re.Match[str] | None:
    """The first cue; a dated one (到2019年) counts only when its year is not before the text's own
    (and not at all with ``skip_deadline``: a stocktaking sentence)."""
    for m in pattern.finditer(text):
        if skip_deadline and m.group().startswith("到"):
            continue
        y = re.search(r"\d{4}", m.group())
        if y is None or ref is None or int(y.group()) >= ref:
            return m
    return None


def _classify(form: str, folded: str, s: int, e: int, value: float, ref: int | None, regime: str,
              sent: tuple[int, int]) -> str:
    c0, c1 = _clause(folded, s, e)
    before = folded[c0:s]
    clause = folded[c0:c1]
    sentence = folded[sent[0]:sent[1]]
    if form in _DATE_FORMS:
        return "date"
    stocktaking = _stocktaking(sentence)
    if form == "deadline":
        year = None if value != value else int(value)  # NaN: 年内
        if ref is not None and year is not None:
            if year < ref:
                return "date"
            if year > ref:
                return "target"
        if _PAST_CUE.search(clause) and not _STRONG_FUTURE.search(before):
            return "date"
        if stocktaking and year is not None and s - sent[0] <= 8:
            return "date"
        return "target"
    if form == "rank":
        goal = regime != "past" and re.search(r"力争|争取|确保|进入|迈入|目标", before)
        return "target" if goal else "statistic"
    # a number: the clause decides first, then the sentence, then the part of the text
    if regime == "past":
        return "target" if _first_cue(_FORECAST, clause, ref) else "statistic"
    plan = regime == "plan"
    strong_c = _first_cue(_STRONG_FUTURE, clause, ref)
    past_c = _PAST_CUE.search(clause) or (None if plan or strong_c else _WEAK_PAST_CUE.search(clause))
    if strong_c and not (past_c and past_c.start() > strong_c.start()):
        return "target"
    # the date of a stocktaking (到2019年底，已有…) is no goal
    strong_s = _first_cue(_STRONG_FUTURE, sentence, ref, skip_deadline=stocktaking)
    past_s = _PAST_CUE.search(sentence) or (None if plan else _WEAK_PAST_CUE.search(sentence))
    # a goal word that opens the sentence before the number (主要预期目标是：…, 到2030年，…)
    ahead = strong_s is not None and sent[0] + strong_s.start() < s and \
        (past_s is None or strong_s.start() < past_s.start())
    pair = _GROWTH_PAIR.search(clause)
    if pair:  # 从380元提高到1000元: the old value is a statistic, the new one a target in a plan
        return "target" if (plan or ahead) and s >= c0 + pair.end() and not past_c else "statistic"
    if past_c:
        return "statistic"
    if ahead:
        return "target"
    if plan:
        return "statistic" if past_s else "target"
    if _MODAL_BEFORE.search(before) and not past_s:
        return "target"  # …以上 within a 要 clause
    if form in ("zero", "all") and not past_s:
        return "target"
    return "statistic"


def targets(doc: TextLike, *, kind: Union[TargetKind, Iterable[TargetKind], None] = None) -> pd.DataFrame:
    """Find every numeric expression and tell targets from statistics and dates.

    ``kind`` (the column) is

    - ``"target"`` — a goal, plan or forecast: a deadline (到2025年, 2021年底前, 年内) not
      before the text's own date, or a number in a clause with 力争, 确保, 目标, 预期, 预计, 计划,
      控制在, 不低于 …, in a sentence that opens with such a cue (到2030年，…达到3.5%以上), in a
      要 clause (要把覆盖率提高到90%以上), a zero target (零收费), 全部脱贫, any number in the plan
      part of a work report (after 2026年重点工作, 主要预期目标 …; there 累计 and 比上年 set goals
      too), and the new value of a pair in a plan (从800元提高到850元: 850元);
    - ``"statistic"`` — a past or current value: a clause with 已, 累计, 比上年, 同比, 去年,
      以来, 增长了, 居全国…, a growth pair 从1990年的60亿元跃升到2019年的1.27万亿元 (in a plan,
      its old value), ranks (全国第一), any number in the review part of a work report (after
      过去五年, 2025年工作回顾 …) unless its clause names a goal (there 预计 is an estimate and
      控制在 a result), and, in a speech, any number without a future cue;
    - ``"date"`` — calendar dates (2020年2月3日, 2014-06-09, 1月7日, 5月), bare years (2019年,
      also 到2018年的28家 in a growth pair), anniversaries (30周年), centuries (16世纪) and
      durations (过去10年, 30多年, 5个月), and deadlines before the text's own date.

    Cues inside quotation marks and 《》 do not count (“…计划” is a name). A part marker that names
    a past year (2025年主要目标任务圆满完成 in a 2026 report) starts no plan part.
    The text's own date is its latest full date (a speech's dateline or footer), else the
    ``date`` or ``published`` of a cleaned Document's header or of its metadata. A sentence
    that opens with 到+date and says what is already there (到2019年底，全国已有…) is a
    stocktaking: its 到2019年底 is a date and its numbers are statistics. ``form`` gives
    the shape, in order of precedence (a span is reported once): ``fulldate``, ``deadline``
    (到2025年, 2021年底前, 年内; ``value`` the year, NaN for 年内), ``month`` (1月7日),
    ``anniversary`` (40周年, not 40周), ``century``, ``year``, ``points`` (2.3个百分点),
    ``percent`` (95%以上, 百分之九十), ``permille``, ``share`` (八成, 超过8成 → value 8.0, unit
    ``"成"``), ``fraction`` (1/80, 三分之一 → value as a float), ``rank`` (世界第二 → 2.0),
    ``class`` (Ⅲ类 → 3.0), ``zero`` (零产量; value 0.0, unit the thing held at zero),
    ``all`` (全部脱贫, 全覆盖), ``duration`` (10年, 5个月; unit the time unit), ``number`` (a
    number with 万/亿 and no unit word: 600万左右, 4.2亿 → 4.2e8) and ``quantity`` (1200万人 →
    1.2e7, unit ``"人"``). Chinese-numeral counts (三个单位) are not reported; 第3个 (an ordinal),
    80年代 and 3年级 are skipped. Full-width digits and ``％`` count as their ASCII forms.

    Parameters
    ----------
    doc : Document or str
        The speech (raw or cleaned).
    kind : {"target", "statistic", "date"}, iterable of them, or None, keyword-only
        Keep only rows of these kinds (``None``: all). A briefing's 量化目标与时间节点 is
        ``targets(doc, kind="target")``.

    Returns
    -------
    pandas.DataFrame
        One row per match, sorted by ``start``, columns ``kind`` (str), ``form`` (str), ``text``
        (str, as written), ``value`` (float, NaN when there is no number), ``unit`` (str),
        ``sentence`` (str) and ``start`` (int).

    Raises
    ------
    InputError
        If ``doc`` is neither a str nor a Document, or ``kind`` is not one of the kinds.
    """
    text = get_text(doc)
    keep = _check_kinds(kind)
    folded = text.translate(FOLD)
    sents = SentenceIndex(text)
    # cues are read outside quotes and titles: “八七扶贫攻坚计划” is a name, not a plan
    cues = _QUOTED.sub(lambda q: "□" * len(q.group()), folded)
    ref = _reference_year(folded, doc)
    regimes = _regimes(folded, sents.spans, ref)
    rows: list[dict[str, Any]] = []
    for m in _TARGET.finditer(folded):
        parsed = _parse(m, folded)
        if parsed is None:
            continue
        form, value, unit = parsed
        s, e = m.start(), m.end()
        i = bisect.bisect_right(sents.starts, s) - 1
        if i < 0 or not sents.spans[i][0] <= s < sents.spans[i][1]:
            i = None
        span = sents.spans[i] if i is not None else sents.span_at(s)
        k = _classify(form, cues, s, e, value, ref, regimes[i] if i is not None else "", span)
        if keep is not None and k not in keep:
            continue
        rows.append({"kind": k, "form": form, "text": text[s:e], "value": value, "unit": unit,
                     "sentence": text[span[0]:span[1]], "start": s})
    return frame(rows, _TARGET_SCHEMA)


def _check_kinds(kind: Any) -> set[str] | None:
    if kind is None:
        return None
    if isinstance(kind, str):
        return {check_choice(kind, "kind", _KINDS)}
    if not isinstance(kind, Iterable):
        raise InputError(f"kind={kind!r}: expected None, one of {_KINDS} or an iterable of them")
    return {check_choice(k, "kind", _KINDS) for k in kind}


def _parse(m: re.Match[str], folded: str) -> tuple[str, float, str] | None:
    """(form, value, unit) of a match, or None when it is no numeric expression after all."""
    g = m.lastgroup
    s, e = m.start(), m.end()
    prev = folded[s - 1] if s > 0 else ""
    nan = float("nan")
    if g == "fulldate":
        return "fulldate", float(folded[s:s + 4]), "年"
    if g in ("deadline1", "deadline2"):
        year = float(m.group("dy1") or m.group("dy2"))
        # 增加到2018年的28家 / 从1990年到2019年: a year in a growth pair or a range, not a deadline
        if g == "deadline1" and (folded.startswith("的", e) or re.search(r"(?:增加|提高|增长|跃升|提升|上升|下降|降低|"
                                                                       r"减少|扩大|发展|\d年)$", folded[max(0, s - 4):s])):
            return "year", year, "年"
        return "deadline", year, "年"
    if g == "deadline3":
        if not m.group("dp3") and prev and is_han(prev) and prev not in _DEADLINE3_OK_PREV:
            return None
        return "deadline", nan, ""
    if g == "month":
        if prev in "第" or folded.startswith(("个", "份额"), e):
            return None
        if m.group("mdl"):
            return "deadline", float(folded[s:s + 4]) if folded[s:s + 4].isdigit() else nan, ""
        return "month", nan, "月"
    if g == "anniv":
        return "anniversary", float(m.group("an")), "周年"
    if g == "century":
        return "century", float(m.group("cn")), "世纪"
    if g == "year":
        y = int(m.group("y"))
        if not 1800 <= y <= 2199:
            return "duration", float(y), "年"
        return "year", float(y), "年"
    if g == "points":
        return "points", float(m.group("pn").replace(",", "")), "个百分点"
    if g == "percent":
        return "percent", float(m.group("pc").replace(",", "")), "%"
    if g == "percent_cn":
        return "percent", cn_decimal(m.group("pcn")), "%"
    if g == "permille":
        return "permille", float(m.group("pm").replace(",", "")), "‰"
    if g == "share":
        sh = m.group("sh")
        return "share", float(CN_DIGITS[sh]) if sh in CN_DIGITS else float(sh), "成"
    if g == "fraction":
        if m.group("fa"):
            a, b = int(m.group("fa")), int(m.group("fb"))
            if b == 0 or prev in "-" or folded.startswith(("/",), e):
                return None
            return "fraction", a / b, ""
        return "fraction", cn_to_int(m.group("fca")) / max(cn_to_int(m.group("fcb")), 1), ""
    if g == "rank":
        r = m.group("rk") or m.group("rt")
        return "rank", float(r) if r.isdigit() else float(cn_to_int(r)), ""
    if g == "klass":
        return "class", float(sum(_ROMAN[c] for c in m.group("kl"))), "类"
    if g == "zero":
        zx = m.group("zx")
        if zx[0] in _ZERO_BAD or zx[0] in CN_DIGITS:
            return None
        nxt = folded[e] if e < len(folded) else ""
        if nxt and nxt.isdigit():
            return None
        return "zero", 0.0, zx
    if g == "allof":
        return "all", nan, ""
    # quantity / duration / number
    unit = m.group("qu") or ""
    if prev == "第" or (unit == "年" and folded.startswith(("代", "级"), e)):
        return None  # 第3个 is an ordinal; 80年代, 3年级 are no quantities
    if unit in ("周",) and folded.startswith("年", e):
        return None  # 40周年 is matched as an anniversary
    mult = _MULT.get(m.group("qm") or "", 1.0)
    value = float(m.group("qn").replace(",", "")) * mult
    if not unit:
        if not m.group("qm"):
            return None
        return "number", value, ""
    if unit in _TIME_UNITS:
        return "duration", value, unit
    return "quantity", value, unit
