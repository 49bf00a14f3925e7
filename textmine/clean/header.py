"""The speech's own header lines, turned into metadata.

Above the salutation a published speech or work report carries its title
(``2026年某省政府工作报告``, ``在…会议上的讲话``), the subtitle that gives the date and
occasion (``——2026年1月26日在某省第十四届人民代表大会第四次会议上``) and the speaker line
(``某省省长 张三``). These are metadata, not body text: the ``header`` step takes them out
of the text and :func:`header_fields` reads them into ``title``, ``occasion``, ``date``,
``speaker`` and ``speaker_role``. A scrape that lost its line breaks glues the same header
to the body (``在…座谈会上的讲话（2018年2月12日）张三同志们：…``); that is taken too.
"""

from __future__ import annotations

import re

from .._text import HAN_CORE_CHARS as _H
from .patterns import SALUTATION_RE, SPACE, furniture_lists, is_body_line, n_han, split_lines

_TITLE_END = ("讲话", "报告", "致辞", "发言", "讲演", "演讲", "说明", "贺词", "献词", "讲话稿", "公报", "决议", "决定",
              "纲要", "规划")
_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
_CN_DATE = r"[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日"
_DATE = rf"(?:\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|{_CN_DATE})"
#: ——2026年1月26日在…会议上 / （2026年1月27日在…会议上） / 2026年1月14日在…上 [speaker]
_OCCASION = re.compile(
    rf"^(?:[—–―\-－]{{1,2}}\s*)?[（(]?\s*(?P<date>{_DATE})?\s*(?P<where>(?:在|于)[^。！？]{{2,80}}?(?:上|时|期间|之际))"
    r"\s*[）)]?(?:[ \u3000]+(?P<speaker>[^ \u3000].{1,24}))?$"
)
_DASH_LINE = re.compile(r"^[—–―\-－]{1,2}\s*\S")
_ROLE = (r"(?:[" + _H + r"]{0,16}?(?:代省长|代市长|代主席|副省长|副市长|副主席|省长|市长|主席|书记|县长|区长|州长|"
         r"盟长|旗长|部长|总理|委员长|主任|局长|厅长|院长|秘书长))")
_NAME = r"[" + _H + r"](?:[ \u3000]?[" + _H + r"·]){1,8}"
_SPEAKER = re.compile(rf"^(?P<role>{_ROLE})?[ \u3000]*(?P<name>{_NAME})$")
#: The issuing bodies of a document (某市统计局  国家统计局某市调查队)
_ISSUERS = re.compile(r"[" + _H + r"]{2,20}(?:局|委员会|委|厅|办公室|办公厅|政府|调查队|院|部|中心)"
                      r"(?:[ \u3000\u2002\u2003]+[" + _H + r"]{2,20}(?:局|委员会|委|厅|办公室|办公厅|政府|调查队|院|部|中心)){0,3}")
_GLUED_TITLE = re.compile(
    rf"^(?P<title>[^。！？，；\n]{{4,80}}?(?:{'|'.join(_TITLE_END)}))[ \u3000]*[（(](?P<date>{_DATE})[）)][ \u3000]*", re.M)
_GLUED_SPEAKER_STOP = re.compile(r"(?:[ \u3000\n]|尊敬的|亲爱的|各位|同志们|女士们|先生们|朋友们|同学们)")


def cn_date(s: str) -> str:
    """An ISO date (YYYY-MM-DD) from 2026年1月26日, 二〇二六年一月二十七日, 2026-02-09 or 10/15/2015; else ""."""
    s = s.strip()
    m = re.match(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", s)
    if m:
        y, mo, d = map(int, m.groups())
    else:
        m = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})", s)
        if m:
            mo, d, y = map(int, m.groups())
        else:
            m = re.match(r"([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日", s)
            if not m:
                return ""
            y = int("".join(str(_CN_DIGIT[c]) for c in m.group(1)))
            mo, d = _cn_small(m.group(2)), _cn_small(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return ""
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _cn_small(s: str) -> int:
    if "十" not in s:
        return _CN_DIGIT[s]
    tens, _, units = s.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)


