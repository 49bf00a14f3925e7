"""Keywords of one speech: TF-IDF against a reference corpus, TextRank, and collocations.

- :func:`tfidf_keywords` learns the IDF from the reference corpus (not jieba's generic IDF).
- :func:`textrank_keywords` ranks terms of a co-occurrence window graph with PageRank (networkx).
- :func:`keyphrases` ranks adjacent content-word pairs by G² or PMI.
"""

from __future__ import annotations

import bisect
import math
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from typing import Literal

import numpy as np
import pandas as pd

from ._checks import check_count
from ._deprecation import renamed_function, renamed_params
from ._docs import as_corpus, as_document
from .corpus import Corpus, Document
from .dtm import Dtm, as_dtms
from .errors import InputError
from .structure import sections, sentence_spans
from .structure.outline import _sections
from .tokenize import Tokenizer, resolve_tokenizer
from .topics import TopicModel, check_model

__all__ = ["tfidf_keywords", "textrank_keywords", "keyphrases", "section_table", "section_keywords", "kwic",
           "dispersion", "cooccurrence", "section_topics", "section_themes"]


def _check_n(n: int, name: str = "n") -> None:
    check_count(n, name)


def tfidf_keywords(doc: Document | str | Dtm, reference: Corpus | Dtm, *, tokenizer: Tokenizer | None = None,
                   n: int = 20, sublinear_tf: bool = False) -> pd.DataFrame:
    """The speech's terms weighted by TF × IDF, the IDF learned from the reference corpus.

    tfidf = tf · idf, with tf the term's count in the speech (``1 + ln count`` if
    ``sublinear_tf``) and the smoothed IDF ``ln((1 + N) / (1 + df)) + 1``, N reference
    documents and df the number that use the term (a term no reference speech uses gets
    the maximum) — scikit-learn's ``TfidfVectorizer(norm=None, smooth_idf=True)`` fit on
    the reference. No normalisation.

    Parameters
    ----------
    doc : Document, str or Dtm
    reference : Corpus, list of Documents, or Dtm
    tokenizer : Tokenizer, optional
        Tokenizes the sides given as texts. Default: the tokenizer a Dtm side was built
        with, else ``Tokenizer()``; one that differs from a Dtm side's raises InputError.
    n : int
        Rows returned.
    sublinear_tf : bool

    Returns
    -------
    DataFrame
        term, count, reference_doc_freq, idf, tfidf — the n highest tfidf first.
    """
    _check_n(n)
    sides = as_dtms({"doc": doc, "reference": reference}, tokenizer=tokenizer)
    t, r = sides["doc"], sides["reference"]
    if r.n_docs == 0:
        raise InputError("reference is empty; expected a corpus to learn the IDF from")
    counts = np.asarray(t.counts.sum(axis=0)).ravel()
    if counts.sum() == 0:
        raise InputError("doc has no tokens; expected a text with Chinese content words")
    df = r.match(t.vocab).doc_freq().to_numpy()
    idf = np.log((1 + r.n_docs) / (1 + df)) + 1
    tf = np.where(counts > 0, 1 + np.log(np.maximum(counts, 1)), 0) if sublinear_tf else counts.astype(float)
    out = pd.DataFrame({"term": t.vocab, "count": counts, "reference_doc_freq": df, "idf": idf, "tfidf": tf * idf})
    out = out[out["count"] > 0]
    return out.sort_values(["tfidf", "term"], ascending=[False, True], kind="stable").head(n).reset_index(drop=True)


def textrank_keywords(doc: Document | str, *, tokenizer: Tokenizer | None = None, window: int = 5, n: int = 20,
                      damping: float = 0.85) -> pd.DataFrame:
    """TextRank: PageRank over a graph linking terms that co-occur within ``window`` tokens.

    Co-occurrence is counted within each sentence (windows never cross a sentence end).

    Returns
    -------
    DataFrame
        term, score, count, degree — the n highest scores first.
    """
    import networkx as nx

    _check_n(n)
    if not isinstance(window, int) or window < 2:
        raise InputError(f"window={window!r}: expected a whole number >= 2")
    d = as_document(doc, name="doc")
    tok = resolve_tokenizer(tokenizer)
    sents = [d.text[s:e] for s, e in sentence_spans(d.text)]
    token_lists = tok.tokenize_many(sents) if sents else []
    g = nx.Graph()
    counts: Counter[str] = Counter()
    for toks in token_lists:
        counts.update(toks)
        for i, a in enumerate(toks):
            for b in toks[i + 1:i + window]:
                if a != b:
                    w = g.get_edge_data(a, b, {"weight": 0})["weight"]
                    g.add_edge(a, b, weight=w + 1)
    if not counts:
        raise InputError("doc has no tokens; expected a text with Chinese content words")
    g.add_nodes_from(counts)
    scores = nx.pagerank(g, alpha=damping, weight="weight")
    out = pd.DataFrame({"term": list(scores), "score": list(scores.values())})
    out["count"] = out["term"].map(counts)
    out["degree"] = out["term"].map(dict(g.degree()))
    return out.sort_values(["score", "term"], ascending=[False, True], kind="stable").head(n).reset_index(drop=True)


