"""Tests of textmine.plots.bars: top terms, keyness, topic comparison, similar documents, duties."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest
from matplotlib.figure import Figure

from textmine import plots
from textmine.errors import InputError

from ._frames import (TERMS, duties_df, keyness_df, similar_documents_df, texts, ticklabels, top_terms_df,
                      topic_comparison_df)


def test_top_terms_bars_order_labels_and_size():
    fig = plots.plot_top_terms(top_terms_df(), n=5)
    assert isinstance(fig, Figure)
    assert tuple(fig.get_size_inches()) == pytest.approx((13.33, 7.5))
    ax = fig.axes[0]
    assert len(ax.patches) == 5
    assert ticklabels(ax.yaxis) == TERMS[:5]
    widths = [p.get_width() for p in ax.patches]
    assert widths == sorted(widths, reverse=True) == [120, 95, 60, 44, 40]
    # largest at the top: the y axis is inverted, so the first bar has the smallest y
    ys = [p.get_y() for p in ax.patches]
    assert ax.yaxis_inverted() and ys == sorted(ys)
    assert ax.get_title(loc="left") == "高频词"
    assert "120（48.0/万词）" in texts(ax)
    assert all(t.get_fontsize() >= 14 for t in ax.get_yticklabels())


def test_top_terms_sorts_by_count_and_caps_n():
    df = top_terms_df().iloc[::-1]
    ax = plots.plot_top_terms(df, n=50, title="本讲话高频词").axes[0]
    assert ticklabels(ax.yaxis) == TERMS
    assert ax.get_title(loc="left") == "本讲话高频词"


@pytest.mark.parametrize("measure", ["g2", "log_ratio", "z_logodds"])
def test_keyness_diverging_bars(measure):
    fig = plots.plot_keyness(keyness_df(), n=3, measure=measure)
    ax = fig.axes[0]
    widths = [p.get_width() for p in ax.patches]
    assert len(widths) == 6
    assert all(w > 0 for w in widths[:3]) and all(w < 0 for w in widths[3:])
    assert widths[:3] == sorted(widths[:3], reverse=True)
    assert widths[3:] == sorted(widths[3:])
    labels = texts(ax)
    for term in ["禁毒", "社区戒毒", "易制毒化学品", "经济发展", "改革开放", "基础设施"]:
        assert term in labels
    assert "中性词" not in labels and "宣传教育" not in labels
    assert any(line.get_xdata()[0] == 0 for line in ax.lines)  # zero line
    fig.canvas.draw()
    negatives = [t for t in ticklabels(ax.xaxis) if t and t != "0" and not t[0].isdigit()]
    assert negatives and all(t.startswith("-") for t in negatives)


def test_keyness_bad_measure_and_one_sided():
    with pytest.raises(InputError, match="measure='chi2'"):
        plots.plot_keyness(keyness_df(), measure="chi2")
    ax = plots.plot_keyness(keyness_df().query("g2 > 0"), n=15).axes[0]
    assert len(ax.patches) == 5 and all(p.get_width() > 0 for p in ax.patches)


def test_topic_comparison_three_series_and_percent_axis():
    fig = plots.plot_topic_comparison(topic_comparison_df())
    ax = fig.axes[0]
    assert len(ax.patches) == 12
    assert ticklabels(ax.yaxis) == ["禁毒执法", "社区戒毒康复", "安全生产监管", "经济发展"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["本讲话", "语料平均", "同领域讲话（4篇）"]
    fig.canvas.draw()
    assert all(t.endswith("%") for t in ticklabels(ax.xaxis) if t)
    assert "40%" in texts(ax)

    ax2 = plots.plot_topic_comparison(topic_comparison_df(peers=False)).axes[0]
    assert len(ax2.patches) == 8
    assert [t.get_text() for t in ax2.get_legend().get_texts()] == ["本讲话", "语料平均"]
    with pytest.raises(InputError, match="between 0 and 1"):
        plots.plot_topic_comparison(topic_comparison_df().assign(target=[40, 30, 20, 10]))


def test_similar_documents_labels_colours_and_fallbacks():
    fig = plots.plot_similar_documents(similar_documents_df())
    ax = fig.axes[0]
    assert ticklabels(ax.yaxis) == ["全市禁毒工作会议讲话（禁毒，2019）", "全省安全生产工作会议讲话（安全生产，2020）",
                                    "d03（禁毒，2018）", "禁毒宣传月启动讲话"]
    assert [round(p.get_width(), 2) for p in ax.patches] == [0.83, 0.71, 0.52, 0.40]
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["禁毒", "安全生产", "未分类"]
    assert legend.get_title().get_text() == "政策领域"
    colors = [matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches]
    assert colors[0] == colors[2] != colors[1]
    assert ax.get_xlim()[0] == 0 and ax.get_xlim()[1] >= 1

    bare = similar_documents_df()[["rank", "doc_id", "similarity"]]
    ax = plots.plot_similar_documents(bare, n=2).axes[0]
    assert ticklabels(ax.yaxis) == ["d01", "d02"]
    assert ax.get_legend() is None


def test_similar_documents_weak_zone_only_when_asked():
    plain = plots.plot_similar_documents(similar_documents_df()).axes[0]
    assert len(plain.patches) == 4 and not any("不相近" in t for t in texts(plain))
    ax = plots.plot_similar_documents(similar_documents_df(), weak_below=0.6).axes[0]
    band, bars = ax.patches[0], ax.patches[1:]
    (x0, _), (x1, _) = band.get_path().get_extents(band.get_patch_transform()).get_points()
    assert (round(x0, 6), round(x1, 6)) == (0.0, 0.6)
    assert [round(p.get_width(), 2) for p in bars] == [0.83, 0.71, 0.52, 0.40]
    assert " ←不相近（<0.60）" in texts(ax)
    assert ax.get_xlim() == plain.get_xlim()
    for bad in (0, 1.5, True, "0.2"):
        with pytest.raises(InputError, match="weak_below="):
            plots.plot_similar_documents(similar_documents_df(), weak_below=bad)


def test_duties_table_cells_wrap_and_truncation():
    fig = plots.plot_duties(duties_df())
    table = fig.axes[0].tables[0]
    assert table[0, 0].get_text().get_text() == "部门" and table[0, 1].get_text().get_text() == "职责"
    # rows follow the order of `start`
    assert table[1, 0].get_text().get_text() == "公安、检察院、法院"
    assert table[1, 1].get_text().get_text() == "依法严惩毒品犯罪分子"
    assert table[2, 0].get_text().get_text() == "应急管理、市场监管"
    long = table[2, 1].get_text().get_text()
    assert "\n" in long and long.endswith("…")
    assert table[4, 0].get_text().get_text() == "教育"

    fig = plots.plot_duties(pd.concat([duties_df()] * 5, ignore_index=True), max_rows=6)
    ax = fig.axes[0]
    rows = {r for r, _ in ax.tables[0].get_celld()}
    assert len(rows) == 7
    assert "（共 20 条，仅列出前 6 条）" in texts(ax)
    with pytest.raises(InputError, match="max_rows=0"):
        plots.plot_duties(duties_df(), max_rows=0)


def test_bad_n_and_title():
    with pytest.raises(InputError, match="n=0"):
        plots.plot_top_terms(top_terms_df(), n=0)
    with pytest.raises(InputError, match="n=True"):
        plots.plot_similar_documents(similar_documents_df(), n=True)
    with pytest.raises(InputError, match="title=5"):
        plots.plot_top_terms(top_terms_df(), title=5)
    assert plots.plot_top_terms(top_terms_df(), title=None).axes[0].get_title(loc="left") == ""