def _is_title(c: str) -> bool:
    c = c.rstrip(" |｜\u3000")  # a page title: 某县人民政府 | 某县2015年统计公报 |
    return (4 <= n_han(c) and len(c) <= 80 and not re.search(r"[。！？；]", c)
            and c.rstrip("）)》」").endswith(_TITLE_END) and not _DASH_LINE.match(c))


def _speaker(c: str) -> tuple[str, str] | None:
    if len(c) > 25 or SALUTATION_RE.match(c):
        return None
    m = _SPEAKER.match(c)
    if not m:
        return None
    role, name = m.group("role") or "", re.sub(r"[ \u3000]", "", m.group("name"))
    if not role and not 2 <= len(name) <= 4:
        return None  # a bare name (毛伟明, 龚 正) is two to four characters
    return name, role


def header_edits(text: str, ctx: dict | None = None) -> list[tuple]:
    """Edits that take the header lines (title, occasion, speaker, date) out of the text."""
    lines = split_lines(text)
    body = next((ln.i for ln in lines if is_body_line(ln.content)), len(lines))
    edits: list[tuple] = []
    found: set[str] = set()
    last_field = ""
    for ln in lines[:body]:
        c = ln.content
        if not c:
            continue
        field = ""
        m = _OCCASION.match(c)
        if _is_title(c):
            field = "title"
        elif m and (m.group("date") or _DASH_LINE.match(c) or c.startswith(("（", "("))):
            field = "occasion"
        elif _DASH_LINE.match(c) and re.match(rf"^[—–―\-－]{{1,2}}\s*{_DATE}\s*在", c) and len(c) <= 60:
            field = "occasion"  # ——2026年1月26日在某省第十四届 (the page broke the line)
        elif last_field == "occasion" and len(c) <= 30 and c.endswith(("上", "上）", "上)")) and n_han(c) >= 3:
            field = "occasion"  # the rest of an occasion the page broke in two
        elif (found & {"title", "occasion"}) and (_speaker(c) or _ISSUERS.fullmatch(c)):
            field = "speaker"
        elif re.fullmatch(rf"[（(]?\s*{_DATE}\s*[）)]?", c):
            field = "date"
        if field:
            edits.append((ln.start, ln.stop, "", field, "header"))
            found.add(field)
            last_field = field
    if body < len(lines):
        glued = _glued(text, lines[body])
        if not glued:
            glued = _repeated_title(text, lines[body], [e for e in edits if e[3] == "title"])
        edits += glued
    return edits


def _repeated_title(text: str, ln, titles: list[tuple]) -> list[tuple]:
    """The title found above, repeated at the start of the first body line (某县2015年统计公报 2015年，…)."""
    c = ln.content
    for s, e, *_ in titles:
        t = text[s:e].strip(SPACE + "\n").rstrip(" |｜")
        t = t.rsplit("|", 1)[-1].strip() if "|" in t else t
        if len(t) >= 6 and c.startswith(t) and c[len(t):len(t) + 1] in (" ", "\u3000"):
            start = ln.start + (len(text[ln.start:ln.end]) - len(text[ln.start:ln.end].lstrip(SPACE)))
            end = start + len(t)
            while end < ln.end and text[end] in " \u3000":
                end += 1
            return [(start, end, "", "title", "header")]
    return []


