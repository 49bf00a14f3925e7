"""Similar speeches: rank a reference corpus by TF-IDF cosine similarity to one speech."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._deprecation import renamed_params
from .corpus import Corpus, Document
from .dtm import Dtm, as_dtms
from .errors import InputError
from .tokenize import Tokenizer

__all__ = ["similar_documents"]


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
    return out if n is None else out.head(n)
