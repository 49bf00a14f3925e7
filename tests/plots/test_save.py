"""Tests of textmine.plots._save: size, formats, folders and byte-for-byte determinism."""

from __future__ import annotations

import itertools

import pytest

from textmine import plots
from textmine.errors import InputError

from ._frames import FREQS, keyness_df, png_size, top_terms_df


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


def test_an_opaque_figure_is_saved_as_rgb_with_matplotlibs_pixels(tmp_path):
    import numpy as np
    from PIL import Image

    fig = plots.plot_wordcloud(FREQS)  # an image (the settle loop leaves it undrawn) and text
    png, = plots.save_figure(fig, tmp_path / "cloud", formats="png", dpi=60)
    fig.savefig(tmp_path / "mpl.png", format="png", dpi=60, bbox_inches=None, facecolor=fig.get_facecolor(),
                edgecolor="none")  # matplotlib's own RGBA file of the settled layout
    with Image.open(png) as ours, Image.open(tmp_path / "mpl.png") as theirs:
        assert ours.mode == "RGB" and theirs.mode == "RGBA" and ours.size == theirs.size == (799, 450)  # 13.33 in x 60 dpi, truncated
        assert ours.info["dpi"] == pytest.approx((60, 60), abs=0.01)
        assert np.array_equal(np.asarray(ours), np.asarray(theirs.convert("RGB")))
        assert (np.asarray(theirs)[..., 3] == 255).all()


def test_a_transparent_figure_keeps_its_alpha(tmp_path):
    from PIL import Image

    fig = plots.plot_keyness(keyness_df(), n=4)
    fig.set_facecolor((1, 1, 1, 0))
    png, = plots.save_figure(fig, tmp_path / "clear", formats="png", dpi=30)
    with Image.open(png) as im:
        assert im.mode == "RGBA" and im.getextrema()[3][0] == 0


def _settle_by_drawing(fig, max_rounds: int = 6) -> None:
    """The slow reference: the layout settled by whole draws (as before the engine ran by itself)."""
    import numpy as np

    previous = None
    for _ in range(max_rounds):
        fig.draw_without_rendering()
        current = [tuple(np.round(ax.get_position(original=True).bounds, 9)) for ax in fig.axes]
        if current == previous:
            break
        previous = current
    for ax, bounds in zip(fig.axes, current):
        in_layout = ax.get_in_layout()
        ax.set_position(bounds, which="original")
        ax.set_in_layout(in_layout)


def test_a_layout_settled_by_the_engine_alone_saves_the_same_bytes_as_by_whole_draws(tmp_path, monkeypatch):
    """Every chart kind of the briefing, on the small handwritten tables: PNG and SVG byte for byte."""
    import hashlib

    from textmine.plots import _save

    from ._frames import CHARTS

    def saved(folder: str) -> dict[str, str]:
        out = {}
        for name, (plot, frame, _) in CHARTS.items():
            for p in plots.save_figure(plot(frame()), tmp_path / folder / name, formats=["png", "svg"]):
                out[p.name] = hashlib.sha256(p.read_bytes()).hexdigest()
        return out

    fast = saved("engine")
    monkeypatch.setattr(_save, "_settle_layout", _settle_by_drawing)
    assert saved("draws") == fast and len(fast) == 2 * len(CHARTS)
