"""Tone: praise of achievements against criticism of problems, per section, and the problems a speech lists.

A work-conference speech usually opens by praising the year's work (取得明显成效,
有效遏制 …), then turns to its shortcomings (存在一些薄弱环节：一是…二是…) before
the tasks. :func:`tone` measures the balance of the two with the bundled tone
codebook (``bundled_codebook("tone")``: categories 成绩 and 问题, documented in
``textmine/resources/README.md``); :func:`problems` finds the passage that lists
the problems and returns each problem it names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

import numpy as np
import pandas as pd

from .codebook import Codebook, bundled_codebook, codebook as _codebook
from .coding import _documents, code, code_kwic
from .errors import InputError
from .structure import enumerations, sentence_spans
from .tokenize import Tokenizer

__all__ = ["tone", "problems", "PROBLEM_CUE"]

PRAISE, PROBLEM = "成绩", "问题"

#: What introduces a list of problems (存在一些薄弱环节：, 问题和不足主要是：, 差距和不足 …).
PROBLEM_CUE = re.compile(
    r"存在(?:着)?(?:的)?(?:一些|不少|很多|诸多|若干|许多|以下)?(?:突出|明显|薄弱)?(?:的)?"
    r"(?:问题|不足|薄弱环节|短板|差距|困难|弱项)"
    r"|(?:问题|差距)和不足|不足之处|(?:问题|不足)(?:主要)?(?:是|有|表现在)[：:]"
    r"|薄弱环节|短板弱项|不容忽视")
# A sentence that starts like this closes the problems passage (下面，我讲三点意见。); used with match(text, pos).
_TRANSITION = re.compile(r"(?:下面|接下来|以下|今天|同志们|针对|为此|对此|因此|总之)")
_LEAD = "，,、：:；; \t\u3000"
_TRAIL = "，,、；;：:。！？!? \t\u3000\n"


def _tone_codebook(codebook: Any) -> Codebook:
    cb = bundled_codebook("tone") if codebook is None else _codebook(codebook)
    if PRAISE not in cb or PROBLEM not in cb:
        raise InputError(f"codebook {cb.source} has categories {list(cb.categories)}; expected '成绩' and '问题'")
    return cb


def tone(doc: Any, *, level: Literal["section", "document"] = "section",
         codebook: Codebook | Mapping[str, Any] | str | None = None,
         tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """The balance of praise (成绩) and criticism (问题) per section or per document.

    Parameters
    ----------
    doc : Document, Corpus, list of Documents or str
    level : {"section", "document"}, keyword-only
        ``"section"``: each outline segment (see :func:`textmine.code`).
    codebook : Codebook, mapping or path, optional, keyword-only
        With categories 成绩 and 问题 (default: the bundled tone codebook).
    tokenizer : Tokenizer, optional, keyword-only

    Returns
    -------
    DataFrame
        ``doc_id`` (and ``path, title, start`` by section), then ``n_praise``,
        ``n_problem`` (matches of 成绩 and 问题), ``n_tokens``, ``praise_per_10k``,
        ``problem_per_10k``, ``balance`` = (n_praise − n_problem) / (n_praise +
        n_problem), from −1 (only problems) to +1 (only praise), NaN when neither
        occurs, and ``praise_terms``, ``problem_terms`` (tuples of the texts matched).
    """
    cb = _tone_codebook(codebook).select([PRAISE, PROBLEM])
    counts = code(doc, cb, tokenizer=tokenizer, level=level)
    key = ["doc_id"] + (["path", "title", "start"] if level == "section" else [])
    praise = counts[counts.category == PRAISE].reset_index(drop=True)
    problem = counts[counts.category == PROBLEM].reset_index(drop=True)
    out = praise[key].copy()
    out["n_praise"] = praise["count"].to_numpy()
    out["n_problem"] = problem["count"].to_numpy()
    out["n_tokens"] = praise["n_tokens"].to_numpy()
    out["praise_per_10k"] = praise["per_10k"].to_numpy()
    out["problem_per_10k"] = problem["per_10k"].to_numpy()
    total = out["n_praise"] + out["n_problem"]
    with np.errstate(invalid="ignore", divide="ignore"):
        out["balance"] = np.where(total > 0, (out["n_praise"] - out["n_problem"]) / total.where(total > 0, 1), np.nan)
    out["praise_terms"] = praise["matched"].to_numpy()
    out["problem_terms"] = problem["matched"].to_numpy()
    return out


def problems(doc: Any, *, codebook: Codebook | Mapping[str, Any] | str | None = None,
             tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """The problems a speech lists (一是…二是…) in its 存在问题 passage.

    An enumeration (:func:`textmine.enumerations`) lists problems when

    - a cue (:data:`PROBLEM_CUE`: 存在一些薄弱环节, 问题和不足, 不足之处 …) stands in
      the sentence of its first marker, before the marker, or in the sentence
      just before; or
    - without a cue, at least two of its items, and more than half, hold a match
      of the tone codebook's 问题 category and none of 成绩.

    Parameters
    ----------
    doc : Document or str
        One speech.
    codebook : Codebook, mapping or path, optional, keyword-only
        With categories 成绩 and 问题 (default: the bundled tone codebook).
    tokenizer : Tokenizer, optional, keyword-only

    Returns
    -------
    DataFrame
        One row per problem, in text order: ``group`` (the enumeration's id in
        :func:`textmine.enumerations`), ``ordinal``, ``marker``, ``problem`` (the
        item: the text after the marker to the end of its sentence), ``detail`` (what
        follows, up to the next marker; after the last item, the rest of the
        paragraph up to a closing sentence such as 下面，我讲三点意见), ``start``,
        ``end`` (offsets of the marker and of the end of ``detail``), ``cue`` (the
        cue text, ``""`` when found by tone) and ``cue_start`` (offset of the
        passage: the cue's sentence, or the first marker).
    """
    docs = _documents(doc, "doc")
    if len(docs) != 1:
        raise InputError(f"doc holds {len(docs)} documents; expected one speech")
    d = docs[0]
    text = d.text
    cols = ["group", "ordinal", "marker", "problem", "detail", "start", "end", "cue", "cue_start"]
    enum = enumerations(d)
    if enum.empty:
        return _empty(cols)
    spans = sentence_spans(text)
    sent_starts = [s for s, _ in spans]
    cb = _tone_codebook(codebook).select([PRAISE, PROBLEM])
    hits = None
    rows = []
    for gid, g in enum.groupby("group", sort=True):
        g = g.sort_values("ordinal", kind="stable")
        first = int(g["start"].iat[0])
        k = int(np.searchsorted(sent_starts, first, side="right")) - 1
        lo = spans[k - 1][0] if k >= 1 else (spans[k][0] if k >= 0 else 0)
        cue = None
        for m in PROBLEM_CUE.finditer(text, lo, first):
            cue = m
        if cue is not None:
            cue_text, cue_start = cue.group(), spans[int(np.searchsorted(sent_starts, cue.start(), "right")) - 1][0]
        else:
            if hits is None:
                hits = code_kwic(d, cb, tokenizer=tokenizer)
            flagged = 0
            for s, e in zip(g["start"], g["end"]):
                inside = hits[(hits.start >= s) & (hits.end <= e)]
                cats = set(inside.category)
                flagged += PROBLEM in cats and PRAISE not in cats
            if not (flagged >= 2 and flagged * 2 > len(g)):
                continue
            cue_text, cue_start = "", first
        starts = g["start"].tolist()
        for i, r in enumerate(g.itertuples(index=False)):
            end = starts[i + 1] if i + 1 < len(starts) else _paragraph_end(text, spans, int(r.end))
            d0, d1 = int(r.end), end
            while d0 < d1 and text[d0] in _LEAD + "。！？!?":
                d0 += 1
            while d1 > d0 and text[d1 - 1] in _TRAIL:
                d1 -= 1
            rows.append({"group": int(gid), "ordinal": int(r.ordinal), "marker": r.marker, "problem": r.item,
                         "detail": text[d0:d1], "start": int(r.start), "end": max(d1, int(r.end)),
                         "cue": cue_text, "cue_start": int(cue_start)})
    if not rows:
        return _empty(cols)
    return pd.DataFrame(rows, columns=cols)


def _paragraph_end(text: str, spans: list[tuple[int, int]], pos: int) -> int:
    """End of the last item's passage: the following sentences of its paragraph, up to a closing sentence."""
    end = pos
    for s, e in spans:
        if e <= pos:
            continue
        if s < pos:  # the item's own sentence
            end = e
            continue
        gap = text[end:s]
        if ("\n" in gap and text[end - 1:end] not in "；;，,、：:") or _TRANSITION.match(text, s):
            break
        end = e
    return end


def _empty(cols: list[str]) -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series(dtype="int64" if c in ("group", "ordinal", "start", "end", "cue_start")
                                     else "object") for c in cols})
    return out
