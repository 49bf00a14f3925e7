"""Paragraph repair: re-join paragraphs broken by stray line breaks, and only those.

A line break is removed when the next line starts with closing punctuation (a scraped
wiki link), when the line is the link text between two halves of a sentence, when the
line ends in ``；，、`` or an opening bracket, or when a long line ends mid-sentence.

It is never removed

- before or after an outline heading (a heading is never joined to its body);
- between separate list items: a line ending in ``；`` followed by a line that opens with
  a list marker (一是, 1., （2）, ①, 第二，…), or a break the source marked as a paragraph
  (a blank line, an indent, a full-width indent restored by the ``paragraphs`` step);
- before or after a line that is page furniture (a photo caption, a widget, a trailer),
  even when the ``furniture`` step was turned off.
"""

from __future__ import annotations

import re

from .furniture import _credit_at_end, _strong_kind, _zone_kind
from .patterns import HEADING_RE, CHINESE_CHAR, Line

_OPENING = "（(“‘《「【"
_CONTINUES = "；;，,、" + _OPENING
_CLOSING = "。，、；：）」』”’！？》】.,;:)!?"
_TERMINAL = "。！？：:!?…”’）)》】"
_LIST_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}(?:是|要|者)|第[一二三四五六七八九十]{1,3}[，,、是]|其[一二三四五六七八九十][，,、是]"
    r"|[（(]?\d{1,2}[）).．、]|[（(][一二三四五六七八九十]{1,3}[）)]|[①-⑳]|[•·●▪■◆\-—－]\s?)"
)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, the end including its newline."""
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        spans.append((pos, pos + len(line)))
        pos += len(line)
    return spans


def _furniture(s: str) -> bool:
    """A widget, a caption, a trailer, a bare date or URL line: never glued to anything."""
    c = s.strip(" \t\r\u3000\xa0")
    line = Line(0, 0, 0, 0, c)
    if _strong_kind(line, before_speech=False) is not None or _credit_at_end(c) is not None:
        return True
    zone = _zone_kind(line)
    return zone is not None and zone[1] in ("page widget", "bare date line", "bare URL line")


def repair(text: str, ctx: dict) -> list[tuple]:
    protected = ctx.get("protected_breaks", frozenset())
    edits: list[tuple] = []
    spans = _lines(text)
    for i, ((ps, pe), (cs, ce)) in enumerate(zip(spans, spans[1:])):
        prev = text[ps:pe].rstrip("\n")
        cur = text[cs:ce].rstrip("\n")
        after = text[spans[i + 2][0]:spans[i + 2][1]].lstrip() if i + 2 < len(spans) else ""
        if not prev.strip() or not cur.strip() or not text[pe - 1] == "\n":
            continue
        if HEADING_RE.match(cur):
            continue
        last = prev.rstrip()[-1]
        join = False
        if cur.lstrip()[0] in _CLOSING:
            join = True  # a scraped link split onto its own line
        elif after[:1] and after[0] in _CLOSING and len(cur) <= 30 and last not in _TERMINAL:
            join = True  # the link text itself, between two halves of a sentence
        elif HEADING_RE.match(prev) and last not in _CONTINUES:
            join = False  # a heading line stays on its own, however long
        elif pe - 1 in protected:
            join = False  # the source marked this break as a paragraph
        elif last in "；;" and _LIST_MARKER.match(cur.lstrip()):
            join = False  # separate list items
        elif last in _CONTINUES:
            join = True
        elif (CHINESE_CHAR.match(last) and last not in _TERMINAL and len(prev) >= 30
              and not prev.lstrip().startswith(("——", "--"))):
            join = True
        if join and (_furniture(prev) or _furniture(cur)):
            join = False  # never glue a caption or a widget to the body
        if join:
            edits.append((pe - 1, pe, "", "paragraph re-joined", ""))
    return edits
