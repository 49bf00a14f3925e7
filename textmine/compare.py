"""Comparing one speech with a corpus: similar speeches, topic shares against peers, and text reuse."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .corpus import Corpus, Document
from .dtm import Dtm, as_corpus
from .errors import InputError
from .structure import sentence_spans
from .tokenize import Tokenizer
from .topics import TopicModel

__all__ = ["similar_documents", "theme_comparison", "section_themes", "text_reuse", "TextReuse"]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _target_dtm(target: Any, tokenizer: Tokenizer | None) -> Dtm:
    if isinstance(target, Dtm):
        if target.n_docs != 1:
            raise InputError(f"target Dtm has {target.n_docs} documents; expected exactly 1")
        return target
    if isinstance(target, (Document, str)):
        return Dtm.from_corpus(target, tokenizer=tokenizer)
    raise InputError(f"target is a {type(target).__name__}; expected a Document or a one-document Dtm")


def _corpus_dtm(corpus: Any, tokenizer: Tokenizer | None) -> Dtm:
    if isinstance(corpus, Dtm):
        dtm = corpus
    elif isinstance(corpus, Corpus):
        dtm = Dtm.from_corpus(corpus, tokenizer=tokenizer)
    else:
        raise InputError(f"corpus is a {type(corpus).__name__}; expected a Corpus or Dtm")
    if dtm.n_docs == 0:
        raise InputError("corpus is empty; expected at least one document")
    return dtm


def similar_documents(target: Document | Dtm, corpus: Corpus | Dtm, *, tokenizer: Tokenizer | None = None,
                      n: int | None = None) -> pd.DataFrame:
    """Rank the corpus speeches by cosine similarity to the target on TF-IDF weights.

    The IDF is learned from the corpus (sublinear term frequency, smoothed IDF, L2 rows).
    A corpus document with the target's doc_id is left out.

    Parameters
    ----------
    target : Document or one-document Dtm
    corpus : Corpus or Dtm
    tokenizer : Tokenizer, optional
    n : int, optional
        Keep the n most similar (default: all).

    Returns
    -------
    DataFrame
        rank, doc_id, similarity, then the corpus's metadata columns (title, policy_area …).
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    t = _target_dtm(target, tokenizer)
    c = _corpus_dtm(corpus, tokenizer)
    c = c.drop_docs(t.doc_ids) if set(t.doc_ids) & set(c.doc_ids) else c
    if c.n_docs == 0:
        raise InputError("corpus holds only the target; expected other documents to compare with")
    tf = TfidfTransformer(sublinear_tf=True).fit(c.counts)
    cx = tf.transform(c.counts.astype(float))
    tx = tf.transform(t.match(c.vocab).counts.astype(float))
    sims = np.asarray((cx @ tx.T).todense()).ravel()
    out = c.docs.copy()
    out.insert(0, "similarity", sims)
    out = out.reset_index().rename(columns={out.index.name or "index": "doc_id"})
    out = out.sort_values(["similarity", "doc_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    cols = ["rank", "doc_id", "similarity"] + [col for col in out.columns if col not in ("rank", "doc_id", "similarity")]
    out = out[cols]
    if n is not None:
        if not isinstance(n, int) or n < 1:
            raise InputError(f"n={n!r}: expected a whole number >= 1")
        out = out.head(n)
    return out


def theme_comparison(target: Document | Dtm, corpus: Corpus | Dtm, model: TopicModel, *,
                     tokenizer: Tokenizer | None = None, area_column: str = "policy_area",
                     area: str | None = None) -> pd.DataFrame:
    """The target's topic shares against the corpus mean and the mean of same-area peers.

    Parameters
    ----------
    target : Document or one-document Dtm
    corpus : Corpus or Dtm
    model : TopicModel
        Fitted on the corpus (or the corpus plus the target).
    area_column : str
        The metadata column that names the policy area.
    area : str, optional
        The target's area (default: the target's own metadata, e.g. 禁毒).

    Returns
    -------
    DataFrame
        topic, label, target, corpus_mean, peers_mean, n_peers, diff_corpus, diff_peers,
        sorted by the target's share.
    """
    if not isinstance(model, TopicModel):
        raise InputError(f"model is a {type(model).__name__}; expected a TopicModel from fit_topics()")
    t = _target_dtm(target, tokenizer)
    c = _corpus_dtm(corpus, tokenizer)
    c = c.drop_docs(t.doc_ids) if set(t.doc_ids) & set(c.doc_ids) else c
    if area is None:
        if isinstance(target, Document):
            area = target.meta.get(area_column)
        elif area_column in t.docs.columns:
            area = t.docs[area_column].iloc[0]
    ts = model.transform(t).iloc[0].to_numpy()
    cs = model.transform(c)
    if area is not None and area_column in c.docs.columns:
        mask = (c.docs[area_column].astype(str) == str(area)).to_numpy()
    else:
        mask = np.zeros(c.n_docs, dtype=bool)
    peers = cs[mask].mean(axis=0).to_numpy() if mask.any() else np.full(model.k, np.nan)
    out = pd.DataFrame({
        "topic": range(model.k), "label": model.labels_, "target": ts, "corpus_mean": cs.mean(axis=0).to_numpy(),
        "peers_mean": peers, "n_peers": int(mask.sum()),
    })
    out["diff_corpus"] = out["target"] - out["corpus_mean"]
    out["diff_peers"] = out["target"] - out["peers_mean"]
    out.attrs["area"] = area
    return out.sort_values(["target", "topic"], ascending=[False, True], kind="stable").reset_index(drop=True)


def section_themes(doc: Document, model: TopicModel, *, level: int = 1,
                   tokenizer: Tokenizer | None = None,
                   sentence_tokens: Sequence[Sequence[str]] | None = None) -> pd.DataFrame:
    """Topic shares of each outline section of a speech (a section × theme table).

    ``sentence_tokens``, if given, are the doc's tokens already made, one list per
    sentence of ``sentence_spans(doc.text)``; the sections are then not tokenized again.

    Returns
    -------
    DataFrame
        Indexed by section label (``一、认识要再提高``; the preamble is ``开篇``), one column per topic.
    """
    from .keywords import _section_tokens, section_table

    if not isinstance(doc, Document):
        raise InputError(f"doc is a {type(doc).__name__}; expected a Document")
    if not isinstance(model, TopicModel):
        raise InputError(f"model is a {type(model).__name__}; expected a TopicModel from fit_topics()")
    o = section_table(doc, level)
    labels = [("开篇" if lv == 0 else f"{m}{t}") for lv, m, t in zip(o["level"], o["marker"], o["title"])]
    if sentence_tokens is None:
        docs = [Document(doc_id=f"{doc.doc_id}#{i}", text=doc.text[s:e])
                for i, (s, e) in enumerate(zip(o["start"], o["end"]))]
        shares = model.transform(Corpus(docs), tokenizer=tokenizer)
    else:
        toks = _section_tokens(doc.text, o["start"].tolist(), o["end"].tolist(), tokenizer or Tokenizer(),
                               sentence_tokens)
        shares = model.transform(Dtm.from_tokens(toks, [f"{doc.doc_id}#{i}" for i in range(len(toks))]))
    shares.index = pd.Index(labels, name="section")
    return shares


# ----------------------------------------------------------------------------- text reuse

@dataclass(frozen=True)
class TextReuse:
    """The result of :func:`text_reuse`.

    Attributes
    ----------
    matches : DataFrame
        One row per (target sentence, corpus sentence) match: target_id, source_id,
        target_sentence, source_sentence, jaccard, exact, target_start, source_start.
    ratios : DataFrame
        One row per corpus document: doc_id, n_matches, reused_chars, reuse_ratio (share of
        the target's sentence characters found in that document), sorted by reuse_ratio.
    sentences : DataFrame
        Each target sentence considered: start, end, text, reused (bool), best_source, best_jaccard.
        Rows with reused == False are the target's original passages.
    """

    matches: pd.DataFrame
    ratios: pd.DataFrame
    sentences: pd.DataFrame

    @property
    def reuse_ratio(self) -> float:
        """Share of the target's sentence characters found in any corpus document."""
        s = self.sentences
        total = s["n_chars"].sum()
        return float(s.loc[s["reused"], "n_chars"].sum() / total) if total else 0.0

    @property
    def original(self) -> pd.DataFrame:
        """Target sentences not found elsewhere."""
        return self.sentences[~self.sentences["reused"]]


def _sentences(doc: Document, min_chars: int) -> list[tuple[int, int, str, str]]:
    out = []
    for s, e in sentence_spans(doc.text):
        text = doc.text[s:e].strip()
        han = "".join(_HAN.findall(text))
        if len(han) >= min_chars:
            out.append((s, e, text, han))
    return out


def _shingles(han: str, n: int) -> set[str]:
    return {han[j:j + n] for j in range(len(han) - n + 1)} or {han}


@dataclass(frozen=True)
class _ReuseIndex:
    sents: list[tuple[str, int, str, str]]  # doc_id, start, text, han
    matrix: sp.csr_matrix                    # sentences × shingles (binary)
    sizes: np.ndarray                        # distinct shingles per sentence
    vocab: dict[str, int]


_INDEX_CACHE: dict[tuple, _ReuseIndex] = {}


def _reuse_index(docs: list[Document], ngram: int, min_chars: int) -> _ReuseIndex:
    """Shingle index of the corpus sentences; the last few are kept, so one corpus is indexed once."""
    key = (ngram, min_chars, tuple((d.doc_id, len(d.text), hash(d.text)) for d in docs))
    hit = _INDEX_CACHE.get(key)
    if hit is not None:
        return hit
    sents: list[tuple[str, int, str, str]] = []
    for d in docs:
        sents.extend((d.doc_id, s, text, han) for s, _e, text, han in _sentences(d, min_chars))
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, (*_, han) in enumerate(sents):
        for g in _shingles(han, ngram):
            rows.append(i)
            cols.append(vocab.setdefault(g, len(vocab)))
    m = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(sents), len(vocab)))
    index = _ReuseIndex(sents, m, np.asarray(m.sum(axis=1)).ravel(), vocab)
    if len(_INDEX_CACHE) >= 4:
        _INDEX_CACHE.pop(next(iter(_INDEX_CACHE)))
    _INDEX_CACHE[key] = index
    return index


