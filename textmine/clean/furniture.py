"""Page furniture: what a scraped web page puts around (and inside) a speech.

Kinds (the ``kind`` of each change):

``widget``
    Page widgets and chrome: 下载 / 打印 / 全屏 / 收藏, the 【字号：加大 还原 减小】 block, 分享到,
    打印本页 / 关闭窗口, 扫一扫…, 返回顶部, ICP and 版权所有 lines, 网站地图 / 联系我们.
``navigation``
    Breadcrumbs (您的位置：首页 > 要闻) and navigation menus (runs of short menu items).
``provenance``
    来源：…, 时间：… / 发布时间：…, 作者：…, 编辑：… / 责任编辑：…, 浏览次数 / 阅读量, the bare date and
    URL lines that head scraped files, and a final （来源：某某日报）.
``caption``
    Photo captions: ``…新华社记者 谢环驰 摄``, ``本报记者 戴冰摄``, ``（图片来源：…）``, the
    ``某某作政府工作报告。`` line above the speech, and captions glued into a one-line body.
``trailer``
    Wire and print trailers: ``（新华社北京2月23日电）``, ``《 人民日报 》（ 2020年02月24日 02 版）``,
    ``进入“学习平台”了解更多``.
``further_reading`` / ``related``
    A 延伸阅读 box, or a related-links box (相关报道：…) in the page tail, with what follows it.

Lines are judged in three zones: the page *head* (before the first line of running
speech text), the *body* and the page *tail* (after the last one). Widget fragments
(大 / 中 / 小, ``>``), provenance labels and bare dates are only trusted in the head and
tail; unambiguous widgets, chrome, captions and trailers are removed anywhere.
"""

from __future__ import annotations

import re

from .._text import HAN_CORE_CHARS as _H
from .patterns import (HAN, SALUTATION_RE, Line, furniture_lists, is_body_line, n_han, norm_line,
                       split_lines, widget_tokens)

# ----------------------------------------------------------------------------- patterns

_SEPARATORS = set("|｜>»›×✖【】[] \t\u3000\xa0")
_NAME_CH = r"(?:[" + _H + r"·](?<![们拍所的在了和与被对这那是为]))"
_NAMES = rf"{_NAME_CH}{{1,4}}(?:[ \u3000]{{1,2}}{_NAME_CH}{{1,4}}){{0,3}}"
#: A photo credit: 本报记者 戴冰摄 / 新华社记者 刘彬/摄 / 石榴云/新疆日报记者谢龙摄 / （张三 摄）
CREDIT_RE = re.compile(
    r"(?P<open>[（(]\s*)?"
    rf"(?:[{HAN}A-Za-z·/／]{{0,16}}?(?:全媒体|融媒体|特约|首席|实习)?(?:摄影)?(?:记者|通讯员)|摄影[:：]?)"
    rf"[ \u3000]*(?:{_NAMES})[ \u3000]*[/／]?[ \u3000]*摄(?:影)?(?![影像制取入])"
    r"(?(open)\s*[）)])"
)
_PAREN_CREDIT = re.compile(rf"[（(]\s*(?:{_NAMES})[ \u3000]*[/／]?[ \u3000]*摄\s*[）)]")
_IMAGE_SOURCE = re.compile(r"[（(]\s*(?:图片?(?:来源|来自|作者)|图源|供图|资料图片?)[^（）()\n]{0,40}[）)]")
#: The 某某作政府工作报告。 line above a work report: a caption whose credit the scrape lost.
_REPORT_CAPTION = re.compile(r"作(?:政府)?工作报告|(?<!工)作报告[。.]|发表(?:重要)?讲话[。.]")  # 工作报告。 is no 作报告。
#: A sentence of a news-photo caption (the sentences before a credit glued into a body).
_CAPTION_SENTENCE = re.compile(
    r"^(?:这是|图为|图中|当地时间|(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:[上下]午|晚)?(?:至\d{1,2}日)?[，,])"
    r"|中共中央总书记|国家主席|中央军委主席|国务院总理"
)
_WIRE = re.compile(
    r"[（(]\s*(?:新华社|新华网|中新社|人民网|央视网|光明网|本报)[^（）()\n]{0,16}?\d{1,2}月\d{1,2}日电\s*[）)]"
    r"|^(?:新华社|中新社)[" + _H + r"]{1,8}\d{1,2}月\d{1,2}日电(?:[ \u3000]+|(?=[" + _H + r"（(]))", re.M)
