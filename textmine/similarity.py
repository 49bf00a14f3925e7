"""Similar speeches: rank a reference corpus by TF-IDF cosine similarity to one speech.

:func:`reference_similarities` gives the similarities of the reference speeches among
themselves in the same TF-IDF space, the yardstick a briefing judges a match against.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._deprecation import renamed_params
from .corpus import Corpus, Document
from .dtm import Dtm, as_dtms
from .errors import InputError
from .tokenize import Tokenizer

__all__ = ["similar_documents", "reference_similarities"]


@renamed_params(corpus="reference")
def similar_documents(target: Document | str | Dtm, reference: Corpus | Dtm, *, tokenizer: Tokenizer | None = None,
                      n: int | None = None) -> pd.DataFrame:
    """Rank the reference speeches by cosine similarity to the target on TF-IDF weights.

    The IDF is learned from the reference (sublinear term frequency 1 + ln(count), smoothed
    IDF, L2-normalised rows). A reference
    document with the target's doc_id is left out.

    Parameters
    ----------
    target : Document, str or one-document Dtm
    reference : Corpus, list of Documents, or Dtm
    tokenizer : Tokenizer, optional
        Tokenizes the sides given as texts. Default: the tokenizer a Dtm side was built
        with, else ``Tokenizer()``; one that differs from a Dtm side's raises InputError.
    n : int, optional
        Return the n most similar (default: all).

    Returns
    -------
    DataFrame
        rank, doc_id, similarity, then the reference's metadata columns (title, policy_area …).
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 1):
        raise InputError(f"n={n!r}: expected a whole number >= 1")
    sides = as_dtms({"target": target, "reference": reference}, tokenizer=tokenizer)
    t, c = sides["target"], sides["reference"]
    if t.n_docs != 1:
        raise InputError(f"target has {t.n_docs} documents; expected exactly one")
    if c.n_docs == 0:
        raise InputError("reference is empty; expected at least one document")
    c = c.drop_docs(t.doc_ids) if set(t.doc_ids) & set(c.doc_ids) else c
    if c.n_docs == 0:
        raise InputError("reference holds only the target; expected other documents to compare with")
    tf = TfidfTransformer(sublinear_tf=True).fit(c.counts)
    # copy=False: each input is a float copy of its own already; weighting it in place spares a
    # second copy of the corpus-sized table
    cx = tf.transform(c.counts.astype(float), copy=False)
    tx = tf.transform(t.match(c.vocab).counts.astype(float), copy=False)
    sims = np.asarray((cx @ tx.T).todense()).ravel()
    out = c.docs.copy()
    out.insert(0, "similarity", sims)
    out = out.reset_index().rename(columns={out.index.name or "index": "doc_id"})
    out = out.sort_values(["similarity", "doc_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    cols = ["rank", "doc_id", "similarity"] + [col for col in out.columns if col not in ("rank", "doc_id", "similarity")]
    out = out[cols]
    return out if n is None else out.head(n)


def reference_similarities(reference: Corpus | Dtm, *, tokenizer: Tokenizer | None = None,
                           max_docs: int | None = None) -> pd.DataFrame:
    """Cosine similarity of every pair of reference speeches, in the space of :func:`similar_documents`.

    The IDF is learned from the reference exactly as :func:`similar_documents` learns it,
    so a target's similarities and these pairs are on one scale: a match can be judged
    against how similar two speeches of the reference are to each other.

    Parameters
    ----------
    reference : Corpus, list of Documents, or Dtm
        At least two documents.
    tokenizer : Tokenizer, optional
        Tokenizes a reference given as texts (see :func:`similar_documents`).
    max_docs : int, optional, keyword-only
        Pair only this many documents when the reference has more: a stratified, evenly spaced
        sample (:func:`textmine.topics.fit_sample`), since the pairs grow with the square of the
        corpus (4,900 speeches are 12 million pairs). The IDF is still learned from every document.
        None (default): every pair.

    Returns
    -------
    DataFrame
        One row per unordered pair (n·(n−1)/2 rows): ``doc_id_a, doc_id_b, similarity,
        same_area`` — ``same_area`` is True when both speeches have the same non-blank
        ``policy_area`` (False when either is blank or the reference has no such column).
        Sorted by similarity, highest first.
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    c = as_dtms({"reference": reference}, tokenizer=tokenizer)["reference"]
    if c.n_docs < 2:
        raise InputError(f"reference has {c.n_docs} document(s); expected at least 2 to pair")
    if max_docs is not None and (isinstance(max_docs, bool) or not isinstance(max_docs, (int, np.integer))
                                 or max_docs < 2):
        raise InputError(f"max_docs={max_docs!r}: expected a whole number >= 2, or None for every pair")
    x = c.counts.astype(float)
    cx = TfidfTransformer(sublinear_tf=True).fit(x).transform(x, copy=False)  # fit_transform, in place
    rows = np.arange(c.n_docs)
    if max_docs is not None and c.n_docs > max_docs:
        from .topics import fit_sample

        rows = fit_sample(c, int(max_docs))
        cx = cx[rows]
    sims = np.asarray((cx @ cx.T).todense())
    i, j = np.triu_indices(len(rows), k=1)
    ids = np.asarray(c.doc_ids, dtype=object)[rows]
    if "policy_area" in c.docs.columns:
        area = c.docs["policy_area"].astype("object").to_numpy()[rows]
        blank = np.array([a is None or (isinstance(a, float) and np.isnan(a)) or str(a).strip() == "" for a in area])
        same = (area[i] == area[j]) & ~blank[i] & ~blank[j]
    else:
        same = np.zeros(len(i), dtype=bool)
    out = pd.DataFrame({"doc_id_a": ids[i], "doc_id_b": ids[j], "similarity": sims[i, j], "same_area": same})
    return out.sort_values(["similarity", "doc_id_a", "doc_id_b"], ascending=[False, True, True],
                           kind="stable").reset_index(drop=True)
