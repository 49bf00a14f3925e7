"""Deprecated: ``textmine.compare`` was split into :mod:`textmine.similarity`, :mod:`textmine.reuse`
and the topic comparisons of :mod:`textmine.topics`. Import from those (or from ``textmine``)."""

from __future__ import annotations

import warnings

from .reuse import ReuseIndex, TextReuse, text_reuse
from .similarity import similar_documents
from .keywords import section_themes, section_topics
from .topics import theme_comparison, topic_comparison

__all__ = ["similar_documents", "theme_comparison", "section_themes", "text_reuse", "TextReuse", "ReuseIndex",
           "topic_comparison", "section_topics"]

warnings.warn("textmine.compare is deprecated; import from textmine.similarity, textmine.reuse and "
              "textmine.topics (or from textmine)", DeprecationWarning, stacklevel=2)
