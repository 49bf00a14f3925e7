"""In-paragraph enumerations: 一是…二是…, 一要…二要…, 第一，…第二，…, 首先…其次…最后…, 一方面…另一方面…."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Any

import pandas as pd

from .._text import FOLD, cn_to_int, heading_marker
from ._frame import ITEM_LEAD, ITEM_TRAIL, TextLike, frame, get_text, iter_lines
from .sentences import SentenceIndex

__all__ = ["enumerations", "ENUMERATION_COLUMNS"]

_ENUM_SCHEMA = {
    "group": "int64", "ordinal": "int64", "marker": "str", "item": "str",
    "sentence": "str", "start": "int64", "end": "int64",
}
ENUMERATION_COLUMNS = tuple(_ENUM_SCHEMA)

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
    for s, e, _ in iter_lines(text):
        stripped = text[s:e].rstrip()
        if not stripped.strip():
            if cur:
                blocks.append((cur[0], cur[1]))
            cur, soft = None, False
            continue
        if cur is not None and soft and heading_marker(folded, s, e) is None:
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
            yield fam, cn_to_int(num), s, e, m.group()
        elif fam == "di":
            if prev == "第":
                continue
            yield fam, cn_to_int(m.group("di_n")), s, e, m.group()
        elif fam == "qi":
            yield fam, cn_to_int(m.group("qi_n")), s, e, m.group()
        elif fam == "fm":
            yield fam, (2 if m.group().startswith("另") else 1), s, e, m.group()
        else:  # 首先/其次/再次/最后 share a family with 第一/第二…: 首先…其次…第三…
            yield "di", _SEQ_ORD[m.group()], s, e, m.group()


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
    text = get_text(doc)
    folded = text.translate(FOLD)
    blocks = _blocks(text, folded)
    if not blocks:
        return frame([], _ENUM_SCHEMA)
    block_starts = [b[0] for b in blocks]
    sents = SentenceIndex(text)
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
            while i0 < limit and text[i0] in ITEM_LEAD:
                i0 += 1
            i1 = max(limit, i0)
            while i1 > i0 and text[i1 - 1] in ITEM_TRAIL:
                i1 -= 1
            rows.append({"group": gid, "ordinal": ordinal, "marker": marker,
                         "item": text[i0:i1], "sentence": text[ss:se],
                         "start": s, "end": max(i1, e)})
    return frame(rows, _ENUM_SCHEMA)
