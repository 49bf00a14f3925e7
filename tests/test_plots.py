"""Tests of textmine.plots: inspect the Figures (artists, texts, sizes), not pixels."""

from __future__ import annotations

import itertools
import struct
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.collections import LineCollection, PathCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from textmine import plots  # noqa: E402
from textmine.errors import InputError  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

# ---------------------------------------------------------------------------
# Handwritten analysis frames
# ---------------------------------------------------------------------------

TERMS = ["禁毒", "社区戒毒", "易制毒化学品", "安全生产", "毒品", "戒毒康复", "宣传教育", "青少年",
         "网格化", "隐患排查"]


def top_terms_df() -> pd.DataFrame:
    counts = [120, 95, 60, 44, 40, 31, 25, 18, 12, 9]
    return pd.DataFrame({"term": TERMS, "count": counts, "per_10k": [c / 2.5 for c in counts],
                         "doc_freq": [1] * len(TERMS)})


def keyness_df() -> pd.DataFrame:
    terms = ["禁毒", "社区戒毒", "易制毒化学品", "戒毒康复", "宣传教育",
             "经济发展", "改革开放", "基础设施", "招商引资", "财政收入", "中性词"]
    g2 = [85.0, 60.0, 42.0, 20.0, 6.5, -50.0, -33.0, -12.0, -8.0, -4.0, 0.0]
    return pd.DataFrame({"term": terms, "n_target": 1, "n_reference": 1, "per_10k_target": 1.0,
                         "per_10k_reference": 1.0, "g2": g2, "p": 0.01,
                         "log_ratio": [v / 20 for v in g2], "z_logodds": [v / 10 for v in g2]})


def topic_shares_df(peers: bool = True) -> pd.DataFrame:
    return pd.DataFrame({
        "topic": [0, 1, 2, 3],
        "label": ["禁毒执法", "社区戒毒康复", "安全生产监管", "经济发展"],
        "target": [0.40, 0.30, 0.20, 0.10],
        "corpus_mean": [0.10, 0.15, 0.25, 0.50],
        "peers_mean": [0.30, 0.25, 0.25, 0.20] if peers else [np.nan] * 4,
        "n_peers": [4] * 4 if peers else [0] * 4,
        "diff_corpus": [0.3, 0.15, -0.05, -0.4],
        "diff_peers": [0.1, 0.05, -0.05, -0.1],
    })


def similar_df() -> pd.DataFrame:
    return pd.DataFrame({
        "rank": [2, 1, 3, 4],
        "doc_id": ["d02", "d01", "d03", "d04"],
        "similarity": [0.71, 0.83, 0.52, 0.40],
        "title": ["全省安全生产工作会议讲话", "全市禁毒工作会议讲话", None, "禁毒宣传月启动讲话"],
        "policy_area": ["安全生产", "禁毒", "禁毒", None],
        "year": [2020, 2019, 2018, np.nan],
        "speaker": ["甲", "乙", "丙", "丁"],
    })


def outline_df(rows: int = 15) -> pd.DataFrame:
    base = [("", 0, ""), ("一", 1, "充分认识禁毒工作的严峻形势"), ("一.（一）", 2, "毒品问题依然突出"),
            ("一.（二）", 2, "新型毒品不断出现"), ("二", 1, "突出重点全力推进禁毒人民战争"),
            ("二.（一）", 2, "严厉打击毒品犯罪"), ("二.（二）", 2, "加强社区戒毒社区康复"),
            ("二.（三）", 2, "强化易制毒化学品管控"), ("三", 1, "完善机制提升社会化水平"),
            ("三.（一）", 2, "压实各级各部门责任"), ("三.（二）", 2, "动员群众广泛参与"),
            ("四", 1, "加强组织领导"), ("四.（一）", 2, "健全工作机制"), ("四.（二）", 2, "强化保障措施"),
            ("五", 1, "以高度的政治责任感做好安全生产工作")][:rows]
    n_tokens = [300 + 50 * i for i in range(len(base))]
    return pd.DataFrame({
        "path": [p for p, _, _ in base], "level": [lv for _, lv, _ in base],
        "title": [t for _, _, t in base], "start": range(len(base)), "end": range(1, len(base) + 1),
        "n_tokens": n_tokens,
        "terms": ["、".join(TERMS[i % 5: i % 5 + 4]) for i in range(len(base))],
    })


