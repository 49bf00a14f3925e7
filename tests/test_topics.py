"""Topics: NMF/LDA, NPMI, choose_k, the model's tokenizer, topic comparisons, deprecated names."""

from __future__ import annotations

import math

import numpy as np
import pytest

import textmine as tm

TOKENS = [["禁毒", "社区戒毒", "禁毒"], ["安全生产", "禁毒"], ["安全生产", "隐患", "隐患", "隐患"]]


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
    other = tm.Dtm.from_corpus(ccorpus[:5], tokenizer=tm.Tokenizer(stopwords=()))
    with pytest.raises(tm.InputError, match=r"dtm was built with Tokenizer\(\) .* but coherence_dtm was built with"):
        tm.choose_k(dtm, [6], coherence_dtm=other)


def test_topic_comparison_and_trend(model, cleaned, ccorpus, tokenizer):
    tc = tm.topic_comparison(cleaned, ccorpus, model, tokenizer=tokenizer)
    assert list(tc.columns) == ["topic", "label", "target", "corpus_mean", "peers_mean", "n_peers",
                                "diff_corpus", "diff_peers"]
    assert tc.n_peers.iloc[0] == 10 and "毒" in tc.label.iloc[0]
    assert tc.diff_corpus.iloc[0] > 0.3
    assert tc.target.sum() == pytest.approx(1) and tc.corpus_mean.sum() == pytest.approx(1)
    dtm = tm.Dtm.from_corpus(ccorpus + cleaned, tokenizer=tokenizer).trim(min_df=2, max_df=0.5)
    trend = tm.topic_trend(model, dtm, by="year")
    assert trend.index.tolist() == list(range(2015, 2026)) and trend.shape[1] == 12
    assert tc.attrs == {}  # no side channel: the area is the caller's (or the target's metadata)
    assert tm.topic_comparison(cleaned, ccorpus, model).equals(tc)  # the model's tokenizer by default


def test_model_records_its_tokenizer_and_refuses_another(model, cleaned, tokenizer):
    assert model.tokenizer == tokenizer
    other = tm.Tokenizer(stopwords=("function",))
    with pytest.raises(tm.InputError, match=rf"tokenizer is .*\(fingerprint {other.fingerprint}\) but model was built "
                                            rf"with Tokenizer\(\) \(fingerprint {tokenizer.fingerprint}\)"):
        model.transform(cleaned, tokenizer=other)
    with pytest.raises(tm.InputError, match=rf"model was built with .*{tokenizer.fingerprint}.* but docs was built with "
                                            rf".*{other.fingerprint}"):
        model.transform(tm.Dtm.from_corpus(cleaned, tokenizer=other))
    with pytest.raises(tm.InputError, match=rf"{other.fingerprint}"):
        tm.section_topics(cleaned, model, tokenizer=other)
    assert tm.fit_topics(tm.Dtm.from_tokens(TOKENS * 2), 2).tokenizer is None


def test_topic_comparison_on_handwritten_speeches():
    tok = tm.Tokenizer(cache=False)
    docs = [tm.Document("a", "禁毒委抓好社区戒毒，社区戒毒要落实到人。", meta={"policy_area": "禁毒"}),
            tm.Document("b", "禁毒委部署社区康复，社区戒毒同步推进。", meta={"policy_area": "禁毒"}),
            tm.Document("c", "安全生产要排查隐患，隐患整改要到位。", meta={"policy_area": "安全生产"}),
            tm.Document("d", "安全生产主体责任要压实，隐患排查要常态化。", meta={"policy_area": "安全生产"})]
    dtm = tm.Dtm.from_corpus(docs, tokenizer=tok)
    model = tm.fit_topics(dtm, 2, random_state=0)
    target = tm.Document("t", "社区戒毒和社区康复是禁毒委的重点。", meta={"policy_area": "禁毒"})
    tc = tm.topic_comparison(target, docs, model)  # area from the target's metadata: 禁毒
    assert tc.label.tolist() == ["社区戒毒·禁毒委·同步", "安全生产·隐患·主体责任"]
    assert tc.n_peers.tolist() == [2, 2]
    # the topics split the four speeches cleanly: shares are 1 or 0
    assert tc.target.tolist() == pytest.approx([1, 0], abs=1e-6)
    assert tc.corpus_mean.tolist() == pytest.approx([0.5, 0.5], abs=1e-6)
    assert tc.peers_mean.tolist() == pytest.approx([1, 0], abs=1e-6)  # the two 禁毒 speeches
    assert tc.diff_corpus.tolist() == pytest.approx([0.5, -0.5], abs=1e-6)
    other = tm.topic_comparison(target, docs, model, area="安全生产")
    assert other.peers_mean.tolist() == pytest.approx([0, 1], abs=1e-6)
    with pytest.raises(tm.InputError, match="target has 2 documents; expected exactly one"):
        tm.topic_comparison(docs[:2], docs, model)
    with pytest.raises(tm.InputError, match="model is a str; expected a TopicModel"):
        tm.topic_comparison(target, docs, "nmf")
    sec = tm.section_topics("一、禁毒\n社区戒毒和社区康复要抓好。\n二、安全\n安全生产隐患排查要到位。", model, level=1)
    assert sec.index.tolist() == ["一、禁毒", "二、安全"]
    assert sec.to_numpy().tolist() == [pytest.approx([1, 0], abs=1e-6), pytest.approx([0, 1], abs=1e-6)]


def test_deprecated_topic_names_still_work(model, cleaned, ccorpus):
    with pytest.warns(DeprecationWarning, match=r"theme_comparison\(\) is deprecated; use topic_comparison\(\)"):
        old = tm.theme_comparison(cleaned, ccorpus, model)
    assert old.equals(tm.topic_comparison(cleaned, ccorpus, model))
    with pytest.warns(DeprecationWarning, match=r"section_themes\(\) is deprecated; use section_topics\(\)"):
        old = tm.section_themes(cleaned, model, level=1)
    assert old.equals(tm.section_topics(cleaned, model, level=1))
    with pytest.warns(DeprecationWarning, match=r"top_terms\(n=...\) is deprecated; use n_terms="):
        assert model.top_terms(n=2).equals(model.top_terms(n_terms=2))
    with pytest.warns(DeprecationWarning, match=r"topics\(n=...\) is deprecated"):
        assert model.topics(n=2).equals(model.topics(2))
    assert model.topics(3).terms.str.count("、").tolist() == [2] * model.k


def test_compare_module_is_a_deprecated_shim():
    import importlib
    import sys

    sys.modules.pop("textmine.compare", None)
    with pytest.warns(DeprecationWarning, match="textmine.compare is deprecated"):
        compare = importlib.import_module("textmine.compare")
    assert compare.similar_documents is tm.similar_documents and compare.text_reuse is tm.text_reuse
    assert compare.TextReuse is tm.TextReuse and compare.theme_comparison is tm.theme_comparison
