"""Duties: which bodies (有关部门, 住房城乡建设部, 公安, 妇联 …) a speech tells to do what."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .._text import is_han
from ._actors import ActorMatcher, Item, bundled_matcher
from ._frame import ITEM_LEAD, ITEM_TRAIL, TextLike, frame, get_text
from ._resources import BodiesArg, bundled_lexicon, extra_bodies
from .sentences import sentence_spans

__all__ = ["duties", "DUTY_COLUMNS"]

_DUTY_SCHEMA = {"actors": "object", "bodies": "object", "modal": "str", "duty": "str", "sentence": "str",
                "start": "int64"}
DUTY_COLUMNS = tuple(_DUTY_SCHEMA)

_ADVERB = (r"(?:也|还|都|更|均|既|又|就|则|一定|首先|同样|分别|共同|切实|"
           r"按职责分工|按照职责分工|按职能分工|按职责分别|按职责)?")
_MODALS = r"(?:要|必须|应当|应该|务必|需要|须|应)(?:继续)?|负责|牵头|配合"
# what may not follow a modal: 要求/要素 are nouns or a demand, 应急/应对 verbs, 负责人 a person …
_BAD_AFTER = {"要": ("求", "素", "点", "害", "闻", "件", "案", "塞", "员", "职", "道", "地", "津", "冲", "略", "领",
                    "义", "旨", "诀", "紧", "犯", "目", "务"),
              "应": ("急", "对", "用", "有", "化", "力", "声", "试", "验", "届", "聘", "征", "邀", "运", "变", "答", "承", "激", "收", "付"),
              "须": ("知",), "需要": ("的",), "负责": ("同志", "人", "制", "任"), "牵头": ("单位", "部门"),
              "配合": ("下", "度")}
# a group run without a modal that reports the past (等部门先后遴选了…) assigns nothing
_PAST = re.compile(r"已|曾|先后|(?<![为除])了")
_GROUP_ONLY = ("部门", "单位", "机关", "成员单位")
_DEMAND_VERBS = ("要求", "责成", "督促", "请")
# a run that only qualifies persons (省政协委员, 政府工作人员) names no body
_PERSON_NOUNS = ("委员", "代表", "人员", "职工", "同志", "书记", "主任", "局长", "工作者", "成员", "专家", "院士",
                 "员工", "干警", "民警", "群众", "家属")
_NO_SUBJECT = ("我们", "咱们", "你们", "大家", "我", "你", "他们")
_BOUNDARY_WORDS = ("由", "请", "明确", "要求", "督促", "责成", "指导", "支持", "鼓励", "推动", "是", "首先",
                   "其次", "再次", "同时", "此外", "另外", "为此", "对此", "因此", "今后", "下一步", "当前",
                   "目前", "现在", "今年", "并且", "而")
_CARRY = re.compile(r"[，,]\s*(?:[也还更都就既又]|同时|首先)?(要|必须|应当|务必)")
_DESCRIBED = re.compile(
    r"(?:(?<=^)|(?<=[，,；;：:。！？\s]))(?P<run>[^，,。；;：:！？、“”《》（）()\s]{2,12}?的"
    r"(?:地区|地方|城市|省份|部门|单位))" + _ADVERB + rf"(?P<modal>{_MODALS})"
)
_PAREN = re.compile(r"[（(](?P<body>[^（）()\n]{2,160})[）)]")
_TASK_END = "。！？；;!?\n）)"
_QUOTES = {"“": "”", "「": "」", "『": "』", "‘": "’", "《": "》", "〈": "〉"}


@dataclass
class _Scanner:
    matcher: ActorMatcher
    directive: re.Pattern[str]
    with_modal: re.Pattern[str]
    assignment: re.Pattern[str]


def _scanner(matcher: ActorMatcher) -> _Scanner:
    run = matcher.run.pattern
    return _Scanner(
        matcher,
        re.compile(rf"{run}{_ADVERB}(?P<modal>{_MODALS})?"),
        re.compile(rf"{run}{_ADVERB}(?P<modal>{_MODALS})"),
        re.compile(rf"{run}{_ADVERB}(?P<modal>负责|牵头|配合|参与)(?:[，,；;、]|$)"),
    )


@functools.lru_cache(maxsize=1)
def _bundled_scanner() -> _Scanner:
    return _scanner(bundled_matcher())


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Outermost “…”, 「…」, 《…》 … spans (nesting allowed; an unclosed quote ends at its line)."""
    spans: list[tuple[int, int]] = []
    stack: list[str] = []
    start = 0
    closers = set(_QUOTES.values())
    for i, ch in enumerate(text):
        if ch == "\n":
            if stack:
                spans.append((start, i))
            stack = []
        elif ch in _QUOTES:
            if not stack:
                start = i
            stack.append(_QUOTES[ch])
        elif ch in closers and stack and ch == stack[-1]:
            stack.pop()
            if not stack:
                spans.append((start, i + 1))
    if stack:
        spans.append((start, len(text)))
    return spans


