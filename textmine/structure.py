"""Structure of Chinese policy speeches: outline, enumerations, formulas, references, targets, duties.

Chinese work-conference speeches and work reports follow a rigid form. This module
recovers it with fast, regex-based scanners (linear-ish in the length of the text):

- :func:`outline` — the heading hierarchy (``一、`` / ``（一）`` / ``1.`` / ``（1）``)
  as segments that tile the text;
- :func:`enumerations` — in-paragraph sequences (一是…二是…, 一要…二要…, 第一，…第二，…,
  首先…其次…最后…, 一方面…另一方面…);
- :func:`formulas` — quoted formulas (提法) and number-compressed ones (四个意识, 两个维护);
- :func:`references` — titles cited in 《》 with their type (法, 条例, 办法 …) and level;
- :func:`targets` — quantified targets and time expressions (零产量, 到2025年, 95%以上, 3.5亿元);
- :func:`duties` — which bodies (公安, 妇联 …) are told to do what;
- :func:`sentences` / :func:`sentence_spans` — a sentence splitter that respects quotes and 《》.

Every function takes a :class:`~textmine.corpus.Document` (its ``text`` is used) or a
plain ``str``, works on raw as well as cleaned text (half-width and full-width
punctuation and digits both count), and returns a :class:`pandas.DataFrame` with fixed
columns and dtypes (an empty frame with those columns when nothing is found). All
``start``/``end`` offsets index the input text.

Conventions chosen here
-----------------------
- List-valued cells (``formulas().parts``, ``duties().bodies``) are **tuples of str**
  (hashable, so ``drop_duplicates``/``groupby`` work; ``"、".join(x)`` gives a string).
- Ids (``sent_id``, ``enumerations().group``) are 0-based, in document order.
- Text columns use pandas' ``str`` dtype, counts and offsets ``int64``, values ``float64``.
"""

from __future__ import annotations

import bisect
import functools
import logging
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

import numpy as np
import pandas as pd

from .errors import InputError

if TYPE_CHECKING:  # pragma: no cover - typing only, no import-time dependency
    from .corpus import Document

__all__ = [
    "outline",
    "enumerations",
    "formulas",
    "references",
    "targets",
    "duties",
    "sentences",
    "sentence_spans",
    "gov_bodies",
    "OUTLINE_COLUMNS",
    "ENUMERATION_COLUMNS",
    "FORMULA_COLUMNS",
    "REFERENCE_COLUMNS",
    "TARGET_COLUMNS",
    "DUTY_COLUMNS",
    "SENTENCE_COLUMNS",
]

logger = logging.getLogger(__name__)

RESOURCES = Path(__file__).parent / "resources"
GOV_BODIES_PATH = RESOURCES / "gov_bodies.txt"

TextLike = Union[str, "Document"]

# ---------------------------------------------------------------------------
# Schemas
# ---------------------------------------------------------------------------

_OUTLINE_SCHEMA = {
    "level": "int64", "marker": "str", "number": "int64", "title": "str",
    "path": "str", "start": "int64", "end": "int64", "text": "str",
}
_ENUM_SCHEMA = {
    "group": "int64", "ordinal": "int64", "marker": "str", "item": "str",
    "sentence": "str", "start": "int64", "end": "int64",
}
_FORMULA_SCHEMA = {
    "formula": "str", "parts": "object", "n_parts": "int64", "kind": "str",
    "number": "Int64", "count": "int64", "first_sentence": "str", "first_start": "int64",
}
_REFERENCE_SCHEMA = {
    "reference": "str", "short": "str", "type": "str", "level": "str",
    "count": "int64", "first_start": "int64",
}
_TARGET_SCHEMA = {
    "kind": "str", "text": "str", "value": "float64", "unit": "str",
    "sentence": "str", "start": "int64",
}
_DUTY_SCHEMA = {"bodies": "object", "duty": "str", "sentence": "str", "start": "int64"}
_SENTENCE_SCHEMA = {"sent_id": "int64", "start": "int64", "end": "int64", "text": "str"}

OUTLINE_COLUMNS = tuple(_OUTLINE_SCHEMA)
ENUMERATION_COLUMNS = tuple(_ENUM_SCHEMA)
FORMULA_COLUMNS = tuple(_FORMULA_SCHEMA)
REFERENCE_COLUMNS = tuple(_REFERENCE_SCHEMA)
TARGET_COLUMNS = tuple(_TARGET_SCHEMA)
DUTY_COLUMNS = tuple(_DUTY_SCHEMA)
SENTENCE_COLUMNS = tuple(_SENTENCE_SCHEMA)


def _frame(rows: list[dict[str, Any]], schema: Mapping[str, str]) -> pd.DataFrame:
    """Build a DataFrame with exactly ``schema``'s columns and dtypes (also when empty)."""
    data: dict[str, Any] = {}
    for col, dtype in schema.items():
        values = [r[col] for r in rows]
        if dtype == "object":  # tuples: fill element-wise so numpy/pandas never unpack them
            arr = np.empty(len(values), dtype=object)
            for i, v in enumerate(values):
                arr[i] = v
            data[col] = arr
        elif dtype in ("int64", "float64"):
            data[col] = np.array(values, dtype=dtype)
        else:  # "str", "Int64"
            data[col] = pd.array(values, dtype=dtype)
    return pd.DataFrame(data, columns=list(schema), copy=False)


# ---------------------------------------------------------------------------
# Input and character helpers
# ---------------------------------------------------------------------------


def _get_text(doc: Any, name: str = "doc") -> str:
    """Return the text of a Document or str; raise InputError (a TypeError) naming ``name`` otherwise."""
    if isinstance(doc, str):
        return doc
    text = getattr(doc, "text", None)
    if isinstance(text, str):
        return text
    raise InputError(
        f"{name} must be a str or a textmine.corpus.Document (an object with a str "
        f"'text' attribute), got {type(doc).__name__}"
    )


# Full-width digits, %, . folded to ASCII: one char to one char, so offsets are kept.
_FOLD = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "％": "%", "．": "."})

