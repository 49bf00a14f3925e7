"""House style: the CJK font, the palette, font sizes and the rcParams built from them."""

from __future__ import annotations

import contextlib
import functools
import importlib.util
from collections.abc import Iterator
from dataclasses import dataclass
from os import fsdecode
from pathlib import Path
from typing import Any

import matplotlib as mpl
from cycler import cycler
from matplotlib import font_manager
from matplotlib.colors import Colormap, LinearSegmentedColormap
from matplotlib.ticker import PercentFormatter, ScalarFormatter

__all__ = ["FIGSIZE", "PALETTE", "CATEGORICAL", "CJK_FAMILIES", "FontInfo", "cjk_font", "style_rc", "plot_style",
           "use_style"]

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