def keyphrases(doc_or_corpus: Document | Corpus | str, *, tokenizer: Tokenizer | None = None,
               measure: Literal["g2", "pmi"] = "g2", min_count: int = 3, n: int = 30) -> pd.DataFrame:
    """Collocations: pairs of content words adjacent in the text, ranked by G² or PMI.

    Adjacent means next to each other in the segmenter's output (no word in between);
    both words must be content words for ``tokenizer`` (not stopwords, numbers …).

    Returns
    -------
    DataFrame
        phrase (the two words joined), first, second, count, g2, pmi (base 2) — ranked by
        ``measure``, pairs seen fewer than ``min_count`` times left out. Over all N adjacent
        pairs, with O11 = count, R1 = pairs starting with ``first``, C1 = pairs ending with
        ``second``: g2 is Dunning's G² = 2·Σ O·ln(O/E) over the four cells of that 2×2 table
        (as in :func:`~textmine.keyness.keyness_table`), pmi = log₂(O11·N / (R1·C1)).
    """
    _check_n(n)
    if measure not in ("g2", "pmi"):
        raise InputError(f"measure={measure!r}: expected 'g2' or 'pmi'")
    if not isinstance(min_count, int) or min_count < 1:
        raise InputError(f"min_count={min_count!r}: expected a whole number >= 1")
    corpus = as_corpus(doc_or_corpus, name="doc_or_corpus")
    tok = resolve_tokenizer(tokenizer)
    pairs: Counter[tuple[str, str]] = Counter()
    for d in corpus:
        for s, e in sentence_spans(d.text):
            raw = [t for t in (x.strip() for x in tok.segment(d.text[s:e])) if t]
            for a, b in zip(raw, raw[1:]):
                pairs[(a, b)] += 1
    total = sum(pairs.values())
    if total == 0:
        raise InputError("doc_or_corpus has no text to find collocations in")
    first: Counter[str] = Counter()
    second: Counter[str] = Counter()
    for (a, b), c in pairs.items():
        first[a] += c
        second[b] += c
    rows = []
    for (a, b), o11 in pairs.items():
        if o11 < min_count or not (tok.is_content(a) and tok.is_content(b)):
            continue
        r1, c1 = first[a], second[b]
        o12, o21 = r1 - o11, c1 - o11
        o22 = total - o11 - o12 - o21
        obs = (o11, o12, o21, o22)
        exp = (r1 * c1 / total, r1 * (total - c1) / total, (total - r1) * c1 / total,
               (total - r1) * (total - c1) / total)
        g2 = 2 * sum(o * math.log(o / e) for o, e in zip(obs, exp) if o > 0)
        pmi = math.log2(o11 * total / (r1 * c1))
        rows.append((a + b, a, b, o11, g2, pmi))
    out = pd.DataFrame(rows, columns=["phrase", "first", "second", "count", "g2", "pmi"])
    return out.sort_values([measure, "phrase"], ascending=[False, True], kind="stable").head(n).reset_index(drop=True)


# ----------------------------------------------------------------------------- positions in a speech

def section_table(doc: Document, level: int) -> pd.DataFrame:
    """Deprecated: use :func:`textmine.sections` (``sections(doc, level=level)``)."""
    warnings.warn("textmine.keywords.section_table is deprecated; use textmine.sections(doc, level=...)",
                  DeprecationWarning, stacklevel=2)
    return _sections(doc, level)


