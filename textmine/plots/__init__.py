"""Slide-ready charts of the analysis DataFrames.

Every chart function takes a DataFrame produced by an analysis stage (never a
document), keyword-only options and an optional ``ax``. It draws on ``ax`` when one
is given, otherwise on a new 16:9 :class:`~matplotlib.figure.Figure`
(13.33 × 7.5 in) that is *not* registered with pyplot, and returns the Figure.
Saving is separate: :func:`save_figure` writes deterministic PNG/SVG/PDF files.

A chart is named after the analysis that feeds it (:func:`plot_similar_documents`
draws :func:`textmine.similar_documents`); the older names are deprecated aliases.

Modules, by chart family
------------------------
- :mod:`._style`: the CJK font, palette and rcParams (:func:`cjk_font`, :func:`use_style`);
- :mod:`._save`: :func:`save_figure`;
- :mod:`.bars`: top terms, keyness, topic comparison, similar documents, duties;
- :mod:`.clouds`: word cloud, comparison cloud;
- :mod:`.speech_maps`: section keywords (the outline map), dispersion;
- :mod:`.grids`: section topics (heatmap), topic trend;
- :mod:`.network`: co-occurrence network;
- :mod:`.analyses`: policy instruments, directive strength, tone, summary statistics, the CA map.

The package imports no analysis module: it draws tables, whatever made them.

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

from ._aliases import plot_outline_map, plot_section_heatmap, plot_similar, plot_topic_shares
from ._save import save_figure
from ._style import CATEGORICAL, CJK_FAMILIES, FIGSIZE, PALETTE, FontInfo, cjk_font, plot_style, style_rc, use_style
from .analyses import (plot_correspondence_map, plot_directive_strength, plot_policy_instruments,
                       plot_strength_profile, plot_textstats, plot_tone)
from .bars import plot_duties, plot_keyness, plot_similar_documents, plot_top_terms, plot_topic_comparison
from .clouds import plot_comparison_cloud, plot_wordcloud
from .grids import plot_section_topics, plot_topic_trend
from .network import plot_cooccurrence
from .speech_maps import plot_dispersion, plot_section_keywords

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
    "plot_topic_comparison",
    "plot_similar_documents",
    "plot_section_keywords",
    "plot_dispersion",
    "plot_section_topics",
    "plot_cooccurrence",
    "plot_duties",
    "plot_topic_trend",
    "plot_policy_instruments",
    "plot_directive_strength",
    "plot_strength_profile",
    "plot_tone",
    "plot_textstats",
    "plot_correspondence_map",
    # deprecated aliases (DeprecationWarning on call), kept for one release
    "plot_topic_shares",
    "plot_similar",
    "plot_outline_map",
    "plot_section_heatmap",
]
