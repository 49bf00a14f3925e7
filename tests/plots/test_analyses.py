"""Tests of textmine.plots.analyses: policy instruments, directive strength, tone, summary statistics, CA map."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import textmine as tm
from textmine import plots
from textmine.errors import InputError

from ._frames import (glyph_warnings, instruments_df, map_df, strength_profile_df, strength_sections_df, texts,
                      textstats_df, ticklabels, tone_df)


def test_policy_instruments_heatmap():
    fig = plots.plot_policy_instruments(instruments_df())
    ax = fig.axes[0]
    grid = ax.images[0].get_array()
    assert grid.shape == (4, 5)
    assert ticklabels(ax.xaxis) == ["资金投入", "公共服务", "法规管制", "宣传教育", "对外合作"]
    assert ticklabels(ax.yaxis) == ["公安", "财政", "民政", "（未指明）"]
    assert grid[0, 2] == 3 and grid[1, 0] == 2 and grid[3, 3] == 4
    assert {"供给型", "环境型", "需求型", "3", "4"} <= set(texts(ax))
    small = plots.plot_policy_instruments(instruments_df(), value="n_directives", max_bodies=2)
    assert small.axes[0].images[0].get_array().shape == (2, 5)
    assert any("共 4 个部门" in t for t in texts(small.axes[0]))
    with pytest.raises(InputError, match="value='total'"):
        plots.plot_policy_instruments(instruments_df(), value="total")
    with pytest.raises(InputError, match="missing column"):
        plots.plot_policy_instruments(instruments_df().drop(columns="side"))


def test_directive_strength_stacked_shares():
    fig = plots.plot_directive_strength(strength_sections_df())
    ax = fig.axes[0]
    assert ticklabels(ax.yaxis) == ["开篇", "一、提高认识", "（一）加强宣传"]  # no directives in 二: left out
    widths = [p.get_width() for p in ax.patches]
    assert widths[:3] == [1.0, 0.5, 0.25]  # the 强制 segments, then the others level by level
    assert len(ax.patches) == 4 * 3
    assert "4 句 · 均分 3.00" in texts(ax)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["强制", "要求", "引导", "可选"]
    bodies = pd.DataFrame({"body": ["公安"], "n_directives": [2], "share_强制": [0.5], "share_要求": [0.5],
                           "mean_score": [3.5]})
    assert ticklabels(plots.plot_directive_strength(bodies).axes[0].yaxis) == ["公安"]
    with pytest.raises(InputError, match="no share_<level> column"):
        plots.plot_directive_strength(strength_sections_df().filter(regex="^(?!share_)"))
    with pytest.raises(InputError, match="no row with directives"):
        plots.plot_directive_strength(strength_sections_df().iloc[3:])


@pytest.mark.parametrize("peers", [True, False])
def test_strength_profile_grouped_bars(peers):
    fig = plots.plot_strength_profile(strength_profile_df(peers))
    ax = fig.axes[0]
    assert ticklabels(ax.xaxis) == ["强制", "要求", "引导", "可选"]
    assert len(ax.patches) == 4 * (3 if peers else 2)
    assert [p.get_height() for p in ax.patches[:4]] == [0.3, 0.6, 0.1, 0.0]
    note = [t for t in texts(ax) if t.startswith("平均力度分")][0]
    assert "本讲话 3.20" in note and "高于 75% 的参照讲话" in note and ("同领域讲话 3.15" in note) == peers
    with pytest.raises(InputError, match="expected three strings"):
        plots.plot_strength_profile(strength_profile_df(), labels=("a", "b"))


@pytest.mark.parametrize("measure", ["count", "per_10k"])
def test_tone_diverging_bars(measure):
    fig = plots.plot_tone(tone_df(), measure=measure)
    ax = fig.axes[0]
    assert ticklabels(ax.yaxis) == ["开篇", "一、提高认识", "二、强化保障"]
    heights = [p.get_width() for p in ax.patches]
    if measure == "count":
        assert heights == [3, 0, 1, -5, 0, 0]
    else:
        assert heights == [60.0, 0.0, 10.0, -100.0, 0.0, 0.0]
    fig.canvas.draw()
    assert all(not t.startswith("-") and "−" not in t for t in ticklabels(ax.xaxis))
    with pytest.raises(InputError, match="no praise and no problem"):
        plots.plot_tone(tone_df().assign(n_praise=0, n_problem=0))


def test_textstats_percentile_bars():
    fig = plots.plot_textstats(textstats_df())
    ax = fig.axes[0]
    assert ticklabels(ax.yaxis) == ["字数", "类符/形符比 TTR", "套话占比"]
    assert [p.get_width() for p in ax.patches] == [95.0, 10.0, 100.0]
    assert {"3200（中位数 3000）", "0.48（中位数 0.52）", "30.0%（中位数 17.0%）"} <= set(texts(ax))
    with pytest.raises(InputError, match="outside 0–100"):
        plots.plot_textstats(textstats_df().assign(percentile=[95.0, 120.0, -1.0]))


@pytest.mark.parametrize("color_by", ["policy_area", "year"])
def test_correspondence_map(color_by):
    fig = plots.plot_correspondence_map(map_df(), color_by=color_by)
    ax = fig.axes[0]
    offsets = np.vstack([c.get_offsets() for c in ax.collections])
    assert len(offsets) == 4
    assert ax.collections[-1].get_offsets().tolist() == [[-0.9, 0.0]]  # the target, drawn last
    assert {"本讲话标题", "禁毒", "防汛"} <= set(texts(ax))
    assert ax.get_xlabel() == "第1轴（20.0%）" and ax.get_ylabel() == "第2轴（10.0%）"
    lo, hi = ax.get_xlim()
    assert lo < -1.5 and hi > 2.0  # the terms are inside the frame
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == (["禁毒", "防汛", "本讲话"] if color_by == "policy_area" else ["本讲话"])
    with pytest.raises(InputError, match="no document row"):
        plots.plot_correspondence_map(map_df().iloc[4:])


def test_charts_of_the_bundled_speech_render_chinese(cleaned, corpus):
    ref = tm.clean(corpus)
    tables = [(plots.plot_policy_instruments, tm.policy_instruments(cleaned)),
              (plots.plot_directive_strength, tm.directive_strength(cleaned, by="section")),
              (plots.plot_strength_profile, tm.strength_profile(cleaned, ref)),
              (plots.plot_tone, tm.tone(cleaned)),
              (plots.plot_textstats, tm.textstats_percentiles(cleaned, ref))]
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        for plot, table in tables:
            plot(table).canvas.draw()
    assert glyph_warnings(records) == []
    assert tm.plot_tone is plots.plot_tone  # exported lazily from textmine