def _sentence_token_lists(texts: list[str], sentence_tokens: Sequence[Sequence[str]], what: str) -> list[list[str]]:
    if isinstance(sentence_tokens, (str, bytes)) or not isinstance(sentence_tokens, Sequence):
        raise InputError(f"sentence_tokens is a {type(sentence_tokens).__name__}; expected one token list per "
                         f"sentence of {what}")
    if len(sentence_tokens) != len(texts):
        raise InputError(f"sentence_tokens has {len(sentence_tokens)} token lists; expected one per sentence of "
                         f"{what} ({len(texts)}, as sentence_spans() splits it)")
    return [list(t) for t in sentence_tokens]


def _section_tokens(text: str, starts: Sequence[int], ends: Sequence[int], tok: Tokenizer,
                    sentence_tokens: Sequence[Sequence[str]] | None) -> list[list[str]]:
    """Tokens of each section ``text[start:end]``, joined from its sentences' tokens when they are given.

    The segmenter never joins characters across a sentence end or a line break, so a
    section's tokens are its sentences' tokens in order; a section whose edge falls inside
    a sentence is tokenized on its own.
    """
    if sentence_tokens is None:
        return tok.tokenize_many([text[s:e] for s, e in zip(starts, ends)])
    spans = sentence_spans(text)
    toks = _sentence_token_lists([text[s:e] for s, e in spans], sentence_tokens, "doc")
    first = [s for s, _ in spans]
    out = []
    for a, b in zip(starts, ends):
        i, j = bisect.bisect_left(first, a), bisect.bisect_left(first, b)
        straddles = (i > 0 and spans[i - 1][1] > a) or (j > 0 and spans[j - 1][1] > b)
        out.append(tok.tokenize(text[a:b]) if straddles else list(chain.from_iterable(toks[i:j])))
    return out


@renamed_params(n="n_terms")
def section_keywords(doc: Document | str, *, level: int = 2, n_terms: int = 5,
                     tokenizer: Tokenizer | None = None,
                     sentence_tokens: Sequence[Sequence[str]] | None = None) -> pd.DataFrame:
    """Each outline section with its most characteristic terms.

    Terms are ranked within a section by count × IDF across the speech's sections,
    so that a word every section uses (the speech's main topic) does not crowd out
    what each section is about.

    Parameters
    ----------
    doc : Document or str
    level : int
        Deepest outline level to list (1: 一、 sections; 2: also （一） subsections).
    n_terms : int
        Terms listed per section (one row per section is returned).
    tokenizer : Tokenizer, optional
    sentence_tokens : sequence of list of str, optional
        The doc's tokens already made, one list per sentence of
        ``sentence_spans(doc.text)``; given, the doc is not tokenized again.

    Returns
    -------
    DataFrame
        path, level, title, start, end, n_tokens, terms ("、"-joined top terms).
    """
    _check_n(n_terms, "n_terms")
    if level not in (1, 2, 3, 4):
        raise InputError(f"level={level!r}: expected 1, 2, 3 or 4")
    d = as_document(doc, name="doc")
    tok = resolve_tokenizer(tokenizer)
    sec = sections(d, level=level)
    toks = _section_tokens(d.text, sec["start"].tolist(), sec["end"].tolist(), tok, sentence_tokens)
    dtm = Dtm.from_tokens(toks, tokenizer=tok)
    if dtm.n_terms:
        df = dtm.doc_freq().to_numpy()
        idf = np.log((1 + dtm.n_docs) / (1 + df)) + 1
        weights = dtm.counts.toarray() * idf
    terms = []
    for i in range(len(sec)):
        if not dtm.n_terms or not toks[i]:
            terms.append("")
            continue
        order = np.lexsort((np.array(dtm.vocab), -weights[i]))
        top = [dtm.vocab[j] for j in order[:n_terms] if weights[i, j] > 0]
        terms.append("、".join(top))
    return pd.DataFrame({"path": sec["path"], "level": sec["level"], "title": sec["title"], "start": sec["start"],
                         "end": sec["end"], "n_tokens": [len(t) for t in toks], "terms": terms})


