"""Document and Corpus: validation, ids, frames, filters, with_meta, count_cjk."""

from __future__ import annotations

import pytest

import textmine as tm
from textmine.corpus import count_cjk


def test_corpus_frame_filter_and_errors():
    c = tm.Corpus([tm.Document("a", "禁毒工作", meta={"area": "禁毒"}),
                   tm.Document("b", "安全生产", meta={"area": "安全"})])
    df = c.to_frame()
    assert list(df.columns) == ["doc_id", "title", "area", "source", "n_chars", "text"]
    assert df.n_chars.tolist() == [4, 4]
    assert c.filter(area="禁毒").ids == ["a"]
    assert c.drop("a").ids == ["b"]
    with pytest.raises(tm.InputError, match="duplicate doc_id 'a'"):
        tm.Corpus([tm.Document("a", "x"), tm.Document("a", "y")])
    with pytest.raises(KeyError, match="no document with doc_id 'z'"):
        c["z"]


def test_document_validates_and_hashes_ids():
    d = tm.Document.from_text("禁毒")
    assert d.doc_id == tm.Document.from_text("禁毒").doc_id and d.doc_id.startswith("doc-")
    with pytest.raises(tm.InputError, match="text must be a str, got int"):
        tm.Document("x", 5)
    assert count_cjk("X市2021年禁毒") == 4
    assert count_cjk("𠀾𪚥𫝀") == 3  # Extensions B, B, C


def test_with_meta_coerces_like_every_source():
    d = tm.Document("t", "禁毒工作会议讲话", title="讲话", meta={"year": 2020, "level": "县", "place": "青峰县"})
    e = d.with_meta(title="在全市禁毒工作会议上的讲话", policy_area="禁毒", year="２０２１年", level=None, place="")
    assert e.title == "在全市禁毒工作会议上的讲话" and e.text == d.text and e.doc_id == "t"
    assert e.meta == {"year": 2021, "level": "县", "policy_area": "禁毒"}  # None keeps, blank removes
    assert d.meta["year"] == 2020  # the original is unchanged
    with pytest.raises(tm.InputError, match=r"year '十四五' is not a year"):
        d.with_meta(year="十四五")
