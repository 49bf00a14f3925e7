"""References: documents cited in 《…》 or named without it, and media titles, with type and issuing level."""

from __future__ import annotations

import functools
import re
from typing import Any

import pandas as pd

from .._text import HAN_CORE_CHARS
from .._text import is_han
from ._frame import TextLike, frame, get_text
from ._lexicons import law_names, media_titles, simplified

__all__ = ["references", "REFERENCE_COLUMNS", "REFERENCE_KINDS"]

_REFERENCE_SCHEMA = {
    "reference": "str", "short": "str", "type": "str", "level": "str",
    "count": "int64", "first_start": "int64", "kind": "str",
}
REFERENCE_COLUMNS = tuple(_REFERENCE_SCHEMA)
#: Values of the ``kind`` column.
REFERENCE_KINDS = ("document", "media", "document_unbracketed")

_BOOK = re.compile(r"《([^《》\n]{1,120})》")
_REF_TRANS = str.maketrans({"(": "（", ")": "）", "[": "〔", "]": "〕", "【": "〔", "】": "〕",
                            "［": "〔", "］": "〕", "<": "〈", ">": "〉", "＜": "〈", "＞": "〉"})
_WS = re.compile(r"[\s\u3000\u200b\ufeff]+")
_TRAILING_PAREN = re.compile(r"(?:（[^（）]*）|〔[^〔〕]*〕)+$")
_REF_TYPES = (
    ("实施细则", "细则"), ("实施办法", "办法"), ("管理办法", "办法"), ("实施意见", "意见"),
    ("指导意见", "意见"), ("实施方案", "方案"), ("工作方案", "方案"), ("行动方案", "方案"),
    ("行动计划", "计划"), ("工作报告", "报告"), ("白皮书", "白皮书"), ("法典", "法"),
    ("条例", "条例"), ("办法", "办法"), ("细则", "细则"), ("规定", "规定"), ("方案", "方案"),
    ("规划", "规划"), ("通知", "通知"), ("通告", "通告"), ("公告", "公告"), ("公报", "公报"),
    ("决定", "决定"), ("纲要", "纲要"), ("计划", "计划"), ("决议", "决议"), ("报告", "报告"),
    ("意见", "意见"), ("制度", "制度"), ("标准", "标准"), ("任务", "任务"), ("规则", "规则"),
    ("准则", "准则"), ("章程", "章程"), ("指南", "指南"), ("规范", "规范"), ("要点", "要点"),
    ("公约", "公约"), ("清单", "清单"), ("批复", "批复"), ("讲话", "讲话"),
)
_NOT_LAW = ("方法", "做法", "想法", "看法", "说法", "用法", "手法", "疗法", "算法", "书法", "语法",
            "技法", "写法", "战法", "兵法", "章法", "打法", "玩法", "司法", "执法", "普法", "守法",
            "违法", "依法", "合法", "非法", "魔法", "佛法", "心法")
_NATIONAL = re.compile(r"^(?:中华人民共和国|中国共产党|中共中央|党中央|国务院|全国|国家|中央|最高人民)")
_WHOLE_LEVEL = re.compile(r"全(国|省|市|州|县|区|旗)")
_ADMIN = {"省": "省", "市": "市", "州": "市", "盟": "市", "县": "县", "区": "县", "旗": "县"}
_NOT_ADMIN = ("社区", "地区", "园区", "景区", "辖区", "山区", "灾区", "片区", "小区", "校区", "牧区",
              "区域", "区别", "区分", "区间", "区块", "市场", "城市", "都市", "超市", "上市", "股市",
              "县域", "省级", "市级", "县级", "区级")


def _ref_type(title: str) -> str:
    core = _TRAILING_PAREN.sub("", title) or title
    for suffix, label in _REF_TYPES:
        if core.endswith(suffix):
            return label
    if core.endswith("法") and not core.endswith(_NOT_LAW):
        return "法"
    return "其他"


def _ref_level(title: str) -> str:
    if _NATIONAL.match(title):
        return "国家"
    issuer = title.split("关于", 1)[0]
    if issuer.startswith("中共"):
        issuer = issuer[2:]
    for i, ch in enumerate(issuer[:9]):
        if ch in _ADMIN:
            two_after = issuer[i:i + 2]
            two_before = issuer[max(i - 1, 0):i + 1]
            if two_after in _NOT_ADMIN or two_before in _NOT_ADMIN:
                continue
            if i > 0 and not (is_han(issuer[i - 1]) or issuer[i - 1] in "Xx×*＊"):
                continue
            if issuer[i:i + 3] == "自治区":
                return "省"
            return _ADMIN[ch]
    m = _WHOLE_LEVEL.search(title)
    if m:
        return "国家" if m.group(1) == "国" else _ADMIN[m.group(1)]
    return ""