_LINEBREAK_CHARS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_LINEBREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}          # ① … ⑳
_PAREN_DIGIT = {chr(0x2474 + i): i + 1 for i in range(20)}      # ⑴ … ⒇
_DIGIT_STOP = {chr(0x2488 + i): i + 1 for i in range(20)}       # ⒈ … ⒛


def _is_han(ch: str) -> bool:
    return bool(ch) and ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff")


def _is_cjkish(ch: str) -> bool:
    """Han characters plus CJK/full-width punctuation and curly quotes."""
    if not ch:
        return False
    return (_is_han(ch) or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
            or "\u2018" <= ch <= "\u201d" or ch in "…—")


def _cn_to_int(s: str) -> int:
    """Parse a Chinese numeral (一 … 九十九, 一百 …) or ASCII digits; 0 if not parseable."""
    if not s:
        return 0
    if s.isascii() and s.isdigit():
        return int(s)
    total, section, num = 0, 0, 0
    for ch in s:
        if ch in _CN_DIGITS:
            num = _CN_DIGITS[ch]
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


def _cn_decimal(s: str) -> float:
    """Parse 九十, 九十五点五, 三点五 into a float (NaN if not parseable)."""
    if "点" in s:
        whole, _, frac = s.partition("点")
        digits = "".join(str(_CN_DIGITS[c]) for c in frac if c in _CN_DIGITS)
        if len(digits) != len(frac):
            return float("nan")
        return float(_cn_to_int(whole) if whole else 0) + (float("0." + digits) if digits else 0.0)
    value = _cn_to_int(s)
    return float(value) if value or s in ("零", "〇") else float("nan")


def _lines(text: str) -> Iterator[tuple[int, int, int]]:
    """Yield (start, end_without_break, end_with_break) for each line."""
    pos = 0
    for m in _LINEBREAK.finditer(text):
        yield pos, m.start(), m.end()
        pos = m.end()
    if pos < len(text):
        yield pos, len(text), len(text)


# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------

_OPEN_Q = {"“": 0, "‘": 1, "「": 2, "『": 3, "《": 4, "〈": 5, "﹁": 2, "﹃": 3}
_CLOSE_Q = {"”": 0, "’": 1, "」": 2, "』": 3, "》": 4, "〉": 5, "﹂": 2, "﹄": 3}
_FULL_TERM = "。！？；｡"
_HALF_TERM = "!?;"
_TRAIL = _FULL_TERM + _HALF_TERM + "”’」』》〉）)"
_SENT_SPECIAL = re.compile(
    "[" + re.escape(_LINEBREAK_CHARS + "".join(_OPEN_Q) + "".join(_CLOSE_Q) + '"' + _FULL_TERM + _HALF_TERM) + "]"
)


def _push_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def _is_terminator(text: str, i: int) -> bool:
    ch = text[i]
    if ch in _FULL_TERM:
        return True
    if ch in _HALF_TERM:  # half-width ! ? ; only in Chinese context
        prev = text[i - 1] if i > 0 else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        return _is_cjkish(prev) or _is_cjkish(nxt)
    return False


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences and return their ``(start, end)`` offsets.

    Sentences end at ``。！？；`` (and half-width ``! ? ;`` in Chinese context) and at
    line breaks. A terminator inside “…”, ‘…’, 「…」, 『…』, 《…》, 〈…〉 or ASCII
    "…" does not end a sentence; quote nesting is reset at each line break, so an
    unclosed quote never swallows more than its line. Terminators and closing
    quotes/brackets that follow a terminator stay with its sentence.

    Parameters
    ----------
    text : str
        The text to split.

    Returns
    -------
    list of tuple of int
        Increasing, non-overlapping ``(start, end)`` pairs; ``text[start:end]`` is
        never empty and has no leading or trailing whitespace.

    Raises
    ------
    InputError
        If ``text`` is not a str.

    Examples
    --------
    >>> sentence_spans("他说：“要抓紧。要落实。”然后散会。好！")
    [(0, 18), (18, 20)]
    """
    if not isinstance(text, str):
        raise InputError(f"text must be a str, got {type(text).__name__}")
    spans: list[tuple[int, int]] = []
    n = len(text)
    depth = [0] * 6
    inside = 0  # total quote depth
    ascii_open = False
    start = 0
    pos = 0
    while True:
        m = _SENT_SPECIAL.search(text, pos)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        pos = i + 1
        if ch in _LINEBREAK_CHARS:
            _push_span(spans, text, start, i)
            start = i + 1
            depth = [0] * 6
            inside = 0
            ascii_open = False
        elif ch in _OPEN_Q:
            depth[_OPEN_Q[ch]] += 1
            inside += 1
        elif ch in _CLOSE_Q:
            k = _CLOSE_Q[ch]
            if depth[k] > 0:
                depth[k] -= 1
                inside -= 1
        elif ch == '"':
            ascii_open = not ascii_open
        elif not inside and not ascii_open and _is_terminator(text, i):
            j = i + 1
            while j < n and text[j] in _TRAIL:
                j += 1
            _push_span(spans, text, start, j)
            start = j
            pos = j
    _push_span(spans, text, start, n)
    return spans


def sentences(doc: TextLike) -> pd.DataFrame:
    """Split a speech into sentences.

    See :func:`sentence_spans` for the rules.

    Parameters
    ----------
    doc : Document or str
        The speech.

    Returns
    -------
    pandas.DataFrame
        One row per sentence, columns ``sent_id`` (int, 0-based), ``start``, ``end``
        (int, offsets into the input) and ``text`` (== ``input[start:end]``).

    Raises
    ------
    InputError
        If ``doc`` is neither a str nor a Document.
    """
    text = _get_text(doc)
    rows = [{"sent_id": i, "start": s, "end": e, "text": text[s:e]}
            for i, (s, e) in enumerate(sentence_spans(text))]
    return _frame(rows, _SENTENCE_SCHEMA)


class _Sentences:
    """Sentence spans with a lookup from an offset to its sentence."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = sentence_spans(text)
        self.starts = [s for s, _ in self.spans]

    def span_at(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]:
            return self.spans[i]
        # offset in whitespace between sentences: its own line
        ls = max(self.text.rfind("\n", 0, pos) + 1, 0)
        le = self.text.find("\n", pos)
        return ls, (len(self.text) if le < 0 else le)

    def sentence_at(self, pos: int) -> str:
        s, e = self.span_at(pos)
        return self.text[s:e]


