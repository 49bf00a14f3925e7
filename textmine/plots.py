"""Slide-ready charts of the analysis DataFrames.

Every chart function takes a DataFrame produced by an analysis stage (never a
document), keyword-only options and an optional ``ax``. It draws on ``ax`` when one
is given, otherwise on a new 16:9 :class:`~matplotlib.figure.Figure`
(13.33 × 7.5 in) that is *not* registered with pyplot, and returns the Figure.
Saving is separate: :func:`save_figure` writes deterministic PNG/SVG/PDF files.

House style
-----------
- One font for Chinese text, found by :func:`cjk_font`: a system CJK font when
  matplotlib knows one (Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Zen Hei,
  SimHei, Microsoft YaHei, PingFang SC …), otherwise the Noto Sans CJK SC file that
  ships with the ``mplfonts`` package, registered with matplotlib's font manager
  (nothing is installed or written). Word clouds use the same file.
- Titles 24 pt, axis labels 16 pt, tick labels and legends 14 pt, one
  :data:`PALETTE`: deep red for the speech under study, slate blue-greys for the
  reference.
- The style is applied inside each chart function with :func:`plot_style` (a
  :func:`matplotlib.rc_context`); the global ``rcParams`` are left alone unless
  :func:`use_style` is called. Font family, tick-label size and the minus sign
  are also set on the artists themselves, so a figure drawn later, outside the
  context, looks the same.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import math
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from os import PathLike, fsdecode
from pathlib import Path
from typing import Any, Literal

import matplotlib as mpl
import numpy as np
import pandas as pd
from cycler import cycler
from matplotlib import font_manager, patheffects
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import Colormap, LinearSegmentedColormap, Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator, PercentFormatter, ScalarFormatter

from .errors import InputError

__all__ = [
    "FIGSIZE",
    "PALETTE",
    "CATEGORICAL",
    "CJK_FAMILIES",
    "FontInfo",
    "cjk_font",
    "style_rc",
    "plot_style",
    "use_style",
    "save_figure",
    "plot_top_terms",
    "plot_wordcloud",
    "plot_comparison_cloud",
    "plot_keyness",
    "plot_topic_shares",
    "plot_similar",
    "plot_outline_map",
    "plot_dispersion",
    "plot_section_heatmap",
    "plot_cooccurrence",
    "plot_duties",
    "plot_topic_trend",
]

# ---------------------------------------------------------------------------
# Style constants
# ---------------------------------------------------------------------------

#: Size of a new figure in inches: 16:9, the size of a widescreen PowerPoint slide.
FIGSIZE: tuple[float, float] = (13.33, 7.5)

#: The house palette (hex colours by role): a calm government-report look.
PALETTE: dict[str, str] = {
    "focus": "#B22222",       # the speech under study (firebrick)
    "focus_light": "#E8B4B4",
    "reference": "#4A6178",   # the reference corpus (slate blue)
    "peers": "#9AAFC2",       # same-area peer speeches (light slate)
    "accent": "#C9A227",      # muted gold, for a highlight
    "neutral": "#8C8C8C",
    "text": "#2B2B2B",
    "muted": "#6B6B6B",
    "grid": "#D9D9D9",
    "band": "#F3F3F3",
    "background": "#FFFFFF",
}

#: Colours for categories (policy areas, topics, communities); no red, which is
#: reserved for the speech under study.
CATEGORICAL: tuple[str, ...] = (
    "#3E5C76", "#C9A227", "#5E8C61", "#8E6C8A", "#A0522D",
    "#7A9CB8", "#4F6D7A", "#B07AA1", "#6B8E23", "#9E9E9E",
)

#: Font families looked for, in order, before falling back to mplfonts' Noto Sans CJK SC.
CJK_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "Source Han Sans CN",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei",
    "PingFang SC", "Hiragino Sans GB", "Heiti SC", "STHeiti",
)

_MPLFONTS_FILE = "NotoSansCJKsc-Regular.otf"
_TITLE_SIZE = 24
_LABEL_SIZE = 16
_TICK_SIZE = 14
_TEXT_SIZE = 14
_SMALL_SIZE = 12
_SVG_SALT = "textmine"
_FORMATS = ("png", "svg", "pdf")
_CLOUD_SIZE = (1600, 900)  # width, height in pixels of a single word cloud
_DUTY_MAX = 120  # duty text longer than this (in character widths) is cut with "…"
_NO_LINE_START = set("，。、；：？！）》」』】〕…—,.;:?!)%％")


# ---------------------------------------------------------------------------
# Font
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class FontInfo:
    """The CJK font used by every chart.

    Attributes
    ----------
    name : str
        Family name as matplotlib knows it (pass it as ``fontfamily``).
    path : pathlib.Path
        The font file (pass it as ``font_path`` to :class:`wordcloud.WordCloud`).
    source : {"system", "mplfonts"}
        Where it came from: a font matplotlib already knew, or the file shipped
        with the ``mplfonts`` package.
    """

    name: str
    path: Path
    source: str


def _mplfonts_dir() -> Path | None:
    """The ``mplfonts/fonts`` folder, found without importing (running) the package."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location) / "fonts"
        if (folder / _MPLFONTS_FILE).is_file():
            return folder
    return None


