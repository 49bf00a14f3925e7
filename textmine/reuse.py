"""Text reuse: sentences of a speech found, exactly or nearly, in other speeches.

Sentences are compared on their Chinese characters only (punctuation and width
differences do not matter), as sets of character n-gram shingles. A :class:`ReuseIndex`
holds the shingles of a reference corpus's sentences; build it once and query it with
many speeches. Given a corpus, :func:`text_reuse` builds no index: it reads the corpus
one document at a time against the one target (the same result, in memory linear in
one document and the matches).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import FrozenInstanceError, dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ._deprecation import renamed_params
from ._docs import as_corpus, as_document
from ._text import HAN as _HAN
from .corpus import Corpus, Document
from .errors import InputError
from .structure import sentence_spans

__all__ = ["text_reuse", "TextReuse", "ReuseIndex"]

_NGRAM, _MIN_CHARS = 3, 20


@dataclass(frozen=True)
class TextReuse:
    """The result of :func:`text_reuse`.

    Attributes
    ----------
    matches : DataFrame
        One row per (target sentence, reference sentence) match: target_id, source_id,
        target_sentence, source_sentence, jaccard, exact, target_start, source_start.
    ratios : DataFrame
        One row per reference document: doc_id, n_matches, reused_chars, reuse_ratio (share
        of the target's sentence characters found in that document), sorted by reuse_ratio.
    sentences : DataFrame
        Each target sentence considered: start, end, text, n_chars, reused (bool), best_source,
        best_jaccard. Rows with reused == False are the target's original passages.
    """

    matches: pd.DataFrame
    ratios: pd.DataFrame
    sentences: pd.DataFrame

    @property
    def reuse_ratio(self) -> float:
        """Share of the target's sentence characters found in any reference document."""
        s = self.sentences
        total = s["n_chars"].sum()
        return float(s.loc[s["reused"], "n_chars"].sum() / total) if total else 0.0

    @property
    def original(self) -> pd.DataFrame:
        """Target sentences not found elsewhere."""
        return self.sentences[~self.sentences["reused"]]


def _check_int(value: Any, name: str, lo: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < lo:
        raise InputError(f"{name}={value!r}: expected a whole number >= {lo}")
    return value


def _check_threshold(value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        raise InputError(f"threshold={value!r}: expected a Jaccard similarity in (0, 1]")


def _sentences(doc: Document, min_chars: int) -> list[tuple[int, int, str, str]]:
    """(start, end, text, Han characters) of each sentence with at least ``min_chars`` Han characters."""
    out = []
    for s, e in sentence_spans(doc.text):
        text = doc.text[s:e].strip()
        han = "".join(_HAN.findall(text))
        if len(han) >= min_chars:
            out.append((s, e, text, han))
    return out


@lru_cache(maxsize=1)
def _han_table() -> np.ndarray:
    """Whether each code point is a Han character, read off ``_text.HAN`` (it stays the one definition)."""
    every = np.arange(0x110000, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    table = np.zeros(0x110000, dtype=bool)
    table[np.frombuffer("".join(_HAN.findall(every)).encode("utf-32-le"), dtype=np.uint32)] = True
    return table


def _doc_sentences(doc: Document, min_chars: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_sentences` as arrays, with no str per sentence: (start, end) of each sentence kept,
    its number of Han characters, and their code points, concatenated.

    A reference document's sentences are only turned into text when they match.
    """
    spans = np.array(sentence_spans(doc.text), dtype=np.int64).reshape(-1, 2)
    codes = np.frombuffer(doc.text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    is_han = _han_table()[codes]
    before = np.concatenate(([0], np.cumsum(is_han)))  # Han characters before each offset
    lens = before[spans[:, 1]] - before[spans[:, 0]]  # strip() only takes whitespace, never Han
    keep = lens >= min_chars
    spans, lens = spans[keep], lens[keep]
    han = codes[is_han]
    first = np.repeat(before[spans[:, 0]] - (np.cumsum(lens) - lens), lens) + np.arange(int(lens.sum()))
    return spans[:, 0], spans[:, 1], lens, han[first]


def _shingles(han: str, n: int) -> set[str]:
    """The sentence's distinct n-grams (a sentence shorter than ``n`` is one shingle, itself).

    The definition; :func:`_shingle_keys` computes the same sets with numpy.
    """
    return {han[j:j + n] for j in range(len(han) - n + 1)} or {han}


_BITS = 21  # bits of a code point: up to three characters pack into one int64 key


def _shingle_keys(hans: list[str], n: int) -> tuple[np.ndarray, np.ndarray]:
    """A key for each n-gram occurrence in ``hans`` (with repeats), and the sentence it is in.

    Equal keys are equal shingles of :func:`_shingles`. A key packs the shingle's code points
    (an int64 up to ``n`` = 3, fixed-width bytes beyond); a sentence shorter than ``n`` is
    padded with code point 0, which no Han character has, so it equals no full n-gram.
    """
    lens = np.fromiter(map(len, hans), dtype=np.int64, count=len(hans))
    return _code_shingle_keys(np.frombuffer("".join(hans).encode("utf-32-le"), dtype=np.uint32), lens, n)


def _code_shingle_keys(codes: np.ndarray, lens: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_shingle_keys` of sentences given as their code points, concatenated, and their lengths."""
    n_sh = np.maximum(lens - n + 1, 1)
    owner = np.repeat(np.arange(len(lens), dtype=np.int64), n_sh)
    starts = np.cumsum(lens) - lens
    pos = np.repeat(starts - (np.cumsum(n_sh) - n_sh), n_sh) + np.arange(len(owner), dtype=np.int64)
    width = np.minimum(lens, n)[owner]
    padded = np.concatenate((codes, np.zeros(n, dtype=np.uint32)))  # reads past the end are masked below
    chars = [np.where(width > k, padded[pos + k], 0) for k in range(n)]
    if n * _BITS <= 63:
        keys = np.zeros(len(owner), dtype=np.int64)
        for c in chars:
            keys = (keys << _BITS) | c.astype(np.int64)
        return keys, owner
    # fixed-width bytes compare exactly (all have the same width, so trailing NULs cannot merge two)
    grid = np.ascontiguousarray(np.stack(chars, axis=1).astype(">u4")) if len(owner) else np.zeros((0, n), ">u4")
    return grid.view(f"S{4 * n}").reshape(-1), owner


def _unique(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The sorted distinct values of ``x``, each element's position among them, and their counts.

    By one sort: numpy 2's ``np.unique`` without ``return_inverse`` hashes, which is many times
    slower on these arrays.
    """
    order = np.argsort(x, kind="stable")
    xs = x[order]
    first = np.ones(len(xs), dtype=bool)
    first[1:] = xs[1:] != xs[:-1]
    inverse = np.empty(len(xs), dtype=np.int64)
    inverse[order] = np.cumsum(first) - 1
    starts = np.flatnonzero(first)
    return xs[first], inverse, np.diff(np.append(starts, len(xs)))


def _distinct(keys: np.ndarray, owner: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct keys (sorted), and the distinct (sentence, key id) pairs sorted by sentence then key."""
    vocab, inv, _ = _unique(keys)
    width = np.int64(max(len(vocab), 1))
    pairs = _unique(owner * width + inv)[0]
    return vocab, pairs // width, pairs % width


def _lookup(vocab: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Each key's position in the sorted ``vocab``, or -1 where it is absent."""
    if not len(vocab):
        return np.full(len(keys), -1, dtype=np.int64)
    pos = np.minimum(np.searchsorted(vocab, keys), len(vocab) - 1)
    return np.where(vocab[pos] == keys, pos, -1).astype(np.int64)


class _Vocab(Mapping):
    """Shingle → column of a ReuseIndex, read from its sorted keys (no dict of every shingle)."""

    def __init__(self, keys: np.ndarray, n: int) -> None:
        self._keys, self._n = keys, n

    def __getitem__(self, gram: str) -> int:
        if not isinstance(gram, str) or len(gram) > self._n:
            raise KeyError(gram)
        col = int(_lookup(self._keys, _shingle_keys([gram], self._n)[0])[0])
        if col < 0:
            raise KeyError(gram)
        return col

    def __iter__(self) -> Iterator[str]:
        for k in self._keys:
            if isinstance(k, bytes):
                cps = [int.from_bytes(k.ljust(4 * self._n, b"\0")[4 * i:4 * i + 4], "big") for i in range(self._n)]
            else:
                cps = [(int(k) >> (_BITS * (self._n - 1 - i))) & ((1 << _BITS) - 1) for i in range(self._n)]
            yield "".join(chr(c) for c in cps if c)

    def __len__(self) -> int:
        return len(self._keys)


def _rarity_order(m: sp.csr_matrix) -> np.ndarray:
    """Each shingle's rank when sorted by document frequency, rarest first (ties by id)."""
    df = np.bincount(m.indices, minlength=m.shape[1])
    rank = np.empty(m.shape[1], dtype=np.int64)
    rank[np.lexsort((np.arange(m.shape[1]), df))] = np.arange(m.shape[1])
    return rank


def _prefix(m: sp.csr_matrix, rank: np.ndarray, sizes: np.ndarray, threshold: float,
            missing: np.ndarray | None = None) -> sp.csr_matrix:
    """The rows of ``m`` keeping only their prefix shingles (see ReuseIndex._candidates).

    ``sizes`` are the full set sizes; ``missing`` counts shingles of a row absent from the
    columns (they rank before every column, so they use up the prefix first).
    """
    m = m.tocsr()
    sizes = np.asarray(sizes, dtype=np.float64)
    # a conservative prefix: one shingle longer than needed guards against rounding at the threshold
    plen = np.minimum(sizes, sizes - np.ceil(threshold * sizes - 1e-9) + 2).astype(np.int64)
    if missing is not None:
        plen = plen - np.asarray(missing, dtype=np.int64)
    lengths = np.diff(m.indptr)
    row = np.repeat(np.arange(m.shape[0]), lengths)
    # each row's shingles, rarest first: one sort of row·V + rank (rows stay in order)
    order = np.argsort(row.astype(np.int64) * np.int64(m.shape[1]) + rank[m.indices], kind="stable")
    pos = np.arange(len(order)) - np.repeat(m.indptr[:-1], lengths)
    keep = np.zeros(len(order), dtype=bool)
    keep[order] = pos < plen[row]
    kept = np.bincount(row[keep], minlength=m.shape[0])
    indptr = np.concatenate(([0], np.cumsum(kept)))
    return sp.csr_matrix((m.data[keep], m.indices[keep], indptr), shape=m.shape)


class ReuseIndex:
    """The shingles of every sentence of a reference corpus, for :func:`text_reuse`.

    Building it is the costly part of text reuse; keep it to compare many speeches
    with the same corpus. It is immutable: its contents were made with ``ngram`` and
    ``min_chars``.

    Parameters
    ----------
    reference : Corpus, Document, str or list of them
    ngram : int
        Shingle length in characters.
    min_chars : int
        Ignore sentences with fewer Chinese characters (short stock phrases).

    Attributes
    ----------
    doc_ids : tuple of str
        The indexed documents, in order.
    n_sentences : int
        Sentences indexed.

    Examples
    --------
    >>> index = ReuseIndex([Document("s", "要坚持党委统一领导、部门齐抓共管的工作格局。")], min_chars=10)
    >>> text_reuse("必须坚持党委统一领导、部门齐抓共管的工作格局。", index, min_chars=10).matches.source_id.tolist()
    ['s']
    """

    def __init__(self, reference: Corpus | Document | str | list, *, ngram: int = _NGRAM,
                 min_chars: int = _MIN_CHARS) -> None:
        corpus = as_corpus(reference, name="reference")
        ngram = _check_int(ngram, "ngram", 1)
        min_chars = _check_int(min_chars, "min_chars", 0)
        sents: list[tuple[str, int, str, str]] = []  # doc_id, start, text, han
        # each sentence's distinct shingle keys, document by document (numpy: no dict of every shingle)
        parts, sizes = [_shingle_keys([], ngram)[0]], [np.zeros(0, dtype=np.int64)]
        for d in corpus:
            ds = _sentences(d, min_chars)
            sents.extend((d.doc_id, s, text, han) for s, _e, text, han in ds)
            if ds:
                vocab, rows, ids = _distinct(*_shingle_keys([han for *_, han in ds], ngram))
                parts.append(vocab[ids])  # by sentence, then key
                sizes.append(np.bincount(rows, minlength=len(ds)))
        # columns are the distinct keys, sorted: each row's columns come out sorted too
        keys, cols, _ = _unique(np.concatenate(parts))
        del parts
        indptr = np.concatenate(([0], np.cumsum(np.concatenate(sizes))))
        # sentences × shingles, binary: |A ∩ B| for every pair is one sparse product
        m = sp.csr_matrix((np.ones(len(cols), dtype=np.float32), cols, indptr), shape=(len(sents), len(keys)))
        for name, value in (("ngram", ngram), ("min_chars", min_chars), ("doc_ids", tuple(corpus.ids)),
                            ("_sents", tuple(sents)), ("_matrix", m), ("_sizes", np.asarray(m.sum(axis=1)).ravel()),
                            ("_keys", keys), ("_vocab", _Vocab(keys, ngram)), ("_order", _rarity_order(m)),
                            ("_prefix_cache", {})):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"ReuseIndex is immutable: cannot assign to {name!r}; build a new index")

    @property
    def n_sentences(self) -> int:
        return len(self._sents)

    def __repr__(self) -> str:
        return (f"ReuseIndex({len(self.doc_ids)} documents, {self.n_sentences} sentences, ngram={self.ngram}, "
                f"min_chars={self.min_chars})")

    def _prefix_postings(self, threshold: float) -> sp.csc_matrix:
        """Index sentences × shingles, keeping only each sentence's prefix shingles (rarest first)."""
        cache = self._prefix_cache
        if threshold not in cache:
            cache[threshold] = _prefix(self._matrix, self._order, self._sizes, threshold).tocsc()
        return cache[threshold]

    def _candidates(self, tm_: sp.csr_matrix, ta: np.ndarray, threshold: float,
                    exhaustive: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(target row, index row, |A ∩ B|) of every pair that can reach ``threshold``, in (row, col) order.

        Prefix filtering (Chaudhuri et al. 2006; Bayardo et al. 2007): sort every set's shingles
        rarest first; two sets with Jaccard ≥ t share a shingle among the first |A| − ⌈t|A|⌉ + 1 of
        each. So only pairs sharing a prefix shingle are candidates, and common shingles (the
        quadratic part of comparing every pair) are left out. Each candidate is then scored
        exactly, so the matches are those of the exhaustive product (``exhaustive=True``).
        """
        if exhaustive:
            inter = (tm_ @ self._matrix.T).tocsr()
            inter.sort_indices()
            inter = inter.tocoo()
            return inter.row.astype(np.int64), inter.col.astype(np.int64), inter.data
        # shingles the index lacks are the rarest of all (df 0): they come first in the target's prefix
        tp = _prefix(tm_, self._order, ta, threshold, missing=ta - np.asarray(tm_.sum(axis=1)).ravel())
        cand = (tp @ self._prefix_postings(threshold).T).tocsr()
        cand.sort_indices()
        cand = cand.tocoo()
        ii, jj = cand.row.astype(np.int64), cand.col.astype(np.int64)
        if not len(ii):
            return ii, jj, np.zeros(0, dtype=np.float32)
        # |A ∩ B| of each candidate: look each shingle of B up among the target row's (sorted keys)
        m = self._matrix
        nv = np.int64(m.shape[1])
        tm_ = tm_.tocsr()
        tkeys = np.sort(np.repeat(np.arange(tm_.shape[0], dtype=np.int64), np.diff(tm_.indptr)) * nv
                        + tm_.indices.astype(np.int64))
        lens = np.diff(m.indptr)[jj]
        pair = np.repeat(np.arange(len(jj)), lens)
        starts = np.repeat(m.indptr[jj] - np.concatenate(([0], np.cumsum(lens)[:-1])), lens)
        cols = m.indices[starts + np.arange(len(pair))].astype(np.int64)
        keys = ii[pair] * nv + cols
        pos = np.minimum(np.searchsorted(tkeys, keys), max(len(tkeys) - 1, 0))
        found = tkeys[pos] == keys if len(tkeys) else np.zeros(len(keys), dtype=bool)
        inter = np.bincount(pair[found], minlength=len(jj)).astype(np.float32)
        return ii, jj, inter

    def query(self, target: Document | str, *, threshold: float = 0.5) -> TextReuse:
        """The target's sentences found in the indexed documents (see :func:`text_reuse`)."""
        target = as_document(target, name="target")
        _check_threshold(threshold)
        ngram = self.ngram
        tsent = _sentences(target, self.min_chars)
        csent = self._sents
        # target sentences over the index's shingles; shingles the index lacks still count in |A ∪ B|
        tkeys, trows, tids = _distinct(*_shingle_keys([han for *_, han in tsent], ngram))
        ta = np.bincount(trows, minlength=len(tsent)).astype(np.float64)
        tcols = _lookup(self._keys, tkeys)[tids]
        known = tcols >= 0
        tm_ = sp.csr_matrix((np.ones(int(known.sum()), dtype=np.float32), (trows[known], tcols[known])),
                            shape=(len(tsent), len(self._keys)))
        ca = self._sizes
        rows = []
        if len(tsent) and len(csent):
            # the prefix postings cost about one exhaustive product to build: they pay off from the
            # second query of an index on (a notebook loop asks many times; text_reuse streams a corpus)
            queried = self._prefix_cache.setdefault("queries", 0)
            self._prefix_cache["queries"] = queried + 1
            ii, jj, inter = self._candidates(tm_, ta, threshold,
                                             exhaustive=not queried and threshold not in self._prefix_cache)
            jac = inter / (ta[ii] + ca[jj] - inter)
            hit = jac >= threshold - 1e-12
            for i, j, jv in zip(ii[hit], jj[hit], jac[hit]):
                ts, _te, ttext, th = tsent[i]
                did, cs_, ctext, ch = csent[j]
                if did == target.doc_id:
                    continue
                rows.append((target.doc_id, did, ttext, ctext, float(jv), th == ch, int(ts), int(cs_), i))
        return _result(target, tsent, rows, self.doc_ids)


def _result(target: Document, tsent: list[tuple[int, int, str, str]], rows: list[tuple], doc_ids: Any) -> TextReuse:
    """The TextReuse of the target's sentences ``tsent`` and its match rows (in target row, source order)."""
    matches = pd.DataFrame(rows, columns=["target_id", "source_id", "target_sentence", "source_sentence",
                                          "jaccard", "exact", "target_start", "source_start", "_i"])
    matches = matches.sort_values(["target_start", "jaccard", "source_id", "source_start"],
                                  ascending=[True, False, True, True],
                                  kind="stable").reset_index(drop=True)
    n_chars = np.array([len(h) for *_, h in tsent], dtype=np.int64)
    total = int(n_chars.sum())  # the denominator of every ratio: all of the target's sentence characters
    # one pass over the matches, not one scan per reference document (linear in the corpus)
    n_of = matches.groupby("source_id", sort=False).size().to_dict()
    pairs = matches[["source_id", "_i"]].drop_duplicates()
    chars_of = pd.Series(n_chars[pairs["_i"].to_numpy(dtype=np.int64)], dtype=np.int64).groupby(
        pairs["source_id"].to_numpy()).sum().to_dict() if len(pairs) else {}
    ratio_rows = []
    for doc_id in doc_ids:
        if doc_id == target.doc_id:
            continue
        chars = int(chars_of.get(doc_id, 0))
        ratio_rows.append((doc_id, int(n_of.get(doc_id, 0)), chars, chars / total if total else 0.0))
    ratios = pd.DataFrame(ratio_rows, columns=["doc_id", "n_matches", "reused_chars", "reuse_ratio"])
    ratios = ratios.sort_values(["reuse_ratio", "doc_id"], ascending=[False, True],
                                kind="stable").reset_index(drop=True)
    best = matches.sort_values("jaccard", ascending=False, kind="stable").drop_duplicates("_i").set_index("_i")
    sentences = pd.DataFrame({
        "start": [s for s, *_ in tsent], "end": [e for _, e, *_ in tsent], "text": [t for _, _, t, _ in tsent],
        "n_chars": n_chars,
    })
    sentences["reused"] = sentences.index.isin(best.index)
    sentences["best_source"] = best["source_id"].reindex(sentences.index).to_numpy()
    sentences["best_jaccard"] = best["jaccard"].reindex(sentences.index).to_numpy()
    return TextReuse(matches.drop(columns="_i"), ratios, sentences)


def _stream(target: Document, corpus: Corpus, ngram: int, min_chars: int, threshold: float) -> TextReuse:
    """:meth:`ReuseIndex.query` of a corpus asked once, one reference document at a time.

    Only shingles of the target can add to an intersection, so each document's sentences are
    reduced to their sizes |B| and their shingles the target has; pairs sharing one are scored
    exactly. Memory is that of one document and the matches; no index of the corpus is built.
    """
    tsent = _sentences(target, min_chars)
    tvocab, trows, tids = _distinct(*_shingle_keys([han for *_, han in tsent], ngram))
    ta = np.bincount(trows, minlength=len(tsent))
    # postings: the target sentences holding each target shingle (trows is sorted within a shingle)
    by_key = np.argsort(tids, kind="stable")
    post_rows = trows[by_key]
    post_len = np.bincount(tids, minlength=len(tvocab))
    post_start = np.cumsum(post_len) - post_len
    found: list[tuple[tuple[int, int], tuple]] = []
    offset = 0  # sentences of the documents before: a global sentence number orders the matches
    for doc in corpus if len(tsent) else ():
        if doc.doc_id == target.doc_id:
            offset += len(_doc_sentences(doc, min_chars)[0])
            continue
        cstart, cend, clens, ccodes = _doc_sentences(doc, min_chars)
        n_c = len(cstart)
        if not n_c:
            continue
        cvocab, crows, cids = _distinct(*_code_shingle_keys(ccodes, clens, ngram))
        cb = np.bincount(crows, minlength=n_c)
        shared = _lookup(tvocab, cvocab)[cids]  # each (sentence, shingle)'s shingle among the target's
        keep = shared >= 0
        js, ks = crows[keep], shared[keep]
        # every (target sentence, document sentence) pair sharing a shingle, once per shared shingle
        reps = post_len[ks]
        first = np.repeat(post_start[ks] - (np.cumsum(reps) - reps), reps) + np.arange(int(reps.sum()))
        code = post_rows[first] * np.int64(n_c) + np.repeat(js, reps)
        pair, _, inter = _unique(code)
        ii, jj = pair // n_c, pair % n_c
        jac = inter / (ta[ii] + cb[jj] - inter)
        hit = jac >= threshold - 1e-12
        for i, j, jv in zip(ii[hit].tolist(), jj[hit].tolist(), jac[hit].tolist()):
            ts, _te, ttext, th = tsent[i]
            cs_, ce = int(cstart[j]), int(cend[j])
            ctext = doc.text[cs_:ce].strip()  # as _sentences has it
            found.append(((i, offset + j), (target.doc_id, doc.doc_id, ttext, ctext, jv,
                                            th == "".join(_HAN.findall(ctext)), int(ts), cs_, i)))
        offset += n_c
    found.sort(key=lambda f: f[0])  # the exhaustive product's (target row, index row) order
    return _result(target, tsent, [row for _, row in found], corpus.ids)


@renamed_params(corpus="reference")
def text_reuse(target: Document | str, reference: Corpus | ReuseIndex | list, *, threshold: float = 0.5,
               ngram: int | None = None, min_chars: int | None = None) -> TextReuse:
    """Sentences of the target found, exactly or nearly, in reference speeches.

    Sentences are compared on their Chinese characters only (punctuation and width
    differences do not matter) as sets of character n-gram shingles; a pair matches
    when its Jaccard similarity is at least ``threshold``.

    Parameters
    ----------
    target : Document or str
    reference : Corpus, list of Documents, or ReuseIndex
        A document with the target's doc_id is left out. Pass a :class:`ReuseIndex` to
        compare many targets with one corpus without indexing it again; a corpus is
        streamed, one document at a time, with the same result.
    threshold : float
        Minimum Jaccard similarity, in (0, 1].
    ngram : int, optional
        Shingle length in characters (default 3, or the index's).
    min_chars : int, optional
        Ignore sentences with fewer Chinese characters (default 20, or the index's).

    Returns
    -------
    TextReuse

    Raises
    ------
    InputError
        Also when ``ngram`` or ``min_chars`` differ from those of the given ReuseIndex.
    """
    target = as_document(target, name="target")  # checked before the corpus is read
    _check_threshold(threshold)
    if isinstance(reference, ReuseIndex):
        for name, given, built in (("ngram", ngram, reference.ngram), ("min_chars", min_chars, reference.min_chars)):
            if given is not None and given != built:
                raise InputError(f"{name}={given!r} but the ReuseIndex was built with {name}={built}; "
                                 "expected the same (or leave it out)")
        return reference.query(target, threshold=threshold)
    # one query: stream over the corpus instead of indexing it (the same result, in linear memory)
    corpus = as_corpus(reference, name="reference")
    return _stream(target, corpus, _check_int(_NGRAM if ngram is None else ngram, "ngram", 1),
                   _check_int(_MIN_CHARS if min_chars is None else min_chars, "min_chars", 0), threshold)
