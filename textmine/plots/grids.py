"""Topic shares on a grid: sections × topics (:func:`textmine.section_topics`) and years × topics
(:func:`textmine.topic_trend`)."""

from __future__ import annotations

from typing import Literal

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import Colormap, Normalize
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..errors import InputError
from ._common import (_check_ax, _check_choice, _check_shares, _check_title, _figure_and_axes, _legend_outside,
                      _numeric, _require_matrix, _set_title, _shorten, _style_axes)
from ._style import (_LABEL_SIZE, _SMALL_SIZE, _TEXT_SIZE, CATEGORICAL, PALETTE, _family, _house_cmap,
                     _percent_formatter, plot_style)

__all__ = ["plot_section_topics", "plot_topic_trend"]

# ---------------------------------------------------------------------------
# Section topics (section × topic heatmap)
# ---------------------------------------------------------------------------

def plot_section_topics(df: pd.DataFrame, *, ax: Axes | None = None, title: str | None = "各部分 × 主题",
                        cmap: str | Colormap | None = None) -> Figure:
    """Heatmap of topic shares per section, each cell annotated with its percentage.

    Draws the table of :func:`textmine.section_topics`; formerly ``plot_section_heatmap`` (now a deprecated
    alias).

    Parameters
    ----------
    df : pandas.DataFrame
        Indexed by section label (str), one column per topic label, values shares
        between 0 and 1 (NaN: blank cell).
    ax : matplotlib.axes.Axes, optional, keyword-only
    title : str or None, keyword-only
    cmap : str, matplotlib.colors.Colormap or None, keyword-only
        ``None``: the house white-to-red scale.

    Returns
    -------
    matplotlib.figure.Figure
        ``ax.images[0]`` is the heatmap; one text per non-missing cell
        (``"35%"``); a percent colour bar.

    Raises
    ------
    InputError
        If ``df`` is empty, not numeric, has a share outside [0, 1], or ``cmap`` is
        unknown.
    """
    data = _require_matrix(df, "df", "indexed by section label with one column per topic (shares 0–1)")
    title = _check_title(title)
    _check_ax(ax)
    values = np.column_stack([_numeric(data.iloc[:, j], f"df[{data.columns[j]!r}]", allow_nan=True)
                              for j in range(data.shape[1])])
    _check_shares(values, "df")
    if cmap is None:
        colormap = _house_cmap()
    elif isinstance(cmap, Colormap):
        colormap = cmap
    elif isinstance(cmap, str) and cmap in mpl.colormaps:
        colormap = mpl.colormaps[cmap]
    else:
        raise InputError(f"cmap={cmap!r}: expected None, a Colormap or a registered colormap name "
                         "such as 'Reds'")
    finite = values[np.isfinite(values)]
    vmax = float(finite.max()) if finite.size and finite.max() > 0 else 1.0
    norm = Normalize(vmin=0, vmax=vmax)
    rows, cols = values.shape
    fs = _TEXT_SIZE if rows * cols <= 80 and cols <= 10 else (_SMALL_SIZE if cols <= 14 else 10)
    with plot_style():
        fig, ax, _ = _figure_and_axes(ax)
        im = ax.imshow(np.ma.masked_invalid(values), cmap=colormap, norm=norm, aspect="auto",
                       interpolation="nearest")
        for i in range(rows):
            for j in range(cols):
                v = values[i, j]
                if not np.isfinite(v):
                    continue
                dark = norm(v) > 0.55
                ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=fs,
                        color="white" if dark else PALETTE["text"], fontfamily=_family())
        ax.set_xticks(np.arange(cols), labels=[_shorten(str(c), 10) for c in data.columns],
                      rotation=30 if cols > 5 else 0, ha="right" if cols > 5 else "center",
                      rotation_mode="anchor")
        ax.set_yticks(np.arange(rows), labels=[_shorten(str(r), 16) for r in data.index])
        _style_axes(ax)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        cbar = fig.colorbar(im, ax=ax, format=_percent_formatter(), shrink=0.85, pad=0.02)
        cbar.outline.set_visible(False)
        cbar.ax.tick_params(labelsize=_SMALL_SIZE, labelfontfamily=_family(), labelcolor=PALETTE["text"])
        _set_title(ax, title)
    return fig


# ---------------------------------------------------------------------------
# Topic trend
# ---------------------------------------------------------------------------

def plot_topic_trend(df: pd.DataFrame, *, ax: Axes | None = None, title: str | None = "主题随年份的变化",
                     kind: Literal["line", "area"] = "line") -> Figure:
    """Topic shares over the years, as lines or a stacked area.

    Parameters
    ----------
    df : pandas.DataFrame
        Indexed by year (int), one column per topic label, values mean shares
        between 0 and 1. Rows are sorted by year.
    ax : matplotlib.axes.Axes, optional, keyword-only
    title : str or None, keyword-only
    kind : {"line", "area"}, keyword-only
        ``"line"``: one line per topic (``ax.lines``); ``"area"``: stacked areas
        (``ax.collections``), missing values as 0.

    Returns
    -------
    matplotlib.figure.Figure
        Percent y-axis, whole years on the x-axis, legend (the topic labels) at
        the right.

    Raises
    ------
    InputError
        If ``df`` is empty, the index is not years, a value is not a share or
        ``kind`` is unknown.
    """
    data = _require_matrix(df, "df", "indexed by year with one column per topic (shares 0–1)")
    kind = _check_choice(kind, "kind", ("line", "area"))
    title = _check_title(title)
    _check_ax(ax)
    years = pd.to_numeric(pd.Series(data.index), errors="coerce").to_numpy(dtype=float)
    if not np.isfinite(years).all() or not np.all(years == np.round(years)):
        bad = data.index[~(np.isfinite(years) & (years == np.round(years)))][0]
        raise InputError(f"df.index has {bad!r}; expected years as whole numbers")
    order = np.argsort(years, kind="stable")
    years = years[order].astype(int)
    values = np.column_stack([_numeric(data.iloc[:, j], f"df[{data.columns[j]!r}]", allow_nan=True)
                              for j in range(data.shape[1])])[order]
    _check_shares(values, "df")
    labels = [str(c) for c in data.columns]
    colors = [CATEGORICAL[j % len(CATEGORICAL)] for j in range(len(labels))]
    styles = ["-", "--", ":", "-."]
    with plot_style():
        fig, ax, _ = _figure_and_axes(ax)
        if kind == "line":
            for j, label in enumerate(labels):
                ax.plot(years, values[:, j], marker="o", markersize=6, linewidth=2.6, color=colors[j],
                        linestyle=styles[(j // len(CATEGORICAL)) % len(styles)], label=label)
            top = float(np.nanmax(values)) if np.isfinite(values).any() else 0.0
        else:
            filled = np.nan_to_num(values, nan=0.0)
            ax.stackplot(years, filled.T, labels=labels, colors=colors, alpha=0.9, linewidth=0.5,
                         edgecolor="white")
            top = float(filled.sum(axis=1).max())
        ax.set_ylim(0, min(max(top * 1.12, 0.01), 1.0 if kind == "area" else 1.05))
        ax.yaxis.set_major_formatter(_percent_formatter())
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=min(len(years), 12)))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{x:.0f}"))
        if len(years) > 1:
            margin = 0.0 if kind == "area" else 0.25
            ax.set_xlim(years.min() - margin, years.max() + margin)
        ax.set_xlabel("年份", fontsize=_LABEL_SIZE)
        ax.set_ylabel("平均占比", fontsize=_LABEL_SIZE)
        _style_axes(ax, grid="y")
        _legend_outside(ax, title="主题")
        _set_title(ax, title)
    return fig