def _clear_findfont_cache() -> None:
    cached = getattr(font_manager.fontManager, "_findfont_cached", None)
    if cached is not None and hasattr(cached, "cache_clear"):
        cached.cache_clear()


def _system_font(family: str) -> Path | None:
    """The file matplotlib uses for ``family`` at normal weight, if it is a plain font file."""
    if not any(entry.name == family for entry in font_manager.fontManager.ttflist):
        return None
    prop = font_manager.FontProperties(family=family, style="normal", weight="normal")
    try:
        found = font_manager.fontManager.findfont(prop, fallback_to_default=False,
                                                  rebuild_if_missing=False)
    except ValueError:
        return None
    # wordcloud (PIL) always reads face 0 of a collection: only use faces it reads too.
    if getattr(found, "face_index", 0) != 0:
        return None
    path = Path(fsdecode(found))
    return path if path.is_file() else None


@functools.lru_cache(maxsize=1)
def cjk_font() -> FontInfo:
    """Find (once) the CJK font used by matplotlib and wordcloud.

    The first family of :data:`CJK_FAMILIES` that matplotlib's font manager knows
    is used. Otherwise the ``Noto Sans CJK SC`` file shipped with the ``mplfonts``
    package is registered with :meth:`matplotlib.font_manager.FontManager.addfont`
    (in memory: mplfonts' installer is not run, nothing is written). Nothing happens
    at import time; the result is cached.

    Returns
    -------
    FontInfo
        ``.name`` (family name for matplotlib), ``.path`` (font file for
        wordcloud) and ``.source`` (``"system"`` or ``"mplfonts"``).

    Raises
    ------
    RuntimeError
        If no CJK font is found and ``mplfonts`` is not installed.
    """
    bundled = _mplfonts_dir()
    for family in CJK_FAMILIES:
        path = _system_font(family)
        if path is not None:
            source = "mplfonts" if bundled is not None and path.parent == bundled else "system"
            return FontInfo(family, path, source)
    if bundled is None:
        raise RuntimeError("no CJK font found: matplotlib knows none of "
                           f"{', '.join(CJK_FAMILIES)} and the mplfonts package is not installed; "
                           "install a CJK font (e.g. Noto Sans CJK SC) or `pip install mplfonts`")
    path = bundled / _MPLFONTS_FILE
    font_manager.fontManager.addfont(str(path))
    _clear_findfont_cache()
    name = font_manager.FontProperties(fname=str(path)).get_name()
    return FontInfo(name, path, "mplfonts")


def _family() -> list[str]:
    """Font family list for artists: the CJK font, then DejaVu Sans for any missing glyph."""
    return [cjk_font().name, "DejaVu Sans"]


# ---------------------------------------------------------------------------
# Style
# ---------------------------------------------------------------------------

