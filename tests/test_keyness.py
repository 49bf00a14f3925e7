"""Keyness and peer keyness: hand-computed statistics, directions, ties, min_count, the tokenizer of a Dtm side."""

from __future__ import annotations

import numpy as np
import pytest

import textmine as tm
from textmine.keyness import keyness_table
from textmine.tokenize import load_stopwords


# ----------------------------------------------------------------------------- keyness

def test_keyness_matches_hand_computed_table():
    out = keyness_table(np.array([10, 0, 5]), np.array([5, 10, 5]), ["x", "y", "z"]).set_index("term")
    assert out.index.tolist() == ["x", "z", "y"]  # over-used first, under-used last
    # computed by hand over each term's full 2×2 table (target/reference × term/other terms):
    # G² = 2Σ O ln(O/E) over the four cells, χ² = Σ (O−E)²/E, the two-cell log-likelihood
    # 2(a ln(a/E11) + b ln(b/E21)); Hardie log2 ratio (0.5 for a zero); MCQ z with α = pooled counts
    exp = {
        "x": (10, 5, 6666.666667, 2500.0, 6.214736, 0.012669, 1.415037, 1.865386, 6.076389, 3.44669),
        "y": (0, 10, 0.0, 5000.0, -14.152984, 0.000169, -3.906891, -2.134475, -10.5, -11.192316),
        "z": (5, 5, 3333.333333, 2500.0, 0.29004, 0.590195, 0.415037, 0.365691, 0.291667, 0.206193),
    }
    for term, (a, b, ra, rb, g2, p, lr, z, chi2, ll2) in exp.items():
        row = out.loc[term]
        assert (row.n_target, row.n_reference) == (a, b)
        assert row.per_10k_target == pytest.approx(ra) and row.per_10k_reference == pytest.approx(rb)
        assert row.g2 == pytest.approx(g2, abs=1e-5) and row.p == pytest.approx(p, abs=1e-6)
        assert row.log_ratio == pytest.approx(lr, abs=1e-6) and row.z_logodds == pytest.approx(z, abs=1e-6)
        assert row.chi2 == pytest.approx(chi2, abs=1e-5) and row.ll_2cell == pytest.approx(ll2, abs=1e-5)


def test_keyness_aligns_vocabularies_and_directions():
    t = tm.Dtm.from_tokens([["禁毒", "禁毒", "戒毒"]], ["t"])
    r = tm.Dtm.from_tokens([["安全生产", "禁毒"], ["安全生产"]], ["r1", "r2"])
    k = tm.keyness(t, r)
    assert list(k.columns) == ["term", "n_target", "n_reference", "per_10k_target", "per_10k_reference",
                               "g2", "p", "log_ratio", "z_logodds", "chi2", "ll_2cell"]
    assert k.term.tolist() == ["戒毒", "禁毒", "安全生产"]
    assert k.n_reference.tolist() == [0, 1, 2]
    assert tm.keyness(t, r, direction="over").term.tolist() == ["戒毒", "禁毒"]
    assert tm.keyness(t, r, direction="under").term.tolist() == ["安全生产"]
    assert tm.keyness(t, r, min_count=2).term.tolist() == ["禁毒", "安全生产"]  # 戒毒: 1 use in all
    with pytest.warns(UserWarning, match="also in the reference"):
        tm.keyness(t, tm.Dtm.from_tokens([["禁毒"], ["安全"]], ["t", "r"]))


def test_keyness_under_lists_the_strongest_under_use_first():
    t = tm.Dtm.from_tokens([["禁毒"] * 6 + ["社区"] * 2 + ["安全生产"]], ["t"])
    r = tm.Dtm.from_tokens([["安全生产"] * 12 + ["消防"] * 4 + ["隐患"] + ["禁毒"] * 2 + ["社区"] * 3], ["r"])
    under = tm.keyness(t, r, direction="under")
    # 安全生产: 1 of 9 tokens against 12 of 22; 消防: 0 against 4; 隐患: 0 against 1
    assert under.term.tolist() == ["安全生产", "消防", "隐患"]
    assert under.g2.is_monotonic_increasing and (under.g2 < 0).all()
    over = tm.keyness(t, r, direction="over")
    assert over.term.tolist() == ["禁毒", "社区"] and over.g2.is_monotonic_decreasing
    both = tm.keyness(t, r)
    assert both.term.tolist() == ["禁毒", "社区", "隐患", "消防", "安全生产"]  # over first, under last


def test_keyness_rejects_bad_input():
    t = tm.Dtm.from_tokens([["禁毒"]], ["t"])
    with pytest.raises(tm.InputError, match="reference is a dict; expected a Dtm, a Document, a str, a Corpus or a list"):
        tm.keyness(t, {})
    with pytest.raises(tm.InputError, match="direction='up'"):
        tm.keyness(t, t, direction="up")
    with pytest.raises(tm.InputError, match="target has no tokens"):
        tm.keyness(tm.Document.from_text("的了和"), tm.Corpus([tm.Document.from_text("禁毒工作")]))


