"""References: laws, regulations and documents cited in 《…》, with their type and issuing level."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from .._text import is_han
from ._frame import TextLike, frame, get_text

__all__ = ["references", "REFERENCE_COLUMNS"]

_REFERENCE_SCHEMA = {
    "reference": "str", "short": "str", "type": "str", "level": "str",
    "count": "int64", "first_start": "int64",
}
REFERENCE_COLUMNS = tuple(_REFERENCE_SCHEMA)

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


def references(doc: TextLike) -> pd.DataFrame:
    """Find the laws, regulations and documents cited in 《…》.

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
        One row per distinct normalised title, sorted by first appearance, columns:

        - ``reference`` (str): the normalised title (中华人民共和国 prefix kept);
        - ``short`` (str): the title without a leading 中华人民共和国 (so
          《中华人民共和国禁毒法》 and 《禁毒法》 share ``short`` 禁毒法; they stay
          two rows, group on ``short`` to merge them);
        - ``type`` (str): from the suffix, after dropping a trailing （暂行）/（试行）…:
          法, 条例, 办法, 细则, 规定, 方案, 规划, 通知, 决定, 纲要, 计划, 决议, 报告,
          意见, 制度, 标准, 任务, 规则, 准则, 章程, 指南, 规范, 要点, 公约, 清单 …,
          else ``"其他"``;
        - ``level`` (str): the issuing level stated in the title — ``"国家"``
          (中华人民共和国/国务院/中共中央/全国/国家…), ``"省"`` (省/全省/X省/自治区),
          ``"市"`` (市/X市/全市/州), ``"县"`` (县/区/旗, X县, 全县…), else ``""``;
        - ``count`` (int): occurrences;
        - ``first_start`` (int): offset of the first ``《``.

    Raises
    ------
    InputError
        If ``doc`` is neither a str nor a Document.
    """
    text = get_text(doc)
    rows: dict[str, dict[str, Any]] = {}
    for m in _BOOK.finditer(text):
        ref = _WS.sub("", m.group(1)).translate(_REF_TRANS)
        if not ref:
            continue
        row = rows.get(ref)
        if row is not None:
            row["count"] += 1
            continue
        short = ref[len("中华人民共和国"):] if ref.startswith("中华人民共和国") and len(ref) > 7 else ref
        rows[ref] = {"reference": ref, "short": short, "type": _ref_type(ref), "level": _ref_level(ref),
                     "count": 1, "first_start": m.start()}
    return frame(list(rows.values()), _REFERENCE_SCHEMA)