@renamed_params(window="width")
def kwic(doc: Document | Corpus | str, term: str, *, width: int = 20) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` (as written) with text either side.

    Occurrences are of the string, also inside longer words (禁毒 in 禁毒委), so their number
    can exceed the term's token count in :meth:`Dtm.top_terms` and :func:`keyness`.

    Parameters
    ----------
    doc : Document, str, Corpus or list of them
    term : str
    width : int
        Characters of context either side (``window`` is in tokens elsewhere, hence another name).

    Returns
    -------
    DataFrame
        doc_id, start, left, keyword, right, path (the outline section of each hit).
    """
    from .structure import outline

    if not isinstance(term, str) or not term.strip():
        raise InputError(f"term={term!r}: expected a non-empty string")
    if isinstance(width, bool) or not isinstance(width, int) or width < 1:
        raise InputError(f"width={width!r}: expected a whole number >= 1")
    return _kwic(as_corpus(doc, name="doc"), term, width, outline)


def _kwic(docs: Iterable[Document], term: str, width: int, outline_of: Callable[[Document], pd.DataFrame]) -> pd.DataFrame:
    """:func:`kwic` of checked arguments; ``outline_of(doc)`` gives a document's outline (it may be cached)."""
    rows = []
    for d in docs:
        pos = d.text.find(term)
        if pos < 0:  # no hit: the outline (the slow part) is not needed
            continue
        o = outline_of(d)
        starts, paths = o["start"].to_numpy(), o["path"].tolist()
        while pos >= 0:
            k = int(np.searchsorted(starts, pos, side="right")) - 1
            left = d.text[max(0, pos - width):pos].replace("\n", " ")
            right = d.text[pos + len(term):pos + len(term) + width].replace("\n", " ")
            rows.append((d.doc_id, pos, left, term, right, paths[max(k, 0)]))
            pos = d.text.find(term, pos + len(term))
    return pd.DataFrame(rows, columns=["doc_id", "start", "left", "keyword", "right", "path"])


def dispersion(doc: Document | str, terms: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """Where each term occurs in the speech (a lexical dispersion / x-ray table).

    Like :func:`kwic`, it finds every occurrence of the string, also inside longer words,
    so a term's rows can outnumber its token count in :meth:`Dtm.top_terms`.

    Returns
    -------
    DataFrame
        term, start, rel_pos (0–1), path, section_title — one row per occurrence.
        ``attrs["sections"]`` holds the sections (path, title, rel_start) and
        ``attrs["terms"]`` the terms in the order given.
    """
    from .structure import outline

    if isinstance(terms, str) or not terms:
        raise InputError(f"terms={terms!r}: expected a non-empty list of terms")
    d = as_document(doc, name="doc")
    o = outline(d)
    n = max(len(d.text), 1)
    starts = o["start"].to_numpy()
    rows = []
    for term in terms:
        pos = d.text.find(term)
        while pos >= 0:
            k = max(int(np.searchsorted(starts, pos, side="right")) - 1, 0)
            rows.append((term, pos, pos / n, o["path"].iloc[k], o["title"].iloc[k]))
            pos = d.text.find(term, pos + len(term))
    out = pd.DataFrame(rows, columns=["term", "start", "rel_pos", "path", "section_title"])
    sec = o[o["level"].isin([1, 2])]
    out.attrs["sections"] = pd.DataFrame({"path": sec["path"].to_numpy(), "title": sec["title"].to_numpy(),
                                          "rel_start": sec["start"].to_numpy() / n, "level": sec["level"].to_numpy()})
    out.attrs["terms"] = list(terms)
    return out


@renamed_params(n="n_terms")
def cooccurrence(doc: Document | Corpus | str, *, n_terms: int = 30, window: int = 5,
                 tokenizer: Tokenizer | None = None,
                 sentence_tokens: Sequence[Sequence[str]] | None = None) -> pd.DataFrame:
    """Co-occurrence of the ``n_terms`` most frequent terms within ``window`` tokens of a sentence.

    Two terms co-occur when both fall in ``window`` consecutive tokens of one sentence,
    i.e. at most ``window - 1`` tokens apart. ``sentence_tokens``, if given, are the tokens
    already made: one list per sentence (``sentence_spans`` of each document, in order); the
    text is then not tokenized again.

    Parameters
    ----------
    doc : Document, str, Corpus or list of them
    n_terms : int
        How many of the most frequent terms are the network's nodes.
    window : int
        In tokens, >= 2.
    tokenizer : Tokenizer, optional
    sentence_tokens : list of list of str, optional
        The tokens already made, one list per sentence (``sentence_spans`` of each
        document, in order); the text is then not tokenized again.

    Returns
    -------
    DataFrame
        source, target, weight (co-occurrence count); ``attrs["counts"]`` maps each of
        the top terms to its count.
    """
    _check_n(n_terms, "n_terms")
    if isinstance(window, bool) or not isinstance(window, int) or window < 2:
        raise InputError(f"window={window!r}: expected a whole number >= 2")
    tok = resolve_tokenizer(tokenizer)
    sents = []
    for d in as_corpus(doc, name="doc"):
        sents.extend(d.text[s:e] for s, e in sentence_spans(d.text))
    if sentence_tokens is not None:
        token_lists = _sentence_token_lists(sents, sentence_tokens, "doc")
    else:
        token_lists = tok.tokenize_many(sents) if sents else []
    counts: Counter[str] = Counter()
    for t in token_lists:
        counts.update(t)
    if not counts:
        raise InputError("doc has no tokens; expected a text with Chinese content words")
    top = {t for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n_terms]}
    pairs: Counter[tuple[str, str]] = Counter()
    for toks in token_lists:
        for i, a in enumerate(toks):
            if a not in top:
                continue
            for b in toks[i + 1:i + window]:
                if b in top and b != a:
                    pairs[tuple(sorted((a, b)))] += 1
    edges = pd.DataFrame([(a, b, w) for (a, b), w in pairs.items()], columns=["source", "target", "weight"])
    edges = edges.sort_values(["weight", "source", "target"], ascending=[False, True, True],
                              kind="stable").reset_index(drop=True)
    edges.attrs["counts"] = {t: counts[t] for t in sorted(top, key=lambda t: (-counts[t], t))}
    return edges


def section_topics(doc: Document | str, model: TopicModel, *, level: int = 1,
                   tokenizer: Tokenizer | None = None,
                   sentence_tokens: Sequence[Sequence[str]] | None = None) -> pd.DataFrame:
    """Topic shares of each outline section of a speech (a section × topic table).

    Parameters
    ----------
    doc : Document or str
    model : TopicModel
    level : int
        Outline depth of the sections (1: 一、 sections; 2: also （一） subsections).
    tokenizer : Tokenizer, optional
        Must be the model's tokenizer if given (the sections are tokenized with it).
    sentence_tokens : sequence of list of str, optional
        The doc's tokens already made, one list per sentence of ``sentence_spans(doc.text)``;
        given, the sections are not tokenized again.

    Returns
    -------
    DataFrame
        Indexed by section label (``一、认识要再提高``; the preamble is ``开篇``), one column per topic.
    """
    doc = as_document(doc, name="doc")
    check_model(model)
    tok = resolve_tokenizer(tokenizer, recorded={"model": model.tokenizer})
    if sentence_tokens is None:
        o = _sections(doc, level)
        docs = [Document(doc_id=f"{doc.doc_id}#{i}", text=doc.text[s:e])
                for i, (s, e) in enumerate(zip(o["start"], o["end"]))]
        shares = model.transform(Corpus(docs), tokenizer=tok)
        shares.index = pd.Index(_section_labels(o), name="section")
        return shares
    return _section_shares(model, _section_topic_tokens(doc, level, tok, sentence_tokens), tok)


def _section_labels(o: pd.DataFrame) -> list[str]:
    return [("开篇" if lv == 0 else f"{m}{t}") for lv, m, t in zip(o["level"], o["marker"], o["title"])]


_SectionTokens = tuple[str, list[str], list[list[str]]]
"""What :func:`section_topics` transforms: the doc_id, each section's label and its tokens."""


def _section_topic_tokens(doc: Document, level: int, tok: Tokenizer,
                          sentence_tokens: Sequence[Sequence[str]]) -> _SectionTokens:
    """The sections' labels and tokens (joined from the sentences' tokens; a straddling section is
    tokenized, which may use the token cache): all :func:`section_topics` needs besides the model."""
    o = _sections(doc, level)
    toks = _section_tokens(doc.text, o["start"].tolist(), o["end"].tolist(), tok, sentence_tokens)
    return doc.doc_id, _section_labels(o), toks


def _section_shares(model: TopicModel, sections: _SectionTokens, tok: Tokenizer) -> pd.DataFrame:
    """:func:`section_topics` of sections already tokenized (no file is touched: it may run in a worker)."""
    check_model(model)
    tok = resolve_tokenizer(tok, recorded={"model": model.tokenizer})
    doc_id, labels, toks = sections
    shares = model.transform(Dtm.from_tokens(toks, [f"{doc_id}#{i}" for i in range(len(toks))], tokenizer=tok))
    shares.index = pd.Index(labels, name="section")
    return shares


section_themes = renamed_function("section_themes", section_topics)
