"""Coding a speech with a codebook: counts per document or section, matches in context, category keyness.

How entries match (see :mod:`textmine.codebook` for the entry syntax):

- a word matches whole tokens, in a segmentation whose dictionary holds the
  codebook's words (:func:`coding_tokenizer`), so a category word is never split
  and ``要`` does not match inside 重要 or 需要. It also matches the start or the
  end of a longer token that the segmenter keeps whole when the rest of that token
  is itself a dictionary word of two or more characters (严格 in 严格执行, 宣传 in
  禁毒宣传), unless the rest is a head that names a body or a group (部门, 机构,
  人员, 单位 …: 教育 does not match in 教育部门);
- a phrase matches its words as consecutive tokens;
- a regular expression matches the text itself, also inside a longer token.

Matches of one category never overlap: where two entries of a category cover the
same characters, the earlier and longer match is kept. Rates are per 10,000
running tokens: every token of that segmentation that holds a letter, digit or
Chinese character (punctuation and spaces are not counted; stopwords are).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from ._text import WORDISH as _WORDISH
from .codebook import Codebook, Entry, _load
from .corpus import Corpus, Document
from .errors import InputError
from .structure import outline
from .tokenize import Tokenizer

__all__ = ["code", "code_kwic", "category_keyness", "coding_tokenizer"]

logger = logging.getLogger(__name__)

CodebookLike = Codebook | Mapping[str, Any] | str | os.PathLike

# ----------------------------------------------------------------------------- the coding tokenizer

def _base(tokenizer: Tokenizer | None) -> Tokenizer:
    if tokenizer is None:
        return Tokenizer()
    if not isinstance(tokenizer, Tokenizer):
        raise InputError(f"tokenizer is a {type(tokenizer).__name__}; expected a textmine Tokenizer or None")
    return tokenizer


def _cache_dir(tok: Tokenizer) -> Path:
    # the same folder the tokenizer caches its tokens in
    if tok.cache_dir is not None:
        return Path(tok.cache_dir)
    env = os.environ.get("TEXTMINE_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("textmine", appauthor=False))


def _derive(base: Tokenizer, extra_dict: Path) -> Tokenizer:
    base.engine_  # noqa: B018 - validates the options and fills stopwords_
    return Tokenizer(backend=base.backend_, userdict=base.userdict, user_dicts=[*base.user_dicts, extra_dict],
                     stopwords=tuple(base.stopwords), extra_stopwords=base.stopwords_, keep_pos=base.keep_pos,
                     min_len=base.min_len, drop_numbers=base.drop_numbers, hmm=base.hmm, cache=base.cache,
                     cache_dir=base.cache_dir)


def _write_dict(folder: Path, freqs: Mapping[str, int]) -> Path:
    body = "".join(f"{w} {f}\n" for w, f in sorted(freqs.items()))
    text = "# codebook words for textmine (written by textmine.codebook; safe to delete)\n" + body
    path = folder / f"codebook-{hashlib.sha256(text.encode()).hexdigest()[:16]}.txt"
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)  # atomic: a reader never sees half a file
    return path


_TOKENIZERS: dict[tuple[Any, ...], Tokenizer] = {}


def coding_tokenizer(codebook: CodebookLike, tokenizer: Tokenizer | None = None) -> Tokenizer:
    """A tokenizer like ``tokenizer`` (default ``Tokenizer()``) whose dictionary also holds the codebook's words.

    Each word that the tokenizer would split gets a dictionary entry with five
    times the frequency its segmenter suggests to keep it whole (at least 20, as
    for the bundled user dictionary), doubled until the word comes out as one
    token. Words already kept whole are left alone. The entries go to a
    jieba-format file in the token cache folder (named by their hash), passed as
    one more ``user_dicts`` file; the given tokenizer is not changed. The result is
    cached per codebook and tokenizer settings.
    """
    words = _load(codebook).words
    base = _base(tokenizer)
    base.engine_  # noqa: B018 - loads the dictionary before the key is taken
    key = (words, base.fingerprint, base.backend_, base.cache, str(base.cache_dir))
    if key in _TOKENIZERS:
        return _TOKENIZERS[key]
    split = [w for w in words if base.segment(w) != [w]]
    if not split:
        tok = base
    else:
        engine = base.engine_
        freqs = {w: max(20, 5 * int(engine.suggest_freq(w))) for w in split}
        folder = _cache_dir(base) / "codebooks"
        for _ in range(12):
            tok = _derive(base, _write_dict(folder, freqs))
            still = [w for w in freqs if tok.segment(w) != [w]]
            if not still:
                break
            for w in still:
                freqs[w] *= 2
        else:
            logger.warning("codebook words still split by the segmenter: %s", still[:10])
    _TOKENIZERS[key] = tok
    return tok


# ----------------------------------------------------------------------------- matching

@functools.lru_cache(maxsize=32)
def _compiled(cb: Codebook) -> tuple[dict[str, list[Entry]], dict[str, list[tuple[tuple[str, ...], Entry]]],
                                     list[tuple[re.Pattern[str], Entry]]]:
    words: dict[str, list[Entry]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
    regexes: list[tuple[re.Pattern[str], Entry]] = []
    for e in cb.entries:
        if e.kind == "word":
            words.setdefault(e.pattern, []).append(e)
        elif e.kind == "phrase":
            parts = tuple(e.pattern.split())
            phrases.setdefault(parts[0], []).append((parts, e))
        else:
            regexes.append((re.compile(e.regex), e))
    return words, phrases, regexes


def _token_spans(text: str, tokens: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, token) of each running token (tokens with a word character), in text offsets."""
    out, pos = [], 0
    for t in tokens:
        if text.startswith(t, pos):
            s = pos
        else:  # the segmenter changed a character (it does not for jieba or rjieba): find it
            s = text.find(t, pos)
            if s < 0:
                continue
        pos = s + len(t)
        if _WORDISH.search(t):
            out.append((s, pos, t))
    return out


