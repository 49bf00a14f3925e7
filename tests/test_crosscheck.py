"""Every statistic textmine reports, checked against an independent implementation.

Each test names its reference (library and function, or the paper whose equations it
transcribes) in its docstring, and runs on small handwritten data and on the bundled
speech and corpus (``data/``, always present).
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

import textmine as tm
from textmine.keyness import keyness_table
from textmine.topics import npmi_coherence

# Handwritten counts of a target speech and a reference corpus over the same terms
# (禁毒 over-used, 安全生产 under-used, 戒毒康复 absent from the reference, 森林防火 absent
# from the target, 落实 used at the same rate).
TERMS = ["禁毒", "毒品", "戒毒康复", "安全生产", "森林防火", "落实", "隐患排查"]
TARGET = np.array([18, 9, 3, 2, 0, 6, 1])
REFERENCE = np.array([20, 12, 0, 45, 7, 24, 30])

# Handwritten token lists in the style of the speeches (content words only).
DOCS = [
    ["禁毒", "工作", "毒品", "禁毒", "社区戒毒", "宣传教育", "禁毒", "毒品"],
    ["安全生产", "隐患排查", "隐患", "安全生产", "责任", "落实"],
    ["禁毒", "社区戒毒", "社区康复", "落实", "责任", "禁毒"],
    ["森林防火", "隐患", "火源", "责任", "落实", "森林防火"],
    ["毒品", "禁毒", "宣传教育", "校园", "青少年", "禁毒"],
    ["安全生产", "消防", "隐患", "火灾", "落实", "消防"],
]


def _table(a: int, b: int, c_tot: int, d_tot: int) -> np.ndarray:
    """The 2×2 table of one term: rows target/reference, columns the term/all other terms."""
    return np.array([[a, c_tot - a], [b, d_tot - b]], dtype=float)


def _bundled_counts(cleaned, ccorpus, tokenizer) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The speech's and the corpus's term counts, counted here from the tokenizer's output."""
    peers = [d for d in ccorpus if d.doc_id != cleaned.doc_id]
    ta = Counter(tokenizer.tokenize(cleaned))
    tb = Counter(t for d in peers for t in tokenizer.tokenize(d))
    terms = sorted(set(ta) | set(tb))
    return terms, np.array([ta[t] for t in terms]), np.array([tb[t] for t in terms])


# ----------------------------------------------------------------------------- G² and χ²

@pytest.mark.parametrize("correction", ["none", "yates"])
def test_g2_and_chi2_equal_scipy_chi2_contingency_on_handwritten_counts(correction):
    """Reference: scipy.stats.contingency.chi2_contingency(table, correction=..., lambda_="log-likelihood")
    for G² and (lambda_=None) for Pearson's χ²; textmine's ``yates`` equals scipy's ``correction=True``."""
    from scipy.stats.contingency import chi2_contingency

    out = keyness_table(TARGET, REFERENCE, TERMS, correction=correction).set_index("term")
    c_tot, d_tot = TARGET.sum(), REFERENCE.sum()
    for term, a, b in zip(TERMS, TARGET, REFERENCE):
        table = _table(a, b, c_tot, d_tot)
        g = chi2_contingency(table, correction=correction == "yates", lambda_="log-likelihood")
        x = chi2_contingency(table, correction=correction == "yates")
        sign = 1 if a / c_tot >= b / d_tot else -1
        row = out.loc[term]
        assert row.g2 == pytest.approx(sign * g.statistic, rel=1e-10, abs=1e-10), term
        assert row.p == pytest.approx(g.pvalue, rel=1e-9, abs=1e-15), term
        assert row.chi2 == pytest.approx(sign * x.statistic, rel=1e-10, abs=1e-10), term
    assert out.loc["禁毒", "g2"] > 0 > out.loc["安全生产", "g2"]
    assert out.attrs["correction"] == correction


