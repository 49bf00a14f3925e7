"""Every extractor on arbitrary, marker-heavy and mutated text (hypothesis), and on the real corpora.

The corpus runs print their counts and time (visible with -s); they assert no timing.
"""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textmine.structure import (duties, enumerations, formulas, outline, references, sentence_spans,
                                sentences, targets)

from .helpers import ALL_FUNCS, CORPORA, ROOT, SEED, SPEECH12, assert_schema, assert_tiles


MARKER_TOKENS = [
    "一、", "二、", "三、", "十一、", "第一部分", "（一）", "(二)", "（三）", "1.", "2、", "３．", "1.5亿元",
    "2020年,", "（1）", "(2)", "①", "②", "⑴", "⒈", "\n", "\r\n", "\u3000", " ", "一是", "二是", "三是", "一要",
    "二要", "第一", "第二，", "首先", "其次", "最后，", "一方面", "另一方面", "“", "”", "「", "」", '"',
    "《", "》", "《禁毒法》", "、", "，", ",", "。", "！", "？", ";", "；", "!", "?", "公、检、法", "公检法司",
    "等部门", "要", "负责", "妇联", "团委", "零", "零产量", "%", "％", "百分之", "九十", "到2025年",
    "年底前", "年内", "万", "亿元", "个", "四个注重", "两个维护", "禁毒", "工作", "X市", "全省", "条例",
]


CJK_ALPHABET = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E5F)


ANY_TEXT = st.text(
    alphabet=st.one_of(st.characters(blacklist_categories=("Cs",)), CJK_ALPHABET,
                       st.sampled_from(list("一二三四五六七八九十（）()、，。；！？“”《》\n\u30000123456789.．%零是要第"))),
    max_size=300,
)


MARKER_TEXT = st.lists(st.one_of(st.sampled_from(MARKER_TOKENS), st.text(CJK_ALPHABET, max_size=4)),
                       max_size=80).map("".join)


FAST = settings(max_examples=1000, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


SLOW = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check_everything(text: str) -> None:
    out = {}
    for func in ALL_FUNCS:
        df = out[func] = func(text)
        assert_schema(func, df)
        starts = df["start" if "start" in df.columns else "first_start"].to_numpy()
        assert ((starts >= 0) & (starts < max(len(text), 1))).all(), func.__name__
    assert_tiles(text, out[outline])
    spans = sentence_spans(text)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        last = e
    en = out[enumerations]
    for s, e, m in zip(en["start"].tolist(), en["end"].tolist(), en["marker"].tolist()):
        assert s <= e <= len(text) and text[s:e].startswith(m)
    refs = out[references]
    assert all(c >= 1 and text[s] == "《" for c, s in zip(refs["count"].tolist(), refs["first_start"].tolist()))
    fo = out[formulas]
    assert all(n == len(p) >= 1 for n, p in zip(fo["n_parts"].tolist(), fo["parts"].tolist()))
    assert (fo["count"].to_numpy() >= 1).all()


@FAST
@given(ANY_TEXT)
def test_property_arbitrary_text(text):
    check_everything(text)


@FAST
@given(MARKER_TEXT)
def test_property_marker_heavy_text(text):
    check_everything(text)


BASE_SPEECH = SEED if SEED is not None else SPEECH12 * 3


BASE_LINES = BASE_SPEECH.splitlines(keepends=True)


@st.composite
def mutated_speech(draw):
    lines = list(BASE_LINES)
    for _ in range(draw(st.integers(0, 12))):
        op = draw(st.sampled_from(["del_line", "dup_line", "ins_line", "del_chars", "ins_chars", "swap"]))
        if not lines:
            lines.append(draw(MARKER_TEXT))
            continue
        i = draw(st.integers(0, len(lines) - 1))
        if op == "del_line":
            del lines[i]
        elif op == "dup_line":
            lines.insert(i, lines[i])
        elif op == "ins_line":
            lines.insert(i, draw(st.one_of(MARKER_TEXT, ANY_TEXT)) + "\n")
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            line = lines[i]
            a = draw(st.integers(0, len(line)))
            b = draw(st.integers(a, min(len(line), a + 20)))
            lines[i] = line[:a] + (draw(st.sampled_from(MARKER_TOKENS)) if op == "ins_chars" else "") + line[b:]
    return "".join(lines)


@SLOW
@given(mutated_speech())
def test_property_mutated_speech(text):
    check_everything(text)


def _run_all(name: str, text: str) -> None:
    o = outline(text)
    assert_tiles(text, o)
    refs = references(text)
    for func in (enumerations, formulas, targets, duties, sentences):
        assert_schema(func, func(text))
    print(f"{name}: {len(o)} segments, {len(refs)} references")


def test_project_corpus_runs():
    files = sorted((ROOT / "data" / "corpus").glob("*.txt"))
    if not files:
        pytest.skip(f"no speeches in {ROOT / 'data' / 'corpus'} yet")
    t0 = time.perf_counter()
    for p in files:
        _run_all(p.name, p.read_text(encoding="utf-8"))
    print(f"{len(files)} speeches in {time.perf_counter() - t0:.1f} s")


def test_shared_corpora_run():
    gwr = sorted((CORPORA / "textworkshop17-gwr").glob("*.txt"))
    jsonl = sorted((CORPORA / "wikisource-gwr-cpc").glob("*.jsonl"))
    if not gwr and not jsonl:
        pytest.skip(f"needs the real work reports in {CORPORA} (absent in a user's clone)")
    t0 = time.perf_counter()
    n = 0
    for p in gwr:
        _run_all(p.name, p.read_text(encoding="utf-8"))
        n += 1
    for p in jsonl:
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                _run_all(f"{p.name}#{i}", json.loads(line)["content"])
                n += 1
    assert n > 0
    print(f"{n} texts in {time.perf_counter() - t0:.1f} s")
