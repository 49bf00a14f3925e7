"""Formulas (提法): quoted, numbered, lexicon and parallel-frame formulations, and quoted non-formulas."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from .._text import HAN, cn_to_int
from ._frame import TITLE_END, TextLike, frame, get_text
from ._lexicons import Lexicon, folded as fold_text, lexicon_for
from ._parallel import parallel_frames
from ._quotes import (NON_FORMULA_SUBKINDS, announced_number, cited_as, classify_quote, clause_before, numbered,
                      numbered_groups, repeats_skeleton)
from .sentences import SentenceIndex

__all__ = ["formulas", "FORMULA_COLUMNS", "FORMULA_KINDS", "NON_FORMULA_SUBKINDS"]

_FORMULA_SCHEMA = {
    "formula": "str", "parts": "object", "n_parts": "int64", "kind": "str",
    "number": "Int64", "count": "int64", "first_sentence": "str", "first_start": "int64",
    "subkind": "str", "quoted": "bool",
}
FORMULA_COLUMNS = tuple(_FORMULA_SCHEMA)
#: Values of the ``kind`` column; rows of kind ``non_formula`` are quoted strings that are not formulas.
FORMULA_KINDS = ("quoted", "numbered", "lexicon", "parallel", "non_formula")

_QUOTE = re.compile(r"“([^“”\n]{1,300})”|「([^「」\n]{1,300})」|『([^『』\n]{1,300})』|\"([^\"\n]{1,300})\"")
_QUOTE_CHARS = "“”「」『』\""
_QUOTE_LIST_GAP = re.compile(r"[ \t\u3000]*(?:、|和|与|及|以及)[ \t\u3000]*")
_MAX_FORMULA = 50
_LIST_BREAK = re.compile(r"[。！？!?，；]")
_NUMERAL = "一二两三四五六七八九十"
_FORMULA_HEADS = (
    "一以贯之", "毫不动摇", "不动摇", "走在前列", "相结合", "全覆盖", "一百年", "有利于", "没有变",
    "注重", "提升", "提高", "维护", "到位", "意识", "自信", "全面", "确立", "坚持", "代表", "必须",
    "务必", "统筹", "服务", "面向", "确保", "转变", "优先", "着力", "聚焦", "结合", "加强", "推进",
    "落实", "坚定", "不能", "不变", "明显", "强化", "深化", "增强", "严格", "过硬", "健全", "完善",
    "率先", "清单", "一批", "现代化", "伟大", "一",
)
_UNQUOTED_NUMBERED = re.compile(
    rf"(?<![第几0-9{_NUMERAL}百千万])"
    rf"(?:(?P<n1>[两三四五六七八九十])个(?:{'|'.join(_FORMULA_HEADS)})"
    rf"|(?P<n2>[{_NUMERAL}])项规定"
    rf"|(?P<n3>[两三四五六七八九十])大(?:攻坚战|发展理念|战略|工程)"
    rf"|(?P<n4>[两三四五])位一体"
    r"|两学一做|三严三实|一带一路|三去一降一补)"
)
#: A quoted string followed by 精神 names a spirit: “两弹一星”精神 is one formula.
_SPIRIT = "精神"


def _split_parts(content: str) -> tuple[str, ...]:
    """Split a formula on 、，,；; outside brackets and quotes."""
    parts, buf, depth = [], [], 0
    for ch in content:
        if ch in "（(〔[【“「『":
            depth += 1
        elif ch in "）)〕]】”」』" and depth:
            depth -= 1
        if depth == 0 and ch in "、，,；;":
            parts.append("".join(buf).strip())
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf).strip())
    return tuple(p for p in parts if p)


class _Quote:
    __slots__ = ("start", "end", "content", "folded", "absorbed")

    def __init__(self, start: int, end: int, content: str, folded: str):
        self.start, self.end, self.content, self.folded = start, end, content, folded
        self.absorbed = False


def _list_item(q: _Quote) -> bool:
    """Only short quotations form a quoted list (“禁种”、“禁制”); quoted lines of verse do not."""
    return len(q.content) <= 15 and not _LIST_BREAK.search(q.content)


def _find_quotes(text: str, folded: str) -> list[_Quote]:
    quotes = []
    for m in _QUOTE.finditer(text):
        g = next(i for i in range(1, 5) if m.group(i) is not None)
        raw = m.group(g)
        lead = len(raw) - len(raw.lstrip())
        content = raw.strip()
        if not content or (g == 4 and not HAN.search(content)):
            continue
        cs = m.start(g) + lead
        quotes.append(_Quote(m.start(), m.end(), content, folded[cs:cs + len(content)]))
    return quotes


def _lexicon_spans(folded: str, lex: Lexicon, quotes: list[_Quote]) -> list[tuple[int, int, str]]:
    """Lexicon matches in the text read without quotation marks, as (start, end, canonical).

    A match inside one quotation is left to the quotation; a match that runs across
    quotation marks (马克思列宁主义、…、“三个代表”重要思想、…) takes in the whole
    quotations it touches, which are then not rows of their own.
    """
    keep = [i for i, ch in enumerate(folded) if ch not in _QUOTE_CHARS]
    dq = "".join(folded[i] for i in keep)
    starts = [q.start for q in quotes]
    out = []
    for m in lex.finditer(dq):
        s, e = keep[m.start()], keep[m.end() - 1] + 1
        k = bisect.bisect_right(starts, e) - 1
        touched = []
        while k >= 0 and quotes[k].end > s:
            if quotes[k].start < e:
                touched.append(quotes[k])
            k -= 1
        if any(q.start < s and e <= q.end for q in touched):
            continue  # inside one quotation
        for q in touched:
            s, e = min(s, q.start), max(e, q.end)
            q.absorbed = True
        out.append((s, e, lex.canonical(m.group()) or m.group()))
    return out


def _lexicon_lists(text: str, spans: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Lexicon matches joined by 、 are one formula whose parts are the matches (a list of 提法)."""
    runs: list[list[tuple[int, int, str]]] = []
    for span in spans:
        if runs and span[0] < runs[-1][-1][1]:
            continue  # overlaps the previous match once quotations were taken in
        if runs and text[runs[-1][-1][1]:span[0]] == "、":
            runs[-1].append(span)
        else:
            runs.append([span])
    return runs


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)