class _Quotes:
    def __init__(self, text: str) -> None:
        self.spans = _quoted_spans(text)
        self.starts = [s for s, _ in self.spans]

    def end_if_inside(self, pos: int) -> int | None:
        k = bisect.bisect_right(self.starts, pos) - 1
        if k >= 0 and self.spans[k][0] < pos < self.spans[k][1]:
            return self.spans[k][1]
        return None


def _at_boundary(text: str, pos: int, floor: int) -> bool:
    """Is ``pos`` at a clause start (sentence start, after punctuation, or after a lead or assigning word)?"""
    if pos <= floor:
        return True
    if not is_han(text[pos - 1]):
        return True
    return any(text.endswith(v, floor, pos) for v in _BOUNDARY_WORDS)


def _modal_ok(text: str, modal: str | None, end: int, limit: int) -> bool:
    if not modal:
        return False
    base = modal[:-2] if modal.endswith("继续") else modal
    if any(text.startswith(b, end) for b in _BAD_AFTER.get(base, ())):
        return False
    nxt = text[end] if end < limit else ""
    return is_han(nxt) or nxt in "“「《"


def _row(items: list[Item], person: str, run_text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if person:  # 各相关部门和地方的主要负责同志: officials of the bodies, one actor
        actors: tuple[str, ...] = (run_text + person,)
    else:
        actors = tuple(dict.fromkeys(i.written for i in items))
    bodies = tuple(dict.fromkeys(c for i in items for c in i.canonical))
    return actors, bodies


def _split_tail(items: list[Item], run_text: str) -> tuple[list[Item], str]:
    """公检法司各部门, 公安部等相关部门: a 各部门/等相关部门 after a named body is a group tail, not an item.

    Returns the items and the tail kind: ``"等"`` (公安部等有关部门), ``"juxt"`` (公检法司各部门) or ``""``.
    """
    if len(items) >= 2:
        last, prev = items[-1], items[-2]
        between = run_text[prev.start + len(prev.written):last.start]
        if last.head and prev.kind in ("local", "central", "short") and between in ("", "等", "等等") and \
                last.level in ("各", "各级", "有关", "相关", "各有关", "各相关", "其他"):
            return items[:-1], ("等" if between else "juxt")
    return items, ""


def _no_subject_before(text: str, pos: int, floor: int) -> bool:
    """Is the run the apposition of 我们/大家 (我们各级党委要…)? Then it is no body's duty."""
    return any(text.endswith(w, floor, pos) or text.endswith(w + "的", floor, pos) for w in _NO_SUBJECT)


def _task_before(text: str, pos: int) -> tuple[int, int]:
    """The task a trailing （…负责） assigns: the sentence (or clause run) before ``pos``."""
    end = pos
    while end > 0 and text[end - 1] in "。；; \t\u3000":
        end -= 1
    start = end
    while start > 0 and text[start - 1] not in _TASK_END:
        start -= 1
    while start < end and text[start] in ITEM_LEAD:
        start += 1
    return start, end


def duties(doc: TextLike, *, bodies: BodiesArg = None) -> pd.DataFrame:
    """Find which bodies are told to do what.

    A directive is a *run* of actors followed by a modal. An actor is a body of the bundled
    lists — local bodies by function (公安局, 教育部门, 县委), central bodies under their
    official short names and common abbreviations (住房城乡建设部, 国家卫生健康委, 国家医保局,
    中央网信办, 全国妇联; :func:`~textmine.structure.central_bodies`), places (湖北省, 浦东)
    and generic actors (领导干部, 国有企业) — optionally after level words (各级, 市, 有关,
    中央和国家 …), or a level word with a generic head (有关部门, 各地区, 有关方面, 其他地区).
    Actors are joined by 、/和/及/以及/与/特别是 or juxtaposed (各地区各部门, 党委政府); a run may
    end in a group tail (等部门, 及各成员单位) or an officials tail (的主要负责同志). Modals:
    要, 必须, 务必, 应当, 应该, 需要, 须, 应, 负责, 牵头, 配合 (also 也要, 还要, 要继续,
    按职责分工负责). Also found:

    - a reported demand: 要求/请/责成/督促 + actors (请有关方面认真研究吸收; modal ``"要求"`` …);
    - actors that open a sentence whose modal comes in a later clause
      (各地区各部门采取措施时，既要…);
    - described places or units at a clause start (条件好的地区要…);
    - trailing assignments in documents: ``…。（工业和信息化部牵头，各地区按职责分工负责）``,
      whose duty is the task before the parenthesis;
    - without a modal, a run ending in a group word at a clause start (公安、司法等部门履行…).

    Short forms ``公、检、法`` and ``公检法司`` expand to 公安, 检察院, 法院, 司法. A body that is
    also an everyday word (教育, 卫生), a place or a generic actor counts only at a clause start,
    after a local level word (各级, 市 …) or after an assigning word (明确, 由, 要求 …). Not
    duties: runs inside quotation marks or 《》, runs after 我们/大家 (我们各级党委要…), and
    anything whose subject is not in the lists (persons, 我们, 企业家, activities).

    Parameters
    ----------
    doc : Document or str
        The speech (raw or cleaned).
    bodies : mapping, iterable of str, path, or None, keyword-only
        Extra bodies added to the bundled lists (``None``: the bundled lists only).
        A mapping ``{canonical: [aliases]}``; an iterable of lines in the file format
        (``"canonical"`` or ``"canonical\\talias1,alias2"``); or an
        :class:`os.PathLike` to such a file.

    Returns
    -------
    pandas.DataFrame
        One row per directive, sorted by ``start``, columns ``actors`` (tuple of str: the
        actors as written, 住房城乡建设部, 各级党委, 慈善组织; one entry for an officials tail),
        ``bodies`` (tuple of str: their canonical names, in order of mention, without
        repeats: 公安 for 市公安局, 国家发展改革委 for 国家发改委, 湖北省 for 湖北, 有关部门 for
        各有关部门), ``modal`` (str: 要, 必须, 负责, 要求, 请 …; ``""`` for a group run without
        a modal), ``duty`` (str: the clause after the modal up to the end of the sentence —
        sentences end at ``。！？；`` and line breaks — or up to the next directive in the same
        sentence, without trailing punctuation; for a trailing assignment, the task before it),
        ``sentence`` (str) and ``start`` (int: offset of the run).

    Raises
    ------
    InputError
        If ``doc`` is neither a str nor a Document, or ``bodies`` has the wrong type.

    Examples
    --------
    >>> duties("公、检、法等部门要依法严惩毒品犯罪分子。")[["actors", "bodies", "duty"]].values.tolist()
    [[('公', '检', '法'), ('公安', '检察院', '法院'), '依法严惩毒品犯罪分子']]
    """
    text = get_text(doc)
    if bodies is None:
        sc = _bundled_scanner()
    else:
        tables = {k: dict(v) for k, v in bundled_lexicon().items()}
        for canonical, aliases in extra_bodies(bodies).items():
            old = tables["local"].get(canonical, ())
            tables["local"][canonical] = tuple(dict.fromkeys([*old, *aliases]))
        sc = _scanner(ActorMatcher(tables))
    quotes = _Quotes(text)
    rows: list[dict[str, Any]] = []
    for ss, se in sentence_spans(text):
        found = _scan_sentence(text, ss, se, sc, quotes)
        for k, (run_start, duty_start, actors, names, modal) in enumerate(found):
            end = found[k + 1][0] if k + 1 < len(found) and found[k + 1][0] > duty_start else se
            d0, d1 = duty_start, end
            while d0 < d1 and text[d0] in ITEM_LEAD:
                d0 += 1
            while d1 > d0 and text[d1 - 1] in ITEM_TRAIL:
                d1 -= 1
            if d0 >= d1:
                continue
            rows.append({"actors": actors, "bodies": names, "modal": modal, "duty": text[d0:d1],
                         "sentence": text[ss:se], "start": run_start})
    rows.extend(_assignments(text, sc, quotes))
    rows.sort(key=lambda r: r["start"])
    return frame(rows, _DUTY_SCHEMA)


def _scan_sentence(text: str, ss: int, se: int, sc: _Scanner, quotes: _Quotes) -> list[tuple]:
    matcher = sc.matcher
    found: list[tuple[int, int, tuple[str, ...], tuple[str, ...], str]] = []
    pos = ss
    while pos < se:
        m = sc.directive.search(text, pos, se)
        if m is None:
            break
        # a reading with a modal wins at the same start (各级 + 党委（党组）要, not 各级党委 + （)
        mm = sc.with_modal.match(text, m.start(), se)
        if mm is not None:
            m = mm
        run_start = m.start("run")
        q_end = quotes.end_if_inside(run_start)
        if q_end is not None:
            pos = q_end  # a body named inside “…” or 《…》 is no directive
            continue
        run_text = m.group("run")
        items, juxt_group = _split_tail(matcher.items(run_text), run_text)
        if not items or _no_subject_before(text, run_start, ss) or \
                (not m.group("person") and text.startswith(_PERSON_NOUNS, m.end("tail"))):
            pos = m.end("run")
            continue
        # 公安、司法等部门履行…: a group run without a modal, only with 等 and an office word
        group = (m.group("group") in _GROUP_ONLY and m.group("tail").startswith("等")) or juxt_group == "等"
        person = m.group("person") or ""
        modal = m.group("modal")
        boundary = _at_boundary(text, run_start, ss)
        first = items[0]
        actors, names = _row(items, person, run_text)
        if _modal_ok(text, modal, m.end(), se):
            # …，县公安局要… counts inside a clause; a one-character level inside a word (统筹地区医保) does not
            local = matcher.level_is_local(first.level) and (len(first.level) > 1 or not is_han(
                text[run_start - 1] if run_start > ss else ""))
            if boundary or local:
                found.append((run_start, m.end(), actors, names, modal))
                pos = m.end()
            else:  # not at a clause start: retry after the run's first actor
                pos = max(run_start + first.start + len(first.written), run_start + 1)
            continue
        after = m.end("person") if person else m.end("tail") if m.group("tail") else m.end("run")
        nxt = text[after] if after < se else ""
        demand = next((v for v in _DEMAND_VERBS if text.endswith(v, ss, run_start)), None)
        if demand and (is_han(nxt) or nxt in "“「《") and not (modal and not _modal_ok(text, modal, m.end(), se)):
            if demand != "请" or not text.endswith(("申请", "邀请", "提请", "聘请", "敬请", "恳请"), ss, run_start):
                found.append((run_start, after, actors, names, demand))
                pos = after
                continue
        if group and not modal and is_han(nxt) and nxt != "的" and \
                (run_start == ss or text[run_start - 1] in "，,；;：:（(\u3000 ") and \
                not _PAST.search(text, after, se):
            found.append((run_start, after, actors, names, ""))
            pos = after
            continue
        if run_start == ss and not modal:
            c = _CARRY.search(text, after, min(se, after + 60))
            if c and not any(w in text[after:c.start()] for w in _NO_SUBJECT[:4]) \
                    and not sc.directive.search(text, after, c.start()) \
                    and _modal_ok(text, c.group(1), c.end(), se):
                found.append((run_start, c.end(), actors, names, c.group(1)))
                pos = c.end()
                continue
        pos = m.end("run")
    for d in _DESCRIBED.finditer(text[ss:se]):
        s = ss + d.start("run")
        phrase = d.group("run")
        if phrase.startswith(_NO_SUBJECT) or quotes.end_if_inside(s) is not None:
            continue
        if any(f[0] <= s < f[1] for f in found) or not _modal_ok(text, d.group("modal"), ss + d.end(), se):
            continue
        found.append((s, ss + d.end(), (phrase,), (phrase,), d.group("modal")))
    found.sort(key=lambda f: f[0])
    return found


def _assignments(text: str, sc: _Scanner, quotes: _Quotes) -> list[dict[str, Any]]:
    """Trailing （X牵头，Y按职责分工负责） after a task: one row per part, the duty is the task."""
    rows: list[dict[str, Any]] = []
    for p in _PAREN.finditer(text):
        if quotes.end_if_inside(p.start()) is not None:
            continue
        body, b0 = p.group("body"), p.start("body")
        parts: list[tuple[int, re.Match[str]]] = []
        pos = 0
        while pos < len(body):
            a = sc.assignment.match(body, pos)
            if a is None:
                break
            parts.append((pos, a))
            pos = a.end()
        if not parts or pos != len(body):
            continue
        t0, t1 = _task_before(text, p.start())
        while t1 > t0 and text[t1 - 1] in ITEM_TRAIL:
            t1 -= 1
        if t0 >= t1:
            continue
        for _, a in parts:
            items, _ = _split_tail(sc.matcher.items(a.group("run")), a.group("run"))
            if not items:
                continue
            actors, names = _row(items, a.group("person") or "", a.group("run"))
            rows.append({"actors": actors, "bodies": names, "modal": a.group("modal"), "duty": text[t0:t1],
                         "sentence": text[t0:p.end()], "start": b0 + a.start("run")})
    return rows
