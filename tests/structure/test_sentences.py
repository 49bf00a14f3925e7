"""structure.sentences: the sentence splitter."""

from __future__ import annotations

import pytest

from textmine.structure import SENTENCE_COLUMNS, sentence_spans, sentences
from textmine.structure.sentences import SentenceIndex

from .helpers import assert_schema, rows


def test_sentence_spans_bad_input():
    with pytest.raises(TypeError, match="text must be a str, got int"):
        sentence_spans(5)


def test_sentences_respect_quotes_and_book_titles():
    text = "他说：“要抓紧。要落实。”然后散会。学习《关于A。B的通知》！好？对；"
    assert sentence_spans(text) == [(0, 18), (18, 31), (31, 33), (33, 35)]
    df = sentences(text)
    assert_schema(sentences, df)
    assert rows(df, list(SENTENCE_COLUMNS)) == [
        (0, 0, 18, "他说：“要抓紧。要落实。”然后散会。"),
        (1, 18, 31, "学习《关于A。B的通知》！"),
        (2, 31, 33, "好？"),
        (3, 33, 35, "对；"),
    ]


def test_sentences_half_width_line_breaks_and_whitespace():
    text = "  抓紧!落实;\nHello; world. 3.5亿元?\n\n\u3000最后一句"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "抓紧!", "落实;", "Hello; world. 3.5亿元?", "最后一句",
    ]


def test_sentences_unclosed_quote_stops_at_line_break():
    text = "他说：“要抓紧。\n下一行。再下一句。"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["他说：“要抓紧。", "下一行。", "再下一句。"]


def test_sentence_index_finds_the_sentence_of_an_offset():
    text = "要抓紧。要落实。\n\n  散会"
    idx = SentenceIndex(text)
    assert idx.spans == [(0, 4), (4, 8), (12, 14)]
    assert idx.sentence_at(0) == "要抓紧。" and idx.sentence_at(5) == "要落实。"
    assert idx.span_at(13) == (12, 14)
    assert idx.span_at(9) == (9, 9)  # an offset on an empty line: that (empty) line
    assert idx.span_at(11) == (10, 14)  # in the indentation: the rest of its line
