"""Keywords: TF-IDF, TextRank, collocations, sections, KWIC, dispersion and co-occurrence windows."""

from __future__ import annotations

import math

import pytest

import textmine as tm

# one sentence, five tokens for Tokenizer(): 禁毒委 社区戒毒 社区康复 降低 复吸率
SENT = "禁毒委统筹社区戒毒和社区康复，降低复吸率。"
TOKS = ["禁毒委", "社区戒毒", "社区康复", "降低", "复吸率"]


# ----------------------------------------------------------------------------- keywords

def test_tfidf_keywords_learn_idf_from_reference():
    ref = tm.Corpus([tm.Document("r1", "安全生产隐患排查"), tm.Document("r2", "安全生产消防")])
    doc = tm.Document("d", "禁毒委部署禁毒委工作，安全生产也要抓。")
    kw = tm.tfidf_keywords(doc, ref, tokenizer=tm.Tokenizer(cache=False))
    assert kw.term.tolist()[:2] == ["禁毒委", "安全生产"]
    row = kw.set_index("term").loc["禁毒委"]
    assert list(kw.columns) == ["term", "count", "reference_doc_freq", "idf", "tfidf"]
    assert (row["count"], row.reference_doc_freq) == (2, 0) and row.idf == pytest.approx(math.log(3 / 1) + 1)
    assert row.tfidf == pytest.approx(2 * (math.log(3) + 1))
    assert kw.set_index("term").loc["安全生产", "idf"] == pytest.approx(math.log(3 / 3) + 1)
    sub = tm.tfidf_keywords(doc, ref, tokenizer=tm.Tokenizer(cache=False), sublinear_tf=True).set_index("term")
    assert sub.loc["禁毒委", "tfidf"] == pytest.approx((1 + math.log(2)) * (math.log(3) + 1))  # 1 + ln(count)
    assert sub.loc["安全生产", "tfidf"] == pytest.approx(1.0)  # count 1: 1 + ln 1 = 1, idf ln 1 + 1 = 1


def test_textrank_and_keyphrases_on_the_speech(cleaned, tokenizer):
    tr = tm.textrank_keywords(cleaned, tokenizer=tokenizer, n=10)
    assert list(tr.columns) == ["term", "score", "count", "degree"] and tr.term.iloc[0] == "禁毒"
    assert tr.score.is_monotonic_decreasing
    kp = tm.keyphrases(cleaned, tokenizer=tokenizer, min_count=2)
    assert {"first", "second", "count", "g2", "pmi"} <= set(kp.columns) and (kp["count"] >= 2).all()
    assert {"禁毒委成员", "毒品违法犯罪"} <= set(kp.phrase)
    with pytest.raises(tm.InputError, match="measure='chi2'"):
        tm.keyphrases(cleaned, measure="chi2")


def test_keyphrase_g2_hand_computed():
    tok = tm.Tokenizer(cache=False, stopwords=())
    doc = tm.Document("d", "社区戒毒 社区康复。社区戒毒 社区康复。禁毒 宣传。")
    kp = tm.keyphrases(doc, tokenizer=tok, min_count=2).set_index("phrase")
    assert kp.index.tolist() == ["社区戒毒社区康复"]
    row = kp.loc["社区戒毒社区康复"]
    # 6 adjacent pairs (the 。 ends count): O11 = 2, R1 = C1 = 2, so O12 = O21 = 0, O22 = 4;
    # E11 = 2·2/6, E22 = 4·4/6 → G² = 2(2 ln 3 + 4 ln 1.5); PMI = log2(2·6 / (2·2)) = log2 3
    assert row["count"] == 2
    assert row.g2 == pytest.approx(2 * (2 * math.log(3) + 4 * math.log(1.5)))
    assert row.pmi == pytest.approx(math.log2(3))


def test_section_keywords_kwic_dispersion_cooccurrence(cleaned, tokenizer):
    sk = tm.section_keywords(cleaned, level=1, tokenizer=tokenizer)
    assert sk.path.tolist() == ["", "一", "二", "三"] and (sk.n_tokens > 0).all()
    assert "防范力" not in sk.terms.iloc[1]
    k = tm.kwic(cleaned, "禁种铲毒", width=6)
    assert k.keyword.tolist() == ["禁种铲毒"] and k.path.tolist() == ["二.（二）"] and k.left.iloc[0] == "继续深入抓好"
    disp = tm.dispersion(cleaned, ["禁毒法", "志愿者"])
    assert disp.groupby("term").size().to_dict() == {"志愿者": 2, "禁毒法": 2}
    assert disp.rel_pos.between(0, 1).all() and list(disp.attrs["sections"].columns)[:3] == ["path", "title", "rel_start"]
    edges = tm.cooccurrence(cleaned, n_terms=15, tokenizer=tokenizer)
    assert list(edges.columns) == ["source", "target", "weight"] and len(edges.attrs["counts"]) == 15
    assert edges.weight.is_monotonic_decreasing