def test_g2_for_the_issue_table_is_dunnings_not_the_two_cell_log_likelihood():
    """Reference: scipy.stats.contingency.chi2_contingency(table, correction=False, lambda_="log-likelihood")
    gives 180.06 for 禁毒 in the bundled speech (54 of 673 tokens against 200 of 35,960);
    the two-cell Rayson–Garside log-likelihood of that table, 2(a ln(a/E11) + b ln(b/E21)), is 176.26."""
    from scipy.stats.contingency import chi2_contingency

    out = keyness_table(np.array([54, 673 - 54]), np.array([200, 35960 - 200]), ["禁毒", "其他"])
    row = out.set_index("term").loc["禁毒"]
    ref = chi2_contingency(_table(54, 200, 673, 35960), correction=False, lambda_="log-likelihood")
    assert row.g2 == pytest.approx(ref.statistic, rel=1e-12) and round(row.g2, 2) == 180.06
    e11, e21 = 673 * 254 / 36633, 35960 * 254 / 36633
    assert row.ll_2cell == pytest.approx(2 * (54 * math.log(54 / e11) + 200 * math.log(200 / e21)), rel=1e-12)
    assert round(row.ll_2cell, 2) == 176.26


def test_williams_correction_is_williams_1976_q():
    """Reference: scipy.stats.contingency.chi2_contingency(table, correction=False, lambda_=...) divided by
    Williams' (1976) q = 1 + (N/R1 + N/R2 − 1)(N/C1 + N/C2 − 1)/(6N) for a 2×2 table, transcribed here
    (quanteda's textstat_keyness(correction="williams") formula, without its zero-cell exception)."""
    from scipy.stats.contingency import chi2_contingency

    out = keyness_table(TARGET, REFERENCE, TERMS, correction="williams").set_index("term")
    c_tot, d_tot = int(TARGET.sum()), int(REFERENCE.sum())
    n = c_tot + d_tot
    for term, a, b in zip(TERMS, TARGET, REFERENCE):
        table = _table(a, b, c_tot, d_tot)
        rows, cols = table.sum(axis=1), table.sum(axis=0)
        q = 1 + (n / rows[0] + n / rows[1] - 1) * (n / cols[0] + n / cols[1] - 1) / (6 * n)
        sign = 1 if a / c_tot >= b / d_tot else -1
        g = chi2_contingency(table, correction=False, lambda_="log-likelihood").statistic
        x = chi2_contingency(table, correction=False).statistic
        assert q > 1
        assert out.loc[term, "g2"] == pytest.approx(sign * g / q, rel=1e-10, abs=1e-12), term
        assert out.loc[term, "chi2"] == pytest.approx(sign * x / q, rel=1e-10, abs=1e-12), term


def test_correction_is_checked_and_passed_through_keyness():
    """Reference: scipy.stats.contingency.chi2_contingency(table, correction=True, lambda_="log-likelihood")."""
    from scipy.stats.contingency import chi2_contingency

    t = tm.Dtm.from_tokens([["禁毒", "禁毒", "禁毒", "戒毒", "落实"]], ["t"])
    r = tm.Dtm.from_tokens([["安全生产", "禁毒", "落实"], ["安全生产", "落实", "隐患"]], ["r1", "r2"])
    k = tm.keyness(t, r, correction="yates").set_index("term")
    ref = chi2_contingency(_table(3, 1, 5, 6), correction=True, lambda_="log-likelihood").statistic
    assert k.loc["禁毒", "g2"] == pytest.approx(ref, rel=1e-10)
    assert k.loc["禁毒", "g2"] < tm.keyness(t, r).set_index("term").loc["禁毒", "g2"]
    with pytest.raises(tm.InputError, match=r"correction='cochran': expected 'none', 'williams' or 'yates'"):
        tm.keyness(t, r, correction="cochran")


