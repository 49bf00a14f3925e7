"""Summary statistics of a speech, and where it stands in a corpus.

What is reported can be defended on policy texts: length (Chinese characters,
tokens, sentences), mean sentence length, lexical diversity (type-token ratio and
McCarthy & Jarvis' MTLD, which does not fall with length as the TTR does) and the
share of officialese (the bundled layer-2 stopwords: 同志们, 进一步, 切实 …). No
Chinese "readability formula" is computed: those formulas were fitted to school
texts, and on a policy speech they give numbers that mean nothing (a fog index in
the thousands).

Tokens here are running tokens: every token of the segmentation that holds a
letter, digit or Chinese character, stopwords included (punctuation and spaces are
left out), so diversity is measured on the text as written.

References
----------
McCarthy, P. M., & Jarvis, S. (2010). MTLD, vocd-D, and HD-D: A validation study of
sophisticated approaches to lexical diversity assessment. *Behavior Research
Methods* 42(2), 381–392.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from ._text import WORDISH as _WORDISH
from .coding import _documents
from ._stats import percentile_of_score
from ._workers import map_documents  # a large corpus in worker processes, document by document
from .errors import InputError
from .structure import sentence_spans
from .tokenize import Tokenizer

__all__ = ["textstats", "textstats_percentiles", "mtld", "ttr", "MTLD_THRESHOLD", "TEXTSTATS_COLUMNS"]

#: The TTR at which MTLD closes a factor (McCarthy & Jarvis 2010).
MTLD_THRESHOLD = 0.72
TEXTSTATS_COLUMNS = ["n_chars", "n_tokens", "n_types", "n_sentences", "mean_sentence_chars",
                     "mean_sentence_tokens", "ttr", "mtld", "officialese_share"]
_OFFICIALESE = Path(__file__).resolve().parent / "resources" / "stopwords_officialese.txt"


@functools.cache
def _officialese() -> frozenset[str]:
    words = set()
    for line in _OFFICIALESE.read_text(encoding="utf-8-sig").splitlines():
        w = line.strip()
        if w and not w.startswith("#"):
            words.add(w)
    return frozenset(words)


def ttr(tokens: Sequence[str]) -> float:
    """Type-token ratio: distinct tokens / tokens (NaN for no tokens)."""
    return len(set(tokens)) / len(tokens) if len(tokens) else float("nan")


def _mtld_pass(tokens: Sequence[str], threshold: float) -> float:
    factors = 0.0
    types: set[str] = set()
    count = 0
    for t in tokens:
        count += 1
        types.add(t)
        if len(types) / count <= threshold:
            factors += 1
            types, count = set(), 0
    if count:  # the partial factor: how far the last segment's TTR fell towards the threshold
        factors += (1 - len(types) / count) / (1 - threshold)
    return len(tokens) / factors if factors else float("nan")


def mtld(tokens: Sequence[str], *, threshold: float = MTLD_THRESHOLD) -> float:
    """Measure of textual lexical diversity (McCarthy & Jarvis 2010), forward and backward averaged.

    Reading the tokens in order, the TTR of the current segment is updated after
    each token; when it falls to ``threshold`` or below, one factor is counted and a
    new segment starts. The tokens left at the end add a partial factor
    (1 − TTR) / (1 − threshold). MTLD of a pass = tokens / factors, and the result
    is the mean of the forward and the backward pass.

    Parameters
    ----------
    tokens : sequence of str
    threshold : float, keyword-only
        Between 0 and 1 (exclusive); 0.72 in McCarthy & Jarvis.

    Returns
    -------
    float
        NaN when no factor forms (no tokens, or no repeated token at all).
    """
    if isinstance(tokens, str):
        raise InputError("tokens is a str; expected a sequence of tokens")
    if not 0 < threshold < 1:
        raise InputError(f"threshold={threshold!r}: expected a number between 0 and 1")
    tokens = list(tokens)
    fwd, bwd = _mtld_pass(tokens, threshold), _mtld_pass(tokens[::-1], threshold)
    if np.isnan(fwd) or np.isnan(bwd):
        return float("nan")
    return (fwd + bwd) / 2


def _running(tokens: Sequence[str]) -> list[str]:
    return [t for t in (x.strip() for x in tokens) if t and _WORDISH.search(t)]


def textstats(doc_or_corpus: Any, *, tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """Length, sentence length, lexical diversity and officialese of each document.

    Parameters
    ----------
    doc_or_corpus : Document, Corpus, list of Documents or str
    tokenizer : Tokenizer, optional, keyword-only
        Its segmenter gives the tokens (default ``Tokenizer()``).

    Returns
    -------
    DataFrame
        One row per document, indexed by nothing, columns ``doc_id`` and:

        - ``n_chars``: Chinese characters (as :attr:`Document.n_chars`);
        - ``n_tokens``, ``n_types``: running tokens and distinct ones;
        - ``n_sentences`` (:func:`textmine.sentences`);
        - ``mean_sentence_chars``, ``mean_sentence_tokens``: per sentence;
        - ``ttr`` = n_types / n_tokens; ``mtld`` (:func:`mtld`, threshold 0.72);
        - ``officialese_share``: the share of running tokens that are officialese
          (``textmine/resources/stopwords_officialese.txt``).
    """
    tok = Tokenizer() if tokenizer is None else tokenizer
    if not isinstance(tok, Tokenizer):
        raise InputError(f"tokenizer is a {type(tok).__name__}; expected a textmine Tokenizer or None")
    rows = map_documents(partial(_row, tok=tok, office=_officialese()), _documents(doc_or_corpus, "doc_or_corpus"))
    return pd.DataFrame(rows, columns=["doc_id"] + TEXTSTATS_COLUMNS)


def _row(d: Any, *, tok: Tokenizer, office: Any) -> dict[str, Any]:
    toks = _running(tok.segment(d.text))
    n_sent = len(sentence_spans(d.text))
    n_chars = d.n_chars
    return {"doc_id": d.doc_id, "n_chars": n_chars, "n_tokens": len(toks), "n_types": len(set(toks)),
            "n_sentences": n_sent,
            "mean_sentence_chars": n_chars / n_sent if n_sent else float("nan"),
            "mean_sentence_tokens": len(toks) / n_sent if n_sent else float("nan"),
            "ttr": ttr(toks), "mtld": mtld(toks),
            "officialese_share": sum(t in office for t in toks) / len(toks) if toks else float("nan")}


def textstats_percentiles(target: Any, reference: Any, *, tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """The speech's summary statistics against the distribution over a reference corpus.

    Parameters
    ----------
    target : Document, or a one-row :func:`textstats` table
    reference : Corpus, list of Documents, or a :func:`textstats` table
        Documents with the target's doc_id are left out (with a warning).
    tokenizer : Tokenizer, optional, keyword-only

    Returns
    -------
    DataFrame
        One row per statistic (in :data:`TEXTSTATS_COLUMNS` order): ``measure``,
        ``target``, ``reference_min``, ``reference_median``, ``reference_max``,
        ``percentile`` (``scipy.stats.percentileofscore(reference values, target,
        kind="mean")``: the share of reference documents below the target, ties
        counting half) and ``n_reference``.
    """
    t = target if isinstance(target, pd.DataFrame) else textstats(target, tokenizer=tokenizer)
    r = reference if isinstance(reference, pd.DataFrame) else textstats(reference, tokenizer=tokenizer)
    for name, table in (("target", t), ("reference", r)):
        missing = [c for c in ["doc_id"] + TEXTSTATS_COLUMNS if c not in table.columns]
        if missing:
            raise InputError(f"{name} lacks column(s) {missing}; expected a textstats() table or documents")
    if len(t) != 1:
        raise InputError(f"target holds {len(t)} documents; expected one speech")
    if t.doc_id.iat[0] in set(r.doc_id):
        warnings.warn(f"the target {t.doc_id.iat[0]!r} is also in the reference; it was left out of the reference",
                      stacklevel=2)
        r = r[r.doc_id != t.doc_id.iat[0]]
    if r.empty:
        raise InputError("reference is empty (after leaving out the target); expected a corpus")
    rows = []
    for m in TEXTSTATS_COLUMNS:
        x = float(t[m].iat[0])
        values = r[m].astype(float).dropna()
        rows.append({"measure": m, "target": x, "reference_min": float(values.min()),
                     "reference_median": float(values.median()), "reference_max": float(values.max()),
                     "percentile": percentile_of_score(values, x), "n_reference": int(len(values))})
    out = pd.DataFrame(rows)
    out.attrs["target"] = t.doc_id.iat[0]
    return out
