"""Boilerplate: template-site lines in one text, and lines a site repeats across a corpus.

``boilerplate`` (one text)
    Template-site and scrape lines at the head or foot of a text: ``下面是小编为大家整理的…供大家参考。``,
    ``以上就是…``, ``本文来源…``, ``文章来源：…`` and the Wikisource licence footer.
``site_boilerplate`` (a corpus)
    A line that recurs verbatim in many documents from the same source is site furniture
    (a footer, a template sentence): see :func:`recurring_lines` for the threshold and for
    the lines that are kept although they recur (salutations, headings, speech sentences).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import pandas as pd

from .furniture import _SOURCE_PAREN, _provenance_label, _strong_kind
from .patterns import HEADING_RE, Line, SALUTATION_RE, is_body_line, n_han, norm_line, split_lines

_BOILER_KEYS = re.compile(
    r"小编|本站|范文|为大家整理|为您整理|为大家收集|为大家分享|为您分享|供大家参考|仅供参考|欢迎阅读|欢迎下载"
    r"|文章来源|本文来源|(?<![资料数据])来源[:：]|转载|版权(?:归|声明|所有)|免责声明|全部内容|www\.|https?://"
    r"|精心挑选|收集整理|编辑整理|整理发布|整理收录|网友投稿|本文档|本文库|仅供[^，。]{0,10}(?:学习|参考|借鉴|交流)"
)
_BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$")
_LICENSE_START = re.compile(r"本作品|这部作品|這部作品")
_LICENSE_END = re.compile(r"公有领域|公有領域|Public domain")


def template_edits(text: str, ctx: dict | None = None) -> list[tuple]:
    """Template-site lines among the first 3 and last 5 lines, and a licence footer."""
    edits: list[tuple] = []
    cut = len(text)
    tail_start = max(0, len(text) - 3000)
    m = _LICENSE_START.search(text, tail_start)
    idx = m.start() if m else -1
    if idx >= 0 and _LICENSE_END.search(text, idx):
        line_start = text.rfind("\n", 0, idx) + 1
        cut = line_start
        edits.append((line_start, len(text), "", "licence footer", "licence"))
    spans = []
    pos = 0
    for line in text[:cut].splitlines(keepends=True):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line)
    seen = set()
    for s, e in spans[:3] + spans[-5:]:
        if (s, e) in seen:
            continue
        seen.add((s, e))
        line = text[s:e]
        c = line.strip(" \t\r\n\u3000\xa0")
        if _BARE_URL.match(c) or _provenance_label(c) is not None or _SOURCE_PAREN.fullmatch(c):
            continue  # a provenance line (来源：…, a bare URL): the furniture step's, with its value
        if (ctx or {}).get("furniture") and _strong_kind(Line(0, 0, 0, 0, c), before_speech=False):
            continue  # chrome (ICP, 版权所有 …): the furniture step records it with its kind
        if len(line.strip()) <= 160 and _BOILER_KEYS.search(line) and not _other_sentence(c):
            edits.append((s, e, "", "template line", "template"))
    return edits


def _other_sentence(line: str) -> bool:
    """True when the line also holds a sentence without a template key (running text glued to it)."""
    line = re.sub(r"[（(][^（）()]*[）)]", "", line)  # （图片来源：…） glued to a sentence is not its key
    line = re.sub(r"(?:https?://|www\.)\S+", "", line)  # nor is a URL before it (a one-line page's address)
    # a paragraph indent (two ideographic spaces) ends a piece too: 来源：…　　<the speech's first sentence>
    return any(n_han(p) >= 10 and not _BOILER_KEYS.search(p)
               for p in re.findall(r"[^。！？!?\u3000]*(?:\u3000(?!\u3000)[^。！？!?\u3000]*)*[。！？!?]", line))


# ----------------------------------------------------------------------------- corpus level

#: A line is site boilerplate when it recurs in at least ``MIN_DOCS`` documents of a source
#: and in at least ``MIN_SHARE`` of them. Three: a passage that two speeches share is text
#: reuse (what ``text_reuse`` looks for), not furniture. Half: a site's footer or template
#: sentence is on (nearly) every page of that site, while the speech formulas that several
#: speeches share, and that the sparing rules keep, can be common too.
MIN_DOCS = 3
MIN_SHARE = 0.5
_STRUCTURE = re.compile(r"^(?:附件|附表|附录|注释|注|名词解释|说明|目录|结束语)[\d一二三四五六七八九十：:]*$")


def _spared(line: str, in_body: bool) -> str:
    if SALUTATION_RE.match(line):
        return "salutation"
    if HEADING_RE.match(line) and n_han(line) >= 2:
        return "heading"
    if _STRUCTURE.match(line):
        return "document structure"
    if in_body and is_body_line(line):
        return "speech sentence"
    return ""


def _body_range(lines) -> tuple[int, int]:
    body = [ln.i for ln in lines if is_body_line(ln.content)]
    return (body[0], body[-1] + 1) if body else (0, 0)


def recurring_lines(texts: Sequence[str], groups: Sequence[str], *, min_docs: int = MIN_DOCS,
                    min_share: float = MIN_SHARE) -> pd.DataFrame:
    """Lines that recur verbatim (whitespace aside) across the texts of each group.

    Returns one row per recurring line with columns ``source`` (the group), ``line``,
    ``n_docs``, ``n_source_docs``, ``share`` and ``status``: ``"removed"`` or
    ``"kept: salutation"`` / ``"kept: heading"`` / ``"kept: document structure"`` /
    ``"kept: speech sentence"`` (a sentence that stands inside the speech body in at least
    half of the documents that have it: a shared formula such as 现在，我代表…请予审议。).
    """
    by_group: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        by_group[g].append(i)
    rows = []
    for g, idx in by_group.items():
        n_group = len(idx)
        need = max(min_docs, math.ceil(min_share * n_group))
        if n_group < need:
            continue
        doc_count: Counter[str] = Counter()
        in_body: Counter[str] = Counter()
        shown: dict[str, str] = {}
        for i in idx:
            lines = split_lines(texts[i])
            lo, hi = _body_range(lines)
            seen: set[str] = set()
            for ln in lines:
                key = norm_line(ln.content)
                if len(key) < 2 or key in seen:
                    continue
                seen.add(key)
                doc_count[key] += 1
                in_body[key] += lo <= ln.i < hi
                shown.setdefault(key, ln.content)
        for key, n in doc_count.items():
            if n < need:
                continue
            why = _spared(shown[key], in_body[key] * 2 >= n)
            rows.append({"source": g, "line": shown[key], "n_docs": n, "n_source_docs": n_group,
                         "share": round(n / n_group, 3), "status": f"kept: {why}" if why else "removed"})
    cols = ["source", "line", "n_docs", "n_source_docs", "share", "status"]
    df = pd.DataFrame(rows, columns=cols)
    return df.sort_values(["source", "n_docs", "line"], ascending=[True, False, True], ignore_index=True)


def site_edits(text: str, ctx: dict) -> list[tuple]:
    """Remove the lines of ``ctx["site_lines"]`` (normalised lines) from ``text``."""
    wanted = ctx.get("site_lines") or ()
    if not wanted:
        return []
    wanted = set(wanted)
    edits = []
    for ln in split_lines(text):
        if ln.content and norm_line(ln.content) in wanted:
            edits.append((ln.start, ln.stop, "", "recurs verbatim across the source's documents",
                          "site_boilerplate"))
    return edits


def normalise_lines(lines: Iterable[str]) -> frozenset[str]:
    """The comparison keys of the given lines."""
    return frozenset(k for k in (norm_line(x) for x in lines) if k)