# ---------------------------------------------------------------------------
# Outline
# ---------------------------------------------------------------------------

_INDENT = r"[ \t\u3000\xa0\u200b\ufeff]*"
_CN_NUM = r"[一二三四五六七八九十]{1,3}"
_HEADING = re.compile(
    rf"{_INDENT}(?:"
    rf"(?P<l1>(?P<l1n>{_CN_NUM})[ \t\u3000]*[、．.])"
    rf"|(?P<l1p>第(?P<l1pn>{_CN_NUM})部分[ \t\u3000：:、，,．.]*)"
    rf"|(?P<l2>[（(][ \t\u3000]*(?P<l2n>{_CN_NUM})[ \t\u3000]*[）)])"
    rf"|(?P<l4>[（(][ \t\u3000]*(?P<l4n>[0-9]{{1,2}})[ \t\u3000]*[）)])"
    rf"|(?P<l4c>[\u2460-\u2473\u2474-\u2487])"
    rf"|(?P<l3>(?P<l3n>[0-9]{{1,2}})[ \t\u3000]*[.、](?![0-9]))"
    rf"|(?P<l3d>[\u2488-\u249b])"
    rf")"
)
_TITLE_END = re.compile(r"[。！？!?]")


def _heading_candidate(folded: str, s: int, e: int) -> tuple[int, int, int, int] | None:
    """(level, number, marker_start, marker_end) of a heading marker at the start of line [s, e)."""
    m = _HEADING.match(folded, s, e)
    if m is None:
        return None
    g = m.lastgroup
    if g == "l1":
        level, number, ms, me = 1, _cn_to_int(m.group("l1n")), m.start("l1"), m.end("l1")
    elif g == "l1p":
        level, number, ms, me = 1, _cn_to_int(m.group("l1pn")), m.start("l1p"), m.end("l1p")
    elif g == "l2":
        level, number, ms, me = 2, _cn_to_int(m.group("l2n")), m.start("l2"), m.end("l2")
    elif g == "l3":
        level, number, ms, me = 3, int(m.group("l3n")), m.start("l3"), m.end("l3")
    elif g == "l3d":
        level, number, ms, me = 3, _DIGIT_STOP[m.group("l3d")], m.start("l3d"), m.end("l3d")
    elif g == "l4":
        level, number, ms, me = 4, int(m.group("l4n")), m.start("l4"), m.end("l4")
    else:
        ch = m.group("l4c")
        level, number, ms, me = 4, _CIRCLED.get(ch) or _PAREN_DIGIT[ch], m.start("l4c"), m.end("l4c")
    if number <= 0:
        return None
    # 一、二线城市 / 1、2月份: a run of numerals, not a heading
    if g == "l1" and me < e and folded[me] in _CN_DIGITS and _cn_to_int(folded[me]) == number + 1:
        return None
    return level, number, ms, me


def _path_part(level: int, number: int, marker: str) -> str:
    marker = marker.strip()
    if level == 1:
        m = re.search(_CN_NUM, marker)
        return m.group() if m else str(number)
    if level == 2:
        m = re.search(_CN_NUM, marker)
        return f"（{m.group() if m else number}）"
    if level == 3:
        return str(number)
    if marker and marker[0] in _CIRCLED:
        return marker[0]
    return f"（{number}）"


def _plausible(level: int, number: int, last: dict[int, int]) -> bool:
    """A heading's number must start a sequence (1), continue it (+1) or skip one (+2)."""
    prev = last.get(level, 0)
    return number == 1 or number == prev + 1 or (prev >= 1 and number == prev + 2)


def _find_headings(text: str) -> list[dict[str, Any]]:
    folded = text.translate(_FOLD)
    heads: list[dict[str, Any]] = []
    last: dict[int, int] = {}
    for s, e, _ in _lines(text):
        cand = _heading_candidate(folded, s, e)
        if cand is None:
            continue
        level, number, ms, me = cand
        if not _plausible(level, number, last):
            logger.debug("outline: implausible %r at %d (last %s)", text[ms:me], ms, last.get(level))
            continue
        last[level] = number
        body_start = me
        while body_start < e and (text[body_start].isspace() or text[body_start] in "：:、.．"):
            body_start += 1
        t = _TITLE_END.search(text, body_start, e)
        title = text[body_start:(t.start() if t else e)].strip().rstrip("；;，,：:、").rstrip()
        heads.append({"level": level, "number": number, "marker": text[ms:me].strip(),
                      "line_start": s, "title": title})
    return heads


def outline(doc: TextLike) -> pd.DataFrame:
    """Split a speech into outline segments (headings and the text under them).

    Heading markers count only at the start of a line (after optional indentation,
    including U+3000), in half- or full-width form:

    - level 1: ``一、`` (also ``一．``) and ``第一部分``;
    - level 2: ``（一）`` / ``(一)``;
    - level 3: ``1.`` / ``1、`` / ``１．`` / ``⒈`` (not ``1.5亿元``, not ``2020年``);
    - level 4: ``（1）`` / ``(1)`` / ``①`` / ``⑴``.

    Numbering must be plausible: at each level a heading is kept if its number is 1
    (a new sequence), or the previous number at that level plus one (or plus two,
    tolerating one lost heading). A stray ``3.`` or ``（五）`` is ignored, as are runs
    of numerals such as ``一、二线城市``.

    Parameters
    ----------
    doc : Document or str
        The speech (raw or cleaned).

    Returns
    -------
    pandas.DataFrame
        One row per segment, in text order, columns:

        - ``level`` (int): 1–4, 0 for the preamble;
        - ``marker`` (str): the marker as written (``(一)``, ``一、``, ``1.``), ``""``
          for the preamble;
        - ``number`` (int): the marker's ordinal (一→1, （三）→3, ⑤→5), 0 for the preamble;
        - ``title`` (str): the heading text after the marker, up to the first
          ``。！？`` or the end of the line;
        - ``path`` (str): the chain of enclosing markers joined by ``.``, e.g.
          ``二.（三）`` or ``三.（一）.2.（1）``, ``""`` for the preamble;
        - ``start``, ``end`` (int): offsets; a segment runs from the start of its
          heading line to the start of the next heading line of any level;
        - ``text`` (str): ``input[start:end]``.

        The segments tile the input: the first starts at 0, each ends where the
        next starts, the last ends at ``len(input)`` and ``"".join(text)`` is the
        input. The preamble (text before the first heading) is a level-0 row when
        it is not empty. An empty input gives an empty frame.

    Raises
    ------
    InputError
        If ``doc`` is neither a str nor a Document.
    """
    text = _get_text(doc)
    heads = _find_headings(text)
    rows: list[dict[str, Any]] = []
    bounds = [h["line_start"] for h in heads] + [len(text)]
    if text and (not heads or heads[0]["line_start"] > 0):
        rows.append({"level": 0, "marker": "", "number": 0, "title": "", "path": "",
                     "start": 0, "end": bounds[0], "text": text[:bounds[0]]})
    stack: list[tuple[int, str]] = []
    for i, h in enumerate(heads):
        while stack and stack[-1][0] >= h["level"]:
            stack.pop()
        stack.append((h["level"], _path_part(h["level"], h["number"], h["marker"])))
        start, end = bounds[i], bounds[i + 1]
        rows.append({"level": h["level"], "marker": h["marker"], "number": h["number"],
                     "title": h["title"], "path": ".".join(p for _, p in stack),
                     "start": start, "end": end, "text": text[start:end]})
    return _frame(rows, _OUTLINE_SCHEMA)