# Heads that turn a word into the name of a body or a group: 教育 counts in 禁毒教育, not in 教育部门.
_HEADS = frozenset({"部门", "机构", "人员", "单位", "机关", "中心", "基地", "队伍", "办公室", "委员会", "小组"})


def _dictionary_word(tok: Tokenizer) -> Any:
    """A test for "is this string an entry of the segmenter's dictionary" (no HMM guess)."""
    engine = tok.engine_
    if tok.backend_ == "jieba":
        return lambda w: engine.FREQ.get(w, 0) > 0
    return engine.has_word


def _inner_words(token: str, words: Mapping[str, Any], is_word: Any) -> list[tuple[int, int, str]]:
    """Codebook words at the start or the end of a longer token whose rest is a dictionary word of 2+ characters.

    The segmenter keeps some compounds whole (严格执行, 禁毒宣传, 依法打击); their
    parts are words that a codebook means. A one-character rest (重要, 积极性, 教育局)
    or a head from ``_HEADS`` (教育部门, 执法人员) makes a different word, and is
    not matched.
    """
    out = []
    n = len(token)
    for k in range(1, n - 1):
        head, rest = token[:k], token[k:]
        if head in words and rest not in _HEADS and is_word(rest):
            out.append((0, k, head))
        rest, tail = token[:n - k], token[n - k:]
        if tail in words and is_word(rest):
            out.append((n - k, n, tail))
    return out


def _match(text: str, cb: Codebook, tok: Tokenizer) -> tuple[list[tuple[int, int, Entry]], list[int]]:
    """Non-overlapping matches per category (start, end, entry) and the start offset of every running token."""
    words, phrases, regexes = _compiled(cb)
    spans = _token_spans(text, tok.segment(text))
    is_word = _dictionary_word(tok)
    inner: dict[str, list[tuple[int, int, str]]] = {}
    found: list[tuple[int, int, Entry]] = []
    for i, (s, e, t) in enumerate(spans):
        if t in words:
            for entry in words[t]:
                found.append((s, e, entry))
        elif len(t) > 2:
            if t not in inner:
                inner[t] = _inner_words(t, words, is_word)
            for a, b, w in inner[t]:
                found.extend((s + a, s + b, entry) for entry in words[w])
        for parts, entry in phrases.get(t, ()):
            if tuple(x[2] for x in spans[i:i + len(parts)]) == parts:
                found.append((s, spans[i + len(parts) - 1][1], entry))
    for rx, entry in regexes:
        found.extend((m.start(), m.end(), entry) for m in rx.finditer(text) if m.end() > m.start())
    found.sort(key=lambda m: (m[0], -(m[1] - m[0]), m[2].line or 0))
    kept, last_end = [], {}
    for s, e, entry in found:
        if s >= last_end.get(entry.category, -1):
            kept.append((s, e, entry))
            last_end[entry.category] = e
    return kept, [s for s, _, _ in spans]


def _documents(obj: Any, name: str) -> list[Document]:
    if isinstance(obj, str):
        return [Document.from_text(obj)]
    if isinstance(obj, Document):
        return [obj]
    if isinstance(obj, (Corpus, list, tuple)):
        docs = [Document.from_text(d) if isinstance(d, str) else d for d in obj]
        bad = [type(d).__name__ for d in docs if not isinstance(d, Document)]
        if bad:
            raise InputError(f"{name} holds a {bad[0]}; expected Documents or str")
        return docs
    raise InputError(f"{name} is a {type(obj).__name__}; expected a Document, a Corpus, a list of Documents or a str")


