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
from typing import Any

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

# The light stages are imported eagerly (some share a name with their module, e.g.
# ``clean``); importing them does no work beyond defining names.
from .errors import (DecodeError, DictionaryFormatError, EmptyDocumentError, InputError,  # noqa: E402
                     TextmineError, UnsupportedFormatError)
from .corpus import (BUNDLED_CORPUS, BUNDLED_SPEECH, Corpus, Document, bundled_corpus,  # noqa: E402
                     bundled_speech, load_corpus, read_document)
from .clean import CleanedDocument, clean  # noqa: E402
from .tokenize import Tokenizer  # noqa: E402
from .dtm import Dtm  # noqa: E402
from .structure import (central_bodies, duties, enumerations, formulas, gov_bodies, outline, references,  # noqa: E402
                        sections, sentence_spans, sentences, targets)
from .structure import has_numbered_outline  # noqa: E402
from .structure import formula_lexicon  # noqa: E402
from .keyness import keyness, peer_keyness  # noqa: E402
from .topics import TopicModel, choose_k, fit_topics, theme_comparison, topic_comparison, topic_trend  # noqa: E402
from .similarity import similar_documents  # noqa: E402
from .keywords import (cooccurrence, dispersion, keyphrases, kwic, section_keywords, section_themes,  # noqa: E402
                       section_topics, textrank_keywords, tfidf_keywords)
from .reuse import ReuseIndex, TextReuse, text_reuse  # noqa: E402
from .codebook import Codebook, bundled_codebook, codebook  # noqa: E402
from .coding import category_keyness, code, code_kwic  # noqa: E402
from .strength import directive_strength, strength_profile  # noqa: E402
from .instruments import policy_instruments  # noqa: E402
from .tone import problems, tone  # noqa: E402
from .textstats import mtld, textstats, textstats_percentiles  # noqa: E402
from .mapping import correspondence_map  # noqa: E402

_EAGER = [
    "DecodeError", "DictionaryFormatError", "EmptyDocumentError", "InputError", "TextmineError",
    "UnsupportedFormatError", "BUNDLED_CORPUS", "BUNDLED_SPEECH", "Corpus", "Document",
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

__all__ = sorted(_EAGER + list(_EXPORTS)) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'textmine' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__

