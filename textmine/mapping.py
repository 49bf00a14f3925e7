"""A map of the corpus: correspondence analysis of speeches and their characteristic terms.

Correspondence analysis (CA) places the documents and the terms of a
document-term table in one plane, so that documents that use the same words lie
together and each term lies near the documents that over-use it, as KH Coder
draws it. It is the SVD of the table's standardized residuals
S = D_r^(−1/2) (P − r cᵀ) D_c^(−1/2) (P the table divided by its total, r and c its
row and column masses); the principal coordinates are D_r^(−1/2) U Σ for the rows
and D_c^(−1/2) V Σ for the columns. :func:`_ca` does prince's ``CA`` computation
(``engine="scipy"``, the exact SVD) step for step; a test pins it to prince's own
results. It is not imported from prince because prince imports altair, whose schema
validation costs about 3 s of start-up in every report.

References
----------
Greenacre, M. (2017). *Correspondence Analysis in Practice* (3rd ed.). CRC Press.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from .corpus import Corpus, Document
from .dtm import Dtm
from .errors import InputError
from .tokenize import Tokenizer

__all__ = ["correspondence_map"]

_META = ("policy_area", "year", "level", "title")
_DENSE_CELLS = 4_000_000
"""Tables of at most this many cells (32 MB as floats) are analysed densely, exactly as prince does;
larger ones by a truncated sparse SVD (:func:`_ca_sparse`), equal to it up to floating-point error."""
_CHUNK = 1 << 20


def correspondence_map(dtm_or_corpus: Dtm | Corpus | list[Document], *, target: str | Document | None = None,
                       n_terms: int = 30, min_df: int = 2, n_components: int = 2,
                       tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """Coordinates of the documents and of their most characteristic terms on a correspondence-analysis map.

    Parameters
    ----------
    dtm_or_corpus : Dtm, Corpus or list of Documents
        The documents to map (tokenized with ``tokenizer`` when not a Dtm).
    target : str or Document, optional, keyword-only
        The speech to highlight: a doc_id of the table, or a Document (added to the
        documents when its doc_id is not among them).
    n_terms : int, keyword-only
        Terms returned: those contributing most to the plane of the first two axes.
    min_df : int, keyword-only
        Terms used in fewer documents are left out of the analysis (a term of one
        speech only pulls an axis to itself).
    n_components : int, keyword-only
        Axes computed (at least 2).
    tokenizer : Tokenizer, optional, keyword-only

    Returns
    -------
    DataFrame
        Documents first (in table order), then the ``n_terms`` terms (by
        contribution), columns:

        - ``kind`` (``"document"`` or ``"term"``), ``id`` (doc_id or term),
          ``label`` (the document's title, or the term);
        - ``dim1`` … ``dim<n_components>``: principal coordinates;
        - ``mass``: the row's or column's share of all counts;
        - ``contribution``: its share of the inertia of the plane of axes 1–2,
          (ctr₁·λ₁ + ctr₂·λ₂) / (λ₁ + λ₂), where ctr_k is the (prince) contribution to
          axis k and λ_k the axis' eigenvalue;
        - ``policy_area``, ``year``, ``level`` (documents' metadata, when known);
        - ``is_target``.

        Each axis is oriented so that its most extreme document is positive (the
        signs of an SVD are arbitrary). ``attrs["explained"]`` holds each axis'
        share of the total inertia, ``attrs["total_inertia"]`` the total inertia
        (χ²/N of the table), ``attrs["n_terms_fitted"]`` the terms analysed.
    """
    if isinstance(n_terms, bool) or not isinstance(n_terms, int) or n_terms < 1:
        raise InputError(f"n_terms={n_terms!r}: expected a whole number >= 1")
    if isinstance(min_df, bool) or not isinstance(min_df, int) or min_df < 1:
        raise InputError(f"min_df={min_df!r}: expected a whole number >= 1")
    if isinstance(n_components, bool) or not isinstance(n_components, int) or n_components < 2:
        raise InputError(f"n_components={n_components!r}: expected a whole number >= 2")
    target_id = target.doc_id if isinstance(target, Document) else target
    if target is not None and not isinstance(target_id, str):
        raise InputError(f"target is a {type(target).__name__}; expected a doc_id, a Document or None")
    if isinstance(dtm_or_corpus, Dtm):
        dtm = dtm_or_corpus
        if isinstance(target, Document) and target.doc_id not in dtm.doc_ids:
            dtm = dtm.append(Dtm.from_corpus([target], tokenizer=tokenizer))
    elif isinstance(dtm_or_corpus, (Corpus, list, tuple)):
        docs = list(dtm_or_corpus)
        if isinstance(target, Document) and all(d.doc_id != target.doc_id for d in docs):
            docs.append(target)
        dtm = Dtm.from_corpus(Corpus(docs), tokenizer=tokenizer)
    else:
        raise InputError(f"dtm_or_corpus is a {type(dtm_or_corpus).__name__}; expected a Dtm, a Corpus or "
                         "a list of Documents")
    if target_id is not None and target_id not in dtm.doc_ids:
        raise InputError(f"target={target_id!r} is not among the documents; expected one of their doc_ids")
    trimmed = dtm.trim(min_df=min_df)
    table, docs, vocab = trimmed.counts.tocsr(), trimmed.docs, list(trimmed.vocab)
    del trimmed  # a large table is then held by `table` alone, which the sparse analysis lets go
    kept = np.flatnonzero(np.asarray(table.sum(axis=1)).ravel() > 0)
    if len(kept) < table.shape[0]:  # as a rule every document keeps a term: no copy of the table then
        table = table[kept]
    doc_index = docs.index[kept]
    if table.shape[0] < 3 or table.shape[1] < 3:
        raise InputError(f"the table has {table.shape[0]} document(s) × {table.shape[1]} term(s) with counts "
                         f"(after min_df={min_df}); expected at least 3 × 3 for a map")
    k = min(n_components, min(table.shape) - 1)
    n_fitted = int(table.shape[1])
    # a large corpus is never made dense (4,900 documents × 40,000 terms would be 1.5 GB before the SVD)
    if table.shape[0] * table.shape[1] <= _DENSE_CELLS:
        ca = _ca(table.toarray(), k)
    else:  # the counts as floats, and the int table let go before the analysis needs room of its own
        q = table.astype(np.float64)
        del table
        ca = _ca_sparse(q, k)
    rows, cols = ca.row_coordinates, ca.column_coordinates
    # orient each axis: its most extreme document on the positive side
    flip = np.sign(rows[np.abs(rows).argmax(axis=0), np.arange(k)])
    flip[flip == 0] = 1
    rows, cols = rows * flip, cols * flip
    eig = np.asarray(ca.eigenvalues, dtype=float)
    plane = eig[:2].sum()

    def plane_ctr(ctr: np.ndarray) -> np.ndarray:
        c = ctr[:, :2]
        return (c * eig[:2]).sum(axis=1) / plane if plane > 0 else np.zeros(len(c))

    row_ctr = plane_ctr(ca.row_contributions)
    col_ctr = plane_ctr(ca.column_contributions)
    dims = [f"dim{i + 1}" for i in range(k)]
    meta = docs.loc[doc_index]
    doc_part = pd.DataFrame({"kind": "document", "id": [str(i) for i in doc_index],
                             "label": [str(meta["title"].get(i, i)) if "title" in meta else str(i)
                                       for i in doc_index]})
    for j, d in enumerate(dims):
        doc_part[d] = rows[:, j]
    doc_part["mass"] = ca.row_masses
    doc_part["contribution"] = row_ctr
    for col in ("policy_area", "year", "level"):
        doc_part[col] = meta[col].to_numpy() if col in meta else None
    doc_part["is_target"] = doc_part["id"] == target_id
    top = np.argsort(-col_ctr, kind="stable")[:n_terms]
    terms = [str(vocab[i]) for i in top]
    term_part = pd.DataFrame({"kind": "term", "id": terms, "label": terms})
    for j, d in enumerate(dims):
        term_part[d] = cols[top, j]
    term_part["mass"] = ca.col_masses[top]
    term_part["contribution"] = col_ctr[top]
    for col in ("policy_area", "year", "level"):
        term_part[col] = None
    term_part["is_target"] = False
    out = pd.concat([doc_part, term_part], ignore_index=True)
    total = float(ca.total_inertia)
    out.attrs.update(explained=[float(e) / total for e in eig[:k]] if total > 0 else [0.0] * k,
                     total_inertia=total, n_terms_fitted=n_fitted, target=target_id)
    return out


class _CA(NamedTuple):
    row_masses: np.ndarray
    col_masses: np.ndarray
    eigenvalues: np.ndarray
    total_inertia: float
    row_coordinates: np.ndarray
    column_coordinates: np.ndarray
    row_contributions: np.ndarray
    column_contributions: np.ndarray


def _ca(table: np.ndarray, n_components: int) -> _CA:
    """Correspondence analysis of a non-negative table, as ``prince.CA(engine="scipy")`` computes it.

    The same operations in the same order as prince 0.23 (``CA.fit``, ``row_coordinates``,
    ``column_coordinates``, the contributions), so that the floats agree to the last bit;
    ``tests/test_mapping.py`` compares them with prince when it is installed.
    """
    from scipy import linalg, sparse

    x = np.asarray(table).astype(float) / np.sum(table)  # the correspondence matrix
    r, c = x.sum(axis=1), x.sum(axis=0)
    s_ = sparse.diags(r ** -0.5) @ (x - np.outer(r, c)) @ sparse.diags(c ** -0.5)  # standardized residuals
    u, sv, v = linalg.svd(s_, full_matrices=False)
    k = min(n_components, min(x.shape) - 1)
    if len(sv) < k:  # prince pads past the rank with zero components
        pad = k - len(sv)
        sv = np.concatenate([sv, np.zeros(pad)])
        u = np.hstack([u, np.zeros((u.shape[0], pad))])
        v = np.vstack([v, np.zeros((pad, v.shape[1]))])
    sv, u, v = sv[:k], u[:, :k], v[:k, :]
    eig = np.square(sv)

    def contributions(masses: np.ndarray, vectors: np.ndarray) -> np.ndarray:
        coords = (sparse.diags(masses ** -0.5) @ vectors @ sparse.diags(sv)) ** 2
        return sparse.diags(masses) @ np.divide(coords, eig, out=np.zeros((len(masses), len(eig))), where=eig > 0)

    counts = np.asarray(table)
    row_profiles = counts / counts.sum(axis=1)[:, None]
    col_profiles = counts.T / counts.T.sum(axis=1)[:, None]
    return _CA(row_masses=r, col_masses=c, eigenvalues=eig, total_inertia=float(np.einsum("ij,ij->", s_, s_)),
               row_coordinates=row_profiles @ sparse.diags(c ** -0.5) @ v.T,
               column_coordinates=col_profiles @ sparse.diags(r ** -0.5) @ u,
               row_contributions=contributions(r, u), column_contributions=contributions(c, v.T))


def _ca_sparse(q: Any, n_components: int) -> _CA:
    """:func:`_ca` of a large sparse table, without making it dense.

    ``q`` is the table as a float64 CSR matrix, which this scales in place (a copy is not made:
    the caller gives it up).

    S = D_r^(−1/2) P D_c^(−1/2) − √r √cᵀ: a sparse matrix minus a rank-one term, given to ARPACK
    (``scipy.sparse.linalg.svds``, a fixed start vector) as a linear operator for the leading
    ``n_components`` singular triplets. Coordinates are D_r^(−1/2) U Σ and D_c^(−1/2) V Σ (what
    prince's profile products equal), contributions mass · coordinate² / λ, and the total inertia
    Σ S² = Σ (D_r^(−1/2) P D_c^(−1/2))² − 1.
    """
    from scipy import sparse
    from scipy.sparse.linalg import LinearOperator, svds

    q.data /= q.data.sum()  # P, in place: the table is copied once, into its transpose
    r, c = np.asarray(q.sum(axis=1)).ravel(), np.asarray(q.sum(axis=0)).ravel()
    # D_r^(-1/2) P D_c^(-1/2): the weights multiplied in place, so that two temporaries of the
    # table's size are alive at once, not three
    w = np.repeat(r ** -0.5, np.diff(q.indptr))
    col_w = c ** -0.5
    for a in range(0, len(w), _CHUNK):  # gathered a slice at a time: the same products, less room
        w[a:a + _CHUNK] *= col_w[q.indices[a:a + _CHUNK]]
    q.data *= w
    del w
    inertia = float(np.sum(q.data * q.data) - 1.0)  # Σ S², from the data alone (no copy of the whole table)
    qt = q.T.tocsr()
    sr, sc = np.sqrt(r), np.sqrt(c)
    op = LinearOperator(q.shape, dtype=np.float64, matvec=lambda v: q @ v - sr * (sc @ v),
                        rmatvec=lambda u: qt @ u - sc * (sr @ u),
                        matmat=lambda v: q @ v - np.outer(sr, sc @ v),
                        rmatmat=lambda u: qt @ u - np.outer(sc, sr @ u))
    k = min(n_components, min(q.shape) - 1)
    v0 = np.full(min(q.shape), 1.0 / np.sqrt(min(q.shape)))
    u, sv, vt = svds(op, k=k, v0=v0, solver="arpack")
    order = np.argsort(-sv, kind="stable")
    sv, u, v = sv[order], u[:, order], vt[order].T
    eig = np.square(sv)
    rows, cols = (u * sv) / sr[:, None], (v * sv) / sc[:, None]

    def contributions(masses: np.ndarray, coords: np.ndarray) -> np.ndarray:
        return masses[:, None] * np.divide(coords ** 2, eig, out=np.zeros_like(coords), where=eig > 0)

    return _CA(row_masses=r, col_masses=c, eigenvalues=eig, total_inertia=inertia,
               row_coordinates=rows, column_coordinates=cols,
               row_contributions=contributions(r, rows), column_contributions=contributions(c, cols))