def _units(doc: Document, level: str) -> pd.DataFrame:
    if level == "document":
        return pd.DataFrame({"path": [""], "title": [doc.title], "start": [0], "end": [len(doc.text)]})
    o = outline(doc)
    if o.empty:
        return pd.DataFrame({"path": [""], "title": [""], "start": [0], "end": [0]})
    return o[["path", "title", "start", "end"]].reset_index(drop=True)


def code_kwic(doc_or_corpus: Document | Corpus | str, codebook: CodebookLike,
              *, tokenizer: Tokenizer | None = None, category: str | Iterable[str] | None = None,
              window: int = 20) -> pd.DataFrame:
    """Every match of the codebook, with its context (keyword in context).

    Parameters
    ----------
    doc_or_corpus : Document, Corpus, list of Documents or str
    codebook : Codebook, mapping or path (see :func:`codebook`)
    tokenizer : Tokenizer, optional, keyword-only
        Its segmenter, with the codebook's words added (:meth:`Codebook.tokenizer`).
    category : str or iterable of str, optional, keyword-only
        Only these categories (a name ending in ``/`` selects a group).
    window : int, keyword-only
        Characters of context either side.

    Returns
    -------
    DataFrame
        One row per match, in text order: ``doc_id``, ``path`` (the outline section
        of the match), ``category``, ``pattern`` (the entry as written in the codebook),
        ``keyword`` (the text matched), ``start``, ``end`` (offsets into the
        document's text), ``left``, ``right`` (``window`` characters, line breaks
        shown as spaces).
    """
    cb = _load(codebook)
    if category is not None:
        cb = cb.select([category] if isinstance(category, str) else category)
    if not isinstance(window, int) or isinstance(window, bool) or window < 1:
        raise InputError(f"window={window!r}: expected a whole number >= 1")
    tok = coding_tokenizer(cb, tokenizer)
    rows = []
    for d in _documents(doc_or_corpus, "doc_or_corpus"):
        found, _ = _match(d.text, cb, tok)
        units = _units(d, "section")
        starts = units["start"].to_numpy()
        for s, e, entry in found:
            k = max(int(np.searchsorted(starts, s, side="right")) - 1, 0)
            rows.append((d.doc_id, units["path"].iat[k], entry.category, entry.pattern,
                         d.text[s:e], s, e, d.text[max(0, s - window):s].replace("\n", " "),
                         d.text[e:e + window].replace("\n", " ")))
    out = pd.DataFrame(rows, columns=["doc_id", "path", "category", "pattern", "keyword", "start", "end", "left",
                                      "right"])
    return out.astype({"start": "int64", "end": "int64"})


def code(doc_or_corpus: Document | Corpus | str, codebook: CodebookLike,
         *, tokenizer: Tokenizer | None = None, level: Literal["document", "section"] = "document") -> pd.DataFrame:
    """Count each category of a codebook per document or per section.

    Parameters
    ----------
    doc_or_corpus : Document, Corpus, list of Documents or str
    codebook : Codebook, mapping or path (see :func:`codebook`)
    tokenizer : Tokenizer, optional, keyword-only
        Its segmenter, with the codebook's words added (:meth:`Codebook.tokenizer`);
        default ``Tokenizer()``.
    level : {"document", "section"}, keyword-only
        ``"section"``: each outline segment (:func:`textmine.outline`: the text under
        a heading up to the next heading of any level, and the preamble).

    Returns
    -------
    DataFrame
        One row per document (or section) and category, every category listed even
        when it is not found, in document and codebook order:

        - ``doc_id``; with ``level="section"`` also ``path``, ``title``, ``start``;
        - ``category``, ``count`` (matches, see the module docstring);
        - ``n_tokens``: running tokens of the document or section;
        - ``per_10k`` = 10⁴ · count / n_tokens (NaN for a unit without tokens);
        - ``matched``: the distinct texts matched, most frequent first (tuple of str).

    See Also
    --------
    code_kwic : every match in context.
    category_keyness : category rates against a reference corpus.

    Examples
    --------
    >>> code("要加强宣传教育。", {"宣传": ["宣传教育"]})[["category", "count"]].values.tolist()  # doctest: +SKIP
    [['宣传', 1]]
    """
    if level not in ("document", "section"):
        raise InputError(f"level={level!r}: expected 'document' or 'section'")
    cb = _load(codebook)
    tok = coding_tokenizer(cb, tokenizer)
    cats = cb.categories
    rows = []
    for d in _documents(doc_or_corpus, "doc_or_corpus"):
        found, token_starts = _match(d.text, cb, tok)
        units = _units(d, level)
        bounds = units["start"].to_numpy()
        counts: list[dict[str, Counter[str]]] = [{c: Counter() for c in cats} for _ in range(len(units))]
        for s, e, entry in found:
            k = max(int(np.searchsorted(bounds, s, side="right")) - 1, 0)
            counts[k][entry.category][d.text[s:e]] += 1
        n_tok = np.bincount(np.clip(np.searchsorted(bounds, token_starts, side="right") - 1, 0, None),
                            minlength=len(units)) if len(units) else np.zeros(0, int)
        for k, unit in enumerate(units.itertuples(index=False)):
            for c in cats:
                hits = counts[k][c]
                n = int(sum(hits.values()))
                row = {"doc_id": d.doc_id}
                if level == "section":
                    row.update(path=unit.path, title=unit.title, start=int(unit.start))
                row.update(category=c, count=n, n_tokens=int(n_tok[k]),
                           per_10k=(1e4 * n / n_tok[k]) if n_tok[k] else float("nan"),
                           matched=tuple(w for w, _ in sorted(hits.items(), key=lambda x: (-x[1], x[0]))))
                rows.append(row)
    cols = ["doc_id"] + (["path", "title", "start"] if level == "section" else []) + [
        "category", "count", "n_tokens", "per_10k", "matched"]
    out = pd.DataFrame(rows, columns=cols)
    out = out.astype({"count": "int64", "n_tokens": "int64", "per_10k": "float64"})
    out.attrs["codebook"] = cb.name or cb.source
    return out