@pytest.mark.parametrize("correction", ["none", "yates"])
def test_g2_and_chi2_equal_scipy_on_the_bundled_speech(cleaned, ccorpus, tokenizer, correction):
    """Reference: scipy.stats.contingency.chi2_contingency(table, correction=..., lambda_="log-likelihood")
    and (lambda_=None), term by term over the bundled speech against the bundled corpus."""
    from scipy.stats.contingency import chi2_contingency

    k = tm.keyness(cleaned, ccorpus, tokenizer=tokenizer, correction=correction).set_index("term")
    terms, a, b = _bundled_counts(cleaned, ccorpus, tokenizer)
    assert sorted(k.index) == terms
    c_tot, d_tot = int(a.sum()), int(b.sum())
    worst_g2 = worst_chi2 = 0.0
    for term, ai, bi in zip(terms, a, b):
        table = _table(ai, bi, c_tot, d_tot)
        sign = 1 if ai / c_tot >= bi / d_tot else -1
        g = sign * chi2_contingency(table, correction=correction == "yates", lambda_="log-likelihood").statistic
        x = sign * chi2_contingency(table, correction=correction == "yates").statistic
        worst_g2 = max(worst_g2, abs(k.loc[term, "g2"] - g) / max(1.0, abs(g)))
        worst_chi2 = max(worst_chi2, abs(k.loc[term, "chi2"] - x) / max(1.0, abs(x)))
    print(f"{len(terms)} terms, correction={correction}: largest relative difference from scipy "
          f"G² {worst_g2:.2e}, χ² {worst_chi2:.2e}; 禁毒 G² = {k.loc['禁毒', 'g2']:.2f}")
    assert worst_g2 < 1e-9 and worst_chi2 < 1e-9


# ----------------------------------------------------------------------------- log ratio and log-odds z

def _hardie_log_ratio(a: int, b: int, c_tot: int, d_tot: int) -> float:
    """Hardie (2014): log2 of the ratio of relative frequencies, a zero frequency replaced by 0.5."""
    return math.log2(((a or 0.5) / c_tot) / ((b or 0.5) / d_tot))


def _mcq_z(a: list[int], b: list[int], prior: float = 1.0) -> list[float]:
    """Monroe, Colaresi & Quinn (2008), eqs. 16, 18–20 and 22, with the informative Dirichlet prior
    of §3.5.1 (α_w proportional to the pooled counts y_w = y_w^i + y_w^j, α_0 = Σ_w α_w)."""
    n_i, n_j = sum(a), sum(b)
    alpha = [prior * (yi + yj) for yi, yj in zip(a, b)]
    alpha_0 = sum(alpha)
    out = []
    for y_i, y_j, a_w in zip(a, b, alpha):
        delta = (math.log((y_i + a_w) / (n_i + alpha_0 - y_i - a_w))
                 - math.log((y_j + a_w) / (n_j + alpha_0 - y_j - a_w)))  # eq. 16
        sigma2 = 1 / (y_i + a_w) + 1 / (y_j + a_w)  # eq. 20
        out.append(delta / math.sqrt(sigma2))  # eq. 22
    return out


@pytest.mark.parametrize("prior", [1.0, 0.1])
def test_log_ratio_and_log_odds_z_follow_the_papers_on_handwritten_counts(prior):
    """Reference: Hardie (2014) log ratio and Monroe–Colaresi–Quinn (2008) eqs. 16–22, transcribed in this
    file (_hardie_log_ratio, _mcq_z) in plain Python."""
    out = keyness_table(TARGET, REFERENCE, TERMS, prior=prior).set_index("term")
    c_tot, d_tot = int(TARGET.sum()), int(REFERENCE.sum())
    z = dict(zip(TERMS, _mcq_z(TARGET.tolist(), REFERENCE.tolist(), prior)))
    for term, a, b in zip(TERMS, TARGET.tolist(), REFERENCE.tolist()):
        assert out.loc[term, "log_ratio"] == pytest.approx(_hardie_log_ratio(a, b, c_tot, d_tot), rel=1e-12)
        assert out.loc[term, "z_logodds"] == pytest.approx(z[term], rel=1e-10, abs=1e-12)
    assert out.loc["戒毒康复", "log_ratio"] == pytest.approx(math.log2((3 / c_tot) / (0.5 / d_tot)))


def test_log_ratio_and_log_odds_z_follow_the_papers_on_the_bundled_speech(cleaned, ccorpus, tokenizer):
    """Reference: Hardie (2014) log ratio and Monroe–Colaresi–Quinn (2008) eqs. 16–22, transcribed in this
    file, on the bundled speech against the bundled corpus."""
    k = tm.keyness(cleaned, ccorpus, tokenizer=tokenizer).set_index("term")
    terms, a, b = _bundled_counts(cleaned, ccorpus, tokenizer)
    c_tot, d_tot = int(a.sum()), int(b.sum())
    lr = np.array([_hardie_log_ratio(int(x), int(y), c_tot, d_tot) for x, y in zip(a, b)])
    z = np.array(_mcq_z(a.tolist(), b.tolist()))
    np.testing.assert_allclose(k.loc[terms, "log_ratio"].to_numpy(), lr, rtol=1e-12)
    np.testing.assert_allclose(k.loc[terms, "z_logodds"].to_numpy(), z, rtol=1e-9, atol=1e-12)


