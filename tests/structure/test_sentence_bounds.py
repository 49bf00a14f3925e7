"""Issue 14: sentences are bounded, and a stray quote does not swallow a one-line text."""

from __future__ import annotations

from textmine.structure import sentence_spans
from textmine.structure.sentences import MAX_SENTENCE_CHARS, QUOTE_BOUND

CLAUSE = "各乡镇要落实属地责任，"  # 11 characters, no sentence end


def _texts(text):
    return [text[s:e] for s, e in sentence_spans(text)]


def test_long_stretch_without_sentence_end_is_cut_after_a_comma():
    text = CLAUSE * 100  # 1100 characters, no 。
    parts = _texts(text)
    assert [len(p) for p in parts] == [495, 495, 110]  # 45 clauses fit in 500
    assert all(p.endswith("，") for p in parts) and "".join(parts) == text


def test_cut_at_whitespace_then_hard_cut():
    words = "abcdefghi " * 60  # 600 chars, spaces only
    assert [len(p) for p in _texts(words)] == [499, 99]
    solid = "垃" * 1200
    assert [len(p) for p in _texts(solid)] == [500, 500, 200]


def test_stray_opening_quote_does_not_swallow_the_text():
    body = "推进垃圾分类。" * 100  # 700 characters, 100 sentences
    text = "他强调“要抓紧。" + body
    parts = _texts(text)
    assert parts[0] == "他强调“要抓紧。"
    assert parts[1:] == ["推进垃圾分类。"] * 100
    ascii_text = '他说"要抓紧。' + body
    assert _texts(ascii_text)[1:] == ["推进垃圾分类。"] * 100


def test_a_closed_quote_still_holds_its_sentence_ends():
    text = "他说：“要抓紧。要落实。”然后散会。好！"
    assert sentence_spans(text) == [(0, 18), (18, 20)]
    inner = "要落实。" * (QUOTE_BOUND // 4 - 2)  # just within the bound
    text = f"他说：“{inner}”然后散会。"
    assert _texts(text) == [text]


def test_every_sentence_is_bounded_in_a_huge_line():
    text = "“" + ("持续推进城乡环境整治，" + "x" * 40 + " ") * 2000
    spans = sentence_spans(text)
    assert max(e - s for s, e in spans) <= MAX_SENTENCE_CHARS
    assert len(spans) >= len(text) // MAX_SENTENCE_CHARS
