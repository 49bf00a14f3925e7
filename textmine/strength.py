"""Directive strength (政策力度): how hard a speech commands, per sentence, section and department.

Each sentence holding a marker of the directive-strength codebook
(``bundled_codebook("directive_strength")``, documented in
``textmine/resources/README.md``) is a directive sentence, and gets the level of
its strongest marker:

======  =====  ===========================================
level   score  markers (examples)
======  =====  ===========================================
强制    4      必须, 严禁, 坚决, 一律, 务必, 不得, 严格
要求    3      要, 应当, 确保, 切实, 一要…十要
引导    2      鼓励, 支持, 引导, 推动, 积极, 力争
可选    1      可以 (not 可以说), 有条件的, 视情, 酌情
======  =====  ===========================================

The strongest marker decides because one 必须 makes a sentence binding whatever
softer words surround it (要坚决打击… is a 强制 sentence). A profile gives, for a
speech, a section or a department, the share of its directive sentences at each
level and their mean score. A custom codebook lists its levels strongest first;
they score n, n−1, …, 1.

Known limits: markers are counted wherever they occur, so a rhetorical 必须
(我们也必须清醒地看到…) counts as a command, and a sentence that commands without
a marker (抓好…工作。) is not a directive sentence.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from functools import partial
from typing import Any, Literal

import numpy as np
import pandas as pd

from .codebook import Codebook, bundled_codebook, codebook as _codebook
from .coding import _documents, code_kwic
from ._stats import percentile_of_score
from ._workers import map_documents  # a large corpus in worker processes, document by document
from .errors import InputError
from .structure import duties, outline, sentences
from .tokenize import Tokenizer

__all__ = ["directive_strength", "strength_profile", "LEVEL_SCORES", "UNNAMED_BODY"]

#: Score of each level of the bundled codebook (strongest first).
LEVEL_SCORES: dict[str, int] = {"强制": 4, "要求": 3, "引导": 2, "可选": 1}
#: The ``body`` of a directive sentence that names no department.
UNNAMED_BODY = "（未指明）"

By = Literal["sentence", "section", "body", "document"]


def _levels(cb: Codebook) -> dict[str, int]:
    cats = cb.categories
    if set(cats) == set(LEVEL_SCORES):
        return dict(sorted(LEVEL_SCORES.items(), key=lambda kv: -kv[1]))
    return {c: len(cats) - i for i, c in enumerate(cats)}


def _strength_codebook(codebook: Any) -> Codebook:
    return bundled_codebook("directive_strength") if codebook is None else _codebook(codebook)


def _marks(doc: Any, cb: Codebook, tokenizer: Tokenizer | None) -> tuple[pd.DataFrame, np.ndarray,
                                                                          dict[int, list[tuple[str, str]]]]:
    """The document's sentences, their starts, and the codebook marks (level, keyword) of each directive sentence."""
    sents = sentences(doc)
    starts = sents["start"].to_numpy()
    ends = sents["end"].to_numpy()
    hits = code_kwic(doc, cb, tokenizer=tokenizer)
    by_sent: dict[int, list[tuple[str, str]]] = {}
    for s, cat, kw in zip(hits["start"], hits["category"], hits["keyword"]):
        k = int(np.searchsorted(starts, s, side="right")) - 1
        if k >= 0 and s < ends[k]:
            by_sent.setdefault(k, []).append((cat, kw))
    return sents, starts, by_sent


def _directive_levels(doc: Any, cb: Codebook, tokenizer: Tokenizer | None) -> tuple[pd.DataFrame, int]:
    """The ``level`` and ``score`` of each directive sentence (as :func:`_sentence_table` has them) and the
    number of sentences: all a profile needs. The duties and the outline that the sentence rows add
    are left out, so profiling a large reference corpus costs only the codebook match."""
    levels = _levels(cb)
    sents, _starts, by_sent = _marks(doc, cb, tokenizer)
    lv = [max((m[0] for m in by_sent[k]), key=levels.__getitem__) for k in sorted(by_sent)]
    table = pd.DataFrame({"level": pd.Series(lv, dtype=object), "score": pd.Series([levels[x] for x in lv],
                                                                                       dtype="int64")})
    return table, len(sents)


