"""Tests of the textmine.plots package: what every chart does (draws on a given axes, refuses bad tables,
renders Chinese, saves) and what it exports."""

from __future__ import annotations

import subprocess
import sys
import warnings

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from textmine import plots
from textmine.errors import InputError
from textmine.plots._aliases import RENAMED

from ._frames import CHARTS, FREQS, ROOT, glyph_warnings, keyness_df, trend_df


@pytest.mark.parametrize("name", [n for n in CHARTS if n not in ("wordcloud", "comparison_cloud")])
def test_draws_on_given_axes(name):
    func, make, _ = CHARTS[name]
    host = Figure(figsize=(8, 4))
    FigureCanvasAgg(host)
    ax = host.add_subplot(1, 2, 2)
    assert func(make(), ax=ax) is host
    assert ax.has_data() or ax.texts or ax.tables or ax.images


@pytest.mark.parametrize("name", list(CHARTS))
def test_empty_and_missing_columns_raise(name):
    func, make, column = CHARTS[name]
    df = make()
    with pytest.raises(InputError, match="empty"):
        func(df.iloc[0:0])
    if column is not None:
        with pytest.raises(InputError, match=f"missing column.*{column}"):
            func(df.drop(columns=[column]))
    with pytest.raises(InputError, match="is a list"):
        func([1, 2, 3])
    with pytest.raises(InputError, match="ax is a str"):
        func(df, ax="left")


def test_every_chart_renders_and_saves_without_missing_glyphs(tmp_path):
    builders = {name: (lambda f=func, m=make: f(m())) for name, (func, make, _) in CHARTS.items()}
    builders["wordcloud"] = lambda: plots.plot_wordcloud(FREQS, mask="circle", max_words=8)
    builders["comparison_cloud"] = lambda: plots.plot_comparison_cloud(keyness_df(), n=5)
    builders["keyness_log_ratio"] = lambda: plots.plot_keyness(keyness_df(), measure="log_ratio")
    builders["topic_trend_area"] = lambda: plots.plot_topic_trend(trend_df(), kind="area")
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        for name, build in builders.items():
            fig = build()
            assert isinstance(fig, Figure)
            assert tuple(fig.get_size_inches()) == pytest.approx(plots.FIGSIZE)
            fig.canvas.draw()
            paths = plots.save_figure(fig, tmp_path / name, dpi=40)
            assert [p.suffix for p in paths] == [".png", ".svg"]
            assert all(p.stat().st_size > 0 for p in paths)
    assert not glyph_warnings(records)
    assert not [str(w.message) for w in records if issubclass(w.category, UserWarning)]


# ---------------------------------------------------------------------------
# Exports and imports
# ---------------------------------------------------------------------------

def test_every_chart_is_exported_by_the_package_and_by_textmine():
    import textmine as tm

    charts = [n for n in plots.__all__ if n.startswith("plot_") and n != "plot_style"]
    assert len(charts) == 22  # 18 charts and 4 deprecated aliases
    for name in charts + ["save_figure", "cjk_font", "use_style"]:
        assert name in tm.__all__, name
        assert getattr(tm, name) is getattr(plots, name), name
    assert {func.__name__ for func, _, _ in CHARTS.values()} == {n for n in charts if n not in RENAMED}


def test_plots_imports_no_analysis_module_even_when_drawing():
    # A bare ``textmine`` package (its __init__, which imports the analyses, is not run): importing
    # textmine.plots and drawing every chart must load only textmine.errors and textmine.plots.*.
    code = f"""
import sys, types
pkg = types.ModuleType("textmine")
pkg.__path__ = [{str(ROOT / "textmine")!r}]
sys.modules["textmine"] = pkg
sys.path.insert(0, {str(ROOT / "tests")!r})
from plots._frames import CHARTS
for func, make, _ in CHARTS.values():
    func(make())
print(" ".join(sorted(m for m in sys.modules if m.split(".")[0] == "textmine")))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    loaded = out.stdout.split()
    assert {"textmine.plots", "textmine.plots.bars", "textmine.plots.network", "textmine.errors"} <= set(loaded)
    assert [m for m in loaded if m not in ("textmine", "textmine.errors") and not m.startswith("textmine.plots")] == []
