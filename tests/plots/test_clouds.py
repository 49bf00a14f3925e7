"""Tests of textmine.plots.clouds: the word cloud and the comparison cloud."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from textmine import plots
from textmine.errors import InputError

from ._frames import FREQS, keyness_df, texts, top_terms_df


def test_wordcloud_is_deterministic_and_accepts_all_input_forms():
    def image(freqs, seed):
        return plots.plot_wordcloud(freqs, random_state=seed).axes[0].images[0].get_array()

    a = image(FREQS, 1)
    assert a.ndim == 3 and a.shape[:2] == (900, 1600)
    assert np.array_equal(a, image(pd.Series(FREQS), 1))
    assert np.array_equal(a, image(top_terms_df()[["term", "count"]], 1))
    assert not np.array_equal(a, image(FREQS, 2))


def test_wordcloud_mask_and_options():
    fig = plots.plot_wordcloud(FREQS, mask="circle", max_words=5, title="禁毒词云")
    ax = fig.axes[0]
    img = ax.images[0].get_array()
    assert img.shape[0] == img.shape[1]
    assert (img[0, 0] == 255).all()  # outside the circle stays white
    assert not ax.axison
    assert ax.get_title(loc="center") == "禁毒词云"
    with pytest.raises(InputError, match="mask"):
        plots.plot_wordcloud(FREQS, mask="square")
    with pytest.raises(InputError, match="mask"):
        plots.plot_wordcloud(FREQS, mask=np.zeros(5))
    with pytest.raises(InputError, match="random_state"):
        plots.plot_wordcloud(FREQS, random_state=-1)
    with pytest.raises(InputError, match="positive count"):
        plots.plot_wordcloud({"禁毒": 0})
    with pytest.raises(InputError, match="freqs is a list"):
        plots.plot_wordcloud(["禁毒"])


def test_comparison_cloud_two_halves_and_ax():
    fig = plots.plot_comparison_cloud(keyness_df(), n=5)
    ax = fig.axes[0]
    img = ax.images[0].get_array()
    assert img.shape[:2] == (900, 1640)
    assert {"本讲话多用的词", "参照语料多用的词"} <= set(texts(ax))
    # the left half is drawn in the focus colour, the right half in the reference colour
    focus = np.array(matplotlib.colors.to_rgb(plots.PALETTE["focus"])) * 255
    ref = np.array(matplotlib.colors.to_rgb(plots.PALETTE["reference"])) * 255
    left, right = img[:, :800].reshape(-1, 3), img[:, 840:].reshape(-1, 3)
    assert (np.abs(left - focus).sum(axis=1) < 3).any() and not (np.abs(left - ref).sum(axis=1) < 3).any()
    assert (np.abs(right - ref).sum(axis=1) < 3).any()

    only_over = keyness_df().query("g2 > 0")
    host = plt.figure()
    try:
        given = host.add_subplot()
        out = plots.plot_comparison_cloud(only_over, n=3, ax=given, labels=("市长讲话", "全国"))
        assert out is host
        assert "（无）" in texts(given) and "市长讲话多用的词" in texts(given)
    finally:
        plt.close(host)
    with pytest.raises(InputError, match="non-zero g2"):
        plots.plot_comparison_cloud(keyness_df().assign(g2=0.0))
