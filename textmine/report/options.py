"""What goes into the briefing pack: how many rows each table and chart shows, and the topic model."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from ..errors import InputError

__all__ = ["BriefingOptions", "MAX_BARS"]

MAX_BARS = 20
"""The top-terms chart draws at most this many bars (more are unreadable on a slide)."""

_COUNTS = ("top_terms", "keyness_terms", "similar_documents", "topic_terms", "wordcloud_terms",
           "comparison_cloud_terms", "cooccurrence_terms", "dispersion_terms", "heatmap_topics", "trend_topics")


def _is_count(v: Any, lo: int) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= lo


@dataclass(frozen=True, kw_only=True)
class BriefingOptions:
    """Settings of the briefing pack; every number says how many rows a table or chart gets.

    The defaults give the pack :func:`~textmine.build_report` has always written.
    ``options.replace(top_terms=10)`` returns a changed copy.

    Parameters
    ----------
    top_terms : int
        Rows of the top-terms table (``top_terms.csv``) and bars of the ``top_terms``
        chart (at most :data:`MAX_BARS` are drawn).
    keyness_terms : int
        Terms on each side (over-used, under-used) of the ``keyness`` chart.
        ``keyness.csv`` always holds every term.
    similar_documents : int
        Speeches in the ``similar`` chart. ``similar.csv`` always ranks every corpus speech.
    topic_terms : int
        Terms listed for each topic in ``topics.csv``.
    wordcloud_terms : int
        The speech's most frequent terms drawn in the ``wordcloud`` chart.
    comparison_cloud_terms : int
        Terms in each half (over-used, under-used) of the ``comparison_cloud`` chart.
    cooccurrence_terms : int
        The most frequent terms that are the nodes of the ``cooccurrence`` network.
    dispersion_terms : int
        The most over-used terms (by keyness) placed in the ``dispersion`` chart.
    heatmap_topics : int
        Topics (columns) of the ``section_heatmap`` chart: those with the largest total share.
    trend_topics : int
        Topics (lines) of the ``topic_trend`` chart: those with the largest mean share.
    k : int, optional
        Number of topics. Default: the candidate in ``k_candidates`` with the best NPMI
        coherence (written to ``choose_k.csv``).
    k_candidates : tuple of int
        Numbers of topics tried when ``k`` is None; those above the number of documents
        are left out.
    random_state : int
        Seed of the topic model, the word clouds and the network layout.

    Raises
    ------
    InputError
        Naming the field, the value and what was expected.
    """

    top_terms: int = 20
    keyness_terms: int = 15
    similar_documents: int = 10
    topic_terms: int = 10
    wordcloud_terms: int = 150
    comparison_cloud_terms: int = 60
    cooccurrence_terms: int = 30
    dispersion_terms: int = 6
    heatmap_topics: int = 8
    trend_topics: int = 6
    k: int | None = None
    k_candidates: tuple[int, ...] = (8, 9, 10, 11, 12, 13, 14)
    random_state: int = 0

    def __post_init__(self) -> None:
        for name in _COUNTS:
            v = getattr(self, name)
            if not _is_count(v, 1):
                raise InputError(f"{name}={v!r}: expected a whole number >= 1")
        if self.k is not None and not _is_count(self.k, 1):
            raise InputError(f"k={self.k!r}: expected a whole number >= 1, or None to choose it by coherence")
        ks = self.k_candidates
        if isinstance(ks, (str, bytes)) or not hasattr(ks, "__iter__"):
            raise InputError(f"k_candidates={ks!r}: expected a sequence of whole numbers >= 2")
        ks = tuple(ks)
        if not ks or not all(_is_count(x, 2) for x in ks):
            raise InputError(f"k_candidates={self.k_candidates!r}: expected a non-empty sequence of whole numbers >= 2")
        object.__setattr__(self, "k_candidates", ks)
        if not _is_count(self.random_state, 0):
            raise InputError(f"random_state={self.random_state!r}: expected a whole number >= 0")

    def replace(self, **changes: Any) -> "BriefingOptions":
        """A copy with some fields changed (checked like the constructor's)."""
        unknown = sorted(set(changes) - {f.name for f in dataclasses.fields(self)})
        if unknown:
            raise InputError(f"{unknown[0]!r} is not a BriefingOptions field; expected one of "
                             f"{', '.join(f.name for f in dataclasses.fields(self))}")
        return dataclasses.replace(self, **changes)
