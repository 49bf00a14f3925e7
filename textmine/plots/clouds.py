"""Word clouds: term frequencies (:meth:`Dtm.top_terms <textmine.Dtm.top_terms>`) and the comparison cloud of
:func:`textmine.keyness`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..errors import InputError
from ._common import (_check_ax, _check_int, _check_labels, _check_seed, _check_title, _figure_and_axes,
                      _is_blank, _numeric, _require_frame, _set_title)
from ._style import _LABEL_SIZE, CATEGORICAL, PALETTE, _family, cjk_font, plot_style

__all__ = ["plot_wordcloud", "plot_comparison_cloud"]

_CLOUD_SIZE = (1600, 900)  # width, height in pixels of a single word cloud
_LAYOUT_SCALE = 2
"""Our own clouds are laid out on a canvas this many times smaller and drawn this many times
larger (wordcloud's ``scale``): the layout search, most of a cloud's time, takes about a third
as long (2.2 s -> 0.7 s for the bundled speech's 150 words), and every word still finds room."""

# ---------------------------------------------------------------------------
# Word clouds
# ---------------------------------------------------------------------------

def _frequencies(freqs: Any, name: str) -> dict[str, float]:
    """term → positive weight from a DataFrame (term, count), a Series or a mapping."""
    if isinstance(freqs, pd.DataFrame):
        _require_frame(freqs, name, ["term", "count"])
        terms, values = freqs["term"].to_numpy(), freqs["count"]
    elif isinstance(freqs, pd.Series):
        terms, values = freqs.index.to_numpy(), freqs
    elif isinstance(freqs, Mapping):
        terms, values = np.array(list(freqs.keys()), dtype=object), list(freqs.values())
    else:
        raise InputError(f"{name} is a {type(freqs).__name__}; expected a DataFrame with columns "
                         "term, count, a Series or a dict term → count")
    weights = _numeric(values, f"{name} counts") if len(terms) else np.array([])
    out: dict[str, float] = {}
    for term, w in zip(terms, weights):
        if _is_blank(term) or not w > 0:
            continue
        key = str(term).strip()
        out[key] = out.get(key, 0.0) + float(w)
    if not out:
        raise InputError(f"{name} has no term with a positive count ({len(terms)} entries); "
                         "expected at least one term with count > 0")
    return out


def _circle_mask(height: int) -> np.ndarray:
    yy, xx = np.ogrid[:height, :height]
    c = (height - 1) / 2
    outside = (xx - c) ** 2 + (yy - c) ** 2 > (0.48 * height) ** 2
    return np.where(outside, 255, 0).astype(np.uint8)


def _check_mask(mask: Any) -> np.ndarray | None:
    if mask is None:
        return None
    if isinstance(mask, str):
        if mask != "circle":
            raise InputError(f"mask={mask!r}: expected None, 'circle' or a 2-D array")
        return _circle_mask(_CLOUD_SIZE[1])
    if isinstance(mask, np.ndarray) and mask.ndim in (2, 3) and min(mask.shape[:2]) >= 20 \
            and np.issubdtype(mask.dtype, np.number):
        return mask
    desc = f"array of shape {mask.shape}" if isinstance(mask, np.ndarray) else type(mask).__name__
    raise InputError(f"mask is a {desc}; expected None, 'circle' or a 2-D numeric array "
                     "(at least 20×20; white 255 = no words)")


def _cloud_array(weights: Mapping[str, float], *, colors: Mapping[str, str] | str, random_state: int,
                 width: int, height: int, mask: np.ndarray | None, max_words: int,
                 scale: int = 1) -> np.ndarray:
    """Render a word cloud to an RGB array with the house font.

    The image is ``height`` x ``width`` (without a mask) or the mask's shape times ``scale``: the
    layout is searched on that canvas (``width // scale`` x ``height // scale``, or the mask)
    and drawn ``scale`` times larger, font sizes and margins included.
    """
    from wordcloud import WordCloud

    top = dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:max_words])

    def color_func(word: str, *args: Any, **kwargs: Any) -> str:
        return colors if isinstance(colors, str) else colors.get(word, PALETTE["reference"])

    drawn_height = height if mask is None else mask.shape[0] * scale
    cloud = WordCloud(font_path=str(cjk_font().path), width=width // scale, height=height // scale, mask=mask,
                      max_words=max_words, random_state=random_state, background_color="white",
                      max_font_size=max(20, drawn_height // 5) // scale, scale=scale,
                      prefer_horizontal=1.0, margin=4 // scale, min_font_size=max(1, 10 // scale),
                      relative_scaling=0.5, color_func=color_func, collocations=False)
    try:
        cloud.generate_from_frequencies(top)
    except ValueError as err:
        raise InputError(f"the word cloud found no room for any word ({err}); expected a mask "
                         "with enough non-white (< 255) area") from err
    return cloud.to_array()


def _rank_colors(weights: Mapping[str, float]) -> dict[str, str]:
    """Top fifth of the terms in the focus colour, the rest in slate shades."""
    ranked = sorted(weights, key=lambda t: (-weights[t], t))
    shades = [PALETTE["reference"], CATEGORICAL[0], CATEGORICAL[6], CATEGORICAL[5]]
    k = max(1, len(ranked) // 5)
    return {t: PALETTE["focus"] if i < k else shades[i % len(shades)] for i, t in enumerate(ranked)}


def plot_wordcloud(freqs: pd.DataFrame | pd.Series | Mapping[str, float], *, random_state: int = 0,
                   mask: Literal["circle"] | np.ndarray | None = None, max_words: int = 150,
                   ax: Axes | None = None, title: str | None = "词云") -> Figure:
    """Word cloud of term frequencies.

    Parameters
    ----------
    freqs : pandas.DataFrame, pandas.Series or dict
        A DataFrame with columns ``term`` and ``count``, or a Series / dict
        term → count. Terms with a count of 0 or less are left out; repeated terms
        are summed.
    random_state : int, keyword-only
        Seed of the layout: the same seed gives the same image.
    mask : None, "circle" or numpy.ndarray, keyword-only
        Shape of the cloud. An array follows wordcloud's convention: pure white
        (255) pixels stay empty.
    max_words : int, keyword-only
    ax : matplotlib.axes.Axes, optional, keyword-only
    title : str or None, keyword-only

    Returns
    -------
    matplotlib.figure.Figure
        The cloud as an image (``ax.images[0]``), axes hidden. The most frequent
        fifth of the words is in the focus colour, the rest in slate shades.

    Raises
    ------
    InputError
        On empty or malformed ``freqs``, a bad ``mask``, ``random_state`` or
        ``max_words``.
    """
    weights = _frequencies(freqs, "freqs")
    seed = _check_seed(random_state)
    max_words = _check_int(max_words, "max_words")
    mask_array = _check_mask(mask)
    title = _check_title(title)
    _check_ax(ax)
    # a mask of the caller's is laid out pixel for pixel; the circle is ours, made at the layout's size
    scale = 1 if isinstance(mask, np.ndarray) else _LAYOUT_SCALE
    if isinstance(mask, str):
        mask_array = _circle_mask(_CLOUD_SIZE[1] // scale)
    image = _cloud_array(weights, colors=_rank_colors(weights), random_state=seed,
                         width=_CLOUD_SIZE[0], height=_CLOUD_SIZE[1], mask=mask_array,
                         max_words=max_words, scale=scale)
    with plot_style():
        fig, ax, _ = _figure_and_axes(ax)
        ax.imshow(image, interpolation="bilinear")
        ax.set_axis_off()
        _set_title(ax, title, loc="center")
    return fig


def plot_comparison_cloud(keyness_df: pd.DataFrame, *, n: int = 60, random_state: int = 0,
                          ax: Axes | None = None,
                          title: str | None = "对比词云：本讲话多用与参照语料多用的词",
                          labels: tuple[str, str] = ("本讲话", "参照语料")) -> Figure:
    """Two word clouds side by side: terms the speech over-uses and under-uses.

    Parameters
    ----------
    keyness_df : pandas.DataFrame
        Columns ``term, n_target, n_reference, per_10k_target, per_10k_reference,
        g2, p, log_ratio, z_logodds`` with a signed ``g2`` (> 0: over-used by the
        target). Only ``term`` and ``g2`` are read.
    n : int, keyword-only
        Number of terms in each cloud.
    random_state : int, keyword-only
    ax : matplotlib.axes.Axes, optional, keyword-only
        Both clouds are composed into one image drawn on this axes.
    title : str or None, keyword-only
    labels : (str, str), keyword-only
        Names of the target and the reference, written under each cloud
        ("本讲话多用的词", "参照语料多用的词").

    Returns
    -------
    matplotlib.figure.Figure
        Left: over-used terms sized by G² in the focus colour; right: under-used
        (reference-typical) terms sized by |G²| in the reference colour. A side with
        no terms is left blank with a note.

    Raises
    ------
    InputError
        If ``keyness_df`` is empty, lacks ``term``/``g2`` or has no non-zero G².
    """
    data = _require_frame(keyness_df, "keyness_df", ["term", "g2"])
    n = _check_int(n, "n")
    seed = _check_seed(random_state)
    title = _check_title(title)
    lab_target, lab_reference = _check_labels(labels)
    _check_ax(ax)
    g2 = _numeric(data["g2"], "keyness_df['g2']", allow_nan=True)
    terms = [str(t) for t in data["term"]]
    over = {t: v for t, v in zip(terms, g2) if np.isfinite(v) and v > 0}
    under = {t: -v for t, v in zip(terms, g2) if np.isfinite(v) and v < 0}
    if not over and not under:
        raise InputError(f"keyness_df has no term with a non-zero g2 ({len(data)} rows); "
                         "expected over- (g2 > 0) or under-used (g2 < 0) terms")
    width, height, gap = _CLOUD_SIZE[0] // 2, _CLOUD_SIZE[1], 40
    halves = []
    for weights, color in ((over, PALETTE["focus"]), (under, PALETTE["reference"])):
        if weights:
            halves.append(_cloud_array(weights, colors=color, random_state=seed, width=width,
                                       height=height, mask=None, max_words=n, scale=_LAYOUT_SCALE))
        else:
            halves.append(np.full((height, width, 3), 255, dtype=np.uint8))
    separator = np.full((height, gap, 3), 255, dtype=np.uint8)
    separator[height // 10: height - height // 10, gap // 2 - 1: gap // 2 + 1] = (217, 217, 217)
    image = np.concatenate([halves[0], separator, halves[1]], axis=1)
    with plot_style():
        fig, ax, _ = _figure_and_axes(ax)
        ax.imshow(image, interpolation="bilinear")
        ax.set_axis_off()
        centers = (width / 2, width + gap + width / 2)
        for x, label, color in zip(centers, (lab_target, lab_reference),
                                   (PALETTE["focus"], PALETTE["reference"])):
            ax.text(x, height + 15, f"{label}多用的词", ha="center", va="top", fontsize=18,
                    color=color, fontfamily=_family())
        for x, weights in zip(centers, (over, under)):
            if not weights:
                ax.text(x, height / 2, "（无）", ha="center", va="center", fontsize=_LABEL_SIZE,
                        color=PALETTE["muted"], fontfamily=_family())
        _set_title(ax, title, loc="center")
    return fig
