"""Formulas (提法): quoted expressions (“各司其职、齐抓共管”) and number-compressed ones (四个意识, 两个维护)."""

from __future__ import annotations

import bisect
import re
from typing import Any

import pandas as pd

from .._text import FOLD, HAN, HAN_CORE_CHARS, cn_to_int
from ._frame import TITLE_END, TextLike, frame, get_text
from .sentences import SentenceIndex

__all__ = ["formulas", "FORMULA_COLUMNS"]

_FORMULA_SCHEMA = {
    "formula": "str", "parts": "object", "n_parts": "int64", "kind": "str",
    "number": "Int64", "count": "int64", "first_sentence": "str", "first_start": "int64",
}
FORMULA_COLUMNS = tuple(_FORMULA_SCHEMA)

_QUOTE = re.compile(r"“([^“”\n]{1,60})”|「([^「」\n]{1,60})」|『([^『』\n]{1,60})』|\"([^\"\n]{1,60})\"")
_QUOTE_LIST_GAP = re.compile(r"[ \t\u3000]*(?:、|和|与|及|以及)[ \t\u3000]*")
_MAX_FORMULA = 50
_NUMERAL = "一二两三四五六七八九十"
_NUMBERED_CLASSIFIER = re.compile(  # 三个到位, 八项规定, 三大战略 … (一个… is just "a …")
    rf"^(?!一个)([{_NUMERAL}]{{1,3}}|[0-9]{{1,2}})(?:个|项|大|条|种|点|位|张|句|字|化|不|有|严|为|统一|支)"
)
_NUMBERED_ALTERNATING = re.compile(rf"^(?:[{_NUMERAL}][{HAN_CORE_CHARS}]{{1,2}}){{2,4}}$")
_NUMBERED_ONLY = re.compile(rf"^[{_NUMERAL}]{{2,4}}$")
_NUMBERED_SHORT = re.compile(rf"^([{_NUMERAL}])[{HAN_CORE_CHARS}]$")  # 三农, 四风, 三公
_FORMULA_HEADS = (
    "一以贯之", "毫不动摇", "不动摇", "走在前列", "相结合", "全覆盖", "一百年", "有利于", "没有变",
    "注重", "提升", "提高", "维护", "到位", "意识", "自信", "全面", "确立", "坚持", "代表", "必须",
    "务必", "统筹", "服务", "面向", "确保", "转变", "优先", "着力", "聚焦", "结合", "加强", "推进",
    "落实", "坚定", "不能", "不变", "明显", "强化", "深化", "增强", "严格", "过硬", "健全", "完善",
    "率先", "清单", "一批", "一",
)
_UNQUOTED_NUMBERED = re.compile(
    rf"(?<![第几0-9{_NUMERAL}百千万])"
    rf"(?:(?P<n1>[两三四五六七八九十])个(?:{'|'.join(_FORMULA_HEADS)})"
    rf"|(?P<n2>[{_NUMERAL}])项规定"
    rf"|(?P<n3>[两三四五六七八九十])大(?:攻坚战|发展理念|战略|工程)"
    rf"|(?P<n4>[两三四五])位一体"
    r"|两学一做|三严三实|一带一路|三去一降一补)"
)


def _split_parts(content: str) -> tuple[str, ...]:
    """Split a formula on 、，,；; outside brackets."""
    parts, buf, depth = [], [], 0
    for ch in content:
        if ch in "（(〔[【":
            depth += 1
        elif ch in "）)〕]】" and depth:
            depth -= 1
        if depth == 0 and ch in "、，,；;":
            parts.append("".join(buf).strip())
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf).strip())
    return tuple(p for p in parts if p)


def _numbered_count(formula: str) -> int | None | bool:
    """For a quoted formula: its announced count (int), True if numbered without one, False if not numbered."""
    folded = formula.translate(FOLD)
    m = _NUMBERED_CLASSIFIER.match(folded)
    if m:
        return cn_to_int(m.group(1)) or True
    m = _NUMBERED_SHORT.match(folded)
    if m:
        return cn_to_int(m.group(1)) or True
    if _NUMBERED_ALTERNATING.match(folded) or _NUMBERED_ONLY.match(folded):
        return True
    return False


