"""Characters of Chinese text: Han ranges, full-width folding, Chinese numerals, heading markers.

The one place where these are defined: every module of the package takes them from
here instead of writing its own copy. Imports nothing from the package, so any
module may use it; nothing happens at import beyond compiling a few regexes.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = [
    "HAN_CHARS", "HAN_CORE_CHARS", "HAN", "ALL_HAN", "is_han", "is_cjkish",
    "FOLD", "fold", "FULLWIDTH_ALNUM", "to_halfwidth",
    "CN_DIGITS", "CIRCLED", "PAREN_DIGIT", "DIGIT_STOP", "cn_to_int", "cn_decimal",
    "INDENT", "CN_ORDINAL", "HEADING", "HEADING_LINE", "HeadingMarker", "heading_marker",
    "CN_NUMBER", "REGULATION", "REGULATION_UNITS", "LEAD", "PARAGRAPH_GAP",
]

# ---------------------------------------------------------------------------
# Han characters
# ---------------------------------------------------------------------------

#: Body of a regex character class for Han characters: CJK Extension A, the CJK
#: Unified Ideographs and the Compatibility Ideographs (the supplementary planes
#: are left out: policy texts do not use them).
HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Body of a character class for the CJK Unified Ideographs block alone (the
#: extractors that look for a Han word after a numeral use this narrower range).
HAN_CORE_CHARS = "\u4e00-\u9fff"
#: Han characters of every plane, for counting (CJK Extension B and later included).
HAN_ANY_PLANE_CHARS = HAN_CHARS + "\U00020000-\U000323af"
#: A character that can be part of a word: a letter, digit or Han character.
WORDISH = re.compile(rf"[\w{HAN_CHARS}]")
#: One Han character.
HAN = re.compile(f"[{HAN_CHARS}]")
#: A string of Han characters only (use with ``match``).
ALL_HAN = re.compile(f"[{HAN_CHARS}]+$")


def is_han(ch: str) -> bool:
    """Is ``ch`` (one character, or ``""``) a Han character?

    >>> is_han("禁"), is_han("A"), is_han("")
    (True, False, False)
    """
    return HAN.match(ch) is not None


def is_cjkish(ch: str) -> bool:
    """Is ``ch`` a Han character, CJK or full-width punctuation, a curly quote, … or —?

    >>> is_cjkish("。"), is_cjkish("“"), is_cjkish("a")
    (True, True, False)
    """
    if not ch:
        return False
    return (is_han(ch) or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
            or "\u2018" <= ch <= "\u201d" or ch in "…—")


# ---------------------------------------------------------------------------
# Full-width forms
# ---------------------------------------------------------------------------

#: Full-width digits, ``％`` and ``．`` to ASCII. One character to one character, so
#: offsets into the folded text are offsets into the original.
FOLD = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "％": "%", "．": "."})

#: A run of full-width digits and Latin letters.
FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")


def fold(text: str) -> str:
    """``text`` with full-width digits, ``％`` and ``．`` as ASCII (same length).

    >>> fold("２０２１年增长５．５％")
    '2021年增长5.5%'
    """
    return text.translate(FOLD)


def to_halfwidth(s: str) -> str:
    """Map characters of the full-width ASCII block (U+FF01–U+FF5E) to ASCII.

    >>> to_halfwidth("２０２１ＡＢｃ")
    '2021ABc'
    """
    return "".join(chr(ord(c) - 0xFEE0) for c in s)


# ---------------------------------------------------------------------------
# Chinese numerals
# ---------------------------------------------------------------------------

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}          # ① … ⑳
PAREN_DIGIT = {chr(0x2474 + i): i + 1 for i in range(20)}      # ⑴ … ⒇
DIGIT_STOP = {chr(0x2488 + i): i + 1 for i in range(20)}       # ⒈ … ⒛


def cn_to_int(s: str) -> int:
    """Parse a Chinese numeral (一 … 九十九, 一百 …, 两万) or ASCII digits; 0 if not parseable.

    >>> cn_to_int("十四"), cn_to_int("二十"), cn_to_int("一百零五"), cn_to_int("12"), cn_to_int("第一")
    (14, 20, 105, 12, 0)
    """
    if not s:
        return 0
    if s.isascii() and s.isdigit():
        return int(s)
    total, section, num = 0, 0, 0
    for ch in s:
        if ch in CN_DIGITS:
            num = CN_DIGITS[ch]
        elif ch == "十":
            section += (num or 1) * 10
            num = 0
        elif ch == "百":
            section += (num or 1) * 100
            num = 0
        elif ch == "千":
            section += (num or 1) * 1000
            num = 0
        elif ch == "万":
            total += (section + num) * 10000
            section, num = 0, 0
        else:
            return 0
    return total + section + num


def cn_decimal(s: str) -> float:
    """Parse 九十, 九十五点五, 三点五 into a float (NaN if not parseable).

    >>> cn_decimal("九十五点五"), cn_decimal("零")
    (95.5, 0.0)
    """
    if "点" in s:
        whole, _, frac = s.partition("点")
        digits = "".join(str(CN_DIGITS[c]) for c in frac if c in CN_DIGITS)
        if len(digits) != len(frac):
            return float("nan")
        return float(cn_to_int(whole) if whole else 0) + (float("0." + digits) if digits else 0.0)
    value = cn_to_int(s)
    return float(value) if value or s in ("零", "〇") else float("nan")


# ---------------------------------------------------------------------------
# Heading markers
# ---------------------------------------------------------------------------

#: Indentation before a heading marker (U+3000 and stray zero-width characters included).
INDENT = r"[ \t\u3000\xa0\u200b\ufeff]*"
#: The ordinal of a 一、 or （一） heading.
CN_ORDINAL = r"[一二三四五六七八九十]{1,3}"

#: A heading marker at a line start, in :func:`fold`-ed text; one named group per form:
#: ``l1`` 一、/一．, ``l1p`` 第一部分, ``l2`` （一）, ``l3`` 1./1、, ``l3d`` ⒈,
#: ``l4`` （1）, ``l4c`` ①/⑴.
HEADING = re.compile(
    rf"{INDENT}(?:"
    rf"(?P<l1>(?P<l1n>{CN_ORDINAL})[ \t\u3000]*[、．.])"
    rf"|(?P<l1p>第(?P<l1pn>{CN_ORDINAL})部分[ \t\u3000：:、，,．.]*)"
    rf"|(?P<l2>[（(][ \t\u3000]*(?P<l2n>{CN_ORDINAL})[ \t\u3000]*[）)])"
    rf"|(?P<l4>[（(][ \t\u3000]*(?P<l4n>[0-9]{{1,2}})[ \t\u3000]*[）)])"
    rf"|(?P<l4c>[\u2460-\u2473\u2474-\u2487])"
    rf"|(?P<l3>(?P<l3n>[0-9]{{1,2}})[ \t\u3000]*[.、](?![0-9]))"
    rf"|(?P<l3d>[\u2488-\u249b])"
    rf")"
)

#: The cheap line test used while cleaning: does a line (raw text, not folded) start
#: with a heading marker of any level? Unlike :func:`heading_marker` it checks no
#: numbering and takes fewer forms (no 一． ⒈ ⑴, no space inside a marker).
HEADING_LINE = re.compile(
    rf"^[ \t\u3000]*(?:{CN_ORDINAL}、|第{CN_ORDINAL}部分"
    rf"|[（(]{CN_ORDINAL}[）)]|\d{{1,2}}[.．、](?!\d)|[（(]\d{{1,2}}[）)]|[①-⑳])"
)


class HeadingMarker(NamedTuple):
    """A heading marker found by :func:`heading_marker`."""

    level: int   #: 1 一、/第一部分, 2 （一）, 3 1./⒈, 4 （1）/①/⑴
    number: int  #: its ordinal (一 → 1, ⑤ → 5)
    start: int   #: offset of the marker (after the indentation)
    end: int     #: offset just after the marker


def heading_marker(folded: str, start: int = 0, end: int | None = None) -> HeadingMarker | None:
    """The heading marker at the start of the line ``folded[start:end]``, or None.

    ``folded`` is text passed through :func:`fold` (so ``１．`` reads as ``1.``).
    A run of numerals (``一、二线城市``) is no heading; numbering across lines is
    the caller's to check.

    >>> heading_marker("（三）强化保障")
    HeadingMarker(level=2, number=3, start=0, end=3)
    >>> heading_marker("一、二线城市") is None
    True
    """
    if end is None:
        end = len(folded)
    m = HEADING.match(folded, start, end)
    if m is None:
        return None
    g = m.lastgroup
    if g == "l1":
        level, number = 1, cn_to_int(m.group("l1n"))
    elif g == "l1p":
        level, number = 1, cn_to_int(m.group("l1pn"))
    elif g == "l2":
        level, number = 2, cn_to_int(m.group("l2n"))
    elif g == "l3":
        level, number = 3, int(m.group("l3n"))
    elif g == "l3d":
        level, number = 3, DIGIT_STOP[m.group("l3d")]
    elif g == "l4":
        level, number = 4, int(m.group("l4n"))
    else:
        ch = m.group("l4c")
        level, number = 4, CIRCLED.get(ch) or PAREN_DIGIT[ch]
    ms, me = m.start(g), m.end(g)
    if number <= 0:
        return None
    # 一、二线城市 / 1、2月份: a run of numerals, not a heading
    if g == "l1" and me < end and folded[me] in CN_DIGITS and cn_to_int(folded[me]) == number + 1:
        return None
    return HeadingMarker(level, number, ms, me)


# ---------------------------------------------------------------------------
# Regulation levels and lead-sentence markers
# ---------------------------------------------------------------------------

#: A Chinese or Arabic number as regulations write it (十七, 一百零五, 23).
CN_NUMBER = r"[一二三四五六七八九十百零〇]{1,6}|[0-9]{1,3}"

#: The regulation units, outermost first: 第一编 ⊃ 第一章 ⊃ 第一节 ⊃ 第一条.
REGULATION_UNITS = "编章节条"

#: A regulation-level marker in :func:`fold`-ed text: ``第二章``, ``第三节``, ``第十七条``.
#: The group ``unit`` is one of :data:`REGULATION_UNITS`, ``n`` the number. Not
#: followed by a word that makes it a citation (第十条规定, 第三条第二款, 第五章的).
REGULATION = re.compile(
    rf"第(?P<n>{CN_NUMBER})(?P<unit>[编章节条])"
    r"(?![规的之中所款项第和及、，,）)至到])"
)

#: A lead-sentence marker: ``第一，`` (group ``di``, also ``第一：``/``第一、``) or
#: ``一是`` (group ``shi``); ``n`` is the ordinal.
LEAD = re.compile(
    rf"(?:第(?P<di_n>{CN_ORDINAL})(?P<di>[，,：:、])|(?P<shi_n>{CN_ORDINAL})(?P<shi>是))"
)

#: A paragraph break inside a line, as scraped one-line texts keep them: two or
#: more ideographic or ordinary spaces (or a tab).
PARAGRAPH_GAP = re.compile(r"[\u3000 \t\xa0]{2,}|\t")
