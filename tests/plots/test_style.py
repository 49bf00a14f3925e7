"""Tests of textmine.plots._style: the CJK font, the house style, nothing global."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from textmine import plots

from ._frames import ROOT, edges_df, glyph_warnings, top_terms_df


def test_cjk_font_is_found_cached_and_known_to_matplotlib():
    from matplotlib import font_manager

    font = plots.cjk_font()
    assert font is plots.cjk_font()
    assert font.path.is_file()
    assert font.source in ("system", "mplfonts")
    assert font.name in plots.CJK_FAMILIES or font.source == "mplfonts"
    found = font_manager.fontManager.findfont(font_manager.FontProperties(family=font.name),
                                              fallback_to_default=False)
    assert Path(found) == font.path
    if font.source == "mplfonts":
        assert font.path.name == "NotoSansCJKsc-Regular.otf"


def test_import_does_nothing_and_plots_leave_global_rcparams_alone():
    code = ("import matplotlib as mpl; from matplotlib import font_manager as fm; "
            "before = dict(mpl.rcParams); n_fonts = len(fm.fontManager.ttflist); "
            "import textmine.plots as p; "
            "assert p.cjk_font.cache_info().currsize == 0; "
            "assert dict(mpl.rcParams) == before; "
            "assert len(fm.fontManager.ttflist) == n_fonts")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    before = dict(matplotlib.rcParams)
    plots.plot_top_terms(top_terms_df())
    assert dict(matplotlib.rcParams) == before


def test_style_rc_and_plot_style():
    rc = plots.style_rc()
    assert rc["axes.unicode_minus"] is False
    assert rc["font.family"][0] == plots.cjk_font().name
    assert tuple(rc["figure.figsize"]) == plots.FIGSIZE == (13.33, 7.5)
    assert rc["axes.titlesize"] >= 22 and rc["xtick.labelsize"] >= 14 and rc["axes.labelsize"] >= 14
    with plots.plot_style():
        assert matplotlib.rcParams["font.family"][0] == plots.cjk_font().name
    assert matplotlib.rcParams["font.family"] != rc["font.family"]
    assert plots.PALETTE["focus"].upper() == "#B22222"


def test_no_figure_is_registered_with_pyplot():
    plt.close("all")
    plots.plot_top_terms(top_terms_df())
    plots.plot_cooccurrence(edges_df())
    assert plt.get_fignums() == []


def test_glyph_detector_catches_a_font_without_chinese():
    fig = Figure()
    FigureCanvasAgg(fig)
    fig.add_subplot().set_title("禁毒工作", fontfamily="DejaVu Sans")
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        fig.canvas.draw()
    assert glyph_warnings(records), "the missing-glyph detector must see DejaVu Sans fail on Chinese"