# ----------------------------------------------------------------------------- NPMI

def _gensim_npmi(topics: list[list[str]], texts: list[list[str]]) -> list[float]:
    """gensim CoherenceModel(coherence="c_npmi") with a window as long as the longest document,
    so that each document is one window."""
    from gensim.corpora import Dictionary
    from gensim.models.coherencemodel import CoherenceModel

    cm = CoherenceModel(topics=topics, texts=texts, dictionary=Dictionary(texts), coherence="c_npmi",
                        window_size=max(len(t) for t in texts), processes=1)
    return cm.get_coherence_per_topic()


def _cooccur(x: str, y: str, texts: list[list[str]]) -> int:
    return sum(1 for t in texts if x in t and y in t)


def _check_npmi_against_gensim(topics: list[list[str]], texts: list[list[str]], dtm: tm.Dtm) -> int:
    """Pair by pair, then topic by topic; returns how many topics agree with gensim without any adjustment.

    Conventions differ only at the limits: a never co-occurring pair is −1 in textmine, and
    ln(ε/(P(a)P(b)))/−ln ε in gensim (ε = 1e-12); a pair in every document is +1 in textmine, −1 in gensim.
    """
    pairs = sorted({(x, y) for topic in topics for i, x in enumerate(topic) for y in topic[i + 1:]})
    pair_ref = dict(zip(pairs, _gensim_npmi([list(p) for p in pairs], texts)))
    n_docs = len(texts)
    expected = {}
    for (x, y), ref in pair_ref.items():
        co = _cooccur(x, y, texts)
        ours = npmi_coherence([x, y], dtm)
        if co == 0:
            px, py = sum(x in t for t in texts) / n_docs, sum(y in t for t in texts) / n_docs
            assert ref == pytest.approx(math.log(1e-12 / (px * py)) / -math.log(1e-12), abs=1e-9)
            assert ours == -1.0 and ref > -1.0
        elif co == n_docs:
            assert ref == pytest.approx(-1.0) and ours == 1.0
        else:
            assert ours == pytest.approx(ref, abs=1e-9), (x, y)
        expected[(x, y)] = ours
    topic_ref = _gensim_npmi(topics, texts)
    direct = 0
    for topic, ref in zip(topics, topic_ref):
        ours = npmi_coherence(topic, dtm)
        mine = [expected[(x, y)] for i, x in enumerate(topic) for y in topic[i + 1:]]
        assert ours == pytest.approx(float(np.mean(mine)), abs=1e-12)
        direct += ours == pytest.approx(ref, abs=1e-9)
    return direct


def test_npmi_equals_gensim_c_npmi_on_handwritten_documents():
    """Reference: gensim.models.coherencemodel.CoherenceModel(coherence="c_npmi").get_coherence_per_topic(),
    with a whole-document window; pairs that never co-occur are mapped from gensim's ε-smoothing to −1."""
    dtm = tm.Dtm.from_tokens(DOCS)
    together = [["禁毒", "毒品", "宣传教育"], ["隐患", "落实", "责任"]]  # every pair co-occurs somewhere
    apart = [["禁毒", "森林防火", "落实"], ["毒品", "消防", "社区戒毒", "隐患"]]  # some pairs never do
    assert _check_npmi_against_gensim(together, DOCS, dtm) == 2
    assert _check_npmi_against_gensim(apart, DOCS, dtm) == 0
    # P(禁毒) = 3/6, P(毒品) = 2/6, P(禁毒, 毒品) = 2/6 → ln 2 / ln 3
    assert npmi_coherence(["禁毒", "毒品"], dtm) == pytest.approx(math.log(2) / math.log(3), rel=1e-12)
    assert npmi_coherence(["禁毒", "森林防火"], dtm) == -1.0
    everywhere = [t + ["讲话", "要求"] for t in DOCS]  # two terms in every document: +1 here, −1 in gensim
    assert _check_npmi_against_gensim([["讲话", "要求"], ["讲话", "禁毒", "要求"]], everywhere,
                                      tm.Dtm.from_tokens(everywhere)) == 0
    assert npmi_coherence(["讲话", "要求"], tm.Dtm.from_tokens(everywhere)) == 1.0