_PRINT = re.compile(
    r"《\s*[" + _H + r"]{1,12}?(?:日报|晚报|时报|报|杂志|求是)\s*》\s*[（(]\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"\s*(?:第?\s*\d{1,3}\s*版)?\s*[）)]"
    r"|[（(]?《\s*求是\s*》\s*(?:杂志\s*)?\d{4}\s*(?:[/／]\s*\d{1,2}|年第\s*\d{1,2}\s*期)\s*[）)]?"
)
_PLATFORM = re.compile(r"(?:点击)?进入\s*[“\"「]?\s*学习平台\s*[”\"」]?\s*(?:了解更多|查看更多|阅读更多)?\s*[>》]*")
_SOURCE_PAREN = re.compile(
    r"[（(]\s*(?:来源|稿件来源|文章来源|来源于)\s*[:：]\s*[^（）()\n]{1,30}[）)]\s*$")
_BARE_DATE = re.compile(
    r"^(?:\d{4}[-/.年]\s*\d{1,2}[-/.月]\s*\d{1,2}日?|\d{1,2}/\d{1,2}/\d{4})"
    r"(?:\s*(?:星期|周)[一二三四五六日天])?(?:\s*\d{1,2}(?:[:：]\d{2}){1,2}|\s*\d{1,2}时\d{1,2}分(?:\d{1,2}秒)?)?$"
)
_BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$")
_BREADCRUMB = re.compile(r"^(?:[^\s>»›。，！？]{1,14}\s*[>»›]\s*){1,8}[^\s>»›。，！？]{1,14}\s*[>»›]?$")


def _provenance_label(content: str) -> tuple[str, str] | None:
    """(label, value) if the line is a provenance line ``label：value`` (value may be empty)."""
    head = _SPACES.sub("", content[:12])
    for label in furniture_lists().provenance:
        key = _SPACES.sub("", label)
        if head.startswith(key):
            # map the label back onto the content (索 引 号 may be spaced with any kind of space)
            k, n = 0, 0
            while n < len(key) and k < len(content):
                n += not _SPACES.match(content[k])
                k += 1
            rest = content[k:].lstrip(" \u3000\u2002\u2003")
            if rest[:1] in (":", "："):
                value = rest[1:].strip(" \u3000")
                if len(value) <= 40 and not re.search(r"[。！？；]", value):
                    return key, value
            return None
    return None


_SPACES = re.compile(r"[\s\u3000\u2000-\u200a\xa0]")


def _is_title_like(content: str) -> bool:
    """A line that reads as a title or a link (short, no sentence punctuation), not running text."""
    return bool(content) and len(content) <= 60 and not re.search(r"[。！？；]", content)


# ----------------------------------------------------------------------------- line kinds

def _strong_kind(line: Line, *, before_speech: bool) -> tuple[str, str] | None:
    """A kind for a line that is furniture wherever it stands (or, with ``before_speech``, above it)."""
    c = line.content
    if not c:
        return None
    lists = furniture_lists()
    toks = widget_tokens(c)
    if toks and all(t in lists.widget for t in toks):
        return "widget", "page widget"
    if len(c) <= 200 and any(k in c for k in lists.chrome_id) and not has_sentence(c):
        return "widget", "site chrome"
    if len(c) <= 120 and any(k in c for k in lists.chrome) and not re.search(r"[。！？；]", c):
        return "widget", "site chrome"
    if toks and len(c) <= 30 and toks[0].startswith(lists.position):
        return "navigation", "breadcrumb"
    if _BREADCRUMB.match(c) and c.split(">")[0].strip().endswith(("首页", "主页")):
        return "navigation", "breadcrumb"
    m = _credit_at_end(c)
    if m is not None and len(c) <= 200 and _caption_start(c, m.start()) == 0:
        return "caption", "photo caption"
    if _IMAGE_SOURCE.fullmatch(c) or _PAREN_CREDIT.fullmatch(c):
        return "caption", "photo caption"
    rest = _WIRE.sub("", _PRINT.sub("", _PLATFORM.sub("", c))).strip(" \u3000")
    if rest != c and not rest:
        return "trailer", "wire or print trailer"
    if _SOURCE_PAREN.fullmatch(c):
        return "provenance", "source line"
    m = _REPORT_CAPTION.search(c) if before_speech and len(c) <= 80 else None
    if m and len(c[:m.start()]) <= 30 and not re.search(r"[。！？；]", c[:m.start()]) and not SALUTATION_RE.match(c) \
            and not has_sentence(c[m.end():].lstrip("。")):
        return "caption", "photo caption (credit lost)"
    return None


