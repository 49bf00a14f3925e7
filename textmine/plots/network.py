"""The co-occurrence network of :func:`textmine.cooccurrence`."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..errors import InputError
from ._common import _check_ax, _check_int, _check_seed, _check_title, _figure_and_axes, _numeric, _require_frame, _set_title
from ._style import _TEXT_SIZE, CATEGORICAL, PALETTE, cjk_font, plot_style

__all__ = ["plot_cooccurrence"]

# ---------------------------------------------------------------------------
# Co-occurrence network
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
