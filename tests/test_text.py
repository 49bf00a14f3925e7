"""textmine._text: Han ranges, full-width folding, Chinese numerals, heading markers."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from textmine._text import (ALL_HAN, CN_ORDINAL, FOLD, HAN, HAN_CHARS, HEADING_LINE, HeadingMarker, cn_decimal,
                            cn_to_int, fold, heading_marker, is_cjkish, is_han, to_halfwidth)

PKG = Path(__file__).resolve().parents[1] / "textmine"


@pytest.mark.parametrize("ch, expected", [
    ("禁", True), ("一", True), ("\u4e00", True), ("\u9fff", True), ("\u3400", True), ("\u4dbf", True),
    ("\uf900", True), ("\ufaff", True), ("\u33ff", False), ("\ua000", False), ("。", False), ("Ａ", False),
    ("a", False), ("1", False), ("", False),
])
def test_is_han(ch, expected):
    assert is_han(ch) is expected
    assert (HAN.match(ch) is not None) is expected


def test_all_han_and_the_class_body():
    assert ALL_HAN.match("禁毒工作") and not ALL_HAN.match("禁毒2021") and not ALL_HAN.match("")
    assert re.findall(f"[{HAN_CHARS}]+", "到2025年，零发生！") == ["到", "年", "零发生"]


@pytest.mark.parametrize("ch, expected", [
    ("禁", True), ("，", True), ("。", True), ("\u3000", True), ("“", True), ("’", True), ("…", True),
    ("—", True), ("％", True), (",", False), ("a", False), ("", False),
])
def test_is_cjkish(ch, expected):
    assert is_cjkish(ch) is expected


def test_no_module_defines_its_own_han_range():
    """The Han range is written once, in _text.py."""
    owners = sorted(str(p.relative_to(PKG)) for p in PKG.rglob("*.py") if "\\u4e00" in p.read_text(encoding="utf-8"))
    assert owners == ["_text.py"]


def test_fold_keeps_offsets():
    text = "２０２１年完成９５．５％，１２３个"
    assert fold(text) == "2021年完成95.5%，123个"
    assert len(fold(text)) == len(text)
    assert "Ａ，".translate(FOLD) == "Ａ，"  # letters and commas are left alone


def test_to_halfwidth():
    assert to_halfwidth("２０２１ＡＢｃ") == "2021ABc"
    assert to_halfwidth("") == ""


@pytest.mark.parametrize("s, expected", [
    ("一", 1), ("十", 10), ("十四", 14), ("二十", 20), ("二十一", 21), ("九十九", 99), ("一百", 100),
    ("一百零五", 105), ("两千", 2000), ("三万", 30000), ("一万二千", 12000), ("零", 0), ("〇", 0),
    ("12", 12), ("", 0), ("第一", 0), ("１２", 0), ("三点五", 0),
])
def test_cn_to_int(s, expected):
    assert cn_to_int(s) == expected


@pytest.mark.parametrize("s, expected", [
    ("九十", 90.0), ("九十五点五", 95.5), ("三点五", 3.5), ("点五", 0.5), ("零", 0.0), ("一百点零五", 100.05),
])
def test_cn_decimal(s, expected):
    assert cn_decimal(s) == pytest.approx(expected)


@pytest.mark.parametrize("s", ["三点x", "多少", ""])
def test_cn_decimal_not_a_number(s):
    assert math.isnan(cn_decimal(s))


@pytest.mark.parametrize("line, expected", [
    ("一、总体要求", (1, 1, 0, 2)),
    ("三．主要任务", (1, 3, 0, 2)),
    ("十二 、其他", (1, 12, 0, 4)),
    ("第二部分：主要任务", (1, 2, 0, 5)),
    ("（三）强化保障", (2, 3, 0, 3)),
    ("( 四 )完善机制", (2, 4, 0, 5)),
    ("2.压实责任", (3, 2, 0, 2)),
    ("10、健全制度", (3, 10, 0, 3)),
    ("⒊加强宣传", (3, 3, 0, 1)),
    ("（1）进村入户", (4, 1, 0, 3)),
    ("⑤排查隐患", (4, 5, 0, 1)),
    ("⑵落实经费", (4, 2, 0, 1)),
    ("\u3000\u3000（二）狠抓落实", (2, 2, 2, 5)),
])
def test_heading_marker_forms(line, expected):
    assert heading_marker(fold(line)) == HeadingMarker(*expected)


@pytest.mark.parametrize("line", [
    "一、二线城市房价平稳", "1.5亿元资金到位", "1、2月份数据", "2020年全县", "（0）无序号", "第一，要统一思想",
    "一是抓宣传", "要落实（一）", "",
])
def test_heading_marker_rejects(line):
    assert heading_marker(fold(line)) is None


def test_heading_marker_reads_a_line_inside_a_text():
    text = "前言\n１．第一项\n"
    folded = fold(text)
    assert heading_marker(folded, 3, 8) == HeadingMarker(3, 1, 3, 5)
    assert text[3:5] == "１．"
    assert heading_marker(folded, 0, 2) is None


def test_heading_line_is_the_coarse_line_test():
    for line in ["一、总体要求", "第三部分 任务", "(二)问题", "（二）问题", "3.加强", "３．加强", "（4）细化", "⑳末项",
                 "\u3000十、其他"]:
        assert HEADING_LINE.match(line), line
    for line in ["一是抓宣传", "1.5亿元", "要做到（一）", "2020年"]:
        assert not HEADING_LINE.match(line), line
    # forms only heading_marker takes
    for line in ["一．总体要求", "⒈加强", "⑴细化"]:
        assert not HEADING_LINE.match(line) and heading_marker(fold(line)) is not None, line


def test_cn_ordinal():
    assert re.fullmatch(CN_ORDINAL, "十二") and not re.fullmatch(CN_ORDINAL, "两") and not re.fullmatch(CN_ORDINAL, "")
