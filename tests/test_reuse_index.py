"""Text reuse: the prefix-filtered index finds exactly the matches of the exhaustive comparison."""

from __future__ import annotations

import pandas as pd
import pytest

import textmine as tm
from textmine.reuse import ReuseIndex

SPEECHES = [
    tm.Document("a", "要坚持党委统一领导、政府依法负责、部门齐抓共管、社会广泛参与的工作格局。"
                     "各级政府要把安全生产责任落实到每一个岗位每一名职工身上。"
                     "深入开展重点行业领域安全隐患排查整治，坚决遏制重特大事故发生。"),
    tm.Document("b", "必须坚持党委统一领导、政府依法负责、部门齐抓共管、社会广泛参与的工作格局。"
                     "全面推进乡村振兴，加快农业农村现代化建设步伐。"
                     "深入开展重点行业领域安全隐患排查整治工作，坚决遏制重特大事故的发生。"),
    tm.Document("c", "各级政府要把安全生产责任落实到每一个岗位、每一名职工身上。"
                     "加强基层社会治理，推进市域社会治理现代化试点工作。"
                     "全面推进乡村振兴，加快农业农村现代化建设的步伐。"),
    tm.Document("d", "持续深化放管服改革，优化营商环境，激发各类市场主体活力。"
                     "加强基层社会治理，推进市域社会治理现代化。"),
]


def _exhaustive(monkeypatch):
    original = ReuseIndex._candidates
    monkeypatch.setattr(ReuseIndex, "_candidates",
                        lambda self, tm_, ta, t, exhaustive=False: original(self, tm_, ta, t, exhaustive=True))


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7, 0.9, 1.0])
def test_indexed_reuse_equals_exhaustive(monkeypatch, threshold):
    index = ReuseIndex(SPEECHES, min_chars=10)
    index._prefix_postings(threshold)  # every query below takes the indexed path
    fast = [index.query(d, threshold=threshold) for d in SPEECHES]
    _exhaustive(monkeypatch)
    slow = [index.query(d, threshold=threshold) for d in SPEECHES]
    for f, s in zip(fast, slow):
        pd.testing.assert_frame_equal(f.matches, s.matches)
        pd.testing.assert_frame_equal(f.ratios, s.ratios)
        pd.testing.assert_frame_equal(f.sentences, s.sentences)
    if threshold == 0.5:  # the near copies are found, with their exact scores
        m = fast[0].matches
        assert set(zip(m.source_id, m.exact)) == {("b", False), ("c", True)}
        assert len(fast[3].matches) == 1 and fast[3].matches.source_id.tolist() == ["c"]


def test_indexed_reuse_leaves_out_pairs_without_a_shared_rare_shingle():
    index = ReuseIndex(SPEECHES, min_chars=10)
    t = tm.Document("t", "全面推进乡村振兴，加快农业农村现代化建设步伐。")
    from textmine.reuse import _sentences, _shingles
    import numpy as np
    import scipy.sparse as sp

    grams = _shingles(_sentences(t, 10)[0][3], 3)
    cols = [index._vocab[g] for g in grams if g in index._vocab]
    tm_ = sp.csr_matrix((np.ones(len(cols), dtype=np.float32), ([0] * len(cols), cols)),
                        shape=(1, len(index._vocab)))
    ta = np.array([float(len(grams))])
    ii, jj, _ = index._candidates(tm_, ta, 0.5)
    ie, je, _ = index._candidates(tm_, ta, 0.5, exhaustive=True)
    assert len(jj) < len(je)  # fewer pairs scored than the exhaustive product touches
    srcs = {index._sents[j][0] for j in jj}
    assert srcs == {"b", "c"}
