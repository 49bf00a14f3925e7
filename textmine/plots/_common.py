"""Helpers shared by the chart modules: argument checks, text fitting (by character width) and figure set-up."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..errors import InputError
from ._style import _TICK_SIZE, _TITLE_SIZE, FIGSIZE, PALETTE, _family

_NO_LINE_START = set("，。、；：？！）》」』】〕…—,.;:?!)%％")

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
