"""The outline of a speech: heading segments (:func:`outline`) and sections down to a depth (:func:`sections`)."""

from __future__ import annotations

import logging
import re
from typing import Any, Literal

import numpy as np
import pandas as pd

from .._checks import check_choice
from .._text import CIRCLED, CN_ORDINAL
from ._frame import TextLike, frame, get_text
from ._headings import REGULATION_KINDS, find_headings

__all__ = ["outline", "sections", "OUTLINE_COLUMNS", "SectionLevel"]

logger = logging.getLogger(__name__)

_OUTLINE_SCHEMA = {
    "level": "int64", "marker": "str", "number": "int64", "title": "str",
    "path": "str", "start": "int64", "end": "int64", "text": "str",
    "heading_start": "int64", "kind": "str",
}
OUTLINE_COLUMNS = tuple(_OUTLINE_SCHEMA)

#: The outline depths :func:`sections` can cut at.
SectionLevel = Literal[1, 2, 3, 4]


def _path_part(kind: str, number: int, marker: str) -> str:
    """The marker's part of a ``path``: 二, （三）, 2, （1）/①, 第三章, 第二, 三是 …"""
    marker = marker.strip()
    if kind in ("一、", "第一部分"):
        m = re.search(CN_ORDINAL, marker)
        return m.group() if m else str(number)
    if kind == "（一）":
        m = re.search(CN_ORDINAL, marker)
        return f"（{m.group() if m else number}）"
    if kind == "1.":
        return str(number)
    if kind == "（1）":
        if marker and marker[0] in CIRCLED:
            return marker[0]
        return f"（{number}）"
    if kind in REGULATION_KINDS:
        return marker.rstrip(" \t\u3000\xa0：:")
    return marker.rstrip("，,：:、")  # 第二 / 三是


def outline(doc: TextLike) -> pd.DataFrame:
    """Split a speech into outline segments (headings and the text under them).

    Heading markers count only at the start of a line (after optional indentation,
    including U+3000), in half- or full-width form:

    - level 1: ``一、`` (also ``一．``) and ``第一部分``;
    - level 2: ``（一）`` / ``(一)``;
    - level 3: ``1.`` / ``1、`` / ``１．`` / ``⒈`` (not ``1.5亿元``, not ``2020年``);
    - level 4: ``（1）`` / ``(1)`` / ``①`` / ``⑴``.

    Numbering must be plausible: at each level a heading is kept if its number is 1
    (a new sequence), or the previous number at that level plus one (or plus two,
    tolerating one lost heading). A stray ``3.`` or ``（五）`` is ignored, as are runs
    of numerals such as ``一、二线城市``.

    Parameters
    ----------
    doc : Document or str
        The speech (raw or cleaned).

    Returns
    -------
    pandas.DataFrame
        One row per segment, in text order, columns:

        - ``level`` (int): 1–4, 0 for the preamble;
        - ``marker`` (str): the marker as written (``(一)``, ``一、``, ``1.``), ``""``
          for the preamble;
        - ``number`` (int): the marker's ordinal (一→1, （三）→3, ⑤→5), 0 for the preamble;
        - ``title`` (str): the heading text after the marker, up to the first
          ``。！？`` or the end of the line;
        - ``path`` (str): the chain of enclosing markers joined by ``.``, e.g.
          ``二.（三）`` or ``三.（一）.2.（1）``, ``""`` for the preamble;
        - ``start``, ``end`` (int): offsets; a segment runs from the start of its
          heading line to the start of the next heading line of any level;
        - ``text`` (str): ``input[start:end]``.

        The segments tile the input: the first starts at 0, each ends where the
        next starts, the last ends at ``len(input)`` and ``"".join(text)`` is the
        input. The preamble (text before the first heading) is a level-0 row when
        it is not empty. An empty input gives an empty frame.

    Raises
    ------
    InputError
        If ``doc`` is neither a str nor a Document.
    """
    text = get_text(doc)
    heads = find_headings(text)
    rows: list[dict[str, Any]] = []
    bounds = [h.start for h in heads] + [len(text)]
    if text and (not heads or heads[0].start > 0):
        rows.append({"level": 0, "marker": "", "number": 0, "title": "", "path": "",
                     "start": 0, "end": bounds[0], "text": text[:bounds[0]], "heading_start": 0,
                     "kind": "preamble" if heads else "unnumbered"})
    stack: list[tuple[int, str]] = []
    for i, h in enumerate(heads):
        while stack and stack[-1][0] >= h.level:
            stack.pop()
        marker = text[h.marker_start:h.marker_end].strip()
        stack.append((h.level, _path_part(h.kind, h.number, marker)))
        start, end = bounds[i], bounds[i + 1]
        rows.append({"level": h.level, "marker": marker, "number": h.number,
                     "title": h.title, "path": ".".join(p for _, p in stack),
                     "start": start, "end": end, "text": text[start:end],
                     "heading_start": h.marker_start, "kind": h.kind})
    return frame(rows, _OUTLINE_SCHEMA)


def sections(doc: TextLike, *, level: SectionLevel = 1) -> pd.DataFrame:
    """The outline down to ``level``, each section running to the next section at that depth or above.

    A level-1 section then holds its （一） subsections: with ``level=1`` the rows
    are the preamble and the 一、 sections; with ``level=2`` the （一） subsections
    get their own rows and a 一、 row runs only to its first subsection.

    Parameters
    ----------
    doc : Document or str
        The speech (raw or cleaned).
    level : {1, 2, 3, 4}, keyword-only
        The deepest outline level to keep.

    Returns
    -------
    pandas.DataFrame
        :func:`outline`'s columns, one row per kept segment (the preamble, level 0,
        included), with ``end`` and ``text`` (== ``input[start:end]``) extended over
        the deeper segments left out. The rows tile the input.

    Raises
    ------
    InputError
        If ``doc`` is neither a str nor a Document, or ``level`` is not 1, 2, 3 or 4.

    Examples
    --------
    >>> s = sections("一、总体要求\\n（一）指导思想\\n二、主要任务\\n", level=1)
    >>> s[["marker", "title", "start", "end"]].values.tolist()
    [['一、', '总体要求', 0, 15], ['二、', '主要任务', 15, 22]]
    """
    check_choice(level, "level", SectionLevel)
    return _sections(doc, level)


def _sections(doc: TextLike, level: int) -> pd.DataFrame:
    """:func:`sections` without the check on ``level`` (the old ``keywords.section_table``)."""
    text = get_text(doc)
    o = outline(text)
    o = o[o["level"] <= level].reset_index(drop=True)
    starts = o["start"].tolist()
    ends = starts[1:] + [len(text)] if starts else []
    o["end"] = np.array(ends, dtype="int64")
    o["text"] = pd.array([text[s:e] for s, e in zip(starts, ends)], dtype="str")
    return o