def has_sentence(c: str) -> bool:
    """True when ``c`` holds a sentence of running text (ending in 。 or ！, 10+ Han characters):
    a line that is more than furniture."""
    return any(n_han(piece) >= 10 for piece in re.findall(r"[^。！？!?]*[。！!]", c))


def _credit_at_end(c: str) -> re.Match | None:
    if "摄" not in c:  # every credit ends in 摄: the pattern's lazy 16-character scan is skipped (a tenth of clean())
        return None
    m = None
    for m in CREDIT_RE.finditer(c):
        pass
    if m is not None and not c[m.end():].strip(" \u3000）)"):
        return m
    return None


def _zone_kind(line: Line) -> tuple[str, str] | None:
    """A kind for a line in the page head or tail (outside the speech)."""
    c = line.content
    if not c:
        return None
    lists = furniture_lists()
    if set(c) <= _SEPARATORS:
        return "widget", "page widget"
    toks = widget_tokens(c)
    if toks and all(t in lists.widget or t in lists.widget_zone for t in toks):
        return "widget", "page widget"
    if _provenance_label(c) is not None:
        return "provenance", "provenance line"
    if _BARE_DATE.match(c):
        return "provenance", "bare date line"
    if _BARE_URL.match(c):
        return "provenance", "bare URL line"
    if _BREADCRUMB.match(c):
        return "navigation", "breadcrumb"
    if toks and len(c) <= 10 and toks[0].startswith(lists.related) and not has_sentence(c):
        return "related", "related-links label"
    return None


# ----------------------------------------------------------------------------- zones

def _zones(lines: list[Line], kinds: dict[int, tuple[str, str]], text: str) -> tuple[int, int]:
    """(head_end, tail_start): indexes of the first body line and one past the last."""
    body = [ln.i for ln in lines if ln.i not in kinds and is_body_line(ln.content)]
    if not body:
        return len(lines), len(lines)
    head_end = body[0]
    flat = norm_line(text[:lines[head_end].start] + text[lines[head_end].start:lines[body[-1]].start])
    # a last body line that only repeats earlier text (a page summary after the footer) is not the end
    j = len(body) - 1
    while j > 0:
        ln = lines[body[j]]
        earlier = norm_line(text[:ln.start]) if j < len(body) - 1 else flat
        if norm_line(ln.content) and norm_line(ln.content) in earlier and _after_footer(lines, kinds, ln.i):
            j -= 1
            continue
        break
    return head_end, body[j] + 1


def _after_footer(lines: list[Line], kinds: dict[int, tuple[str, str]], i: int) -> bool:
    return any(kinds.get(k, ("", ""))[0] in ("widget", "related", "provenance") for k in range(max(0, i - 12), i))


# ----------------------------------------------------------------------------- main

def furniture_edits(text: str, ctx: dict | None = None) -> list[tuple]:
    """Edits that remove the page furniture of ``text`` (see the module docstring)."""
    lines = split_lines(text)
    kinds: dict[int, tuple[str, str]] = {}
    first_salutation = next((ln.i for ln in lines if SALUTATION_RE.match(ln.content)), None)
    limit = first_salutation if first_salutation is not None else min(len(lines), 40)
    for ln in lines:
        k = _strong_kind(ln, before_speech=ln.i < limit)
        if k:
            kinds[ln.i] = k
    _font_block(lines, kinds)
    _boxes(lines, kinds, text)
    head_end, tail_start = _zones(lines, kinds, text)
    for ln in lines:
        if ln.i in kinds or (head_end <= ln.i < tail_start):
            continue
        k = _zone_kind(ln)
        if k:
            kinds[ln.i] = k
    _label_values(lines, kinds, head_end, tail_start)
    _crumbs_and_menus(lines, kinds, head_end, tail_start)
    _footer(lines, kinds, tail_start, text)
    edits: list[tuple] = []
    for i, (kind, note) in sorted(kinds.items()):
        ln = lines[i]
        edits.append((ln.start, ln.stop, "", note, kind))
    removed = [(lines[i].start, lines[i].stop) for i in kinds]
    edits += _inline_edits(text, removed)
    return edits