def category_keyness(target: Document | Corpus | pd.DataFrame, reference: Corpus | pd.DataFrame,
                     codebook: CodebookLike, *,
                     tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """Which categories the target over- or under-uses against a reference corpus.

    Each category is scored as :func:`textmine.keyness` scores a term, from its own
    2×2 table: the category's matches in the target and in the reference against
    the rest of their running tokens (``textmine.keyness.keyness_table``).

    Parameters
    ----------
    target : Document, Corpus or a document-level :func:`code` table
        Pooled when it holds several documents.
    reference : Corpus or a document-level :func:`code` table
        Pooled. Documents also in the target (same doc_id) are left out, with a warning.
    codebook : Codebook, mapping or path
    tokenizer : Tokenizer, optional, keyword-only

    Returns
    -------
    DataFrame
        One row per category, over-used first: ``category, n_target, n_reference,
        per_10k_target, per_10k_reference, g2, p, log_ratio, chi2, ll_2cell``, as
        defined in ``keyness_table`` (the log-odds z of term keyness is left out:
        its prior is spread over a vocabulary, which categories are not).
    """
    from .keyness import keyness_table

    cb = _load(codebook)
    t = target if isinstance(target, pd.DataFrame) else code(target, cb, tokenizer=tokenizer)
    r = reference if isinstance(reference, pd.DataFrame) else code(reference, cb, tokenizer=tokenizer)
    for name, table in (("target", t), ("reference", r)):
        missing = {"doc_id", "category", "count", "n_tokens"} - set(table.columns)
        if missing or "path" in table.columns:
            raise InputError(f"{name} table has columns {list(table.columns)}; expected a document-level code() table")
    overlap = set(t.doc_id) & set(r.doc_id)
    if overlap:
        warnings.warn(f"{len(overlap)} target document(s) are also in the reference ({sorted(overlap)[:3]}); "
                      "they were left out of the reference", stacklevel=2)
        r = r[~r.doc_id.isin(overlap)]
    c_tot = int(t.drop_duplicates("doc_id").n_tokens.sum())
    d_tot = int(r.drop_duplicates("doc_id").n_tokens.sum())
    if d_tot == 0:
        raise InputError("reference has no tokens (after leaving out the target's documents); expected a corpus")
    a = t.groupby("category", sort=False)["count"].sum()
    b = r.groupby("category", sort=False)["count"].sum()
    rows = []
    for cat in cb.categories:
        ak, bk = int(a.get(cat, 0)), int(b.get(cat, 0))
        if ak > c_tot or bk > d_tot:
            raise InputError(f"category {cat!r} has more matches than there are tokens; a regular expression that "
                             "matches single characters inside tokens cannot be scored against token totals")
        table = keyness_table(np.array([ak, c_tot - ak]), np.array([bk, d_tot - bk]), [cat, "\0rest"])
        rows.append(table[table.term == cat])
    out = pd.concat(rows, ignore_index=True).rename(columns={"term": "category"}).drop(columns="z_logodds")
    out = out.sort_values(["g2", "category"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out.attrs["labels"] = {k: v for k, v in rows[0].attrs.get("labels", {}).items() if k != "z_logodds"}
    return out