def style_rc() -> dict[str, Any]:
    """The house style as an rcParams dict.

    Returns
    -------
    dict
        rcParams: CJK font family (see :func:`cjk_font`), ``axes.unicode_minus``
        off, 16:9 figure size, 24 pt titles, 16 pt axis labels, 14 pt ticks and
        legends, the palette as colour cycle, white background, a fixed SVG hash
        salt.

    See Also
    --------
    plot_style : apply it temporarily; use_style : apply it globally.
    """
    family = _family()
    return {
        "font.family": family,
        "font.sans-serif": family,
        "font.size": _TEXT_SIZE,
        "axes.unicode_minus": False,
        "figure.figsize": FIGSIZE,
        "figure.facecolor": PALETTE["background"],
        "figure.titlesize": 26,
        "axes.facecolor": PALETTE["background"],
        "axes.edgecolor": PALETTE["neutral"],
        "axes.labelcolor": PALETTE["text"],
        "axes.titlesize": _TITLE_SIZE,
        "axes.titlelocation": "left",
        "axes.titlepad": 14,
        "axes.titlecolor": PALETTE["text"],
        "axes.labelsize": _LABEL_SIZE,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": False,
        "axes.prop_cycle": cycler(color=list(CATEGORICAL)),
        "grid.color": PALETTE["grid"],
        "grid.linewidth": 0.8,
        "xtick.labelsize": _TICK_SIZE,
        "ytick.labelsize": _TICK_SIZE,
        "xtick.color": PALETTE["text"],
        "ytick.color": PALETTE["text"],
        "legend.fontsize": _TICK_SIZE,
        "legend.title_fontsize": _TICK_SIZE,
        "legend.frameon": False,
        "savefig.facecolor": PALETTE["background"],
        "svg.hashsalt": _SVG_SALT,
        "svg.fonttype": "path",
    }


@contextlib.contextmanager
def plot_style() -> Iterator[None]:
    """Context manager applying :func:`style_rc` to the rcParams, restored on exit.

    Examples
    --------
    >>> with plot_style():  # doctest: +SKIP
    ...     fig, ax = plt.subplots()
    """
    with mpl.rc_context(style_rc()):
        yield


def use_style() -> None:
    """Apply the house style to matplotlib's global rcParams (for pyplot users).

    The chart functions do not need this; call it when you draw your own charts
    with pyplot and want them to match. Undo with ``matplotlib.rcdefaults()``.
    """
    mpl.rcParams.update(style_rc())


class _PlainMinusFormatter(ScalarFormatter):
    """ScalarFormatter writing negative numbers with an ASCII '-', whatever the rcParams."""

    @staticmethod
    def fix_minus(s: str) -> str:
        return s


class _PlainMinusPercentFormatter(PercentFormatter):
    """PercentFormatter writing negative numbers with an ASCII '-'."""

    @staticmethod
    def fix_minus(s: str) -> str:
        return s


def _percent_formatter() -> PercentFormatter:
    return _PlainMinusPercentFormatter(xmax=1, decimals=0)


def _house_cmap() -> Colormap:
    return LinearSegmentedColormap.from_list(
        "textmine_reds", ["#FFFFFF", "#F4D3D3", "#D9746F", PALETTE["focus"], "#6E1111"])


# ---------------------------------------------------------------------------
# Validation helpers
# ---------------------------------------------------------------------------

def _require_frame(df: Any, name: str, columns: Sequence[str]) -> pd.DataFrame:
    expected = ", ".join(columns)
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"{name} is a {type(df).__name__}; expected a pandas DataFrame "
                         f"with columns {expected}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InputError(f"{name} is missing column(s) {', '.join(missing)} (it has "
                         f"{', '.join(map(str, df.columns)) or 'no columns'}); "
                         f"expected columns {expected}")
    if len(df) == 0:
        raise InputError(f"{name} is empty (0 rows); expected at least one row with columns {expected}")
    return df


