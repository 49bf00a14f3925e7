"""analyse(): pure (no file written, the caller's corpus untouched), one tokenizer pass, every option used."""

from __future__ import annotations

import builtins
import os
import signal
import io
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import textmine as tm
from textmine.keywords import _section_tokens
from textmine.report import BriefingOptions, BriefingResult, analyse
from textmine.structure import sentence_spans


def test_result_holds_every_table(tiny_result):
    r = tiny_result
    assert isinstance(r, BriefingResult) and r.n_reference == 4 and r.k == 2 and r.unavailable == {}
    for name in ("outline", "enumerations", "formulas", "references", "targets", "duties", "section_keywords",
                 "top_terms", "keyness", "peer_keyness", "similar_documents", "topics", "topic_comparison",
                 "wordcloud", "dispersion", "section_topics", "cooccurrence", "topic_trend", "ingest_log"):
        assert isinstance(getattr(r, name), pd.DataFrame), name
    assert r.choose_k is None  # k was given
    assert r.similar_documents.doc_id.tolist()[:2] == ["p01", "p02"]  # the two other waste-sorting speeches
    assert r.reuse.sentences.reused.sum() == 1  # 垃圾分类是一项长期工作… is in p01 too
    with pytest.raises(AttributeError):
        r.k = 3  # frozen


def test_analyse_writes_no_files(tiny, tmp_path, monkeypatch):
    real_open = builtins.open

    def read_only_open(file, mode="r", *args, **kwargs):
        if any(m in mode for m in "wax+"):
            raise AssertionError(f"analyse() opened {file} for writing")
        return real_open(file, mode, *args, **kwargs)

    def refuse(*args, **kwargs):
        raise AssertionError(f"analyse() wrote {args[:1]}")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(builtins, "open", read_only_open)
    monkeypatch.setattr(io, "open", read_only_open)
    for name in ("write_text", "write_bytes", "mkdir", "touch"):
        monkeypatch.setattr(Path, name, refuse)
    monkeypatch.setattr(pd.DataFrame, "to_csv", refuse)
    result = analyse(*tiny, options=BriefingOptions(k=2), tokenizer=tm.Tokenizer(cache=False))
    assert len(result.top_terms) == 20
    assert list(tmp_path.iterdir()) == []


def test_the_callers_corpus_log_is_not_changed(tiny_files, tmp_path):
    speech, folder = tiny_files
    corpus = tm.load_corpus(folder)
    english = tm.Document(doc_id="en01", text="A speech with no Chinese in it.", source="en01.txt")
    corpus = tm.Corpus(list(corpus) + [english], log=corpus.log)
    before = list(corpus.log.entries)
    result = analyse(tm.read_document(speech), corpus, options=BriefingOptions(k=2))
    assert corpus.log.entries == before
    assert result.ingest_log.iloc[:len(before)].equals(corpus.log.to_frame())
    added = result.ingest_log.iloc[len(before):]
    assert added[["path", "status"]].values.tolist() == [["en01.txt", "skipped"]]
    assert result.n_reference == 4

    rep = tm.build_report(speech, corpus, out_dir=tmp_path, formats=["csv"], k=2, progress=False)
    assert corpus.log.entries == before
    assert "corpus file en01.txt: no Chinese text; left out of the comparison" in rep.skipped


def test_the_speech_is_segmented_once(tiny, monkeypatch):
    """Every sentence of the speech goes through the tokenizer once; the whole speech and its sections never."""
    seen: list[str] = []
    real = tm.Tokenizer._values  # what tokenize_many and iter_tokens both go through

    def spy(self, texts, **kwargs):
        texts = [t.text if isinstance(t, tm.Document) else t for t in texts]
        seen.extend(texts)
        return real(self, texts, **kwargs)

    monkeypatch.setattr(tm.Tokenizer, "_values", spy)
    speech, corpus = tiny
    analyse(speech, corpus, options=BriefingOptions(k=2), tokenizer=tm.Tokenizer(cache=False))
    text = tm.clean(speech).text
    sentences = [text[a:b] for a, b in sentence_spans(text)]
    assert Counter(t for t in seen if t in text) == Counter(sentences)
    peers = [d.text for d in tm.clean(corpus)]
    assert Counter(t for t in seen if t in peers) == Counter(peers)  # each corpus speech once too