def dispersion_df(with_attrs: bool = True) -> pd.DataFrame:
    rows = [("社区戒毒", 100, 0.05), ("禁毒", 150, 0.08), ("禁毒", 900, 0.45), ("社区戒毒", 1200, 0.60),
            ("禁毒", 1900, 0.95), ("易制毒化学品", 1500, 0.75)]
    df = pd.DataFrame([(t, s, r, "一", "形势") for t, s, r in rows],
                      columns=["term", "start", "rel_pos", "path", "section_title"])
    if with_attrs:
        df.attrs["sections"] = pd.DataFrame({"path": ["", "一", "一.（一）", "二"],
                                             "title": ["", "形势", "问题", "任务"],
                                             "rel_start": [0.0, 0.1, 0.3, 0.5], "level": [0, 1, 2, 1]})
        df.attrs["terms"] = ["禁毒", "社区戒毒", "易制毒化学品", "安全生产"]
    return df


def heatmap_df() -> pd.DataFrame:
    return pd.DataFrame([[0.50, 0.30, 0.20], [0.10, 0.60, 0.30], [np.nan, 0.25, 0.75]],
                        index=["开篇", "一、形势", "二、任务"], columns=["禁毒执法", "社区戒毒康复", "安全生产"])


def edges_df() -> pd.DataFrame:
    edges = pd.DataFrame({"source": ["禁毒", "禁毒", "社区戒毒", "安全生产", "禁毒", "毒品"],
                          "target": ["社区戒毒", "易制毒化学品", "戒毒康复", "隐患排查", "毒品", "青少年"],
                          "weight": [12, 8, 6, 5, 9, 3]})
    edges.attrs["counts"] = {"禁毒": 120, "社区戒毒": 95, "易制毒化学品": 60, "戒毒康复": 31,
                             "安全生产": 44, "隐患排查": 9, "毒品": 40, "青少年": 18}
    return edges


def duties_df() -> pd.DataFrame:
    return pd.DataFrame({
        "bodies": [("公安", "检察院", "法院"), "司法、民政", ["教育"], "应急管理、市场监管"],
        "duty": ["依法严惩毒品犯罪分子", "做好社区戒毒社区康复人员的帮扶救助工作", "把禁毒教育纳入中小学课程",
                 "加强易制毒化学品生产、经营、购买、运输各环节监管，严防流入非法渠道，" * 6],
        "sentence": ["公、检、法等部门要依法严惩毒品犯罪分子。", "……", "……", "……"],
        "start": [10, 40, 80, 20],
    })


def trend_df() -> pd.DataFrame:
    return pd.DataFrame({"禁毒执法": [0.2, 0.3, 0.4], "安全生产监管": [0.5, 0.4, 0.3], "经济发展": [0.3, 0.3, 0.3]},
                        index=[2021, 2019, 2020])


FREQS = dict(zip(TERMS, [120, 95, 60, 44, 40, 31, 25, 18, 12, 9]))

# name → (function, good input, a required column to drop)
CHARTS = {
    "top_terms": (plots.plot_top_terms, top_terms_df, "count"),
    "wordcloud": (plots.plot_wordcloud, lambda: top_terms_df()[["term", "count"]], "count"),
    "comparison_cloud": (plots.plot_comparison_cloud, keyness_df, "g2"),
    "keyness": (plots.plot_keyness, keyness_df, "g2"),
    "topic_shares": (plots.plot_topic_shares, topic_shares_df, "corpus_mean"),
    "similar": (plots.plot_similar, similar_df, "similarity"),
    "outline_map": (plots.plot_outline_map, outline_df, "terms"),
    "dispersion": (plots.plot_dispersion, dispersion_df, "rel_pos"),
    "section_heatmap": (plots.plot_section_heatmap, heatmap_df, None),
    "cooccurrence": (plots.plot_cooccurrence, edges_df, "weight"),
    "duties": (plots.plot_duties, duties_df, "bodies"),
    "topic_trend": (plots.plot_topic_trend, trend_df, None),
}


