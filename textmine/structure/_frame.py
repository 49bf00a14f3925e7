"""Helpers shared by the extractors: the input text, fixed-schema frames, lines, item trimming."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Union

import numpy as np
import pandas as pd

from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover - typing only, no import-time dependency
    from ..corpus import Document

__all__ = ["TextLike", "frame", "get_text", "LINEBREAK_CHARS", "LINEBREAK", "iter_lines", "TITLE_END",
           "ITEM_LEAD", "ITEM_TRAIL"]

TextLike = Union[str, "Document"]

#: Sentence-final punctuation: a heading title or a formula stops at it.
TITLE_END = re.compile(r"[。！？!?]")
#: Stripped from the start and the end of an enumeration item or a duty.
ITEM_LEAD = "，,、：: \t\u3000"
ITEM_TRAIL = "，,、；;：:。！？!? \t\u3000\n\r"


def frame(rows: list[dict[str, Any]], schema: Mapping[str, str]) -> pd.DataFrame:
    """Build a DataFrame with exactly ``schema``'s columns and dtypes (also when empty)."""
    data: dict[str, Any] = {}
    for col, dtype in schema.items():
        values = [r[col] for r in rows]
        if dtype == "object":  # tuples: fill element-wise so numpy/pandas never unpack them
            arr = np.empty(len(values), dtype=object)
            for i, v in enumerate(values):
                arr[i] = v
            data[col] = arr
        elif dtype in ("int64", "float64"):
            data[col] = np.array(values, dtype=dtype)
        else:  # "str", "Int64"
            data[col] = pd.array(values, dtype=dtype)
    return pd.DataFrame(data, columns=list(schema), copy=False)


def get_text(doc: Any, name: str = "doc") -> str:
    """Return the text of a Document or str; raise InputError (a TypeError) naming ``name`` otherwise."""
    if isinstance(doc, str):
        return doc
    text = getattr(doc, "text", None)
    if isinstance(text, str):
        return text
    raise InputError(
        f"{name} must be a str or a textmine.corpus.Document (an object with a str "
        f"'text' attribute), got {type(doc).__name__}"
    )


LINEBREAK_CHARS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
LINEBREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def iter_lines(text: str) -> Iterator[tuple[int, int, int]]:
    """Yield (start, end_without_break, end_with_break) for each line."""
    pos = 0
    for m in LINEBREAK.finditer(text):
        yield pos, m.start(), m.end()
        pos = m.end()
    if pos < len(text):
        yield pos, len(text), len(text)