def test_sentence_tokens_give_what_tokenizing_again_gives(tiny, tiny_result, tokenizer):
    s = tm.clean(tiny[0])
    toks = tokenizer.tokenize_many([s.text[a:b] for a, b in sentence_spans(s.text)])
    pd.testing.assert_frame_equal(tm.section_keywords(s, tokenizer=tokenizer, sentence_tokens=toks),
                                  tm.section_keywords(s, tokenizer=tokenizer))
    pd.testing.assert_frame_equal(tm.cooccurrence(s, n_terms=8, tokenizer=tokenizer, sentence_tokens=toks),
                                  tm.cooccurrence(s, n_terms=8, tokenizer=tokenizer))
    pd.testing.assert_frame_equal(
        tm.section_topics(s, tiny_result.model, level=2, tokenizer=tokenizer, sentence_tokens=toks),
        tm.section_topics(s, tiny_result.model, level=2, tokenizer=tokenizer))
    with pytest.raises(tm.InputError, match=r"sentence_tokens has 2 token lists; expected one per sentence of doc"):
        tm.section_keywords(s, tokenizer=tokenizer, sentence_tokens=toks[:2])


def test_sections_cut_inside_a_sentence_are_tokenized_on_their_own(tokenizer):
    text = "各乡镇要落实属地责任。城管局要加强督查，街道要抓好宣传。"
    toks = tokenizer.tokenize_many([text[a:b] for a, b in sentence_spans(text)])
    starts, ends = [0, 11, 20], [11, 20, len(text)]  # the second section ends inside the second sentence
    assert _section_tokens(text, starts, ends, tokenizer, toks) == [tokenizer.tokenize(text[a:b])
                                                                    for a, b in zip(starts, ends)]


@pytest.fixture(scope="module")
def small(tiny):
    """The tiny corpus analysed with every count option set below its default."""
    return analyse(*tiny, options=BriefingOptions(k=2, top_terms=3, topic_terms=2, wordcloud_terms=4,
                                                  cooccurrence_terms=3, dispersion_terms=2, heatmap_topics=1,
                                                  trend_topics=1, random_state=3))


@pytest.mark.parametrize("option, measure, value", [
    ("top_terms", lambda r: len(r.top_terms), 3),
    ("topic_terms", lambda r: {len(t.split("、")) for t in r.topics.terms}, {2}),
    ("wordcloud_terms", lambda r: len(r.wordcloud), 4),
    ("cooccurrence_terms", lambda r: len(set(r.cooccurrence.source) | set(r.cooccurrence.target)), 3),
    ("dispersion_terms", lambda r: r.dispersion.term.nunique(), 2),
    ("heatmap_topics", lambda r: r.section_topics.shape[1], 1),
    ("trend_topics", lambda r: r.topic_trend.shape[1], 1),
    ("random_state", lambda r: r.model.random_state, 3),
])
def test_each_option_reaches_its_table(small, tiny_result, option, measure, value):
    assert measure(small) == value
    assert measure(tiny_result) != value  # the default gives another table: the option made the difference


def test_k_candidates_are_tried_when_k_is_not_given(tiny):
    r = analyse(*tiny, options=BriefingOptions(k_candidates=(2, 3, 9)))
    assert r.choose_k.k.tolist() == [2, 3]  # 9 topics is more than the 5 documents
    assert r.k in (2, 3) and r.model.k == r.k


@pytest.mark.parametrize("changes, message", [
    ({"top_terms": 0}, r"top_terms=0: expected a whole number >= 1"),
    ({"keyness_terms": True}, r"keyness_terms=True: expected a whole number >= 1"),
    ({"similar_documents": 2.5}, r"similar_documents=2.5: expected a whole number >= 1"),
    ({"k": 0}, r"k=0: expected a whole number >= 1, or None"),
    ({"k_candidates": ()}, r"k_candidates=\(\): expected a non-empty sequence of whole numbers >= 2"),
    ({"k_candidates": "89"}, r"k_candidates='89': expected a sequence"),
    ({"random_state": -1}, r"random_state=-1: expected a whole number >= 0"),
    ({"n": 5}, r"'n' is not a BriefingOptions field"),
])
def test_options_are_checked(changes, message):
    with pytest.raises(tm.InputError, match=message):
        BriefingOptions().replace(**changes)


def test_options_are_frozen_and_replace_returns_a_copy():
    o = BriefingOptions()
    assert (o.top_terms, o.keyness_terms, o.similar_documents, o.wordcloud_terms, o.cooccurrence_terms) == \
        (20, 15, 10, 150, 30)
    p = o.replace(top_terms=5, k_candidates=[4, 5])
    assert (o.top_terms, p.top_terms, p.k_candidates) == (20, 5, (4, 5))
    with pytest.raises(AttributeError):
        o.top_terms = 3
    with pytest.raises(TypeError):
        BriefingOptions(5)  # keyword-only


@pytest.mark.parametrize("args, message", [
    (("不是文档", None), r"doc is a str; expected a Document"),
    ((None, ["x"]), r"reference is a list; expected a Corpus"),
])
def test_analyse_checks_its_arguments(tiny, args, message):
    doc = args[0] if args[0] is not None else tiny[0]
    ref = args[1] if args[1] is not None else tiny[1]
    with pytest.raises(tm.InputError, match=message):
        analyse(doc, ref)


