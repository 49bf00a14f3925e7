"""Tests of textmine.plots.network: the co-occurrence network."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.collections import PathCollection

from textmine import plots
from textmine.errors import InputError

from ._frames import edges_df, texts


def test_cooccurrence_nodes_labels_and_layout():
    edges = edges_df()
    fig = plots.plot_cooccurrence(edges)
    ax = fig.axes[0]
    nodes = [c for c in ax.collections if isinstance(c, PathCollection)][0]
    n_nodes = len(set(edges["source"]) | set(edges["target"]))
    assert len(nodes.get_offsets()) == n_nodes == 8
    assert sorted(texts(ax)) == sorted(set(edges["source"]) | set(edges["target"]))
    assert all(t.get_fontfamily()[0] == plots.cjk_font().name for t in ax.texts)
    sizes = dict(zip([t.get_text() for t in ax.texts], nodes.get_sizes()))
    assert sizes["禁毒"] == max(sizes.values()) and sizes["隐患排查"] == min(sizes.values())

    same = plots.plot_cooccurrence(edges).axes[0].collections[0].get_offsets()
    other = plots.plot_cooccurrence(edges, random_state=7).axes[0].collections[0].get_offsets()
    assert np.array_equal(nodes.get_offsets(), same)
    assert not np.array_equal(nodes.get_offsets(), other)

    top2 = plots.plot_cooccurrence(edges, max_edges=2).axes[0]
    assert sorted(texts(top2)) == sorted(["禁毒", "社区戒毒", "毒品"])
    with pytest.raises(InputError, match="weight > 0"):
        plots.plot_cooccurrence(edges.assign(weight=0))