# ---------------------------------------------------------------------------
# Enumerations
# ---------------------------------------------------------------------------

_ENUM_NUM = r"十[一二三四五六七八九]?|[一二三四五六七八九]"
_ENUM_AFTER = r"(?=[，,、：:\s]|是)"
_ENUM = re.compile(
    rf"(?P<di>第(?P<di_n>{_ENUM_NUM}|十)(?:步|点|个方面)?{_ENUM_AFTER})"
    rf"|(?P<qi>其(?P<qi_n>[一二三四五六七八九十]){_ENUM_AFTER})"
    r"|(?P<fm>另一方面|一方面)"
    rf"|(?P<seq>首先|其次|再次{_ENUM_AFTER}|最后{_ENUM_AFTER})"
    rf"|(?P<shi>(?P<shi_n>{_ENUM_NUM}|十)是)"
    rf"|(?P<yao>(?P<yao_n>{_ENUM_NUM}|十)要)"
)
# characters that, before 一是/二要 …, make the numeral part of a word (统一是, 唯一要, 之一是)
_ENUM_BAD_PREV = set("统唯同单划均专万整逐不合归纯如之第十百千零〇两再其另几周期初某任每")
_ENUM_BAD_PREV |= set("0123456789一二三四五六七八九")
_YAO_BAD_NEXT = set("求素务件点害领闻道案犯职地塞冲员")
_SEQ_ORD = {"首先": 1, "其次": 2, "再次": 3, "最后": -1}
_SOFT_END = set("；;，,、：:")


def _blocks(text: str, folded: str) -> list[tuple[int, int]]:
    """Paragraphs: lines joined when a line ends in ；，、： (a stray break) and the next is no heading."""
    blocks: list[tuple[int, int]] = []
    cur: list[int] | None = None
    soft = False
    for s, e, _ in _lines(text):
        stripped = text[s:e].rstrip()
        if not stripped.strip():
            if cur:
                blocks.append((cur[0], cur[1]))
            cur, soft = None, False
            continue
        if cur is not None and soft and _heading_candidate(folded, s, e) is None:
            cur[1] = e
        else:
            if cur:
                blocks.append((cur[0], cur[1]))
            cur = [s, e]
        soft = stripped[-1] in _SOFT_END
    if cur:
        blocks.append((cur[0], cur[1]))
    return blocks


def _enum_markers(text: str) -> Iterator[tuple[str, int, int, int, str]]:
    """Yield (family, ordinal, start, end, marker) for candidate enumeration markers."""
    n = len(text)
    for m in _ENUM.finditer(text):
        fam = m.lastgroup
        s, e = m.start(), m.end()
        prev = text[s - 1] if s > 0 else ""
        nxt = text[e] if e < n else ""
        if fam in ("shi", "yao"):
            num = m.group(f"{fam}_n")
            if prev in _ENUM_BAD_PREV:
                continue
            if fam == "shi" and text.startswith(num, e):  # 一是一、二是二
                continue
            if fam == "yao" and nxt in _YAO_BAD_NEXT:
                continue
            yield fam, _cn_to_int(num), s, e, m.group()
        elif fam == "di":
            if prev == "第":
                continue
            yield fam, _cn_to_int(m.group("di_n")), s, e, m.group()
        elif fam == "qi":
            yield fam, _cn_to_int(m.group("qi_n")), s, e, m.group()
        elif fam == "fm":
            yield fam, (2 if m.group().startswith("另") else 1), s, e, m.group()
        else:  # 首先/其次/再次/最后 share a family with 第一/第二…: 首先…其次…第三…
            yield "di", _SEQ_ORD[m.group()], s, e, m.group()


_ITEM_LEAD = "，,、：: \t\u3000"
_ITEM_TRAIL = "，,、；;：:。！？!? \t\u3000\n\r"


