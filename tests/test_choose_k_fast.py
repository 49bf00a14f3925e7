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
