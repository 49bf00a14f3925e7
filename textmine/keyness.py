"""Keyness: which terms a speech over- or under-uses against a reference corpus.

:func:`keyness` pools the reference and compares it with the target term by term
(signed Dunning G² over the full 2×2 table, its p-value, Hardie's log ratio, the
Monroe–Colaresi–Quinn log-odds z-score with an informative Dirichlet prior, Pearson's
χ², and Rayson–Garside's two-cell log-likelihood for comparison with the UCREL
calculator). :func:`peer_keyness` keeps
the reference speeches apart and places the target's rate of each term within the
spread of the individual peers' rates.

References
----------
Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
Rayson, P., & Garside, R. (2000). Comparing corpora using frequency profiling.
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
                   "g2", "p", "log_ratio", "z_logodds", "chi2", "ll_2cell"]


Correction = Literal["none", "williams", "yates"]
CORRECTIONS = ("none", "williams", "yates")

# What each statistic column holds, with its exact formula, for column guides (e.g. the briefing's).
# a, b: the term's count in the target and the reference; C, D: their token totals; N = C + D;
# c = C − a, d = D − b; E: expected counts of the 2×2 table (target/reference × term/other terms).
COLUMN_GUIDE = {
    "g2": "Dunning 对数似然比 G² = 2·Σ O·ln(O/E)，对 2×2 表（本讲话/参照 × 该词/其他词）的全部四格求和"
          "（同 scipy chi2_contingency 的 log-likelihood）；带符号：正值为本讲话多用，负值为少用",
    "p": "G² 的 p 值：自由度为 1 的 χ² 分布在 |G²| 处的上尾概率",
    "log_ratio": "Hardie 对数比 = log₂((a/C)/(b/D))，a、b 为该词在本讲话与参照中的次数（为 0 时用 0.5），"
                 "C、D 为两者的总词数",
    "z_logodds": "Monroe–Colaresi–Quinn 加权对数优势比 z = δ/σ：δ = ln((a+α)/(C+α₀−a−α)) − ln((b+α)/(D+α₀−b−α))，"
                 "σ² = 1/(a+α) + 1/(b+α)，信息性 Dirichlet 先验 α = prior·(a+b)，α₀ 为全部词的 α 之和",
    "chi2": "Pearson χ² = Σ (O−E)²/E = N(ad−bc)²/((a+b)(c+d)(a+c)(b+d))，同一张 2×2 表"
            "（c = C−a，d = D−b，N = C+D）；带符号",
    "ll_2cell": "Rayson–Garside 两格对数似然 = 2·(a·ln(a/E₁) + b·ln(b/E₂))，E₁ = C(a+b)/N，E₂ = D(a+b)/N，"
                "只含该词的两格（UCREL 对数似然计算器的算法），不是 Dunning 的 G²；带符号",
}

_CORRECTION_LABELS = {"none": "", "williams": "，Williams 校正", "yates": "，Yates 校正"}


def _measure_labels(correction: str) -> dict[str, str]:
    """Axis labels naming each statistic (plots read them from the table's ``attrs``)."""
    fix = _CORRECTION_LABELS[correction]
    return {
        "g2": f"Dunning 对数似然比 G²（2×2 表{fix}；正值：本讲话多用；负值：少用）",
        "chi2": f"Pearson χ²（2×2 表{fix}；正值：本讲话多用；负值：少用）",
        "ll_2cell": "Rayson–Garside 两格对数似然（正值：本讲话多用；负值：少用）",
        "log_ratio": "Hardie 对数比 Log Ratio（以 2 为底）",
        "z_logodds": "加权对数优势比 z 值（Monroe 等 2008，信息先验）",
    }


def _xlogx_over(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    """o·ln(o/e) with 0·ln 0 = 0 (a cell with o > 0 always has e > 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(o > 0, o * np.log(np.where(o > 0, o, 1.0) / np.where(e > 0, e, 1.0)), 0.0)


def _align(target: Dtm, reference: Dtm) -> tuple[Dtm, Dtm]:
    overlap = set(target.doc_ids) & set(reference.doc_ids)
    if overlap:
        warnings.warn(f"{len(overlap)} target document(s) are also in the reference "
                      f"({sorted(overlap)[:3]}); they were left out of the reference", stacklevel=3)
        reference = reference.drop_docs(overlap)
    vocab = list(target.vocab) + [t for t in reference.vocab if t not in target._index]
    return target.match(vocab), reference.match(vocab)


def keyness_table(a: np.ndarray, b: np.ndarray, terms: Any, *, prior: float = 1.0,
                  correction: Correction = "none") -> pd.DataFrame:
    r"""Keyness statistics from two count vectors (target ``a``, reference ``b``) over the same terms.

    Each term w gets its own 2×2 contingency table, with C = Σ a and D = Σ b the
    target's and the reference's token totals and N = C + D:

    ============  =========  =========
    \             term w     other terms
    ============  =========  =========
    target        a          c = C − a
    reference     b          d = D − b
    ============  =========  =========

    and expected counts E_ij = (row total i)·(column total j) / N, e.g.
    E11 = C(a + b)/N, E21 = D(a + b)/N.

    Parameters
    ----------
    a, b : array of int
        Counts of each term in the target and in the reference.
    terms : sequence of str
    prior : float
        Scale of the informative Dirichlet prior of ``z_logodds``: alpha_w =
        prior × (a_w + b_w), the pooled counts (Monroe et al. 2008, §3.5.1).
    correction : {"none", "williams", "yates"}, keyword-only
        Continuity or small-sample correction of ``g2`` and ``chi2`` (the options of
        quanteda's ``textstat_keyness``):

        - ``"none"`` (default): the statistics as defined below; equal to
          ``scipy.stats.contingency.chi2_contingency(table, correction=False,
          lambda_="log-likelihood")`` for ``g2`` (``lambda_=None`` for ``chi2``);
        - ``"yates"``: every observed cell is moved towards its expected count by
          min(0.5, |O − E|) before the statistic is computed, as in scipy's
          ``chi2_contingency(table, correction=True)``; quanteda additionally skips the
          correction when every expected count is at least 5;
        - ``"williams"``: both statistics are divided by Williams' (1976) factor
          q = 1 + (N/(a+b) + N/(c+d) − 1)·(N/(a+c) + N/(b+d) − 1) / (6N); quanteda
          instead leaves a table with a zero cell uncorrected.

    Returns
    -------
    DataFrame
        Columns ``term, n_target, n_reference, per_10k_target, per_10k_reference,
        g2, p, log_ratio, z_logodds, chi2, ll_2cell``, sorted by g2, over-used terms
        first. The signed statistics are positive when a/C ≥ b/D (over-used by the
        target) and negative otherwise:

        - ``per_10k_target`` = 10⁴·a/C, ``per_10k_reference`` = 10⁴·b/D;
        - ``g2``: Dunning's (1993) log-likelihood ratio over all four cells,
          G² = 2·Σ_ij O_ij·ln(O_ij / E_ij) (0·ln 0 = 0), divided by q or from the
          Yates-adjusted cells if ``correction`` says so;
        - ``p``: P(χ²₁ > |g2|), the upper tail of the χ² distribution with 1 degree of
          freedom;
        - ``log_ratio``: Hardie's (2014) log ratio, log₂((a/C) / (b/D)), with 0.5 in
          place of a zero a or b;
        - ``z_logodds``: Monroe, Colaresi & Quinn's (2008, eq. 16–22) log-odds ratio with
          an informative Dirichlet prior, α_w = prior·(a_w + b_w), α₀ = Σ_w α_w:
          δ_w = ln((a_w + α_w) / (C + α₀ − a_w − α_w)) − ln((b_w + α_w) / (D + α₀ − b_w − α_w)),
          σ²_w = 1/(a_w + α_w) + 1/(b_w + α_w), z = δ_w / σ_w;
        - ``chi2``: Pearson's X² = Σ_ij (O_ij − E_ij)² / E_ij = N(ad − bc)² /
          ((a+b)(c+d)(a+c)(b+d)), corrected like ``g2``;
        - ``ll_2cell``: the two-cell log-likelihood of Rayson & Garside (2000), the
          formula of the UCREL log-likelihood calculator, 2·(a·ln(a/E11) + b·ln(b/E21)):
          only the term's column of the table, never corrected. It is kept to compare
          with figures from that calculator; it is *not* Dunning's G² and is smaller
          than ``g2`` for a frequent term.

        ``attrs["correction"]`` holds ``correction``; ``attrs["labels"]`` maps each
        statistic column to an axis label that names it (read by ``plot_keyness``).

    References
    ----------
    Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
    *Computational Linguistics* 19(1).
    Williams, D. A. (1976). Improved likelihood ratio tests for complete contingency tables.
    *Biometrika* 63(1).
    Rayson, P., & Garside, R. (2000). Comparing corpora using frequency profiling.
    *Workshop on Comparing Corpora*, ACL 2000.
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    c_tot, d_tot = a.sum(), b.sum()
    if c_tot == 0:
        raise InputError("target has no tokens; expected a text with Chinese content words")
    if d_tot == 0:
        raise InputError("reference has no tokens; expected a corpus with Chinese content words")
    if prior <= 0:
        raise InputError(f"prior={prior!r}: expected a positive number")
    if correction not in CORRECTIONS:
        raise InputError(f"correction={correction!r}: expected 'none', 'williams' or 'yates'")
    n = c_tot + d_tot
    c, d = c_tot - a, d_tot - b
    col1, col2 = a + b, c + d
    obs = np.stack([a, b, c, d])
    exp = np.stack([c_tot * col1, d_tot * col1, c_tot * col2, d_tot * col2]) / n
    if correction == "yates":
        # move each cell towards independence by at most 0.5 (never past it), as scipy does
        diff = exp - obs
        obs = obs + np.sign(diff) * np.minimum(0.5, np.abs(diff))
    g2 = np.maximum(2.0 * _xlogx_over(obs, exp).sum(axis=0), 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        chi2 = np.where(exp > 0, (obs - exp) ** 2 / np.where(exp > 0, exp, 1.0), 0.0).sum(axis=0)
    if correction == "williams":
        with np.errstate(divide="ignore", invalid="ignore"):
            q = 1.0 + ((n / col1 + n / col2 - 1.0) * (n / c_tot + n / d_tot - 1.0)) / (6.0 * n)
        q = np.where(np.isfinite(q), q, 1.0)  # an empty row or column: the statistics are 0 anyway
        g2, chi2 = g2 / q, chi2 / q
    ll_2cell = np.maximum(2.0 * (_xlogx_over(a, c_tot * col1 / n) + _xlogx_over(b, d_tot * col1 / n)), 0.0)
    rate_a, rate_b = a / c_tot, b / d_tot
    sign = np.where(rate_a >= rate_b, 1.0, -1.0)
    from scipy.special import chdtrc  # P(chi2 with 1 df > g2); imported here to keep `import textmine` light

    p = chdtrc(1, g2)
    # Hardie's log ratio, with 0.5 in place of a zero count
    log_ratio = np.log2((np.where(a > 0, a, 0.5) / c_tot) / (np.where(b > 0, b, 0.5) / d_tot))
    # Monroe, Colaresi & Quinn (2008): log-odds ratio with an informative Dirichlet prior
    alpha = prior * (a + b)
    a0 = alpha.sum()
    delta = (np.log((a + alpha) / (c_tot + a0 - a - alpha)) - np.log((b + alpha) / (d_tot + a0 - b - alpha)))
    var = 1.0 / (a + alpha) + 1.0 / (b + alpha)
    z = delta / np.sqrt(var)
    out = pd.DataFrame({
        "term": list(terms), "n_target": a.astype(np.int64), "n_reference": b.astype(np.int64),
        "per_10k_target": rate_a * 1e4, "per_10k_reference": rate_b * 1e4,
        "g2": sign * g2, "p": p, "log_ratio": log_ratio, "z_logodds": z,
        "chi2": sign * chi2, "ll_2cell": sign * ll_2cell,
    })
    out = out.sort_values(["g2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out.attrs.update(correction=correction, labels=_measure_labels(correction))
    return out


def keyness(target: Document | Corpus | Dtm, reference: Corpus | Dtm, *, tokenizer: Tokenizer | None = None,
            min_count: int = 1, prior: float = 1.0,
            direction: Literal["both", "over", "under"] = "both",
            correction: Correction = "none") -> pd.DataFrame:
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
    correction : {"none", "williams", "yates"}
        Correction of ``g2`` and ``chi2``, as quanteda's ``textstat_keyness`` offers
        (see :func:`keyness_table`). The default, none, gives the G² and χ² of
        ``scipy.stats.contingency.chi2_contingency(table, correction=False)``.

    Returns
    -------
    DataFrame
        One row per term: term, n_target, n_reference, per_10k_target, per_10k_reference,
        g2 (Dunning's G² over the term's full 2×2 table; signed: negative = under-used),
        p (of g2), log_ratio (Hardie, base 2), z_logodds (Monroe–Colaresi–Quinn),
        chi2 (Pearson's χ², signed), ll_2cell (Rayson–Garside's two-cell log-likelihood,
        signed). :func:`keyness_table` gives the exact formula of each.

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
    table = keyness_table(a, b, t.vocab, prior=prior, correction=correction)
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
        percentile, z — sorted by z then percentile, most distinctive first. With r the
        target's rate (10⁴ · count / tokens) and r_1 … r_m the peers' rates:

        - ``peer_mean`` = Σ r_i / m, ``peer_sd`` = √(Σ (r_i − peer_mean)² / (m − 1));
        - ``percentile`` = 100 · (#{r_i < r} + ½ · #{r_i = r}) / m, the share of peers
          below the target with ties counting half: ``scipy.stats.percentileofscore(
          [r_1, …, r_m], r, kind="mean")``;
        - ``z`` = (r − peer_mean) / peer_sd; NaN when the peers do not vary.
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