def _font_block(lines: list[Line], kinds: dict[int, tuple[str, str]]) -> None:
    """The 【字号：/ 加大 / 还原 / 减小 / 】 block: fragments next to a 字号/字体 widget."""
    lists = furniture_lists()
    for ln in lines:
        if kinds.get(ln.i, ("",))[0] != "widget" or not set(widget_tokens(ln.content)) & {"字号", "字体"}:
            continue
        j = ln.i + 1
        while j < len(lines) and j <= ln.i + 6:
            c = lines[j].content
            toks = widget_tokens(c)
            if c and (set(c) <= _SEPARATORS or (toks and all(t in lists.widget_zone or t in lists.widget
                                                                 for t in toks))):
                kinds.setdefault(j, ("widget", "page widget"))
                j += 1
                continue
            break


def _label_values(lines: list[Line], kinds: dict[int, tuple[str, str]], head_end: int, tail_start: int) -> None:
    """A provenance label alone on its line (来源：) takes its value from the next line (四川日报)."""
    for ln in lines:
        if kinds.get(ln.i, ("",))[0] != "provenance" or ln.i + 1 >= len(lines):
            continue
        lv = _provenance_label(ln.content)
        if lv is None or lv[1]:
            continue
        nxt = lines[ln.i + 1]
        if nxt.i in kinds or not nxt.content or len(nxt.content) > 30 or re.search(r"[。！？；]", nxt.content):
            continue
        if head_end <= nxt.i < tail_start and is_body_line(nxt.content):
            continue
        if _provenance_label(nxt.content) is None:
            kinds[nxt.i] = ("provenance", "provenance value")


def _crumbs_and_menus(lines: list[Line], kinds: dict[int, tuple[str, str]], head_end: int, tail_start: int) -> None:
    """Breadcrumb items around a lone ``>`` and runs of three or more short menu items, outside the body."""
    def outside(i: int) -> bool:
        return not (head_end <= i < tail_start)

    def short_item(ln: Line) -> bool:
        c = ln.content
        return (bool(c) and len(c) <= 10 and not re.search(r"[。！？；，、：:（）()\d]", c)
                and not c.endswith(("报告", "讲话", "致辞", "发言")))

    def crumb(j: int) -> bool:
        if not (0 <= j < len(lines)) or j in kinds:
            return False
        if short_item(lines[j]):
            return True
        # 首页 > 政府信息公开 > 省政府工作报告, then the page title: the last crumb may end in 报告
        c, nxt = lines[j].content, lines[j + 1].content if j + 1 < len(lines) else ""
        return 0 < len(c) <= 12 and not re.search(r"[。！？；，]", c) and _is_title_like(nxt) and len(nxt) > len(c)

    for ln in lines:
        if not outside(ln.i) or set(ln.content) - set("> »›") or not ln.content:
            continue
        for j in (ln.i - 1, ln.i + 1):
            if crumb(j):
                kinds[j] = ("navigation", "breadcrumb")
        kinds[ln.i] = ("navigation", "breadcrumb")
        # the section name after the last crumb is often repeated as the column heading
        k = ln.i + 2
        if k < len(lines) and k not in kinds and ln.i + 1 < len(lines) and \
                lines[k].content == lines[ln.i + 1].content and short_item(lines[k]):
            kinds[k] = ("navigation", "breadcrumb")
    run: list[int] = []
    for ln in lines + [Line(len(lines), 0, 0, 0, "")]:
        if outside(ln.i) and ln.i not in kinds and short_item(ln) and ln.i < len(lines):
            run.append(ln.i)
            continue
        if len(run) >= 3:
            for j in run:
                kinds[j] = ("navigation", "menu")
        run = []


