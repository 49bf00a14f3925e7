"""Small statistics shared by the codebook analyses, without importing :mod:`scipy.stats`.

``scipy.stats`` takes about half a second to import (it loads every distribution), which the
report paid for one function; :func:`percentile_of_score` gives the same numbers.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .errors import InputError

__all__ = ["percentile_of_score"]


def percentile_of_score(values: Any, score: float) -> float:
    """``scipy.stats.percentileofscore(values, score, kind="mean")``, bit for bit.

    The share of ``values`` (one-dimensional) below ``score``, ties counting half, in percent.
    NaN when ``values`` is empty or holds a NaN (scipy's ``nan_policy="propagate"``), or
    ``score`` is NaN.

    Raises
    ------
    InputError
        ``values`` is not one-dimensional (as scipy refuses it).
    """
    a = np.asarray(values, dtype=float)
    if a.ndim != 1:
        raise InputError(f"values has shape {a.shape}; expected one dimension")
    if a.size == 0 or np.isnan(score) or np.isnan(a).any():
        return float("nan")
    left = np.count_nonzero(a < score)
    right = np.count_nonzero(a <= score)
    return float((left + right) * (50.0 / a.size))  # scipy's own arithmetic, so the floats agree
