"""Keyness: which terms a speech over- or under-uses against a reference corpus.

:func:`keyness` pools the reference and compares it with the target term by term
(signed Dunning G², its p-value, Hardie's log ratio and the Monroe–Colaresi–Quinn
log-odds z-score with an informative Dirichlet prior). :func:`peer_keyness` keeps
the reference speeches apart and places the target's rate of each term within the
spread of the individual peers' rates.

References
----------
Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
Hardie, A. (2014). Log Ratio: an informal introduction. CASS, Lancaster.
Monroe, B., Colaresi, M., & Quinn, K. (2008). Fightin' words. *Political Analysis* 16(4).
"""

from __future__ import annotations

import warnings
from typing import Any, Literal

import numpy as np
import pandas as pd

from .corpus import Corpus, Document
from .dtm import Dtm, as_dtms
from .errors import InputError
from .tokenize import Tokenizer

__all__ = ["keyness", "peer_keyness", "keyness_table"]

KEYNESS_COLUMNS = ["term", "n_target", "n_reference", "per_10k_target", "per_10k_reference",
                   "g2", "p", "log_ratio", "z_logodds"]


def _align(target: Dtm, reference: Dtm) -> tuple[Dtm, Dtm]:
    overlap = set(target.doc_ids) & set(reference.doc_ids)
    if overlap:
        warnings.warn(f"{len(overlap)} target document(s) are also in the reference "
                      f"({sorted(overlap)[:3]}); they were left out of the reference", stacklevel=3)
        reference = reference.drop_docs(overlap)
    vocab = list(target.vocab) + [t for t in reference.vocab if t not in target._index]
    return target.match(vocab), reference.match(vocab)


