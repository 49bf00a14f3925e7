"""Topic models over a :class:`~textmine.dtm.Dtm`: NMF (on TF-IDF) or LDA (on counts), and topic comparisons.

:func:`fit_topics` returns a :class:`TopicModel` whose topics carry their top terms
and a label (the top three terms), with each document's topic shares and a
``transform`` for new documents; the model keeps the tokenizer of its Dtm, and new
texts are tokenized with it. Results are deterministic for a given ``random_state``.
On more than ``max_fit_docs`` documents (default 1,000) models are fitted on a stratified
sample (:func:`fit_sample`), so that the cost stops growing with the corpus.
:func:`choose_k` scores candidate numbers of topics by NPMI coherence computed on the
corpus itself. :func:`topic_comparison` sets a speech's topic shares against the
corpus and its same-area peers; :func:`section_topics` gives them section by section.
"""

from __future__ import annotations

import pickle
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Literal

import numpy as np
import pandas as pd

from ._deprecation import renamed_function, renamed_params
from ._docs import as_document
from .corpus import YEAR_UNKNOWN, Corpus, Document, year_label
from .dtm import Dtm, as_dtms
from .errors import InputError
from .tokenize import Tokenizer, resolve_tokenizer

__all__ = ["TopicModel", "fit_topics", "fit_sample", "choose_k", "npmi_coherence", "topic_trend",
           "topic_comparison", "theme_comparison"]

Method = Literal["nmf", "lda"]

MAX_FIT_DOCS = 1000
"""Default ``max_fit_docs`` of :func:`fit_topics` and :func:`choose_k`: larger Dtms are fitted on a sample."""

STRATA = ("year", "policy_area")
"""The metadata columns a sample is stratified by, those of them the Dtm has."""


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
        one column per topic label. A model fitted on a sample (``max_fit_docs``) gives
        every training document its shares by :meth:`transform`.
    labels_ : list of str
        Each topic's label: its top three terms joined by "·".
    tokenizer : Tokenizer or None
        The tokenizer of the Dtm the model was fitted on; :meth:`transform` tokenizes
        new texts with it.
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
    tokenizer: Tokenizer | None = field(default=None, repr=False)

    @renamed_params(n="n_terms")
    def top_terms(self, n_terms: int = 10) -> pd.DataFrame:
        """The top ``n_terms`` terms of each topic (k × n_terms rows): topic, label, rank, term, weight."""
        if isinstance(n_terms, bool) or not isinstance(n_terms, int) or n_terms < 1:
            raise InputError(f"n_terms={n_terms!r}: expected a whole number >= 1")
        rows = []
        for k in range(self.k):
            order = np.argsort(-self.components_[k], kind="stable")[:n_terms]
            for rank, j in enumerate(order, 1):
                rows.append((k, self.labels_[k], rank, self.vocab[j], float(self.components_[k, j])))
        return pd.DataFrame(rows, columns=["topic", "label", "rank", "term", "weight"])

    @renamed_params(n="n_terms")
    def topics(self, n_terms: int = 10) -> pd.DataFrame:
        """One row per topic: topic, label, share (mean over training documents), terms (top n_terms, joined)."""
        tt = self.top_terms(n_terms)
        terms = tt.groupby("topic")["term"].apply(lambda s: "、".join(s))
        share = self.doc_topics_.mean(axis=0).to_numpy()
        return pd.DataFrame({"topic": range(self.k), "label": self.labels_, "share": share,
                             "terms": terms.reindex(range(self.k)).to_numpy()})

    def transform(self, docs: Dtm | Document | Corpus | str, *, tokenizer: Tokenizer | None = None) -> pd.DataFrame:
        """Topic shares of new documents (rows sum to 1; all zero if no term is known).

        Texts are tokenized with the model's tokenizer; a Dtm or ``tokenizer`` made by
        another tokenizer raises InputError.
        """
        dtm = as_dtms({"docs": docs}, tokenizer=tokenizer, recorded={"model": self.tokenizer})["docs"]
        x = dtm.match(self.vocab).counts.astype(float)
        if self.method == "nmf":
            x = self._fitted("_tfidf").transform(x, copy=False)  # x is a float copy of its own: weighted in place
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", category=UserWarning)
            w = self._fitted("_model").transform(x)
        return _shares(w, dtm.docs.index, self.labels_)

    def _fitted(self, name: str) -> Any:
        """The scikit-learn estimator ``name``, unpickled on first use when the model was loaded from a pickle."""
        value = getattr(self, name)
        if isinstance(value, _Pickled):
            value = value.load()
            object.__setattr__(self, name, value)  # frozen: the field is only swapped for what it stood for
        return value

    def __getstate__(self) -> dict[str, Any]:
        # The estimators are pickled as bytes of their own, so that loading a stored model (the
        # report's cached analysis) does not import scikit-learn (over a second) until transform.
        state = dict(self.__dict__)
        for name in ("_model", "_tfidf"):
            if state[name] is not None and not isinstance(state[name], _Pickled):
                state[name] = _Pickled(pickle.dumps(state[name], protocol=pickle.HIGHEST_PROTOCOL))
        return state