def enumerations(doc: TextLike) -> pd.DataFrame:
    """Find in-paragraph enumerations: 一是…二是…, 一要…二要…, 第一，…第二，…, 首先…其次…最后…, 一方面…另一方面….

    A sequence needs at least two consecutive ordinals of the same family in the
    same paragraph (lines broken after ``；``/``，``/``、``/``：`` are joined into one
    paragraph; a heading line starts a new one). ``首先…`` and ``一方面…`` sequences
    must start with their first member; ``最后`` closes a ``首先`` sequence. Not
    markers: 第一要务 / 第一责任人 (第N must be followed by ``，、：`` or 是), numerals
    inside words (统一是, 唯一要, 之一是), the idiom 一是一、二是二, and a lone 一要….

    Parameters
    ----------
    doc : Document or str
        The speech (raw or cleaned).

    Returns
    -------
    pandas.DataFrame
        One row per item, columns ``group`` (int, 0-based id of the sequence in
        document order), ``ordinal`` (int, 1-based; 最后 gets the next ordinal),
        ``marker`` (str, e.g. ``一是``), ``item`` (str: the text after the marker up
        to the next marker of the sequence or the end of its sentence, without
        trailing punctuation), ``sentence`` (str: the sentence holding the marker),
        ``start`` (int: offset of the marker) and ``end`` (int: end of the item).

    Raises
    ------
    InputError
        If ``doc`` is neither a str nor a Document.

    Examples
    --------
    >>> enumerations("一是抓宣传。二是抓排查。")[["ordinal", "marker", "item"]].values.tolist()
    [[1, '一是', '抓宣传'], [2, '二是', '抓排查']]
    """
    text = _get_text(doc)
    folded = text.translate(_FOLD)
    blocks = _blocks(text, folded)
    if not blocks:
        return _frame([], _ENUM_SCHEMA)
    block_starts = [b[0] for b in blocks]
    sents = _Sentences(text)
    # (block, family) -> markers in order
    by_key: dict[tuple[int, str], list[tuple[int, int, int, str]]] = {}
    for fam, ordinal, s, e, marker in _enum_markers(text):
        bi = bisect.bisect_right(block_starts, s) - 1
        if bi < 0 or s >= blocks[bi][1]:
            continue
        by_key.setdefault((bi, fam), []).append((ordinal, s, e, marker))
    runs: list[tuple[str, list[tuple[int, int, int, str]], int]] = []
    for (bi, fam), markers in by_key.items():
        run: list[tuple[int, int, int, str]] = []

        def close() -> None:
            if len(run) >= 2:
                runs.append((fam, list(run), blocks[bi][1]))

        for ordinal, s, e, marker in markers:
            if run and ordinal == -1:
                run.append((run[-1][0] + 1, s, e, marker))
                close()
                run = []
                continue
            if run and ordinal == run[-1][0] + 1:
                run.append((ordinal, s, e, marker))
                continue
            close()
            run = []
            if ordinal == -1 or ((marker in _SEQ_ORD or fam == "fm") and ordinal != 1):
                continue
            run.append((ordinal, s, e, marker))
        close()
    runs.sort(key=lambda r: r[1][0][1])
    rows: list[dict[str, Any]] = []
    for gid, (fam, run, block_end) in enumerate(runs):
        for k, (ordinal, s, e, marker) in enumerate(run):
            ss, se = sents.span_at(s)
            limit = min(se if ss <= s < se else block_end, block_end)
            if k + 1 < len(run):
                limit = min(limit, run[k + 1][1])
            i0 = e
            while i0 < limit and text[i0] in _ITEM_LEAD:
                i0 += 1
            i1 = max(limit, i0)
            while i1 > i0 and text[i1 - 1] in _ITEM_TRAIL:
                i1 -= 1
            rows.append({"group": gid, "ordinal": ordinal, "marker": marker,
                         "item": text[i0:i1], "sentence": text[ss:se],
                         "start": s, "end": max(i1, e)})
    return _frame(rows, _ENUM_SCHEMA)


# ---------------------------------------------------------------------------
# Formulas
# ---------------------------------------------------------------------------

_QUOTE = re.compile(r"“([^“”\n]{1,60})”|「([^「」\n]{1,60})」|『([^『』\n]{1,60})』|\"([^\"\n]{1,60})\"")
_QUOTE_LIST_GAP = re.compile(r"[ \t\u3000]*(?:、|和|与|及|以及)[ \t\u3000]*")
_MAX_FORMULA = 50
_NUMERAL = "一二两三四五六七八九十"
_NUMBERED_CLASSIFIER = re.compile(  # 三个到位, 八项规定, 三大战略 … (一个… is just "a …")
    rf"^(?!一个)([{_NUMERAL}]{{1,3}}|[0-9]{{1,2}})(?:个|项|大|条|种|点|位|张|句|字|化|不|有|严|为|统一|支)"
)
_NUMBERED_ALTERNATING = re.compile(rf"^(?:[{_NUMERAL}][\u4e00-\u9fff]{{1,2}}){{2,4}}$")
_NUMBERED_ONLY = re.compile(rf"^[{_NUMERAL}]{{2,4}}$")
_NUMBERED_SHORT = re.compile(rf"^([{_NUMERAL}])[\u4e00-\u9fff]$")  # 三农, 四风, 三公
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
    folded = formula.translate(_FOLD)
    m = _NUMBERED_CLASSIFIER.match(folded)
    if m:
        return _cn_to_int(m.group(1)) or True
    m = _NUMBERED_SHORT.match(folded)
    if m:
        return _cn_to_int(m.group(1)) or True
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
    text = _get_text(doc)
    sents = _Sentences(text)
    quotes: list[tuple[int, int, str]] = []  # (start, end, content)
    for m in _QUOTE.finditer(text):
        content = next(g for g in m.groups() if g is not None).strip()
        if not content or len(content) > _MAX_FORMULA or _TITLE_END.search(content):
            continue
        if m.group(4) is not None and not _HAN.search(content):
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
    folded = text.translate(_FOLD)
    for m in _UNQUOTED_NUMBERED.finditer(folded):
        k = bisect.bisect_right(mask_starts, m.start()) - 1
        if k >= 0 and masked[k][0] <= m.start() < masked[k][1]:
            continue
        numeral = m.group("n1") or m.group("n2") or m.group("n3") or m.group("n4")
        form = text[m.start():m.end()]
        found.append((m.start(), form, (form,), "numbered", _cn_to_int(numeral) if numeral else None))
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
    return _frame(list(rows.values()), _FORMULA_SCHEMA)


# ---------------------------------------------------------------------------
# References
# ---------------------------------------------------------------------------

_BOOK = re.compile(r"《([^《》\n]{1,120})》")
_REF_TRANS = str.maketrans({"(": "（", ")": "）", "[": "〔", "]": "〕", "【": "〔", "】": "〕",
                            "［": "〔", "］": "〕", "<": "〈", ">": "〉", "＜": "〈", "＞": "〉"})
