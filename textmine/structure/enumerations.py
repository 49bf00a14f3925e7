"""Enumerations: 一是…二是…, 一要…二要…, 第一，…第二，…, 首先…其次…最后…, 一方面…另一方面…, 第一条…第十七条,
——dash lists; inside a paragraph or with each item opening its own paragraph."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

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

_ENUM_NUM = r"[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_TIAO_NUM = r"[一二三四五六七八九十百零]{1,6}"
_ENUM_AFTER = r"(?=[，,、：:\s]|是)"
_ENUM = re.compile(
    rf"(?P<tiao>第(?P<tiao_n>{_TIAO_NUM})条)"
    rf"|(?P<di>第(?P<di_n>{_ENUM_NUM})(?:步|点|个方面)?{_ENUM_AFTER})"
    rf"|(?P<qi>其(?P<qi_n>[一二三四五六七八九十]){_ENUM_AFTER})"
    r"|(?P<fm>另一方面|一方面)"
    rf"|(?P<seq>首先|其次|再次{_ENUM_AFTER}|最后{_ENUM_AFTER})"
    rf"|(?P<shi>(?P<shi_n>{_ENUM_NUM})是)"
    rf"|(?P<yao>(?P<yao_n>{_ENUM_NUM})要)"
    r"|(?P<dash>——)"
)
# characters that, before 一是/二要 …, make the numeral part of a word (统一是, 唯一要, 之一是)
_ENUM_BAD_PREV = set("统唯同单划均专万整逐不合归纯如之第十百千零〇两再其另几周期初某任每")
_ENUM_BAD_PREV |= set("0123456789一二三四五六七八九")
_YAO_BAD_NEXT = set("求素务件点害领闻道案犯职地塞冲员")
_SEQ_ORD = {"首先": 1, "其次": 2, "再次": 3, "最后": -1}
_SOFT_END = set("；;，,、：:")
_INDENT = " \t\u3000\xa0\u200b\ufeff"
_REG_HEAD = re.compile(r"[ \t\u3000\xa0]*第[一二三四五六七八九十百零]{1,6}[编章节]")
# 第二，/第十七条 start a clause: after punctuation, a space, a line start or a photo credit
# (跃居世界第二，… is a rank, not an item)
_CLAUSE_START_PREV = set("。！？；，、：:;,!?”’」』）)】》…— \t\u3000\xa0\n\r\ufeff")
# 第十条规定 / 第三条第二款 / 第五条的: an article cited, not an article
_TIAO_BAD_NEXT = set("规的之中所款项第和及、，,）)至到")


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


def _clause_start(text: str, s: int) -> bool:
    if s == 0:
        return True
    prev = text[s - 1]
    return prev in _CLAUSE_START_PREV or text.endswith("/摄", 0, s)


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
        elif fam == "tiao":
            if nxt in _TIAO_BAD_NEXT or not _clause_start(text, s):
                continue
            yield fam, cn_to_int(m.group("tiao_n")), s, e, m.group()
        elif fam == "di":
            if prev == "第" or not _clause_start(text, s):
                continue
            yield fam, cn_to_int(m.group("di_n")), s, e, m.group()
        elif fam == "qi":
            yield fam, cn_to_int(m.group("qi_n")), s, e, m.group()
        elif fam == "fm":
            yield fam, (2 if m.group().startswith("另") else 1), s, e, m.group()
        elif fam == "dash":
            # a dash item opens its paragraph or sentence (——我们坚持…); a dash inside a
            # sentence is punctuation
            if not _clause_start(text, s) or prev == "—" or nxt == "—":
                continue
            yield fam, 0, s, e, m.group()
        else:  # 首先/其次/再次/最后 share a family with 第一/第二…: 首先…其次…第三…
            yield "di", _SEQ_ORD[m.group()], s, e, m.group()


def enumerations(doc: TextLike) -> pd.DataFrame:
    """Find enumerations: 一是…二是…, 一要…二要…, 第一，…第二，…, 首先…其次…最后…, 一方面…另一方面…,
    第一条…第N条 and ——dash lists.

    A sequence needs at least two consecutive ordinals of the same family. Its items
    sit in one paragraph (lines broken after ``；``/``，``/``、``/``：`` are joined into
    one paragraph; a heading line starts a new one), or each later item opens its own
    paragraph (``一是…\n二是…``), the item before it opening its paragraph too or standing
    in the paragraph just before; a heading line between two such items ends the
    sequence, except for articles (``第一条…第二章…第三条`` is one sequence).
    ``首先…`` and ``一方面…`` sequences must start with their first member; ``最后``
    closes a ``首先`` sequence, never a ``第一，…第N，`` one (``最后，我再强调…`` is the
    closing of the speech), and a ``首先`` or ``最后`` inside an item of a ``第一，…``
    sequence neither joins nor breaks it. ``第N`` and ``第N条`` count only at the start
    of a clause (after punctuation, a space, a line start or a photo credit), so
    ``跃居世界第二，`` is no item; ordinals go past 十 (第二十一条). A dash list is two
    or more clauses opening with ``——``; where a one-line text runs two dash lists
    together, they are cut apart where the items stop opening alike. Not markers:
    第一要务 / 第一责任人 (第N must be followed by ``，、：`` or 是), numerals inside
    words (统一是, 唯一要, 之一是), cited articles (第十条规定, 第三条第二款), the
    idiom 一是一、二是二, and a lone 一要….

    Parameters
    ----------
    doc : Document or str
        The speech (raw or cleaned).

    Returns
    -------
    pandas.DataFrame
        One row per item, columns ``group`` (int, 0-based id of the sequence in
        document order), ``ordinal`` (int, 1-based; 最后 gets the next ordinal),
        ``marker`` (str, e.g. ``一是``, ``第十七条``, ``——``), ``item`` (str: the item's own
        text — after the marker and the punctuation or space that follows it — up to the
        next marker of the sequence or the end of its sentence, without trailing
        punctuation; so ``item[:8]`` is the item's opening, never its marker),
        ``sentence`` (str: the sentence holding the marker), ``start`` (int: offset of the marker) and ``end`` (int: end of the item).

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
    # a heading line ends a list that crosses paragraphs (an article list goes on across 第二章)
    heading_blocks = [i for i, (bs, be) in enumerate(blocks)
                      if heading_marker(folded, bs, be) is not None or _REG_HEAD.match(folded, bs, be)]
    by_fam: dict[str, list[_Marker]] = {}
    for fam, ordinal, s, e, marker in _enum_markers(text):
        bi = bisect.bisect_right(block_starts, s) - 1
        if bi < 0 or s >= blocks[bi][1]:
            continue
        lead = blocks[bi][0]
        while lead < s and text[lead] in _INDENT:
            lead += 1
        by_fam.setdefault(fam, []).append(_Marker(ordinal, s, e, marker, bi, lead == s))
    runs: list[list[_Marker]] = []
    for fam, markers in by_fam.items():
        for run in _runs(fam, markers, heading_blocks):
            runs.extend(_split_parallel(text, run) if fam == "dash" else [run])
    runs.sort(key=lambda r: r[0].start)
    rows: list[dict[str, Any]] = []
    for gid, run in enumerate(runs):
        for k, m in enumerate(run):
            block_end = blocks[m.block][1]
            ss, se = sents.span_at(m.start)
            limit = min(se if ss <= m.start < se else block_end, block_end)
            if k + 1 < len(run):
                limit = min(limit, max(run[k + 1].start, m.end))
            i0 = m.end
            if m.marker in _SEQ_ORD and text.startswith("是", i0):  # 首先是…: the item is what follows
                i0 += 1
            while i0 < limit and text[i0] in ITEM_LEAD:
                i0 += 1
            i1 = max(limit, i0)
            while i1 > i0 and text[i1 - 1] in ITEM_TRAIL:
                i1 -= 1
            rows.append({"group": gid, "ordinal": m.ordinal, "marker": m.marker,
                         "item": text[i0:i1], "sentence": text[ss:se],
                         "start": m.start, "end": max(i1, m.end)})
    return frame(rows, _ENUM_SCHEMA)


class _Marker(NamedTuple):
    ordinal: int
    start: int
    end: int
    marker: str
    block: int
    para_start: bool  #: the marker opens its paragraph


def _linked(prev: _Marker, m: _Marker, heading_blocks: list[int], fam: str) -> bool:
    """May ``m`` continue the list whose last item is ``prev``? In the same paragraph, yes; in a
    later one, when ``m`` opens its paragraph, ``prev`` opened its own (or sits in the paragraph
    just before) and no heading stands between them."""
    if m.block == prev.block:
        return True
    if not m.para_start or not (prev.para_start or m.block == prev.block + 1):
        return False
    if fam == "tiao":
        return True
    i = bisect.bisect_right(heading_blocks, prev.block)
    return not (i < len(heading_blocks) and heading_blocks[i] <= m.block)


def _runs(fam: str, markers: list[_Marker], heading_blocks: list[int]) -> list[list[_Marker]]:
    """Cut one family's markers into lists of consecutive ordinals (two items at least)."""
    out: list[list[_Marker]] = []
    run: list[_Marker] = []
    seq_run = False  # started by 首先: 其次/再次/第N go on, 最后 closes it
    nested: dict[int, list[_Marker]] = {}  # 首先…其次… inside one item of a 第一，… list

    def close() -> None:
        if len(run) >= 2:
            out.append(list(run))

    for m in markers:
        linked = bool(run) and _linked(run[-1], m, heading_blocks, fam)
        if fam == "dash":
            if not linked:
                close()
                run = []
            run.append(m._replace(ordinal=len(run) + 1))
            continue
        is_seq = m.marker in _SEQ_ORD
        if linked and not seq_run and is_seq and fam == "di":
            # 首先/最后 inside an item of 第一，…第二，…: neither an item nor a break; a
            # 首先…其次… inside one item is a list of its own
            nested.setdefault(run[-1].start, []).append(m)
            continue
        if linked and m.ordinal == -1:
            run.append(m._replace(ordinal=run[-1].ordinal + 1))
            close()
            run = []
            continue
        if linked and m.ordinal == run[-1].ordinal + 1:
            run.append(m)
            continue
        close()
        run = []
        seq_run = False
        if m.ordinal == -1 or ((is_seq or fam == "fm") and m.ordinal != 1):
            continue
        seq_run = is_seq
        run.append(m)
    close()
    for inner in nested.values():
        out.extend(r for r in _runs(fam, inner, heading_blocks) if r[0].marker == "首先")
    return sorted(out, key=lambda r: r[0].start)


def _parallel(text: str, a: _Marker, b: _Marker, span: int = 16, k: int = 4) -> bool:
    """Do two dash items open alike (a shared run of ``k`` characters in their first ``span``)?"""
    x, y = text[a.end:a.end + span], text[b.end:b.end + span]
    return any(x[i:i + k] in y for i in range(len(x) - k + 1))


def _split_parallel(text: str, run: list[_Marker]) -> list[list[_Marker]]:
    """Dash lists are parallel (——面对…——面对…): where a one-line text runs two lists together,
    cut between two items that do not open alike while their neighbours do."""
    n = len(run)
    par = [_parallel(text, run[i], run[i + 1]) for i in range(n - 1)]
    groups: list[list[_Marker]] = [[run[0]]]
    for i in range(n - 1):
        if not par[i] and ((i > 0 and par[i - 1]) or (i + 1 < n - 1 and par[i + 1])):
            groups.append([])
        groups[-1].append(run[i + 1])
    out = []
    for g in groups:
        if len(g) >= 2:
            out.append([m._replace(ordinal=j + 1) for j, m in enumerate(g)])
    return out