def ticklabels(axis) -> list[str]:
    return [t.get_text() for t in axis.get_ticklabels()]


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def glyph_warnings(records) -> list[str]:
    return [str(w.message) for w in records
            if "missing from" in str(w.message) or "Glyph" in str(w.message)]


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR"
    return struct.unpack(">II", head[16:24])


# ---------------------------------------------------------------------------
# Font and style
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------

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


def test_wordcloud_is_deterministic_and_accepts_all_input_forms():
    def image(freqs, seed):
        return plots.plot_wordcloud(freqs, random_state=seed).axes[0].images[0].get_array()

    a = image(FREQS, 1)
    assert a.ndim == 3 and a.shape[:2] == (900, 1600)
    assert np.array_equal(a, image(pd.Series(FREQS), 1))
    assert np.array_equal(a, image(top_terms_df()[["term", "count"]], 1))
    assert not np.array_equal(a, image(FREQS, 2))


def test_wordcloud_mask_and_options():
    fig = plots.plot_wordcloud(FREQS, mask="circle", max_words=5, title="禁毒词云")
    ax = fig.axes[0]
    img = ax.images[0].get_array()
    assert img.shape[0] == img.shape[1]
    assert (img[0, 0] == 255).all()  # outside the circle stays white
    assert not ax.axison
    assert ax.get_title(loc="center") == "禁毒词云"
    with pytest.raises(InputError, match="mask"):
        plots.plot_wordcloud(FREQS, mask="square")
    with pytest.raises(InputError, match="mask"):
        plots.plot_wordcloud(FREQS, mask=np.zeros(5))
    with pytest.raises(InputError, match="random_state"):
        plots.plot_wordcloud(FREQS, random_state=-1)
    with pytest.raises(InputError, match="positive count"):
        plots.plot_wordcloud({"禁毒": 0})
    with pytest.raises(InputError, match="freqs is a list"):
        plots.plot_wordcloud(["禁毒"])


def test_comparison_cloud_two_halves_and_ax():
    fig = plots.plot_comparison_cloud(keyness_df(), n=5)
    ax = fig.axes[0]
    img = ax.images[0].get_array()
    assert img.shape[:2] == (900, 1640)
    assert {"本讲话多用的词", "参照语料多用的词"} <= set(texts(ax))
    # the left half is drawn in the focus colour, the right half in the reference colour
    focus = np.array(matplotlib.colors.to_rgb(plots.PALETTE["focus"])) * 255
    ref = np.array(matplotlib.colors.to_rgb(plots.PALETTE["reference"])) * 255
    left, right = img[:, :800].reshape(-1, 3), img[:, 840:].reshape(-1, 3)
    assert (np.abs(left - focus).sum(axis=1) < 3).any() and not (np.abs(left - ref).sum(axis=1) < 3).any()
    assert (np.abs(right - ref).sum(axis=1) < 3).any()

    only_over = keyness_df().query("g2 > 0")
    host = plt.figure()
    try:
        given = host.add_subplot()
        out = plots.plot_comparison_cloud(only_over, n=3, ax=given, labels=("市长讲话", "全国"))
        assert out is host
        assert "（无）" in texts(given) and "市长讲话多用的词" in texts(given)
    finally:
        plt.close(host)
    with pytest.raises(InputError, match="non-zero g2"):
        plots.plot_comparison_cloud(keyness_df().assign(g2=0.0))


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