_WS = re.compile(r"[\s\u3000\u200b\ufeff]+")
_TRAILING_PAREN = re.compile(r"(?:（[^（）]*）|〔[^〔〕]*〕)+$")
_REF_TYPES = (
    ("实施细则", "细则"), ("实施办法", "办法"), ("管理办法", "办法"), ("实施意见", "意见"),
    ("指导意见", "意见"), ("实施方案", "方案"), ("工作方案", "方案"), ("行动方案", "方案"),
    ("行动计划", "计划"), ("工作报告", "报告"), ("白皮书", "白皮书"), ("法典", "法"),
    ("条例", "条例"), ("办法", "办法"), ("细则", "细则"), ("规定", "规定"), ("方案", "方案"),
    ("规划", "规划"), ("通知", "通知"), ("通告", "通告"), ("公告", "公告"), ("公报", "公报"),
    ("决定", "决定"), ("纲要", "纲要"), ("计划", "计划"), ("决议", "决议"), ("报告", "报告"),
    ("意见", "意见"), ("制度", "制度"), ("标准", "标准"), ("任务", "任务"), ("规则", "规则"),
    ("准则", "准则"), ("章程", "章程"), ("指南", "指南"), ("规范", "规范"), ("要点", "要点"),
    ("公约", "公约"), ("清单", "清单"), ("批复", "批复"), ("讲话", "讲话"),
)
_NOT_LAW = ("方法", "做法", "想法", "看法", "说法", "用法", "手法", "疗法", "算法", "书法", "语法",
            "技法", "写法", "战法", "兵法", "章法", "打法", "玩法", "司法", "执法", "普法", "守法",
            "违法", "依法", "合法", "非法", "魔法", "佛法", "心法")
_NATIONAL = re.compile(r"^(?:中华人民共和国|中国共产党|中共中央|党中央|国务院|全国|国家|中央|最高人民)")
_WHOLE_LEVEL = re.compile(r"全(国|省|市|州|县|区|旗)")
_ADMIN = {"省": "省", "市": "市", "州": "市", "盟": "市", "县": "县", "区": "县", "旗": "县"}
_NOT_ADMIN = ("社区", "地区", "园区", "景区", "辖区", "山区", "灾区", "片区", "小区", "校区", "牧区",
              "区域", "区别", "区分", "区间", "区块", "市场", "城市", "都市", "超市", "上市", "股市",
              "县域", "省级", "市级", "县级", "区级")


def _ref_type(title: str) -> str:
    core = _TRAILING_PAREN.sub("", title) or title
    for suffix, label in _REF_TYPES:
        if core.endswith(suffix):
            return label
    if core.endswith("法") and not core.endswith(_NOT_LAW):
        return "法"
    return "其他"


def _ref_level(title: str) -> str:
    if _NATIONAL.match(title):
        return "国家"
    issuer = title.split("关于", 1)[0]
    if issuer.startswith("中共"):
        issuer = issuer[2:]
    for i, ch in enumerate(issuer[:9]):
        if ch in _ADMIN:
            two_after = issuer[i:i + 2]
            two_before = issuer[max(i - 1, 0):i + 1]
            if two_after in _NOT_ADMIN or two_before in _NOT_ADMIN:
                continue
            if i > 0 and not (_is_han(issuer[i - 1]) or issuer[i - 1] in "Xx×*＊"):
                continue
            if issuer[i:i + 3] == "自治区":
                return "省"
            return _ADMIN[ch]
    m = _WHOLE_LEVEL.search(title)
    if m:
        return "国家" if m.group(1) == "国" else _ADMIN[m.group(1)]
    return ""


def references(doc: TextLike) -> pd.DataFrame:
    """Find the laws, regulations and documents cited in 《…》.

    Titles are normalised: whitespace removed, ASCII parentheses and brackets made
    full-width (``(暂行)`` → ``（暂行）``; ``[]【】`` → ``〔〕``). Adjacent titles
    ``《A》《B》`` are two references.

    Parameters
    ----------
    doc : Document or str
        The speech (raw or cleaned).

    Returns
    -------
    pandas.DataFrame
        One row per distinct normalised title, sorted by first appearance, columns:

        - ``reference`` (str): the normalised title (中华人民共和国 prefix kept);
        - ``short`` (str): the title without a leading 中华人民共和国 (so
          《中华人民共和国禁毒法》 and 《禁毒法》 share ``short`` 禁毒法; they stay
          two rows, group on ``short`` to merge them);
        - ``type`` (str): from the suffix, after dropping a trailing （暂行）/（试行）…:
          法, 条例, 办法, 细则, 规定, 方案, 规划, 通知, 决定, 纲要, 计划, 决议, 报告,
          意见, 制度, 标准, 任务, 规则, 准则, 章程, 指南, 规范, 要点, 公约, 清单 …,
          else ``"其他"``;
        - ``level`` (str): the issuing level stated in the title — ``"国家"``
          (中华人民共和国/国务院/中共中央/全国/国家…), ``"省"`` (省/全省/X省/自治区),
          ``"市"`` (市/X市/全市/州), ``"县"`` (县/区/旗, X县, 全县…), else ``""``;
        - ``count`` (int): occurrences;
        - ``first_start`` (int): offset of the first ``《``.

    Raises
    ------
    InputError
        If ``doc`` is neither a str nor a Document.
    """
    text = _get_text(doc)
    rows: dict[str, dict[str, Any]] = {}
    for m in _BOOK.finditer(text):
        ref = _WS.sub("", m.group(1)).translate(_REF_TRANS)
        if not ref:
            continue
        row = rows.get(ref)
        if row is not None:
            row["count"] += 1
            continue
        short = ref[len("中华人民共和国"):] if ref.startswith("中华人民共和国") and len(ref) > 7 else ref
        rows[ref] = {"reference": ref, "short": short, "type": _ref_type(ref), "level": _ref_level(ref),
                     "count": 1, "first_start": m.start()}
    return _frame(list(rows.values()), _REFERENCE_SCHEMA)


