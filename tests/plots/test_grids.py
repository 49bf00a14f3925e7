"""Tests of textmine.plots.grids: section topics (heatmap) and the topic trend."""

from __future__ import annotations

import pytest

from textmine import plots
from textmine.errors import InputError

from ._frames import section_topics_df, texts, ticklabels, trend_df


def test_section_topics_annotations():
    fig = plots.plot_section_topics(section_topics_df())
    ax = fig.axes[0]
    assert ax.images[0].get_array().shape == (3, 3)
    assert len(ax.texts) == 8  # one NaN cell is left blank
    assert {"50%", "75%", "25%"} <= set(texts(ax))
    assert ticklabels(ax.xaxis) == ["禁毒执法", "社区戒毒康复", "安全生产"]
    assert ticklabels(ax.yaxis) == ["开篇", "一、形势", "二、任务"]
    assert len(fig.axes) == 2  # colour bar
    plots.plot_section_topics(section_topics_df(), cmap="Blues")
    with pytest.raises(InputError, match="cmap='不存在'"):
        plots.plot_section_topics(section_topics_df(), cmap="不存在")
    with pytest.raises(InputError, match="expected numbers"):
        plots.plot_section_topics(section_topics_df().astype(object).assign(禁毒执法="高"))


@pytest.mark.parametrize("kind", ["line", "area"])
def test_topic_trend(kind):
    fig = plots.plot_topic_trend(trend_df(), kind=kind)
    ax = fig.axes[0]
    if kind == "line":
        assert len(ax.lines) == 3
        assert list(ax.lines[0].get_xdata()) == [2019, 2020, 2021]
        assert list(ax.lines[0].get_ydata()) == [0.3, 0.4, 0.2]
    else:
        assert len(ax.collections) == 3
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["禁毒执法", "安全生产监管", "经济发展"]
    fig.canvas.draw()
    assert all(t.endswith("%") for t in ticklabels(ax.yaxis) if t)
    assert "2020" in ticklabels(ax.xaxis)


def test_topic_trend_bad_input():
    with pytest.raises(InputError, match="kind='bar'"):
        plots.plot_topic_trend(trend_df(), kind="bar")
    with pytest.raises(InputError, match="years"):
        plots.plot_topic_trend(trend_df().set_axis(["甲", "乙", "丙"]))
