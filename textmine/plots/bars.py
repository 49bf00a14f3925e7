"""Bar charts (and the duties table) of ranked analysis tables.

Top terms (:meth:`Dtm.top_terms <textmine.Dtm.top_terms>`), keyness (:func:`textmine.keyness`), the topic
comparison (:func:`textmine.topic_comparison`), similar documents (:func:`textmine.similar_documents`) and
duties (:func:`textmine.duties`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ..errors import InputError
from ._common import (_axes_size_pt, _check_ax, _check_choice, _check_int, _check_labels, _check_shares,
                      _check_title, _figure_and_axes, _is_blank, _legend_outside, _numeric, _require_frame,
                      _set_title, _shorten, _style_axes, _wrap)
from ._style import (_LABEL_SIZE, _SMALL_SIZE, _TEXT_SIZE, CATEGORICAL, PALETTE, _family, _percent_formatter,
                     _PlainMinusFormatter, plot_style)

__all__ = ["plot_top_terms", "plot_keyness", "plot_topic_comparison", "plot_similar_documents", "plot_duties"]

_DUTY_MAX = 120  # duty text longer than this (in character widths) is cut with "…"

# ---------------------------------------------------------------------------
# Top terms
# ---------------------------------------------------------------------------

def plot_top_terms(df: pd.DataFrame, *, n: int = 20, ax: Axes | None = None,
                   title: str | None = "高频词") -> Figure:
    """Horizontal bars of the most frequent terms, the largest at the top.

    Parameters
    ----------
    df : pandas.DataFrame
        Columns ``term, count, per_10k, doc_freq`` (as from the keyword stage).
        Rows are ranked by ``count`` (ties keep their order).
    n : int, keyword-only
        Number of terms shown.
    ax : matplotlib.axes.Axes, optional, keyword-only
        Draw here instead of on a new 16:9 figure.
    title : str or None, keyword-only

    Returns
    -------
    matplotlib.figure.Figure
        Bars labelled with the count and the rate per 10,000 tokens.

    Raises
    ------
    InputError
        If ``df`` is empty, lacks a column or has non-numeric counts, or ``n`` < 1.
    """
    data = _require_frame(df, "df", ["term", "count", "per_10k", "doc_freq"])
    n = _check_int(n, "n")
    title = _check_title(title)
    _check_ax(ax)
    counts = _numeric(data["count"], "df['count']")
    rates = _numeric(data["per_10k"], "df['per_10k']")
    order = np.argsort(-counts, kind="stable")[:n]
    terms = [str(t) for t in data["term"].to_numpy()[order]]
    counts, rates = counts[order], rates[order]
    with plot_style():
        fig, ax, _ = _figure_and_axes(ax)
        y = np.arange(len(terms))
        bars = ax.barh(y, counts, height=0.7, color=PALETTE["focus"])
        ax.set_yticks(y, labels=[_shorten(t, 12) for t in terms])
        ax.set_ylim(len(terms) - 0.5, -0.5)
        ax.bar_label(bars, labels=[f"{c:,.0f}（{r:.1f}/万词）" for c, r in zip(counts, rates)],
                     padding=5, fontsize=_SMALL_SIZE if len(terms) > 15 else _TEXT_SIZE,
                     color=PALETTE["text"])
        ax.set_xlim(0, max(counts.max(), 1) * 1.28)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(_PlainMinusFormatter())
        ax.set_xlabel("出现次数", fontsize=_LABEL_SIZE)
        ax.tick_params(axis="y", length=0)
        _style_axes(ax, grid="x")
        _set_title(ax, title)
    return fig


# ---------------------------------------------------------------------------
# Keyness
# ---------------------------------------------------------------------------

_MEASURE_LABELS = {
    "g2": "对数似然比 G²（正值：本讲话多用；负值：少用）",
    "log_ratio": "对数比 Log Ratio（以 2 为底）",
    "z_logodds": "加权对数优势比 z 值",
}


def plot_keyness(keyness_df: pd.DataFrame, *, n: int = 15,
                 measure: Literal["g2", "log_ratio", "z_logodds"] = "g2", ax: Axes | None = None,
                 title: str | None = "关键性：本讲话多用与少用的词",
                 labels: tuple[str, str] = ("本讲话", "参照语料")) -> Figure:
    """Diverging bars: the terms the speech over-uses (right) and under-uses (left).

    Parameters
    ----------
    keyness_df : pandas.DataFrame
        Columns ``term, n_target, n_reference, per_10k_target, per_10k_reference,
        g2, p, log_ratio, z_logodds``; only ``term`` and ``measure`` are read.
    n : int, keyword-only
        Number of terms on each side.
    measure : {"g2", "log_ratio", "z_logodds"}, keyword-only
        Signed statistic: > 0 over-used by the target, < 0 under-used.
    ax : matplotlib.axes.Axes, optional, keyword-only
    title : str or None, keyword-only
    labels : (str, str), keyword-only
        Names of the target and the reference for the two headers.

    Returns
    -------
    matplotlib.figure.Figure
        Row *i* holds the *i*-th most over-used term (positive bar, focus colour)
        and the *i*-th most under-used term (negative bar, reference colour); terms
        are written at the bar ends (``ax.texts``), the zero line is drawn and
        negative ticks carry a minus sign. ``ax.patches`` holds the over-used bars,
        then the under-used ones.

    Raises
    ------
    InputError
        If ``keyness_df`` is empty, lacks a column, ``measure`` is unknown or no
        term has a non-zero value.
    """
    measure = _check_choice(measure, "measure", ("g2", "log_ratio", "z_logodds"))
    data = _require_frame(keyness_df, "keyness_df", ["term", measure])
    n = _check_int(n, "n")
    title = _check_title(title)
    lab_target, lab_reference = _check_labels(labels)
    _check_ax(ax)
    values = _numeric(data[measure], f"keyness_df[{measure!r}]", allow_nan=True)
    terms = np.array([str(t) for t in data["term"]], dtype=object)
    finite = np.isfinite(values)
    pos = np.flatnonzero(finite & (values > 0))
    neg = np.flatnonzero(finite & (values < 0))
    pos = pos[np.argsort(-values[pos], kind="stable")][:n]
    neg = neg[np.argsort(values[neg], kind="stable")][:n]
    if not len(pos) and not len(neg):
        raise InputError(f"keyness_df has no term with a non-zero {measure} ({len(data)} rows); "
                         "expected signed values (> 0 over-used, < 0 under-used)")
    rows = max(len(pos), len(neg))
    lim = float(np.abs(values[np.concatenate([pos, neg])]).max())
    fs = _TEXT_SIZE if rows <= 16 else _SMALL_SIZE
    with plot_style():
        fig, ax, _ = _figure_and_axes(ax)
        over_bars = ax.barh(np.arange(len(pos)), values[pos], height=0.68, color=PALETTE["focus"],
                            label=f"{lab_target}多用")
        under_bars = ax.barh(np.arange(len(neg)), values[neg], height=0.68, color=PALETTE["reference"],
                             label=f"{lab_reference}多用")
        gap = lim * 0.015
        for bar, term in zip(over_bars, terms[pos]):
            ax.text(bar.get_width() + gap, bar.get_y() + bar.get_height() / 2, _shorten(term, 10),
                    ha="left", va="center", fontsize=fs, color=PALETTE["text"], fontfamily=_family())
        for bar, term in zip(under_bars, terms[neg]):
            ax.text(bar.get_width() - gap, bar.get_y() + bar.get_height() / 2, _shorten(term, 10),
                    ha="right", va="center", fontsize=fs, color=PALETTE["text"], fontfamily=_family())
        ax.axvline(0, color=PALETTE["text"], linewidth=1.2)
        ax.set_xlim(-lim * 1.45, lim * 1.45)
        ax.set_ylim(rows - 0.5, -1.7)
        ax.text(lim * 0.04, -1.15, f"{lab_target}多用 →", ha="left", va="center", fontsize=_LABEL_SIZE,
                color=PALETTE["focus"], fontfamily=_family())
        ax.text(-lim * 0.04, -1.15, f"← {lab_reference}多用", ha="right", va="center",
                fontsize=_LABEL_SIZE, color=PALETTE["reference"], fontfamily=_family())
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.xaxis.set_major_formatter(_PlainMinusFormatter())
        ax.set_xlabel(keyness_df.attrs.get("labels", {}).get(measure, _MEASURE_LABELS[measure]), fontsize=_LABEL_SIZE)
        _style_axes(ax, grid="x")
        ax.spines["left"].set_visible(False)
        _set_title(ax, title)
    return fig


# ---------------------------------------------------------------------------
# Topic comparison (topic shares)
# ---------------------------------------------------------------------------

def plot_topic_comparison(df: pd.DataFrame, *, ax: Axes | None = None,
                          title: str | None = "主题构成：本讲话 vs 语料平均 vs 同领域讲话") -> Figure:
    """Grouped bars: each topic's share in the speech, the corpus and the peers.

    Draws the table of :func:`textmine.topic_comparison`; formerly ``plot_topic_shares`` (now a deprecated
    alias).

    Parameters
    ----------
    df : pandas.DataFrame
        Columns ``topic, label, target, corpus_mean, peers_mean, n_peers,
        diff_corpus, diff_peers``; shares between 0 and 1, ``peers_mean`` may be
        NaN (no peers: that series is left out). Topics are drawn in the row order,
        top to bottom; a blank ``label`` falls back to "主题 <topic>".
    ax : matplotlib.axes.Axes, optional, keyword-only
    title : str or None, keyword-only

    Returns
    -------
    matplotlib.figure.Figure
        Per topic up to three bars (本讲话 in the focus colour, 语料平均,
        同领域讲话（k 篇）); percent axis; legend at the right.

    Raises
    ------
    InputError
        If ``df`` is empty, lacks a column or a share is outside [0, 1].
    """
    data = _require_frame(df, "df", ["topic", "label", "target", "corpus_mean", "peers_mean"])
    title = _check_title(title)
    _check_ax(ax)
    labels = [f"主题 {t}" if _is_blank(lab) else str(lab) for t, lab in zip(data["topic"], data["label"])]
    series = []
    n_peers = None
    if "n_peers" in data.columns:
        known = pd.to_numeric(data["n_peers"], errors="coerce").dropna()
        n_peers = int(known.iloc[0]) if len(known) else None
    peers_name = f"同领域讲话（{n_peers}篇）" if n_peers else "同领域讲话"
    for col, name, color in (("target", "本讲话", PALETTE["focus"]),
                             ("corpus_mean", "语料平均", PALETTE["reference"]),
                             ("peers_mean", peers_name, PALETTE["peers"])):
        values = _numeric(data[col], f"df[{col!r}]", allow_nan=col == "peers_mean")
        _check_shares(values, f"df[{col!r}]")
        if col == "peers_mean" and not np.isfinite(values).any():
            continue
        series.append((values, name, color))
    m, k = len(labels), len(series)
    height = 0.82 / k
    top = max(float(np.nanmax(v)) for v, _, _ in series)
    fs = _SMALL_SIZE if m * k > 24 else _TEXT_SIZE
    with plot_style():
        fig, ax, _ = _figure_and_axes(ax)
        y = np.arange(m)
        for j, (values, name, color) in enumerate(series):
            ok = np.isfinite(values)
            bars = ax.barh(y[ok] - 0.41 + height * (j + 0.5), values[ok], height=height * 0.92,
                           color=color, label=name)
            if j == 0:
                ax.bar_label(bars, labels=[f"{v:.0%}" if v >= 0.005 else f"{v:.1%}" for v in values[ok]],
                             padding=4, fontsize=fs, color=PALETTE["focus"])
        ax.set_yticks(y, labels=[_shorten(lab, 14) for lab in labels])
        ax.set_ylim(m - 0.5, -0.5)
        ax.set_xlim(0, max(top, 0.01) * 1.15)
        ax.xaxis.set_major_formatter(_percent_formatter())
        ax.set_xlabel("占比", fontsize=_LABEL_SIZE)
        ax.tick_params(axis="y", length=0)
        _style_axes(ax, grid="x")
        _legend_outside(ax)
        _set_title(ax, title)
    return fig


# ---------------------------------------------------------------------------
# Similar documents
# ---------------------------------------------------------------------------

def _similar_label(row: Mapping[str, Any]) -> str:
    title = row.get("title")
    base = str(row["doc_id"]) if _is_blank(title) else _shorten(str(title).strip(), 18)
    extras = []
    area = row.get("policy_area")
    if not _is_blank(area):
        extras.append(_shorten(str(area), 8))  # a long area name must not push the label off the figure
    year = row.get("year")
    if not _is_blank(year):
        try:
            as_float = float(year)
            extras.append(str(int(as_float)) if as_float.is_integer() else str(year))
        except (TypeError, ValueError):
            extras.append(str(year))
    return f"{base}（{'，'.join(extras)}）" if extras else base


def plot_similar_documents(df: pd.DataFrame, *, n: int = 10, ax: Axes | None = None,
                           title: str | None = "最相似的讲话", weak_below: float | None = None,
                           weak_label: str = "不相近") -> Figure:
    """Horizontal bars of the most similar speeches, coloured by policy area.

    Draws the table of :func:`textmine.similar_documents`; formerly ``plot_similar`` (now a deprecated alias).

    Parameters
    ----------
    df : pandas.DataFrame
        Columns ``rank, doc_id, similarity`` and optionally ``title, policy_area,
        year`` and other metadata. Rows are ordered by ``rank``.
    n : int, keyword-only
    ax : matplotlib.axes.Axes, optional, keyword-only
    title : str or None, keyword-only
    weak_below : float, optional, keyword-only
        Similarity below which a match counts as weak (e.g. the lower quartile of the
        reference speeches' own pairwise similarities). When given, the band from 0 to
        it is shaded (``ax.patches[0]``) and labelled ``weak_label``; default: no band.
    weak_label : str, keyword-only
        Text written in the weak band.

    Returns
    -------
    matplotlib.figure.Figure
        Bars labelled "title（policy_area，year）" (``doc_id`` when the title is
        missing; the parentheses only hold what is known), the best match at the
        top, the similarity written at each bar. With a ``policy_area`` column the
        bars are coloured by area and a legend names the areas (blank: 未分类).

    Raises
    ------
    InputError
        If ``df`` is empty, lacks a required column, ``n`` < 1 or ``weak_below`` is not
        a number in (0, 1].
    """
    data = _require_frame(df, "df", ["rank", "doc_id", "similarity"])
    n = _check_int(n, "n")
    if weak_below is not None and (isinstance(weak_below, bool) or not isinstance(weak_below, (int, float, np.floating))
                                   or not 0 < float(weak_below) <= 1):
        raise InputError(f"weak_below={weak_below!r}: expected a similarity in (0, 1] or None")
    title = _check_title(title)
    _check_ax(ax)
    ranks = _numeric(data["rank"], "df['rank']")
    sims = _numeric(data["similarity"], "df['similarity']")
    order = np.argsort(ranks, kind="stable")[:n]
    records = data.iloc[order].to_dict("records")
    sims = sims[order]
    labels = [_similar_label(r) for r in records]
    has_area = "policy_area" in data.columns
    areas = ["未分类" if _is_blank(r.get("policy_area")) else str(r["policy_area"]) for r in records]
    cats = list(dict.fromkeys(areas))
    colors = {c: (PALETTE["neutral"] if c == "未分类" else CATEGORICAL[i % len(CATEGORICAL)])
              for i, c in enumerate(cats)}
    with plot_style():
        fig, ax, _ = _figure_and_axes(ax)
        y = np.arange(len(records))
        if weak_below is not None:  # drawn first, under the bars: the zone where a match is not a close one
            ax.axvspan(0, float(weak_below), color=PALETTE["neutral"], alpha=0.18, linewidth=0, zorder=0)
            ax.text(float(weak_below), len(records) - 0.55, f" ←{weak_label}（<{float(weak_below):.2f}）",
                    ha="left", va="bottom", fontsize=_SMALL_SIZE, color=PALETTE["text"], fontfamily=_family())
        bar_colors = [colors[a] for a in areas] if has_area else PALETTE["reference"]
        bars = ax.barh(y, sims, height=0.66, color=bar_colors)
        ax.bar_label(bars, labels=[f"{s:.2f}" for s in sims], padding=5, fontsize=_TEXT_SIZE,
                     color=PALETTE["text"])
        ax.set_yticks(y, labels=labels)
        ax.set_ylim(len(records) - 0.5, -0.5)
        ax.set_xlim(min(0.0, float(sims.min()) * 1.1), max(1.0, float(sims.max())) * 1.08)
        ax.xaxis.set_major_formatter(_PlainMinusFormatter())
        ax.set_xlabel("相似度", fontsize=_LABEL_SIZE)
        ax.tick_params(axis="y", length=0)
        _style_axes(ax, grid="x")
        if has_area:
            _legend_outside(ax, [Patch(color=colors[c]) for c in cats], cats, title="政策领域")
        _set_title(ax, title)
    return fig


# ---------------------------------------------------------------------------
# Duties
# ---------------------------------------------------------------------------

def _bodies_text(value: Any) -> str:
    if isinstance(value, (list, tuple, np.ndarray, pd.Series)):
        return "、".join(str(v) for v in value if not _is_blank(v))
    return "" if _is_blank(value) else str(value)


def plot_duties(df: pd.DataFrame, *, ax: Axes | None = None, title: str | None = "部门职责分工",
                max_rows: int = 14) -> Figure:
    """Table of who is told to do what: 部门 | 职责.

    Parameters
    ----------
    df : pandas.DataFrame
        Columns ``bodies, duty, sentence, start`` (``bodies`` a "、"-joined str
        or a list/tuple of names). Rows are sorted by ``start`` when present; an
        empty ``duty`` falls back to ``sentence``.
    ax : matplotlib.axes.Axes, optional, keyword-only
    title : str or None, keyword-only
    max_rows : int, keyword-only
        Rows beyond this are left out and a note says how many.

    Returns
    -------
    matplotlib.figure.Figure
        ``ax.tables[0]``: header row (0) "部门", "职责", then one row per duty;
        text is wrapped by character count (Chinese has no spaces) and cut with
        "…". The font shrinks from 14 pt (to 10 pt at least) and long duties are
        cut to fewer lines until the table fits.

    Raises
    ------
    InputError
        If ``df`` is empty, lacks ``bodies``/``duty`` or ``max_rows`` < 1.
    """
    data = _require_frame(df, "df", ["bodies", "duty"])
    title = _check_title(title)
    max_rows = _check_int(max_rows, "max_rows")
    _check_ax(ax)
    if "start" in data.columns:
        starts = pd.to_numeric(data["start"], errors="coerce").to_numpy()
        data = data.iloc[np.argsort(np.where(np.isfinite(starts), starts, np.inf), kind="stable")]
    total = len(data)
    shown = data.iloc[:max_rows]
    bodies = [_bodies_text(b) for b in shown["bodies"]]
    duties = []
    sentences = shown["sentence"] if "sentence" in shown.columns else [None] * len(shown)
    for duty, sentence in zip(shown["duty"], sentences):
        text = "" if _is_blank(duty) else str(duty)
        if not text and not _is_blank(sentence):
            text = str(sentence)
        duties.append(_shorten(" ".join(text.split()), _DUTY_MAX))
    note = f"（共 {total} 条，仅列出前 {max_rows} 条）" if total > max_rows else ""
    col_widths = (0.24, 0.76)
    with plot_style():
        fig, ax, created = _figure_and_axes(ax)
        width_pt, height_pt = _axes_size_pt(ax, created)
        avail = height_pt * (0.93 if note else 0.98)
        layouts = [(14, 3), (14, 2), (13, 2), (12, 2), (14, 1), (12, 1), (11, 1), (10, 1)]
        for fs, max_lines in layouts:
            body_w = col_widths[0] * width_pt * 0.94 / fs
            duty_w = col_widths[1] * width_pt * 0.97 / fs
            body_lines = [_wrap(b, body_w, max_lines=max(max_lines, 2)) for b in bodies]
            duty_lines = [_wrap(d, duty_w, max_lines=max_lines) for d in duties]
            row_lines = [max(len(a), len(b)) for a, b in zip(body_lines, duty_lines)]
            line_pt, pad_pt = fs * 1.35, fs * 0.55
            needed = sum(n * line_pt + pad_pt for n in [1] + row_lines)
            if needed <= avail:
                break
        cells = [["\n".join(a), "\n".join(b)] for a, b in zip(body_lines, duty_lines)]
        table = ax.table(cellText=cells, colLabels=["部门", "职责"], colWidths=list(col_widths),
                         cellLoc="left", colLoc="left", loc="upper center")
        table.auto_set_font_size(False)
        table.set_fontsize(fs)
        for (r, c), cell in table.get_celld().items():
            lines = 1 if r == 0 else row_lines[r - 1]
            cell.set_height((lines * line_pt + pad_pt) / height_pt)
            cell.PAD = 0.015 if c == 1 else 0.04
            text = cell.get_text()
            text.set_fontfamily(_family())
            text.set_linespacing(1.25)
            if r == 0:
                cell.set_facecolor(PALETTE["focus"])
                cell.set_edgecolor(PALETTE["focus"])
                text.set_color("white")
            else:
                fill = PALETTE["band"] if r % 2 == 0 else PALETTE["background"]
                cell.set_facecolor(fill)
                cell.set_edgecolor(fill)
                text.set_color(PALETTE["focus"] if c == 0 else PALETTE["text"])
        ax.set_axis_off()
        if note:
            ax.text(0.0, 0.0, note, transform=ax.transAxes, ha="left", va="bottom", fontsize=_SMALL_SIZE,
                    color=PALETTE["muted"], fontfamily=_family())
        _set_title(ax, title)
    return fig
