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


# ----------------------------------------------------------------------------- streaming (one query)

EDGE = SPEECHES + [
    # d's sentences again, one of them twice, and a document holding only short or Han-free sentences
    tm.Document("e", "加强基层社会治理，推进市域社会治理现代化。加强基层社会治理，推进市域社会治理现代化。"
                     "持续深化放管服改革，优化营商环境，激发各类市场主体活力。"),
    tm.Document("f", "好。是。好好好好。OK!要抓落实。"),
]
TARGETS = EDGE + [
    tm.Document("t", "好。加强基层社会治理，推进市域社会治理现代化！全面推进乡村振兴，加快农业农村现代化建设步伐。"
                     "我们今天另说一件新事情好不好呢。"),
    tm.Document("empty", "OK."),  # no Chinese: no sentence at all unless min_chars=0
]


@pytest.mark.parametrize("ngram", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("min_chars", [0, 10])
def test_streamed_reuse_equals_the_exhaustive_index(monkeypatch, ngram, min_chars):
    """text_reuse given a corpus streams it; the result is frame for frame that of a full index."""
    streamed = {(d.doc_id, t): tm.text_reuse(d, EDGE, ngram=ngram, min_chars=min_chars, threshold=t)
                for d in TARGETS for t in (0.3, 0.5, 1.0)}
    _exhaustive(monkeypatch)  # every query of the index scores the full sparse product
    index = ReuseIndex(EDGE, ngram=ngram, min_chars=min_chars)
    targets = {d.doc_id: d for d in TARGETS}
    n = 0
    for (doc_id, t), s in streamed.items():
        e = index.query(targets[doc_id], threshold=t)
        pd.testing.assert_frame_equal(s.matches, e.matches)
        pd.testing.assert_frame_equal(s.ratios, e.ratios)
        pd.testing.assert_frame_equal(s.sentences, e.sentences)
        n += len(s.matches)
    assert n > 0
    if (ngram, min_chars) == (3, 10):
        m = streamed["a", 0.5].matches
        assert set(zip(m.source_id, m.exact)) == {("b", False), ("c", True)}
        # t's 好 is too short; its 治理 sentence is d's verbatim, e's twice, and c's nearly (its 15 distinct
        # trigrams of c's 19: 社会治理 is twice in each); its 振兴 sentence is b's verbatim and c's nearly
        m = streamed["t", 0.5].matches
        assert list(zip(m.source_id, m.exact, m.source_start)) == [
            ("d", True, 28), ("e", True, 0), ("e", True, 21), ("c", False, 29), ("b", True, 37), ("c", False, 54)]
        assert m.jaccard.iloc[3] == 15 / 19
        assert streamed["empty", 0.5].matches.empty and streamed["empty", 0.5].ratios.reuse_ratio.eq(0).all()
    if (ngram, min_chars) == (3, 0):  # short sentences are their own shingle: 好 is found in f alone
        m = streamed["t", 1.0].matches
        assert m[m.target_sentence == "好。"].source_id.tolist() == ["f"]


@pytest.mark.parametrize("ngram", [1, 2, 3, 4, 5])
def test_shingle_keys_are_the_shingles(ngram):
    from textmine.reuse import _distinct, _shingle_keys, _shingles

    hans = ["", "好", "好好", "好好好好", "推进市域社会治理现代化", "社会治理", "理社会治", "㐀㐁㐂丽"]
    keys, rows, ids = _distinct(*_shingle_keys(hans, ngram))
    for a in range(len(hans)):
        for b in range(len(hans)):
            shared = len(set(ids[rows == a]) & set(ids[rows == b]))
            assert shared == len(_shingles(hans[a], ngram) & _shingles(hans[b], ngram)), (hans[a], hans[b])
        assert (rows == a).sum() == len(_shingles(hans[a], ngram))
    index = ReuseIndex([tm.Document("x", "推进市域社会治理现代化。")], ngram=ngram, min_chars=0)
    assert sorted(index._vocab) == sorted(_shingles("推进市域社会治理现代化", ngram))


def test_document_sentences_as_arrays_are_the_sentences(ccorpus):
    """The streamed path's sentences (offsets and Han code points, no str each) are _sentences'."""
    from textmine.reuse import _doc_sentences, _sentences

    odd = tm.Document("odd", "  好。\n\n\u3000加强基层社会治理\U00020000，推进市域\ud800社会治理现代化。 \n OK! 丽㐀\n")
    n = 0
    for doc in [*EDGE, odd, tm.Document("none", "OK"), *ccorpus]:
        for min_chars in (0, 1, 10, 20):
            want = _sentences(doc, min_chars)
            start, end, lens, codes = _doc_sentences(doc, min_chars)
            assert list(zip(start.tolist(), end.tolist())) == [(s, e) for s, e, *_ in want]
            assert lens.tolist() == [len(h) for *_, h in want]
            assert codes.astype("<u4").tobytes().decode("utf-32-le") == "".join(h for *_, h in want)
            n += len(want)
    assert n > 1000
    # the astral 𠀀 and the lone surrogate are not Han here (_text.HAN says so), 丽㐀 are
    assert [h for *_, h in _sentences(odd, 0)] == ["好", "加强基层社会治理推进市域社会治理现代化", "丽㐀"]
