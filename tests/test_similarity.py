"""similar_documents: hand-computed TF-IDF cosines, leaving out the target, the tokenizer of a Dtm side."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import textmine as tm


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


def test_similarity_is_the_cosine_of_sublinear_tfidf_rows():
    # columns: 禁毒 社区 安全生产 (reference vocabulary order of from_tokens: sorted)
    ref = tm.Dtm.from_tokens([["禁毒"] * 4 + ["社区"], ["社区", "安全生产"], ["安全生产"] * 2], ["r1", "r2", "r3"])
    assert ref.vocab == ("安全生产", "社区", "禁毒")
    target = tm.Dtm.from_tokens([["禁毒", "社区"]], ["t"])
    sim = tm.similar_documents(target, ref).set_index("doc_id")
    # smoothed IDF over the 3 reference documents: ln((1 + 3) / (1 + df)) + 1
    idf = np.array([math.log(4 / 3) + 1, math.log(4 / 3) + 1, math.log(4 / 2) + 1])
    tf = lambda counts: np.array([1 + math.log(c) if c else 0.0 for c in counts])  # noqa: E731 sublinear
    rows = {"r1": [0, 1, 4], "r2": [1, 1, 0], "r3": [2, 0, 0]}
    t = _unit(tf([0, 1, 1]) * idf)
    for doc, counts in rows.items():
        assert sim.loc[doc, "similarity"] == pytest.approx(float(_unit(tf(counts) * idf) @ t))
    assert sim.loc["r1", "similarity"] == pytest.approx(0.9422, abs=1e-4)  # with raw counts: 0.8950
    assert sim.index.tolist() == ["r1", "r2", "r3"] and sim["rank"].tolist() == [1, 2, 3]
    assert sim.loc["r3", "similarity"] == 0.0


def test_similar_documents_checks_its_arguments():
    ref = tm.Dtm.from_tokens([["禁毒"], ["社区"]], ["r1", "r2"])
    with pytest.raises(tm.InputError, match="target has 2 documents; expected exactly one"):
        tm.similar_documents(ref, ref)
    with pytest.raises(tm.InputError, match="reference holds only the target"):
        tm.similar_documents(ref.select(["r1"]), ref.select(["r1"]))
    with pytest.raises(tm.InputError, match="n=0: expected a whole number >= 1"):
        tm.similar_documents(ref.select(["r1"]), ref, n=0)
    with pytest.raises(tm.InputError, match="reference is a dict; expected a Dtm, a Document"):
        tm.similar_documents("禁毒", {})


def test_similar_documents_takes_a_str_and_the_deprecated_corpus_keyword():
    keep = tm.Tokenizer(cache=False, stopwords=("function",))
    ref = tm.Dtm.from_corpus([tm.Document("r1", "加强禁毒工作。"), tm.Document("r2", "做好安全生产工作。")],
                             tokenizer=keep)
    sim = tm.similar_documents("禁毒工作要抓实。", ref)
    # tokenized with keep, the text shares 工作 with r2; Tokenizer() would drop it and give r2 0
    assert sim.doc_id.tolist() == ["r1", "r2"] and (sim.similarity > 0).all()
    with pytest.warns(DeprecationWarning, match=r"similar_documents\(corpus=...\) is deprecated; use reference="):
        old = tm.similar_documents("禁毒工作要抓实。", corpus=ref)
    assert old.equals(sim)


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


def test_reference_pairs_of_a_large_reference_are_sampled_in_the_same_space():
    docs = [tm.Document.from_text(text, doc_id=f"d{i}", policy_area=area)
            for i, (text, area) in enumerate([("禁毒宣传要进校园进社区。", "禁毒"), ("毒品犯罪要严打严防。", "禁毒"),
                                              ("防汛物资要充足到位。", "防汛"), ("山洪预警要及时发布。", "防汛"),
                                              ("禁毒宣传和防汛预警都要抓实。", "综合"), ("社区戒毒康复要规范。", "禁毒")])]
    from textmine.similarity import reference_similarities

    dtm = tm.Dtm.from_corpus(tm.Corpus(docs))
    full = reference_similarities(dtm)
    assert len(full) == 15
    part = reference_similarities(dtm, max_docs=3)
    assert len(part) == 3  # 3 documents: 3 pairs
    kept = sorted(set(part.doc_id_a) | set(part.doc_id_b))
    assert len(kept) == 3
    # each sampled pair has the similarity it has among all pairs (the IDF is the whole reference's)
    merged = part.merge(full, on=["doc_id_a", "doc_id_b"], suffixes=("", "_full"))
    assert len(merged) == 3
    np.testing.assert_allclose(merged.similarity, merged.similarity_full)
    assert (merged.same_area == merged.same_area_full).all()
    pd.testing.assert_frame_equal(reference_similarities(dtm, max_docs=6), full)
    with pytest.raises(tm.InputError, match=r"max_docs=1: expected a whole number >= 2"):
        reference_similarities(dtm, max_docs=1)
