"""Duties: which bodies (公安, 妇联 …) a speech tells to do what."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from .._text import is_han
from ._frame import ITEM_LEAD, ITEM_TRAIL, TextLike, frame, get_text
from ._resources import BodiesArg, bundled_bodies, extra_bodies
from .sentences import sentence_spans

__all__ = ["duties", "DUTY_COLUMNS"]

_DUTY_SCHEMA = {"bodies": "object", "duty": "str", "sentence": "str", "start": "int64"}
DUTY_COLUMNS = tuple(_DUTY_SCHEMA)


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
    return _BodyMatcher(bundled_bodies())



def _at_boundary(text: str, pos: int, floor: int) -> bool:
    """Is ``pos`` at a clause start (sentence start, after punctuation, or after an assigning verb)?"""
    if pos <= floor:
        return True
    prev = text[pos - 1]
    if not is_han(prev):
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
    text = get_text(doc)
    if bodies is None:
        matcher = _bundled_matcher()
    else:
        table = dict(bundled_bodies())
        for canonical, aliases in extra_bodies(bodies).items():
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
            ok = bool(names) and (is_han(nxt) or nxt in "“「《")
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
            while d0 < d1 and text[d0] in ITEM_LEAD:
                d0 += 1
            while d1 > d0 and text[d1 - 1] in ITEM_TRAIL:
                d1 -= 1
            if d0 >= d1:
                continue
            rows.append({"bodies": names, "duty": text[d0:d1], "sentence": text[ss:se],
                         "start": run_start})
    return frame(rows, _DUTY_SCHEMA)
