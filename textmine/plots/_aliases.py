"""Deprecated chart names, kept for one release: each warns, then calls the chart named after its analysis."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any

from .bars import plot_similar_documents, plot_topic_comparison
from .grids import plot_section_topics
from .speech_maps import plot_section_keywords

__all__ = ["RENAMED", "plot_outline_map", "plot_section_heatmap", "plot_similar", "plot_topic_shares"]


def _deprecated_alias(old: str, new: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(new)
    def alias(*args: Any, **kwargs: Any) -> Any:
        # stacklevel=2: the warning points at the caller's line, not at this wrapper.
        warnings.warn(f"textmine.{old} is deprecated and will be removed; use textmine.{new.__name__} "
                      "(same arguments, same chart)", DeprecationWarning, stacklevel=2)
        return new(*args, **kwargs)

    alias.__name__ = alias.__qualname__ = old
    alias.__doc__ = (f"Deprecated alias of :func:`{new.__name__}` (same arguments, same Figure); "
                     "emits a :class:`DeprecationWarning`.")
    return alias


#: Old chart name → new name (a chart is named after the analysis that feeds it).
RENAMED: dict[str, str] = {
    "plot_topic_shares": "plot_topic_comparison",
    "plot_similar": "plot_similar_documents",
    "plot_outline_map": "plot_section_keywords",
    "plot_section_heatmap": "plot_section_topics",
}

plot_topic_shares = _deprecated_alias("plot_topic_shares", plot_topic_comparison)
plot_similar = _deprecated_alias("plot_similar", plot_similar_documents)
plot_outline_map = _deprecated_alias("plot_outline_map", plot_section_keywords)
plot_section_heatmap = _deprecated_alias("plot_section_heatmap", plot_section_topics)
