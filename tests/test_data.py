"""The bundled synthetic corpus: metadata, lengths, areas, reuse truth, and no copying of the bundled speech."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import textmine as tm
from textmine.corpus import count_cjk

CORPUS = tm.BUNDLED_CORPUS
META = pd.read_csv(CORPUS / "metadata.csv", dtype=str, keep_default_na=False)
TRUTH = pd.read_csv(CORPUS.parent / "reuse_truth.csv", dtype=str, keep_default_na=False)
COLUMNS = ["id", "file", "title", "level", "place", "year", "date", "occasion", "policy_area", "speaker_role",
           "chars", "reuses", "source"]


def _text(file: str) -> str:
    return (CORPUS / file).read_text(encoding="utf-8")


def test_metadata_columns_and_files_agree():
    assert list(META.columns) == COLUMNS
    assert sorted(META.file) == sorted(p.name for p in CORPUS.glob("*.txt"))
    assert META.id.is_unique
    assert set(META.source) == {"written for textmine (synthetic)"}
    assert set(META.level) <= {"省", "市", "县", "区"}


def test_chars_counts_are_right_and_within_bounds():
    for row in META.itertuples():
        n = count_cjk(_text(row.file))
        assert n == int(row.chars), row.file
        assert 2500 <= n <= 7000, row.file


def test_policy_area_minimums_and_spread():
    counts = META.policy_area.value_counts()
    assert counts["禁毒"] >= 8
    others = counts.drop("禁毒")
    assert (others >= 3).sum() >= 10
    drugs = META[META.policy_area == "禁毒"]
    assert drugs.level.nunique() >= 3 and drugs.speaker_role.nunique() >= 5 and drugs.place.nunique() >= 8
    years = drugs.year.astype(int)
    assert years.min() >= 2015 and years.max() <= 2025 and years.nunique() >= 7


def test_genre_features_present_in_every_speech():
    with_subsections = 0
    for row in META.itertuples():
        t = tm.clean(tm.read_document(CORPUS / row.file)).text
        assert "同志们" in t, row.file
        assert re.search(r"^[一二三]、", t, re.M), row.file
        with_subsections += bool(re.search(r"^（[一二三]）", t, re.M))
        assert "《" in t and "“" in t, row.file
        assert re.search(r"一是.*二是", t, re.S), row.file
    # three speeches (c31, c34, c38) have sections without （一） subsections, as some real ones do
    assert with_subsections >= len(META) - 3


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"[。！？!?；;\n]", text) if count_cjk(s) >= 20]


def test_no_sentence_of_the_bundled_speech_in_the_corpus(speech):
    body = "".join(re.findall(r"[\u4e00-\u9fff]", "".join(_text(f) for f in META.file)))
    bundled = [re.sub(r"[^\u4e00-\u9fff]", "", s) for s in _sentences(speech.text)]
    assert len(bundled) > 50
    copied = [s for s in bundled if s in body]
    assert copied == []


def test_reuse_truth_sentences_occur_in_both_files():
    assert len(TRUTH) >= 12 and TRUTH.target_id.nunique() >= 5
    files = dict(zip(META.id, META.file))
    for row in TRUTH.itertuples():
        assert count_cjk(row.sentence) >= 30
        assert row.sentence in _text(files[row.target_id]), row
        assert row.sentence in _text(files[row.source_id]), row
    reuses = dict(zip(META.id, META.reuses))
    for t, s in set(zip(TRUTH.target_id, TRUTH.source_id)):
        assert s in reuses[t].split(";")


def test_load_corpus_reads_everything_with_metadata():
    c = tm.load_corpus(CORPUS)
    # the reuse ground truth lives beside the corpus folder (data/reuse_truth.csv), so nothing is skipped
    assert len(c) == len(META) and c.log.skipped == []
    assert sorted(c.ids) == sorted(META.id)
    d = c["c01"]
    assert d.meta["policy_area"] == "禁毒" and d.meta["year"] == 2015 and d.title == "在全县禁毒工作会议上的讲话"
    log = c.log.to_frame()
    assert (log.status == "read").sum() == len(META) and (log.status == "metadata").sum() == 1
    assert (log.status == "auxiliary").sum() == 0
