"""Parallel frames: unquoted 、-lists whose items repeat one skeleton (以水定城、以水定地、以水定人).

A frame is a run of items separated by ``、`` inside one clause whose items share a
skeleton: the same characters at the same positions (统一指挥、统一协调、统一调度;
宜水则水、宜山则山; 获得感、幸福感、安全感) or, for items of different lengths, a common
prefix or suffix (面向世界科技前沿、面向经济主战场…; 国际经济中心、金融中心、贸易中心). The
clause is the text between punctuation marks, so in run-on text the first and the last item
are cut to the length of the others (全县形成了全面动员、全面部署、全面加强防汛工作的局面 →
全面动员 / 全面部署 / 全面加强).

Lists of bodies or places (教育部、民政部; 北京市、天津市) share a suffix too; they are not
frames.
"""

from __future__ import annotations

import functools
import re

from ._resources import bundled_bodies

__all__ = ["parallel_frames"]

_CLAUSE = re.compile(r"[^，。；：！？,;:!?\n\r（）()《》“”「」『』【】〔〕—…\s\"]+")
_MAX_ITEM = 16
#: Items that all end in one of these are a list of bodies or places.
_LIST_SUFFIXES = set("部委局厅署办院会处室队组团社校馆省市县区州乡镇村国人员者家户")
#: Not an item of a frame: digits and Latin letters, ordinals (第…, 十五大, 二中), salutations (同志们).
_NOT_ITEM = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]|^(?:第|其[一二三四五六七八九十])|^[一二三四五六七八九十]+[大中届次]$|们$")


@functools.lru_cache(maxsize=1)
def _body_names() -> frozenset[str]:
    names = set()
    for canonical, aliases in bundled_bodies().items():
        names.add(canonical)
        names.update(aliases)
    return frozenset(names)


def _fixed(items: list[str]) -> list[int]:
    """Positions where every item has the same character."""
    n = min(len(x) for x in items)
    return [i for i in range(n) if len({x[i] for x in items}) == 1]


def _is_list_of_names(items: list[str]) -> bool:
    """教育部、民政部; 北京市、天津市; 中国科学院、中国工程院: bodies and places, not a frame."""
    if any(x in _body_names() for x in items):
        return True
    last = {x[-1] for x in items}
    return len(last) == 1 and last <= _LIST_SUFFIXES


#: A skeleton of nothing but these is rhetoric (国家的财富、人民的骄傲), not a frame.
_FUNCTION_CHARS = set("的之和与了是也在")


def _positional(segs: list[tuple[int, str]]) -> list[tuple[int, str]] | None:
    """Items of one length: cut the first and last segment to it and test the skeleton.

    Two items need an interleaved skeleton of two characters or more (宜水则水、宜山则山:
    宜_则_), so that a shared word (形式主义、官僚主义) is left to the lexicon; three or more
    need one shared character (two for items over five characters).
    """
    middle = [s for _, s in segs[1:-1]]
    (p0, s0), (pn, sn) = segs[0], segs[-1]
    if middle:
        lengths = {len(s) for s in middle}
        if len(lengths) != 1:
            return None
        candidates = [lengths.pop()]
    else:
        candidates = list(range(3, min(len(s0), len(sn), 8) + 1))
    best, best_fixed = None, 0
    for L in candidates:
        if not 2 <= L <= _MAX_ITEM:
            continue
        items = [(pos, s) for pos, s in segs[1:-1]]
        if len(s0) >= L:
            items.insert(0, (p0 + len(s0) - L, s0[-L:]))
        if len(sn) >= L:
            # a last item one character longer is the clause's last word (抓实、抓细、抓落实)
            items.append((pn, sn if len(sn) == L + 1 and middle else sn[:L]))
        texts = [s[:L] for _, s in items]
        if len(texts) < 2 or (len(texts) == 2 and middle):
            continue
        fixed = _fixed(texts)
        if not fixed:
            continue
        chars = [texts[0][i] for i in fixed]
        if set(chars) <= _FUNCTION_CHARS:
            continue
        if len(texts) == 2:
            ok = len(fixed) >= 2 and len(fixed) < fixed[-1] - fixed[0] + 1
        else:
            ok = len(fixed) >= (1 if L <= 5 else 2)
        if not ok:
            continue
        if _is_list_of_names(texts):
            continue
        if len(fixed) > best_fixed:
            best, best_fixed = items, len(fixed)
    return best


def _affix(segs: list[tuple[int, str]]) -> list[tuple[int, str]] | None:
    """Items of different lengths that share a prefix or a suffix (three items or more)."""
    middle = [s for _, s in segs[1:-1]]
    if len(segs) < 3 or any(not 2 <= len(s) <= _MAX_ITEM for s in middle):
        return None
    (p0, s0), (pn, sn) = segs[0], segs[-1]
    lmax = max(len(s) for s in middle)
    prefix = _common_prefix(middle)
    suffix = _common_suffix(middle)
    items = list(segs[1:-1])
    if max(len(prefix), len(suffix)) < 2:
        return None
    if len(prefix) >= len(suffix):
        i = s0.rfind(prefix)
        if i >= 0 and len(s0) - i <= _MAX_ITEM:
            items.insert(0, (p0 + i, s0[i:]))
        if sn.startswith(prefix):
            items.append((pn, sn if len(sn) <= lmax + 3 else sn[:lmax]))
    else:
        if s0.endswith(suffix):
            take = min(len(s0), lmax)
            items.insert(0, (p0 + len(s0) - take, s0[-take:]))
        j = sn.find(suffix)
        if 0 <= j and j + len(suffix) <= _MAX_ITEM:
            items.append((pn, sn[:j + len(suffix)]))
    if len(items) < 3 or _is_list_of_names([s for _, s in items]):
        return None
    return items


def _common_prefix(xs: list[str]) -> str:
    p = xs[0]
    for x in xs[1:]:
        while not x.startswith(p):
            p = p[:-1]
    return p


def _common_suffix(xs: list[str]) -> str:
    return _common_prefix([x[::-1] for x in xs])[::-1]


def parallel_frames(text: str) -> list[list[tuple[int, int]]]:
    """Find parallel frames in ``text`` (already folded to Simplified, same offsets).

    Returns the ``(start, end)`` spans of each frame's items, one list per frame, in text order.
    """
    out = []
    for m in _CLAUSE.finditer(text):
        clause = m.group()
        if "、" not in clause:
            continue
        segs, pos = [], m.start()
        for s in clause.split("、"):
            segs.append((pos, s))
            pos += len(s) + 1
        out.extend(_frames_in(segs))
    return out


def _frames_in(segs: list[tuple[int, str]]) -> list[list[tuple[int, int]]]:
    """The longest frames in a clause's 、-segments, left to right (a clause may hold several)."""
    out: list[list[tuple[int, int]]] = []
    i, n = 0, len(segs)
    while i < n - 1:
        for j in range(n - 1, i, -1):
            run = segs[i:j + 1]
            if any(not s or _NOT_ITEM.search(s) for _, s in run[1:-1]) or not run[0][1] or not run[-1][1]:
                continue
            if _NOT_ITEM.search(run[0][1][-3:]) or _NOT_ITEM.search(run[-1][1][:3]):
                continue
            items = _positional(run) or _affix(run)
            if items:
                spans = [(pos, pos + len(item)) for pos, item in items]
                if not out or spans[0][0] >= out[-1][-1][1]:
                    out.append(spans)
                i = j
                break
        else:
            i += 1
    return out
