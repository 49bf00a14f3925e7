"""The actor grammar of :func:`~textmine.structure.duties`: body names, level words and lists of bodies.

An *item* names one actor: a body from the bundled tables (公安局, 住房城乡建设部, 湖北省, 领导干部),
optionally after level words (各级, 市, 有关, 中央和国家 …) and before a generic suffix (主管部门),
or a level word plus a generic head (有关部门, 各地区, 其他地区). A *run* is a list of items joined
by 、/和/及/以及/与/特别是 … or juxtaposed (各地区各部门, 党委政府), with an optional group tail
(等部门, 及各成员单位) and an optional officials tail (的主要负责同志).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ._resources import bundled_lexicon

__all__ = ["ActorMatcher", "Item", "bundled_matcher", "trie_regex"]


def trie_regex(words: Iterable[str]) -> str:
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


INSTITUTION_SUFFIX = ("局", "委", "院", "会", "部", "办", "厅", "所", "处", "队", "联", "中心", "政府",
                      "机关", "部门", "机构", "室", "站", "署", "社", "组", "馆", "台", "校", "团", "单位")
SHORT_FORMS = {"公": "公安", "检": "检察院", "法": "法院", "司": "司法"}
SHORT_RUN = r"公(?:、检(?:、法)?(?:、司)?|检法司?)"

#: Level words before a body or a generic head. Those in LOCAL_LEVELS make a body count even
#: inside a clause (…，县公安局要…); the others need a clause start.
LOCAL_LEVELS = ("各级", "各", "省", "市", "州", "县", "区", "乡镇", "乡", "镇", "旗", "全省", "全市", "全县",
                "全区", "省级", "市级", "地市级", "县级", "乡级", "县级以上", "县级以上地方", "县级以上地方各级",
                "地方各级", "我省", "我市", "我县", "我区", "本省", "本市", "本县", "省直", "市直", "县直",
                "各省", "各市", "各县", "各区", "省级以上", "市县", "省市县")
OTHER_LEVELS = ("有关", "相关", "各有关", "各相关", "其他", "其它", "其余", "广大", "所有", "全体", "各地",
                "中央", "国家", "中央和国家", "中央和国家机关", "中央国家机关", "中央和地方", "中央有关",
                "国务院有关", "国务院各", "国务院各有关", "中央和国家机关有关", "中央和国家机关各", "中央国家机关各",
                "中央国家机关有关", "中央和国家有关", "全国", "全国各级", "地方", "东部", "中部", "西部", "东北", "沿海",
                "边疆", "民族", "贫困", "农村", "城市", "重点", "试点", "各级各类", "职能")
#: Generic heads: an actor only after a level word (有关部门, 各地区; 部门要… alone is no directive).
HEADS = ("部门", "单位", "方面", "地区", "地方", "机关", "机构", "省份", "部委", "系统", "职能部门",
         "主管部门", "行政部门")
#: Suffixes that keep a body's function (商务主管部门 is 商务).
BODY_SUFFIX = ("行政主管部门", "主管部门", "行政部门", "管理部门", "职能部门", "行政机关", "系统")
#: A generic head may follow these without a level word of its own (有关方面和地方).
BARE_SEPARATORS = ("、以及", "以及", "、", "和", "及", "与")
SEPARATORS = ("、以及", "以及", "、", "和", "及", "与", "同", "暨", "特别是", "尤其是", "包括", "等")
GROUP_WORDS = ("成员单位", "部门", "单位", "机关", "机构", "组织", "方面", "团体", "社会组织", "地区")
PERSON_TAILS = ("主要负责同志", "主要负责人", "主要领导同志", "主要领导", "负责同志", "负责人", "领导班子",
                "班子成员", "领导干部", "党员干部", "一把手")


@dataclass(frozen=True)
class Item:
    """One actor of a run: as written, its canonical names, whether it needs a clause start."""

    written: str
    canonical: tuple[str, ...]
    level: str  # the level words before it ("" when none)
    generic: bool  # an everyday word, a place or a generic group: counts only at a clause start
    head: bool  # a level word + generic head (有关部门)
    start: int  # offset inside the run
    kind: str = ""  # the table of the name: local, central, place, generic; "head"; "short"


def _norm_head(level: str, head: str) -> str:
    for a, b in (("各有关", "有关"), ("各相关", "有关"), ("相关", "有关")):
        if level.startswith(a):
            level = b + level[len(a):]
            break
    return level + head


class ActorMatcher:
    """Regexes of items and runs over a set of tables ``{kind: {canonical: aliases}}``."""

    def __init__(self, tables: Mapping[str, Mapping[str, Iterable[str]]]) -> None:
        self.alias: dict[str, tuple[str, str]] = {}  # alias -> (canonical, kind)
        for kind, table in tables.items():
            for canonical, aliases in table.items():
                for a in (canonical, *aliases):
                    if a:
                        self.alias.setdefault(a, (canonical, kind))
        levels = tuple(dict.fromkeys(LOCAL_LEVELS + OTHER_LEVELS))
        self.local_levels = set(LOCAL_LEVELS)
        # level + head combinations and body aliases in one trie, so the longest wins (各地区 over 各地)
        self.head_words = {lv + h: (lv, h) for lv in levels for h in HEADS}
        alias_words = sorted(self.alias, key=len, reverse=True)
        name = trie_regex(sorted({*self.alias, *self.head_words}, key=len, reverse=True))
        alias = trie_regex(alias_words)
        level = trie_regex(levels)
        suffix = trie_regex(BODY_SUFFIX)
        bare = "|".join(map(re.escape, HEADS))
        self.level_re = re.compile(level)
        alt1 = rf"(?:{name})(?:{suffix})?"
        alt2 = rf"(?:{level}){{1,2}}(?:{alias})(?:{suffix})?"
        item = rf"(?:{SHORT_RUN}|{alt1}|{alt2})"
        sep = "(?:" + "|".join(map(re.escape, SEPARATORS)) + ")?"
        bsep = "(?:" + "|".join(map(re.escape, BARE_SEPARATORS)) + ")"
        tail = (r"(?P<tail>(?:等|等等)?(?:(?:及|和|以及|与)?(?:各级|各|有关|相关|其他|成员|职能)*"
                r"(?P<group>" + "|".join(GROUP_WORDS) + r"))?)")
        person = r"(?P<person>的?(?:" + "|".join(PERSON_TAILS) + r"))?"
        self.item = re.compile(item)
        self._alts = [re.compile(SHORT_RUN), re.compile(alt1), re.compile(alt2)]
        self._bare = re.compile(rf"(?<=[、和及与])(?:{bare})")
        self.run = re.compile(rf"(?P<run>{item}(?:{sep}{item}|{bsep}(?:{bare})){{0,20}}){tail}{person}")
        self._suffix_re = re.compile(rf"(?:{suffix})$")

    def _one(self, written: str, start: int) -> Item:
        body = written
        m = self._suffix_re.search(body)
        if m and body[:m.start()] and self._known(body[:m.start()]):
            body = body[:m.start()]
        if body in self.head_words:
            lv, h = self.head_words[body]
            return Item(written, (_norm_head(lv, h),), lv, True, True, start, "head")
        if body in self.alias:
            canonical, kind = self.alias[body]
            generic = kind != "central" and not body.endswith(INSTITUTION_SUFFIX)
            return Item(written, (canonical,), "", generic, False, start, kind)
        # level words, then a name: take the longest level prefix that leaves a known name
        for k in range(len(body) - 1, 0, -1):
            rest = body[k:]
            if self._known(rest) and self._all_levels(body[:k]):
                inner = self._one(rest, start + k)
                return Item(written, inner.canonical, body[:k], inner.generic, inner.head, start, inner.kind)
        return Item(written, (written,), "", True, False, start)

    def _known(self, s: str) -> bool:
        return s in self.alias or s in self.head_words

    def _all_levels(self, s: str) -> bool:
        pos = 0
        for _ in range(3):
            m = self.level_re.match(s, pos)
            if not m or m.end() == pos:
                return False
            pos = m.end()
            if pos == len(s):
                return True
        return False

    def items(self, run: str) -> list[Item]:
        """The items of a run, as written, in order (公、检、法 gives three); the longest reading wins."""
        out: list[Item] = []
        pos = 0
        while pos < len(run):
            best = max((m for r in self._alts if (m := r.match(run, pos))), key=lambda m: m.end(), default=None)
            if best is None and out and (b := self._bare.match(run, pos)):
                out.append(Item(b.group(), (b.group(),), "", True, True, pos, "head"))
                pos = b.end()
                continue
            if best is None or best.end() == pos:
                pos += 1  # a separator
                continue
            tok = best.group()
            if re.fullmatch(SHORT_RUN, tok):
                out.extend(Item(c, (SHORT_FORMS[c],), "", True, False, pos + i, "short")
                           for i, c in enumerate(tok) if c in SHORT_FORMS)
            else:
                out.append(self._one(tok, pos))
            pos = best.end()
        return out

    def level_is_local(self, level: str) -> bool:
        return any(level.startswith(lv) for lv in self.local_levels) if level else False


@functools.lru_cache(maxsize=1)
def bundled_matcher() -> ActorMatcher:
    return ActorMatcher(bundled_lexicon())