def test_a_speech_alone_in_its_corpus_is_an_error(tiny):
    speech, _ = tiny
    with pytest.raises(tm.EmptyDocumentError, match="corpus is empty once the speech itself is left out"):
        analyse(speech, tm.Corpus([speech]))


def test_a_corpus_dtm_view_equals_counting_those_documents_afresh():
    from textmine.report.analyse import _rows

    tokens = [["垃圾", "分类", "垃圾"], ["食品", "安全"], ["分类", "收运"], ["食品", "抽检", "安全"]]
    ids = ["a", "b", "c", "d"]
    full = tm.Dtm.from_tokens(tokens, ids)
    view = _rows(full, ["b", "d"])
    fresh = tm.Dtm.from_tokens([tokens[1], tokens[3]], ["b", "d"])
    assert view.vocab == fresh.vocab == ("安全", "抽检", "食品")
    assert view.doc_ids == ["b", "d"] and (view.counts != fresh.counts).nnz == 0


def test_a_large_reference_is_sampled_for_the_profiles(tiny, monkeypatch):
    import importlib

    from textmine.report import BriefingOptions

    an = importlib.import_module("textmine.report.analyse")
    whole = an.analyse(*tiny, options=BriefingOptions(k=2))
    n = whole.n_reference
    assert n > 3
    assert set(whole.strength_profile.n_reference) == {n} and set(whole.textstats_percentiles.n_reference) == {n}
    monkeypatch.setattr(an, "MAX_PROFILE_DOCS", 3)
    part = an.analyse(*tiny, options=BriefingOptions(k=2))
    assert set(part.strength_profile.n_reference) == {3} and set(part.textstats_percentiles.n_reference) == {3}
    assert part.n_reference == n  # only the two profiles are sampled
    pd.testing.assert_frame_equal(part.keyness, whole.keyness)


def test_the_search_over_k_in_a_worker_gives_the_same_analysis(tiny, monkeypatch):
    """analyse runs choose_k in a forked worker while it goes on: the same scores and topics as serially."""
    import importlib

    from textmine import _workers

    analyse_module = importlib.import_module("textmine.report.analyse")  # the module, not the function

    options = BriefingOptions(k_candidates=(2, 3, 4))
    serial = analyse(*tiny, options=options)
    monkeypatch.setattr(_workers, "_cpus", lambda: 2)
    monkeypatch.delenv("TEXTMINE_WORKERS", raising=False)
    monkeypatch.setattr(_workers, "start_method", lambda: "fork")
    calls, pids = [], []

    def spy(fn, *args, **kwargs):
        calls.append(fn.__name__)

        def where(*a, **k):
            pids.append(os.getpid())
            return fn(*a, **k)
        return _workers.aside(where, *args, **kwargs)

    monkeypatch.setattr(analyse_module, "aside", spy)
    forked = analyse(*tiny, options=options)
    assert calls == ["_aside_work"]  # the search was started aside, once
    assert len(pids) == 0  # appended in the worker, so not in this process's list
    assert serial.choose_k is not None and len(serial.choose_k) >= 2
    pd.testing.assert_frame_equal(forked.choose_k, serial.choose_k)
    pd.testing.assert_frame_equal(forked.topics, serial.topics)
    pd.testing.assert_frame_equal(forked.topic_comparison, serial.topic_comparison, check_exact=True)
    pd.testing.assert_frame_equal(forked.section_topics, serial.section_topics, check_exact=True)
    # the similarity tables are made in the worker too
    pd.testing.assert_frame_equal(forked.similar_documents, serial.similar_documents, check_exact=True)
    pd.testing.assert_frame_equal(forked.reference_similarity, serial.reference_similarity, check_exact=True)
    assert forked.k == serial.k
    assert forked.unavailable == serial.unavailable


