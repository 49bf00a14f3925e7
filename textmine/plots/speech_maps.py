"""Maps of one speech: its outline with each section's keywords (:func:`textmine.section_keywords`) and where
terms occur (:func:`textmine.dispersion`)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..errors import InputError
from ._common import (_axes_size_pt, _check_ax, _check_title, _figure_and_axes, _is_blank, _marker, _numeric,
                      _require_frame, _set_title, _shorten, _style_axes, _text_width)
from ._style import _SMALL_SIZE, _TEXT_SIZE, _LABEL_SIZE, PALETTE, _family, _percent_formatter, plot_style

__all__ = ["plot_section_keywords", "plot_dispersion", "MAX_BOUNDARIES", "MAX_TICKS"]

MAX_BOUNDARIES = 60
"""Section boundaries :func:`plot_dispersion` draws: beyond it, the level-1 ones only; still beyond,
every n-th of those (so a speech of 60,000 sections draws at most this many lines)."""
MAX_TICKS = 1000
"""Occurrences of one term :func:`plot_dispersion` draws one by one: beyond it, ticks less than
1/2000 of the width apart are drawn once (the picture is the same; the count in the label is all of them)."""

# ---------------------------------------------------------------------------
# Section keywords (outline map)
# ---------------------------------------------------------------------------

def plot_section_keywords(df: pd.DataFrame, *, ax: Axes | None = None,
                          title: str | None = "讲话结构与各部分高频词") -> Figure:
    """The speech's outline as an indented list: each section with its length and top terms.

    Draws the table of :func:`textmine.section_keywords`; formerly ``plot_outline_map`` (now a deprecated
    alias).

    Parameters
    ----------
    df : pandas.DataFrame
        One row per section, in text order, columns ``path, level, title, start,
        end, n_tokens, terms`` (``level`` 0 is the preamble, path ``""``; 1 is
        ``一、``, 2 is ``（一）``; ``terms`` a "、"-joined string). ``start``/``end``
        are not needed.
    ax : matplotlib.axes.Axes, optional, keyword-only
    title : str or None, keyword-only

    Returns
    -------
    matplotlib.figure.Figure
        Three columns: the heading (marker from ``path`` + title, indented by
        level; the preamble shows as "开篇"), a bar whose length is proportional to
        ``n_tokens`` (label ``"_outline_bar"``) with the count, and the top terms
        (cut with "…" to fit). Level-1 rows sit on a shaded band. Text is 14 pt
        up to 18 rows, smaller beyond.

    Raises
    ------
    InputError
        If ``df`` is empty, lacks a column or has a non-numeric level/n_tokens.
    """
    data = _require_frame(df, "df", ["path", "level", "title", "n_tokens", "terms"])
    title = _check_title(title)
    _check_ax(ax)
    levels = _numeric(data["level"], "df['level']").astype(int)
    tokens = _numeric(data["n_tokens"], "df['n_tokens']")
    m = len(data)
    fs = _TEXT_SIZE if m <= 18 else max(8, int(_TEXT_SIZE * 18 / m))
    max_tokens = max(float(tokens.max()), 1.0)
    x_title, x_bar, x_terms = 0.0, 0.43, 0.60
    bar_span = 0.11
    with plot_style():
        fig, ax, created = _figure_and_axes(ax)
        width_pt, _ = _axes_size_pt(ax, created)
        title_chars = (x_bar - 0.01) * width_pt / fs
        terms_chars = (1.0 - x_terms) * width_pt / fs
        ax.set_xlim(0, 1)
        ax.set_ylim(m - 0.5, -1.5)
        ax.set_axis_off()
        for x, head in ((x_title, "章节"), (x_bar, "篇幅（词数）"), (x_terms, "高频词")):
            ax.text(x + 0.005, -1.0, head, ha="left", va="center", fontsize=fs, color=PALETTE["muted"],
                    fontfamily=_family())
        ax.plot([0, 1], [-0.55, -0.55], color=PALETTE["neutral"], linewidth=1)
        for i, (path, level, sec_title, n_tok, terms) in enumerate(
                zip(data["path"], levels, data["title"], tokens, data["terms"])):
            if level <= 1:
                ax.add_patch(Rectangle((0, i - 0.46), 1, 0.92, facecolor=PALETTE["band"],
                                       edgecolor="none", zorder=0))
            indent = 0.025 * max(level - 1, 0)
            if level <= 0:
                heading = "开篇" if _is_blank(sec_title) else str(sec_title)
            else:
                heading = _marker(path, level) + ("" if _is_blank(sec_title) else str(sec_title))
            color = PALETTE["focus"] if level == 1 else PALETTE["text"]
            ax.text(x_title + 0.005 + indent, i, _shorten(heading, title_chars - indent * width_pt / fs),
                    ha="left", va="center", fontsize=fs, color=color, fontfamily=_family())
            length = bar_span * n_tok / max_tokens
            ax.add_patch(Rectangle((x_bar, i - 0.3), length, 0.6, facecolor=PALETTE["reference"],
                                   edgecolor="none", label="_outline_bar", zorder=1))
            ax.text(x_bar + length + 0.005, i, f"{n_tok:,.0f}", ha="left", va="center",
                    fontsize=max(fs - 2, 8), color=PALETTE["muted"], fontfamily=_family())
            term_list = [] if _is_blank(terms) else [t for t in str(terms).split("、") if t]
            shown, used = [], 0.0
            for term in term_list:
                w = _text_width(term) + (1 if shown else 0)
                if used + w > terms_chars - 1:
                    break
                shown.append(term)
                used += w
            text = "、".join(shown) + ("…" if len(shown) < len(term_list) else "")
            ax.text(x_terms + 0.005, i, text or "—", ha="left", va="center", fontsize=fs,
                    color=PALETTE["text"], fontfamily=_family())
        _set_title(ax, title)
    return fig


# ---------------------------------------------------------------------------
# Dispersion
# ---------------------------------------------------------------------------

def _dispersion_terms(data: pd.DataFrame) -> list[str]:
    given = data.attrs.get("terms")
    present = [str(t) for t in pd.unique(data["term"].astype(str))]
    if given is None:
        return present
    if isinstance(given, str) or not isinstance(given, (Sequence, np.ndarray, pd.Index, pd.Series)):
        raise InputError(f"df.attrs['terms'] is a {type(given).__name__}; expected a list of terms")
    order = list(dict.fromkeys(str(t) for t in given))
    return order + [t for t in present if t not in order]


def _dispersion_sections(data: pd.DataFrame) -> pd.DataFrame | None:
    sections = data.attrs.get("sections")
    if sections is None:
        return None
    name = "df.attrs['sections']"
    if not isinstance(sections, pd.DataFrame):
        raise InputError(f"{name} is a {type(sections).__name__}; expected a DataFrame with "
                         "columns path, title, rel_start")
    missing = [c for c in ("path", "rel_start") if c not in sections.columns]
    if missing:
        raise InputError(f"{name} is missing column(s) {', '.join(missing)}; expected columns "
                         "path, title, rel_start")
    rel = _numeric(sections["rel_start"], f"{name}['rel_start']")
    if "level" in sections.columns:
        levels = _numeric(sections["level"], f"{name}['level']").astype(int)
    else:
        levels = np.array([str(p).count(".") + 1 if not _is_blank(p) else 0 for p in sections["path"]])
    return pd.DataFrame({"path": sections["path"].to_numpy(), "rel_start": rel, "level": levels})


def plot_dispersion(df: pd.DataFrame, *, ax: Axes | None = None,
                    title: str | None = "关键词在讲话中的分布") -> Figure:
    """Lexical dispersion plot (an "x-ray"): where each term occurs in the speech.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per occurrence, columns ``term, start, rel_pos, path,
        section_title`` (``rel_pos`` in [0, 1]; only ``term`` and ``rel_pos`` are
        read). Optional ``df.attrs``:

        - ``"terms"``: the terms in display order (terms without occurrences get
          an empty row); default: order of first appearance in ``df``;
        - ``"sections"``: DataFrame ``path, title, rel_start`` (optionally
          ``level``) for the vertical section boundaries.
    ax : matplotlib.axes.Axes, optional, keyword-only
    title : str or None, keyword-only

    Returns
    -------
    matplotlib.figure.Figure
        One row per term (tick label "term（count）"), one tick per occurrence
        (one ``LineCollection`` per term that occurs, in ``ax.collections``);
        section starts as vertical lines (solid for level 1, dotted below),
        labelled with their heading marker (一、, （三）…; level-2 labels only when
        there are at most 12 boundaries). Bounded whatever the input: at most
        :data:`MAX_BOUNDARIES` section lines (level 1 only beyond it, then every
        n-th) and, for a term with more than :data:`MAX_TICKS` occurrences, one
        tick per 1/2000 of the width.

    Raises
    ------
    InputError
        If ``df`` is empty, lacks ``term``/``rel_pos``, a ``rel_pos`` is outside
        [0, 1], or the attrs are malformed.
    """
    data = _require_frame(df, "df", ["term", "rel_pos"])
    title = _check_title(title)
    _check_ax(ax)
    rel = _numeric(data["rel_pos"], "df['rel_pos']")
    if rel.min() < 0 or rel.max() > 1:
        bad = rel[(rel < 0) | (rel > 1)][0]
        raise InputError(f"df['rel_pos'] has value {bad!r}; expected relative positions between 0 and 1")
    terms = _dispersion_terms(data)
    sections = _dispersion_sections(data)
    term_col = data["term"].astype(str).to_numpy()
    m = len(terms)
    with plot_style():
        fig, ax, _ = _figure_and_axes(ax)
        counts = []
        for i, term in enumerate(terms):
            pos = rel[term_col == term]
            counts.append(len(pos))
            if len(pos) > MAX_TICKS:
                pos = np.unique(np.round(pos * 2000)) / 2000
            if len(pos):
                ax.vlines(pos, i - 0.36, i + 0.36, color=PALETTE["focus"], linewidth=1.6)
        ax.set_yticks(np.arange(m), labels=[f"{_shorten(t, 10)}（{c}）" for t, c in zip(terms, counts)])
        ax.set_ylim(m - 0.5, -1.4)
        for i in range(m):
            ax.axhline(i, color=PALETTE["grid"], linewidth=0.6, zorder=0)
        if sections is not None:
            shown = sections[sections["rel_start"] > 0]
            if len(shown) > MAX_BOUNDARIES:
                shown = shown[shown["level"] <= 1]
            if len(shown) > MAX_BOUNDARIES:
                shown = shown.iloc[np.linspace(0, len(shown) - 1, MAX_BOUNDARIES).round().astype(int)]
            label_level2 = len(shown) <= 12
            for path, x, level in zip(shown["path"], shown["rel_start"], shown["level"]):
                major = level <= 1
                ax.axvline(x, color=PALETTE["reference"] if major else PALETTE["peers"],
                           linewidth=1.2 if major else 0.9, linestyle="-" if major else ":", zorder=0.5)
                if major or label_level2:
                    ax.text(x + 0.004, -0.95, _marker(path, level), ha="left", va="center",
                            fontsize=_TEXT_SIZE if major else _SMALL_SIZE,
                            color=PALETTE["reference"] if major else PALETTE["muted"],
                            fontfamily=_family())
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(_percent_formatter())
        ax.set_xlabel("在讲话中的位置（从开头到结尾）", fontsize=_LABEL_SIZE)
        ax.tick_params(axis="y", length=0)
        _style_axes(ax)
        _set_title(ax, title)
    return fig
