"""choose_k's shared work and parallel fits give the scores of fitting each k on its own."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import textmine as tm
from textmine.topics import npmi_coherence

DOCS = [
    ["禁毒", "宣传", "教育", "学校", "禁毒", "青少年"], ["安全生产", "隐患", "排查", "整治", "事故"],
    ["乡村振兴", "农业", "农村", "现代化", "农民"], ["禁毒", "社区戒毒", "康复", "宣传", "禁毒"],
    ["营商环境", "市场主体", "改革", "放管服", "企业"], ["安全生产", "事故", "责任", "隐患", "企业"],
    ["乡村振兴", "农民", "增收", "农业", "产业"], ["营商环境", "改革", "企业", "创新", "市场主体"],
    ["禁毒", "青少年", "学校", "教育", "康复"], ["农村", "现代化", "产业", "增收", "乡村振兴"],
]


def _reference(dtm, ks):
    rows = []
    for k in ks:  # the slow path: a full fit per k, coherence from the public functions
        tt = tm.fit_topics(dtm, k, random_state=0).top_terms(4)
        scores = [npmi_coherence(g["term"].tolist(), dtm) for _, g in tt.groupby("topic")]
        rows.append((k, float(np.nanmean(scores)), float(np.nanmin(scores))))
    out = pd.DataFrame(rows, columns=["k", "coherence", "min_coherence"])
    out["best"] = out["coherence"] == out["coherence"].max()
    return out


def test_choose_k_equals_fitting_each_k_and_parallel_equals_serial():
    dtm = tm.Dtm.from_tokens(DOCS, [f"d{i}" for i in range(len(DOCS))])
    ks = [2, 3, 4, 5]
    serial = tm.choose_k(dtm, ks, n_terms=4)
    pd.testing.assert_frame_equal(serial, _reference(dtm, ks), check_exact=True)
    pd.testing.assert_frame_equal(tm.choose_k(dtm, ks, n_terms=4, n_jobs=2), serial, check_exact=True)
    assert serial["best"].sum() >= 1 and serial["coherence"].between(-1, 1).all()


def test_choose_k_checks_before_fitting():
    dtm = tm.Dtm.from_tokens(DOCS, [f"d{i}" for i in range(len(DOCS))])
    with pytest.raises(tm.InputError, match=r"k=11: expected a whole number from 2"):
        tm.choose_k(dtm, [3, 11])
    with pytest.raises(tm.InputError, match=r"n_jobs=0: expected"):
        tm.choose_k(dtm, [3], n_jobs=0)
    with pytest.raises(tm.InputError, match=r"n_terms=0: expected"):
        tm.choose_k(dtm, [3], n_terms=0)


def test_the_models_choose_k_fits_are_those_fit_topics_fits():
    from textmine.topics import _choose_k

    dtm = tm.Dtm.from_tokens(DOCS, [f"d{i}" for i in range(len(DOCS))])
    scores, models = _choose_k(dtm, [2, 3, 4], n_terms=4)
    pd.testing.assert_frame_equal(scores, tm.choose_k(dtm, [2, 3, 4], n_terms=4), check_exact=True)
    assert sorted(models) == [2, 3, 4]
    for k, model in models.items():
        ref = tm.fit_topics(dtm, k, random_state=0)
        assert model.labels_ == ref.labels_ and model.vocab == ref.vocab
        assert np.array_equal(model.components_, ref.components_)
        pd.testing.assert_frame_equal(model.doc_topics_, ref.doc_topics_, check_exact=True)
        pd.testing.assert_frame_equal(model.transform(dtm), ref.transform(dtm), check_exact=True)


# ----------------------------------------------------------------------------- fits on a sample (max_fit_docs)

THEMES = {  # four policy areas; each speech takes six of its area's eight terms, and one phrase all share
    "禁毒": ["禁毒", "毒品", "戒毒", "宣传", "青少年", "校园", "康复", "查缉"],
    "安全": ["安全生产", "隐患", "排查", "事故", "整治", "责任", "消防", "监管"],
    "乡村": ["乡村振兴", "农业", "农民", "增收", "产业", "农村", "耕地", "粮食"],
    "营商": ["营商环境", "企业", "市场主体", "改革", "审批", "创新", "服务", "减税"],
}


def _areas_dtm() -> tm.Dtm:
    docs, areas = [], []
    for i in range(8):
        for area, words in THEMES.items():
            docs.append([words[(i + j) % 8] for j in range(6)] + [["推进", "落实", "加强"][i % 3]])
            areas.append(area)
    meta = pd.DataFrame({"policy_area": areas}, index=pd.Index([f"d{i:02d}" for i in range(32)], name="doc_id"))
    return tm.Dtm.from_tokens(docs, meta)


def test_fit_sample_is_stratified_and_evenly_spaced():
    from textmine.topics import fit_sample

    plain = tm.Dtm.from_tokens(DOCS, [f"d{i}" for i in range(10)])  # no strata: evenly spaced
    assert fit_sample(plain, 4).tolist() == [1, 3, 6, 8]
    assert fit_sample(plain, 10).tolist() == list(range(10)) == fit_sample(plain, 99).tolist()
    # areas A (6 speeches), B, C (3 each): quotas 3, 1.5, 1.5; the spare one goes to B, met first
    area = ["A", "B", "A", "C", "A", "B", "A", "C", "A", "B", "A", "C"]
    meta = pd.DataFrame({"policy_area": area}, index=pd.Index([f"s{i}" for i in range(12)], name="doc_id"))
    d = tm.Dtm.from_tokens([["禁毒"]] * 12, meta)
    rows = fit_sample(d, 6)
    assert rows.tolist() == [1, 2, 6, 7, 9, 10]  # A: its 2nd, 4th, 6th; B: 1st, 3rd; C: 2nd
    assert [area[r] for r in rows] == ["B", "A", "A", "C", "B", "A"]
    # a missing area is a stratum of its own; year and area together make the strata
    meta2 = pd.DataFrame({"policy_area": ["A", None, "A", None], "year": [2020, 2020, 2021, 2021]},
                         index=pd.Index(list("wxyz"), name="doc_id"))
    assert fit_sample(tm.Dtm.from_tokens([["禁毒"]] * 4, meta2), 4).tolist() == [0, 1, 2, 3]
    assert fit_sample(tm.Dtm.from_tokens([["禁毒"]] * 4, meta2), 2).tolist() == [0, 1]
    with pytest.raises(tm.InputError, match=r"size=0: expected a whole number >= 1"):
        fit_sample(plain, 0)


def test_sampled_choose_k_agrees_with_the_full_fits():
    from textmine.topics import _choose_k

    dtm = _areas_dtm()
    ks = [2, 3, 4, 5]
    full = tm.choose_k(dtm, ks, n_terms=5, max_fit_docs=None)
    sampled, models = _choose_k(dtm, ks, n_terms=5, max_fit_docs=16)  # 4 speeches of each area
    pick = lambda df: int(df.loc[df["coherence"].idxmax(), "k"])  # noqa: E731
    assert pick(full) == pick(sampled) == 4
    # the sampled top terms are scored on all 32 speeches: 0.673 against the full fits' 0.687
    assert abs(full.coherence[2] - sampled.coherence[2]) < 0.02
    for model in (models[4], tm.fit_topics(dtm, 4, max_fit_docs=None)):
        groups = {frozenset(a for a, w in THEMES.items() if t in w) for t in model.top_terms(5).term}
        assert all(len(g) == 1 for g in groups) and len(groups) == 4  # each topic one area's terms
    m = models[4]  # every training speech has its shares, from the sample's model
    assert m.doc_topics_.index.tolist() == dtm.doc_ids and np.allclose(m.doc_topics_.sum(axis=1), 1)
    lead = m.doc_topics_.to_numpy().argmax(axis=1)
    areas = dtm.docs["policy_area"].to_numpy()
    assert all(len(set(lead[areas == a])) == 1 for a in THEMES) and len(set(lead)) == 4
    pd.testing.assert_frame_equal(m.doc_topics_, m.transform(dtm), check_exact=True)
    assert tm.topic_trend(m, dtm, by="policy_area").shape == (4, 4)
    ref = tm.fit_topics(dtm, 4, random_state=0, max_fit_docs=16)  # the very model fit_topics fits
    assert ref.labels_ == m.labels_ and np.array_equal(ref.components_, m.components_)
    pd.testing.assert_frame_equal(ref.doc_topics_, m.doc_topics_, check_exact=True)


def _types_pickled(obj) -> set[type]:
    import io
    import pickle

    seen: set[type] = set()

    class Spy(pickle.Pickler):
        def persistent_id(self, o):  # called for every object pickled
            seen.add(type(o))
            return None

    Spy(io.BytesIO()).dump(obj)
    return seen


def test_the_search_for_the_report_sends_back_the_best_model_only(monkeypatch):
    """What the report's worker sends back: the scores, the chosen k's TopicModel and its topic
    comparison, not the Dtm."""
    import functools
    import importlib

    from textmine.topics import _choose_k, best_k

    analyse_module = importlib.import_module("textmine.report.analyse")  # the module, not the function
    monkeypatch.setattr(analyse_module, "_choose_k", functools.partial(_choose_k, max_fit_docs=16))
    dtm = _areas_dtm()
    ks = [2, 3, 4, 5]
    scores, models = _choose_k(dtm, ks, max_fit_docs=16)
    assert tm.Dtm in _types_pickled((scores, models))  # the lazy models hold the Dtm and its TF-IDF
    speech, corpus = dtm.select(dtm.doc_ids[:1]), dtm.drop_docs(dtm.doc_ids[:1])
    found, best, compared = analyse_module._topics_aside(dtm, ks, 0, speech, corpus, None)
    pd.testing.assert_frame_equal(found, scores, check_exact=True)
    assert best_k(found) == 4
    assert tm.Dtm not in _types_pickled((found, best, compared))
    ref = models[4]
    assert best.labels_ == ref.labels_ and np.array_equal(best.components_, ref.components_)
    pd.testing.assert_frame_equal(best.doc_topics_, ref.doc_topics_, check_exact=True)
    pd.testing.assert_frame_equal(compared, tm.topic_comparison(speech, corpus, ref), check_exact=True)


def test_best_k_is_the_first_of_the_highest_coherence():
    from textmine.topics import best_k

    scores = pd.DataFrame({"k": [3, 4, 5, 6], "coherence": [0.21, 0.35, 0.35, 0.1]})
    assert best_k(scores) == 4


def test_below_max_fit_docs_nothing_is_sampled():
    from textmine.topics import _choose_k

    dtm = _areas_dtm()
    full = tm.choose_k(dtm, [3, 4], n_terms=5, max_fit_docs=None)
    for limit in (32, 1000):  # 32 documents: not more than max_fit_docs
        scores, models = _choose_k(dtm, [3, 4], n_terms=5, max_fit_docs=limit)
        pd.testing.assert_frame_equal(scores, full, check_exact=True)
        ref = tm.fit_topics(dtm, 4, max_fit_docs=None)
        pd.testing.assert_frame_equal(models[4].doc_topics_, ref.doc_topics_, check_exact=True)
    pd.testing.assert_frame_equal(tm.choose_k(dtm, [3, 4], n_terms=5), full, check_exact=True)  # the default


def test_bad_max_fit_docs():
    dtm = _areas_dtm()
    for bad in (1, 0, True, 2.5, "16"):
        with pytest.raises(tm.InputError, match=r"max_fit_docs=.*: expected a whole number >= 2, or None"):
            tm.choose_k(dtm, [3], max_fit_docs=bad)
        with pytest.raises(tm.InputError, match=r"max_fit_docs=.*: expected a whole number >= 2, or None"):
            tm.fit_topics(dtm, 3, max_fit_docs=bad)
    with pytest.raises(tm.InputError, match=r"k=5 exceeds max_fit_docs=4, the documents a model is fitted on"):
        tm.choose_k(dtm, [3, 5], max_fit_docs=4)
    with pytest.raises(tm.InputError, match=r"k=5 exceeds max_fit_docs=4"):
        tm.fit_topics(dtm, 5, max_fit_docs=4)