def test_the_report_process_imports_neither_scikit_learn_nor_scipy_stats(tmp_path):
    """Every use of scikit-learn runs in the worker, and the percentiles need no scipy.stats:
    the report's own process skips importing them (about 1.2 s of its start)."""
    import subprocess
    import sys

    code = ("import sys\nfrom textmine import _workers\nfrom textmine.report import build_report\n"
            "_workers._cpus = lambda: 2  # a worker even on a one-CPU machine, where all runs here\n"
            f"build_report(out_dir={str(tmp_path / 'out')!r}, formats=['csv'], progress=False)\n"
            "print(sorted(m for m in ('sklearn', 'scipy.stats') if m in sys.modules))")
    env = {k: v for k, v in os.environ.items() if k != "TEXTMINE_WORKERS"}
    env.update(TEXTMINE_CACHE_DIR=str(tmp_path / "cache"), TEXTMINE_FILE_CACHE="0")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_workers_errors_are_the_reports(tiny, monkeypatch):
    """An InputError of the topics in the worker skips the topics and keeps the similarity tables,
    just as in this process."""
    import importlib

    from textmine import _workers

    analyse_module = importlib.import_module("textmine.report.analyse")

    def no_topics(*a, **k):
        raise tm.InputError("k=99: expected at most 4 topics")

    monkeypatch.setattr(analyse_module, "_choose_k", no_topics)
    serial = analyse(*tiny)
    monkeypatch.setattr(_workers, "_cpus", lambda: 2)
    monkeypatch.delenv("TEXTMINE_WORKERS", raising=False)
    monkeypatch.setattr(_workers, "start_method", lambda: "fork")
    forked = analyse(*tiny)
    for r in (serial, forked):
        assert r.model is None and r.topics is None and r.section_topics is None
        assert r.unavailable["topics"] == "skipped: k=99: expected at most 4 topics"
        assert r.unavailable["section_topics"] == "skipped: k=99: expected at most 4 topics"
    pd.testing.assert_frame_equal(forked.similar_documents, serial.similar_documents, check_exact=True)
    assert list(forked.unavailable) == list(serial.unavailable)


def _sleep_long(_x: int) -> None:
    import time

    time.sleep(60)


def test_analyse_failing_before_it_waits_ends_the_search_over_k(tiny, monkeypatch):
    import importlib

    from textmine import _workers

    monkeypatch.setattr(_workers, "_cpus", lambda: 2)
    monkeypatch.delenv("TEXTMINE_WORKERS", raising=False)
    monkeypatch.setattr(_workers, "start_method", lambda: "fork")

    analyse_module = importlib.import_module("textmine.report.analyse")
    started, procs = [], []

    def spy(fn, *args, **kwargs):
        started.append(_workers.aside(_sleep_long, 0))
        procs.append(started[-1]._proc)
        return started[-1]

    def broken(doc):
        raise RuntimeError("结构提取失败")

    monkeypatch.setattr(analyse_module, "aside", spy)
    monkeypatch.setattr(analyse_module, "duties", broken)
    with pytest.raises(RuntimeError, match="结构提取失败"):
        analyse(*tiny, options=BriefingOptions(k_candidates=(2, 3)))
    assert len(started) == 1 and started[0]._proc is None and procs[0].exitcode == -signal.SIGTERM  # ended


def test_the_worker_never_touches_the_token_cache(tiny, monkeypatch, tmp_path):
    """The worker inherits this process's SQLite connection: using it from two processes could damage
    the file, so every token the worker needs is made here, before it starts."""
    import importlib

    from textmine import _workers
    from textmine.tokenize import cache as cache_module

    monkeypatch.setenv("TEXTMINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(_workers, "_cpus", lambda: 2)
    monkeypatch.delenv("TEXTMINE_WORKERS", raising=False)
    monkeypatch.setattr(_workers, "start_method", lambda: "fork")
    log = tmp_path / "pids.txt"
    db = cache_module.TokenCache._db

    def logged(self):
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        return db(self)

    monkeypatch.setattr(cache_module.TokenCache, "_db", logged)
    analyse_module = importlib.import_module("textmine.report.analyse")
    started = []
    real_aside = analyse_module.aside

    def spy(fn, *args, **kwargs):
        started.append(fn.__name__)
        return real_aside(fn, *args, **kwargs)

    monkeypatch.setattr(analyse_module, "aside", spy)
    result = analyse(*tiny, options=BriefingOptions(k_candidates=(2, 3)))
    assert started == ["_aside_work"] and result.section_topics is not None
    assert set(log.read_text(encoding="utf-8").split()) == {str(os.getpid())}


@pytest.mark.parametrize("error", [RuntimeError("相似度计算失败"), tm.InputError("reference is empty")])
def test_a_similarity_error_in_the_worker_is_raised_as_in_this_process(tiny, monkeypatch, error):
    """Made in the worker, the similarity still fails the analysis (an InputError is not taken for
    a reason to skip the topics)."""
    import importlib

    from textmine import _workers

    analyse_module = importlib.import_module("textmine.report.analyse")

    def broken(*a, **k):
        raise error

    monkeypatch.setattr(analyse_module, "similar_documents", broken)
    monkeypatch.setattr(_workers, "_cpus", lambda: 2)
    monkeypatch.delenv("TEXTMINE_WORKERS", raising=False)
    monkeypatch.setattr(_workers, "start_method", lambda: "fork")
    with pytest.raises(type(error), match=str(error)):
        analyse(*tiny, options=BriefingOptions(k_candidates=(2, 3)))
    monkeypatch.setenv("TEXTMINE_WORKERS", "1")
    with pytest.raises(type(error), match=str(error)):
        analyse(*tiny, options=BriefingOptions(k_candidates=(2, 3)))
