"""Charts of the codebook analyses: policy instruments, directive strength, tone, summary statistics, the CA map.

Each function draws the table of the analysis it is named after
(:func:`textmine.policy_instruments`, :func:`textmine.directive_strength`,
:func:`textmine.strength_profile`, :func:`textmine.tone`,
:func:`textmine.textstats_percentiles`, :func:`textmine.correspondence_map`) and
reads only the columns it names.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from ..errors import InputError
from ._common import (_check_ax, _check_choice, _check_int, _check_title, _figure_and_axes, _is_blank,
                      _legend_outside, _marker, _numeric, _require_frame, _set_title, _shorten, _style_axes)
from ._style import (_LABEL_SIZE, _SMALL_SIZE, _TEXT_SIZE, CATEGORICAL, PALETTE, _family, _house_cmap,
                     _percent_formatter, plot_style)

__all__ = ["plot_policy_instruments", "plot_directive_strength", "plot_strength_profile", "plot_tone",
           "plot_textstats", "plot_correspondence_map"]

_LEVEL_COLOURS = ("#6E1111", PALETTE["focus"], "#D9746F", "#F4D3D3", "#F3E6E6", PALETTE["band"])
_SIDE_ORDER = ("供给型", "环境型", "需求型")
_TEXTSTATS_LABELS = {
    "n_chars": "字数", "n_tokens": "词数", "n_types": "不同词数", "n_sentences": "句数",
    "mean_sentence_chars": "平均句长（字）", "mean_sentence_tokens": "平均句长（词）", "ttr": "类符/形符比 TTR",
    "mtld": "词汇多样性 MTLD", "officialese_share": "套话占比",
}


# ---------------------------------------------------------------------------
# Policy instruments: bodies × instruments
# ---------------------------------------------------------------------------

def plot_policy_instruments(df: pd.DataFrame, *, value: Literal["count", "n_directives"] = "count",
                            max_bodies: int = 12, ax: Axes | None = None,
                            title: str | None = "各部门被赋予的政策工具") -> Figure:
    """Heatmap of departments × policy instruments, columns grouped by side (供给型/环境型/需求型).

    Parameters
    ----------
    df : pandas.DataFrame
        The ``by="body"`` table of :func:`textmine.policy_instruments`: columns
        ``body, side, instrument`` and ``value``. Bodies keep their row order.
    value : {"count", "n_directives"}, keyword-only
    max_bodies : int, keyword-only
        Bodies beyond this are left out (a note says how many).
    ax : matplotlib.axes.Axes, optional, keyword-only
    title : str or None, keyword-only

    Returns
    -------
    matplotlib.figure.Figure
        ``ax.images[0]`` is the heatmap (bodies × instruments that occur); a text
        per non-zero cell; the x tick labels are the instruments, with the side
        above each group.
    """
    value = _check_choice(value, "value", ("count", "n_directives"))
    data = _require_frame(df, "df", ["body", "side", "instrument", value])
    max_bodies = _check_int(max_bodies, "max_bodies")
    title = _check_title(title)
    _check_ax(ax)
    vals = _numeric(data[value], f"df[{value!r}]")
    data = data.assign(_v=vals)
    bodies = list(dict.fromkeys(str(b) for b in data["body"]))
    sides = {str(s) for s in data["side"]}
    side_order = [s for s in _SIDE_ORDER if s in sides] + sorted(sides - set(_SIDE_ORDER))
    pairs = list(dict.fromkeys((str(s), str(i)) for s, i in zip(data["side"], data["instrument"])))
    known = [tuple(x) for x in df.attrs.get("instruments", [])]
    order = {p: k for k, p in enumerate(known)}
    pairs.sort(key=lambda p: (side_order.index(p[0]), order.get(p, len(order)), p[1]))
    shown = bodies[:max_bodies]
    grid = np.zeros((len(shown), len(pairs)))
    for b, s, i, v in zip(data["body"], data["side"], data["instrument"], data["_v"]):
        if str(b) in shown:
            grid[shown.index(str(b)), pairs.index((str(s), str(i)))] += v
    with plot_style():
        fig, ax, _ = _figure_and_axes(ax)
        im = ax.imshow(grid, cmap=_house_cmap(), aspect="auto", vmin=0, vmax=max(grid.max(), 1))
        for r in range(grid.shape[0]):
            for c in range(grid.shape[1]):
                if grid[r, c]:
                    ax.text(c, r, f"{grid[r, c]:g}", ha="center", va="center", fontsize=_SMALL_SIZE,
                            color="white" if grid[r, c] > grid.max() * 0.6 else PALETTE["text"],
                            fontfamily=_family())
        ax.set_xticks(range(len(pairs)), [_shorten(i, 6) for _, i in pairs], rotation=45, ha="right")
        ax.set_yticks(range(len(shown)), [_shorten(b, 8) for b in shown])
        start = 0
        for s in side_order:
            n = sum(p[0] == s for p in pairs)
            if not n:
                continue
            ax.text(start + (n - 1) / 2, -0.75, s, ha="center", va="bottom", fontsize=_LABEL_SIZE,
                    color=PALETTE["focus"], fontfamily=_family())
            if start:
                ax.axvline(start - 0.5, color=PALETTE["text"], linewidth=1.2)
            start += n
        ax.set_ylim(len(shown) - 0.5, -1.4)
        _style_axes(ax)
        if len(bodies) > max_bodies:
            ax.text(0, -0.18, f"（共 {len(bodies)} 个部门，仅列出前 {max_bodies} 个）", transform=ax.transAxes,
                    fontsize=_SMALL_SIZE, color=PALETTE["muted"], fontfamily=_family())
        ax.figure.colorbar(im, ax=ax, fraction=0.03, pad=0.02).set_label(
            "匹配次数" if value == "count" else "指令数", fontsize=_TEXT_SIZE, fontfamily=_family())
        _set_title(ax, title, pad=34)
    return fig


# ---------------------------------------------------------------------------
# Directive strength: level shares per unit; the profile against the corpus
# ---------------------------------------------------------------------------

def _level_columns(data: pd.DataFrame) -> list[str]:
    levels = [c[len("share_"):] for c in data.columns if str(c).startswith("share_")]
    if not levels:
        raise InputError(f"df has no share_<level> column (columns {list(data.columns)}); expected a profile "
                         "table of directive_strength(by='section'|'body'|'document')")
    return levels


def _unit_label(row: Any, data: pd.DataFrame) -> str:
    if "body" in data.columns:
        return str(row["body"])
    if "path" in data.columns:
        path = "" if _is_blank(row["path"]) else str(row["path"])
        if not path:
            return "开篇"
        return f"{_marker(path, path.count('.') + 1)}{'' if _is_blank(row.get('title')) else row['title']}"
    return str(row.get("doc_id", ""))


def plot_directive_strength(df: pd.DataFrame, *, max_rows: int = 16, ax: Axes | None = None,
                            title: str | None = "指令力度构成") -> Figure:
    """Stacked bars: the share of directive sentences at each level, per section, body or document.

    Parameters
    ----------
    df : pandas.DataFrame
        A profile of :func:`textmine.directive_strength` (``by="section"``,
        ``"body"`` or ``"document"``): columns ``share_<level>`` (strongest first),
        ``n_directives``, ``mean_score`` and ``path, title`` or ``body`` or ``doc_id``
        for the labels. Rows without directives are left out.
    max_rows : int, keyword-only
    ax : matplotlib.axes.Axes, optional, keyword-only
    title : str or None, keyword-only

    Returns
    -------
    matplotlib.figure.Figure
        One bar per row, one segment per level (``ax.patches``: level by level),
        the number of directives and the mean score written after each bar.
    """
    data = _require_frame(df, "df", ["n_directives", "mean_score"])
    levels = _level_columns(data)
    max_rows = _check_int(max_rows, "max_rows")
    title = _check_title(title)
    _check_ax(ax)
    data = data[_numeric(data["n_directives"], "df['n_directives']") > 0].iloc[:max_rows]
    if data.empty:
        raise InputError("df has no row with directives (n_directives > 0); nothing to draw")
    labels = [_shorten(_unit_label(r, data), 14) for _, r in data.iterrows()]
    y = np.arange(len(data))
    with plot_style():
        fig, ax, _ = _figure_and_axes(ax)
        left = np.zeros(len(data))
        for k, lv in enumerate(levels):
            share = _numeric(data[f"share_{lv}"], f"df['share_{lv}']", allow_nan=True)
            share = np.nan_to_num(share)
            ax.barh(y, share, left=left, height=0.7, color=_LEVEL_COLOURS[k % len(_LEVEL_COLOURS)],
                    edgecolor="white", label=lv)
            left += share
        for yi, (n, score) in enumerate(zip(data["n_directives"], data["mean_score"])):
            ax.text(1.01, yi, f"{int(n)} 句 · 均分 {float(score):.2f}", va="center", fontsize=_SMALL_SIZE,
                    color=PALETTE["muted"], fontfamily=_family())
        ax.set_yticks(y, labels)
        ax.set_ylim(len(data) - 0.5, -0.5)
        ax.set_xlim(0, 1.22)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
        ax.xaxis.set_major_formatter(_percent_formatter())
        ax.set_xlabel("指令句占比", fontsize=_LABEL_SIZE)
        _style_axes(ax, grid="x")
        _legend_outside(ax, title="力度等级")
        _set_title(ax, title)
    return fig


def plot_strength_profile(df: pd.DataFrame, *, ax: Axes | None = None,
                          title: str | None = "指令力度：本讲话与参照、同领域讲话",
                          labels: tuple[str, str, str] = ("本讲话", "参照语料", "同领域讲话")) -> Figure:
    """Grouped bars of the level shares of the speech, the reference and the peers.

    Parameters
    ----------
    df : pandas.DataFrame
        The table of :func:`textmine.strength_profile`: columns ``measure, target,
        reference, peers`` (and ``percentile``); the ``share_<level>`` rows are drawn,
        the ``mean_score`` row is written in the corner.
    ax, title : see the other charts
    labels : (str, str, str), keyword-only

    Returns
    -------
    matplotlib.figure.Figure
        Three bars per level (``ax.patches``: target bars, reference bars, peer bars;
        the peers are left out when their column is all NaN).
    """
    data = _require_frame(df, "df", ["measure", "target", "reference", "peers"])
    title = _check_title(title)
    _check_ax(ax)
    if (isinstance(labels, str) or len(labels) != 3 or not all(isinstance(x, str) for x in labels)):
        raise InputError(f"labels={labels!r}: expected three strings (target, reference, peers)")
    shares = data[data["measure"].astype(str).str.startswith("share_")]
    if shares.empty:
        raise InputError("df has no share_<level> measure; expected the table of strength_profile()")
    levels = [m[len("share_"):] for m in shares["measure"]]
    series = [("target", PALETTE["focus"], labels[0]), ("reference", PALETTE["reference"], labels[1])]
    peers = _numeric(shares["peers"], "df['peers']", allow_nan=True)
    if np.isfinite(peers).any():
        series.append(("peers", PALETTE["peers"], labels[2]))
    width = 0.8 / len(series)
    x = np.arange(len(levels))
    with plot_style():
        fig, ax, _ = _figure_and_axes(ax)
        for k, (col, colour, lab) in enumerate(series):
            vals = np.nan_to_num(_numeric(shares[col], f"df[{col!r}]", allow_nan=True))
            bars = ax.bar(x + (k - (len(series) - 1) / 2) * width, vals, width=width * 0.92, color=colour, label=lab)
            for b, v in zip(bars, vals):
                ax.text(b.get_x() + b.get_width() / 2, v + 0.01, f"{v:.0%}", ha="center", va="bottom",
                        fontsize=_SMALL_SIZE, color=PALETTE["text"], fontfamily=_family())
        ax.set_xticks(x, levels)
        ax.yaxis.set_major_formatter(_percent_formatter())
        ax.set_ylabel("指令句占比", fontsize=_LABEL_SIZE)
        score = data[data["measure"] == "mean_score"]
        if len(score):
            r = score.iloc[0]
            note = f"平均力度分：{labels[0]} {float(r['target']):.2f}，{labels[1]} {float(r['reference']):.2f}"
            if "peers" in [s[0] for s in series] and np.isfinite(float(r["peers"])):
                note += f"，{labels[2]} {float(r['peers']):.2f}"
            if "percentile" in r and np.isfinite(float(r["percentile"])):
                note += f"（高于 {float(r['percentile']):.0f}% 的参照讲话）"
            ax.text(0.0, 1.01, note, transform=ax.transAxes, fontsize=_SMALL_SIZE, color=PALETTE["muted"],
                    fontfamily=_family(), va="bottom")
        _style_axes(ax, grid="y")
        _legend_outside(ax)
        _set_title(ax, title, pad=30)
    return fig


# ---------------------------------------------------------------------------
# Tone per section
# ---------------------------------------------------------------------------

def plot_tone(df: pd.DataFrame, *, measure: Literal["count", "per_10k"] = "count", ax: Axes | None = None,
              title: str | None = "各部分的成绩与问题") -> Figure:
    """Diverging bars per section: praise (成绩) to the right, problems (问题) to the left.

    Parameters
    ----------
    df : pandas.DataFrame
        The table of :func:`textmine.tone`: columns ``n_praise, n_problem`` (or
        ``praise_per_10k, problem_per_10k``), ``balance`` and ``path, title`` (by
        section) or ``doc_id``.
    measure : {"count", "per_10k"}, keyword-only
    ax, title : see the other charts

    Returns
    -------
    matplotlib.figure.Figure
        ``ax.patches``: the praise bars (positive), then the problem bars (negative),
        one row per section in text order.
    """
    measure = _check_choice(measure, "measure", ("count", "per_10k"))
    cols = ("n_praise", "n_problem") if measure == "count" else ("praise_per_10k", "problem_per_10k")
    data = _require_frame(df, "df", list(cols))
    title = _check_title(title)
    _check_ax(ax)
    praise = np.nan_to_num(_numeric(data[cols[0]], f"df[{cols[0]!r}]", allow_nan=True))
    problem = np.nan_to_num(_numeric(data[cols[1]], f"df[{cols[1]!r}]", allow_nan=True))
    if not (praise.any() or problem.any()):
        raise InputError("df has no praise and no problem anywhere; nothing to draw")
    labels = [_shorten(_unit_label(r, data), 14) for _, r in data.iterrows()]
    y = np.arange(len(data))
    lim = max(praise.max(), problem.max())
    with plot_style():
        fig, ax, _ = _figure_and_axes(ax)
        ax.barh(y, praise, height=0.68, color=PALETTE["reference"], label="成绩")
        ax.barh(y, -problem, height=0.68, color=PALETTE["focus"], label="问题")
        ax.axvline(0, color=PALETTE["text"], linewidth=1.2)
        ax.set_yticks(y, labels)
        ax.set_ylim(len(data) - 0.5, -1.3)
        ax.set_xlim(-lim * 1.15, lim * 1.15)
        ax.text(lim * 0.03, -0.95, "成绩 →", ha="left", fontsize=_LABEL_SIZE, color=PALETTE["reference"],
                fontfamily=_family(), va="center")
        ax.text(-lim * 0.03, -0.95, "← 问题", ha="right", fontsize=_LABEL_SIZE, color=PALETTE["focus"],
                fontfamily=_family(), va="center")
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{abs(v):g}"))  # both sides count up
        ax.set_xlabel("匹配次数" if measure == "count" else "每万词次数", fontsize=_LABEL_SIZE)
        _style_axes(ax, grid="x")
        _set_title(ax, title)
    return fig


# ---------------------------------------------------------------------------
# Summary statistics against the corpus
# ---------------------------------------------------------------------------

def plot_textstats(df: pd.DataFrame, *, ax: Axes | None = None,
                   title: str | None = "本讲话在参照语料中的位置（百分位）") -> Figure:
    """Bars of the speech's percentile in the reference corpus, one per statistic.

    Parameters
    ----------
    df : pandas.DataFrame
        The table of :func:`textmine.textstats_percentiles`: columns ``measure,
        target, percentile`` (and ``reference_median``).

    Returns
    -------
    matplotlib.figure.Figure
        ``ax.patches``: one bar per statistic (0–100); the speech's value (and the
        corpus median) written after each bar; a line at the 50th percentile.
    """
    data = _require_frame(df, "df", ["measure", "target", "percentile"])
    title = _check_title(title)
    _check_ax(ax)
    pct = _numeric(data["percentile"], "df['percentile']", allow_nan=True)
    if ((pct < 0) | (pct > 100)).any():
        raise InputError("df['percentile'] has a value outside 0–100; expected percentiles")
    target = _numeric(data["target"], "df['target']", allow_nan=True)
    median = (_numeric(data["reference_median"], "df['reference_median']", allow_nan=True)
              if "reference_median" in data.columns else np.full(len(data), np.nan))
    names = [_TEXTSTATS_LABELS.get(str(m), str(m)) for m in data["measure"]]
    y = np.arange(len(data))

    def fmt(v: float, measure: str) -> str:
        if not np.isfinite(v):
            return "—"
        if measure.endswith("share"):
            return f"{v:.1%}"
        return f"{v:.0f}" if abs(v) >= 100 or float(v).is_integer() else f"{v:.3g}"

    with plot_style():
        fig, ax, _ = _figure_and_axes(ax)
        colours = [PALETTE["focus"] if np.isfinite(p) and (p >= 90 or p <= 10) else PALETTE["reference"] for p in pct]
        ax.barh(y, np.nan_to_num(pct), height=0.66, color=colours)
        for yi, (p, t, m, name) in enumerate(zip(pct, target, median, data["measure"].astype(str))):
            ax.text(min(np.nan_to_num(p), 100) + 1.5, yi, f"{fmt(t, name)}（中位数 {fmt(m, name)}）", va="center",
                    fontsize=_SMALL_SIZE, color=PALETTE["text"], fontfamily=_family())
        ax.axvline(50, color=PALETTE["neutral"], linewidth=1, linestyle="--")
        ax.set_yticks(y, names)
        ax.set_ylim(len(data) - 0.5, -0.5)
        ax.set_xlim(0, 135)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.set_xlabel("百分位（参照讲话中低于本讲话的比例）", fontsize=_LABEL_SIZE)
        _style_axes(ax, grid="x")
        _set_title(ax, title)
    return fig


# ---------------------------------------------------------------------------
# Correspondence-analysis map
# ---------------------------------------------------------------------------

def plot_correspondence_map(df: pd.DataFrame, *, color_by: Literal["policy_area", "year"] = "policy_area",
                            label_documents: bool = True, ax: Axes | None = None,
                            title: str | None = "对应分析图：讲话与特征词") -> Figure:
    """Scatter of the documents (coloured by policy area or year) and their characteristic terms.

    Parameters
    ----------
    df : pandas.DataFrame
        The table of :func:`textmine.correspondence_map`: columns ``kind, label,
        dim1, dim2, is_target`` and ``color_by``; ``attrs["explained"]`` names the
        axes.
    color_by : {"policy_area", "year"}, keyword-only
        Policy areas get the categorical colours, years a light-to-dark scale.
    label_documents : bool, keyword-only
        Write each document's year (or id) next to its point.
    ax, title : see the other charts

    Returns
    -------
    matplotlib.figure.Figure
        The reference documents are scatter collections (one per marker shape; by
        year, one), the target the last collection (a larger red diamond, labelled);
        terms are grey texts; a legend of the colours. The limits hold every
        document and term.
    """
    color_by = _check_choice(color_by, "color_by", ("policy_area", "year"))
    data = _require_frame(df, "df", ["kind", "label", "dim1", "dim2", "is_target"])
    title = _check_title(title)
    _check_ax(ax)
    x = _numeric(data["dim1"], "df['dim1']")
    y = _numeric(data["dim2"], "df['dim2']")
    is_doc = (data["kind"] == "document").to_numpy()
    is_target = data["is_target"].astype(bool).to_numpy() & is_doc
    if not is_doc.any():
        raise InputError("df has no document row (kind == 'document'); expected the table of correspondence_map()")
    groups = (data[color_by] if color_by in data.columns else pd.Series([None] * len(data))).to_numpy()
    ref = is_doc & ~is_target
    explained = list(df.attrs.get("explained", []))
    with plot_style():
        fig, ax, _ = _figure_and_axes(ax)
        handles = []
        if color_by == "policy_area":
            cats = list(dict.fromkeys("未知" if _is_blank(g) else str(g) for g in groups[is_doc]))
            # more areas than colours: the next round of colours gets another marker
            style = {c: (CATEGORICAL[i % len(CATEGORICAL)], "os^v"[i // len(CATEGORICAL) % 4])
                     for i, c in enumerate(cats)}
            keys = np.array(["未知" if _is_blank(g) else str(g) for g in groups], dtype=object)
            handles = [Line2D([], [], marker=style[c][1], linestyle="", color=style[c][0], label=c, markersize=9)
                       for c in cats]
            for marker in dict.fromkeys(m for _, m in style.values()):
                sel = ref & np.isin(keys, [c for c in cats if style[c][1] == marker])
                ax.scatter(x[sel], y[sel], s=70, c=[style[k][0] for k in keys[sel]], marker=marker,
                           edgecolors="white", linewidths=0.6, zorder=3)
        else:
            years = pd.to_numeric(pd.Series(groups), errors="coerce").to_numpy(dtype=float)
            finite = years[is_doc & np.isfinite(years)]
            lo, hi = (finite.min(), finite.max()) if finite.size else (0, 1)
            sc = ax.scatter(x[ref], y[ref], s=70, c=np.where(np.isfinite(years[ref]), years[ref], lo),
                            cmap="Blues", vmin=lo - (hi - lo) * 0.3 - 1e-9, vmax=hi, edgecolors=PALETTE["reference"],
                            linewidths=0.6, zorder=3)
            ax.figure.colorbar(sc, ax=ax, fraction=0.03, pad=0.02).set_label("年份", fontsize=_TEXT_SIZE,
                                                                                fontfamily=_family())
        ax.scatter(x[is_target], y[is_target], s=220, marker="D", color=PALETTE["focus"], edgecolors="white",
                   linewidths=1.2, zorder=5)
        if is_target.any():
            handles.append(Line2D([], [], marker="D", linestyle="", color=PALETTE["focus"], label="本讲话",
                                  markersize=11))
        for i in np.flatnonzero(is_doc):
            if is_target[i]:
                ax.annotate(_shorten(str(data["label"].iat[i]), 16), (x[i], y[i]), xytext=(8, 8),
                            textcoords="offset points", fontsize=_TEXT_SIZE, color=PALETTE["focus"],
                            fontfamily=_family(), zorder=6)
            elif label_documents:
                tag = data["year"].iat[i] if "year" in data.columns and not _is_blank(data["year"].iat[i]) \
                    else data["id"].iat[i] if "id" in data.columns else ""
                ax.annotate(str(tag), (x[i], y[i]), xytext=(4, -10), textcoords="offset points",
                            fontsize=_SMALL_SIZE - 2, color=PALETTE["muted"], fontfamily=_family())
        for i in np.flatnonzero(~is_doc):
            ax.text(x[i], y[i], str(data["label"].iat[i]), fontsize=_SMALL_SIZE, color=PALETTE["muted"],
                    ha="center", va="center", fontfamily=_family(), zorder=2)
        # terms (texts) are not seen by autoscaling: fit the limits to every point
        for lo_hi, setter in (((x.min(), x.max()), ax.set_xlim), ((y.min(), y.max()), ax.set_ylim)):
            pad = (lo_hi[1] - lo_hi[0]) * 0.08 or 1.0
            setter(lo_hi[0] - pad, lo_hi[1] + pad)
        ax.axhline(0, color=PALETTE["grid"], linewidth=1, zorder=1)
        ax.axvline(0, color=PALETTE["grid"], linewidth=1, zorder=1)
        for k, setter in enumerate((ax.set_xlabel, ax.set_ylabel)):
            share = f"（{explained[k]:.1%}）" if k < len(explained) else ""
            setter(f"第{k + 1}轴{share}", fontsize=_LABEL_SIZE)
        _style_axes(ax)
        if handles:
            _legend_outside(ax, handles, [h.get_label() for h in handles],
                            title="政策领域" if color_by == "policy_area" else None)
        _set_title(ax, title)
    return fig

