"""Headings of an outline: marker candidates (at line starts and inside run-on text), which of them
are headings, their levels, and where each title ends.

:func:`find_headings` is the whole job; :func:`~textmine.structure.outline` turns its result into
segments. Kept apart from ``outline.py`` so that each module stays readable.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .._text import FOLD, HEADING, LEAD, PARAGRAPH_GAP, REGULATION, REGULATION_UNITS, cn_to_int, heading_marker
from ._frame import iter_lines

__all__ = ["Heading", "find_headings", "CLASSIC_KINDS", "REGULATION_KINDS", "LEAD_KINDS", "heading_cues"]

#: Classic heading forms and their level when the text has no regulation levels.
CLASSIC_KINDS = {"一、": 1, "第一部分": 1, "（一）": 2, "1.": 3, "（1）": 4}
#: Regulation forms, outermost first (编 ⊃ 章 ⊃ 节 ⊃ 条).
REGULATION_KINDS = tuple(f"第一{u}" for u in REGULATION_UNITS)
#: Lead-sentence forms: a level below the heading they stand under.
LEAD_KINDS = ("第一，", "一是")

_KIND_OF_GROUP = {"l1": "一、", "l1p": "第一部分", "l2": "（一）", "l3": "1.", "l3d": "1.",
                  "l4": "（1）", "l4c": "（1）"}
# the numbering of 一、 and 第一部分 is one sequence (as before), and so is （1）/①/⑴
_SEQ_KEY = {"一、": "L1", "第一部分": "L1", "（一）": "L2", "1.": "L3", "（1）": "L4"}
# forms that may start inside a line right after a sentence end (the deeper ones only after a
# paragraph gap or a line break: "。2.5万人" and "①" are too common in running text)
_INLINE_AFTER_SENTENCE = {"一、", "第一部分", "（一）", *REGULATION_KINDS, *LEAD_KINDS}

_TERMINATORS = "。！？!?"
_CLAUSE = "，,；;：:"
_CLOSERS = "”’」』）)】》"
_SENT_END = re.compile(r"[。！？!?][”’」』）)】]*[ \u3000\xa0]*")
_CAPTION = re.compile(r"/摄[ \u3000\xa0]*")       # a photo credit glued before the next paragraph
_INDENT_CHARS = " \t\u3000\xa0\u200b\ufeff"

# 是/要 as verbs, not inside 主要/重要/需要/要求/纲要 or 是否/但是/于是
_PREDICATE = re.compile(r"(?<![但于就凡总还])是(?!否)|(?<![主重需纲摘只紧必想首])要(?![求素点务件闻])"
                        r"|离不开|在于|取决于|有赖于|包括|意味着|必须|应当")
_SUBHEAD = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]")
_MAX_STOP_TITLE = 25     # glued to its body, a longer "title" up to a full stop is a sentence
_MAX_TITLE = 40          # a run-on title is cut within this many characters
_MAX_LEAD = 60           # a 第一，/一是 lead sentence longer than this is no subhead
_MAX_LENGTH_PENALTY = 2.5
_SECOND_CLAUSE = 0.5     # a title of two clauses is less usual than one of one
_NATURAL_END = 1.5       # bonus for a glued title that ends at its own full stop or colon
_ONE_LINE = 1000         # a line this long is a whole scraped body, not a paragraph
_BODY_SHARE = 0.5        # … and so is a line holding half the text (the body of a short one-line text)


@dataclass
class Heading:
    """One accepted heading."""

    kind: str          #: the form: ``一、``, ``（一）``, ``第一章``, ``第一，``, ``一是`` …
    number: int        #: its ordinal
    start: int         #: where its segment starts (the line start for a heading on its own line)
    marker_start: int  #: offset of the marker
    marker_end: int    #: offset just after the marker
    line_end: int      #: end of its line (before the line break)
    boundary: str      #: what precedes it: "line", "gap" (a paragraph gap), "sentence" (a sentence end)
    line_start: int = 0  #: start of its line
    one_line: bool = False  #: its line is a whole body whose paragraph breaks were lost
    level: int = 0
    title: str = ""
    title_end: int = 0


# ---------------------------------------------------------------------------
# cues
# ---------------------------------------------------------------------------

_CUES_PATH = Path(__file__).parent.parent / "resources" / "heading_cues.txt"


@functools.lru_cache(maxsize=1)
def heading_cues() -> dict[str, frozenset[str]]:
    """The bundled title-end and body-start words (``textmine/resources/heading_cues.txt``), read once."""
    sections: dict[str, set[str]] = {}
    current = None
    with open(_CUES_PATH, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.strip()
            if not line:
                continue
            if line.startswith("#"):
                m = re.match(r"#\s*(\w+):", line)
                if m and m.group(1) in ("title_end", "title_not_end", "body_start"):
                    current = m.group(1)
                    sections[current] = set()
                continue
            if current is not None:
                sections[current].add(line)
    return {k: frozenset(v) for k, v in sections.items()}


# ---------------------------------------------------------------------------
# candidates
# ---------------------------------------------------------------------------

def _boundaries(text: str) -> list[tuple[int, int, int, str]]:
    """Places a heading may start: (position, line start, line end, kind of boundary)."""
    out: dict[int, tuple[int, int, str]] = {}
    for s, e, _ in iter_lines(text):
        i = s
        while i < e and text[i] in _INDENT_CHARS:
            i += 1
        if i < e:
            out[i] = (s, e, "line")
        for rx, kind in ((PARAGRAPH_GAP, "gap"), (_SENT_END, "sentence"), (_CAPTION, "gap")):
            for m in rx.finditer(text, s, e):
                p = m.end()
                while p < e and text[p] in _INDENT_CHARS:
                    p += 1
                if p < e and p not in out:
                    out[p] = (s, e, kind)
    return sorted((p, s, e, k) for p, (s, e, k) in out.items())


def _candidates(text: str, folded: str) -> list[Heading]:
    cands = _raw_candidates(text, folded)
    n = max(1, len(text.strip()))
    for h in cands:
        length = h.line_end - h.line_start
        h.one_line = length > _ONE_LINE or length >= _BODY_SHARE * n
    return cands


def _raw_candidates(text: str, folded: str) -> list[Heading]:
    cands: list[Heading] = []
    for p, s, e, bkind in _boundaries(text):
        seg = s if bkind == "line" else p
        hm = heading_marker(folded, p, e)
        if hm is not None:
            g = _marker_group(folded, p, e)
            kind = _KIND_OF_GROUP[g]
            if bkind == "line" or bkind == "gap" or kind in _INLINE_AFTER_SENTENCE:
                cands.append(Heading(kind, hm.number, seg, hm.start, hm.end, e, bkind, s))
            continue
        m = REGULATION.match(folded, p, e)
        if m is not None:
            number = cn_to_int(m.group("n"))
            if number > 0:
                end = m.end()
                while end < e and text[end] in " \t\u3000\xa0：:":
                    end += 1
                cands.append(Heading(f"第一{m.group('unit')}", number, seg, p, end, e, bkind, s))
            continue
        m = LEAD.match(folded, p, e)
        if m is not None:
            fam = m.lastgroup
            num = m.group(f"{fam}_n")
            if fam == "shi" and folded.startswith(num, m.end()):  # 一是一、二是二
                continue
            kind = "第一，" if fam == "di" else "一是"
            # the marker is 第一 / 一是; the comma after 第一 is punctuation, not marker
            end = m.start("di") if fam == "di" else m.end()
            cands.append(Heading(kind, cn_to_int(num), seg, p, end, e, bkind, s))
    return cands


def _marker_group(folded: str, p: int, e: int) -> str:
    m = HEADING.match(folded, p, e)
    assert m is not None and m.lastgroup is not None
    return m.lastgroup


# ---------------------------------------------------------------------------
# which candidates are headings
# ---------------------------------------------------------------------------

def _accept_numbered(cands: list[Heading]) -> list[Heading]:
    """Classic and regulation headings: plausible numbering; a heading inside a line needs a neighbour."""
    last: dict[str, int] = {}
    kept: list[Heading] = []
    for h in cands:
        if h.kind in LEAD_KINDS:
            continue
        key = _SEQ_KEY.get(h.kind, h.kind)
        prev = last.get(key, 0)
        if h.boundary == "line":
            ok = h.number == 1 or h.number == prev + 1 or (prev >= 1 and h.number == prev + 2)
        else:  # inside run-on text: no skipped numbers
            ok = h.number == 1 or h.number == prev + 1
        if ok:
            last[key] = h.number
            kept.append(h)
    # a marker inside a line is a heading only next to another one of its sequence (一、… 二、…)
    by_key: dict[str, list[Heading]] = {}
    for h in kept:
        by_key.setdefault(_SEQ_KEY.get(h.kind, h.kind), []).append(h)
    lone = set()
    for same in by_key.values():
        for j, h in enumerate(same):
            prev_ok = j > 0 and same[j - 1].number == h.number - 1
            next_ok = j + 1 < len(same) and same[j + 1].number == h.number + 1
            if h.boundary != "line" and not (prev_ok or next_ok):
                lone.add(h.marker_start)
    return [h for h in kept if h.marker_start not in lone]


def _sentence_end(text: str, start: int, limit: int, marks: str = _TERMINATORS) -> int | None:
    """The first sentence terminator in text[start:limit] outside quotes, or None."""
    depth = 0
    for i in range(start, limit):
        ch = text[i]
        if ch in "“‘「『《":
            depth += 1
        elif ch in "”’」』》":
            depth = max(0, depth - 1)
        elif ch in marks and depth == 0:
            return i
    return None


def _accept_leads(text: str, cands: list[Heading], numbered: list[Heading]) -> list[Heading]:
    """第一，… and 一是… lead sentences that open sections: runs of 2 or more, each a short lead
    sentence followed by more text of its own; a 一是 run only under a numbered heading and not
    nested in a 第一，… section."""
    n = len(text)
    num_starts = [h.marker_start for h in numbered]
    accepted: list[Heading] = []
    for kind in LEAD_KINDS:
        runs: list[list[Heading]] = []
        run: list[Heading] = []
        # in a text with real paragraphs a subhead starts its paragraph; after a mere sentence
        # end only where the paragraph breaks were lost (a one-line body)
        members = [c for c in cands if c.kind == kind
                   and (c.boundary != "sentence" or c.one_line)]
        for h in members:
            if run and h.number == run[-1].number + 1 and not _between(num_starts, run[-1].marker_start,
                                                                        h.marker_start):
                run.append(h)
            elif h.number == 1:
                if len(run) >= 2:
                    runs.append(run)
                run = [h]
            # any other number is a stray marker inside an item: skipped, the run goes on
        if len(run) >= 2:
            runs.append(run)
        for run in runs:
            # 一是… is a heading level only under a numbered heading (一、 sections subdivided by
            # 一是…二是…); at the top of a speech such a run is a list
            if kind == "一是" and not any(x < run[0].marker_start for x in num_starts):
                continue
            if kind == "一是" and _inside_run(run[0].marker_start, [h for h in accepted if h.kind != kind],
                                             numbered):
                continue
            ok = True
            for k, h in enumerate(run):
                if k + 1 < len(run):
                    limit = run[k + 1].marker_start
                else:
                    later = [s for s in num_starts if s > h.marker_start]
                    limit = later[0] if later else n
                stop = _sentence_end(text, h.marker_end, min(limit, h.marker_end + _MAX_LEAD + 1))
                if stop is None:
                    ok = False
                    break
                # the item must go on after its lead sentence: a lead sentence with a body
                if _sentence_end(text, stop + 1, limit) is None:
                    ok = False
                    break
            if ok:
                accepted.extend(run)
    return sorted(accepted, key=lambda h: h.marker_start)


def _between(starts: list[int], a: int, b: int) -> bool:
    i = bisect.bisect_right(starts, a)
    return i < len(starts) and starts[i] < b


def _inside_run(pos: int, leads: list[Heading], numbered: list[Heading]) -> bool:
    """Is ``pos`` inside the section of an accepted lead heading (after it, before the next numbered one)?"""
    before = [h.marker_start for h in leads if h.marker_start < pos]
    if not before:
        return False
    last = max(before)
    return not any(last < h.marker_start < pos for h in numbered)


# ---------------------------------------------------------------------------
# levels
# ---------------------------------------------------------------------------

def _assign_levels(heads: list[Heading]) -> None:
    """Classic forms keep their fixed levels (一、 1, （一） 2, 1. 3, （1） 4); with regulation levels
    present, every numbered form present is ranked (第一章 1, 第一条 2, （一） 3 …). A lead
    sentence is one level below the numbered heading it stands under (1 under none)."""
    present = {h.kind for h in heads}
    if present & set(REGULATION_KINDS):
        order = [*REGULATION_KINDS, "L1", "（一）", "1.", "（1）"]
        keys = [k for k in order if k in present or (k == "L1" and present & {"一、", "第一部分"})]
        rank = {k: keys.index(k) + 1 for k in keys}
        rank.update({k: rank["L1"] for k in ("一、", "第一部分") if "L1" in rank})
    else:
        rank = dict(CLASSIC_KINDS)
    parent_level = 0
    for h in heads:
        if h.kind in LEAD_KINDS:
            h.level = parent_level + 1
        else:
            h.level = parent_level = rank[h.kind]


# ---------------------------------------------------------------------------
# titles
# ---------------------------------------------------------------------------

class _Stats:
    """Counts of the text's character n-grams (2 to 4) and of the two characters opening a clause."""

    def __init__(self, text: str) -> None:
        self.grams = Counter(text[i:i + k] for k in (2, 3, 4) for i in range(len(text) - k + 1))
        self.openers: Counter = Counter()
        for m in re.finditer(r"[，。；：！？,;:!?]\s*", text):
            self.openers[text[m.end():m.end() + 2]] += 1