def _boxes(lines: list[Line], kinds: dict[int, tuple[str, str]], text: str) -> None:
    """延伸阅读 and related-links boxes: the opener and what follows it.

    A box in the page tail (only titles, short lines and repeats of earlier text follow
    it, or it stands in the last 30% of the text) takes everything after it; a 延伸阅读
    box inside the text takes the title-like lines that follow it, up to the next body line.
    A related-links opener inside the text is left alone.
    """
    lists = furniture_lists()
    n = len(lines)
    for ln in lines:
        if ln.i in kinds and kinds[ln.i][0] not in ("widget",):
            continue
        toks = widget_tokens(ln.content)
        if not toks or len(ln.content) > 30 or has_sentence(ln.content):
            continue
        first = toks[0]
        kind = ("further_reading" if first.startswith(lists.further_reading)
                else "related" if first.startswith(lists.related) else None)
        if kind is None:
            continue
        flat = norm_line(text[:ln.start])
        rest = [j for j in range(ln.i + 1, n) if j not in kinds and lines[j].content]
        in_tail = all(_is_title_like(lines[j].content) or norm_line(lines[j].content) in flat for j in rest)
        if kind == "related" and not in_tail:
            continue
        kinds[ln.i] = (kind, f"{first} box")
        for j in range(ln.i + 1, n):
            c = lines[j].content
            if not in_tail and c and (is_body_line(c) or has_sentence(c)) and not _is_title_like(c):
                break
            if j not in kinds and c:
                kinds[j] = (kind, f"{first} box")
        if in_tail:
            return


def _footer(lines: list[Line], kinds: dict[int, tuple[str, str]], tail_start: int, text: str) -> None:
    """The page footer: from the first widget of the tail on, when only titles, short lines and
    repeats of earlier text follow (a list of links, the page title again)."""
    n = len(lines)
    start = next((i for i in range(tail_start, n) if kinds.get(i, ("",))[0] in ("widget", "related", "provenance")),
                 None)
    if start is None:
        return
    rest = [i for i in range(start, n) if i not in kinds and lines[i].content]
    # earlier text line by line: flattened across line ends, a widget line and the body line after
    # it ("打印" + a sentence) would pass for a repeat of the earlier text
    flat = "\n".join(norm_line(line) for line in text[:lines[start].start].splitlines())
    if all(_is_title_like(lines[i].content) or norm_line(lines[i].content) in flat for i in rest):
        for i in rest:
            kinds[i] = ("related", "page footer")
        # an empty attachment label (附件：) just above the footer
        j = start - 1
        while j >= tail_start and not lines[j].content:
            j -= 1
        if j >= tail_start and j not in kinds and re.fullmatch(r"(?:附件|附表|相关附件)[:：]", lines[j].content):
            kinds[j] = ("related", "empty attachment label")


def _inline_edits(text: str, removed: list[tuple[int, int]]) -> list[tuple]:
    """Captions glued into a line of body text, inline trailers and image sources."""
    removed.sort()
    starts = [s for s, _ in removed]

    def inside(pos: int) -> bool:
        import bisect
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and removed[k][0] <= pos < removed[k][1]

    edits: list[tuple] = []
    for m in CREDIT_RE.finditer(text) if "摄" in text else ():  # every credit ends in 摄
        if inside(m.start()):
            continue
        s = _caption_start(text, m.start())
        e = m.end()
        edits.append((s, e, _glue(text, s, e), "photo caption glued into the body", "caption"))
    for rx, kind, note in ((_PAREN_CREDIT, "caption", "photo credit"), (_IMAGE_SOURCE, "caption", "image source"),
                           (_WIRE, "trailer", "wire dateline"), (_PRINT, "trailer", "print trailer"),
                           (_PLATFORM, "trailer", "study-platform link")):
        for m in rx.finditer(text):
            if inside(m.start()) or not m.group().strip():
                continue
            if kind == "trailer" and rx is not _PLATFORM and not _at_line_edge(text, m.start(), m.end()):
                continue  # 据《人民日报》（2020年2月1日）报道 inside a sentence is a citation, not a trailer
            s, e = _widen(text, m.start(), m.end())
            edits.append((s, e, "", note, kind))
    m = _SOURCE_PAREN.search(text.rstrip())
    if m and not inside(m.start()):
        edits.append((m.start(), m.end(), "", "source line", "provenance"))
    edits += _inline_further_reading(text, inside)
    return _drop_overlaps(edits)