def formulas(doc: TextLike) -> pd.DataFrame:
    """Find formulas (提法): quoted expressions and number-compressed ones.

    - Quoted: “…”, 「…」, 『…』 and ASCII "…" (only when the quote holds Han text), up
      to 50 characters and without ``。！？`` (longer quotes are quotations, not
      formulas). The formula is split into parts on ``、，,；;`` outside brackets
      (“各司其职、齐抓共管” → 各司其职 / 齐抓共管).
    - Quoted lists: quotes joined by ``、`` (or 和/与/及), like “禁种”、“禁制”、“禁吸”,
      form one formula whose parts are the quoted items (formula ``禁种、禁制、禁吸``).
    - Numbered: a quoted formula that starts with a numeral and a classifier
      (“三个到位”, “五个一”, “八项规定”), alternates numerals (“两学一做”, “三严三实”)
      or is all numerals (“十四五”); and, without quotes, ``N个`` + a formula verb
      (四个注重, 三个提升, 两个维护, 四个意识 …), 五个一, N项规定, N大攻坚战, N位一体 and
      a few fixed ones (一带一路 …). ``三个单位`` is not a formula.

    Parameters
    ----------
    doc : Document or str
        The speech (raw or cleaned).

    Returns
    -------
    pandas.DataFrame
        One row per distinct formula, sorted by first appearance, columns
        ``formula`` (str), ``parts`` (tuple of str), ``n_parts`` (int, ``len(parts)``),
        ``kind`` (``"quoted"`` or ``"numbered"``), ``number`` (Int64: the announced
        count of a numbered formula, e.g. 4 for 四个注重, <NA> otherwise), ``count``
        (int: occurrences), ``first_sentence`` (str) and ``first_start`` (int: offset
        of the first occurrence, at its opening quote).

    Raises
    ------
    InputError
        If ``doc`` is neither a str nor a Document.
    """
    text = get_text(doc)
    sents = SentenceIndex(text)
    quotes: list[tuple[int, int, str]] = []  # (start, end, content)
    for m in _QUOTE.finditer(text):
        content = next(g for g in m.groups() if g is not None).strip()
        if not content or len(content) > _MAX_FORMULA or TITLE_END.search(content):
            continue
        if m.group(4) is not None and not HAN.search(content):
            continue
        quotes.append((m.start(), m.end(), content))
    found: list[tuple[int, str, tuple[str, ...], str, int | None]] = []
    masked: list[tuple[int, int]] = []
    i = 0
    while i < len(quotes):
        j = i
        while j + 1 < len(quotes) and _QUOTE_LIST_GAP.fullmatch(text, quotes[j][1], quotes[j + 1][0]):
            j += 1
        start, end = quotes[i][0], quotes[j][1]
        masked.append((start, end))
        if j > i:  # a quoted list
            items = tuple(q[2] for q in quotes[i:j + 1])
            found.append((start, "、".join(items), items, "quoted", None))
        else:
            content = quotes[i][2]
            num = _numbered_count(content)
            kind = "numbered" if num is not False else "quoted"
            number = num if isinstance(num, int) and not isinstance(num, bool) else None
            found.append((start, content, _split_parts(content) or (content,), kind, number))
        i = j + 1
    mask_starts = [s for s, _ in masked]
    folded = text.translate(FOLD)
    for m in _UNQUOTED_NUMBERED.finditer(folded):
        k = bisect.bisect_right(mask_starts, m.start()) - 1
        if k >= 0 and masked[k][0] <= m.start() < masked[k][1]:
            continue
        numeral = m.group("n1") or m.group("n2") or m.group("n3") or m.group("n4")
        form = text[m.start():m.end()]
        found.append((m.start(), form, (form,), "numbered", cn_to_int(numeral) if numeral else None))
    found.sort(key=lambda f: f[0])
    rows: dict[str, dict[str, Any]] = {}
    for start, form, parts, kind, number in found:
        row = rows.get(form)
        if row is None:
            rows[form] = {"formula": form, "parts": parts, "n_parts": len(parts), "kind": kind,
                          "number": number if number is not None else pd.NA, "count": 1,
                          "first_sentence": sents.sentence_at(start), "first_start": start}
        else:
            row["count"] += 1
            if kind == "numbered" and row["kind"] != "numbered":
                row["kind"] = "numbered"
            if number is not None and row["number"] is pd.NA:
                row["number"] = number
    return frame(list(rows.values()), _FORMULA_SCHEMA)