_OPENER_RE = re.compile(r"[^，。；：！？、“”]{1,10}?(?:以来|以后|之后|发生后|期间)[，,]")


def _cut_score(text: str, ts: int, c: int, stats: _Stats, mu: float, sigma: float) -> float:
    """How likely the title text[ts:c] ends at ``c`` (the body starting at ``c``)."""
    cues = heading_cues()
    grams, openers = stats.grams, stats.openers
    length = c - ts
    sigma = max(sigma, 0.4 * mu)
    # titles of one speech differ in length: the prior only leans, it never decides alone
    score = max(-0.3 * ((length - mu) / sigma) ** 2, -_MAX_LENGTH_PENALTY)
    # the body repeats the title's last words (e.g. 关于抓好秸秆禁烧工作抓好秸秆禁烧工作，…)
    for k in range(min(8, length, len(text) - c), 1, -1):
        if text[c - k:c] == text[c:c + k]:
            score += 4.0 if k >= 3 else 1.5
            break
    title = text[ts:c]
    # the body opens with the title's first words (过去一年的工作回顾过去一年，…)
    if length >= 4 and text.startswith(text[ts:ts + 3], c):
        score += 3.0
    # titles are phrases, not sentences: a copula or a verb of dependence makes a sentence
    if _PREDICATE.search(title, 1):
        score -= 2.0
    if any(title.endswith(w) for w in cues.get("title_end", ())):
        score += 2.0
    if any(title.endswith(w) for w in cues.get("title_not_end", ())):
        score -= 2.5
    body = text[c:c + 12]
    best = max((len(w) for w in cues.get("body_start", ()) if body.startswith(w)), default=0)
    if best:
        score += 1.0 + 0.4 * min(best, 6) if best >= 2 else 0.8
    elif "的" in text[c + 1:c + 5] and not text.startswith("党的", c):
        score -= 1.5  # …保护|面临的形势: the title's noun phrase is not finished
    clause = next((i for i in range(c, min(len(text), c + 4)) if text[i] in _CLAUSE + _TERMINATORS), None)
    if clause is not None and clause - c < 3 and not best:  # 当前，/目前， are openers
        score -= 2.0  # a body whose first clause has one or two characters (…有利|时机，)
    if _OPENER_RE.match(text, c):
        score += 1.5
    if openers[text[c:c + 2]] >= 2:
        score += 0.8
    # a title ends with a phrase the speech uses again (深化农村改革 … 是农村改革的重点)
    for k in (4, 3):
        if c - k >= ts and grams[text[c - k:c]] >= 2:
            score += 0.3 * (k - 1)
            break
    # cutting through a pair of characters the speech often writes together is unlikely
    pair = grams[text[c - 1:c + 1]]
    if pair >= 2:
        score -= 0.7 * math.log(pair)
    # … or a three-character word it uses again (攻坚|战 … 攻坚战)
    for a in (2, 1):
        gram = text[c - a:c - a + 3]
        if c - a >= ts and len(gram) == 3 and grams[gram] >= 2:
            score -= 1.0

    if text[c - 1] in "的和与及在对把从为将被了着而" or text[c] in "的了着地得之是和与及或并而":
        score -= 3.0
    return score


