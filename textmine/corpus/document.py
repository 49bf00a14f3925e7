"""The data model of the read stage: :class:`Document` (one speech) and :class:`Corpus` (many).

A Document is immutable: cleaning and other steps return new Documents. A Corpus keeps its
documents in order with unique ids, plus the :class:`~textmine.corpus.log.IngestLog` of the
load that made it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from .._text import HAN_ANY_PLANE_CHARS
from ..errors import InputError
from .log import IngestLog

__all__ = ["Document", "Corpus", "count_cjk", "CJK_PATTERN"]

#: Han characters: CJK Unified Ideographs and Extension A, the compatibility ideographs, and the
#: supplementary planes (Extensions B–I and the compatibility supplement), so rare names
#: written with Extension B characters are counted like any other.
CJK_PATTERN = re.compile(f"[{HAN_ANY_PLANE_CHARS}]")


@dataclass(frozen=True)
class Document:
    """One speech: a stable id, a title, metadata and the text.

    Parameters
    ----------
    doc_id : str
        Stable identifier (the file stem, the metadata ``id``, or a content hash).
    text : str
        The text. For a document straight from :func:`read_document` this is the
        raw, decoded file content; :func:`textmine.clean` returns a new Document
        with cleaned text and never modifies the one it is given.
    title : str
        A human-readable title (metadata ``title`` or the doc_id).
    meta : Mapping
        Metadata (policy_area, year, level …).
    source : str or None
        Where the text came from (a path, or ``path#row``).
    """

    doc_id: str
    text: str
    title: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)
    source: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.doc_id, str) or not self.doc_id:
            raise InputError(f"doc_id must be a non-empty str, got {self.doc_id!r}")
        if not isinstance(self.text, str):
            raise InputError(f"text must be a str, got {type(self.text).__name__}")
        if not self.title:
            object.__setattr__(self, "title", self.doc_id)
        object.__setattr__(self, "meta", dict(self.meta))

    @classmethod
    def from_text(cls, text: str, *, doc_id: str | None = None, title: str = "", **meta: Any) -> "Document":
        """Make a Document from a string; the id defaults to a hash of the text."""
        if not isinstance(text, str):
            raise InputError(f"text must be a str, got {type(text).__name__}")
        if doc_id is None:
            doc_id = "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
        return cls(doc_id=doc_id, text=text, title=title, meta=meta)

    @property
    def n_chars(self) -> int:
        """Number of CJK (Han) characters in the text."""
        return count_cjk(self.text)

    def with_text(self, text: str) -> "Document":
        """Return a copy with other text (same id, title, metadata)."""
        return replace(self, text=text)

    def with_meta(self, *, title: str | None = None, **meta: Any) -> "Document":
        """Return a copy with the title and some metadata fields set (same id and text).

        The values go through the same coercion as every metadata source
        (:func:`textmine.corpus.metadata.coerce_meta`): ``year`` becomes a whole number
        (``"2021年"`` → 2021), other fields strings; a blank value removes the field.
        ``None`` leaves a field as it is.

        Raises
        ------
        InputError
            A ``year`` that is not a year (names the value).
        """
        from .metadata import coerce_meta

        given = {k: v for k, v in meta.items() if v is not None}
        new, problems = coerce_meta(given)
        if problems:
            raise InputError(problems[0])
        merged = {k: v for k, v in self.meta.items() if k not in given}
        merged.update(new)
        return replace(self, title=title or self.title, meta=merged)

    def __repr__(self) -> str:  # short: the text can be long
        return f"Document(doc_id={self.doc_id!r}, title={self.title!r}, chars={len(self.text)})"


def count_cjk(text: str) -> int:
    """Count CJK (Han) characters in ``text``."""
    return len(CJK_PATTERN.findall(text))


class Corpus(Sequence[Document]):
    """An ordered collection of :class:`Document` with unique ids, plus the ingest log.

    Index by position or by doc_id. ``to_frame()`` gives one row per document.
    """

    def __init__(self, docs: Iterable[Document], *, log: IngestLog | None = None) -> None:
        self.docs: tuple[Document, ...] = tuple(docs)
        for d in self.docs:
            if not isinstance(d, Document):
                raise InputError(f"docs must hold Document objects, got {type(d).__name__}")
        self._index = {}
        for i, d in enumerate(self.docs):
            if d.doc_id in self._index:
                raise InputError(
                    f"duplicate doc_id {d.doc_id!r} (from {d.source} and "
                    f"{self.docs[self._index[d.doc_id]].source}); doc ids must be unique"
                )
            self._index[d.doc_id] = i
        self.log = log if log is not None else IngestLog()

    def __len__(self) -> int:
        return len(self.docs)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.docs)

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            try:
                return self.docs[self._index[key]]
            except KeyError:
                raise KeyError(f"no document with doc_id {key!r}") from None
        if isinstance(key, slice):
            return Corpus(self.docs[key], log=self.log)
        return self.docs[key]

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            return key in self._index
        return key in self.docs

    @property
    def ids(self) -> list[str]:
        return [d.doc_id for d in self.docs]

    @property
    def texts(self) -> list[str]:
        return [d.text for d in self.docs]

    def filter(self, predicate=None, /, **meta: Any) -> "Corpus":
        """Documents for which ``predicate(doc)`` is true and whose metadata match ``meta``.

        Examples
        --------
        >>> corpus.filter(policy_area="禁毒")  # doctest: +SKIP
        """
        out = []
        for d in self.docs:
            if predicate is not None and not predicate(d):
                continue
            if any(str(d.meta.get(k)) != str(v) for k, v in meta.items()):
                continue
            out.append(d)
        return Corpus(out, log=self.log)

    def drop(self, doc_ids: str | Iterable[str]) -> "Corpus":
        """A corpus without the given doc ids (unknown ids raise KeyError)."""
        ids = {doc_ids} if isinstance(doc_ids, str) else set(doc_ids)
        missing = ids - set(self._index)
        if missing:
            raise KeyError(f"no document with doc_id {sorted(missing)}")
        return Corpus([d for d in self.docs if d.doc_id not in ids], log=self.log)

    def __add__(self, other: "Corpus | Document") -> "Corpus":
        docs = [other] if isinstance(other, Document) else list(other)
        return Corpus(list(self.docs) + docs, log=self.log)

    def to_frame(self, *, text: bool = True) -> pd.DataFrame:
        """One row per document: doc_id, title, metadata columns, source, n_chars (and text)."""
        rows = []
        for d in self.docs:
            row = {"doc_id": d.doc_id, "title": d.title}
            row.update({k: v for k, v in d.meta.items() if k not in ("doc_id", "title", "text")})
            row["source"] = d.source
            row["n_chars"] = d.n_chars
            if text:
                row["text"] = d.text
            rows.append(row)
        cols = ["doc_id", "title", "source", "n_chars"] + (["text"] if text else [])
        return pd.DataFrame(rows, columns=None if rows else cols)

    to_pandas = to_frame

    def meta_frame(self) -> pd.DataFrame:
        """Metadata only (no text), indexed by doc_id."""
        return self.to_frame(text=False).set_index("doc_id")

    def __repr__(self) -> str:
        return f"Corpus({len(self)} documents)"