def test_npmi_equals_gensim_c_npmi_on_eight_topics_of_the_bundled_corpus(cleaned, ccorpus, tokenizer):
    """Reference: gensim.models.coherencemodel.CoherenceModel(coherence="c_npmi").get_coherence_per_topic(),
    whole-document window, on the top 10 terms of 8 NMF topics of the bundled corpus plus the speech."""
    corpus = ccorpus + cleaned
    texts = [list(t) for t in tokenizer.tokenize_many(corpus)]
    dtm = tm.Dtm.from_corpus(corpus, tokenizer=tokenizer).trim(min_df=2, max_df=0.5)
    model = tm.fit_topics(dtm, 8, random_state=0)
    topics = [g["term"].tolist() for _, g in model.top_terms(10).groupby("topic")]
    direct = _check_npmi_against_gensim(topics, texts, dtm)
    print(f"{direct} of {len(topics)} topics equal gensim's c_npmi without any adjustment")
    assert direct >= 1


# ----------------------------------------------------------------------------- TF-IDF and cosine

def _identity(x):
    return x


@pytest.mark.parametrize("sublinear_tf", [False, True])
def test_tfidf_keywords_equal_scikit_learn(sublinear_tf, cleaned, ccorpus, tokenizer):
    """Reference: sklearn.feature_extraction.text.TfidfVectorizer(norm=None, smooth_idf=True) fit on the
    reference's tokens over the target's vocabulary; on handwritten speeches and on the bundled data."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    tok = tm.Tokenizer(cache=False)
    hand_doc = tm.Document("d", "全市禁毒工作要坚持禁毒宣传教育不放松，社区戒毒社区康复要落到实处。")
    hand_ref = tm.Corpus([tm.Document("r1", "安全生产隐患排查要落到实处，禁毒宣传教育要进校园。"),
                          tm.Document("r2", "森林防火要严防死守，隐患排查不留死角。")])
    bundled_ref = tm.Corpus([d for d in ccorpus if d.doc_id != cleaned.doc_id])
    for doc, ref, tk in ((hand_doc, hand_ref, tok), (cleaned, bundled_ref, tokenizer)):
        kw = tm.tfidf_keywords(doc, ref, tokenizer=tk, n=10_000, sublinear_tf=sublinear_tf).set_index("term")
        target = tk.tokenize(doc)
        vocab = sorted(set(target))
        vec = TfidfVectorizer(analyzer=_identity, vocabulary=vocab, norm=None, smooth_idf=True,
                              sublinear_tf=sublinear_tf).fit([tk.tokenize(d) for d in ref])
        weights = vec.transform([target]).toarray().ravel()
        assert sorted(kw.index) == vocab
        np.testing.assert_allclose(kw.loc[vocab, "idf"].to_numpy(), vec.idf_, rtol=1e-12)
        np.testing.assert_allclose(kw.loc[vocab, "tfidf"].to_numpy(), weights, rtol=1e-12)


def test_similar_documents_cosine_equals_scipy(cleaned, ccorpus, tokenizer):
    """Reference: 1 − scipy.spatial.distance.cosine(u, v) on sklearn TfidfVectorizer(sublinear_tf=True) vectors
    learned from the corpus; on handwritten speeches and on the bundled data."""
    from scipy.spatial.distance import cosine
    from sklearn.feature_extraction.text import TfidfVectorizer

    tok = tm.Tokenizer(cache=False)
    hand = tm.Corpus([tm.Document("c1", "禁毒工作要坚持宣传教育，社区戒毒要落到实处。"),
                      tm.Document("c2", "安全生产要抓隐患排查，消防安全要落到实处。"),
                      tm.Document("c3", "禁毒宣传教育要进校园，毒品预防教育要常抓不懈。")])
    hand_target = tm.Document("t", "禁毒宣传教育要抓早抓小，社区戒毒社区康复要落到实处。")
    for target, corpus, tk in ((hand_target, hand, tok), (cleaned, ccorpus, tokenizer)):
        sim = tm.similar_documents(target, corpus, tokenizer=tk).set_index("doc_id")
        docs = [d for d in corpus if d.doc_id != target.doc_id]
        vec = TfidfVectorizer(analyzer=_identity, sublinear_tf=True).fit([tk.tokenize(d) for d in docs])
        t = vec.transform([tk.tokenize(target)]).toarray().ravel()
        for d in docs:
            u = vec.transform([tk.tokenize(d)]).toarray().ravel()
            assert sim.loc[d.doc_id, "similarity"] == pytest.approx(1 - cosine(t, u), abs=1e-12), d.doc_id
        assert sim.similarity.between(0, 1 + 1e-12).all() and len(sim) == len(docs)


# ----------------------------------------------------------------------------- peer percentile

def _peer_rates(target: list[str], peers: list[list[str]], term: str) -> tuple[float, list[float]]:
    return target.count(term) / len(target) * 1e4, [p.count(term) / len(p) * 1e4 for p in peers]


def test_peer_keyness_percentile_equals_scipy_percentileofscore(cleaned, ccorpus, tokenizer):
    """Reference: scipy.stats.percentileofscore(peer_rates, target_rate, kind="mean") (ties count half),
    on handwritten speeches with ties and on the bundled speech against its 禁毒 peers."""
    from scipy.stats import percentileofscore

    hand_target = ["禁毒"] * 4 + ["社区戒毒"] * 2 + ["落实"] * 4
    hand_peers = [["禁毒"] * 4 + ["落实"] * 6, ["禁毒"] * 2 + ["社区戒毒"] * 2 + ["落实"] * 6,
                  ["禁毒"] * 6 + ["落实"] * 4, ["禁毒"] * 1 + ["落实"] * 9]
    t = tm.Dtm.from_tokens([hand_target], ["t"])
    p = tm.Dtm.from_tokens(hand_peers, ["p1", "p2", "p3", "p4"])
    out = tm.peer_keyness(t, p, min_count=1).set_index("term")
    # 禁毒: 4000 against 4000 (a tie), 2000, 6000, 1000 → (2 below + ½ tie) / 4 = 62.5
    assert out.loc["禁毒", "percentile"] == 62.5
    for term in out.index:
        rate, rates = _peer_rates(hand_target, hand_peers, term)
        assert out.loc[term, "percentile"] == pytest.approx(percentileofscore(rates, rate, kind="mean")), term

    area = cleaned.meta["policy_area"]
    peers = [d for d in ccorpus if d.meta.get("policy_area") == area and d.doc_id != cleaned.doc_id]
    assert len(peers) >= 2
    pk = tm.peer_keyness(cleaned, tm.Corpus(peers), tokenizer=tokenizer).set_index("term")
    target = list(tokenizer.tokenize(cleaned))
    peer_tokens = [list(tokenizer.tokenize(d)) for d in peers]
    assert len(pk) > 50
    for term in pk.index:
        rate, rates = _peer_rates(target, peer_tokens, term)
        assert pk.loc[term, "percentile"] == pytest.approx(percentileofscore(rates, rate, kind="mean"),
                                                           abs=1e-9), term


# ----------------------------------------------------------------------------- the chart names the statistic

def test_keyness_chart_axis_names_the_statistic_and_its_correction():
    """Reference: the table's own attrs["labels"] (set by keyness_table); the chart must not relabel G²."""
    import matplotlib.pyplot as plt

    for correction, words in (("none", ["Dunning", "G²", "2×2"]), ("williams", ["Dunning", "Williams"])):
        k = keyness_table(TARGET, REFERENCE, TERMS, correction=correction)
        fig = tm.plot_keyness(k, n=3)
        label = fig.axes[0].get_xlabel()
        plt.close(fig)
        assert all(w in label for w in words), label
        assert k.attrs["labels"]["g2"] == label
    fig = tm.plot_keyness(keyness_table(TARGET, REFERENCE, TERMS), n=3, measure="z_logodds")
    assert "Monroe" in fig.axes[0].get_xlabel()
    plt.close(fig)