def _title_window(text: str, h: Heading, limit: int) -> tuple[int, int, str, bool]:
    """(title start, end or last possible end, how it ends, may run on).

    How: ``line`` (a line end or paragraph gap ends it), ``stop`` (a full stop before any comma)
    or ``runon`` (it runs into its body). A heading may run on into its body when it starts
    inside a line, or on a line as long as a one-line speech; a heading that starts an ordinary
    paragraph keeps its title up to the first full stop.
    """
    ts = h.marker_end
    while ts < limit and (text[ts].isspace() or text[ts] in "：:、.．，,"):
        ts += 1
    g = PARAGRAPH_GAP.search(text, ts, limit)
    hard = g.start() if g else limit
    sub = _SUBHEAD.search(text, ts, hard)   # 一、总体要求（一）指导思想
    if sub is not None:
        hard = sub.start()
    t = _sentence_end(text, ts, hard)
    c = next((i for i in range(ts, hard) if text[i] in _CLAUSE), None)
    glued = h.boundary != "line" or h.one_line
    if t is None and hard - ts <= 2 * _MAX_TITLE:
        return ts, hard, "line", glued
    if t is not None and (c is None or t < c) and t - ts <= _MAX_TITLE:
        # glued to its body, a "title" that reads as a sentence (…精神支撑。/ …是…问题。) runs on
        if glued and (_PREDICATE.search(text, ts + 1, t) or t - ts > _MAX_STOP_TITLE):
            return ts, t, "runon", glued
        return ts, t, "stop", glued
    if not glued:
        return ts, (t if t is not None else hard), "line", glued
    end = min(x for x in (t, c, hard, ts + _MAX_TITLE) if x is not None)
    return ts, end, "runon", glued