def _quote_rows(text: str, folded: str, live: list[_Quote], lex: Lexicon) -> list[tuple]:
    """Rows for the quotations: quoted lists joined by 、/和 are one row; a run of adjacent
    quotations (“两重”“两新”) shares the words around the run as context."""
    found: list[tuple] = []
    # the numbered groups of the text's quoted alternating formulas: “三保障” is a part of
    # “两不愁三保障” when both are written in one speech
    groups = {g for q in live for g in numbered_groups(q.folded)}
    i = 0
    while i < len(live):
        j = i
        while j + 1 < len(live) and _QUOTE_LIST_GAP.fullmatch(text, live[j].end, live[j + 1].start) \
                and _list_item(live[j]) and _list_item(live[j + 1]):
            j += 1
        r0, r1 = i, j
        while r0 > 0 and live[r0 - 1].end == live[r0].start:
            r0 -= 1
        while r1 + 1 < len(live) and live[r1].end == live[r1 + 1].start:
            r1 += 1
        before = folded[max(0, live[r0].start - 8):live[r0].start]
        after = folded[live[r1].end:live[r1].end + 8]
        group = live[i:j + 1]
        start, end = group[0].start, group[-1].end
        if len(group) == 1 and after.startswith(_SPIRIT) and len(group[0].content) <= 12 \
                and not TITLE_END.search(group[0].content):
            form = text[start:end + len(_SPIRIT)]
            found.append((start, form, (form,), "quoted", None, "", True))
        elif len(group) > 1:  # a quoted list
            list_length = sum(len(q.folded) for q in group)
            kinds = [classify_quote(folded, q.start, q.end, q.folded, lex, before=before, after=after,
                                    list_length=list_length) for q in group]
            items = tuple(q.content for q in group)
            strong_non = all(not f and sk != "term" for f, sk in kinds)
            subkind = kinds[0][1] if strong_non else ""
            cited = cited_as(items, before=clause_before(folded, start), after=after)
            if not strong_non and cited and not any(f for f, _ in kinds):
                strong_non, subkind = True, cited  # 诗人写下“…”、“…”: lines of verse, not a list
            elif not strong_non and not any(f for f, _ in kinds) \
                    and not repeats_skeleton(tuple(q.folded for q in group)):
                # no item is a formula, nothing around the list says so, and the items repeat no
                # skeleton (“老好人”、“太平官”; “返工”、“补课”): a list of quoted words, as a single
                # such word is a term
                strong_non = True
                subkind = next((sk for _, sk in kinds if sk != "term"), "term")
            found.append((start, "、".join(items), items, "non_formula" if strong_non else "quoted", None,
                          subkind, True))
        else:
            q = group[0]
            is_formula, subkind = classify_quote(folded, q.start, q.end, q.folded, lex, before=before, after=after)
            if not is_formula and subkind == "term" and q.folded in groups:
                is_formula, subkind = True, ""
            content = q.content
            sentence_like = len(content) > _MAX_FORMULA or bool(TITLE_END.search(content))
            parts = (content,) if sentence_like or subkind in ("poem", "saying", "quotation") \
                else (_split_parts(content) or (content,))
            if not is_formula:
                found.append((start, content, parts, "non_formula", None, subkind, True))
            else:
                is_num = numbered(q.folded) or q.folded in groups
                number = announced_number(q.folded) if is_num else None
                found.append((start, content, parts, "numbered" if is_num else "quoted", number, "", True))
        i = j + 1
    return found