def keyness_table(a: np.ndarray, b: np.ndarray, terms: Any, *, prior: float = 1.0) -> pd.DataFrame:
    """Keyness statistics from two count vectors (target ``a``, reference ``b``) over the same terms.

    Parameters
    ----------
    a, b : array of int
        Counts of each term in the target and in the reference.
    terms : sequence of str
    prior : float
        Scale of the informative Dirichlet prior of ``z_logodds``: alpha_w =
        prior × (a_w + b_w), the pooled counts (Monroe et al. 2008, §3.5.1).

    Returns
    -------
    DataFrame
        Columns ``term, n_target, n_reference, per_10k_target, per_10k_reference,
        g2, p, log_ratio, z_logodds``, sorted by g2, over-used terms first.
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    c, d = a.sum(), b.sum()
    if c == 0:
        raise InputError("target has no tokens; expected a text with Chinese content words")
    if d == 0:
        raise InputError("reference has no tokens; expected a corpus with Chinese content words")
    if prior <= 0:
        raise InputError(f"prior={prior!r}: expected a positive number")
    n = c + d
    e1 = c * (a + b) / n
    e2 = d * (a + b) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(a / e1), 0.0)
        t2 = np.where(b > 0, b * np.log(b / e2), 0.0)
    g2 = 2.0 * (t1 + t2)
    g2 = np.maximum(g2, 0.0)
    rate_a, rate_b = a / c, b / d
    sign = np.where(rate_a >= rate_b, 1.0, -1.0)
    from scipy.special import chdtrc  # P(chi2 with 1 df > g2); imported here to keep `import textmine` light

    p = chdtrc(1, g2)
    # Hardie's log ratio, with 0.5 in place of a zero count
    log_ratio = np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d))
    # Monroe, Colaresi & Quinn (2008): log-odds ratio with an informative Dirichlet prior
    alpha = prior * (a + b)
    a0 = alpha.sum()
    delta = (np.log((a + alpha) / (c + a0 - a - alpha)) - np.log((b + alpha) / (d + a0 - b - alpha)))
    var = 1.0 / (a + alpha) + 1.0 / (b + alpha)
    z = delta / np.sqrt(var)
    out = pd.DataFrame({
        "term": list(terms), "n_target": a.astype(np.int64), "n_reference": b.astype(np.int64),
        "per_10k_target": rate_a * 1e4, "per_10k_reference": rate_b * 1e4,
        "g2": sign * g2, "p": p, "log_ratio": log_ratio, "z_logodds": z,
    })
    return out.sort_values(["g2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def keyness(target: Document | Corpus | Dtm, reference: Corpus | Dtm, *, tokenizer: Tokenizer | None = None,
            min_count: int = 1, prior: float = 1.0,
            direction: Literal["both", "over", "under"] = "both") -> pd.DataFrame:
    """Terms the target over- and under-uses relative to a reference corpus.

    Parameters
    ----------
    target : Document, Corpus or Dtm
        The speech (or speeches, pooled).
    reference : Corpus or Dtm
        The reference corpus, pooled. Target documents found in it (same doc_id) are left out.
    tokenizer : Tokenizer, optional
        Tokenizes the sides given as texts. Default: the tokenizer the Dtm side was built
        with, else ``Tokenizer()``; one that differs from a Dtm side's raises InputError.
    min_count : int
        Keep terms with at least this many occurrences in target and reference together.
    prior : float
        Scale of the Dirichlet prior of ``z_logodds`` (see :func:`keyness_table`).
    direction : {"both", "over", "under"}
        ``"over"``: over-used terms only (g2 > 0), strongest first; ``"under"``: under-used
        only, strongest first; ``"both"``: every term, over-used first, under-used last.

    Returns
    -------
    DataFrame
        One row per term: term, n_target, n_reference, per_10k_target, per_10k_reference,
        g2 (signed: negative = under-used), p, log_ratio (base 2), z_logodds.

    Examples
    --------
    >>> keyness(tm.clean(tm.bundled_speech()), tm.clean(tm.bundled_corpus())).head(20)  # doctest: +SKIP
    """
    if direction not in ("both", "over", "under"):
        raise InputError(f"direction={direction!r}: expected 'both', 'over' or 'under'")
    if not isinstance(min_count, int) or min_count < 1:
        raise InputError(f"min_count={min_count!r}: expected a whole number >= 1")
    sides = as_dtms({"target": target, "reference": reference}, tokenizer=tokenizer)
    t, r = _align(sides["target"], sides["reference"])
    if r.n_docs == 0:
        raise InputError("reference is empty (after leaving out the target's documents); expected a corpus")
    a = np.asarray(t.counts.sum(axis=0)).ravel()
    b = np.asarray(r.counts.sum(axis=0)).ravel()
    table = keyness_table(a, b, t.vocab, prior=prior)
    table = table[table.n_target + table.n_reference >= min_count]
    if direction == "over":
        table = table[table.g2 > 0]
    elif direction == "under":
        table = table[table.g2 < 0].iloc[::-1]
    return table.reset_index(drop=True)


def peer_keyness(target: Document | Dtm, peers: Corpus | Dtm, *, tokenizer: Tokenizer | None = None,
                 min_count: int = 2) -> pd.DataFrame:
    """Place the target's rate of each term within the spread across individual peer speeches.

    Pooling a reference corpus hides how much its speeches differ; here each peer
    keeps its own rate (per 10,000 tokens), and the target's rate is located among them.

    Parameters
    ----------
    target : Document or single-document Dtm
    peers : Corpus or Dtm
        At least two peer speeches.
    min_count : int
        Keep terms the target uses at least this often.

    Returns
    -------
    DataFrame
        term, n_target, per_10k_target, peer_mean, peer_sd, peer_max, n_peers_using,
        percentile (share of peers whose rate is below the target's, ties counting half,
        0–100), z ((target − peer mean) / peer sd; NaN when the peers do not vary),
        sorted by z then percentile, most distinctive first.
    """
    sides = as_dtms({"target": target, "peers": peers}, tokenizer=tokenizer)
    t, p = _align(sides["target"], sides["peers"])
    if t.n_docs != 1:
        t = t.total()
    if p.n_docs < 2:
        raise InputError(f"peers has {p.n_docs} document(s); expected at least 2 to measure their spread")
    a = np.asarray(t.counts.sum(axis=0)).ravel().astype(float)
    if a.sum() == 0:
        raise InputError("target has no tokens; expected a text with Chinese content words")
    keep = np.flatnonzero(a >= min_count)
    rate_t = a[keep] / a.sum() * 1e4
    lengths = np.asarray(p.counts.sum(axis=1)).ravel().astype(float)
    lengths[lengths == 0] = np.nan
    peer_counts = p.counts[:, keep].toarray().astype(float)
    rates = peer_counts / lengths[:, None] * 1e4
    rates = rates[~np.isnan(lengths)]
    mean = rates.mean(axis=0)
    sd = rates.std(axis=0, ddof=1)
    below = (rates < rate_t).sum(axis=0)
    ties = (rates == rate_t).sum(axis=0)
    pct = (below + 0.5 * ties) / rates.shape[0] * 100
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(sd > 0, (rate_t - mean) / sd, np.nan)
    out = pd.DataFrame({
        "term": [t.vocab[i] for i in keep], "n_target": a[keep].astype(np.int64), "per_10k_target": rate_t,
        "peer_mean": mean, "peer_sd": sd, "peer_max": rates.max(axis=0),
        "n_peers_using": (peer_counts > 0).sum(axis=0), "percentile": pct, "z": z,
    })
    return out.sort_values(["z", "percentile", "term"], ascending=[False, False, True],
                           na_position="last", kind="stable").reset_index(drop=True)