_MEDIA_SUFFIX = re.compile(r"(?:日报|晚报|时报|早报|晨报|周报|商报|青年报|特区报|周刊|月刊|半月刊|旬刊|杂志|画报|文摘|电视台|广播电台)$")
_PRC = "中华人民共和国"
#: What follows a law's name when the words are about law in general (安全生产法律法规, 国防法治).
_NOT_AFTER_LAW = "律规治制院官庭人学理务宝门定子令术系条"
_FIVE_YEAR = re.compile(r"[“\"「]?十[一二三四五六七八九]五[”\"」]?规划(?:纲要)?(?:和20[0-9]{2}年远景目标纲要)?"
                        r"|(?:国民经济和社会发展)?第十[一二三四五六七八九]个五年规划(?:和20[0-9]{2}年远景目标纲要|纲要)?")
_DOC_VERB = (r"(?:落实|实施|贯彻|执行|制定|出台|修订|修改|印发|颁布|发布|施行|编制|审议|学习|宣传|遵守|"
             r"研究制定|抓紧出台|认真落实|深入实施|全面实施|审议通过|通过)(?:好|了)?(?:新一轮|新修订的)?")
_NAMED_DOC = re.compile(
    _DOC_VERB + r"(?P<name>(?P<body>[^\W\d_a-zA-Z和与及等的、]{2,30}?)(?P<suffix>条例|规划纲要|规划|纲要|行动方案|实施方案|行动计划))"
    r"(?=[，。；、和及与等的！？\s）（(]|$)"
)
_LEADING_VERB = re.compile(_DOC_VERB)
_MIN_BODY = {"条例": 2, "规划纲要": 4, "规划": 5, "纲要": 4, "行动方案": 4, "实施方案": 4, "行动计划": 4}
_ISSUER = r"(?:中共中央、国务院|中共中央办公厅、国务院办公厅|中办、国办|中共中央|党中央|国务院办公厅|国务院|全国人大常委会|中央|[" + HAN_CORE_CHARS + r"]{1,6}(?:省委|省政府|市委|市政府|县委|县政府))"
_ABOUT_DOC = re.compile(
    rf"(?:(?P<issuer>{_ISSUER})(?:(?:印发|出台|制定|发布|颁布|下发|作出|审议通过|通过)(?:了|的)?)?"
    r"|(?:印发|出台|制定|发布|颁布|下发|作出|审议通过|通过)(?:了|的))"
    r"(?P<name>关于[^。！？；《》“”\n]{2,80}?的(?:指导意见|实施意见|意见|决定|通知|规定|办法|方案|规划|决议|建议))"
)


@functools.lru_cache(maxsize=1)
def _law_pattern() -> re.Pattern:
    names = "|".join(re.escape(n) for n in law_names())  # longest first
    return re.compile(rf"(?:{_PRC})?(?:{names})(?![{_NOT_AFTER_LAW}])")


def _is_media(title: str) -> bool:
    core = _TRAILING_PAREN.sub("", title) or title
    return core in media_titles() or bool(_MEDIA_SUFFIX.search(core))