def test_peer_keyness_places_target_within_peers():
    t = tm.Dtm.from_tokens([["禁毒"] * 6 + ["社区"] * 4], ["t"])
    peers = tm.Dtm.from_tokens([["禁毒"] * 2 + ["社区"] * 8, ["禁毒"] * 4 + ["社区"] * 6, ["禁毒"] * 5 + ["社区"] * 5],
                               ["p1", "p2", "p3"])
    out = tm.peer_keyness(t, peers, min_count=1).set_index("term")
    # rates per 10k: target 禁毒 6000; peers 2000, 4000, 5000 → mean 3666.67, sd 1527.53
    assert out.loc["禁毒", "percentile"] == 100.0
    assert out.loc["禁毒", "peer_mean"] == pytest.approx(11000 / 3)
    assert out.loc["禁毒", "z"] == pytest.approx((6000 - 11000 / 3) / np.std([2000, 4000, 5000], ddof=1))
    assert out.loc["社区", "percentile"] == 0.0 and out.index[0] == "禁毒"
    with pytest.raises(tm.InputError, match="peers has 1 document"):
        tm.peer_keyness(t, peers.select(["p1"]))


def test_peer_keyness_counts_ties_half_and_keeps_min_count():
    t = tm.Dtm.from_tokens([["禁毒"] * 4 + ["社区"] * 5 + ["宣传"]], ["t"])
    peers = tm.Dtm.from_tokens([["禁毒"] * 2 + ["社区"] * 8, ["禁毒"] * 4 + ["社区"] * 6, ["禁毒"] * 5 + ["社区"] * 5],
                               ["p1", "p2", "p3"])
    out = tm.peer_keyness(t, peers).set_index("term")  # min_count=2: 宣传 (used once) is left out
    assert sorted(out.index) == ["社区", "禁毒"]
    # 禁毒 at 4000 per 10k: one peer below (2000), one tied (4000) → (1 + 0.5) / 3
    assert out.loc["禁毒", "percentile"] == pytest.approx(50.0)
    # 社区 at 5000: no peer below (8000, 6000), one tied (5000) → 0.5 / 3
    assert out.loc["社区", "percentile"] == pytest.approx(100 / 6)
    assert out.loc["禁毒", "n_peers_using"] == 3
    low = tm.peer_keyness(t, peers, min_count=1).set_index("term")
    assert sorted(low.index) == ["宣传", "社区", "禁毒"]
    assert low.loc["宣传", "percentile"] == 100.0 and np.isnan(low.loc["宣传", "z"])  # no peer uses it
    assert tm.peer_keyness(t, peers, min_count=5).term.tolist() == ["社区"]


OFFICIALESE = {"工作", "加强", "进一步", "领导", "部门", "全市", "切实", "认真", "推进", "落实", "各级", "同志们"}
# anti-drug work: any term naming drugs (毒) or these actions and concerns of drug control
DRUG_CONTEXT = {"禁绝", "流入", "蔓延", "截断", "大案", "诱发", "社会化", "违法犯罪", "堵源截流", "吸毒",
                "复吸率", "戒断", "禁种铲毒", "协作", "考评", "娱乐场所"}


def test_acceptance_top_keyness_terms_are_anti_drug_topic_terms(cleaned, ccorpus, tokenizer):
    top = tm.keyness(cleaned, ccorpus, tokenizer=tokenizer).head(20)
    terms = top.term.tolist()
    print(top[["term", "n_target", "n_reference", "g2", "ll_2cell", "log_ratio", "z_logodds"]].to_string())
    assert not set(terms) & OFFICIALESE
    assert not set(terms) & load_stopwords("officialese")
    drug = [t for t in terms if "毒" in t or t in DRUG_CONTEXT]
    assert terms[:3] == ["禁毒", "毒品", "禁毒委"]
    assert len(drug) >= 14, terms


# ----------------------------------------------------------------------------- one tokenizer on both sides

def test_keyness_tokenizes_the_text_side_with_the_dtms_tokenizer():
    keep = tm.Tokenizer(cache=False, stopwords=("function",))  # keeps officialese such as 工作
    ref = tm.Dtm.from_corpus([tm.Document("r1", "加强安全生产工作。"), tm.Document("r2", "做好消防工作。")], tokenizer=keep)
    speech = tm.Document("s", "加强禁毒工作，禁毒工作要抓实。")
    k = tm.keyness(speech, ref).set_index("term")
    assert k.loc["工作", "n_target"] == 2 and k.loc["禁毒", "n_target"] == 2 and k.loc["加强", "n_target"] == 1
    assert k.loc["工作", "n_reference"] == 1
    pk = tm.peer_keyness(speech, ref).set_index("term")
    assert pk.loc["工作", "n_target"] == 2


def test_keyness_of_the_speech_against_a_dtm_of_another_tokenizer(cleaned, ccorpus, tokenizer):
    keep = tm.Tokenizer(stopwords=("function",))
    ref = tm.Dtm.from_corpus(ccorpus, tokenizer=keep)
    k = tm.keyness(cleaned, ref).set_index("term")
    # before, the speech was tokenized with Tokenizer(), which drops 工作: n_target 0, "under-used"
    assert k.loc["工作", "n_target"] == keep.tokenize(cleaned).count("工作") == 52
    assert "工作" in load_stopwords("officialese")
    with pytest.raises(tm.InputError, match=rf"tokenizer is Tokenizer\(\) \(fingerprint {tokenizer.fingerprint}\) but "
                                            rf"reference was built with Tokenizer\(stopwords=\('function',\)\) "
                                            rf"\(fingerprint {keep.fingerprint}\)"):
        tm.keyness(cleaned, ref, tokenizer=tokenizer)
    speech_dtm = tm.Dtm.from_corpus(cleaned, tokenizer=tokenizer)
    with pytest.raises(tm.InputError, match=rf"target was built with .*{tokenizer.fingerprint}.* but reference was "
                                            rf"built with .*{keep.fingerprint}"):
        tm.keyness(speech_dtm, ref)