@dataclass(frozen=True)
class _Pickled:
    """An object kept as its pickle until :meth:`load` is called."""

    data: bytes

    def load(self) -> Any:
        return pickle.loads(self.data)


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
        raise InputError(f"{name} has an empty vocabulary; perhaps the documents only contain stop words, "
                         "or trimming (min_df, max_df) left no term")
    return dtm


def fit_topics(dtm: Dtm, k: int, *, method: Method = "nmf", random_state: int = 0, max_iter: int = 400,
               n_label_terms: int = 3, max_fit_docs: int | None = MAX_FIT_DOCS) -> TopicModel:
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
    max_fit_docs : int or None
        On a Dtm of more documents than this, the model is fitted on a sample of
        ``max_fit_docs`` of them (see :func:`fit_sample`) and every document's topic shares
        come from the fitted model's ``transform``; TF-IDF weights are always those of the
        whole Dtm. None: always fit on every document. Default 1,000: fitting cost grows
        with the documents, and 1,000 are plenty for a dozen topics.

    Returns
    -------
    TopicModel
    """
    dtm = _check_dtm(dtm)
    if method not in ("nmf", "lda"):
        raise InputError(f"method={method!r}: expected 'nmf' or 'lda'")
    if dtm.n_docs < 2:
        raise InputError(f"dtm has {dtm.n_docs} document(s); a topic model needs at least 2")
    limit = min(dtm.n_docs, dtm.n_terms)  # NMF's nndsvda start needs k <= both
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 2 <= k <= limit:
        raise InputError(f"k={k!r}: expected a whole number from 2 to the number of documents ({dtm.n_docs})"
                         + (f" and of terms ({dtm.n_terms})" if dtm.n_terms < dtm.n_docs else ""))
    if isinstance(random_state, bool) or not isinstance(random_state, (int, np.integer)) \
            or not 0 <= random_state < 2**32:
        raise InputError(f"random_state={random_state!r}: expected an int from 0 to 2**32 - 1 "
                         "(results must be reproducible)")
    for name, value in (("max_iter", max_iter), ("n_label_terms", n_label_terms)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise InputError(f"{name}={value!r}: expected a whole number >= 1")
    rows = _sample_rows(dtm, max_fit_docs, [k])
    return _fit(dtm, int(k), method, random_state, max_iter, n_label_terms, _inputs(dtm, method), rows)


def _inputs(dtm: Dtm, method: str) -> tuple[Any, Any, Any]:
    """(counts as float, the fitted TfidfTransformer or None, the matrix the model is fitted on)."""
    from sklearn.feature_extraction.text import TfidfTransformer

    x = dtm.counts.astype(float)
    if method != "nmf":
        return x, None, x
    tfidf = TfidfTransformer(sublinear_tf=True).fit(x)
    return x, tfidf, tfidf.transform(x)


def _fit(dtm: Dtm, k: int, method: str, random_state: int, max_iter: int, n_label_terms: int,
         inputs: tuple[Any, Any, Any], rows: np.ndarray | None = None) -> TopicModel:
    """fit_topics once its arguments are checked; ``inputs`` from :func:`_inputs` (shared across k),
    ``rows`` the sample to fit on (None: every document)."""
    model, w = _fit_model(dtm, k, method, random_state, max_iter, inputs, rows)
    return _topic_model(dtm, k, method, random_state, n_label_terms, model, inputs, w)


def _fit_model(dtm: Dtm, k: int, method: str, random_state: int, max_iter: int, inputs: tuple[Any, Any, Any],
               rows: np.ndarray | None) -> tuple[Any, np.ndarray | None]:
    """The fitted scikit-learn model, and the documents' weights when it was fitted on all of them."""
    from sklearn.decomposition import NMF, LatentDirichletAllocation

    x, tfidf, fit_x = inputs
    if method == "nmf":
        model = NMF(n_components=int(k), init="nndsvda", random_state=random_state, max_iter=max_iter)
    else:
        model = LatentDirichletAllocation(n_components=int(k), random_state=random_state,
                                          max_iter=max(max_iter // 10, 1), learning_method="batch")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ConvergenceWarning on tiny inputs
            if rows is None:
                return model, model.fit_transform(fit_x)
            model.fit(fit_x[rows])
            return model, None
    except ValueError as err:  # the arguments are checked above; this names the input, not scikit-learn
        raise InputError(f"cannot fit {k} topics with {method} on {dtm.n_docs if rows is None else len(rows)} "
                         f"documents and {dtm.n_terms} terms; try fewer topics or a larger corpus") from err


def _components(model: Any) -> np.ndarray:
    comp = np.asarray(model.components_, dtype=float)
    return comp / np.where(comp.sum(axis=1, keepdims=True) > 0, comp.sum(axis=1, keepdims=True), 1)


def _topic_model(dtm: Dtm, k: int, method: str, random_state: int, n_label_terms: int, model: Any,
                 inputs: tuple[Any, Any, Any], w: np.ndarray | None) -> TopicModel:
    """The TopicModel of a fitted model; ``w`` None (fitted on a sample): every document's weights
    from the model's transform, as for new documents."""
    if w is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            w = model.transform(inputs[2])
    comp = _components(model)
    labels = []
    for row in comp:
        top = [dtm.vocab[j] for j in np.argsort(-row, kind="stable")[:n_label_terms]]
        labels.append("·".join(top))
    labels = _dedupe(labels)
    return TopicModel(method, int(k), int(random_state), dtm.vocab, comp, _shares(w, dtm.docs.index, labels),
                      labels, model, inputs[1], dtm.tokenizer)


def fit_sample(dtm: Dtm, size: int) -> np.ndarray:
    """A stratified, evenly spaced sample of ``size`` rows of ``dtm``: what a topic model is fitted on
    when the Dtm has more documents (and what the report's similarity yardstick and profiles use).

    Stratified by the metadata columns in :data:`STRATA` the Dtm has (a missing value is a
    stratum of its own): each stratum gets its share of ``size`` (largest remainders, ties
    to the stratum first met), taken evenly spaced in its document order. There is no random
    draw: the same Dtm gives the same sample.

    Parameters
    ----------
    dtm : Dtm
    size : int
        Documents in the sample, >= 1.

    Returns
    -------
    ndarray of int
        Row positions, ascending; all rows when ``size >= dtm.n_docs``.
    """
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 1:
        raise InputError(f"size={size!r}: expected a whole number >= 1")
    n = dtm.n_docs
    if size >= n:
        return np.arange(n)
    codes = np.zeros(n, dtype=np.int64)  # one code per stratum, numbered in order of first appearance
    for col in (c for c in STRATA if c in dtm.docs.columns):
        values, uniques = pd.factorize(dtm.docs[col], use_na_sentinel=False)  # missing: a value of its own
        codes = pd.factorize(codes * len(uniques) + values)[0]
    sizes = np.bincount(codes)
    quota = sizes * size / n
    take = np.floor(quota).astype(np.int64)
    rest = size - int(take.sum())
    take[np.argsort(-(quota - take), kind="stable")[:rest]] += 1  # largest remainders
    picked = []
    for g, m in enumerate(take):
        members = np.flatnonzero(codes == g)
        picked.append(members[np.floor((np.arange(m) + 0.5) * len(members) / m).astype(np.int64)] if m else
                      members[:0])
    return np.sort(np.concatenate(picked))


def _sample_rows(dtm: Dtm, max_fit_docs: Any, ks: Sequence[int]) -> np.ndarray | None:
    """The rows to fit on (None: all), once ``max_fit_docs`` is checked against the candidates."""
    if max_fit_docs is None:
        return None
    if isinstance(max_fit_docs, bool) or not isinstance(max_fit_docs, (int, np.integer)) or max_fit_docs < 2:
        raise InputError(f"max_fit_docs={max_fit_docs!r}: expected a whole number >= 2, or None to fit on "
                         "every document")
    if dtm.n_docs <= max_fit_docs:
        return None
    if max(ks) > max_fit_docs:
        raise InputError(f"k={max(ks)!r} exceeds max_fit_docs={max_fit_docs!r}, the documents a model is fitted on; "
                         "expected k <= max_fit_docs")
    return fit_sample(dtm, int(max_fit_docs))


def _dedupe(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for lab in labels:
        seen[lab] = seen.get(lab, 0) + 1
        out.append(lab if seen[lab] == 1 else f"{lab} ({seen[lab]})")
    return out


def npmi_coherence(terms: Sequence[str], dtm: Dtm) -> float:
    """Mean NPMI of all pairs of ``terms``, with document co-occurrence in ``dtm``.

    Each document is one window (Bouma 2009; the "c_npmi" of Röder et al. 2015 with a
    whole-document window): with N documents, P(a) = (documents containing a) / N and
    P(a, b) = (documents containing both) / N, and

        NPMI(a, b) = ln(P(a, b) / (P(a) P(b))) / −ln P(a, b),

    averaged over the unordered pairs of distinct terms. Two conventions settle the
    limits, following Bouma: a pair that never co-occurs (P(a, b) = 0) scores exactly
    −1, and a pair found together in every document (P(a, b) = 1) scores +1.
    gensim's ``CoherenceModel(coherence="c_npmi")`` instead adds ε = 1e-12 inside both
    logarithms, so there a never co-occurring pair scores ln(ε / (P(a) P(b))) / −ln ε
    (between −1 and 0, e.g. −0.83 when P(a) = P(b) = 0.1) and a pair present in every
    document scores −1; all other pairs agree with gensim to about 1e-12.

    Parameters
    ----------
    terms : sequence of str
        Typically a topic's top terms. Terms absent from the Dtm are ignored.
    dtm : Dtm
        Its documents are the windows in which co-occurrence is counted.

    Returns
    -------
    float
        The mean NPMI, in [−1, 1]; NaN when fewer than two terms are in the Dtm.
    """
    return _npmi([dtm._index[t] for t in terms if t in dtm._index], dtm.counts, dtm.n_docs)


def _npmi(idx: list[int], counts: Any, n: int, occ_all: Any = None) -> float:
    """npmi_coherence over column indices; ``occ_all`` is the binary occurrence matrix, if made already."""
    if len(idx) < 2:
        return float("nan")
    occ = occ_all[:, idx] if occ_all is not None else (counts[:, idx] > 0).astype(np.float64)
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
             coherence_dtm: Dtm | None = None, progress: bool = False, n_jobs: int = 1,
             max_fit_docs: int | None = MAX_FIT_DOCS) -> pd.DataFrame:
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
    n_jobs : int
        Worker processes fitting the candidates in parallel (joblib); -1 for one per core.
        Every k is fitted independently with the same seed, so the scores do not depend on it.
    max_fit_docs : int or None
        As in :func:`fit_topics`: on a Dtm of more documents than this, each k is fitted on
        the same sample of ``max_fit_docs`` documents (:func:`fit_sample`); the coherence of
        its top terms is still counted in every document of ``coherence_dtm``. None: fit on
        every document. The scores then follow the sample: on the 49 work reports copied
        100 times (4,901 documents with the speech), a 1,000-document sample scored k = 8..14
        within 0.023 of the full fits and chose k = 12 (0.569) where they chose 14 (0.591);
        the full fits themselves chose 13 on 10 copies, their scores moving by up to 0.016.
        Near-equal scores like these are within the spread of NMF's local optima.

    Returns
    -------
    DataFrame
        k, coherence (mean over topics), min_coherence, best (True for the highest coherence).
    """
    return _choose_k(dtm, ks, method=method, random_state=random_state, n_terms=n_terms,
                     coherence_dtm=coherence_dtm, progress=progress, n_jobs=n_jobs, max_fit_docs=max_fit_docs)[0]


class _Fitted(Mapping):
    """k → TopicModel; a model fitted on a sample becomes a TopicModel on first access, so the
    transform of every document is paid for the k a caller uses only."""

    def __init__(self, made: dict[int, Any]) -> None:
        self._made = made

    def __getitem__(self, k: int) -> TopicModel:
        m = self._made[k]
        if not isinstance(m, TopicModel):
            m = self._made[k] = m()
        return m

    def __iter__(self) -> Iterator[int]:
        return iter(self._made)

    def __len__(self) -> int:
        return len(self._made)


def _choose_k(dtm: Dtm, ks: Sequence[int], *, method: Method = "nmf", random_state: int = 0, n_terms: int = 10,
              coherence_dtm: Dtm | None = None, progress: bool = False, n_jobs: int = 1,
              max_fit_docs: int | None = MAX_FIT_DOCS) -> tuple[pd.DataFrame, Mapping[int, TopicModel]]:
    """:func:`choose_k`, and the model fitted for each k: ``fit_topics(dtm, k, method=method,
    random_state=random_state, max_fit_docs=max_fit_docs)`` exactly (the same inputs, sample, seed,
    max_iter and labels), so a caller that fits the chosen k next can take it from here instead."""
    dtm = _check_dtm(dtm)
    ks = list(ks)
    if not ks:
        raise InputError("ks is empty; expected candidate numbers of topics, e.g. range(4, 13)")
    ref = _check_dtm(coherence_dtm, "coherence_dtm") if coherence_dtm is not None else dtm
    resolve_tokenizer(recorded={"dtm": dtm.tokenizer, "coherence_dtm": ref.tokenizer}, default=False)
    for k in ks:  # checked before any fit
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 2 <= k <= max(dtm.n_docs, 2):
            raise InputError(f"k={k!r}: expected a whole number from 2 to the number of documents ({dtm.n_docs})")
    if method not in ("nmf", "lda"):
        raise InputError(f"method={method!r}: expected 'nmf' or 'lda'")
    if not isinstance(random_state, (int, np.integer)):
        raise InputError(f"random_state={random_state!r}: expected an int (results must be reproducible)")
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise InputError(f"n_jobs={n_jobs!r}: expected a whole number >= 1, or -1 for one per core")
    if isinstance(n_terms, bool) or not isinstance(n_terms, int) or n_terms < 1:
        raise InputError(f"n_terms={n_terms!r}: expected a whole number >= 1")
    sample = _sample_rows(dtm, max_fit_docs, ks)
    # the work shared by every k is done once: TF-IDF and the binary occurrence of terms in the windows
    inputs = _inputs(dtm, method)
    occ_all = (ref.counts > 0).astype(np.float64).tocsc()
    index = ref._index

    def score(k: int) -> tuple[int, float, float, Any]:
        model, w = _fit_model(dtm, int(k), method, random_state, 400, inputs, sample)
        if sample is None:  # fitted on every document: the TopicModel costs nothing more
            model = _topic_model(dtm, int(k), method, random_state, 3, model, inputs, w)
            comp = model.components_
        else:
            comp = _components(model)
        order = np.argsort(-comp, axis=1, kind="stable")[:, :n_terms]
        scores = [_npmi([index[t] for t in (dtm.vocab[j] for j in row) if t in index], ref.counts, ref.n_docs,
                        occ_all) for row in order]
        return int(k), float(np.nanmean(scores)), float(np.nanmin(scores)), model

    it = ks
    if progress:
        from tqdm.auto import tqdm

        it = tqdm(ks, desc="choose_k", unit="k")
    if n_jobs == 1 or len(ks) < 2:
        rows = [score(k) for k in it]
    else:
        from joblib import Parallel, delayed

        rows = Parallel(n_jobs=n_jobs)(delayed(score)(k) for k in it)
    out = pd.DataFrame([r[:3] for r in rows], columns=["k", "coherence", "min_coherence"])
    out["best"] = out["coherence"] == out["coherence"].max()
    return out, _Fitted({k: m if isinstance(m, TopicModel) else partial(
        _topic_model, dtm, k, method, random_state, 3, m, inputs, None) for k, _, _, m in rows})


def best_k(scores: pd.DataFrame) -> int:
    """The k of :func:`choose_k`'s table with the highest mean coherence (the first of equals)."""
    return int(scores.loc[scores["coherence"].idxmax(), "k"])


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


# ----------------------------------------------------------------------------- topic comparisons

def check_model(model: Any) -> TopicModel:
    if not isinstance(model, TopicModel):
        raise InputError(f"model is a {type(model).__name__}; expected a TopicModel from fit_topics()")
    return model


@renamed_params(corpus="reference")
def topic_comparison(target: Document | str | Dtm, reference: Corpus | Dtm, model: TopicModel, *,
                     tokenizer: Tokenizer | None = None, area_column: str = "policy_area",
                     area: str | None = None) -> pd.DataFrame:
    """The target's topic shares against the reference mean and the mean of same-area peers.

    Parameters
    ----------
    target : Document, str or one-document Dtm
    reference : Corpus, list of Documents, or Dtm
        A document with the target's doc_id is left out.
    model : TopicModel
        Fitted on the reference (or the reference plus the target). Texts are tokenized
        with its tokenizer.
    tokenizer : Tokenizer, optional
        Must be the model's and the Dtms' tokenizer if given.
    area_column : str
        The metadata column that names the policy area.
    area : str, optional
        The target's area (default: the target's own metadata, e.g. 禁毒).

    Returns
    -------
    DataFrame
        topic, label, target, corpus_mean, peers_mean, n_peers, diff_corpus, diff_peers,
        sorted by the target's share (``corpus_mean`` is the mean over the reference;
        ``peers_mean`` over its documents of the target's area).
    """
    check_model(model)
    sides = as_dtms({"target": target, "reference": reference}, tokenizer=tokenizer,
                    recorded={"model": model.tokenizer})
    t, c = sides["target"], sides["reference"]
    if t.n_docs != 1:
        raise InputError(f"target has {t.n_docs} documents; expected exactly one")
    if c.n_docs == 0:
        raise InputError("reference is empty; expected at least one document")
    c = c.drop_docs(t.doc_ids) if set(t.doc_ids) & set(c.doc_ids) else c
    if c.n_docs == 0:
        raise InputError("reference holds only the target; expected other documents to compare with")
    if area is None and area_column in t.docs.columns:
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
    return out.sort_values(["target", "topic"], ascending=[False, True], kind="stable").reset_index(drop=True)


theme_comparison = renamed_function("theme_comparison", topic_comparison)
