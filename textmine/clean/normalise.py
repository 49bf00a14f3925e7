"""Character-level normalisations: zero-width characters, full-width letters and digits,
ASCII punctuation in Chinese context, whitespace and line ends."""

from __future__ import annotations

import re
from typing import Any

from .._text import FULLWIDTH_ALNUM as _FULLWIDTH_ALNUM
from .._text import to_halfwidth
from .patterns import CHINESE_CHAR

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def zero_width(text: str, ctx: dict) -> list[tuple]:
    return [(m.start(), m.end(), "", "zero-width character", "") for m in _ZERO_WIDTH.finditer(text)]




def width(text: str, ctx: dict) -> list[tuple]:
    return [(m.start(), m.end(), to_halfwidth(m.group()), "full-width to half-width", "")
            for m in _FULLWIDTH_ALNUM.finditer(text)]


_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_PAREN_PAIR = re.compile(r"\(([^()\n]{0,80})\)")
_SIMPLE_PUNCT = re.compile(r"[,:;!?]")
_NOTE = "ASCII punctuation in Chinese context"


def _is_chinese(ch: str) -> bool:
    return bool(ch) and CHINESE_CHAR.match(ch) is not None


def punctuation(text: str, ctx: dict) -> list[tuple]:
    edits: list[tuple] = []
    n = len(text)
    for m in _PAREN_PAIR.finditer(text):
        s, e = m.start(), m.end()
        before = text[s - 1] if s else "\n"
        after = text[e] if e < n else "\n"
        inner = m.group(1)
        if (CHINESE_CHAR.search(inner) or _is_chinese(before) or _is_chinese(after)
                or (before == "\n" and re.fullmatch(r"[0-9一二三四五六七八九十]{1,3}", inner))):
            edits.append((s, s + 1, "（", _NOTE, ""))
            edits.append((e - 1, e, "）", _NOTE, ""))
    for m in _SIMPLE_PUNCT.finditer(text):
        i = m.start()
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < n else ""
        if before.isdigit() and after.isdigit():
            continue  # 1,000 and 10:30
        if _is_chinese(before) or _is_chinese(after) or before in "”’）" or (after == " " and _is_chinese(before)):
            edits.append((i, i + 1, _FULL[m.group()], _NOTE, ""))
    return edits


def whitespace(text: str, ctx: dict) -> list[tuple]:
    edits: list[tuple] = [(m.start(), m.end(), "", "CR removed", "") for m in re.finditer(r"\r(?=\n)", text)]
    edits += [(m.start(), m.end(), "\n", "lone CR to LF", "") for m in re.finditer(r"\r(?!\n)", text)]
    for m in re.finditer(r"(?m)^[ \t\u3000\xa0]+|[ \t\u3000\xa0]+$", text):
        if m.end() > m.start():
            edits.append((m.start(), m.end(), "", "line-edge space", ""))
    # blank lines: a newline followed by only whitespace up to another newline
    for m in re.finditer(r"\n(?:[ \t\u3000\xa0\r]*\n)+", text):
        edits.append((m.start(), m.end(), "\n", "blank lines collapsed", ""))
    lead = re.match(r"(?:[ \t\u3000\xa0\r]*\n)+", text)
    if lead:
        edits.append((0, lead.end(), "", "leading blank lines", ""))
    trail = re.search(r"\n[ \t\u3000\xa0\r\n]*$", text)
    if trail and trail.start() > 0:
        edits.append((trail.start(), len(text), "", "trailing blank lines", ""))
    return _merge_overlaps(edits)


def _merge_overlaps(edits: list[tuple]) -> list[tuple]:
    """Merge overlapping whitespace edits into one edit each (new text concatenated in order)."""
    if not edits:
        return edits
    edits = sorted(edits, key=lambda e: (e[0], -e[1]))
    merged: list[list[Any]] = []
    for s, e, new, note, kind in edits:
        if merged and s < merged[-1][1]:
            last = merged[-1]
            if e > last[1]:
                last[1] = e
            # keep the replacement of the widest covering edit: a blank-line run wins
            if note.startswith(("blank", "leading", "trailing")):
                last[2], last[3] = new, note
            continue
        merged.append([s, e, new, note, kind])
    return [tuple(m) for m in merged]


def paragraph_breaks(text: str, ctx: dict) -> list[tuple]:
    """Give a one-line body its paragraph breaks back where only full-width indents mark them.

    Scrapes often lose every line break but keep the two ideographic spaces (U+3000 U+3000)
    that indented each paragraph: ``…的。\u3000\u3000第二，…``. Inside a line that holds at least
    two such runs between text, or one in a line of at least ``_LONG_LINE`` characters, each
    run becomes a line break.
    """
    edits: list[tuple] = []
    pos = 0
    for line in text.split("\n"):
        runs = [m for m in _INDENT_RUN.finditer(line)
                if m.start() > 0 and m.end() < len(line) and line[:m.start()].strip(" \t\u3000\xa0\r")]
        if len(runs) >= 2 or (runs and len(line) >= _LONG_LINE):
            for m in runs:
                edits.append((pos + m.start(), pos + m.end(), "\n", "full-width indent to paragraph break",
                              "paragraph"))
        pos += len(line) + 1
    return edits


_LONG_LINE = 200
_INDENT_RUN = re.compile(r"[ \t\xa0]*\u3000\u3000[\u3000 \t\xa0]*(?=\S)")
