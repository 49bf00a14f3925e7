"""Targets: quantified targets and time expressions (到2025年, 95%以上, 零发生, 3.5亿元)."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from .._text import CN_DIGITS, FOLD, HAN_CORE_CHARS, cn_decimal, is_han
from ._frame import TextLike, frame, get_text
from .sentences import SentenceIndex

__all__ = ["targets", "TARGET_COLUMNS"]

_TARGET_SCHEMA = {
    "kind": "str", "text": "str", "value": "float64", "unit": "str",
    "sentence": "str", "start": "int64",
}
TARGET_COLUMNS = tuple(_TARGET_SCHEMA)

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_MULT = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}
_UNITS = sorted((
    "人次", "人", "名", "户", "家", "个", "件", "起", "宗", "次", "批次", "批", "场次", "场", "项", "所",
    "座", "台", "辆", "套", "张", "条", "处", "支", "只", "头", "匹", "株", "棵", "本", "册", "部", "篇",
    "期", "届", "元", "美元", "公斤", "千克", "克", "吨", "斤", "公里", "千米", "米", "平方公里", "平方米",
    "立方米", "亩", "公顷", "倍", "小时", "分钟", "天", "周", "个月", "年", "岁", "间", "床", "千瓦时",
    "千瓦", "标准煤", "分", "所学校", "个省份",
), key=len, reverse=True)
_TARGET = re.compile(
    r"(?=[到0-9今本明当年百零])"  # cheap first-character filter
    rf"(?:(?P<deadline1>到(?P<dy1>\d{{4}})年(?:(?P<dm1>\d{{1,2}})月)?(?:底|末)?(?:前|之前|以前)?)"
    rf"|(?P<deadline2>(?<!\d)(?P<dy2>\d{{4}})年(?:(?P<dm2>\d{{1,2}})月)?(?:底|末|年底|年末)?(?:之前|以前|前))"
    rf"|(?P<deadline3>(?P<dp3>今|本|明|当)?年度?(?:内|底前|末前|底之前|底以前))"
    rf"|(?P<year>(?<!\d)(?P<y>\d{{4}})年(?!\d))"
    rf"|(?P<points>(?<![\d.])(?P<pn>{_NUM})个百分点)"
    rf"|(?P<percent>(?<![\d.])(?P<pc>{_NUM})[ \t]*%(?:以上|以下|左右)?)"
    rf"|(?P<percent_cn>百分之(?P<pcn>[零〇一二三四五六七八九十百点]+)(?:以上|以下|左右)?)"
    rf"|(?P<permille>(?<![\d.])(?P<pm>{_NUM})[ \t]*‰)"
    rf"|(?P<zero>(?<![零〇一二三四五六七八九十百千万亿0-9])零(?P<zx>[{HAN_CORE_CHARS}]{{1,2}}))"
    rf"|(?P<quantity>(?<![\d.,])(?P<qn>{_NUM})[ \t]*(?P<qa>余|多)?(?P<qm>万亿|亿|万|千)?(?P<qb>余|多)?"
    rf"(?P<qu>{'|'.join(_UNITS)})))"
)
_DEADLINE3_OK_PREV = set("在于争要保须前力并和、，,：:；;。 \t\u3000")
_ZERO_BAD = set("星售件散钱食部碎点工下花头用活乱落号配时分度陵担和点头乘除")


def targets(doc: TextLike) -> pd.DataFrame:
    """Find quantified targets and time expressions.

    Kinds, in order of precedence (a span is reported once):

    - ``"deadline"``: 到2025年, 2021年底前, 2022年6月底前, 年内, 今年底前 — ``value`` is
      the year (NaN for 年内), ``unit`` ``"年"`` (``""`` for 年内);
    - ``"year"``: a bare year 2020年 (1800–2199) — ``value`` the year, ``unit`` ``"年"``;
    - ``"points"``: 2.3个百分点 — ``unit`` ``"个百分点"``;
    - ``"percent"``: 95%以上, 百分之九十 — ``value`` the number (95.0, 90.0), ``unit`` ``"%"``;
      ``"permille"`` for ‰;
    - ``"zero"``: 零产量, 零种植, 零发生 (not 零星, 零售, 二〇零…) — ``value`` 0.0, ``unit``
      the thing held at zero (产量);
    - ``"quantity"``: a number with a unit, 1200万人, 3.5亿元, 120起, 40个, 380余万元 —
      ``value`` scaled by 万/亿 (1200万人 → 12000000.0), ``unit`` the base unit (人).
      Chinese-numeral counts (三个单位) are not reported; 第3个 (an ordinal) is skipped.

    Full-width digits and ``％`` count as their ASCII forms.

    Parameters
    ----------
    doc : Document or str
        The speech (raw or cleaned).

    Returns
    -------
    pandas.DataFrame
        One row per match, sorted by ``start``, columns ``kind`` (str), ``text`` (str,
        as written), ``value`` (float, NaN when there is no number), ``unit`` (str),
        ``sentence`` (str) and ``start`` (int).

    Raises
    ------
    InputError
        If ``doc`` is neither a str nor a Document.
    """
    text = get_text(doc)
    folded = text.translate(FOLD)
    sents = SentenceIndex(text)
    rows: list[dict[str, Any]] = []
    for m in _TARGET.finditer(folded):
        g = m.lastgroup
        s, e = m.start(), m.end()
        prev = folded[s - 1] if s > 0 else ""
        value, unit, kind = float("nan"), "", g
        if g in ("deadline1", "deadline2"):
            kind, unit = "deadline", "年"
            value = float(m.group("dy1") or m.group("dy2"))
        elif g == "deadline3":
            if not m.group("dp3") and prev and is_han(prev) and prev not in _DEADLINE3_OK_PREV:
                continue
            kind = "deadline"
        elif g == "year":
            y = int(m.group("y"))
            if not 1800 <= y <= 2199:
                kind, unit, value = "quantity", "年", float(y)
            else:
                kind, unit, value = "year", "年", float(y)
        elif g == "points":
            unit, value = "个百分点", float(m.group("pn").replace(",", ""))
        elif g == "percent":
            unit, value = "%", float(m.group("pc").replace(",", ""))
        elif g == "percent_cn":
            kind, unit, value = "percent", "%", cn_decimal(m.group("pcn"))
        elif g == "permille":
            unit, value = "‰", float(m.group("pm").replace(",", ""))
        elif g == "zero":
            zx = m.group("zx")
            if zx[0] in _ZERO_BAD or zx[0] in CN_DIGITS:
                continue
            nxt = folded[e] if e < len(folded) else ""
            if nxt and nxt.isdigit():
                continue
            unit, value = zx, 0.0
        else:  # quantity
            if prev == "第" or (m.group("qu") == "年" and folded.startswith(("代", "级"), e)):
                continue  # 第3个 is an ordinal; 80年代, 3年级 are no quantities
            unit = m.group("qu")
            mult = _MULT.get(m.group("qm") or "", 1.0)
            value = float(m.group("qn").replace(",", "")) * mult
        rows.append({"kind": kind, "text": text[s:e], "value": value, "unit": unit,
                     "sentence": sents.sentence_at(s), "start": s})
    return frame(rows, _TARGET_SCHEMA)
