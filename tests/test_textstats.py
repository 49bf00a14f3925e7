"""Summary statistics: MTLD on a hand-computed list, the statistics of a handwritten text, percentiles."""

from __future__ import annotations

import math

import pytest

import textmine as tm
from textmine.errors import InputError
from textmine.textstats import TEXTSTATS_COLUMNS, ttr


def test_mtld_hand_computed():
    # forward:  禁毒 | 禁毒 → TTR 1/2 ≤ 0.72: factor 1; 宣传 打击 戒毒 宣传 → TTR 3/4 = 0.75 left over:
    #           partial (1 − 0.75) / (1 − 0.72) = 25/28; MTLD = 6 / (1 + 25/28) = 168/53
    # backward: 宣传 戒毒 打击 宣传 (3/4) 禁毒 (4/5) 禁毒 (4/6 ≤ 0.72): factor 1, nothing left; MTLD = 6
    tokens = ["禁毒", "禁毒", "宣传", "打击", "戒毒", "宣传"]
    assert tm.mtld(tokens) == pytest.approx((168 / 53 + 6) / 2)
    assert tm.mtld(tokens) == pytest.approx(243 / 53)


def test_mtld_edges():
    assert math.isnan(tm.mtld([]))
    assert math.isnan(tm.mtld(["禁毒", "宣传", "打击"]))  # no repeat: no factor forms
    assert tm.mtld(["要"] * 10) == pytest.approx(2.0)  # a factor every 2 tokens (TTR 1/2)
    # forward: 禁毒 禁毒 (1/2 ≤ 0.5) one factor, 宣传 left (TTR 1, partial 0): 3 / 1
    # backward: 宣传 禁毒 禁毒 (2/3) left: partial (1 − 2/3) / 0.5 = 2/3: 3 / (2/3) = 4.5
    assert tm.mtld(["禁毒", "禁毒", "宣传"], threshold=0.5) == pytest.approx((3 + 4.5) / 2)
    with pytest.raises(InputError, match="threshold=1"):
        tm.mtld(["禁毒"], threshold=1)
    with pytest.raises(InputError, match="tokens is a str"):
        tm.mtld("禁毒宣传")
    assert ttr(["禁毒", "禁毒", "宣传", "打击"]) == 0.75


def test_textstats_of_a_handwritten_text():
    text = "同志们，要认真做好禁毒宣传。要加强禁毒宣传！"
    tok = tm.Tokenizer()
    assert tok.segment(text) == ["同志们", "，", "要", "认真", "做好", "禁毒宣传", "。", "要", "加强", "禁毒宣传", "！"]
    out = tm.textstats(tm.Document.from_text(text, doc_id="t"), tokenizer=tok)
    assert list(out.columns) == ["doc_id"] + TEXTSTATS_COLUMNS
    row = out.iloc[0]
    assert (row.n_chars, row.n_tokens, row.n_types, row.n_sentences) == (19, 8, 6, 2)
    assert row.mean_sentence_chars == 9.5 and row.mean_sentence_tokens == 4.0
    assert row.ttr == pytest.approx(6 / 8)
    # officialese (layer 2): 同志们, 认真, 做好, 加强 -> 4 of the 8 running tokens (punctuation is not one)
    assert row.officialese_share == pytest.approx(4 / 8)
    running = ["同志们", "要", "认真", "做好", "禁毒宣传", "要", "加强", "禁毒宣传"]
    assert row.mtld == pytest.approx(tm.mtld(running))


def test_percentiles_against_the_corpus():
    from scipy.stats import percentileofscore

    ref = tm.Corpus([tm.Document.from_text("要加强宣传。", doc_id="a"),
                     tm.Document.from_text("要加强宣传。要落实责任。要强化考核。", doc_id="b"),
                     tm.Document.from_text("禁毒。", doc_id="c")])
    target = tm.Document.from_text("要加强宣传。要落实责任。", doc_id="t")
    out = tm.textstats_percentiles(target, ref)
    assert out.measure.tolist() == TEXTSTATS_COLUMNS
    m = out.set_index("measure")
    assert m.loc["n_sentences", "target"] == 2
    assert m.loc["n_sentences", "percentile"] == percentileofscore([1, 3, 1], 2, kind="mean")
    assert (m.loc["n_sentences", "reference_min"], m.loc["n_sentences", "reference_median"],
            m.loc["n_sentences", "reference_max"]) == (1, 1, 3)
    assert m.loc["n_chars", "n_reference"] == 3
    with pytest.warns(UserWarning, match="also in the reference"):
        tm.textstats_percentiles(target, tm.Corpus([target, *ref]))
    with pytest.raises(InputError, match="expected one speech"):
        tm.textstats_percentiles(ref, ref)
    with pytest.raises(InputError, match="lacks column"):
        tm.textstats_percentiles(target, tm.textstats(ref).drop(columns="mtld"))


def test_bundled_speech_against_the_corpus(cleaned, corpus):
    out = tm.textstats_percentiles(cleaned, tm.clean(corpus)).set_index("measure")
    assert out.loc["n_chars", "target"] == cleaned.n_chars
    assert 0 <= out.percentile.min() and out.percentile.max() <= 100
    assert out.loc["mtld", "target"] > 0