def _require_matrix(df: Any, name: str, what: str) -> pd.DataFrame:
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"{name} is a {type(df).__name__}; expected a pandas DataFrame {what}")
    if df.shape[0] == 0 or df.shape[1] == 0:
        raise InputError(f"{name} is empty ({df.shape[0]} rows × {df.shape[1]} columns); expected {what}")
    return df


def _numeric(values: Any, label: str, *, allow_nan: bool = False) -> np.ndarray:
    """Values as float, raising when a value is not a number (or missing, unless allowed)."""
    series = pd.Series(values).reset_index(drop=True)
    out = pd.to_numeric(series, errors="coerce").astype(float)
    bad = out.isna() & series.notna()
    if not allow_nan:
        bad |= out.isna()
    if bad.any():
        raise InputError(f"{label} has value {series[bad].iloc[0]!r}; expected numbers"
                         + ("" if allow_nan else " (no missing values)"))
    return out.to_numpy()


def _check_shares(values: np.ndarray, label: str) -> None:
    finite = values[np.isfinite(values)]
    if finite.size and (finite.min() < -1e-9 or finite.max() > 1 + 1e-9):
        bad = finite[(finite < -1e-9) | (finite > 1 + 1e-9)][0]
        raise InputError(f"{label} has value {bad!r}; expected shares between 0 and 1 "
                         "(not percentages)")


