"""What counts as a document: the one coercion every analysis goes through.

A str, a :class:`~textmine.Document` (a :class:`~textmine.CleanedDocument` is one), a
:class:`~textmine.Corpus`, or a list or tuple of Documents and strs. A str becomes a
Document whose id is a hash of its text (:meth:`Document.from_text`); nothing is cleaned
or tokenized here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from typing import Any

from .corpus import Corpus, Document
from .errors import InputError

__all__ = ["as_corpus", "as_document", "TEXTS"]

TEXTS = "a Document, a str, a Corpus or a list of them"


def as_corpus(obj: Any, *, name: str = "corpus", allow_empty: bool = True, expected: str = TEXTS) -> Corpus:
    """Coerce texts to a :class:`Corpus`.

    Parameters
    ----------
    obj : str, Document, Corpus, or list/tuple of Document and str
    name : str
        The argument's name, for error messages.
    allow_empty : bool
        If false, an empty corpus raises.
    expected : str
        What the argument may be, for error messages.

    Raises
    ------
    InputError
        Names the argument and, for a list, the position of the item that is not a text.
    """
    if isinstance(obj, Corpus):
        corpus = obj
    elif isinstance(obj, (Document, str)):
        corpus = Corpus([Document.from_text(obj) if isinstance(obj, str) else obj])
    elif isinstance(obj, Iterable) and not isinstance(obj, (bytes, bytearray, Mapping, Set)):
        docs = []
        for i, d in enumerate(obj):
            if isinstance(d, str):
                d = Document.from_text(d)
            if not isinstance(d, Document):
                raise InputError(f"{name}[{i}] is a {type(d).__name__}; expected a Document or str")
            docs.append(d)
        corpus = Corpus(docs)
    else:
        raise InputError(f"{name} is a {type(obj).__name__}; expected {expected}")
    if not allow_empty and len(corpus) == 0:
        raise InputError(f"{name} is empty; expected at least one document")
    return corpus


def as_document(obj: Any, *, name: str = "doc") -> Document:
    """Coerce one text to a :class:`Document`: a str, a Document, or a Corpus/list holding exactly one."""
    if isinstance(obj, Document):
        return obj
    if isinstance(obj, str):
        return Document.from_text(obj)
    corpus = as_corpus(obj, name=name, expected="a Document or a str")
    if len(corpus) != 1:
        raise InputError(f"{name} holds {len(corpus)} documents; expected exactly one Document or str")
    return corpus[0]
