"""Codebooks (dictionary analysis): categories of words, phrases and regular expressions.

A :class:`Codebook` maps each category to its entries, as quanteda's dictionaries
and KH Coder's coding rules do. :func:`codebook` reads one from YAML, CSV or a
mapping, with errors that name the file, the line and the problem;
:func:`bundled_codebook` loads one of the codebooks shipped in
``textmine/resources``. :mod:`textmine.coding` counts them in speeches.

Entries
-------
- a **word** (``薄弱环节``): one token; the codebook's words enter the tokenizer's
  dictionary, so a category word is never split, and a word matches whole tokens
  only (``要`` does not match inside 重要);
- a **phrase** (``重视 不够``, words separated by spaces): consecutive tokens;
- a **regular expression** (``re:可以(?!说)``): matched on the text itself.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from ._text import WORDISH as _WORDISH
from .errors import DictionaryFormatError, InputError, UnsupportedFormatError

if TYPE_CHECKING:  # pragma: no cover
    from .tokenize import Tokenizer

__all__ = ["Entry", "Codebook", "codebook", "bundled_codebook", "BUNDLED_CODEBOOKS"]

RESOURCES = Path(__file__).resolve().parent / "resources"
#: The codebooks shipped in ``textmine/resources`` (see its README.md).
BUNDLED_CODEBOOKS: dict[str, str] = {
    "policy_instruments": "codebook_policy_instruments.yaml",
    "directive_strength": "codebook_directive_strength.yaml",
    "tone": "codebook_tone.yaml",
}
_META_KEYS = {"name", "description", "source", "version", "notes"}
_PAIRS = {"（": "）", "(": ")", "《": "》", "“": "”", "‘": "’", "「": "」", "『": "』", "【": "】", "[": "]",
          "〈": "〉"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_SEP = "/"


# ----------------------------------------------------------------------------- the codebook

@dataclass(frozen=True)
class Entry:
    """One codebook entry.

    Attributes
    ----------
    category : str
        Its category (nested categories are joined by ``/``: ``供给型/人才培养``).
    pattern : str
        As written (``re:`` prefix included for a regular expression).
    kind : {"word", "phrase", "regex"}
    line : int or None
        Line of the codebook file it came from (None for a mapping).
    """

    category: str
    pattern: str
    kind: Literal["word", "phrase", "regex"]
    line: int | None = None

    @property
    def words(self) -> tuple[str, ...]:
        """The words this entry puts in the tokenizer's dictionary."""
        if self.kind == "word":
            return (self.pattern,)
        if self.kind == "phrase":
            return tuple(self.pattern.split())
        return ()

    @property
    def regex(self) -> str | None:
        return self.pattern[3:] if self.kind == "regex" else None


@dataclass(frozen=True)
class Codebook:
    """Categories and their entries (words, phrases, regular expressions).

    Build one with :func:`codebook`; it is immutable and hashable.

    Attributes
    ----------
    entries : tuple of Entry
        In file order.
    name, description : str
    source : str
        The file it was read from, or ``"<mapping>"``.
    """

    entries: tuple[Entry, ...]
    name: str = ""
    description: str = ""
    source: str = "<mapping>"

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", tuple(self.entries))
        if not self.entries:
            raise InputError(f"codebook {self.source}: no categories; expected at least one category with entries")
        for e in self.entries:
            if not isinstance(e, Entry):
                raise InputError(f"entries hold a {type(e).__name__}; expected textmine.codebook.Entry")

    @property
    def categories(self) -> tuple[str, ...]:
        """Category names, in the order they first appear."""
        return tuple(dict.fromkeys(e.category for e in self.entries))

    @property
    def words(self) -> tuple[str, ...]:
        """Every word that enters the tokenizer's dictionary (from words and phrases), sorted."""
        return tuple(sorted({w for e in self.entries for w in e.words}))

    def __len__(self) -> int:
        return len(self.categories)

    def __contains__(self, category: object) -> bool:
        return category in self.categories

    def patterns(self, category: str) -> tuple[str, ...]:
        """The entries of one category, as written."""
        if category not in self.categories:
            raise InputError(f"category={category!r} is not in codebook {self.source}; "
                             f"expected one of {list(self.categories)}")
        return tuple(e.pattern for e in self.entries if e.category == category)

    def select(self, categories: Iterable[str]) -> "Codebook":
        """A codebook with only these categories (a name ending in ``/`` selects a group: ``供给型/``)."""
        wanted = list(categories)
        for c in wanted:
            if c not in self.categories and not any(k.startswith(c) for k in self.categories if c.endswith(_SEP)):
                raise InputError(f"category {c!r} is not in codebook {self.source}; "
                                 f"expected one of {list(self.categories)}")
        keep = [e for e in self.entries
                if e.category in wanted or any(w.endswith(_SEP) and e.category.startswith(w) for w in wanted)]
        return Codebook(tuple(keep), name=self.name, description=self.description, source=self.source)

    def to_frame(self) -> pd.DataFrame:
        """One row per entry: category, pattern, kind, line."""
        return pd.DataFrame([(e.category, e.pattern, e.kind, e.line) for e in self.entries],
                            columns=["category", "pattern", "kind", "line"])

    def __repr__(self) -> str:
        return f"Codebook(name={self.name!r}, categories={len(self)}, entries={len(self.entries)})"


