"""The cache of rendered files: a chart drawn before is copied, byte for byte, and only when nothing it depends on changed."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import textmine as tm
from textmine.report import FORMATS, filecache, render
from textmine.report.charts import CHARTS
from textmine.report.filecache import FileCache, digest


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def cache_on(tmp_path, monkeypatch):
    monkeypatch.setenv("TEXTMINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv(filecache.CACHE_ENV, "1")
    return tmp_path / "cache" / "files"


# --- digest -----------------------------------------------------------------------------------------

def _frame() -> pd.DataFrame:
    df = pd.DataFrame({"term": ["禁毒", "宣传", "社区"], "g2": [12.5, 3.25, 0.5], "n": [9, 4, 1]})
    df.attrs["labels"] = ("讲话", "参照")
    return df


def test_equal_tables_have_one_digest_however_their_strings_are_shared():
    a = _frame()
    b = _frame()
    b["term"] = ["".join(["禁", "毒"]), "宣" + "传", "社" + "区"]  # equal strings, other objects
    assert digest(a) == digest(b) == digest(a.copy())


@pytest.mark.parametrize("change", ["ulp", "attrs", "column", "row order", "dtype", "index"])
def test_any_change_a_chart_could_draw_changes_the_digest(change):
    a, b = _frame(), _frame()
    if change == "ulp":
        b.loc[1, "g2"] = np.nextafter(3.25, 4)
    elif change == "attrs":
        b.attrs["labels"] = ("讲话", "语料")
    elif change == "column":
        b = b.rename(columns={"g2": "G2"})
    elif change == "row order":
        b = b.iloc[[1, 0, 2]].reset_index(drop=True)
    elif change == "dtype":
        b["n"] = b["n"].astype(float)
    else:
        b.index = [5, 6, 7]
    assert digest(a) != digest(b)


def test_categorical_order_and_nested_values_are_digested():
    s1 = pd.Series(pd.Categorical(["甲", "乙"], categories=["甲", "乙"]))
    s2 = pd.Series(pd.Categorical(["甲", "乙"], categories=["乙", "甲"]))
    assert digest(s1) != digest(s2)
    assert digest({"b": [1, (2, 3.0)], "a": None}) == digest({"a": None, "b": [1, (2, 3.0)]})
    assert digest([1, 2]) != digest((1, 2)) != digest([1.0, 2.0])


def test_a_value_that_cannot_be_digested_by_content_is_refused():
    class Opaque:
        pass

    with pytest.raises(TypeError, match="cannot digest a Opaque by content"):
        digest({"x": Opaque()})


# --- the chart cache ----------------------------------------------------------------------------------

def test_a_chart_drawn_before_is_copied_and_identical(tiny_result, tmp_path, cache_on, monkeypatch):
    drawn1, skipped1 = render.render_charts(tiny_result, tmp_path / "one", formats=["png", "svg"], workers=1)
    assert len(drawn1) >= 15 and len(list(cache_on.iterdir())) == 2 * len(drawn1)

    def must_not_draw(job):
        raise AssertionError(f"{job.name} was drawn again")

    monkeypatch.setattr(render, "_draw", must_not_draw)
    drawn2, skipped2 = render.render_charts(tiny_result, tmp_path / "two", formats=["png", "svg"], workers=1)
    assert skipped2 == skipped1
    assert {n: (t, w, [p.name for p in ps]) for n, (t, w, ps) in drawn2.items()} == \
        {n: (t, w, [p.name for p in ps]) for n, (t, w, ps) in drawn1.items()}
    assert _digests(tmp_path / "two") == _digests(tmp_path / "one")


def test_a_changed_input_or_plot_function_is_drawn_again(tiny_result, tmp_path, cache_on, monkeypatch):
    import textmine.plots as plots

    spec = next(s for s in CHARTS if s.name == "top_terms")
    render.render_charts(tiny_result, tmp_path / "one", formats=["png"], charts=[spec], workers=1)
    calls = []
    original = render._draw

    def counting(job):
        calls.append(job.name)
        return original(job)

    monkeypatch.setattr(render, "_draw", counting)
    render.render_charts(tiny_result, tmp_path / "two", formats=["png"], charts=[spec], workers=1)
    assert calls == []
    # another format is another key
    render.render_charts(tiny_result, tmp_path / "three", formats=["png", "svg"], charts=[spec], workers=1)
    assert calls == ["top_terms"]
    # a plot function put in its place (a notebook's own) is never answered from the cache
    real = plots.plot_top_terms
    monkeypatch.setattr(plots, "plot_top_terms", lambda table, **kw: real(table.head(3), **kw))
    render.render_charts(tiny_result, tmp_path / "four", formats=["png"], charts=[spec], workers=1)
    assert calls == ["top_terms", "top_terms"]
    assert _digests(tmp_path / "four")["top_terms.png"] != _digests(tmp_path / "one")["top_terms.png"]


def test_cache_off_by_environment_or_argument(tiny_result, tmp_path, monkeypatch):
    monkeypatch.setenv("TEXTMINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv(filecache.CACHE_ENV, "0")
    spec = next(s for s in CHARTS if s.name == "top_terms")
    render.render_charts(tiny_result, tmp_path / "one", formats=["png"], charts=[spec], workers=1)
    assert not (tmp_path / "cache" / "files").exists()
    render.render_charts(tiny_result, tmp_path / "two", formats=["png"], charts=[spec], workers=1, cache=True)
    assert len(list((tmp_path / "cache" / "files").iterdir())) == 1
    monkeypatch.setenv(filecache.CACHE_ENV, "1")
    render.render_charts(tiny_result, tmp_path / "three", formats=["png"], charts=[spec], workers=1, cache=False)
    assert len(list((tmp_path / "cache" / "files").iterdir())) == 1


def test_the_whole_pack_from_a_warm_cache_is_byte_identical(tiny_files, tmp_path, cache_on, monkeypatch):
    from textmine.report import write_pptx, write_xlsx

    cold = tm.build_report(*tiny_files, out_dir=tmp_path / "cold", progress=False, k=2, formats=FORMATS)
    assert {"briefing.xlsx", "briefing.pptx", "top_terms.svg"} <= {p.name for p in cold.out_dir.iterdir()}

    def must_not_palettise(png):
        raise AssertionError(f"{png} palettised again")

    monkeypatch.setattr(write_pptx, "_palettised_bytes", must_not_palettise)
    monkeypatch.setattr(write_xlsx, "_write_workbook", lambda *a: (_ for _ in ()).throw(AssertionError("xlsx")))
    monkeypatch.setattr(render, "_draw", lambda job: (_ for _ in ()).throw(AssertionError(job.name)))
    warm = tm.build_report(*tiny_files, out_dir=tmp_path / "warm", progress=False, k=2, formats=FORMATS)
    assert warm.skipped == cold.skipped and warm.findings == cold.findings
    assert _digests(warm.out_dir) == _digests(cold.out_dir)


def test_the_cache_keeps_the_recently_used_files_within_its_size(tmp_path):
    store = FileCache(tmp_path / "c", max_bytes=250)
    src = tmp_path / "x.png"
    for i in range(4):
        src.write_bytes(bytes([i]) * 100)
        store.store(f"k{i}", [src])
        os.utime(store.path(f"k{i}", "png"), ns=(i * 10 ** 9, i * 10 ** 9))
        store._prune()
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == ["k2.png", "k3.png"]
    assert store.fetch("k3", ["png"], tmp_path / "out" / "chart") == [tmp_path / "out" / "chart.png"]
    assert store.fetch("k0", ["png"], tmp_path / "out" / "gone") is None
    assert store.fetch("k3", ["png", "svg"], tmp_path / "out" / "half") is None  # only whole sets are used


def test_a_cache_that_cannot_be_written_only_costs_time(tiny_result, tmp_path, monkeypatch):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("TEXTMINE_CACHE_DIR", str(blocker))
    spec = next(s for s in CHARTS if s.name == "top_terms")
    drawn, skipped = render.render_charts(tiny_result, tmp_path / "one", formats=["png"], charts=[spec], workers=1,
                                          cache=True)
    assert skipped == [] and [p.name for p in drawn["top_terms"][2]] == ["top_terms.png"]


# --- the cache of analyses ----------------------------------------------------------------------------

def test_a_second_report_on_the_same_inputs_is_not_analysed_again(tiny_files, tmp_path, cache_on, monkeypatch):
    from textmine.report import resultcache

    cold = tm.build_report(*tiny_files, out_dir=tmp_path / "cold", progress=False, k=2, formats=["csv", "md"])
    monkeypatch.setattr(resultcache, "analyse", lambda *a, **kw: (_ for _ in ()).throw(AssertionError("analysed")))
    warm = tm.build_report(*tiny_files, out_dir=tmp_path / "warm", progress=False, k=2, formats=["csv", "md"])
    assert warm.findings == cold.findings
    assert _digests(warm.out_dir) == _digests(cold.out_dir)
    # another option, another key: analysed (and so refused by the stand-in above)
    with pytest.raises(AssertionError, match="analysed"):
        tm.build_report(*tiny_files, out_dir=tmp_path / "k3", progress=False, k=3, formats=["csv"])


def test_the_analysis_key_changes_with_any_text_metadata_or_option(tiny):
    from textmine.report import BriefingOptions
    from textmine.report.resultcache import analysis_key

    doc, corpus = tiny
    base = analysis_key(doc, corpus, BriefingOptions(k=2))
    assert analysis_key(doc, corpus, BriefingOptions(k=2)) == base
    from dataclasses import replace

    edited = replace(doc, text=doc.text + "要狠抓落实。")
    assert analysis_key(edited, corpus, BriefingOptions(k=2)) != base
    retitled = replace(doc, title="另一个标题")
    assert analysis_key(retitled, corpus, BriefingOptions(k=2)) != base
    assert analysis_key(doc, corpus, BriefingOptions(k=2, top_terms=5)) != base


def test_an_unreadable_cached_analysis_is_analysed_again(tiny, cache_on):
    from textmine.report import BriefingOptions
    from textmine.report.resultcache import analysis_key, cached_analyse

    doc, corpus = tiny
    first = cached_analyse(doc, corpus, options=BriefingOptions(k=2))
    (cache_on / f"{analysis_key(doc, corpus, BriefingOptions(k=2))}.pickle").write_bytes(b"not a pickle")
    again = cached_analyse(doc, corpus, options=BriefingOptions(k=2))
    pd.testing.assert_frame_equal(again.top_terms, first.top_terms)


def test_a_pickled_topic_model_transforms_as_the_fitted_one(tiny_result):
    import pickle

    model = tiny_result.model
    loaded = pickle.loads(pickle.dumps(model))
    assert type(loaded._model).__name__ == "_Pickled"  # not unpickled (no scikit-learn import) until used
    text = "要深入推进垃圾分类，完善分类投放、分类收集、分类运输、分类处理体系。"
    pd.testing.assert_frame_equal(loaded.transform(text), model.transform(text))