def _assign_titles(text: str, heads: list[Heading]) -> None:
    n = len(text)
    windows = []
    for i, h in enumerate(heads):
        limit = min(h.line_end, heads[i + 1].marker_start if i + 1 < len(heads) else n)
        limit = max(limit, h.marker_end)
        if h.kind in LEAD_KINDS:
            ts = h.marker_end
            while ts < limit and text[ts] in " \t\u3000，,：:、":
                ts += 1
            stop = _sentence_end(text, ts, limit)
            if stop is None:
                g = PARAGRAPH_GAP.search(text, ts, limit)
                stop = g.start() if g else limit
            windows.append((ts, stop, "lead", False))
        else:
            windows.append(_title_window(text, h, limit))
    # a title glued to its body (one-line texts) is cut where the cues say; its expected length
    # comes from the form's titles that end cleanly, else from the form's other cut titles
    # a title that ends at its own full stop is cut too when most titles of its form run on
    hows: dict[str, list[str]] = {}
    for h, w in zip(heads, windows):
        hows.setdefault(h.kind, []).append(w[2])
    todo = [(i, ts, end) for i, (h, (ts, end, how, glued)) in enumerate(zip(heads, windows))
            if how == "runon" or (how == "stop" and glued
                                  and hows[h.kind].count("runon") > hows[h.kind].count("stop"))]
    ends = [end for _, end, _, _ in windows]
    if todo:
        _cut_titles(text, heads, windows, todo, ends)
    for h, (ts, _, _, _), end in zip(heads, windows, ends):
        h.title = text[ts:end].strip().rstrip("；;，,：:、").rstrip()
        h.title_end = end