def _check_int(value: Any, name: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise InputError(f"{name}={value!r}: expected a whole number >= {minimum}")
    return int(value)


def _check_seed(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 0 <= value < 2**32:
        raise InputError(f"random_state={value!r}: expected a whole number between 0 and 2**32 - 1")
    return int(value)


def _check_title(title: Any) -> str:
    if title is None:
        return ""
    if not isinstance(title, str):
        raise InputError(f"title={title!r}: expected a str or None")
    return title


def _check_choice(value: Any, name: str, choices: Sequence[str]) -> str:
    if value not in choices:
        raise InputError(f"{name}={value!r}: expected one of {', '.join(map(repr, choices))}")
    return value


def _check_ax(ax: Any) -> None:
    if ax is not None and not isinstance(ax, Axes):
        raise InputError(f"ax is a {type(ax).__name__}; expected a matplotlib Axes or None")


def _check_labels(labels: Any) -> tuple[str, str]:
    if (isinstance(labels, str) or not isinstance(labels, Sequence) or len(labels) != 2
            or not all(isinstance(x, str) for x in labels)):
        raise InputError(f"labels={labels!r}: expected two strings (target, reference)")
    return labels[0], labels[1]


def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# ---------------------------------------------------------------------------
# Text helpers (Chinese has no spaces: widths are counted per character)
# ---------------------------------------------------------------------------

def _char_width(ch: str) -> float:
    """Width of a character in ems: 1 for full-width (CJK), about 0.55 otherwise."""
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.55


def _text_width(text: str) -> float:
    return sum(_char_width(ch) for ch in text)


def _shorten(text: str, width: float) -> str:
    """``text`` cut to ``width`` ems, ending in '…' when cut."""
    if _text_width(text) <= width:
        return text
    out, used = [], 0.0
    for ch in text:
        w = _char_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip("，、；：,;: ") + "…"


def _wrap(text: str, width: float, max_lines: int | None = None) -> list[str]:
    """Wrap by character width; closing punctuation never starts a line; '…' when cut."""
    lines: list[str] = []
    line, used = "", 0.0
    for ch in text:
        if ch == "\n":
            lines.append(line)
            line, used = "", 0.0
            continue
        w = _char_width(ch)
        if line and used + w > width and ch not in _NO_LINE_START:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += w
    if line or not lines:
        lines.append(line)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _shorten(lines[-1] + "……", width)
    return lines


def _marker(path: Any, level: Any) -> str:
    """Heading marker from an outline path: '二' → '二、', '二.（三）' → '（三）', '1' → '1.'."""
    part = "" if _is_blank(path) else str(path).split(".")[-1]
    if not part:
        return ""
    try:
        lvl = int(level)
    except (TypeError, ValueError):
        lvl = str(path).count(".") + 1
    if lvl == 1 and not part.endswith("、"):
        return part + "、"
    if lvl == 3 and part.isdigit():
        return part + "."
    return part


# ---------------------------------------------------------------------------
# Figure helpers
# ---------------------------------------------------------------------------

def _root_figure(ax: Axes) -> Figure:
    try:
        fig = ax.get_figure(root=True)
    except TypeError:  # matplotlib < 3.10
        fig = ax.figure
        fig = getattr(fig, "figure", fig)
    return fig


def _figure_and_axes(ax: Axes | None) -> tuple[Figure, Axes, bool]:
    """(figure, axes, created): a new 16:9 Figure (not in pyplot) when ``ax`` is None."""
    if ax is not None:
        return _root_figure(ax), ax, False
    fig = Figure(figsize=FIGSIZE, layout="constrained", facecolor=PALETTE["background"])
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot(), True


def _style_axes(ax: Axes, *, grid: Literal["x", "y", "none"] = "none") -> None:
    """Set the properties that matplotlib otherwise reads from rcParams at draw time."""
    ax.tick_params(axis="both", labelsize=_TICK_SIZE, labelfontfamily=_family(),
                   labelcolor=PALETTE["text"], color=PALETTE["neutral"])
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(PALETTE["neutral"])
    if grid != "none":
        ax.grid(True, axis=grid, color=PALETTE["grid"], linewidth=0.8)
        ax.set_axisbelow(True)


def _set_title(ax: Axes, title: str, *, pad: float = 14, loc: str = "left") -> None:
    if title:
        ax.set_title(title, loc=loc, fontsize=_TITLE_SIZE, color=PALETTE["text"], pad=pad)


def _axes_size_pt(ax: Axes, created: bool) -> tuple[float, float]:
    """Approximate size of the axes in points (a new figure: the constrained-layout size)."""
    fig = _root_figure(ax)
    w_in, h_in = fig.get_size_inches()
    if created:
        return w_in * 72 * 0.96, h_in * 72 * 0.86
    pos = ax.get_position()
    return pos.width * w_in * 72, pos.height * h_in * 72


def _legend_outside(ax: Axes, handles: Any = None, labels: Any = None, *, title: str | None = None) -> None:
    kwargs: dict[str, Any] = dict(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
                                  title_fontsize=_TICK_SIZE, prop={"family": _family(), "size": _TICK_SIZE})
    if title:
        kwargs["title"] = title
    if handles is not None:
        leg = ax.legend(handles, labels, **kwargs)
    else:
        leg = ax.legend(**kwargs)
    leg.get_title().set_fontfamily(_family())
    leg.get_title().set_color(PALETTE["text"])
    for text in leg.get_texts():
        text.set_color(PALETTE["text"])


# ---------------------------------------------------------------------------
# Saving
# ---------------------------------------------------------------------------

def save_figure(fig: Figure, path: str | PathLike[str], *, formats: Sequence[str] | str = ("png", "svg"),
                dpi: float = 200) -> list[Path]:
    """Write a figure to one file per format, byte-for-byte deterministic.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path : str or path-like
        Target path; its suffix is replaced by each format's
        (``out/top_terms`` → ``out/top_terms.png``, ``out/top_terms.svg``). Parent
        folders are created.
    formats : sequence of {"png", "svg", "pdf"} or one of them, keyword-only
    dpi : float, keyword-only
        Resolution of raster output: at 200 dpi a 13.33 in wide figure is 2666 px.

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of ``formats``.

    Raises
    ------
    InputError
        If ``fig`` is not a Figure, a format is not supported or ``dpi`` is not a
        positive number.

    Notes
    -----
    The size is kept exactly (``bbox_inches=None``, not ``"tight"``). A layout
    engine (constrained layout) is run until the axes stop moving and then held
    still while the files are written, so all formats share one layout. Metadata that
    would change from run to run is left out (PNG ``Software``, SVG ``Date`` and
    ``Creator``, PDF ``CreationDate``/``Producer``/``Creator``) and the SVG ids are
    hashed with a fixed salt, so saving the same chart twice gives identical files.
    """
    if not isinstance(fig, Figure):
        raise InputError(f"fig is a {type(fig).__name__}; expected a matplotlib.figure.Figure")
    if not isinstance(path, (str, PathLike)) or not fsdecode(path):
        raise InputError(f"path={path!r}: expected a non-empty file path (str or path-like)")
    if isinstance(formats, str):
        formats = (formats,)
    if not isinstance(formats, Sequence) or not formats:
        raise InputError(f"formats={formats!r}: expected a non-empty sequence of {', '.join(_FORMATS)}")
    fmts = []
    for fmt in formats:
        norm = fmt.lower().lstrip(".") if isinstance(fmt, str) else fmt
        if norm not in _FORMATS:
            raise InputError(f"formats has {fmt!r}: expected formats among {', '.join(_FORMATS)}")
        if norm not in fmts:
            fmts.append(norm)
    if isinstance(dpi, bool) or not isinstance(dpi, (int, float, np.integer, np.floating)) \
            or not math.isfinite(dpi) or dpi <= 0:
        raise InputError(f"dpi={dpi!r}: expected a positive number")
    base = Path(fsdecode(path))
    metadata = {"png": {"Software": None},
                "svg": {"Date": None, "Creator": None},
                "pdf": {"CreationDate": None, "Producer": None, "Creator": None}}
    written = []
    engine = fig.get_layout_engine()
    with mpl.rc_context({"svg.hashsalt": _SVG_SALT, "svg.fonttype": "path"}):
        if engine is not None:
            _settle_layout(fig)
            fig.set_layout_engine("none")
        try:
            for fmt in fmts:
                out = base.with_suffix("." + fmt)
                out.parent.mkdir(parents=True, exist_ok=True)
                fig.savefig(out, format=fmt, dpi=dpi, metadata=metadata[fmt], bbox_inches=None,
                            facecolor=fig.get_facecolor(), edgecolor="none")
                written.append(out)
        finally:
            if engine is not None:
                fig.set_layout_engine(engine)
    return written


def _settle_layout(fig: Figure, max_rounds: int = 6) -> None:
    """Run the layout engine (at the figure's own dpi) until the axes stop moving.

    Constrained layout starts from the current axes positions (tick locators pick
    ticks from the axes' size) and measures text at the renderer's dpi, so each
    draw may move the axes a little. Settling once and freezing the layout while
    saving makes every format, and every later save, use the same positions.
    """
    previous = None
    for _ in range(max_rounds):
        fig.draw_without_rendering()
        current = [tuple(np.round(ax.get_position(original=True).bounds, 9)) for ax in fig.axes]
        if current == previous:
            break
        previous = current
    # Snap to the rounded positions: the float noise of successive runs must not
    # reach the files (SVG clip-path ids hash the exact clip rectangle).
    for ax, bounds in zip(fig.axes, current):
        in_layout = ax.get_in_layout()
        ax.set_position(bounds, which="original")
        ax.set_in_layout(in_layout)


# ---------------------------------------------------------------------------
# 1. Top terms
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
# 2–3. Word clouds
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
                 width: int, height: int, mask: np.ndarray | None, max_words: int) -> np.ndarray:
    """Render a word cloud to an RGB array with the house font."""
    from wordcloud import WordCloud

    top = dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:max_words])

    def color_func(word: str, *args: Any, **kwargs: Any) -> str:
        return colors if isinstance(colors, str) else colors.get(word, PALETTE["reference"])

    cloud = WordCloud(font_path=str(cjk_font().path), width=width, height=height, mask=mask,
                      max_words=max_words, random_state=random_state, background_color="white",
                      max_font_size=max(20, (height if mask is None else mask.shape[0]) // 5),
                      prefer_horizontal=1.0, margin=4, min_font_size=10, relative_scaling=0.5,
                      color_func=color_func, collocations=False)
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
    image = _cloud_array(weights, colors=_rank_colors(weights), random_state=seed,
                         width=_CLOUD_SIZE[0], height=_CLOUD_SIZE[1], mask=mask_array,
                         max_words=max_words)
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
                                       height=height, mask=None, max_words=n))
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


