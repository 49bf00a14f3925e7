"""textmine: mining Chinese policy speeches.

The flow runs one way: :class:`Document`/:class:`Corpus` (corpus) → :func:`clean`
→ tokens (:class:`Tokenizer`) → :class:`Dtm` → analyses that return DataFrames
(structure, keywords, keyness, topics, similarity, reuse; codebooks and the analyses
built on them: policy instruments, directive strength, tone, summary statistics,
the correspondence map) → Figures (plots) → the briefing pack (report, cli).

Public names are imported lazily, so ``import textmine`` is cheap and does nothing
but define them.
"""

from __future__ import annotations

import importlib
import logging
import sys
import types
from typing import Any

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

# Every public name loads its module on first use: ``import textmine`` (and ``textmine --help``)
# must not pay for pandas, scipy or jieba. Errors are light and stay eager.
from .errors import (DecodeError, DictionaryFormatError, EmptyDocumentError, InputError,  # noqa: E402
                     TextmineError, TextmineWarning, UnsupportedFormatError)

_LAZY: dict[str, str] = {
    "BUNDLED_CORPUS": "corpus",
    "BUNDLED_SPEECH": "corpus",
    "Corpus": "corpus",
    "Document": "corpus",
    "bundled_corpus": "corpus",
    "bundled_speech": "corpus",
    "load_corpus": "corpus",
    "read_document": "corpus",
    "CleanedDocument": "clean",
    "clean": "clean",
    "Tokenizer": "tokenize",
    "Dtm": "dtm",
    "central_bodies": "structure",
    "duties": "structure",
    "enumerations": "structure",
    "formulas": "structure",
    "gov_bodies": "structure",
    "outline": "structure",
    "references": "structure",
    "sections": "structure",
    "sentence_spans": "structure",
    "sentences": "structure",
    "targets": "structure",
    "has_numbered_outline": "structure",
    "formula_lexicon": "structure",
    "keyness": "keyness",
    "peer_keyness": "keyness",
    "TopicModel": "topics",
    "choose_k": "topics",
    "fit_topics": "topics",
    "theme_comparison": "topics",
    "topic_comparison": "topics",
    "topic_trend": "topics",
    "similar_documents": "similarity",
    "cooccurrence": "keywords",
    "dispersion": "keywords",
    "keyphrases": "keywords",
    "kwic": "keywords",
    "section_keywords": "keywords",
    "section_themes": "keywords",
    "section_topics": "keywords",
    "textrank_keywords": "keywords",
    "tfidf_keywords": "keywords",
    "ReuseIndex": "reuse",
    "TextReuse": "reuse",
    "text_reuse": "reuse",
    "Codebook": "codebook",
    "bundled_codebook": "codebook",
    "codebook": "codebook",
    "category_keyness": "coding",
    "code": "coding",
    "code_kwic": "coding",
    "directive_strength": "strength",
    "strength_profile": "strength",
    "policy_instruments": "instruments",
    "problems": "tone",
    "tone": "tone",
    "mtld": "textstats",
    "textstats": "textstats",
    "textstats_percentiles": "textstats",
    "correspondence_map": "mapping",
}

_EAGER = [
    "DecodeError", "DictionaryFormatError", "EmptyDocumentError", "InputError", "TextmineError",
    "TextmineWarning", "UnsupportedFormatError", "BUNDLED_CORPUS", "BUNDLED_SPEECH", "Corpus", "Document",
    "bundled_corpus", "bundled_speech", "load_corpus", "read_document", "CleanedDocument", "clean",
    "Tokenizer", "Dtm", "central_bodies", "duties", "enumerations", "formulas", "gov_bodies", "outline", "references",
    "sections", "sentence_spans", "sentences", "targets", "cooccurrence", "dispersion", "keyphrases", "kwic",
    "section_keywords", "textrank_keywords", "tfidf_keywords", "keyness", "peer_keyness", "TopicModel",
    "choose_k", "fit_topics", "topic_trend", "TextReuse", "ReuseIndex", "section_themes", "section_topics",
    "similar_documents", "text_reuse", "theme_comparison", "topic_comparison",
    "Codebook", "bundled_codebook", "codebook", "category_keyness", "code", "code_kwic",
    "directive_strength", "strength_profile", "policy_instruments", "problems", "tone", "mtld", "textstats",
    "textstats_percentiles", "correspondence_map",
]

_EAGER.append("has_numbered_outline")
_EAGER.append("formula_lexicon")

# Heavier stages (matplotlib, python-pptx) load on first use.
_EXPORTS: dict[str, str] = {
    name: "plots" for name in (
        "plot_top_terms", "plot_wordcloud", "plot_comparison_cloud", "plot_keyness", "plot_topic_comparison",
        "plot_similar_documents", "plot_section_keywords", "plot_dispersion", "plot_section_topics",
        "plot_cooccurrence", "plot_duties", "plot_topic_trend", "save_figure", "cjk_font", "use_style",
        "plot_policy_instruments", "plot_directive_strength", "plot_strength_profile", "plot_tone",
        "plot_textstats", "plot_correspondence_map",
        # deprecated aliases of plot_topic_comparison, plot_similar_documents, plot_section_keywords and
        # plot_section_topics (they warn when called)
        "plot_topic_shares", "plot_similar", "plot_outline_map", "plot_section_heatmap")
}
_EXPORTS.update({"build_report": "report", "Report": "report", "BriefingOptions": "report"})
_EXPORTS.update(_LAZY)

__all__ = sorted(set(_EAGER) | set(_EXPORTS)) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'textmine' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


class _Package(types.ModuleType):
    """Keeps a public function that shares its module's name (``clean``, ``keyness``, ``tone`` …).

    Importing a submodule binds it on the package; for those names the function stays
    the public attribute, as it was when they were imported eagerly.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and _EXPORTS.get(name) == name:
            if name in self.__dict__:  # the function is already bound: keep it
                return
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

