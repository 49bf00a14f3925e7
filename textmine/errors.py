"""Exceptions raised by textmine.

Every error textmine raises on bad input derives from :class:`TextmineError`,
so callers can catch one type. Each also derives from the built-in exception a
Python user would expect (``ValueError``, ``FileNotFoundError`` …).
"""

from __future__ import annotations

__all__ = [
    "TextmineError",
    "InputError",
    "DecodeError",
    "EmptyDocumentError",
    "UnsupportedFormatError",
    "DictionaryFormatError",
    "TextmineWarning",
]


class TextmineError(Exception):
    """Base class of every error raised by textmine."""


class InputError(TextmineError, ValueError, TypeError):
    """An argument has the wrong value or type for what was expected.

    It is both a ``ValueError`` and a ``TypeError``, so callers may catch either.
    """


class DecodeError(TextmineError, ValueError):
    """A file's bytes could not be decoded as text in any supported encoding."""

    def __init__(self, path, offset: int, detail: str) -> None:
        self.path = str(path)
        self.offset = offset
        super().__init__(
            f"cannot decode {self.path!s}: invalid byte at offset {offset} "
            f"({detail}); expected UTF-8 (with or without BOM), UTF-16 with BOM, "
            "or GB18030/GBK"
        )


class EmptyDocumentError(TextmineError, ValueError):
    """A file or text holds no usable text."""


class UnsupportedFormatError(TextmineError, ValueError):
    """A file's format is not one textmine reads."""


class DictionaryFormatError(TextmineError, ValueError):
    """A user dictionary or stopword file has a line that cannot be parsed."""


class TextmineWarning(UserWarning):
    """Base class of the warnings textmine gives: the work went on, but something needs a look.

    For example :func:`textmine.load_corpus` of a folder that holds no document files, or a
    load that skipped files (each listed in ``corpus.log``). Silence them all with
    ``warnings.simplefilter("ignore", textmine.TextmineWarning)``.
    """
