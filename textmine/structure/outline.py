"""The outline of a speech: heading segments (:func:`outline`) and sections down to a depth (:func:`sections`)."""

from __future__ import annotations

import logging
import re
from typing import Any, Literal

import numpy as np
import pandas as pd

from .._checks import check_choice
from ..errors import InputError
from .._text import CIRCLED, CN_ORDINAL
from ._frame import TextLike, frame, get_text
from ._headings import REGULATION_KINDS, find_headings

__all__ = ["outline", "sections", "has_numbered_outline", "OUTLINE_COLUMNS", "SectionLevel"]

logger = logging.getLogger(__name__)

_OUTLINE_SCHEMA = {
    "level": "int64", "marker": "str", "number": "int64", "title": "str",
    "path": "str", "start": "int64", "end": "int64", "text": "str",
    "heading_start": "int64", "kind": "str",
}
OUTLINE_COLUMNS = tuple(_OUTLINE_SCHEMA)

#: The outline depths :func:`sections` can cut at (1–4 for the classic forms; regulation levels
#: and lead-sentence subheads can go deeper).
SectionLevel = Literal[1, 2, 3, 4, 5, 6, 7, 8, 9]


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

    Heading forms (half- or full-width):

    - classic: ``一、`` (also ``一．``) and ``第一部分``; ``（一）`` / ``(一)``; ``1.`` / ``1、`` /
      ``１．`` / ``⒈`` (not ``1.5亿元``, not ``2020年``); ``（1）`` / ``①`` / ``⑴``;
    - regulation levels: ``第一编``, ``第一章``, ``第一节``, ``第一条`` (not a citation such
      as ``第十条规定`` or ``第三条第二款``);
    - lead sentences: ``第一，…。`` and ``一是…。`` that open a section — a run of two or
      more, each a lead sentence of at most 60 characters followed by more text of its own.
      An ``一是`` run is a heading level only under a numbered heading (``一、`` …) and not
      inside a ``第一，`` section; elsewhere it is an enumeration.

    Where a heading may start: at the start of a line (after indentation, U+3000
    included); after a paragraph gap inside a line (two or more spaces or U+3000, as
    scraped one-line texts keep paragraphs) or a photo credit (``…/摄``); and, for
    ``一、``, ``第一部分``, ``（一）``, the regulation forms and the lead sentences, right
    after a sentence end (``。！？``) in a one-line body. In a text with real paragraphs
    (lines up to 1000 characters) a lead-sentence subhead must open its paragraph.

    Numbering must be plausible: at each level a heading is kept if its number is 1
    (a new sequence), or the previous number at that level plus one (or plus two,
    tolerating one lost heading, for a heading on its own line). A stray ``3.`` or
    ``（五）`` is ignored, as are runs of numerals such as ``一、二线城市``; a marker
    inside a line is a heading only next to another one of its sequence (一、 … 二、).

    Levels: without regulation forms, ``一、``/``第一部分`` 1, ``（一）`` 2, ``1.`` 3,
    ``（1）`` 4. With regulation forms present, the numbered forms present are ranked
    outermost first (编, 章, 节, 条, 一、, （一）, 1., （1））: ``第一章`` 1, ``第一条`` 2,
    ``（一）`` 3 … A lead sentence is one level below the numbered heading it stands
    under (``第一，`` under ``一、`` is 2), or 1 where none precedes it.

    Titles: up to the first ``。！？``, the line end or a paragraph gap. A heading that
    runs straight into its body (``一、弘扬企业家精神改革开放以来，…``) is cut where a
    score of cues is best: the title's length against the speech's other titles of the
    same form, a repeated phrase (``…稳定工作做好…稳定工作，``), words titles end with
    and bodies start with (``textmine/resources/heading_cues.txt``), predicates a title
    does not hold (是, 离不开 …) and the speech's own character statistics. The title of
    a lead sentence is the lead sentence.

    Parameters
    ----------
    doc : Document or str
        The speech (raw or cleaned).

    Returns
    -------
    pandas.DataFrame
        One row per segment, in text order, columns:

        - ``level`` (int): see above, 0 for the preamble;
        - ``marker`` (str): the marker as written (``(一)``, ``一、``, ``1.``, ``第三章``,
          ``第二``, ``三是``), ``""`` for the preamble;
        - ``number`` (int): the marker's ordinal (一→1, （三）→3, ⑤→5), 0 for the preamble;
        - ``title`` (str): the heading's title, without the marker;
        - ``path`` (str): the chain of enclosing markers joined by ``.``, e.g.
          ``二.（三）``, ``三.（一）.2.（1）``, ``第二章.第五条.（一）`` or ``一.第二``,
          ``""`` for the preamble;
        - ``start``, ``end`` (int): offsets; a segment runs from the start of its
          heading (the start of its line, for a heading on its own line) to the start
          of the next heading of any level;
        - ``text`` (str): ``input[start:end]``;
        - ``heading_start`` (int): offset of the marker (after any indentation; equal
          to ``start`` for a heading inside a line); 0 for the preamble;
        - ``kind`` (str): the heading form, one of ``一、``, ``第一部分``, ``（一）``,
          ``1.``, ``（1）``, ``第一编``, ``第一章``, ``第一节``, ``第一条``, ``第一，``,
          ``一是``; for the level-0 row ``preamble`` (text before the first heading)
          or ``unnumbered`` (the whole text, which has no heading at all).

        The segments tile the input: the first starts at 0, each ends where the
        next starts, the last ends at ``len(input)`` and ``"".join(text)`` is the
        input. The preamble is a level-0 row when it is not empty. A text with no
        heading is one level-0 row of kind ``unnumbered`` (see
        :func:`has_numbered_outline`). An empty input gives an empty frame.

    Raises
    ------
    InputError
        If ``doc`` is neither a str nor a Document.

    Examples
    --------
    >>> o = outline("我讲两点意见。一、关于防汛工作入汛以来，各地闻令而动。二、关于下一步工作当前，要抓好落实。")
    >>> o[["level", "kind", "title", "heading_start"]].values.tolist()
    [[0, 'preamble', '', 0], [1, '一、', '关于防汛工作', 7], [1, '一、', '关于下一步工作', 27]]
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
    level : {1, 2, 3, 4, 5, 6, 7, 8, 9}, keyword-only
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
        If ``doc`` is neither a str nor a Document, or ``level`` is not one of 1–9.

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


def has_numbered_outline(doc_or_outline: TextLike | pd.DataFrame) -> bool:
    """Does the speech have a numbered outline (at least one heading of level 1 or deeper)?

    A speech with no heading marker is one level-0 section (:func:`outline` gives it
    ``kind == "unnumbered"``): a briefing should then say that the speech has no numbered
    outline rather than count its parts.

    Parameters
    ----------
    doc_or_outline : Document, str or pandas.DataFrame
        The speech, or an :func:`outline` / :func:`sections` frame of it.

    Returns
    -------
    bool

    Raises
    ------
    InputError
        If the argument is none of these, or a frame without a ``level`` column.

    Examples
    --------
    >>> has_numbered_outline("要抓紧落实。"), has_numbered_outline("一、总体要求\\n二、主要任务\\n")
    (False, True)
    """
    if isinstance(doc_or_outline, pd.DataFrame):
        if "level" not in doc_or_outline.columns:
            raise InputError(f"doc_or_outline: the frame has no 'level' column (columns: "
                             f"{list(doc_or_outline.columns)}); expected an outline() or sections() frame")
        return bool((doc_or_outline["level"] >= 1).any())
    return bool((outline(get_text(doc_or_outline, "doc_or_outline"))["level"] >= 1).any())