def _inline_further_reading(text: str, inside) -> list[tuple]:
    """A 延伸阅读 opener inside the last line of a one-line body: it and the rest of that line go."""
    lists = furniture_lists()
    out = []
    # an opener, not the words 延伸 + 阅读 inside a sentence: after a sentence end or a trailer,
    # and followed by a colon, a bracket or a space
    rx = re.compile("(?<=[。！？）)」”】\\s])(?:【|\\[)?(?:" + "|".join(map(re.escape, lists.further_reading))
                    + ")(?:[】\\]][:：]?|[:：]|[ \u3000])")
    for m in rx.finditer(text):
        if inside(m.start()) or m.start() < 0.7 * len(text):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        if line_start == m.start() or not text[line_start:m.start()].strip():
            continue  # a line of its own: handled with the lines
        end = text.find("\n", m.start())
        end = len(text) if end < 0 else end
        if has_sentence(text[m.end():end]):
            end = m.end()  # running text follows: take the opener only
        out.append((m.start(), end, "", "延伸阅读 box", "further_reading"))
        break
    return out


def _at_line_edge(text: str, s: int, e: int) -> bool:
    """True when only spaces, other trailers or a 延伸阅读 box stand between a trailer and a line edge."""
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", e)
    line_end = len(text) if line_end < 0 else line_end
    if not text[line_start:s].strip(" \u3000\xa0\t\r"):
        return True
    after = text[e:line_end]
    after = _PRINT.sub("", _WIRE.sub("", after)).strip(" \u3000\xa0\t\r")
    return not after or after.lstrip("【[").startswith(furniture_lists().further_reading)


def _widen(text: str, s: int, e: int) -> tuple[int, int]:
    """Take in the spaces before an inline removal."""
    while s > 0 and text[s - 1] in " \u3000\xa0\t":
        s -= 1
    return s, e


def _caption_start(text: str, credit_start: int) -> int:
    """Where the caption of a credit starts: back over the caption's own sentences.

    The caption's last sentence (the one the credit follows) is always taken; earlier
    sentences only while they read like a news-photo caption (a date, 这是…, the leader's
    titles). A line start or a full-width indent ends the search.
    """
    line_start = text.rfind("\n", 0, credit_start) + 1
    seg = text[line_start:credit_start]
    m = None
    for m in re.finditer(r"\u3000\u3000+", seg):
        pass
    base = line_start + (m.end() if m else 0)
    seg = text[base:credit_start]
    if len(seg.strip()) <= 200 and not re.search(r"[。！？]", seg.rstrip(" \u3000。！？")):
        return base  # a caption of one sentence, or the whole line
    bounds = [base] + [base + x.end() for x in re.finditer(r"[。！？]", seg)]
    if bounds[-1] >= credit_start - 2:  # the sentence ending right before the credit
        bounds = bounds[:-1]
    if not bounds:
        return credit_start
    k = len(bounds) - 1
    if credit_start - bounds[k] > 200:
        return _widen(text, credit_start, credit_start)[0]
    while k > 0 and _CAPTION_SENTENCE.search(text[bounds[k - 1]:bounds[k]].strip(" \u3000")) \
            and credit_start - bounds[k - 1] <= 400:
        k -= 1
    return bounds[k]


def _glue(text: str, s: int, e: int) -> str:
    """A caption cut out of running text leaves a paragraph break (captions sit between paragraphs)."""
    before = text[s - 1] if s > 0 else "\n"
    after = text[e] if e < len(text) else "\n"
    if before in "\n\u3000" or after in "\n\u3000 " or not before.strip():
        return ""
    return "\n"


def _drop_overlaps(edits: list[tuple]) -> list[tuple]:
    edits.sort(key=lambda e: (e[0], -e[1]))
    out: list[tuple] = []
    for e in edits:
        if out and e[0] < out[-1][1]:
            continue
        out.append(e)
    return out