def _sentence_table(doc: Any, cb: Codebook, tokenizer: Tokenizer | None) -> pd.DataFrame:
    """Every directive sentence of one document (see :func:`directive_strength`)."""
    levels = _levels(cb)
    sents, starts, by_sent = _marks(doc, cb, tokenizer)
    bodies: dict[int, list[str]] = {}
    d = duties(doc)
    for names, s in zip(d["bodies"], d["start"]):
        k = int(np.searchsorted(starts, s, side="right")) - 1
        bodies.setdefault(k, [])
        bodies[k] += [b for b in names if b not in bodies[k]]
    o = outline(doc)
    o_starts = o["start"].to_numpy()
    rows = []
    for k in sorted(by_sent):
        marks = by_sent[k]
        level = max((m[0] for m in marks), key=levels.__getitem__)
        j = int(np.searchsorted(o_starts, starts[k], side="right")) - 1
        rows.append({"doc_id": doc.doc_id, "sent_id": int(sents["sent_id"].iat[k]),
                     "path": o["path"].iat[j] if j >= 0 else "", "title": o["title"].iat[j] if j >= 0 else "",
                     "bodies": tuple(bodies.get(k, ())), "level": level, "score": levels[level],
                     "markers": tuple(m[1] for m in marks), "text": sents["text"].iat[k],
                     "start": int(starts[k]), "end": int(sents["end"].iat[k])})
    cols = ["doc_id", "sent_id", "path", "title", "bodies", "level", "score", "markers", "text", "start", "end"]
    out = pd.DataFrame(rows, columns=cols)
    return out.astype({"sent_id": "int64", "score": "int64", "start": "int64", "end": "int64"})


def _profile(group: pd.DataFrame, levels: Mapping[str, int]) -> dict[str, Any]:
    n = len(group)
    row: dict[str, Any] = {"n_directives": n}
    counts = group["level"].value_counts()
    for lv in levels:
        row[f"n_{lv}"] = int(counts.get(lv, 0))
    for lv in levels:
        row[f"share_{lv}"] = row[f"n_{lv}"] / n if n else float("nan")
    row["mean_score"] = float(group["score"].mean()) if n else float("nan")
    return row


