"""Policy instruments by department: which body is given which supply-, environment- or demand-side tools.

Rothwell and Zegveld's (1985) scheme, as Chinese policy studies use it, sorts
policy instruments into three sides: **供给型** (supply: the government supplies
people, money, facilities, services and technology), **环境型** (environment: it
shapes the conditions, with plans, rules, taxes, finance, appraisal, publicity and
coordination) and **需求型** (demand: it pulls demand, with procurement, pilots,
outsourcing, cooperation and public participation). The bundled codebook
(``bundled_codebook("policy_instruments")``, documented in
``textmine/resources/README.md``) names the sub-instruments and their words.

Instruments are counted only in directives, so the result says who is given what:

- each directive of :func:`textmine.duties` (a department, a modal and the duty
  clause after it): the instruments in its duty clause are given to its
  departments;
- each other directive sentence (:func:`textmine.strength.directive_strength`:
  a sentence with a strength marker but no named department): its instruments are
  given to ``（未指明）``.

Reference: Rothwell, R., & Zegveld, W. (1985). *Reindustrialization and Technology*.
Longman.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any, Literal

import numpy as np
import pandas as pd

from .codebook import Codebook, bundled_codebook, codebook as _codebook
from .coding import _documents, code_kwic
from .errors import InputError
from .strength import UNNAMED_BODY, directive_strength
from .structure import duties
from .tokenize import Tokenizer

__all__ = ["policy_instruments", "directives", "INSTRUMENT_SIDES"]

#: The three sides, in the scheme's order, with their English names.
INSTRUMENT_SIDES: dict[str, str] = {"供给型": "supply", "环境型": "environment", "需求型": "demand"}


def directives(doc: Any, *, bodies: Any = None, tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """The directives of a speech, each with its departments and its text span.

    Parameters
    ----------
    doc : Document or str
    bodies : see :func:`textmine.duties`, keyword-only
    tokenizer : Tokenizer, optional, keyword-only
        Used to find directive sentences that name no department.

    Returns
    -------
    DataFrame
        One row per directive, in text order: ``bodies`` (tuple; ``("（未指明）",)``
        for a directive sentence naming no department), ``directive`` (the duty
        clause, or the whole sentence), ``start``, ``end`` (offsets of
        ``directive`` in the text) and ``sentence``.
    """
    d = _documents(doc, "doc")
    if len(d) != 1:
        raise InputError(f"doc holds {len(d)} documents; expected one speech")
    d = d[0]
    text = d.text
    rows = []
    duty_rows = duties(d, bodies=bodies)
    for names, duty, sentence, start in zip(duty_rows["bodies"], duty_rows["duty"], duty_rows["sentence"],
                                            duty_rows["start"]):
        s = text.find(duty, start)
        if s < 0:  # the duty is always a slice of the text; keep the run start if not
            s = start
        rows.append({"bodies": tuple(names), "directive": duty, "start": s, "end": s + len(duty),
                     "sentence": sentence})
    named = [(r["start"], r["end"]) for r in rows]
    strength = directive_strength(d, tokenizer=tokenizer)
    for s, e, t in zip(strength["start"], strength["end"], strength["text"]):
        if not any(s <= a < e for a, _ in named):
            rows.append({"bodies": (UNNAMED_BODY,), "directive": t, "start": int(s), "end": int(e), "sentence": t})
    out = pd.DataFrame(rows, columns=["bodies", "directive", "start", "end", "sentence"])
    return out.sort_values("start", kind="stable").reset_index(drop=True).astype({"start": "int64", "end": "int64"})


def policy_instruments(doc: Any, *, by: Literal["body", "directive"] = "body",
                       codebook: Codebook | Mapping[str, Any] | str | None = None, bodies: Any = None,
                       tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """Which department is given which policy instruments.

    Parameters
    ----------
    doc : Document or str
        One speech.
    by : {"body", "directive"}, keyword-only
        ``"body"``: one row per department and instrument; ``"directive"``: one row
        per directive and instrument.
    codebook : Codebook, mapping or path, optional, keyword-only
        Categories ``side/instrument`` (default: the bundled policy-instrument codebook).
    bodies : see :func:`textmine.duties`, keyword-only
    tokenizer : Tokenizer, optional, keyword-only

    Returns
    -------
    DataFrame
        ``by="body"``: ``body``, ``side`` (供给型/环境型/需求型), ``instrument``,
        ``n_directives`` (the body's directives using the instrument), ``count``
        (matches), ``keywords`` (tuple: distinct words matched, most frequent first)
        and ``n_body_directives`` (all directives of the body); bodies in order of
        their number of directives, then sides and instruments in codebook order.

        ``by="directive"``: ``start`` (of the directive), ``bodies`` (tuple),
        ``side``, ``instrument``, ``count``, ``keywords``, ``directive``.

    Examples
    --------
    >>> policy_instruments("财政部门要保障禁毒经费。")[["body", "instrument"]].values.tolist()  # doctest: +SKIP
    [['财政', '资金投入']]
    """
    if by not in ("body", "directive"):
        raise InputError(f"by={by!r}: expected 'body' or 'directive'")
    cb = bundled_codebook("policy_instruments") if codebook is None else _codebook(codebook)
    dirs = directives(doc, bodies=bodies, tokenizer=tokenizer)
    d = _documents(doc, "doc")[0]
    hits = code_kwic(d, cb, tokenizer=tokenizer)
    starts, ends = dirs["start"].to_numpy(), dirs["end"].to_numpy()
    per: dict[tuple[int, str], Counter[str]] = {}
    for s, e, cat, kw in zip(hits["start"], hits["end"], hits["category"], hits["keyword"]):
        k = int(np.searchsorted(starts, s, side="right")) - 1
        if k >= 0 and e <= ends[k]:
            per.setdefault((k, cat), Counter())[kw] += 1
    order = {c: i for i, c in enumerate(cb.categories)}

    def split(cat: str) -> tuple[str, str]:
        side, _, inst = cat.partition("/")
        return (side, inst) if inst else ("", side)

    rows = []
    for (k, cat), kws in sorted(per.items(), key=lambda kv: (kv[0][0], order[kv[0][1]])):
        side, inst = split(cat)
        rows.append({"start": int(starts[k]), "bodies": dirs["bodies"].iat[k], "side": side, "instrument": inst,
                     "count": int(sum(kws.values())), "keywords": _ranked(kws), "directive": dirs["directive"].iat[k]})
    if by == "directive":
        table = pd.DataFrame(rows, columns=["start", "bodies", "side", "instrument", "count", "keywords", "directive"])
        return table.astype({"start": "int64", "count": "int64"})
    body_dirs = Counter(b for names in dirs["bodies"] for b in names)
    first = {}
    for names in dirs["bodies"]:
        for b in names:
            first.setdefault(b, len(first))
    agg: dict[tuple[str, str], dict[str, Any]] = {}
    for (k, cat), kws in per.items():
        for b in dirs["bodies"].iat[k]:
            a = agg.setdefault((b, cat), {"n": 0, "count": 0, "kw": Counter()})
            a["n"] += 1
            a["count"] += sum(kws.values())
            a["kw"].update(kws)
    out_rows = [{"body": b, "side": split(cat)[0], "instrument": split(cat)[1], "n_directives": a["n"],
                 "count": a["count"], "keywords": _ranked(a["kw"]), "n_body_directives": body_dirs[b]}
                for (b, cat), a in sorted(agg.items(), key=lambda kv: (-body_dirs[kv[0][0]], first[kv[0][0]],
                                                                       order[kv[0][1]]))]
    out = pd.DataFrame(out_rows, columns=["body", "side", "instrument", "n_directives", "count", "keywords",
                                          "n_body_directives"])
    out.attrs["sides"] = list(dict.fromkeys(split(c)[0] for c in cb.categories))
    out.attrs["instruments"] = [split(c) for c in cb.categories]
    return out.astype({"n_directives": "int64", "count": "int64", "n_body_directives": "int64"})


def _ranked(counts: Counter[str]) -> tuple[str, ...]:
    return tuple(w for w, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0])))