def _glued(text: str, ln) -> list[tuple]:
    """A title, date and speaker glued to the first words of the body."""
    start = ln.start + (len(text[ln.start:ln.end]) - len(text[ln.start:ln.end].lstrip(SPACE)))
    m = _GLUED_TITLE.match(text, start)
    if not m or not (m.group("title").startswith("在") or "在" in m.group("title")[:30]):
        return []
    title_end = m.start("date") - 1
    edits = [(start, title_end, "", "title", "header"), (title_end, m.end(), "", "date", "header")]
    rest = text[m.end():m.end() + 30]
    name = next((s for s in furniture_lists().speaker if rest.startswith(s)), None)
    if name is None:
        stop = _GLUED_SPEAKER_STOP.search(rest)
        if stop and 2 <= stop.start() <= 4 and re.fullmatch(r"[" + _H + r"·]+", rest[:stop.start()]):
            name = rest[:stop.start()]
    if name:
        e = m.end() + len(name)
        while e < len(text) and text[e] in " \u3000":
            e += 1
        edits.append((m.end(), e, "", "speaker", "header"))
    return edits


def header_fields(changes, provenance) -> dict[str, str]:
    """Metadata from the header step's changes and the provenance lines the furniture step removed."""
    out: dict[str, str] = {}
    for c in changes:
        v = c.old.strip(SPACE + "\n")
        if c.note == "title":
            v = v.rstrip(" |｜\u3000")
            out.setdefault("title", v.rsplit("|", 1)[-1].strip() if "|" in v else v)
            sp = next((s for s in furniture_lists().speaker if v.startswith(s)), None)
            if sp and "speaker" not in out:
                out["speaker"] = sp
        elif c.note == "occasion":
            if "occasion" in out and not out["occasion"].endswith(("上", "时", "）", ")")):
                out["occasion"] += v  # the second half of a broken occasion line
                continue
            m = _OCCASION.match(v)
            occ = v.lstrip("—–―-－ ").strip("（）() ")
            if m and m.group("speaker"):
                sp = _speaker(m.group("speaker"))
                if sp:
                    occ = occ[:occ.rfind(m.group("speaker"))].strip(" \u3000）)")
                    out.setdefault("speaker", sp[0])
                    if sp[1]:
                        out.setdefault("speaker_role", sp[1])
            out.setdefault("occasion", occ)
            if m and m.group("date"):
                out.setdefault("date", cn_date(m.group("date")))
        elif c.note == "speaker":
            sp = _speaker(v)
            if sp:
                out.setdefault("speaker", sp[0])
                if sp[1]:
                    out.setdefault("speaker_role", sp[1])
            elif v:
                out.setdefault("speaker", re.sub(r"[ \u3000\u2002\u2003]+", " ", v))
        elif c.note == "date":
            d = cn_date(v.strip("（）()"))
            if d:
                out.setdefault("date", d)
    if "occasion" in out and "date" not in out:
        m = re.search(_DATE, out["occasion"])
        if m:
            out["date"] = cn_date(m.group())
    out.update({k: v for k, v in provenance_fields(provenance).items() if k not in out})
    return {k: v for k, v in out.items() if v}


_PROV_FIELDS = (("来源", "outlet"), ("时间", "published"), ("日期", "published"), ("作者", "author"),
                ("编辑", "editor"))


def provenance_fields(changes) -> dict[str, str]:
    """``outlet``, ``published``, ``author``, ``editor`` and ``url`` from removed provenance lines."""
    out: dict[str, str] = {}
    bare: dict[str, str] = {}
    label = ""
    for c in changes:
        if c.kind != "provenance":
            continue
        v = c.old.strip(SPACE + "\n").strip("（）()")
        if c.note == "provenance value":
            value, lab = v, label
        elif c.note == "bare URL line":
            out.setdefault("url", v)
            continue
        elif c.note == "bare date line":
            bare.setdefault("published", cn_date(v))  # below a labelled date: a page clock looks the same
            continue
        else:
            parts = re.split(r"\s*[:：]\s*", v, maxsplit=1)
            lab, value = parts[0], parts[1] if len(parts) > 1 else ""
            label = lab
        for key, field in _PROV_FIELDS:
            if key in lab and value:
                out.setdefault(field, cn_date(value) if field == "published" else value)
                break
    for k, v in bare.items():
        if not out.get(k):
            out[k] = v
    return {k: v for k, v in out.items() if v}