def _cut_titles(text: str, heads: list[Heading], windows: list, todo: list[tuple[int, int, int]],
                ends: list[int]) -> None:
    """Choose where each glued title ends (writes ``ends``): the best-scoring cut, with the length
    expected from the form's cleanly ended titles, else from the other cut titles (two passes)."""
    stats = _Stats(text)
    cut = {i for i, _, _ in todo}
    chosen: dict[int, int] = {}
    for _ in range(2):
        new = {}
        for i, ts, end in todo:
            kind = heads[i].kind
            lens = [ends[j] - windows[j][0] for j in range(len(heads))
                    if j != i and heads[j].kind == kind and j not in cut]
            if not lens:
                lens = [n for j, n in chosen.items() if j != i and heads[j].kind == kind]
            mu, sigma = (_median(lens), 4.0) if lens else (12.0, 6.0)
            new[i] = _best_cut(text, ts, end, stats, mu, sigma) - ts
        chosen = new
    for i, ts, _ in todo:
        ends[i] = ts + chosen[i]


def _best_cut(text: str, ts: int, end: int, stats: _Stats, mu: float, sigma: float) -> int:
    """The best end of a glued title starting at ``ts`` whose first clause ends at ``end``.

    A title may hold a second clause after a comma (抓紧有利时机，加快经济发展) when the
    first reads as a whole title and the second opens with a verb, as titles' clauses do.
    """
    cues = heading_cues()
    # the whole clause is a title only when a colon or a full stop closes it
    natural = end >= len(text) or text[end] in "：:。！？!?"
    last = end if natural else end - 1
    scored = [(_cut_score(text, ts, c, stats, mu, sigma) + (_NATURAL_END if natural and c == end else 0.0), -c)
              for c in range(ts + 2, last + 1)]
    if end < len(text) and text[end] in "，," and end - ts >= 4:
        first = text[ts:end]
        verb = any(text.startswith(w, end + 1) for w in cues.get("title_not_end", ()))
        complete = any(first.endswith(w) for w in cues.get("title_end", ()))
        if verb:
            stop = end + 1
            limit = min(len(text), ts + _MAX_TITLE)
            while stop < limit and text[stop] not in _CLAUSE + _TERMINATORS:
                stop += 1
            natural2 = stop < len(text) and text[stop] in "：:。！？!?"
            for c in range(end + 3, (stop if natural2 else stop - 1) + 1):
                sc = _cut_score(text, end + 1, c, stats, mu, sigma) - _SECOND_CLAUSE - (0.0 if complete else 1.0)
                scored.append((sc + (_NATURAL_END if natural2 and c == stop else 0.0), -c))
    if not scored:
        return end
    return -max(scored)[1]


def _median(xs: list[int]) -> float:
    ys = sorted(xs)
    k = len(ys) // 2
    return float(ys[k]) if len(ys) % 2 else (ys[k - 1] + ys[k]) / 2.0


# ---------------------------------------------------------------------------

def find_headings(text: str) -> list[Heading]:
    """All headings of ``text`` in order, with level, title and where their segment starts."""
    folded = text.translate(FOLD)
    cands = _candidates(text, folded)
    numbered = _accept_numbered(cands)
    leads = _accept_leads(text, cands, numbered)
    heads = sorted(numbered + leads, key=lambda h: h.marker_start)
    _assign_levels(heads)
    _assign_titles(text, heads)
    return heads
