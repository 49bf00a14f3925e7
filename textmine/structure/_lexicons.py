"""Bundled word lists of the formula and reference extractors, read lazily and once.

- ``formulas.txt``: canonical formulations (提法), matched by :func:`~textmine.structure.formulas`;
- ``non_formulas.txt``: quoted words that are not formulas (metaphors, historical terms, names);
- ``media.txt``: newspapers, journals and broadcasters (a 《》 title that is media, not a document);
- ``laws.txt``: national laws by short name (documents cited without 《》).

Also :func:`simplified`, a length-preserving Traditional → Simplified fold used for matching only
(offsets and the text returned stay the caller's).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .._text import FOLD as FOLD_TABLE
from ..errors import InputError
from ._resources import RESOURCES

__all__ = ["FORMULAS_PATH", "NON_FORMULAS_PATH", "MEDIA_PATH", "LAWS_PATH", "formula_lexicon",
           "bundled_formulas", "non_formula_words", "media_titles", "law_names", "simplified", "folded",
           "Lexicon", "lexicon_for", "lexicon_key"]

FORMULAS_PATH = RESOURCES / "formulas.txt"
NON_FORMULAS_PATH = RESOURCES / "non_formulas.txt"
MEDIA_PATH = RESOURCES / "media.txt"
LAWS_PATH = RESOURCES / "laws.txt"

#: An entry's parts may be written with or without these separators in the text.
_SEPARATORS = "、，"
_SEP = re.compile(f"[{_SEPARATORS}]")


def _entries(path: Path) -> Iterator[tuple[int, str]]:
    with open(path, encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.rstrip("\r\n").strip()
            if line and not line.startswith("#"):
                yield lineno, line


def _parse_formula_lines(lines: Iterable[tuple[int, str]], source: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for lineno, line in lines:
        canonical, _, variants = line.partition("\t")
        canonical = canonical.strip()
        if len(canonical) < 2:
            raise InputError(f"{source} line {lineno}: a formula needs at least 2 characters, got {canonical!r}")
        names = [v.strip() for v in variants.split("|") if v.strip()]
        table[canonical] = tuple(dict.fromkeys([*table.get(canonical, ()), *names]))
    return table


@functools.lru_cache(maxsize=1)
def bundled_formulas() -> dict[str, tuple[str, ...]]:
    """The bundled formula lexicon, read once (callers must not change it)."""
    return _parse_formula_lines(_entries(FORMULAS_PATH), str(FORMULAS_PATH))


def formula_lexicon() -> dict[str, tuple[str, ...]]:
    """Return the bundled lexicon of canonical formulations (提法).

    Read lazily (once) from ``textmine/resources/formulas.txt``: one formulation per
    line, optional variants after a TAB separated by ``|``; ``#`` starts a comment
    line. See ``textmine/resources/README.md`` for how it was written.

    Returns
    -------
    dict of str to tuple of str
        Canonical formulation → variants (a fresh copy; pass extra formulations to
        :func:`~textmine.structure.formulas` with ``extra_formulas=`` instead).

    Examples
    --------
    >>> lex = formula_lexicon()
    >>> "新发展理念" in lex and len(lex) >= 300
    True
    """
    return dict(bundled_formulas())


@functools.lru_cache(maxsize=1)
def non_formula_words() -> dict[str, str]:
    """Quoted words that are not formulas → subkind (``scare_quote``, ``historical``, ``name``)."""
    out = {}
    for lineno, line in _entries(NON_FORMULAS_PATH):
        word, _, subkind = line.partition("\t")
        if not subkind.strip():
            raise InputError(f"{NON_FORMULAS_PATH} line {lineno}: expected word<TAB>subkind, got {line!r}")
        out[word.strip()] = subkind.strip()
    return out


@functools.lru_cache(maxsize=1)
def media_titles() -> frozenset[str]:
    """Titles of newspapers, journals, agencies and broadcasters."""
    return frozenset(line for _, line in _entries(MEDIA_PATH))


@functools.lru_cache(maxsize=1)
def law_names() -> tuple[str, ...]:
    """Short names of national laws, longest first."""
    return tuple(sorted({line for _, line in _entries(LAWS_PATH)}, key=lambda s: (-len(s), s)))


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported on first use: nothing happens at import

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional → Simplified, character for character (same length, same offsets).

    OpenCC's phrase conversions can change the length; then each character is
    converted on its own so that offsets into ``text`` stay valid.
    """
    if text.isascii():
        return text
    conv = _t2s()
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    chars = []
    for ch in text:
        c = conv.convert(ch)
        chars.append(c if len(c) == 1 else ch)
    return "".join(chars)


_MATCH_FOLD = str.maketrans({**FOLD_TABLE, "＋": "+"})


def folded(text: str) -> str:
    """``text`` as the matchers read it: Simplified, half-width digits and ``+`` (same length)."""
    return simplified(text).translate(_MATCH_FOLD)


def lexicon_key(s: str) -> str:
    """The form under which a formulation is looked up: folded, separators dropped."""
    return _SEP.sub("", folded(s))


class Lexicon:
    """A compiled formula lexicon: canonical forms, their variants, and one regex for the text.

    ``pattern`` finds the entries of three characters or more (longest first at a
    position; 、 and ， between parts optional); ``canonical(s)`` maps a matched or
    quoted string to its canonical form (or ``None``).
    """

    def __init__(self, table: dict[str, tuple[str, ...]], *, fold: bool = True):
        self.table = table
        self._by_key: dict[str, str] = {}
        forms: set[str] = set()
        for canonical, variants in table.items():
            for form in (canonical, *variants):
                # the bundled list is written in Simplified; a caller's entry may not be
                form = simplified(form) if fold else form
                self._by_key.setdefault(_SEP.sub("", form), canonical)
                forms.add(form)
        alts = []
        for form in sorted(forms, key=lambda f: (-len(_SEP.sub("", f)), f)):
            parts = [p for p in _SEP.split(form) if p]
            if len("".join(parts)) < 3:
                continue  # two characters: quoted use only (六稳, 双碳 …)
            alts.append(f"[{_SEPARATORS}]?".join(re.escape(p) for p in parts))
        self.pattern = re.compile("|".join(alts)) if alts else None

    def canonical(self, s: str) -> str | None:
        return self._by_key.get(lexicon_key(s))

    def finditer(self, folded: str) -> Iterator[re.Match]:
        return iter(()) if self.pattern is None else self.pattern.finditer(folded)


@functools.lru_cache(maxsize=1)
def _bundled_lexicon() -> Lexicon:
    return Lexicon(bundled_formulas(), fold=False)


def lexicon_for(extra: Iterable[str] | None) -> Lexicon:
    """The bundled lexicon, or the bundled one plus ``extra`` formulations."""
    if extra is None:
        return _bundled_lexicon()
    if isinstance(extra, (str, bytes)) or not isinstance(extra, Iterable):
        raise InputError(
            f"extra_formulas must be None or an iterable of str, got {type(extra).__name__}"
            + (f" (wrap a single formulation in a list: extra_formulas=[{extra!r}])" if isinstance(extra, str) else "")
        )
    items = list(extra)
    bad = [x for x in items if not isinstance(x, str) or len(x.strip()) < 2]
    if bad:
        raise InputError(f"extra_formulas must hold str of at least 2 characters, got {bad[0]!r}")
    if not items:
        return _bundled_lexicon()
    table = dict(bundled_formulas())
    for x in items:
        table.setdefault(x.strip(), ())
    return Lexicon(table)
