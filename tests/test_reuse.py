"""Text reuse: exact ratios and their denominator, the ReuseIndex, acceptance on the bundled and real corpora."""

from __future__ import annotations

import re
from dataclasses import FrozenInstanceError

import pandas as pd
import pytest

import textmine as tm

A = "必须坚持党委政府统一领导、有关部门齐抓共管的工作格局。"  # 25 Chinese characters
C = "好。"  # 1: below min_chars, not counted anywhere
B = "今年要把禁毒宣传教育延伸到每一所学校。"  # 18
D = "各县区要在六月底前完成排查整治任务。"  # 17: the target's own
REFERENCE = tm.Corpus([
    tm.Document("s1", "会议强调：必须坚持党委政府统一领导，有关部门齐抓共管的工作格局！"),  # A nearly
    tm.Document("s2", "去年的经验很好。今年要把禁毒宣传教育延伸到每一所学校。"),  # B verbatim
    tm.Document("s3", "农村地区要持续开展禁种铲毒的踏查工作。"),
])


def test_reuse_ratios_share_the_targets_sentence_characters():
    r = tm.text_reuse(tm.Document("t", A + C + B + D), REFERENCE, min_chars=10)
    assert r.sentences.text.tolist() == [A, B, D] and r.sentences.n_chars.tolist() == [25, 18, 17]
    assert r.sentences.reused.tolist() == [True, True, False]
    assert r.sentences.best_source.tolist()[:2] == ["s1", "s2"]
    # every document's ratio has the same denominator: the target's 25 + 18 + 17 = 60 sentence characters
    ratios = r.ratios.set_index("doc_id")
    assert ratios.index.tolist() == ["s1", "s2", "s3"]
    assert ratios.reused_chars.tolist() == [25, 18, 0] and ratios.n_matches.tolist() == [1, 1, 0]
    assert ratios.reuse_ratio.tolist() == [25 / 60, 18 / 60, 0.0]
    assert r.reuse_ratio == 43 / 60
    assert r.original.text.tolist() == [D]
    m = r.matches
    assert m.source_id.tolist() == ["s1", "s2"] and m.exact.tolist() == [False, True]
    # s1's sentence has 4 more characters (会议强调): A's 23 trigrams of its 27 → Jaccard 23/27
    assert m.jaccard.tolist() == [pytest.approx(23 / 27), 1.0]
    assert m.target_start.tolist() == [0, len(A + C)]


# ----------------------------------------------------------------------------- text reuse

def _han(s: str) -> str:
    return re.sub(r"[^\u4e00-\u9fff]", "", s)


def test_acceptance_text_reuse_recovers_the_truth(ccorpus):
    truth = pd.read_csv(tm.BUNDLED_CORPUS.parent / "reuse_truth.csv")
    expected = {(min(a, b), max(a, b), _han(s)) for a, b, s in zip(truth.target_id, truth.source_id, truth.sentence)}
    found = set()
    index = tm.ReuseIndex(ccorpus)  # indexed once for the 43 queries
    for doc in ccorpus:
        r = tm.text_reuse(doc, index)
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


# Wikisource's 1954 report is in traditional characters (its PROVENANCE.md says so); clean() converts
# it to simplified script (OpenCC), so it pairs with the simplified textworkshop17 copy like the others.
TRADITIONAL_TWINS = {1954}


def test_work_report_twins_pair_only_with_each_other():
    """Each textworkshop17 report is paired with its Wikisource twin (same year) and no other year."""
    from conftest import gwr_files, wiki_records

    files = gwr_files()
    wiki = [r for r in wiki_records() if r.get("year")]
    ws = tm.clean(tm.Corpus([tm.Document(f"w{r['year']}", r["content"], meta={"year": int(r["year"])})
                             for r in wiki]))
    years = {d.meta["year"] for d in ws}
    index = tm.ReuseIndex(ws)
    checked = 0
    for f in files:
        year = int(f.name[:4])
        doc = tm.clean(tm.read_document(f, doc_id=f"t{year}"))
        ratios = tm.text_reuse(doc, index).ratios.set_index("doc_id").reuse_ratio
        paired = sorted(ratios[ratios >= 0.5].index)
        if year in years:
            assert paired == [f"w{year}"], (f.name, ratios.head(3).to_dict())
            checked += 1
        else:  # no twin (1989–91, 1996 are missing from Wikisource)
            assert paired == [], (f.name, ratios.head(3).to_dict())
    print(f"{checked} twin pairs found, no cross-year pairs")
    assert checked == 45  # 44 simplified twins and the converted traditional one (TRADITIONAL_TWINS)


def test_reuse_index_is_built_once_kept_and_immutable():
    index = tm.ReuseIndex(REFERENCE, min_chars=10)
    assert index.doc_ids == ("s1", "s2", "s3") and index.n_sentences == 3 and (index.ngram, index.min_chars) == (3, 10)
    first = tm.text_reuse(tm.Document("t", A + C + B + D), index)
    again = tm.text_reuse(tm.Document("t", A + C + B + D), REFERENCE, min_chars=10)
    assert first.ratios.equals(again.ratios) and first.matches.equals(again.matches)
    assert tm.text_reuse(B, index).ratios.reuse_ratio.tolist() == [1.0, 0.0, 0.0]  # a str target
    with pytest.raises(FrozenInstanceError, match="ReuseIndex is immutable"):
        index.ngram = 4
    with pytest.raises(tm.InputError, match="ngram=4 but the ReuseIndex was built with ngram=3"):
        tm.text_reuse(B, index, ngram=4)
    with pytest.raises(tm.InputError, match="min_chars=20 but the ReuseIndex was built with min_chars=10"):
        tm.text_reuse(B, index, min_chars=20)
    assert "_INDEX_CACHE" not in vars(tm.reuse)  # no module-global cache any more


def test_text_reuse_leaves_out_the_target_and_takes_the_deprecated_corpus_keyword():
    ref = tm.Corpus(list(REFERENCE) + [tm.Document("t", A + B)])
    r = tm.text_reuse(ref["t"], ref, min_chars=10)
    assert "t" not in r.ratios.doc_id.tolist() and "t" not in r.matches.source_id.tolist()
    with pytest.warns(DeprecationWarning, match=r"text_reuse\(corpus=...\) is deprecated; use reference="):
        old = tm.text_reuse(ref["t"], corpus=ref, min_chars=10)
    assert old.ratios.equals(r.ratios)
    with pytest.raises(tm.InputError, match="target is a int; expected a Document or a str"):
        tm.text_reuse(3, ref)
    with pytest.raises(tm.InputError, match=r"target holds 2 documents; expected exactly one"):
        tm.text_reuse([A, B], ref)
