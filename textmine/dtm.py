"""The document-term matrix: sparse counts, their vocabulary and the documents' metadata.

A :class:`Dtm` is built once from cached tokens (:meth:`Dtm.from_corpus`) with
scikit-learn's ``CountVectorizer`` over pre-tokenized documents, and every
operation returns a new Dtm (``trim``, ``match``, ``group``, ``select``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ._docs import TEXTS, as_corpus
from .corpus import Corpus, Document
from .errors import InputError
from .tokenize import Tokenizer, resolve_tokenizer

__all__ = ["Dtm", "as_corpus", "as_dtm", "as_dtms"]


def _identity(x: Any) -> Any:
    return x


@dataclass(frozen=True, eq=False)
class Dtm:
    """A document-term matrix.

    Parameters
    ----------
    counts : scipy.sparse.csr_matrix, shape (n_docs, n_terms)
        Term counts.
    vocab : sequence of str
        The terms, one per column.
    docs : pandas.DataFrame
        One row per document, indexed by doc_id (metadata columns such as title,
        policy_area, year).
    tokenizer : Tokenizer, optional
        The tokenizer that made the counts (set by :meth:`from_corpus`; None when the
        tokens came from elsewhere). Every transform keeps it, and analyses that compare
        this Dtm with texts tokenize the texts with it.
    """

    counts: sp.csr_matrix
    vocab: tuple[str, ...]
    docs: pd.DataFrame
    tokenizer: Tokenizer | None = None
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        counts = sp.csr_matrix(self.counts, dtype=np.int64)
        vocab = tuple(self.vocab)
        if counts.shape != (len(self.docs), len(vocab)):
            raise InputError(
                f"counts has shape {counts.shape}; expected (len(docs), len(vocab)) = "
                f"({len(self.docs)}, {len(vocab)})")
        if len(set(vocab)) != len(vocab):
            raise InputError("vocab has repeated terms; expected unique terms")
        if self.tokenizer is not None and not isinstance(self.tokenizer, Tokenizer):
            raise InputError(f"tokenizer is a {type(self.tokenizer).__name__}; expected a textmine Tokenizer or None")
        object.__setattr__(self, "counts", counts)
        object.__setattr__(self, "vocab", vocab)
        object.__setattr__(self, "_index", {t: i for i, t in enumerate(vocab)})

    # -- construction ------------------------------------------------------------------------

    @classmethod
    def from_tokens(cls, tokens: Sequence[Sequence[str]] | Iterable[Sequence[str]],
                    docs: pd.DataFrame | Sequence[str] | None = None, *,
                    ngram_range: tuple[int, int] = (1, 1), vocabulary: Iterable[str] | None = None,
                    tokenizer: Tokenizer | None = None) -> "Dtm":
        """Count pre-tokenized documents.

        Parameters
        ----------
        tokens : sequence or iterable of sequence of str
            One token list per document. An iterator (e.g. :meth:`~textmine.Tokenizer.iter_tokens`)
            is consumed one list at a time: only the counts are kept, never every
            document's tokens at once.
        docs : DataFrame or sequence of str, optional
            Document metadata indexed by doc_id, or just the doc ids (default 0..n-1).
        ngram_range : (int, int)
            Also count adjacent-token phrases; an n-gram's tokens are joined by a space.
        vocabulary : iterable of str, optional
            Count only these terms, in this column order.
        tokenizer : Tokenizer, optional
            The tokenizer that made ``tokens``, recorded as :attr:`tokenizer`.

        Notes
        -----
        The columns are the terms in sorted order, the same matrix (down to the order of
        the stored entries) as scikit-learn's ``CountVectorizer`` gives.
        """
        if isinstance(tokens, (str, bytes)) or not isinstance(tokens, Iterable):
            raise InputError(f"tokens is a {type(tokens).__name__}; expected a list of token lists")
        lo, hi = ngram_range
        if not (isinstance(lo, int) and isinstance(hi, int) and 1 <= lo <= hi):
            raise InputError(f"ngram_range={ngram_range!r}: expected (min_n, max_n) with 1 <= min_n <= max_n")
        if ngram_range == (1, 1) and vocabulary is None:
            counts, vocab, n = _count_unigrams(tokens)
        else:
            tokens = tokens if isinstance(tokens, Sequence) else list(tokens)
            counts, vocab, n = _count_vectorizer(tokens, ngram_range, vocabulary)
        if docs is None:
            frame = pd.DataFrame(index=pd.Index([str(i) for i in range(n)], name="doc_id"))
        elif isinstance(docs, pd.DataFrame):
            frame = docs
        else:
            frame = pd.DataFrame(index=pd.Index([str(d) for d in docs], name="doc_id"))
        if len(frame) != n:
            raise InputError(f"docs has {len(frame)} rows but tokens has {n} documents")
        return cls(counts, vocab, frame, tokenizer)

    @classmethod
    def from_corpus(cls, corpus: Corpus | Document | str | Sequence[Document | str], *,
                    tokenizer: Tokenizer | None = None, ngram_range: tuple[int, int] = (1, 1),
                    progress: bool = False) -> "Dtm":
        """Tokenize a corpus (through the token cache) and count it.

        Parameters
        ----------
        corpus : Corpus, Document, str or list of them
        tokenizer : Tokenizer, optional
            Default: ``Tokenizer()``. Recorded as the Dtm's :attr:`tokenizer`.
        ngram_range : (int, int)
        progress : bool
            Show a progress bar while tokenizing.
        """
        corpus = as_corpus(corpus)
        tok = resolve_tokenizer(tokenizer)
        tokens = tok.iter_tokens(corpus, progress=progress)  # streamed: one document's tokens alive at a time
        return cls.from_tokens(tokens, _docs_frame(corpus), ngram_range=ngram_range, tokenizer=tok)

    # -- basic properties ----------------------------------------------------------------------

    @property
    def shape(self) -> tuple[int, int]:
        return self.counts.shape

    @property
    def n_docs(self) -> int:
        return self.counts.shape[0]

    @property
    def n_terms(self) -> int:
        return self.counts.shape[1]

    @property
    def doc_ids(self) -> list[str]:
        return [str(i) for i in self.docs.index]

    def __len__(self) -> int:
        return self.n_docs

    def __repr__(self) -> str:
        return f"Dtm({self.n_docs} documents × {self.n_terms} terms, {int(self.counts.sum())} tokens)"

    def term_counts(self) -> pd.Series:
        """Total count of each term over all documents, descending."""
        s = pd.Series(np.asarray(self.counts.sum(axis=0)).ravel(), index=pd.Index(self.vocab, name="term"),
                      name="count")
        return s.sort_values(ascending=False, kind="stable")

    def doc_freq(self) -> pd.Series:
        """Number of documents each term occurs in (vocabulary order)."""
        return pd.Series(np.asarray((self.counts > 0).sum(axis=0)).ravel(), index=pd.Index(self.vocab, name="term"),
                         name="doc_freq")

    def doc_lengths(self) -> pd.Series:
        """Tokens per document."""
        return pd.Series(np.asarray(self.counts.sum(axis=1)).ravel(), index=self.docs.index, name="tokens")

    def to_frame(self) -> pd.DataFrame:
        """A dense documents × terms DataFrame (for small matrices)."""
        return pd.DataFrame(self.counts.toarray(), index=self.docs.index, columns=pd.Index(self.vocab, name="term"))

    def top_terms(self, n: int = 20) -> pd.DataFrame:
        """The n most frequent terms: term, count, per_10k, doc_freq."""
        if not isinstance(n, int) or n < 1:
            raise InputError(f"n={n!r}: expected a whole number >= 1")
        tc = self.term_counts()
        total = max(int(tc.sum()), 1)
        df = self.doc_freq()
        top = tc.head(n)
        return pd.DataFrame({"term": top.index, "count": top.to_numpy(),
                             "per_10k": top.to_numpy() / total * 1e4,
                             "doc_freq": df.loc[top.index].to_numpy()})

    # -- transforms (each returns a Dtm) --------------------------------------------------------------

    def trim(self, *, min_df: int | float = 1, max_df: int | float = 1.0, min_count: int = 1) -> "Dtm":
        """Drop terms by document frequency and total count.

        Parameters
        ----------
        min_df, max_df : int or float
            An int is a number of documents, a float a proportion of them.
        min_count : int
            Minimum total count.
        """
        n = max(self.n_docs, 1)

        def bound(v: int | float, name: str) -> float:
            if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
                raise InputError(f"{name}={v!r}: expected a count (int) or a proportion (float in [0, 1])")
            if isinstance(v, float):
                if v > 1:
                    raise InputError(f"{name}={v!r}: a float is a proportion and must be in [0, 1]")
                return v * n
            return float(v)

        lo, hi = bound(min_df, "min_df"), bound(max_df, "max_df")
        df = self.doc_freq().to_numpy()
        tc = np.asarray(self.counts.sum(axis=0)).ravel()
        keep = (df >= lo) & (df <= hi) & (tc >= min_count)
        return self._take_terms(np.flatnonzero(keep))

    def _take_terms(self, cols: np.ndarray) -> "Dtm":
        return Dtm(self.counts[:, cols], tuple(self.vocab[i] for i in cols), self.docs, self.tokenizer)

    def match(self, vocab: Sequence[str] | "Dtm") -> "Dtm":
        """Align the columns to another vocabulary: same terms, same order; absent terms count 0.

        A Dtm's vocabulary must come from the same tokenizer (when both record one).
        """
        if isinstance(vocab, Dtm):
            resolve_tokenizer(recorded={"this Dtm": self.tokenizer, "vocab": vocab.tokenizer}, default=False)
        target = vocab.vocab if isinstance(vocab, Dtm) else tuple(vocab)
        src = [self._index.get(t, -1) for t in target]
        src_arr = np.array(src, dtype=np.int64)
        present = np.flatnonzero(src_arr >= 0)
        # a selection matrix: (n_terms_self × n_target) with ones where self's term maps to target's
        sel = sp.csr_matrix((np.ones(len(present), dtype=np.int64), (src_arr[present], present)),
                            shape=(self.n_terms, len(target)))
        return Dtm((self.counts @ sel).tocsr(), target, self.docs, self.tokenizer)

    def group(self, by: str | Sequence[Any] | pd.Series) -> "Dtm":
        """Sum the rows by a metadata column (or by given labels); one row per group, sorted."""
        if isinstance(by, str):
            if by not in self.docs.columns:
                raise InputError(f"by={by!r} is not a metadata column; columns are {list(self.docs.columns)}")
            labels = self.docs[by].to_numpy()
            name = by
        else:
            labels = np.asarray(list(by))
            name = getattr(by, "name", None) or "group"
            if len(labels) != self.n_docs:
                raise InputError(f"by has {len(labels)} labels; expected one per document ({self.n_docs})")
        keys = pd.Index(pd.unique(pd.Series(labels).astype(str))).sort_values()
        code = {k: i for i, k in enumerate(keys)}
        rows = np.array([code[str(v)] for v in labels], dtype=np.int64)
        agg = sp.csr_matrix((np.ones(self.n_docs, dtype=np.int64), (rows, np.arange(self.n_docs))),
                            shape=(len(keys), self.n_docs))
        docs = pd.DataFrame({"n_docs": np.bincount(rows, minlength=len(keys))}, index=pd.Index(keys, name=name))
        return Dtm((agg @ self.counts).tocsr(), self.vocab, docs, self.tokenizer)

    def select(self, docs: Sequence[str] | Sequence[bool] | np.ndarray | pd.Series) -> "Dtm":
        """Keep some documents: by doc ids or a boolean mask."""
        arr = np.asarray(docs)
        if arr.dtype == bool:
            if len(arr) != self.n_docs:
                raise InputError(f"mask has {len(arr)} values; expected {self.n_docs}")
            rows = np.flatnonzero(arr)
        else:
            pos = {d: i for i, d in enumerate(self.doc_ids)}
            missing = [d for d in arr.tolist() if str(d) not in pos]
            if missing:
                raise InputError(f"unknown doc ids {missing[:5]}; expected ids of this Dtm")
            rows = np.array([pos[str(d)] for d in arr.tolist()], dtype=np.int64)
        return Dtm(self.counts[rows], self.vocab, self.docs.iloc[rows], self.tokenizer)

    def drop_docs(self, doc_ids: Iterable[str]) -> "Dtm":
        """All documents but these."""
        ids = {str(d) for d in doc_ids}
        return self.select(np.array([d not in ids for d in self.doc_ids], dtype=bool))

    def append(self, other: "Dtm") -> "Dtm":
        """Stack another Dtm's documents below these, over the union of the vocabularies.

        Both must come from the same tokenizer (when both record one).
        """
        if not isinstance(other, Dtm):
            raise InputError(f"other is a {type(other).__name__}; expected a Dtm")
        tok = resolve_tokenizer(recorded={"this Dtm": self.tokenizer, "other": other.tokenizer}, default=False)
        vocab = list(self.vocab) + [t for t in other.vocab if t not in self._index]
        a, b = self.match(vocab), other.match(vocab)
        docs = pd.concat([self.docs, other.docs])
        if docs.index.has_duplicates:
            raise InputError(f"documents {sorted(set(docs.index[docs.index.duplicated()]))[:5]} are in both Dtms")
        return Dtm(sp.vstack([a.counts, b.counts]).tocsr(), tuple(vocab), docs, tok)

    def total(self) -> "Dtm":
        """All documents summed into one row."""
        return self.group(["all"] * self.n_docs)


def _count_vectorizer(tokens: Sequence[Sequence[str]], ngram_range: tuple[int, int],
                      vocabulary: Iterable[str] | None) -> tuple[sp.csr_matrix, tuple[str, ...], int]:
    from sklearn.feature_extraction.text import CountVectorizer

    vec = CountVectorizer(tokenizer=_identity, preprocessor=_identity, lowercase=False, token_pattern=None,
                          ngram_range=ngram_range, vocabulary=None if vocabulary is None else list(vocabulary),
                          dtype=np.int64)
    if vocabulary is None and not any(len(t) for t in tokens):
        return sp.csr_matrix((len(tokens), 0), dtype=np.int64), (), len(tokens)
    counts = vec.fit_transform([list(t) for t in tokens])
    return counts.tocsr(), tuple(vec.get_feature_names_out().tolist()), len(tokens)


def _count_unigrams(tokens: Iterable[Sequence[str]]) -> tuple[sp.csr_matrix, tuple[str, ...], int]:
    """Count token lists taken one at a time into flat arrays: CountVectorizer's matrix, less memory.

    Like ``CountVectorizer`` a term's first-seen number is its column until the end, when
    the columns are renumbered in sorted-term order; the stored entries are then in the
    same order as CountVectorizer's (each row sorted by first-seen number), so everything
    downstream sums in the same order and gives the same floats.
    """
    from array import array
    from collections import Counter
    from operator import itemgetter

    index: dict[str, int] = {}  # term → first-seen number
    cols, values, indptr = array("q"), array("q"), array("q", [0])
    for doc in tokens:
        if isinstance(doc, (str, bytes)):
            raise InputError(f"tokens[{len(indptr) - 1}] is a {type(doc).__name__}; expected a list of tokens")
        counter = Counter(doc)  # C-level counting; keys in first-occurrence order
        if not counter.keys() <= index.keys():  # a set test in C: most documents bring few new terms
            new = [t for t in counter if t not in index]
            index.update(zip(new, range(len(index), len(index) + len(new))))
        if len(counter) > 1:
            cols.extend(itemgetter(*counter)(index))
        else:
            cols.extend(index[t] for t in counter)
        values.extend(counter.values())
        indptr.append(len(cols))
    n = len(indptr) - 1
    if not index:
        return sp.csr_matrix((n, 0), dtype=np.int64), (), n
    idx_dtype = np.int64 if len(cols) > np.iinfo(np.int32).max else np.int32  # as CountVectorizer
    X = sp.csr_matrix((np.frombuffer(values, dtype=np.int64), np.frombuffer(cols, dtype=np.int64).astype(idx_dtype),
                       np.frombuffer(indptr, dtype=np.int64).astype(idx_dtype)), shape=(n, len(index)),
                      dtype=np.int64)
    X.sort_indices()
    vocab = sorted(index)
    renumber = np.empty(len(vocab), dtype=X.indices.dtype)
    renumber[np.fromiter(map(index.__getitem__, vocab), dtype=np.int64, count=len(vocab))] = np.arange(len(vocab))
    X.indices = renumber.take(X.indices, mode="clip")
    return X, tuple(vocab), n


def _docs_frame(corpus: Corpus) -> pd.DataFrame:
    rows = []
    for d in corpus:
        row = {"title": d.title}
        row.update({k: v for k, v in d.meta.items() if k not in ("doc_id", "title", "text", "id", "file", "encoding")})
        rows.append(row)
    frame = pd.DataFrame(rows, index=pd.Index(corpus.ids, name="doc_id"))
    if "title" not in frame.columns:
        frame["title"] = []
    return frame


DTM_OR_TEXTS = "a Dtm, " + TEXTS


def as_dtm(obj: Any, *, name: str, tokenizer: Tokenizer | None = None) -> Dtm:
    """A Dtm as is, or texts (see :func:`~textmine._docs.as_corpus`) counted with ``tokenizer``.

    Prefer :func:`as_dtms` when an analysis takes two sides: it makes them agree on the tokenizer.
    """
    return as_dtms({name: obj}, tokenizer=tokenizer)[name]


def as_dtms(sides: Mapping[str, Any], *, tokenizer: Tokenizer | None = None,
            recorded: Mapping[str, Tokenizer | None] | None = None) -> dict[str, Dtm]:
    """Count every side of a comparison with one tokenizer.

    A side that is a Dtm is taken as is; the text sides are tokenized with ``tokenizer``,
    else with the tokenizer the Dtm sides (or ``recorded``, e.g. a topic model) were
    built with, else with ``Tokenizer()``.

    Parameters
    ----------
    sides : mapping of str to Dtm or texts
        Argument name → a Dtm or texts (a str, Document, Corpus or list of them).
    tokenizer : Tokenizer, optional
        What the caller passed as ``tokenizer=``.
    recorded : mapping of str to Tokenizer, optional
        Other tokenizers the sides must agree with, by argument name (``{"model": model.tokenizer}``).

    Returns
    -------
    dict of str to Dtm, in the order given

    Raises
    ------
    InputError
        When a side is not a Dtm nor texts, or is empty, or when ``tokenizer`` and the
        recorded tokenizers are not all the same (the message names both fingerprints).
    """
    known = dict(recorded or {})
    known.update((name, obj.tokenizer) for name, obj in sides.items() if isinstance(obj, Dtm))
    texts = {name: as_corpus(obj, name=name, allow_empty=False, expected=DTM_OR_TEXTS)
             for name, obj in sides.items() if not isinstance(obj, Dtm)}
    tok = resolve_tokenizer(tokenizer, recorded=known, default=bool(texts))
    return {name: obj if isinstance(obj, Dtm) else Dtm.from_corpus(texts[name], tokenizer=tok)
            for name, obj in sides.items()}
