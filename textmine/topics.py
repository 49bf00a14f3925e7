"""Topic models over a :class:`~textmine.dtm.Dtm`: NMF (on TF-IDF) or LDA (on counts).

:func:`fit_topics` returns a :class:`TopicModel` whose topics carry their top terms
and a label (the top three terms), with each document's topic shares and a
``transform`` for new documents. Results are deterministic for a given
``random_state``. :func:`choose_k` scores candidate numbers of topics by NPMI
coherence computed on the corpus itself.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from .corpus import YEAR_UNKNOWN, Corpus, Document, year_label
from .dtm import Dtm
from .errors import InputError
from .tokenize import Tokenizer

__all__ = ["TopicModel", "fit_topics", "choose_k", "npmi_coherence", "topic_trend"]

Method = Literal["nmf", "lda"]


@dataclass(frozen=True, eq=False)
class TopicModel:
    """A fitted topic model.

    Attributes
    ----------
    method : {"nmf", "lda"}
    k : int
    vocab : tuple of str
    components_ : ndarray, shape (k, n_terms)
        Term weights of each topic (rows sum to 1).
    doc_topics_ : DataFrame
        Topic shares of each training document (rows sum to 1), indexed by doc_id,
        one column per topic label.
    labels_ : list of str
        Each topic's label: its top three terms joined by "·".
    """

    method: str
    k: int
    random_state: int
    vocab: tuple[str, ...]
    components_: np.ndarray
    doc_topics_: pd.DataFrame
    labels_: list[str]
    _model: Any = field(repr=False)
    _tfidf: Any = field(repr=False)

    def top_terms(self, n: int = 10) -> pd.DataFrame:
        """Top ``n`` terms of each topic: topic, label, rank, term, weight."""
        if not isinstance(n, int) or n < 1:
            raise InputError(f"n={n!r}: expected a whole number >= 1")
        rows = []
        for k in range(self.k):
            order = np.argsort(-self.components_[k], kind="stable")[:n]
            for rank, j in enumerate(order, 1):
                rows.append((k, self.labels_[k], rank, self.vocab[j], float(self.components_[k, j])))
        return pd.DataFrame(rows, columns=["topic", "label", "rank", "term", "weight"])

    def topics(self, n: int = 10) -> pd.DataFrame:
        """One row per topic: topic, label, share (mean over training documents), terms (top n, joined)."""
        tt = self.top_terms(n)
        terms = tt.groupby("topic")["term"].apply(lambda s: "、".join(s))
        share = self.doc_topics_.mean(axis=0).to_numpy()
        return pd.DataFrame({"topic": range(self.k), "label": self.labels_, "share": share,
                             "terms": terms.reindex(range(self.k)).to_numpy()})

    def transform(self, docs: Dtm | Document | Corpus, *, tokenizer: Tokenizer | None = None) -> pd.DataFrame:
        """Topic shares of new documents (rows sum to 1; all zero if no term is known)."""
        dtm = docs if isinstance(docs, Dtm) else Dtm.from_corpus(docs, tokenizer=tokenizer)
        x = dtm.match(self.vocab).counts.astype(float)
        if self.method == "nmf":
            x = self._tfidf.transform(x)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", category=UserWarning)
            w = self._model.transform(x)
        return _shares(w, dtm.docs.index, self.labels_)


def _shares(w: np.ndarray, index: pd.Index, labels: list[str]) -> pd.DataFrame:
    w = np.asarray(w, dtype=float)
    tot = w.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(tot > 0, w / np.where(tot > 0, tot, 1), 0.0)
    return pd.DataFrame(shares, index=index, columns=pd.Index(labels, name="topic"))


def _check_dtm(dtm: Any, name: str = "dtm") -> Dtm:
    if not isinstance(dtm, Dtm):
        raise InputError(f"{name} is a {type(dtm).__name__}; expected a Dtm (use Dtm.from_corpus)")
    if dtm.n_terms == 0 or dtm.counts.sum() == 0:
        raise InputError(f"{name} has an empty vocabulary; perhaps the documents only contain stop words")
    return dtm


def fit_topics(dtm: Dtm, k: int, *, method: Method = "nmf", random_state: int = 0, max_iter: int = 400,
               n_label_terms: int = 3) -> TopicModel:
    """Fit a topic model.

    Parameters
    ----------
    dtm : Dtm
        Counts (trim rare and ubiquitous terms first for better topics).
    k : int
        Number of topics, 2 <= k <= number of documents.
    method : {"nmf", "lda"}
        NMF on TF-IDF rows (sharper topics on small corpora) or LDA on counts.
    random_state : int
        Seed; the same seed gives the same model.
    max_iter : int
    n_label_terms : int
        Terms in each topic's label.

    Returns
    -------
    TopicModel
    """
    from sklearn.decomposition import NMF, LatentDirichletAllocation
    from sklearn.feature_extraction.text import TfidfTransformer

    dtm = _check_dtm(dtm)
    if method not in ("nmf", "lda"):
        raise InputError(f"method={method!r}: expected 'nmf' or 'lda'")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 2 <= k <= max(dtm.n_docs, 2):
        raise InputError(f"k={k!r}: expected a whole number from 2 to the number of documents ({dtm.n_docs})")
    if not isinstance(random_state, (int, np.integer)):
        raise InputError(f"random_state={random_state!r}: expected an int (results must be reproducible)")
    x = dtm.counts.astype(float)
    tfidf = None
    if method == "nmf":
        tfidf = TfidfTransformer(sublinear_tf=True).fit(x)
        model = NMF(n_components=int(k), init="nndsvda", random_state=random_state, max_iter=max_iter)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ConvergenceWarning on tiny inputs
            w = model.fit_transform(tfidf.transform(x))
    else:
        model = LatentDirichletAllocation(n_components=int(k), random_state=random_state, max_iter=max_iter // 10,
                                          learning_method="batch")
        w = model.fit_transform(x)
    comp = np.asarray(model.components_, dtype=float)
    comp = comp / np.where(comp.sum(axis=1, keepdims=True) > 0, comp.sum(axis=1, keepdims=True), 1)
    labels = []
    for row in comp:
        top = [dtm.vocab[j] for j in np.argsort(-row, kind="stable")[:n_label_terms]]
        labels.append("·".join(top))
    labels = _dedupe(labels)
    return TopicModel(method, int(k), int(random_state), dtm.vocab, comp, _shares(w, dtm.docs.index, labels),
                      labels, model, tfidf)


def _dedupe(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for lab in labels:
        seen[lab] = seen.get(lab, 0) + 1
        out.append(lab if seen[lab] == 1 else f"{lab} ({seen[lab]})")
    return out


def npmi_coherence(terms: Sequence[str], dtm: Dtm) -> float:
    """Mean NPMI of all pairs of ``terms``, with document co-occurrence in ``dtm``.

    NPMI(a, b) = log(P(a,b) / (P(a)P(b))) / -log P(a,b), and -1 when a and b never
    co-occur. Terms absent from the Dtm are ignored.
    """
    idx = [dtm._index[t] for t in terms if t in dtm._index]
    if len(idx) < 2:
        return float("nan")
    occ = (dtm.counts[:, idx] > 0).astype(np.float64)
    n = dtm.n_docs
    joint = np.asarray((occ.T @ occ).todense()) / n
    p = np.diag(joint).copy()
    vals = []
    for i in range(len(idx)):
        for j in range(i + 1, len(idx)):
            pij = joint[i, j]
            if pij <= 0:
                vals.append(-1.0)
            elif pij >= 1:
                vals.append(1.0 if p[i] * p[j] >= 1 else 0.0)
            else:
                vals.append(float(np.log(pij / (p[i] * p[j])) / -np.log(pij)))
    return float(np.mean(vals))


def choose_k(dtm: Dtm, ks: Sequence[int], *, method: Method = "nmf", random_state: int = 0, n_terms: int = 10,
             coherence_dtm: Dtm | None = None, progress: bool = False) -> pd.DataFrame:
    """Score numbers of topics by NPMI coherence.

    Parameters
    ----------
    dtm : Dtm
    ks : sequence of int
    method, random_state : as in :func:`fit_topics`
    n_terms : int
        Top terms per topic used for coherence.
    coherence_dtm : Dtm, optional
        Where co-occurrence is counted (default: ``dtm`` itself, i.e. documents as windows;
        a paragraph-level Dtm gives finer windows).
    progress : bool

    Returns
    -------
    DataFrame
        k, coherence (mean over topics), min_coherence, best (True for the highest coherence).
    """
    dtm = _check_dtm(dtm)
    ks = list(ks)
    if not ks:
        raise InputError("ks is empty; expected candidate numbers of topics, e.g. range(4, 13)")
    ref = coherence_dtm if coherence_dtm is not None else dtm
    rows = []
    it = ks
    if progress:
        from tqdm.auto import tqdm

        it = tqdm(ks, desc="choose_k", unit="k")
    for k in it:
        model = fit_topics(dtm, k, method=method, random_state=random_state)
        tt = model.top_terms(n_terms)
        scores = [npmi_coherence(g["term"].tolist(), ref) for _, g in tt.groupby("topic")]
        rows.append((int(k), float(np.nanmean(scores)), float(np.nanmin(scores))))
    out = pd.DataFrame(rows, columns=["k", "coherence", "min_coherence"])
    out["best"] = out["coherence"] == out["coherence"].max()
    return out


def topic_trend(model: TopicModel, dtm: Dtm, *, by: str = "year") -> pd.DataFrame:
    """Mean topic shares of the training documents grouped by a metadata column (e.g. year).

    Returns
    -------
    DataFrame
        Indexed by the groups (sorted), one column per topic label. Grouped by ``year``,
        documents without a year are the last group, ``年份不详`` (YEAR_UNKNOWN).
    """
    if not isinstance(model, TopicModel):
        raise InputError(f"model is a {type(model).__name__}; expected a TopicModel")
    if by not in dtm.docs.columns:
        raise InputError(f"by={by!r} is not a metadata column; columns are {list(dtm.docs.columns)}")
    shares = model.doc_topics_
    if not shares.index.isin(dtm.docs.index).all():
        raise InputError("dtm's documents are not the model's training documents; expected the Dtm it was fit on")
    keys = dtm.docs[by].reindex(shares.index)
    if by == "year":  # one coercion for years; missing years are a group of their own, last
        labels = keys.map(year_label)
        known = sorted({y for y in labels if y != YEAR_UNKNOWN})
        order = known + ([YEAR_UNKNOWN] if (labels == YEAR_UNKNOWN).any() else [])
        out = shares.groupby(labels.to_numpy()).mean().reindex(order)
    else:
        out = shares.groupby(keys.to_numpy()).mean().sort_index()
    out.index.name = by
    return out