# ---------------------------------------------------------------------------
# 4. Keyness
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
# 5. Topic shares
# ---------------------------------------------------------------------------

def plot_topic_shares(df: pd.DataFrame, *, ax: Axes | None = None,
                      title: str | None = "主题构成：本讲话 vs 语料平均 vs 同领域讲话") -> Figure:
    """Grouped bars: each topic's share in the speech, the corpus and the peers.

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
# 6. Similar speeches
# ---------------------------------------------------------------------------

def _similar_label(row: Mapping[str, Any]) -> str:
    title = row.get("title")
    base = str(row["doc_id"]) if _is_blank(title) else _shorten(str(title).strip(), 18)
    extras = []
    area = row.get("policy_area")
    if not _is_blank(area):
        extras.append(str(area))
    year = row.get("year")
    if not _is_blank(year):
        try:
            as_float = float(year)
            extras.append(str(int(as_float)) if as_float.is_integer() else str(year))
        except (TypeError, ValueError):
            extras.append(str(year))
    return f"{base}（{'，'.join(extras)}）" if extras else base


def plot_similar(df: pd.DataFrame, *, n: int = 10, ax: Axes | None = None,
                 title: str | None = "最相似的讲话") -> Figure:
    """Horizontal bars of the most similar speeches, coloured by policy area.

    Parameters
    ----------
    df : pandas.DataFrame
        Columns ``rank, doc_id, similarity`` and optionally ``title, policy_area,
        year`` and other metadata. Rows are ordered by ``rank``.
    n : int, keyword-only
    ax : matplotlib.axes.Axes, optional, keyword-only
    title : str or None, keyword-only

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
        If ``df`` is empty, lacks a required column or ``n`` < 1.
    """
    data = _require_frame(df, "df", ["rank", "doc_id", "similarity"])
    n = _check_int(n, "n")
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
# 7. Outline map
# ---------------------------------------------------------------------------

def plot_outline_map(df: pd.DataFrame, *, ax: Axes | None = None,
                     title: str | None = "讲话结构与各部分高频词") -> Figure:
    """The speech's outline as an indented list: each section with its length and top terms.

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
# 8. Dispersion
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
        there are at most 12 boundaries).

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
            if len(pos):
                ax.vlines(pos, i - 0.36, i + 0.36, color=PALETTE["focus"], linewidth=1.6)
        ax.set_yticks(np.arange(m), labels=[f"{_shorten(t, 10)}（{c}）" for t, c in zip(terms, counts)])
        ax.set_ylim(m - 0.5, -1.4)
        for i in range(m):
            ax.axhline(i, color=PALETTE["grid"], linewidth=0.6, zorder=0)
        if sections is not None:
            shown = sections[sections["rel_start"] > 0]
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


