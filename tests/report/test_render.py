"""Charts drawn in worker processes: the same files as drawn in the main process, and the same reports of failure."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import textmine as tm
from textmine.report import FORMATS, render
from textmine.report.charts import CHARTS, draw_charts


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_charts_in_workers_are_byte_identical_to_serial(tiny_result, tmp_path, start_method):
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    drawn1, skipped1 = render.render_charts(tiny_result, serial, formats=["png", "svg"], workers=1)
    drawn2, skipped2 = render.render_charts(tiny_result, parallel, formats=["png", "svg"], workers=2,
                                            start_method=start_method)
    assert skipped2 == skipped1
    assert list(drawn2) == list(drawn1) == [s.name for s in CHARTS if s.name in drawn1]
    assert {n: (t, w) for n, (t, w, _) in drawn2.items()} == {n: (t, w) for n, (t, w, _) in drawn1.items()}
    assert len(drawn1) >= 15 and len(_digests(serial)) == 2 * len(drawn1)
    assert _digests(parallel) == _digests(serial)


def test_the_whole_pack_is_byte_identical_with_and_without_workers(tiny_files, tmp_path, monkeypatch):
    monkeypatch.setenv(render.WORKERS_ENV, "1")
    one = tm.build_report(*tiny_files, out_dir=tmp_path / "one", progress=False, k=2, formats=FORMATS)
    monkeypatch.setenv(render.WORKERS_ENV, "2")
    two = tm.build_report(*tiny_files, out_dir=tmp_path / "two", progress=False, k=2, formats=FORMATS)
    assert two.skipped == one.skipped and two.findings == one.findings
    digests = _digests(one.out_dir)
    assert {"briefing.pptx", "briefing.html", "briefing.md", "top_terms.png", "wordcloud.svg"} <= set(digests)
    assert _digests(two.out_dir) == digests


def test_a_chart_failing_in_a_worker_is_reported_not_fatal(tiny_result, tmp_path, monkeypatch):
    import textmine.plots as plots

    def broken(*args, **kwargs):
        raise TypeError("unsupported operand type(s) for +: 'int' and 'str'")

    def refusing(*args, **kwargs):
        raise tm.InputError("the tone table has no section")

    monkeypatch.setattr(plots, "plot_duties", broken)  # forked workers inherit the patch
    monkeypatch.setattr(plots, "plot_tone", refusing)
    drawn, skipped = render.render_charts(tiny_result, tmp_path, formats=["png"], workers=2, start_method="fork")
    assert skipped == ["chart duties: 未能生成：部门职责分工（TypeError: unsupported operand type(s) for +: 'int' and 'str'）",
                       "chart tone: the tone table has no section"]
    assert "duties" not in drawn and "tone" not in drawn and "top_terms" in drawn
    assert not (tmp_path / "duties.png").exists() and (tmp_path / "top_terms.png").is_file()


def test_workers_that_cannot_start_leave_the_charts_to_this_process(tiny_result, tmp_path, monkeypatch, caplog):
    def no_pool(*args, **kwargs):
        raise OSError("fork: resource temporarily unavailable")

    monkeypatch.setattr(render, "_pool", no_pool)
    drawn, skipped = draw_charts(tiny_result, tmp_path / "a", formats=["png"], workers=2)
    serial, skipped1 = draw_charts(tiny_result, tmp_path / "b", formats=["png"], workers=1)
    assert list(drawn) == list(serial) and skipped == skipped1
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")
    assert "chart workers failed (OSError: fork: resource temporarily unavailable)" in caplog.text
    assert render.parallel_map(len, ["ab", "c"], workers=2) == [2, 1]


def test_a_dead_worker_leaves_its_charts_to_this_process(tiny_result, tmp_path, monkeypatch):
    import os

    import textmine.plots as plots

    real = plots.plot_top_terms
    parent = os.getpid()

    def dies_in_a_worker(*args, **kwargs):
        if os.getpid() != parent:
            os._exit(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(plots, "plot_top_terms", dies_in_a_worker)
    specs = [s for s in CHARTS if s.name in ("top_terms", "keyness", "similar")]
    drawn, skipped = render.render_charts(tiny_result, tmp_path, formats=["png"], charts=specs, workers=2,
                                          start_method="fork")
    assert skipped == [] and list(drawn) == ["top_terms", "keyness", "similar"]
    assert all((tmp_path / f"{n}.png").is_file() for n in drawn)


def test_worker_count(monkeypatch):
    monkeypatch.setattr(render, "_cpus", lambda: 2)
    monkeypatch.delenv(render.WORKERS_ENV, raising=False)
    assert render.chart_workers(18) == 2 and render.chart_workers(1) == 1 and render.chart_workers(0) == 1
    assert render.chart_workers(18, 3) == 3
    monkeypatch.setattr(render, "_cpus", lambda: 1)
    assert render.chart_workers(18) == 1
    monkeypatch.setenv(render.WORKERS_ENV, "3")
    assert render.chart_workers(18) == 3
    monkeypatch.setenv(render.WORKERS_ENV, "two")
    with pytest.raises(tm.InputError, match=r"TEXTMINE_WORKERS='two': expected a whole number >= 1"):
        render.chart_workers(18)
    with pytest.raises(tm.InputError, match=r"workers=0: expected a whole number >= 1"):
        render.chart_workers(18, 0)


def test_workers_fork_unless_another_thread_runs(monkeypatch):
    import sys
    import threading

    from tqdm.auto import tqdm

    # threads the test runner itself runs (pytest-xdist's execnet I/O thread) are not under test
    runner = {t for t in threading.enumerate()
              if t is not threading.main_thread() and type(t).__name__ != "TMonitor"}
    everything = threading.enumerate
    monkeypatch.setattr(threading, "enumerate", lambda: [t for t in everything() if t not in runner])
    monkeypatch.setattr(sys, "platform", "linux")
    with tqdm(total=1, disable=False, mininterval=0, file=open("/dev/null", "w")):  # noqa: SIM115 — starts tqdm's monitor
        assert render._start_method() == "fork"
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert render._start_method() == "spawn"
    finally:
        stop.set()
        other.join()
    monkeypatch.setattr(sys, "platform", "darwin")
    assert render._start_method() == "spawn"
