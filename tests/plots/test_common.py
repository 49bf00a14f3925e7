"""Tests of textmine.plots._common: text fitted by character width, heading markers, table checks."""

from __future__ import annotations

import pandas as pd
import pytest

from textmine.errors import InputError
from textmine.plots._common import _marker, _numeric, _require_frame, _shorten, _wrap


def test_shorten_counts_full_width_characters_and_drops_trailing_commas():
    assert _shorten("禁毒工作", 4) == "禁毒工作"
    assert _shorten("全面加强禁毒工作", 5) == "全面加强…"
    assert _shorten("严厉打击，毒品犯罪", 6) == "严厉打击…"
    assert _shorten("2021年禁毒工作", 5) == "2021年…"  # four digits are 2.2 ems


def test_wrap_never_starts_a_line_with_closing_punctuation():
    assert _wrap("严厉打击毒品犯罪。依法惩处", 4) == ["严厉打击", "毒品犯罪。", "依法惩处"]
    assert _wrap("严厉打击毒品犯罪。依法惩处", 4, max_lines=2) == ["严厉打击", "毒品犯…"]
    assert _wrap("", 4) == [""]


def test_marker_from_outline_path():
    assert _marker("二", 1) == "二、"
    assert _marker("二.（三）", 2) == "（三）"
    assert _marker("一.（一）.1", 3) == "1."
    assert _marker("三", None) == "三、"  # level read from the path
    assert _marker("", 0) == "" and _marker(None, 0) == ""


def test_table_checks_name_the_table_and_the_value():
    df = pd.DataFrame({"term": ["禁毒"], "count": ["很多"]})
    with pytest.raises(InputError, match=r"df is missing column\(s\) per_10k"):
        _require_frame(df, "df", ["term", "count", "per_10k"])
    with pytest.raises(InputError, match=r"df\['count'\] has value '很多'; expected numbers"):
        _numeric(df["count"], "df['count']")