def formulas(doc: TextLike, *, extra_formulas: Iterable[str] | None = None) -> pd.DataFrame:
    """Find formulas (提法), and keep the quoted strings that are not formulas apart.

    Found as formulas:

    - **quoted** (``kind`` ``"quoted"``): “…”, 「…」, 『…』 and ASCII "…" (with Han text), up
      to 50 characters, that the lexicon knows, that hold a list (“各司其职、齐抓共管”,
      split into parts on ``、，,；;`` outside brackets), or that the words around them
      mark as a formula (坚持“…” before four characters or more that end its object, “…”工作/要求/战略/理念/精神,
      “…”的理念/的要求 …; not “…”的工作, nor 打好“组合拳”). Quotes joined by
      ``、``/和/与/及 (“禁种”、“禁制”、“禁吸”) form one formula whose parts are the items, when
      an item is a formula, the words around say so or the items repeat one skeleton (a
      list like “老好人”、“太平官” is a ``term``; a list the words around reject, 热衷于
      “去…化”、“去…化”那一套, a ``scare_quote``). A numbered part of a quoted formula of the
      same text (“三保障” beside “两不愁三保障”) is a formula too.
      “X”精神 is one formula (“两弹一星”精神).
    - **numbered** (``"numbered"``): quoted or not — a numeral and a classifier (“三个到位”,
      四个意识, 两个毫不动摇, 八项规定, 三大攻坚战, 五位一体), alternating numerals (“两学一做”,
      “六链五群”) or numerals only (“十四五”). Traditional script counts too (四個自信,
      「三個代表」). ``三个单位`` is not a formula.
    - **lexicon** (``"lexicon"``): the canonical formulations of the bundled lexicon
      (:func:`formula_lexicon`, ``textmine/resources/formulas.txt``: 供给侧结构性改革,
      绿水青山就是金山银山 …; at least three characters, 、 optional), plus
      ``extra_formulas``, matched without quotes; matches joined by ``、`` are one formula
      whose parts are the matches (毛泽东思想、邓小平理论、“三个代表”重要思想).
    - **parallel** (``"parallel"``): unquoted 、-lists whose items repeat one skeleton
      (以水定城、以水定地、以水定人; 统一指挥、统一协调、统一调度; 面向…、面向…), whose parts
      are the items. Lists of bodies and places are not frames.

    Returned with ``kind`` ``"non_formula"`` (nothing is dropped) and a ``subkind``:
    ``poem``, ``saying``, ``quotation`` (a quoted sentence, or anything over 50
    characters; never split into parts), ``scare_quote`` (“卡脖子”, 所谓“…”, “…论”),
    ``historical`` (“两弹一星”成功), ``name`` (events, brands, awards, programmes),
    ``footer`` (captions, page footer) and ``term`` (other quoted words with no sign of a
    formula). Filter with ``df[df.kind != "non_formula"]``.

    An unquoted match never overlaps another: a lexicon match wins over a numbered one,
    which wins over a parallel frame; a formula inside a longer one is not repeated. A
    lexicon match or a parallel frame inside one quotation is left to the quotation (a
    frame inside a quoted sentence is part of that quotation, not a formula of its own).
    See :mod:`textmine.structure._quotes` for the rules that tell quoted non-formulas
    (verse, sayings, rejected views, historical terms, names of networks and programmes).

    Parameters
    ----------
    doc : Document or str
        The speech (raw or cleaned).
    extra_formulas : iterable of str, optional
        Formulations to match in addition to the bundled lexicon (at least 2 characters;
        those of 2 only recognise quoted strings).

    Returns
    -------
    pandas.DataFrame
        One row per distinct formula (and per distinct non-formula), sorted by first
        appearance, columns ``formula`` (str, as written), ``parts`` (tuple of str),
        ``n_parts`` (int), ``kind`` (str, one of :data:`FORMULA_KINDS`), ``number``
        (Int64: the announced count of a numbered formula, e.g. 4 for 四个注重, <NA>
        otherwise), ``count`` (int: occurrences), ``first_sentence`` (str),
        ``first_start`` (int: offset of the first occurrence, at its opening quote),
        ``subkind`` (str: ``""`` for a formula, else one of
        :data:`NON_FORMULA_SUBKINDS`) and ``quoted`` (bool: the first occurrence is in
        quotation marks).

    Raises
    ------
    InputError
        If ``doc`` is neither a str nor a Document, or ``extra_formulas`` is not an
        iterable of str.

    Examples
    --------
    >>> df = formulas("坚持稳中求进工作总基调，做到“两个维护”。正所谓“天下难事，必作于易”。")
    >>> df[["formula", "kind", "subkind"]].values.tolist()
    [['稳中求进工作总基调', 'lexicon', ''], ['两个维护', 'numbered', ''], ['天下难事，必作于易', 'non_formula', 'saying']]
    """
    text = get_text(doc)
    lex = lexicon_for(extra_formulas)
    folded = fold_text(text)
    sents = SentenceIndex(text)
    quotes = _find_quotes(text, folded)
    found: list[tuple[int, str, tuple[str, ...], str, int | None, str, bool]] = []
    taken: list[tuple[int, int]] = []  # spans of unquoted formulas, so that none overlaps another

    for run in _lexicon_lists(text, _lexicon_spans(folded, lex, quotes)):
        s, e = run[0][0], run[-1][1]
        taken.append((s, e))
        form = text[s:e]
        quoted = any(ch in _QUOTE_CHARS for ch in form)
        if len(run) > 1:  # 毛泽东思想、邓小平理论、“三个代表”重要思想 …
            found.append((s, form, tuple(text[a:b] for a, b, _ in run), "lexicon", None, "", quoted))
            continue
        canonical = run[0][2]
        is_num = numbered(canonical)
        # “两弹一星”精神, “放管服”改革: written as a quoted formula
        kind = "numbered" if is_num else "quoted" if form[0] in _QUOTE_CHARS else "lexicon"
        found.append((s, form, _split_parts(form) or (form,), kind, announced_number(canonical) if is_num else None,
                      "", quoted))

    found.extend(_quote_rows(text, folded, [q for q in quotes if not q.absorbed], lex))

    quote_spans = [(q.start, q.end) for q in quotes]
    for m in _UNQUOTED_NUMBERED.finditer(folded):
        if _overlaps(quote_spans, m.start(), m.end()) or _overlaps(taken, m.start(), m.end()):
            continue
        taken.append((m.start(), m.end()))
        numeral = m.group("n1") or m.group("n2") or m.group("n3") or m.group("n4")
        form = text[m.start():m.end()]
        found.append((m.start(), form, (form,), "numbered", cn_to_int(numeral) if numeral else None, "", False))

    for items in parallel_frames(folded):
        s, e = items[0][0], items[-1][1]
        if _overlaps(taken, s, e) or _overlaps(quote_spans, s, e):
            continue  # as for the lexicon, a frame inside a quotation is left to the quotation
        taken.append((s, e))
        found.append((s, text[s:e], tuple(text[a:b] for a, b in items), "parallel", None, "", False))

    found.sort(key=lambda f: f[0])
    rows: dict[tuple[str, bool], dict[str, Any]] = {}
    for start, form, parts, kind, number, subkind, quoted in found:
        key = (form, kind == "non_formula")
        row = rows.get(key)
        if row is None:
            rows[key] = {"formula": form, "parts": parts, "n_parts": len(parts), "kind": kind,
                         "number": number if number is not None else pd.NA, "count": 1,
                         "first_sentence": sents.sentence_at(start), "first_start": start,
                         "subkind": subkind, "quoted": quoted}
        else:
            row["count"] += 1
            if kind == "numbered" and row["kind"] != "numbered":
                row["kind"] = "numbered"
            if number is not None and row["number"] is pd.NA:
                row["number"] = number
    return frame(list(rows.values()), _FORMULA_SCHEMA)

