"""Sentences: a splitter that respects quotes and 《》, and an offset → sentence lookup."""

from __future__ import annotations

import bisect
import re

import pandas as pd

from .._checks import check_type
from .._text import is_cjkish
from ._frame import LINEBREAK_CHARS, TextLike, frame, get_text

__all__ = ["sentence_spans", "sentences", "SENTENCE_COLUMNS", "MAX_SENTENCE_CHARS", "QUOTE_BOUND"]

MAX_SENTENCE_CHARS = 500
"""No sentence is longer: a longer stretch without a sentence end is cut after its last ；, ，
or whitespace within the limit (or at the limit). Every row of duties, targets, enumerations
repeats its sentence, so an unbounded sentence would make those tables grow quadratically."""
QUOTE_BOUND = 300
"""An opening quote not closed within this many characters is taken as stray: the sentence
ends inside it are honoured again from its first one (one stray “ must not swallow a text)."""
_CUT_AT = "；，;,"

_SENTENCE_SCHEMA = {"sent_id": "int64", "start": "int64", "end": "int64", "text": "str"}
SENTENCE_COLUMNS = tuple(_SENTENCE_SCHEMA)

_OPEN_Q = {"“": 0, "‘": 1, "「": 2, "『": 3, "《": 4, "〈": 5, "﹁": 2, "﹃": 3}
_CLOSE_Q = {"”": 0, "’": 1, "」": 2, "』": 3, "》": 4, "〉": 5, "﹂": 2, "﹄": 3}
_FULL_TERM = "。！？；｡"
_HALF_TERM = "!?;"
_TRAIL = _FULL_TERM + _HALF_TERM + "”’」』》〉）)"
_SENT_SPECIAL = re.compile(
    "[" + re.escape(LINEBREAK_CHARS + "".join(_OPEN_Q) + "".join(_CLOSE_Q) + '"' + _FULL_TERM + _HALF_TERM) + "]"
)


def _push_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def _is_terminator(text: str, i: int) -> bool:
    ch = text[i]
    if ch in _FULL_TERM:
        return True
    if ch in _HALF_TERM:  # half-width ! ? ; only in Chinese context
        prev = text[i - 1] if i > 0 else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        return is_cjkish(prev) or is_cjkish(nxt)
    return False


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences and return their ``(start, end)`` offsets.

    Sentences end at ``。！？；`` (and half-width ``! ? ;`` in Chinese context) and at
    line breaks. A terminator inside “…”, ‘…’, 「…」, 『…』, 《…》, 〈…〉 or ASCII
    "…" does not end a sentence; quote nesting is reset at each line break, and a quote
    still open :data:`QUOTE_BOUND` characters on is taken as stray, so an unclosed quote
    never swallows more than its line or that bound. Terminators and closing
    quotes/brackets that follow a terminator stay with its sentence. No sentence is
    longer than :data:`MAX_SENTENCE_CHARS` (cut after ；，or whitespace when it has no end).

    Parameters
    ----------
    text : str
        The text to split.

    Returns
    -------
    list of tuple of int
        Increasing, non-overlapping ``(start, end)`` pairs; ``text[start:end]`` is
        never empty and has no leading or trailing whitespace.

    Raises
    ------
    InputError
        If ``text`` is not a str.

    Examples
    --------
    >>> sentence_spans("他说：“要抓紧。要落实。”然后散会。好！")
    [(0, 18), (18, 20)]
    """
    check_type(text, "text", str, "a str")
    spans: list[tuple[int, int]] = []
    n = len(text)
    depth = [0] * 6
    inside = 0  # total quote depth
    ascii_open = False
    start = 0
    pos = 0
    open_at = -1  # where the outermost open quote began
    pending = -1  # the first sentence end seen inside it
    while True:
        m = _SENT_SPECIAL.search(text, pos)
        i = m.start() if m is not None else n
        if (inside or ascii_open) and pending >= 0 and i - open_at > QUOTE_BOUND:
            # a stray quote: forget it and go back to the first sentence end it hid
            depth, inside, ascii_open = [0] * 6, 0, False
            pos, pending = pending, -1
            continue
        if m is None:
            break
        ch = text[i]
        pos = i + 1
        if not inside and not ascii_open and (ch in _OPEN_Q or ch == '"'):
            open_at, pending = i, -1
        if ch in LINEBREAK_CHARS:
            _push_span(spans, text, start, i)
            start = i + 1
            depth = [0] * 6
            inside = 0
            ascii_open = False
        elif ch in _OPEN_Q:
            depth[_OPEN_Q[ch]] += 1
            inside += 1
        elif ch in _CLOSE_Q:
            k = _CLOSE_Q[ch]
            if depth[k] > 0:
                depth[k] -= 1
                inside -= 1
        elif ch == '"':
            ascii_open = not ascii_open
        elif inside or ascii_open:
            if pending < 0 and _is_terminator(text, i):
                pending = i
        elif _is_terminator(text, i):
            j = i + 1
            while j < n and text[j] in _TRAIL:
                j += 1
            _push_span(spans, text, start, j)
            start = j
            pos = j
    _push_span(spans, text, start, n)
    return _bounded(spans, text)


def _bounded(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Spans cut to :data:`MAX_SENTENCE_CHARS`, after a ；，;, or whitespace where there is one."""
    if all(e - s <= MAX_SENTENCE_CHARS for s, e in spans):
        return spans
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while e - s > MAX_SENTENCE_CHARS:
            window = text[s:s + MAX_SENTENCE_CHARS]
            cut = max(window.rfind(c) for c in _CUT_AT) + 1
            if cut <= 0:
                cut = next((j + 1 for j in range(len(window) - 1, 0, -1) if window[j].isspace()), 0)
            if cut <= 0:
                cut = MAX_SENTENCE_CHARS
            before = len(out)
            _push_span(out, text, s, s + cut)
            s += cut
            if len(out) == before:  # only whitespace: nothing pushed, go on
                continue
        _push_span(out, text, s, e)
    return out


def sentences(doc: TextLike) -> pd.DataFrame:
    """Split a speech into sentences.

    See :func:`sentence_spans` for the rules.

    Parameters
    ----------
    doc : Document or str
        The speech.

    Returns
    -------
    pandas.DataFrame
        One row per sentence, columns ``sent_id`` (int, 0-based), ``start``, ``end``
        (int, offsets into the input) and ``text`` (== ``input[start:end]``).

    Raises
    ------
    InputError
        If ``doc`` is neither a str nor a Document.
    """
    text = get_text(doc)
    rows = [{"sent_id": i, "start": s, "end": e, "text": text[s:e]}
            for i, (s, e) in enumerate(sentence_spans(text))]
    return frame(rows, _SENTENCE_SCHEMA)


class SentenceIndex:
    """Sentence spans of a text with a lookup from an offset to its sentence (used by the extractors)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = sentence_spans(text)
        self.starts = [s for s, _ in self.spans]

    def span_at(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]:
            return self.spans[i]
        # offset in whitespace between sentences: its own line
        ls = max(self.text.rfind("\n", 0, pos) + 1, 0)
        le = self.text.find("\n", pos)
        return ls, (len(self.text) if le < 0 else le)

    def sentence_at(self, pos: int) -> str:
        s, e = self.span_at(pos)
        return self.text[s:e]