# ---------------------------------------------------------------------------
# 9. Section × topic heatmap
# ---------------------------------------------------------------------------

def plot_section_heatmap(df: pd.DataFrame, *, ax: Axes | None = None, title: str | None = "各部分 × 主题",
                         cmap: str | Colormap | None = None) -> Figure:
    """Heatmap of topic shares per section, each cell annotated with its percentage.

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
# 10. Co-occurrence network
# ---------------------------------------------------------------------------

def _node_counts(edges: pd.DataFrame, graph: Any) -> dict[str, float]:
    counts = edges.attrs.get("counts")
    strength = {node: float(graph.degree(node, weight="weight")) for node in graph.nodes}
    if counts is None:
        return strength
    if isinstance(counts, pd.Series):
        counts = counts.to_dict()
    if not isinstance(counts, Mapping):
        raise InputError(f"edges.attrs['counts'] is a {type(counts).__name__}; expected a dict or "
                         "Series term → count")
    out = {}
    for node in graph.nodes:
        value = counts.get(node)
        try:
            value = float(value)
        except (TypeError, ValueError):
            value = math.nan
        out[node] = value if math.isfinite(value) and value > 0 else strength[node]
    return out


def plot_cooccurrence(edges: pd.DataFrame, *, ax: Axes | None = None, random_state: int = 0,
                      title: str | None = "高频词共现网络", max_edges: int = 80) -> Figure:
    """Network of co-occurring terms (spring layout).

    Parameters
    ----------
    edges : pandas.DataFrame
        Columns ``source, target, weight`` (co-occurrence count). Optional
        ``edges.attrs["counts"]``: dict or Series term → count for the node sizes
        (default: the node's summed edge weight).
    ax : matplotlib.axes.Axes, optional, keyword-only
    random_state : int, keyword-only
        Seed of :func:`networkx.spring_layout`.
    title : str or None, keyword-only
    max_edges : int, keyword-only
        Only the heaviest edges are drawn (ties by term); self-loops and weights
        <= 0 are dropped.

    Returns
    -------
    matplotlib.figure.Figure
        ``ax.collections[0]`` holds the nodes (area ∝ count, coloured by
        modularity community), then the edges (width ∝ weight); one label text per
        node in the CJK font.

    Raises
    ------
    InputError
        If ``edges`` is empty, lacks a column, has a non-numeric weight or no edge
        with a positive weight between two different terms.
    """
    data = _require_frame(edges, "edges", ["source", "target", "weight"])
    title = _check_title(title)
    seed = _check_seed(random_state)
    max_edges = _check_int(max_edges, "max_edges")
    _check_ax(ax)
    weights = _numeric(data["weight"], "edges['weight']")
    rows = sorted(((str(s), str(t), float(w)) for s, t, w in zip(data["source"], data["target"], weights)
                   if w > 0 and str(s) != str(t)), key=lambda r: (-r[2], r[0], r[1]))
    if not rows:
        raise InputError(f"edges has no edge with weight > 0 between two different terms ({len(data)} rows); "
                         "expected co-occurrence counts")
    import networkx as nx

    graph = nx.Graph()
    for s, t, w in rows:
        if graph.number_of_edges() >= max_edges and not graph.has_edge(s, t):
            break
        prev = graph.get_edge_data(s, t, {"weight": 0.0})["weight"]
        graph.add_edge(s, t, weight=prev + w)
    counts = _node_counts(data, graph)
    nodes = list(graph.nodes)
    cmax = max(counts.values())
    sizes = [300 + 3200 * counts[v] / cmax for v in nodes]
    wmax = max(d["weight"] for _, _, d in graph.edges(data=True))
    edge_list = list(graph.edges)
    widths = [0.6 + 5.4 * graph.edges[e]["weight"] / wmax for e in edge_list]
    community = {}
    for k, members in enumerate(nx.community.greedy_modularity_communities(graph, weight="weight")):
        for v in members:
            community[v] = k
    palette = [PALETTE["focus"], *CATEGORICAL]
    node_colors = [palette[community.get(v, 0) % len(palette)] for v in nodes]
    pos = nx.spring_layout(graph, seed=seed, weight="weight", k=2.4 / math.sqrt(max(len(nodes), 1)))
    with plot_style():
        fig, ax, _ = _figure_and_axes(ax)
        nx.draw_networkx_nodes(graph, pos, nodelist=nodes, node_size=sizes, node_color=node_colors,
                               alpha=0.88, linewidths=1.5, edgecolors="white", ax=ax)
        nx.draw_networkx_edges(graph, pos, edgelist=edge_list, width=widths, edge_color=PALETTE["neutral"],
                               alpha=0.45, ax=ax)
        texts = nx.draw_networkx_labels(graph, pos, labels={v: v for v in nodes}, font_size=_TEXT_SIZE,
                                        font_family=cjk_font().name, font_color=PALETTE["text"], ax=ax)
        for text in texts.values():
            text.set_path_effects([patheffects.withStroke(linewidth=3, foreground="white")])
        ax.margins(0.08)
        ax.set_axis_off()
        _set_title(ax, title)
    return fig


# ---------------------------------------------------------------------------
# 11. Duties
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


# ---------------------------------------------------------------------------
# 12. Topic trend
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
