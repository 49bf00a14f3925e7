"""Input handling shared by every extractor (structure._frame): what a document is, empty input, schemas."""

from __future__ import annotations

import pandas as pd
import pytest

from textmine.errors import InputError
from textmine.structure._frame import frame, get_text, iter_lines

from .helpers import ALL_FUNCS, SPEECH12, assert_schema


@pytest.mark.parametrize("func", ALL_FUNCS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("bad", [123, None, b"\xe4\xb8\x80", ["一、标题"]], ids=["int", "None", "bytes", "list"])
def test_bad_input_raises_type_error(func, bad):
    pattern = rf"doc must be a str or a textmine\.corpus\.Document.*got {type(bad).__name__}"
    with pytest.raises(TypeError, match=pattern):
        func(bad)


@pytest.mark.parametrize("func", ALL_FUNCS, ids=lambda f: f.__name__)
def test_empty_input_gives_empty_frame_with_schema(func):
    df = func("")
    assert df.empty
    assert_schema(func, df)


@pytest.mark.parametrize("func", ALL_FUNCS, ids=lambda f: f.__name__)
def test_document_input_same_as_str(func):
    corpus = pytest.importorskip("textmine.corpus")
    text = SPEECH12 + "公、检、法等部门要依法严惩犯罪；确保“零种植”，落实《禁毒法》。一是抓宣传。二是抓排查。"
    doc = corpus.Document(doc_id="d1", text=text, title="t")
    a, b = func(doc), func(text)
    pd.testing.assert_frame_equal(a, b)
    assert_schema(func, a)
    assert len(a) > 0


def test_frame_keeps_tuples_and_dtypes():
    schema = {"bodies": "object", "duty": "str", "start": "int64", "value": "float64", "number": "Int64"}
    df = frame([{"bodies": ("公安", "法院"), "duty": "严惩犯罪", "start": 3, "value": 0.5, "number": None},
                {"bodies": ("妇联",), "duty": "做好宣传", "start": 9, "value": 2.0, "number": 4}], schema)
    assert list(df.columns) == list(schema)
    assert df["bodies"].tolist() == [("公安", "法院"), ("妇联",)]  # not unpacked into a 2-D array
    assert [str(t) for t in df.dtypes] == ["object", "str", "int64", "float64", "Int64"]
    assert df["number"].isna().tolist() == [True, False]


def test_frame_of_no_rows_has_the_schema():
    df = frame([], {"start": "int64", "text": "str"})
    assert df.empty and list(df.columns) == ["start", "text"]
    assert [str(t) for t in df.dtypes] == ["int64", "str"]


def test_get_text_takes_str_document_or_anything_with_a_str_text():
    from textmine.corpus import Document

    class Page:
        text = "二是抓排查。"

    assert get_text("一是抓宣传。") == "一是抓宣传。"
    assert get_text(Document(doc_id="d", text="要压实责任。")) == "要压实责任。"
    assert get_text(Page()) == "二是抓排查。"
    Page.text = None
    with pytest.raises(InputError, match=r"speech must be a str or a textmine\.corpus\.Document .*got Page"):
        get_text(Page(), "speech")


def test_iter_lines_gives_line_ends_with_and_without_the_break():
    text = "一、总体要求\r\n（一）指导思想\u2028末行"
    assert list(iter_lines(text)) == [(0, 6, 8), (8, 15, 16), (16, 18, 18)]
    assert list(iter_lines("")) == []
    assert list(iter_lines("只有一行\n")) == [(0, 4, 5)]