def _unbracketed(folded: str, masked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of documents named without 《》: laws, five-year plans, 关于…的意见, verb + …条例/规划."""
    spans: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in masked + spans)

    for m in _ABOUT_DOC.finditer(folded):
        issuer = m.group("issuer")
        s = m.start("issuer") if issuer and m.end("issuer") == m.start("name") else m.start("name")
        if free(s, m.end("name")):
            spans.append((s, m.end("name")))
    for m in _FIVE_YEAR.finditer(folded):
        if free(m.start(), m.end()):
            spans.append((m.start(), m.end()))
    for m in _NAMED_DOC.finditer(folded):
        s, body = m.start("name"), m.group("body")
        while (v := _LEADING_VERB.match(body)) and v.end() < len(body):  # 制定实施…方案: the name starts after 实施
            s, body = s + v.end(), body[v.end():]
        if len(body) >= _MIN_BODY[m.group("suffix")] and free(s, m.end("name")):
            spans.append((s, m.end("name")))
    for m in _law_pattern().finditer(folded):
        # a two-character name (刑法, 宪法) must not be the end of a longer word (用水法)
        short_name = m.end() - m.start() <= 2
        if (not short_name or m.start() == 0 or not is_han(folded[m.start() - 1])
                or folded[m.start() - 1] in "的和及与、对好实行修照据反守按") and free(m.start(), m.end()):
            spans.append((m.start(), m.end()))
    return sorted(spans)


def references(doc: TextLike) -> pd.DataFrame:
    """Find the documents a speech cites, in 《…》 or by name, and the media it names in 《》.

    - ``kind`` ``"document"``: a title in 《…》 (laws, regulations, plans, opinions, cited
      works such as 《诗经》).
    - ``kind`` ``"media"``: a title in 《…》 that is a newspaper, journal, news agency or
      broadcaster (《人民日报》, 《求是》; the bundled list ``textmine/resources/media.txt``,
      or a title ending in 日报/晚报/时报/周刊/杂志 …).
    - ``kind`` ``"document_unbracketed"``: a document named without 《》 — a national law by
      its name (民法典, 传染病防治法; ``textmine/resources/laws.txt``), a five-year plan
      (“十四五”规划), ``关于…的意见/决定/通知/…`` after its issuer or 印发/出台/制定 …
      (国务院关于…的决定; 党中央印发的关于…的意见), and ``…条例/…规划/…纲要/…方案``
      after 落实/实施/制定/出台/修订 … (落实民营经济促进条例). A name that is also
      cited in 《》 in the same speech adds no row.

    Titles are normalised: whitespace removed, ASCII parentheses and brackets made
    full-width (``(暂行)`` → ``（暂行）``; ``[]【】`` → ``〔〕``). Adjacent titles
    ``《A》《B》`` are two references.

    Parameters
    ----------
    doc : Document or str
        The speech (raw or cleaned).

    Returns
    -------
    pandas.DataFrame
        One row per distinct normalised title and kind, sorted by first appearance, columns:

        - ``reference`` (str): the normalised title (中华人民共和国 prefix kept);
        - ``short`` (str): the title without a leading 中华人民共和国 (so
          《中华人民共和国禁毒法》 and 《禁毒法》 share ``short`` 禁毒法; they stay
          two rows, group on ``short`` to merge them);
        - ``type`` (str): from the suffix, after dropping a trailing （暂行）/（试行）…:
          法, 条例, 办法, 细则, 规定, 方案, 规划, 通知, 决定, 纲要, 计划, 决议, 报告,
          意见, 制度, 标准, 任务, 规则, 准则, 章程, 指南, 规范, 要点, 公约, 清单 …,
          else ``"其他"`` (always ``"其他"`` for media);
        - ``level`` (str): the issuing level stated in the title — ``"国家"``
          (中华人民共和国/国务院/中共中央/全国/国家…), ``"省"`` (省/全省/X省/自治区),
          ``"市"`` (市/X市/全市/州), ``"县"`` (县/区/旗, X县, 全县…), else ``""``; a law
          named without 《》 is ``"国家"``;
        - ``count`` (int): occurrences;
        - ``first_start`` (int): offset of the first ``《`` (of the name's first
          character for a document named without 《》);
        - ``kind`` (str): one of :data:`REFERENCE_KINDS`.

    Raises
    ------
    InputError
        If ``doc`` is neither a str nor a Document.

    Examples
    --------
    >>> df = references("据《人民日报》报道，各地认真落实《安全生产法》和民法典。")
    >>> df[["reference", "kind"]].values.tolist()
    [['人民日报', 'media'], ['安全生产法', 'document'], ['民法典', 'document_unbracketed']]
    """
    text = get_text(doc)
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    masked: list[tuple[int, int]] = []
    for m in _BOOK.finditer(text):
        masked.append((m.start(), m.end()))
        ref = _WS.sub("", m.group(1)).translate(_REF_TRANS)
        if not ref:
            continue
        media = _is_media(ref)
        kind = "media" if media else "document"
        row = rows.get((ref, kind))
        if row is not None:
            row["count"] += 1
            continue
        short = ref[len(_PRC):] if ref.startswith(_PRC) and len(ref) > 7 else ref
        rows[(ref, kind)] = {"reference": ref, "short": short, "type": "其他" if media else _ref_type(ref),
                             "level": "" if media else _ref_level(ref), "count": 1, "first_start": m.start(),
                             "kind": kind}
    cited = {r["reference"] for r in rows.values()} | {r["short"] for r in rows.values()}
    for s, e in _unbracketed(simplified(text), masked):
        ref = _WS.sub("", text[s:e]).translate(_REF_TRANS)
        short = ref[len(_PRC):] if ref.startswith(_PRC) and len(ref) > 7 else ref
        if ref in cited or short in cited:
            continue
        row = rows.get((ref, "document_unbracketed"))
        if row is not None:
            row["count"] += 1
            continue
        is_law = _ref_type(ref) == "法" or ref.endswith("法典")
        rows[(ref, "document_unbracketed")] = {
            "reference": ref, "short": short, "type": _ref_type(ref), "level": "国家" if is_law else _ref_level(ref),
            "count": 1, "first_start": s, "kind": "document_unbracketed"}
    out = sorted(rows.values(), key=lambda r: r["first_start"])
    return frame(out, _REFERENCE_SCHEMA)