def _pairs(edges) -> dict[frozenset, int]:
    return {frozenset((a, b)): w for a, b, w in zip(edges.source, edges.target, edges.weight)}


def test_cooccurrence_window_counts_tokens_at_most_window_minus_one_apart():
    tok = tm.Tokenizer(cache=False)
    assert tok.tokenize(SENT) == TOKS
    two = _pairs(tm.cooccurrence(SENT, window=2, tokenizer=tok))
    assert two == {frozenset(p): 1 for p in zip(TOKS, TOKS[1:])}  # neighbours only
    three = _pairs(tm.cooccurrence(SENT, window=3, tokenizer=tok))
    assert three == {frozenset(p): 1 for p in list(zip(TOKS, TOKS[1:])) + list(zip(TOKS, TOKS[2:]))}
    assert len(_pairs(tm.cooccurrence(SENT, window=5, tokenizer=tok))) == 10  # all pairs of 5
    # windows never cross a sentence end: 复吸率 (end of the first) and 禁毒委 (start of the second) do not meet
    both = _pairs(tm.cooccurrence(SENT + "禁毒委督促社区戒毒。", window=2, tokenizer=tok))
    assert both[frozenset(("禁毒委", "社区戒毒"))] == 2 and frozenset(("复吸率", "禁毒委")) not in both
    top = tm.cooccurrence(SENT, n_terms=2, window=5, tokenizer=tok)
    assert top.attrs["counts"] == {"复吸率": 1, "社区康复": 1} and len(top) == 1  # ties broken by term
    with pytest.warns(DeprecationWarning, match=r"cooccurrence\(n=...\) is deprecated; use n_terms="):
        assert tm.cooccurrence(SENT, n=2, window=5, tokenizer=tok).equals(top)
    with pytest.raises(tm.InputError, match="window=1: expected a whole number >= 2"):
        tm.cooccurrence(SENT, window=1, tokenizer=tok)


def test_textrank_window_links_tokens_within_the_window():
    tok = tm.Tokenizer(cache=False)
    two = tm.textrank_keywords(SENT, window=2, tokenizer=tok).set_index("term")
    assert two.degree.to_dict() == {"禁毒委": 1, "社区戒毒": 2, "社区康复": 2, "降低": 2, "复吸率": 1}
    three = tm.textrank_keywords(SENT, window=3, tokenizer=tok).set_index("term")
    assert three.degree.to_dict() == {"禁毒委": 2, "社区戒毒": 3, "社区康复": 4, "降低": 3, "复吸率": 2}
    assert three.index[0] == "社区康复"  # the middle token has the most links


def test_kwic_width_is_in_characters_and_window_is_deprecated():
    k = tm.kwic(SENT, "社区康复", width=3)
    assert (k.left.iloc[0], k.right.iloc[0]) == ("社区戒毒和"[-3:], "，降低")
    with pytest.warns(DeprecationWarning, match=r"kwic\(window=...\) is deprecated; use width="):
        assert tm.kwic(SENT, "社区康复", window=3).equals(k)


def test_section_keywords_n_terms_per_section():
    tok = tm.Tokenizer(cache=False)
    text = "一、禁毒\n禁毒委统筹社区戒毒和社区康复。\n二、安全\n安全生产要排查隐患，隐患整改要到位。"
    sk = tm.section_keywords(text, level=1, n_terms=2, tokenizer=tok)
    assert sk.path.tolist() == ["一", "二"] and sk.n_tokens.tolist() == [4, 7]  # the headings' words count too
    # each term is in one section (same IDF): count first (隐患 twice), then code-point order breaks ties
    assert sk.terms.tolist() == ["社区康复、社区戒毒", "隐患、到位"]
    with pytest.warns(DeprecationWarning, match=r"section_keywords\(n=...\) is deprecated"):
        assert tm.section_keywords(text, level=1, n=2, tokenizer=tok).equals(sk)
