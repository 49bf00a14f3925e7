"""Themes: Dtm, keywords, keyness, topics, similarity and text reuse — exact small cases and acceptance."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

import textmine as tm
from textmine.keyness import keyness_table
from textmine.tokenize import load_stopwords

TOKENS = [["禁毒", "社区戒毒", "禁毒"], ["安全生产", "禁毒"], ["安全生产", "隐患", "隐患", "隐患"]]
DOCS = pd.DataFrame({"policy_area": ["禁毒", "禁毒", "安全生产"], "year": [2020, 2021, 2021]},
                    index=pd.Index(["a", "b", "c"], name="doc_id"))


# ----------------------------------------------------------------------------- Dtm

def test_dtm_counts_and_operations():
    d = tm.Dtm.from_tokens(TOKENS, DOCS)
    assert d.vocab == ("安全生产", "社区戒毒", "禁毒", "隐患")
    assert d.to_frame().to_numpy().tolist() == [[0, 1, 2, 0], [1, 0, 1, 0], [1, 0, 0, 3]]
    assert d.trim(min_df=2).vocab == ("安全生产", "禁毒")
    assert d.trim(min_count=3).vocab == ("禁毒", "隐患")
    assert d.trim(max_df=0.5).vocab == ("社区戒毒", "隐患")
    m = d.match(["隐患", "火灾", "禁毒"])
    assert m.vocab == ("隐患", "火灾", "禁毒") and m.to_frame().to_numpy().tolist() == [[0, 0, 2], [0, 0, 1], [3, 0, 0]]
    g = d.group("policy_area")
    assert g.doc_ids == ["安全生产", "禁毒"] and g.to_frame().to_numpy().tolist() == [[1, 0, 0, 3], [1, 1, 3, 0]]
    assert g.docs["n_docs"].tolist() == [1, 2]
    assert d.select(["c", "a"]).doc_ids == ["c", "a"]
    assert d.top_terms(2)["term"].tolist() == ["禁毒", "隐患"]
    bi = tm.Dtm.from_tokens(TOKENS, DOCS, ngram_range=(1, 2))
    assert "禁毒 社区戒毒" in bi.vocab and "隐患 隐患" in bi.vocab


def test_dtm_checks_its_arguments():
    d = tm.Dtm.from_tokens(TOKENS, DOCS)
    with pytest.raises(tm.InputError, match=r"by='area' is not a metadata column; columns are \['policy_area', 'year'\]"):
        d.group("area")
    with pytest.raises(tm.InputError, match=r"min_df=1.5: a float is a proportion"):
        d.trim(min_df=1.5)
    with pytest.raises(tm.InputError, match="docs has 2 rows but tokens has 3 documents"):
        tm.Dtm.from_tokens(TOKENS, DOCS.iloc[:2])
    with pytest.raises(tm.InputError, match=r"ngram_range=\(2, 1\)"):
        tm.Dtm.from_tokens(TOKENS, DOCS, ngram_range=(2, 1))


def test_dtm_from_corpus_tokenizes_once(ccorpus, tokenizer, monkeypatch):
    calls = []
    real = tokenizer.tokenize_many
    monkeypatch.setattr(tokenizer, "tokenize_many", lambda texts, **kw: calls.append(1) or real(texts, **kw))
    d = tm.Dtm.from_corpus(ccorpus, tokenizer=tokenizer)
    assert calls == [1] and d.n_docs == len(ccorpus) and d.docs.loc["c01", "policy_area"] == "禁毒"


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
    with pytest.warns(UserWarning, match="also in the reference"):
        tm.keyness(t, tm.Dtm.from_tokens([["禁毒"], ["安全"]], ["t", "r"]))


def test_keyness_rejects_bad_input():
    t = tm.Dtm.from_tokens([["禁毒"]], ["t"])
    with pytest.raises(tm.InputError, match="reference is a dict; expected a Document, Corpus or Dtm"):
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


# ----------------------------------------------------------------------------- similarity, topics

def test_acceptance_five_most_similar_are_anti_drug(cleaned, ccorpus, tokenizer):
    sim = tm.similar_documents(cleaned, ccorpus, tokenizer=tokenizer)
    print(sim.head(5)[["rank", "doc_id", "similarity", "policy_area", "title"]].to_string())
    assert list(sim.columns[:3]) == ["rank", "doc_id", "similarity"] and "policy_area" in sim.columns
    assert len(sim) == len(ccorpus) and sim.similarity.is_monotonic_decreasing
    assert sim.head(5).policy_area.tolist() == ["禁毒"] * 5


def test_similar_documents_leaves_out_the_target_itself(ccorpus, tokenizer):
    sim = tm.similar_documents(ccorpus["c05"], ccorpus, tokenizer=tokenizer, n=3)
    assert "c05" not in sim.doc_id.tolist() and len(sim) == 3
    assert sim.policy_area.tolist() == ["禁毒"] * 3


def test_topics_are_deterministic_and_drug_topic_leads_the_speech(model, cleaned, ccorpus, tokenizer):
    shares = model.doc_topics_.loc["xshi_jindu_2021"]
    top_label = shares.idxmax()
    drug_topics = [lab for lab in model.labels_ if "毒" in lab]
    assert drug_topics and top_label in drug_topics
    assert np.allclose(model.doc_topics_.sum(axis=1), 1)
    dtm = tm.Dtm.from_corpus(ccorpus + cleaned, tokenizer=tokenizer).trim(min_df=2, max_df=0.5)
    again = tm.fit_topics(dtm, 12, random_state=0)
    assert again.labels_ == model.labels_ and np.allclose(again.components_, model.components_)
    new = model.transform(cleaned, tokenizer=tokenizer)
    assert new.columns.tolist() == model.labels_ and new.iloc[0].idxmax() == top_label
    tt = model.top_terms(5)
    assert list(tt.columns) == ["topic", "label", "rank", "term", "weight"] and len(tt) == 60
    assert model.labels_[0] == "·".join(tt[tt.topic == 0].term.head(3))


def test_lda_and_bad_k():
    d = tm.Dtm.from_tokens(TOKENS * 3, [str(i) for i in range(9)])
    m = tm.fit_topics(d, 2, method="lda", random_state=1)
    assert m.doc_topics_.shape == (9, 2)
    with pytest.raises(tm.InputError, match=r"k=1: expected a whole number from 2"):
        tm.fit_topics(d, 1)
    with pytest.raises(tm.InputError, match="method='pca'"):
        tm.fit_topics(d, 2, method="pca")
    with pytest.raises(tm.InputError, match="empty vocabulary; perhaps the documents only contain stop words"):
        tm.fit_topics(tm.Dtm.from_tokens([[], []], ["a", "b"]), 2)


def test_npmi_hand_computed():
    from textmine.topics import npmi_coherence

    d = tm.Dtm.from_tokens([["a", "b"], ["a", "b"], ["a"], ["c"]], list("wxyz"))
    # P(a)=3/4, P(b)=2/4, P(a,b)=2/4 → log(0.5/0.375)/-log(0.5); a and c never co-occur → -1
    assert npmi_coherence(["a", "b"], d) == pytest.approx(math.log(0.5 / 0.375) / -math.log(0.5))
    assert npmi_coherence(["a", "c"], d) == -1.0


def test_choose_k_scores_each_k(ccorpus, tokenizer):
    dtm = tm.Dtm.from_corpus(ccorpus, tokenizer=tokenizer).trim(min_df=2, max_df=0.5)
    out = tm.choose_k(dtm, [6, 12])
    assert out.k.tolist() == [6, 12] and out.best.sum() == 1
    assert out.coherence.between(-1, 1).all()


def test_theme_comparison_and_trend(model, cleaned, ccorpus, tokenizer):
    tc = tm.theme_comparison(cleaned, ccorpus, model, tokenizer=tokenizer)
    assert list(tc.columns) == ["topic", "label", "target", "corpus_mean", "peers_mean", "n_peers",
                                "diff_corpus", "diff_peers"]
    assert tc.n_peers.iloc[0] == 10 and "毒" in tc.label.iloc[0]
    assert tc.diff_corpus.iloc[0] > 0.3
    assert tc.target.sum() == pytest.approx(1) and tc.corpus_mean.sum() == pytest.approx(1)
    dtm = tm.Dtm.from_corpus(ccorpus + cleaned, tokenizer=tokenizer).trim(min_df=2, max_df=0.5)
    trend = tm.topic_trend(model, dtm, by="year")
    assert trend.index.tolist() == list(range(2015, 2026)) and trend.shape[1] == 12


# ----------------------------------------------------------------------------- text reuse

def _han(s: str) -> str:
    return re.sub(r"[^\u4e00-\u9fff]", "", s)


def test_acceptance_text_reuse_recovers_the_truth(ccorpus):
    truth = pd.read_csv(tm.BUNDLED_CORPUS / "reuse_truth.csv")
    expected = {(min(a, b), max(a, b), _han(s)) for a, b, s in zip(truth.target_id, truth.source_id, truth.sentence)}
    found = set()
    for doc in ccorpus:
        r = tm.text_reuse(doc, ccorpus)
        for m in r.matches.itertuples():
            found.add((min(m.target_id, m.source_id), max(m.target_id, m.source_id), _han(m.target_sentence)))
    tp = len(found & expected)
    precision, recall = tp / len(found), tp / len(expected)
    print(f"text reuse: precision {precision:.3f}, recall {recall:.3f} ({tp} of {len(expected)} truth sentences)")
    assert precision >= 0.9 and recall >= 0.9


def test_text_reuse_exact_and_near_matches():
    src = tm.Document("s", "同志们：要坚持党委政府统一领导、有关部门齐抓共管、社会各界广泛参与的工作格局。另一句话完全不同。")
    tgt = tm.Document("t", "必须坚持党委政府统一领导，有关部门齐抓共管，社会各界广泛参与的工作格局。我们今天另说一件新事情好不好呢。")
    r = tm.text_reuse(tgt, tm.Corpus([src]), min_chars=10)
    assert len(r.matches) == 1
    m = r.matches.iloc[0]
    assert (m.target_id, m.source_id, bool(m.exact)) == ("t", "s", False) and m.jaccard >= 0.5
    assert r.sentences.reused.tolist() == [True, False]
    assert r.ratios.doc_id.tolist() == ["s"] and 0 < r.ratios.reuse_ratio.iloc[0] < 1
    assert r.original.text.tolist() == ["我们今天另说一件新事情好不好呢。"]
    with pytest.raises(tm.InputError, match=r"threshold=0: expected a Jaccard similarity in \(0, 1\]"):
        tm.text_reuse(tgt, tm.Corpus([src]), threshold=0)


def test_bundled_speech_has_no_reuse_from_the_synthetic_corpus(cleaned, ccorpus):
    r = tm.text_reuse(cleaned, ccorpus)
    assert r.matches.empty and r.reuse_ratio == 0.0 and len(r.original) == len(r.sentences) > 50


# Wikisource's 1954 report is in traditional characters (its PROVENANCE.md says so); textmine does not
# convert scripts, so character shingles cannot match it with the simplified textworkshop17 copy.
TRADITIONAL_TWINS = {1954}


def test_work_report_twins_pair_only_with_each_other():
    """Each textworkshop17 report is paired with its Wikisource twin (same year) and no other year."""
    from conftest import gwr_files, wiki_records

    files = gwr_files()
    wiki = [r for r in wiki_records() if r.get("year")]
    ws = tm.clean(tm.Corpus([tm.Document(f"w{r['year']}", r["content"], meta={"year": int(r["year"])})
                             for r in wiki]))
    years = {d.meta["year"] for d in ws}
    checked = 0
    for f in files:
        year = int(f.name[:4])
        doc = tm.clean(tm.read_document(f, doc_id=f"t{year}"))
        ratios = tm.text_reuse(doc, ws).ratios.set_index("doc_id").reuse_ratio
        paired = sorted(ratios[ratios >= 0.5].index)
        if year in years and year not in TRADITIONAL_TWINS:
            assert paired == [f"w{year}"], (f.name, ratios.head(3).to_dict())
            checked += 1
        else:  # no twin (1989–91, 1996 are missing from Wikisource) or a twin in another script
            assert paired == [], (f.name, ratios.head(3).to_dict())
    print(f"{checked} twin pairs found, no cross-year pairs")
    assert checked == 44


# ----------------------------------------------------------------------------- keywords

def test_tfidf_keywords_learn_idf_from_reference():
    ref = tm.Corpus([tm.Document("r1", "安全生产隐患排查"), tm.Document("r2", "安全生产消防")])
    doc = tm.Document("d", "禁毒委部署禁毒委工作，安全生产也要抓。")
    kw = tm.tfidf_keywords(doc, ref, tokenizer=tm.Tokenizer(cache=False))
    assert kw.term.tolist()[:2] == ["禁毒委", "安全生产"]
    row = kw.set_index("term").loc["禁毒委"]
    assert (row["count"], row.df_reference) == (2, 0) and row.idf == pytest.approx(math.log(3 / 1) + 1)
    assert kw.set_index("term").loc["安全生产", "idf"] == pytest.approx(math.log(3 / 3) + 1)


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
    k = tm.kwic(cleaned, "禁种铲毒", window=6)
    assert k.keyword.tolist() == ["禁种铲毒"] and k.path.tolist() == ["二.（二）"] and k.left.iloc[0] == "继续深入抓好"
    disp = tm.dispersion(cleaned, ["禁毒法", "志愿者"])
    assert disp.groupby("term").size().to_dict() == {"志愿者": 2, "禁毒法": 2}
    assert disp.rel_pos.between(0, 1).all() and list(disp.attrs["sections"].columns)[:3] == ["path", "title", "rel_start"]
    edges = tm.cooccurrence(cleaned, n=15, tokenizer=tokenizer)
    assert list(edges.columns) == ["source", "target", "weight"] and len(edges.attrs["counts"]) == 15
    assert edges.weight.is_monotonic_decreasing