def text_reuse(target: Document, corpus: Corpus, *, threshold: float = 0.5, ngram: int = 3,
               min_chars: int = 20) -> TextReuse:
    """Sentences of the target found, exactly or nearly, in corpus speeches.

    Sentences are compared on their Chinese characters only (punctuation and
    width differences do not matter) as sets of character n-gram shingles; a pair
    matches when its Jaccard similarity is at least ``threshold``.

    Parameters
    ----------
    target : Document
    corpus : Corpus
        A document with the target's doc_id is left out.
    threshold : float
        Minimum Jaccard similarity, in (0, 1].
    ngram : int
        Shingle length in characters.
    min_chars : int
        Ignore sentences with fewer Chinese characters (short stock phrases).

    Returns
    -------
    TextReuse
    """
    if not isinstance(target, Document):
        raise InputError(f"target is a {type(target).__name__}; expected a Document")
    corpus = as_corpus(corpus, name="corpus")
    if not 0 < threshold <= 1:
        raise InputError(f"threshold={threshold!r}: expected a Jaccard similarity in (0, 1]")
    if not isinstance(ngram, int) or ngram < 1:
        raise InputError(f"ngram={ngram!r}: expected a whole number >= 1")
    docs = [d for d in corpus if d.doc_id != target.doc_id]
    tsent = _sentences(target, min_chars)
    index = _reuse_index(list(corpus), ngram, min_chars)  # the whole corpus: indexed once, reused per target
    csent = index.sents
    # target sentences over the corpus's shingles; shingles the corpus lacks still count in |A ∪ B|
    rows_, cols_ = [], []
    ta = np.zeros(len(tsent))
    for i, (*_, han) in enumerate(tsent):
        grams = _shingles(han, ngram)
        ta[i] = len(grams)
        for g in grams:
            k = index.vocab.get(g)
            if k is not None:
                rows_.append(i)
                cols_.append(k)
    tm_ = sp.csr_matrix((np.ones(len(rows_), dtype=np.float32), (rows_, cols_)),
                        shape=(len(tsent), len(index.vocab)))
    ca = index.sizes
    rows = []
    if len(tsent) and len(csent):
        inter = (tm_ @ index.matrix.T).tocoo()
        jac = inter.data / (ta[inter.row] + ca[inter.col] - inter.data)
        hit = jac >= threshold - 1e-12
        for i, j, jv in zip(inter.row[hit], inter.col[hit], jac[hit]):
            ts, _te, ttext, th = tsent[i]
            did, cs_, ctext, ch = csent[j]
            if did == target.doc_id:
                continue
            rows.append((target.doc_id, did, ttext, ctext, float(jv), th == ch, int(ts), int(cs_), i))
    matches = pd.DataFrame(rows, columns=["target_id", "source_id", "target_sentence", "source_sentence",
                                          "jaccard", "exact", "target_start", "source_start", "_i"])
    matches = matches.sort_values(["target_start", "jaccard", "source_id"], ascending=[True, False, True],
                                  kind="stable").reset_index(drop=True)
    n_chars = np.array([len(h) for *_, h in tsent], dtype=np.int64)
    total = int(n_chars.sum())
    ratio_rows = []
    for d in docs:
        m = matches[matches.source_id == d.doc_id]
        idx = sorted(set(m["_i"]))
        chars = int(n_chars[idx].sum()) if idx else 0
        ratio_rows.append((d.doc_id, len(m), chars, chars / total if total else 0.0))
    ratios = pd.DataFrame(ratio_rows, columns=["doc_id", "n_matches", "reused_chars", "reuse_ratio"])
    ratios = ratios.sort_values(["reuse_ratio", "doc_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
    best = matches.sort_values("jaccard", ascending=False, kind="stable").drop_duplicates("_i").set_index("_i")
    sentences = pd.DataFrame({
        "start": [s for s, *_ in tsent], "end": [e for _, e, *_ in tsent], "text": [t for _, _, t, _ in tsent],
        "n_chars": n_chars,
    })
    sentences["reused"] = sentences.index.isin(best.index)
    sentences["best_source"] = best["source_id"].reindex(sentences.index).to_numpy()
    sentences["best_jaccard"] = best["jaccard"].reindex(sentences.index).to_numpy()
    return TextReuse(matches.drop(columns="_i"), ratios, sentences)