def test_topic_shares_three_series_and_percent_axis():
    fig = plots.plot_topic_shares(topic_shares_df())
    ax = fig.axes[0]
    assert len(ax.patches) == 12
    assert ticklabels(ax.yaxis) == ["禁毒执法", "社区戒毒康复", "安全生产监管", "经济发展"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["本讲话", "语料平均", "同领域讲话（4篇）"]
    fig.canvas.draw()
    assert all(t.endswith("%") for t in ticklabels(ax.xaxis) if t)
    assert "40%" in texts(ax)

    ax2 = plots.plot_topic_shares(topic_shares_df(peers=False)).axes[0]
    assert len(ax2.patches) == 8
    assert [t.get_text() for t in ax2.get_legend().get_texts()] == ["本讲话", "语料平均"]
    with pytest.raises(InputError, match="between 0 and 1"):
        plots.plot_topic_shares(topic_shares_df().assign(target=[40, 30, 20, 10]))


def test_similar_labels_colours_and_fallbacks():
    fig = plots.plot_similar(similar_df())
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

    bare = similar_df()[["rank", "doc_id", "similarity"]]
    ax = plots.plot_similar(bare, n=2).axes[0]
    assert ticklabels(ax.yaxis) == ["d01", "d02"]
    assert ax.get_legend() is None


def test_outline_map_rows_and_terms():
    df = outline_df()
    ax = plots.plot_outline_map(df).axes[0]
    labels = texts(ax)
    assert "开篇" in labels
    assert "一、充分认识禁毒工作的严峻形势" in labels
    assert "（二）新型毒品不断出现" in labels
    assert any(t.startswith("五、以高度的政治责任感") for t in labels)
    assert "禁毒、社区戒毒、易制毒化学品、安全生产" in labels
    bars = [p for p in ax.patches if p.get_label() == "_outline_bar"]
    assert len(bars) == len(df) == 15
    widths = np.array([b.get_width() for b in bars])
    assert np.allclose(widths / widths.max(), df["n_tokens"] / df["n_tokens"].max())
    heading = next(t for t in ax.texts if t.get_text() == "（二）新型毒品不断出现")
    assert heading.get_fontsize() >= 14
    # level-2 rows are indented relative to level-1 rows
    level1 = next(t for t in ax.texts if t.get_text().startswith("一、"))
    assert heading.get_position()[0] > level1.get_position()[0]


def test_dispersion_rows_ticks_and_sections():
    ax = plots.plot_dispersion(dispersion_df()).axes[0]
    assert ticklabels(ax.yaxis) == ["禁毒（3）", "社区戒毒（2）", "易制毒化学品（1）", "安全生产（0）"]
    ticks = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert [len(c.get_segments()) for c in ticks] == [3, 2, 1]
    boundaries = [line for line in ax.lines if line.get_xdata()[0] == line.get_xdata()[1] > 0]
    assert sorted(line.get_xdata()[0] for line in boundaries) == [0.1, 0.3, 0.5]
    assert {"一、", "（一）", "二、"} <= set(texts(ax))

    plain = plots.plot_dispersion(dispersion_df(with_attrs=False)).axes[0]
    assert ticklabels(plain.yaxis) == ["社区戒毒（2）", "禁毒（3）", "易制毒化学品（1）"]
    with pytest.raises(InputError, match="rel_pos"):
        plots.plot_dispersion(dispersion_df().assign(rel_pos=1.5))
    bad = dispersion_df()
    bad.attrs["sections"] = pd.DataFrame({"path": ["一"]})
    with pytest.raises(InputError, match=r"df.attrs\['sections'\] is missing column\(s\) rel_start"):
        plots.plot_dispersion(bad)


def test_section_heatmap_annotations():
    fig = plots.plot_section_heatmap(heatmap_df())
    ax = fig.axes[0]
    assert ax.images[0].get_array().shape == (3, 3)
    assert len(ax.texts) == 8  # one NaN cell is left blank
    assert {"50%", "75%", "25%"} <= set(texts(ax))
    assert ticklabels(ax.xaxis) == ["禁毒执法", "社区戒毒康复", "安全生产"]
    assert ticklabels(ax.yaxis) == ["开篇", "一、形势", "二、任务"]
    assert len(fig.axes) == 2  # colour bar
    plots.plot_section_heatmap(heatmap_df(), cmap="Blues")
    with pytest.raises(InputError, match="cmap='不存在'"):
        plots.plot_section_heatmap(heatmap_df(), cmap="不存在")
    with pytest.raises(InputError, match="expected numbers"):
        plots.plot_section_heatmap(heatmap_df().astype(object).assign(禁毒执法="高"))


def test_cooccurrence_nodes_labels_and_layout():
    edges = edges_df()
    fig = plots.plot_cooccurrence(edges)
    ax = fig.axes[0]
    nodes = [c for c in ax.collections if isinstance(c, PathCollection)][0]
    n_nodes = len(set(edges["source"]) | set(edges["target"]))
    assert len(nodes.get_offsets()) == n_nodes == 8
    assert sorted(texts(ax)) == sorted(set(edges["source"]) | set(edges["target"]))
    assert all(t.get_fontfamily()[0] == plots.cjk_font().name for t in ax.texts)
    sizes = dict(zip([t.get_text() for t in ax.texts], nodes.get_sizes()))
    assert sizes["禁毒"] == max(sizes.values()) and sizes["隐患排查"] == min(sizes.values())

    same = plots.plot_cooccurrence(edges).axes[0].collections[0].get_offsets()
    other = plots.plot_cooccurrence(edges, random_state=7).axes[0].collections[0].get_offsets()
    assert np.array_equal(nodes.get_offsets(), same)
    assert not np.array_equal(nodes.get_offsets(), other)

    top2 = plots.plot_cooccurrence(edges, max_edges=2).axes[0]
    assert sorted(texts(top2)) == sorted(["禁毒", "社区戒毒", "毒品"])
    with pytest.raises(InputError, match="weight > 0"):
        plots.plot_cooccurrence(edges.assign(weight=0))


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


# ---------------------------------------------------------------------------
# Common behaviour of every chart
# ---------------------------------------------------------------------------

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


def test_bad_n_and_title():
    with pytest.raises(InputError, match="n=0"):
        plots.plot_top_terms(top_terms_df(), n=0)
    with pytest.raises(InputError, match="n=True"):
        plots.plot_similar(similar_df(), n=True)
    with pytest.raises(InputError, match="title=5"):
        plots.plot_top_terms(top_terms_df(), title=5)
    assert plots.plot_top_terms(top_terms_df(), title=None).axes[0].get_title(loc="left") == ""


# ---------------------------------------------------------------------------
# Rendering: no missing glyphs; saving: size and determinism
# ---------------------------------------------------------------------------

def test_glyph_detector_catches_a_font_without_chinese():
    fig = Figure()
    FigureCanvasAgg(fig)
    fig.add_subplot().set_title("禁毒工作", fontfamily="DejaVu Sans")
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        fig.canvas.draw()
    assert glyph_warnings(records), "the missing-glyph detector must see DejaVu Sans fail on Chinese"


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


def test_save_figure_size_formats_and_folders(tmp_path):
    fig = plots.plot_top_terms(top_terms_df())
    paths = plots.save_figure(fig, tmp_path / "deep" / "folder" / "top_terms.png")
    assert paths == [tmp_path / "deep" / "folder" / "top_terms.png", tmp_path / "deep" / "folder" / "top_terms.svg"]
    width, height = png_size(paths[0])
    assert width >= 1600 and width == 2666
    assert width / height == pytest.approx(16 / 9, rel=1e-3)
    assert paths[1].read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert plots.save_figure(fig, tmp_path / "one", formats="svg") == [tmp_path / "one.svg"]
    with pytest.raises(InputError, match="'jpg'"):
        plots.save_figure(fig, tmp_path / "x", formats=("png", "jpg"))
    with pytest.raises(InputError, match="dpi=0"):
        plots.save_figure(fig, tmp_path / "x", dpi=0)
    with pytest.raises(InputError, match="fig is a str"):
        plots.save_figure("fig", tmp_path / "x")


def test_save_figure_is_byte_for_byte_deterministic(tmp_path):
    def build():
        return plots.plot_keyness(keyness_df(), n=4)

    fig = build()
    first = plots.save_figure(fig, tmp_path / "a" / "keyness", dpi=50)
    again = plots.save_figure(fig, tmp_path / "b" / "keyness", dpi=50)
    rebuilt = plots.save_figure(build(), tmp_path / "c" / "keyness", dpi=50)
    for a, b, c in zip(first, again, rebuilt):
        assert a.read_bytes() == b.read_bytes() == c.read_bytes(), a.name
    svg = first[1].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"Software" not in first[0].read_bytes()


def test_wordcloud_figures_save_deterministically(tmp_path):
    out = [plots.save_figure(plots.plot_wordcloud(FREQS, max_words=6), tmp_path / f"wc{i}", dpi=30)
           for i in range(2)]
    for a, b in itertools.zip_longest(*out):
        assert a.read_bytes() == b.read_bytes()
