"""Saving figures: one deterministic file per format (PNG, SVG, PDF)."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from os import PathLike, fsdecode
from pathlib import Path
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

from ..errors import InputError
from ._style import _SVG_SALT

__all__ = ["save_figure"]

_FORMATS = ("png", "svg", "pdf")

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
    return _save(fig, path, formats, dpi)[0]


def _save(fig: Figure, path: str | PathLike[str], formats: Sequence[str] | str,
          dpi: float) -> tuple[list[Path], Any]:
    """:func:`save_figure`, also giving the PNG's pixels as an RGB PIL image (None when no opaque PNG was
    written): the report palettises the deck's copy from them instead of decoding the file again."""
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
    rgb = None
    engine = fig.get_layout_engine()
    with mpl.rc_context({"svg.hashsalt": _SVG_SALT, "svg.fonttype": "path"}):
        if engine is not None:
            _settle_layout(fig)
            fig.set_layout_engine("none")
        try:
            for fmt in fmts:
                out = base.with_suffix("." + fmt)
                out.parent.mkdir(parents=True, exist_ok=True)
                if fmt == "png":
                    rgb = _save_opaque_png(fig, out, dpi)
                if fmt != "png" or rgb is None:
                    fig.savefig(out, format=fmt, dpi=dpi, metadata=metadata[fmt], bbox_inches=None,
                                facecolor=fig.get_facecolor(), edgecolor="none")
                written.append(out)
        finally:
            if engine is not None:
                fig.set_layout_engine(engine)
    return written, rgb


PNG_COMPRESS_LEVEL = 3
"""zlib level of the PNGs: a third faster to write than Pillow's default 6, and the RGB files
are still smaller than matplotlib's RGBA ones at level 6."""


def _save_opaque_png(fig: Figure, out: Path, dpi: float) -> Any:
    """Write an opaque figure as an RGB PNG and return its pixels (an RGB PIL image); None (nothing
    written) when it has transparency.

    matplotlib writes every PNG as RGBA. A figure on an opaque background has no transparent
    pixel, so its alpha channel is a quarter of the bytes to compress and carries nothing: the
    pixels are the same as matplotlib's (the figure is rendered by the same Agg canvas).
    """
    from PIL import Image

    if mpl.colors.to_rgba(fig.get_facecolor())[3] < 1:
        return None
    buf = io.BytesIO()
    fig.savefig(buf, format="rgba", dpi=dpi, bbox_inches=None, facecolor=fig.get_facecolor(), edgecolor="none")
    data = buf.getbuffer()
    width, height = (int(v) for v in fig.get_size_inches() * dpi)  # as the Agg renderer truncates them
    if width * height * 4 != len(data):
        return None
    rgb = Image.frombuffer("RGBA", (width, height), data, "raw", "RGBA", 0, 1).convert("RGB")
    rgb.save(out, format="png", dpi=(dpi, dpi), compress_level=PNG_COMPRESS_LEVEL)
    return rgb


def _settle_layout(fig: Figure, max_rounds: int = 6) -> None:
    """Run the layout engine (at the figure's own dpi) until the axes stop moving.

    Constrained layout starts from the current axes positions (tick locators pick
    ticks from the axes' size) and measures text at the renderer's dpi, so each
    run may move the axes a little. Settling once and freezing the layout while
    saving makes every format, and every later save, use the same positions.
    """
    # The engine is run by itself, not through a whole draw: a draw runs it and then draws
    # every artist for nothing (the layout does not come from their drawing), which took
    # two fifths of the time; on the 18 charts of the bundled briefing both ways give
    # byte-identical images.
    engine = fig.get_layout_engine()
    if not fig.axes:  # as Figure.draw: no axes, no layout to run
        return
    previous = None
    for _ in range(max_rounds):
        try:
            engine.execute(fig)
        except ValueError:  # as Figure.draw does (a layout with no room left): the axes stay put
            pass
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