# ---------------------------------------------------------------------------
# Targets
# ---------------------------------------------------------------------------

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
    r"|(?P<zero>(?<![零〇一二三四五六七八九十百千万亿0-9])零(?P<zx>[\u4e00-\u9fff]{1,2}))"
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
    text = _get_text(doc)
    folded = text.translate(_FOLD)
    sents = _Sentences(text)
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
            if not m.group("dp3") and prev and _is_han(prev) and prev not in _DEADLINE3_OK_PREV:
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
            kind, unit, value = "percent", "%", _cn_decimal(m.group("pcn"))
        elif g == "permille":
            unit, value = "‰", float(m.group("pm").replace(",", ""))
        elif g == "zero":
            zx = m.group("zx")
            if zx[0] in _ZERO_BAD or zx[0] in _CN_DIGITS:
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
    return _frame(rows, _TARGET_SCHEMA)


# ---------------------------------------------------------------------------
# Duties
# ---------------------------------------------------------------------------

BodiesArg = Union[None, Mapping[str, Iterable[str]], Iterable[str], "os.PathLike[str]"]


def _parse_body_lines(lines: Iterable[str], source: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for lineno, raw in enumerate(lines, 1):
        if not isinstance(raw, str):
            raise InputError(f"bodies must hold str entries, got {type(raw).__name__} in {source}")
        line = raw.strip("\r\n").strip()
        if not line or line.startswith("#"):
            continue
        canonical, _, aliases = line.partition("\t")
        canonical = canonical.strip()
        if not canonical:
            logger.warning("%s line %d: no canonical name, skipped", source, lineno)
            continue
        names = [a.strip() for a in re.split(r"[,，]", aliases) if a.strip()]
        table[canonical] = tuple(dict.fromkeys([*table.get(canonical, ()), *names]))
    return table


@functools.lru_cache(maxsize=1)
def _bundled_bodies() -> dict[str, tuple[str, ...]]:
    with open(GOV_BODIES_PATH, encoding="utf-8") as fh:
        return _parse_body_lines(fh, str(GOV_BODIES_PATH))


def gov_bodies() -> dict[str, tuple[str, ...]]:
    """Return the bundled list of government bodies and mass organisations.

    Read lazily (once) from ``textmine/resources/gov_bodies.txt``: one body per
    line, ``canonical<TAB>alias1,alias2,...``; ``#`` starts a comment line.

    Returns
    -------
    dict of str to tuple of str
        Canonical name → aliases (a fresh copy: changing it does not change the
        bundled list; pass extra bodies to :func:`duties` instead).
    """
    return dict(_bundled_bodies())


def _trie_regex(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` as a trie (longest match first)."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        end = "" in node
        if not branches:
            return ""
        alt = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{alt})?" if end else alt

    return build(trie)


_INSTITUTION_SUFFIX = ("局", "委", "院", "会", "部", "办", "厅", "所", "处", "队", "联", "中心", "政府",
                       "机关", "部门", "机构", "室", "站", "署", "社", "组", "馆", "台", "校", "团")
_SHORT_FORMS = {"公": "公安", "检": "检察院", "法": "法院", "司": "司法"}
_SHORT_RUN = r"公(?:、检(?:、法)?(?:、司)?|检法司?)"
_LEVEL_PREFIX = r"(?:各级|各地|各|全省|全市|全县|全区|省级|市级|县级|省|市|州|县|区|乡镇|乡|镇|有关|相关)"
_BODY_SEP = r"(?:、|和|及|与|以及|、以及)?"
_GROUP_TAIL = (r"(?P<tail>(?:等|等等)?(?:(?:及|和|以及|与)?(?:各级|各|有关|相关|其他|成员|职能)*"
               r"(?P<group>部门|单位|机关|机构|成员单位))?)")
_ADVERB = r"(?:也|还|都|更|均|一定|首先)?"
_MODAL = r"(?P<modal>(?:要|必须|应当|应该|务必|需要|须|应)(?:继续)?|负责|牵头)?"
_QUOTED_SPAN = re.compile(r"《[^《》\n]*》|“[^“”\n]*”|「[^「」\n]*」")
_BOUNDARY_VERBS = ("由", "请", "明确", "要求", "督促", "责成", "指导", "支持", "鼓励", "推动")


class _BodyMatcher:
    def __init__(self, table: Mapping[str, Iterable[str]]) -> None:
        self.alias: dict[str, str] = {}
        for canonical, aliases in table.items():
            for a in (canonical, *aliases):
                if a:
                    self.alias.setdefault(a, canonical)
        self.generic = {a for a in self.alias if not a.endswith(_INSTITUTION_SUFFIX)}
        names = _trie_regex(sorted(self.alias, key=len, reverse=True))
        token = rf"(?:{_SHORT_RUN}|{names})"
        self.token = re.compile(token)
        self.run = re.compile(
            rf"(?P<run>{_LEVEL_PREFIX}?{token}(?:{_BODY_SEP}{_LEVEL_PREFIX}?{token}){{0,15}})"
            rf"{_GROUP_TAIL}{_ADVERB}{_MODAL}"
        )
        self.level_prefix = re.compile(_LEVEL_PREFIX)

    def bodies_of(self, run: str) -> tuple[tuple[str, ...], bool]:
        """Canonical bodies in a run, and whether its first token is a generic word."""
        out: list[str] = []
        first_generic = None
        for m in self.token.finditer(run):
            tok = m.group()
            if tok in self.alias:
                names = [self.alias[tok]]
                generic = tok in self.generic
            else:  # 公、检、法 / 公检法司
                names = [_SHORT_FORMS[c] for c in tok if c in _SHORT_FORMS]
                generic = True
            if first_generic is None:
                first_generic = generic
            out.extend(n for n in names if n not in out)
        return tuple(out), bool(first_generic)


@functools.lru_cache(maxsize=1)
def _bundled_matcher() -> _BodyMatcher:
    return _BodyMatcher(_bundled_bodies())


def _extra_bodies(bodies: Any) -> dict[str, tuple[str, ...]]:
    if isinstance(bodies, (str, bytes)):
        raise InputError(
            f"bodies must be None, a mapping canonical -> aliases, an iterable of "
            f"'canonical<TAB>alias,...' lines, or a path to such a file, got {type(bodies).__name__} "
            f"(wrap a single name in a list: bodies=[{bodies!r}])"
        )
    if isinstance(bodies, os.PathLike):
        with open(bodies, encoding="utf-8") as fh:
            return _parse_body_lines(fh, os.fspath(bodies))
    if isinstance(bodies, Mapping):
        out = {}
        for k, v in bodies.items():
            if not isinstance(k, str) or isinstance(v, (str, bytes)) or not isinstance(v, Iterable):
                raise InputError(
                    "bodies mapping must map str to an iterable of str aliases, got "
                    f"{type(k).__name__} -> {type(v).__name__}"
                )
            aliases = tuple(v)
            if not all(isinstance(a, str) for a in aliases):
                raise InputError(f"bodies mapping aliases must be str (for {k!r})")
            out[k] = aliases
        return out
    if isinstance(bodies, Iterable):
        return _parse_body_lines(bodies, "bodies")
    raise InputError(
        "bodies must be None, a mapping canonical -> aliases, an iterable of "
        f"'canonical<TAB>alias,...' lines, or a path to such a file, got {type(bodies).__name__}"
    )


def _at_boundary(text: str, pos: int, floor: int) -> bool:
    """Is ``pos`` at a clause start (sentence start, after punctuation, or after an assigning verb)?"""
    if pos <= floor:
        return True
    prev = text[pos - 1]
    if not _is_han(prev):
        return True
    return any(text.endswith(v, floor, pos) for v in _BOUNDARY_VERBS)


def duties(doc: TextLike, *, bodies: BodiesArg = None) -> pd.DataFrame:
    """Find which bodies are told to do what.

    A directive is a run of one or more bodies (aliases from the bodies list, joined
    by ``、``/和/及/与 or nothing, optionally with level prefixes 各级/市/县…), an
    optional tail (等部门, 等单位, 及各成员单位 …) and a modal (要, 必须, 应当, 负责,
    牵头, 要继续 …; also 也要/还要/一定要). Without a modal the run must end in a
    group word (等部门 …) and start a clause (公安、司法等部门履行…). Short forms
    ``公、检、法`` and ``公检法司`` expand to 公安, 检察院, 法院, 司法. A body that is
    also an everyday word (教育, 卫生, 农业 …) counts only at a clause start, after a
    level prefix or after an assigning verb (明确, 由, 要求 …).

    Parameters
    ----------
    doc : Document or str
        The speech (raw or cleaned).
    bodies : mapping, iterable of str, path, or None, keyword-only
        Extra bodies added to the bundled list (``None``: the bundled list only).
        A mapping ``{canonical: [aliases]}``; an iterable of lines in the file format
        (``"canonical"`` or ``"canonical\\talias1,alias2"``); or an
        :class:`os.PathLike` to such a file.

    Returns
    -------
    pandas.DataFrame
        One row per directive, sorted by ``start``, columns ``bodies`` (tuple of
        canonical names, in order of mention), ``duty`` (str: the clause after the
        modal up to the end of the sentence — sentences end at ``。！？；`` and line
        breaks — or up to the next directive in the same sentence, without trailing
        punctuation), ``sentence`` (str) and ``start`` (int: offset of the run).

    Raises
    ------
    InputError
        If ``doc`` is neither a str nor a Document, or ``bodies`` has the wrong type.

    Examples
    --------
    >>> duties("公、检、法等部门要依法严惩毒品犯罪分子。")[["bodies", "duty"]].values.tolist()
    [[('公安', '检察院', '法院'), '依法严惩毒品犯罪分子']]
    """
    text = _get_text(doc)
    if bodies is None:
        matcher = _bundled_matcher()
    else:
        table = dict(_bundled_bodies())
        for canonical, aliases in _extra_bodies(bodies).items():
            table[canonical] = tuple(dict.fromkeys([*table.get(canonical, ()), *aliases]))
        matcher = _BodyMatcher(table)
    rows: list[dict[str, Any]] = []
    quoted = [(q.start(), q.end()) for q in _QUOTED_SPAN.finditer(text)]
    quoted_starts = [q[0] for q in quoted]
    for ss, se in sentence_spans(text):
        found: list[tuple[int, int, tuple[str, ...]]] = []  # (run start, duty start, bodies)
        pos = ss
        while pos < se:
            m = matcher.run.search(text, pos, se)
            if m is None:
                break
            run_start = m.start("run")
            k = bisect.bisect_right(quoted_starts, run_start) - 1
            if k >= 0 and quoted[k][0] < run_start < quoted[k][1]:
                pos = quoted[k][1]  # a body named inside “…” or 《…》 is no directive
                continue
            run = m.group("run")
            has_group = m.group("tail").startswith("等") and bool(m.group("group"))
            modal = m.group("modal")
            lead = matcher.level_prefix.match(run)
            names, first_generic = matcher.bodies_of(run)
            boundary = _at_boundary(text, run_start, ss)
            nxt = text[m.end()] if m.end() < se else ""
            # a directive needs a clause after it, and a modal or 等部门 (at a clause start)
            ok = bool(names) and (_is_han(nxt) or nxt in "“「《")
            ok = ok and (bool(modal) or has_group)
            if ok and modal and text.startswith(("求", "素", "点"), m.end()):
                ok = False  # 公安要求… is a demand, 要素/要点 are nouns
            if not ok:
                pos = m.end("run")  # no later body in this run can do better
                continue
            if (boundary or (modal and (not first_generic or lead))):
                found.append((run_start, m.end(), names))
                pos = m.end()
            else:  # not at a clause start: retry after the run's first body
                first = matcher.token.search(text, run_start, m.end("run"))
                pos = max(first.end() if first else m.start() + 1, m.start() + 1)
        for k, (run_start, duty_start, names) in enumerate(found):
            end = found[k + 1][0] if k + 1 < len(found) else se
            d0, d1 = duty_start, end
            while d0 < d1 and text[d0] in _ITEM_LEAD:
                d0 += 1
            while d1 > d0 and text[d1 - 1] in _ITEM_TRAIL:
                d1 -= 1
            if d0 >= d1:
                continue
            rows.append({"bodies": names, "duty": text[d0:d1], "sentence": text[ss:se],
                         "start": run_start})
    return _frame(rows, _DUTY_SCHEMA)