def directive_strength(doc: Any, *, by: By = "sentence", codebook: Codebook | Mapping[str, Any] | str | None = None,
                       tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """The level of every directive sentence, or the strength profile per section, department or document.

    Parameters
    ----------
    doc : Document, Corpus, list of Documents or str
    by : {"sentence", "section", "body", "document"}, keyword-only
        ``"sentence"``: one row per directive sentence; the others: one profile row
        per outline section, per department named in a directive
        (:func:`textmine.duties`) or per document.
    codebook : Codebook, mapping or path, optional, keyword-only
        Levels, strongest first (default: the bundled directive-strength codebook).
    tokenizer : Tokenizer, optional, keyword-only

    Returns
    -------
    DataFrame
        ``by="sentence"``: ``doc_id, sent_id, path, title`` (the outline section),
        ``bodies`` (tuple: the departments told to act in the sentence),
        ``level``, ``score`` (see the module docstring), ``markers`` (tuple: the
        markers found, in text order), ``text, start, end``.

        Profiles: the grouping columns (``doc_id`` and ``path, title`` | ``body`` |
        nothing), then ``n_directives``, ``n_<level>`` (count of each level), ``share_<level>``
        (n_<level> / n_directives, NaN without directives) and ``mean_score``.
        By section, every outline section is listed, with ``n_sentences`` and
        ``directive_share`` = n_directives / n_sentences; by body, a directive
        sentence naming no department counts under ``（未指明）``, and bodies are
        sorted by n_directives.
    """
    if by not in ("sentence", "section", "body", "document"):
        raise InputError(f"by={by!r}: expected 'sentence', 'section', 'body' or 'document'")
    cb = _strength_codebook(codebook)
    levels = _levels(cb)
    docs = _documents(doc, "doc")
    if not docs:
        raise InputError("doc holds no documents; expected a speech or a corpus")
    tables = [_sentence_table(d, cb, tokenizer) for d in docs]
    table = pd.concat(tables, ignore_index=True)
    if by == "sentence":
        return table
    rows = []
    if by == "document":
        for d, t in zip(docs, tables):
            rows.append({"doc_id": d.doc_id, **_profile(t, levels)})
    elif by == "section":
        for d, t in zip(docs, tables):
            o = outline(d)
            n_sent = np.bincount(np.clip(np.searchsorted(o["start"].to_numpy(), sentences(d)["start"].to_numpy(),
                                                         side="right") - 1, 0, None), minlength=len(o))
            for j, (path, title) in enumerate(zip(o["path"], o["title"])):
                prof = _profile(t[t.path == path], levels)
                rows.append({"doc_id": d.doc_id, "path": path, "title": title, "n_sentences": int(n_sent[j]), **prof,
                             "directive_share": prof["n_directives"] / n_sent[j] if n_sent[j] else float("nan")})
    else:
        exploded = table.assign(body=[b if b else (UNNAMED_BODY,) for b in table["bodies"]]).explode("body")
        for (doc_id, body), g in exploded.groupby(["doc_id", "body"], sort=False):
            rows.append({"doc_id": doc_id, "body": body, **_profile(g, levels)})
    out = pd.DataFrame(rows)
    if by == "body" and len(out):
        out = out.sort_values(["doc_id", "n_directives", "mean_score"], ascending=[True, False, False],
                              kind="stable").reset_index(drop=True)
    if len(out) == 0:
        key = {"document": ["doc_id"], "section": ["doc_id", "path", "title", "n_sentences"],
               "body": ["doc_id", "body"]}[by]
        out = pd.DataFrame(columns=key + list(_profile(table.iloc[:0], levels)))
    out.attrs["levels"] = levels
    return out


def strength_profile(target: Any, reference: Any, *, peers_by: str | None = "policy_area",
                     codebook: Codebook | Mapping[str, Any] | str | None = None,
                     tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """The speech's strength profile against a reference corpus and against its same-area peers.

    Parameters
    ----------
    target : Document
    reference : Corpus or list of Documents
        Documents with the target's doc_id are left out (with a warning).
    peers_by : str or None, keyword-only
        Metadata field that defines the peers: the reference documents whose value
        equals the target's (default ``"policy_area"``). None: no peer columns.
    codebook, tokenizer : see :func:`directive_strength`

    Returns
    -------
    DataFrame
        One row per measure: ``share_<level>`` for each level, then ``mean_score``
        and ``directive_share`` (directive sentences / sentences). Columns:

        - ``measure``, ``target``;
        - ``reference``: the measure over the pooled reference sentences;
        - ``reference_median``: the median of the reference documents' values;
        - ``percentile``: the target's place among the reference documents'
          values, ``scipy.stats.percentileofscore(values, target, kind="mean")``
          (documents without directives are left out);
        - ``peers``, ``peers_percentile``: the same over the peers;
        - ``n_reference``, ``n_peers``: documents compared.
    """
    docs = _documents(target, "target")
    if len(docs) != 1:
        raise InputError(f"target holds {len(docs)} documents; expected one speech")
    t = docs[0]
    ref = _documents(reference, "reference")
    if any(d.doc_id == t.doc_id for d in ref):
        warnings.warn(f"the target {t.doc_id!r} is also in the reference; it was left out of the reference",
                      stacklevel=2)
        ref = [d for d in ref if d.doc_id != t.doc_id]
    if not ref:
        raise InputError("reference is empty (after leaving out the target); expected a corpus")
    cb = _strength_codebook(codebook)
    levels = _levels(cb)

    # a peer is also a reference document: each is profiled once (a large corpus in worker processes)
    done: dict[int, tuple[pd.DataFrame, int]] = dict(zip(map(id, ref), map_documents(
        partial(_directive_levels, cb=cb, tokenizer=tokenizer), ref)))

    def levels_of(d: Any) -> tuple[pd.DataFrame, int]:
        if id(d) not in done:
            done[id(d)] = _directive_levels(d, cb, tokenizer)
        return done[id(d)]

    def measures(doc_list: list[Any]) -> pd.DataFrame:
        """Per document and pooled: the shares, the mean score and the directive share."""
        sents = [levels_of(d)[0] for d in doc_list]
        n_sent = [levels_of(d)[1] for d in doc_list]
        per_doc = []
        for table, n in zip(sents, n_sent):
            prof = _profile(table, levels)
            per_doc.append({**{f"share_{lv}": prof[f"share_{lv}"] for lv in levels}, "mean_score": prof["mean_score"],
                            "directive_share": prof["n_directives"] / n if n else float("nan")})
        pooled_table = pd.concat(sents, ignore_index=True)
        prof = _profile(pooled_table, levels)
        pooled = {**{f"share_{lv}": prof[f"share_{lv}"] for lv in levels}, "mean_score": prof["mean_score"],
                  "directive_share": prof["n_directives"] / sum(n_sent) if sum(n_sent) else float("nan")}
        return pd.DataFrame(per_doc + [pooled], index=[d.doc_id for d in doc_list] + ["\0pooled"])

    tv = measures([t]).iloc[0]
    rv = measures(ref)
    key = peers_by and t.meta.get(peers_by)
    peers = [d for d in ref if key is not None and key != "" and d.meta.get(peers_by) == key] if peers_by else []
    pv = measures(peers) if peers else None

    def pct(values: pd.Series, x: float) -> float:
        return percentile_of_score(values.dropna(), x)  # NaN with no values or a NaN target

    rows = []
    for m in rv.columns:
        docs_r = rv[m].iloc[:-1]
        row = {"measure": m, "target": tv[m], "reference": rv[m].iloc[-1],
               "reference_median": float(docs_r.median()), "percentile": pct(docs_r, tv[m])}
        if pv is not None:
            row.update(peers=pv[m].iloc[-1], peers_percentile=pct(pv[m].iloc[:-1], tv[m]))
        else:
            row.update(peers=float("nan"), peers_percentile=float("nan"))
        row.update(n_reference=len(ref), n_peers=len(peers))
        rows.append(row)
    out = pd.DataFrame(rows)
    out.attrs.update(levels=levels, target=t.doc_id, peers_by=peers_by, peers_value=key)
    return out