# ----------------------------------------------------------------------------- reading

class _Reader:
    """Validates entries as they are read, with errors that name the file, the line and the problem."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.entries: list[Entry] = []
        self.seen: dict[tuple[str, str], int | None] = {}

    def where(self, line: int | None, key: str = "") -> str:
        if line is not None:
            return f"{self.source} line {line}"
        return f"{self.source} {key}".rstrip()

    def fail(self, line: int | None, problem: str, key: str = "") -> None:
        raise DictionaryFormatError(f"{self.where(line, key)}: {problem}")

    def category(self, name: Any, line: int | None) -> str:
        if not isinstance(name, str) or not name.strip():
            self.fail(line, f"category name {name!r} is empty or not text; expected a name such as '成绩'")
        name = name.strip()
        if name.startswith("re:"):
            self.fail(line, f"category name {name!r} starts with 're:'; expected a name (a pattern goes in a list)")
        return name

    def add(self, category: str, raw: Any, line: int | None, key: str = "") -> None:
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            self.fail(line, f"empty pattern in category {category!r}; expected a word, a phrase or re:REGEX", key)
        if not isinstance(raw, (str, int, float)) or isinstance(raw, bool):
            self.fail(line, f"pattern {raw!r} in category {category!r} is a {type(raw).__name__}; "
                            "expected a word, a phrase or re:REGEX", key)
        pattern = str(raw).strip()
        if pattern.startswith("re:"):
            kind = "regex"
            body = pattern[3:]
            if not body:
                self.fail(line, f"pattern {pattern!r} in category {category!r} has no regular expression after 're:'",
                          key)
            try:
                rx = re.compile(body)
            except re.error as err:
                hint = " (unbalanced brackets)" if any(s in err.msg for s in (
                    "missing )", "unbalanced parenthesis", "unterminated character set")) else ""
                self.fail(line, f"pattern {pattern!r} in category {category!r} is not a valid regular expression"
                                f"{hint}: {err.msg} at position {err.pos}", key)
            if rx.search("") is not None:
                self.fail(line, f"pattern {pattern!r} in category {category!r} matches the empty string; "
                                "expected a pattern that needs at least one character", key)
        else:
            kind = "phrase" if len(pattern.split()) > 1 else "word"
            pattern = " ".join(pattern.split())
            problem = _unbalanced(pattern)
            if problem:
                self.fail(line, f"pattern {pattern!r} in category {category!r} has {problem}; "
                                "expected balanced brackets and quotes (or write it as re:REGEX)", key)
            for w in pattern.split():
                if not _WORDISH.search(w):
                    self.fail(line, f"pattern {pattern!r} in category {category!r}: {w!r} has no letter, digit or "
                                    "Chinese character; expected words (punctuation is not a token)", key)
                if w.startswith("#"):
                    self.fail(line, f"pattern {pattern!r} in category {category!r}: a word cannot start with '#' "
                                    "(a dictionary comment); write it as re:REGEX", key)
        prev = self.seen.get((category, pattern), False)
        if prev is not False:
            at = f"line {prev}" if prev is not None else "an earlier entry"
            self.fail(line, f"pattern {pattern!r} repeats {at} in category {category!r}", key)
        self.seen[(category, pattern)] = line
        self.entries.append(Entry(category, pattern, kind, line))

    def empty(self, category: str, line: int | None) -> None:
        self.fail(line, f"category {category!r} is empty; expected at least one word, phrase or re:REGEX")

    def done(self, name: str = "", description: str = "") -> Codebook:
        if not self.entries:
            raise DictionaryFormatError(f"{self.source}: no categories; expected at least one category with entries")
        return Codebook(tuple(self.entries), name=name, description=description, source=self.source)


def _unbalanced(text: str) -> str:
    stack: list[str] = []
    for ch in text:
        if ch in _PAIRS and not (ch == _PAIRS[ch] and stack and stack[-1] == ch):
            stack.append(ch)
        elif ch in _CLOSERS:
            if not stack or stack[-1] != _CLOSERS[ch]:
                return f"an unbalanced {ch!r}"
            stack.pop()
    return f"an unclosed {stack[-1]!r}" if stack else ""


def _from_mapping(data: Mapping[Any, Any], reader: _Reader) -> Codebook:
    if not data:
        raise DictionaryFormatError(f"{reader.source}: no categories; expected a mapping of category to entries")

    def walk(mapping: Mapping[Any, Any], prefix: str) -> None:
        for key, value in mapping.items():
            cat = prefix + reader.category(key, None)
            where = f"category {cat!r}"
            if isinstance(value, Mapping):
                if not value:
                    reader.empty(cat, None)
                walk(value, cat + _SEP)
            elif isinstance(value, str):
                reader.add(cat, value, None, where)
            elif isinstance(value, Iterable):
                items = list(value)
                if not items:
                    reader.empty(cat, None)
                for i, item in enumerate(items):
                    reader.add(cat, item, None, f"{where} entry {i}")
            elif value is None:
                reader.empty(cat, None)
            else:
                reader.fail(None, f"{where} holds a {type(value).__name__}; expected a list of entries or a mapping "
                                  "of subcategories")

    walk(data, "")
    return reader.done()


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as err:
        raise DictionaryFormatError(f"{path}: not UTF-8 (invalid byte at offset {err.start})") from None


def _from_yaml(path: Path) -> Codebook:
    import yaml

    reader = _Reader(str(path))
    text = _read_text(path)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(err, "problem", None) or str(err)
        raise DictionaryFormatError(f"{reader.where(line)}: not valid YAML: {problem}") from None
    if root is None:
        raise DictionaryFormatError(f"{path}: the file is empty; expected a mapping of category to entries")

    def line_of(node: Any) -> int:
        return node.start_mark.line + 1

    if not isinstance(root, yaml.MappingNode):
        reader.fail(line_of(root), "expected a mapping of category to entries (category: [word, …])")
    meta: dict[str, str] = {}
    cats = root
    keys = {k.value: v for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    if isinstance(keys.get("categories"), yaml.MappingNode) and set(keys) <= _META_KEYS | {"categories"}:
        cats = keys["categories"]
        meta = {k: v.value for k, v in keys.items() if k in ("name", "description") and isinstance(v, yaml.ScalarNode)}

    def walk(node: Any, prefix: str) -> None:
        names: dict[str, int] = {}
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                reader.fail(line_of(knode), "a category name must be plain text")
            cat = prefix + reader.category(knode.value, line_of(knode))
            if cat in names:
                reader.fail(line_of(knode), f"category {cat!r} repeats line {names[cat]}")
            names[cat] = line_of(knode)
            if isinstance(vnode, yaml.MappingNode):
                if not vnode.value:
                    reader.empty(cat, line_of(knode))
                walk(vnode, cat + _SEP)
            elif isinstance(vnode, yaml.SequenceNode):
                if not vnode.value:
                    reader.empty(cat, line_of(knode))
                for item in vnode.value:
                    if not isinstance(item, yaml.ScalarNode):
                        reader.fail(line_of(item), f"an entry of category {cat!r} is a nested list or mapping; "
                                                   "expected a word, a phrase or re:REGEX")
                    reader.add(cat, _scalar(item), line_of(item))
            elif isinstance(vnode, yaml.ScalarNode):
                if _scalar(vnode) is None:
                    reader.empty(cat, line_of(knode))
                reader.add(cat, vnode.value, line_of(vnode))

    walk(cats, "")
    return reader.done(meta.get("name", ""), meta.get("description", ""))


def _scalar(node: Any) -> str | None:
    """A YAML scalar as written; None for an empty or ``null`` value (a bad entry, not the word 'null')."""
    if node.tag == "tag:yaml.org,2002:null" or (node.style is None and node.value in ("", "~", "null", "Null", "NULL")):
        return None
    return node.value


def _from_csv(path: Path) -> Codebook:
    reader = _Reader(str(path))
    text = _read_text(path)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    lines = [(i, ln) for i, ln in enumerate(text.split("\n"), 1) if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise DictionaryFormatError(f"{path}: the file is empty; expected a header 'category,pattern' and rows")
    header_line, header = lines[0]
    cols = [c.strip().lower() for c in next(csv.reader([header], delimiter=delimiter))]
    allowed = {"category", "subcategory", "pattern", "note"}
    unknown = [c for c in cols if c not in allowed]
    if "category" not in cols or "pattern" not in cols or unknown or len(set(cols)) != len(cols):
        reader.fail(header_line, f"header {header!r}; expected the columns category, pattern "
                                 "(and optionally subcategory, note), each once")
    for lineno, line in lines[1:]:
        try:
            row = next(csv.reader(io.StringIO(line), delimiter=delimiter, strict=True))
        except csv.Error as err:
            reader.fail(lineno, f"{line!r} is not a valid CSV row ({err})")
        if len(row) != len(cols):
            reader.fail(lineno, f"{line!r} has {len(row)} field(s); expected {len(cols)} ({', '.join(cols)})")
        rec = dict(zip(cols, (v.strip() for v in row)))
        if not rec["category"]:
            reader.fail(lineno, f"{line!r} has an empty category; expected a category name")
        cat = reader.category(rec["category"], lineno)
        if rec.get("subcategory"):
            cat += _SEP + reader.category(rec["subcategory"], lineno)
        reader.add(cat, rec["pattern"], lineno)
    return reader.done(path.stem)


def codebook(path_or_mapping: str | os.PathLike[str] | Mapping[str, Any] | Codebook) -> Codebook:
    """Load a codebook: category → words, phrases and regular expressions.

    Parameters
    ----------
    path_or_mapping : path, mapping or Codebook
        - a ``.yaml``/``.yml`` file: a mapping of category to a list of entries,
          nested for subcategories (``供给型: {人才培养: [培训, 人才队伍]}`` gives the
          category ``供给型/人才培养``), optionally under a ``categories:`` key next to
          ``name:`` and ``description:``;
        - a ``.csv``/``.tsv`` file with a header naming the columns ``category`` and
          ``pattern`` (optional ``subcategory`` and ``note``), one entry per row; lines
          starting with ``#`` are comments;
        - a mapping shaped like the YAML file;
        - a Codebook (returned as it is).

        An entry is a word, a phrase (words separated by spaces) or ``re:`` followed
        by a regular expression (see the module docstring for how each matches).

    Returns
    -------
    Codebook

    Raises
    ------
    DictionaryFormatError
        Naming the file, the line and the problem: a malformed line, an empty
        category, an empty or repeated entry, an invalid or unbalanced regular
        expression (or one that matches the empty string), a word with unbalanced
        brackets or quotes, invalid YAML.
    FileNotFoundError, UnsupportedFormatError, InputError

    Examples
    --------
    >>> cb = codebook({"成绩": ["取得明显成效"], "问题": ["薄弱环节", "re:不到位|未到位"]})
    >>> cb.categories
    ('成绩', '问题')
    """
    return _load(path_or_mapping)


def _load(path_or_mapping: Any) -> Codebook:
    # the analyses below take a parameter named ``codebook``, which hides the function
    if isinstance(path_or_mapping, Codebook):
        return path_or_mapping
    if isinstance(path_or_mapping, Mapping):
        return _from_mapping(path_or_mapping, _Reader("<mapping>"))
    if not isinstance(path_or_mapping, (str, os.PathLike)):
        raise InputError(f"path_or_mapping is a {type(path_or_mapping).__name__}; "
                         "expected a path to a .yaml or .csv file, a mapping or a Codebook")
    path = Path(path_or_mapping)
    if not path.is_file():
        raise FileNotFoundError(f"codebook not found: {path}")
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _from_yaml(path)
    if suffix in (".csv", ".tsv"):
        return _from_csv(path)
    raise UnsupportedFormatError(f"{path}: codebook format {suffix or '(no suffix)'!r} is not read; "
                                 "expected .yaml, .yml, .csv or .tsv")


@functools.cache
def bundled_codebook(name: Literal["policy_instruments", "directive_strength", "tone"]) -> Codebook:
    """One of the codebooks shipped with textmine (read once, then cached).

    ``"policy_instruments"`` (Rothwell & Zegveld's supply/environment/demand sides
    with their sub-instruments), ``"directive_strength"`` (强制/要求/引导/可选) or
    ``"tone"`` (成绩/问题). ``textmine/resources/README.md`` documents them.
    """
    if name not in BUNDLED_CODEBOOKS:
        raise InputError(f"name={name!r}: expected one of {sorted(BUNDLED_CODEBOOKS)}")
    return _load(RESOURCES / BUNDLED_CODEBOOKS[name])
