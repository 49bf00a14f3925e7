"""Cleaning: documented, reversible normalisation of speech text.

:func:`clean` returns a new :class:`CleanedDocument` (a :class:`~textmine.corpus.Document`)
and records every change it made, step by step, so that the raw text can always be
recovered with :meth:`CleanedDocument.undo`. The raw Document is never modified.

Steps, in order (each can be turned off with a keyword argument):

``boilerplate``
    Removes template-site and scrape boilerplate lines: headers such as
    ``下面是小编为大家整理的…供大家参考。``, footers such as ``以上就是…``, ``本文来源…``,
    ``文章来源：…``, and Wikisource licence footers. Each removal is reported.
``zero_width``
    Removes zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF).
``width``
    Full-width digits and Latin letters to half-width (``２０２１`` → ``2021``).
``punctuation``
    ASCII punctuation ``, : ; ( ) ! ?`` in Chinese context to full-width, so that
    ``(一)`` and ``（一）`` are one marker; ``1,000`` and ``10:30`` are left alone.
``whitespace``
    CRLF to LF, line-edge spaces and indents (incl. U+3000) removed, runs of blank
    lines collapsed: the cleaned text has one paragraph per line.
``repair``
    Re-joins paragraphs broken by stray line breaks: a line that starts with closing
    punctuation (a scraped wiki link) or that follows a line ending in ``；，、`` or an
    opening bracket, or a long line ending mid-sentence. Outline headings are never joined.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, overload

import pandas as pd

from ._text import FULLWIDTH_ALNUM as _FULLWIDTH_ALNUM
from ._text import HAN_CHARS as _HAN
from ._text import HEADING_LINE as HEADING_RE
from ._text import to_halfwidth
from .corpus import Corpus, Document
from .errors import InputError

__all__ = ["clean", "Change", "CleanedDocument", "STEPS", "HEADING_RE"]

STEPS = ("boilerplate", "zero_width", "width", "punctuation", "whitespace", "repair")

_CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201f\u2026\u2014"
_CHINESE_CHAR = re.compile(f"[{_HAN}{_CJK_PUNCT}]")


@dataclass(frozen=True)
class Change:
    """One edit made by a cleaning step.

    ``start``/``end`` index the step's input text; ``out_start`` indexes its output.
    """

    step: str
    start: int
    end: int
    old: str
    new: str
    out_start: int
    note: str = ""


@dataclass(frozen=True, repr=False)
class CleanedDocument(Document):
    """A Document produced by :func:`clean`: cleaned ``text``, plus the ``raw`` text and every change."""

    raw: str = ""
    changes: tuple[Change, ...] = field(default_factory=tuple)
    steps: tuple[str, ...] = field(default_factory=tuple)

    def changes_frame(self) -> pd.DataFrame:
        """Every change as a DataFrame: step, start, end, old, new, out_start, note."""
        cols = ["step", "start", "end", "old", "new", "out_start", "note"]
        return pd.DataFrame([c.__dict__ for c in self.changes], columns=cols)

    @property
    def removed(self) -> list[Change]:
        """The boilerplate removed, with its position in the raw text."""
        return [c for c in self.changes if c.step == "boilerplate"]

    def undo(self, *, steps: Iterable[str] | None = None) -> str:
        """Undo the given steps (default: all) and return the resulting text.

        Undoing every step returns the raw text exactly. Undoing every step but
        ``boilerplate`` returns the raw body: the raw text less the boilerplate.
        """
        wanted = set(STEPS if steps is None else steps)
        unknown = wanted - set(STEPS)
        if unknown:
            raise InputError(f"steps={sorted(unknown)!r}: unknown; expected some of {STEPS}")
        text = self.text
        # Reverse the steps in reverse order; a step kept must still be re-applied
        # in place, so undo from the last step back and stop at the earliest wanted one.
        applied = list(self.steps)
        by_step: dict[str, list[Change]] = {}
        for c in self.changes:
            by_step.setdefault(c.step, []).append(c)
        redo: list[str] = []
        for step in reversed(applied):
            text = _revert(text, by_step.get(step, []))
            if step not in wanted:
                redo.append(step)
        for step in reversed(redo):  # re-apply kept steps in their original order
            text = _apply(text, _STEP_FUNCS[step](text), step)[0]
        return text


def _revert(text: str, changes: list[Change]) -> str:
    out = []
    pos = 0
    for c in sorted(changes, key=lambda c: c.out_start):
        out.append(text[pos:c.out_start])
        out.append(c.old)
        pos = c.out_start + len(c.new)
    out.append(text[pos:])
    return "".join(out)


_Edit = tuple[int, int, str, str]  # start, end, new, note


def _apply(text: str, edits: list[_Edit], step: str) -> tuple[str, list[Change]]:
    out: list[str] = []
    changes: list[Change] = []
    pos = 0
    n_out = 0
    for start, end, new, note in sorted(edits):
        if start < pos:
            continue  # overlapping edit: keep the first
        chunk = text[pos:start]
        out.append(chunk)
        n_out += len(chunk)
        changes.append(Change(step, start, end, text[start:end], new, n_out, note))
        out.append(new)
        n_out += len(new)
        pos = end
    out.append(text[pos:])
    return "".join(out), changes


# ----------------------------------------------------------------------------- steps

_BOILER_KEYS = re.compile(
    r"小编|本站|范文|为大家整理|为您整理|为大家收集|为大家分享|供大家参考|仅供参考|欢迎阅读|欢迎下载"
    r"|文章来源|本文来源|来源[:：]|转载|版权(?:归|声明|所有)|免责声明|全部内容|www\.|https?://"
)
_LICENSE_START = re.compile(r"本作品|这部作品|這部作品")
_LICENSE_END = re.compile(r"公有领域|公有領域|Public domain")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, the end including its newline."""
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        spans.append((pos, pos + len(line)))
        pos += len(line)
    return spans


def _boilerplate(text: str) -> list[_Edit]:
    edits: list[_Edit] = []
    cut = len(text)
    tail_start = max(0, len(text) - 3000)
    m = _LICENSE_START.search(text, tail_start)
    idx = m.start() if m else -1
    if idx >= 0 and _LICENSE_END.search(text, idx):
        line_start = text.rfind("\n", 0, idx) + 1
        cut = line_start
        edits.append((line_start, len(text), "", "licence footer"))
    spans = [(s, e) for s, e in _lines(text[:cut]) if text[s:e].strip()]
    candidates = spans[:3] + spans[-5:]
    seen = set()
    for s, e in candidates:
        if (s, e) in seen:
            continue
        seen.add((s, e))
        line = text[s:e]
        if len(line.strip()) <= 160 and _BOILER_KEYS.search(line):
            edits.append((s, e, "", "template line"))
    return edits


_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def _zero_width(text: str) -> list[_Edit]:
    return [(m.start(), m.end(), "", "zero-width character") for m in _ZERO_WIDTH.finditer(text)]


def _width(text: str) -> list[_Edit]:
    return [(m.start(), m.end(), to_halfwidth(m.group()), "full-width to half-width")
            for m in _FULLWIDTH_ALNUM.finditer(text)]


_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_PAREN_PAIR = re.compile(r"\(([^()\n]{0,80})\)")
_SIMPLE_PUNCT = re.compile(r"[,:;!?]")


def _is_chinese(ch: str) -> bool:
    return bool(ch) and _CHINESE_CHAR.match(ch) is not None


def _punctuation(text: str) -> list[_Edit]:
    edits: list[_Edit] = []
    n = len(text)
    for m in _PAREN_PAIR.finditer(text):
        s, e = m.start(), m.end()
        before = text[s - 1] if s else "\n"
        after = text[e] if e < n else "\n"
        inner = m.group(1)
        if (_CHINESE_CHAR.search(inner) or _is_chinese(before) or _is_chinese(after)
                or (before == "\n" and re.fullmatch(r"[0-9一二三四五六七八九十]{1,3}", inner))):
            edits.append((s, s + 1, "（", "ASCII punctuation in Chinese context"))
            edits.append((e - 1, e, "）", "ASCII punctuation in Chinese context"))
    for m in _SIMPLE_PUNCT.finditer(text):
        i = m.start()
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < n else ""
        if before.isdigit() and after.isdigit():
            continue  # 1,000 and 10:30
        if _is_chinese(before) or _is_chinese(after) or before in "”’）" or (after == " " and _is_chinese(before)):
            edits.append((i, i + 1, _FULL[m.group()], "ASCII punctuation in Chinese context"))
    return edits


_EDGE_SPACE = re.compile(r"[ \t\u3000\xa0]+(?=\n|$)|(?:(?<=\n)|^)[ \t\u3000\xa0]+", re.M)


def _whitespace(text: str) -> list[_Edit]:
    edits: list[_Edit] = [(m.start(), m.end(), "", "CR removed") for m in re.finditer(r"\r(?=\n)", text)]
    edits += [(m.start(), m.end(), "\n", "lone CR to LF") for m in re.finditer(r"\r(?!\n)", text)]
    for m in re.finditer(r"(?m)^[ \t\u3000\xa0]+|[ \t\u3000\xa0]+$", text):
        if m.end() > m.start():
            edits.append((m.start(), m.end(), "", "line-edge space"))
    # blank lines: a newline followed by only whitespace up to another newline
    for m in re.finditer(r"\n(?:[ \t\u3000\xa0\r]*\n)+", text):
        edits.append((m.start(), m.end(), "\n", "blank lines collapsed"))
    lead = re.match(r"(?:[ \t\u3000\xa0\r]*\n)+", text)
    if lead:
        edits.append((0, lead.end(), "", "leading blank lines"))
    trail = re.search(r"\n[ \t\u3000\xa0\r\n]*$", text)
    if trail and trail.start() > 0:
        edits.append((trail.start(), len(text), "", "trailing blank lines"))
    return _merge_overlaps(edits, text)


def _merge_overlaps(edits: list[_Edit], text: str) -> list[_Edit]:
    """Merge overlapping whitespace edits into one edit each (new text concatenated in order)."""
    if not edits:
        return edits
    edits = sorted(edits, key=lambda e: (e[0], -e[1]))
    merged: list[list[Any]] = []
    for s, e, new, note in edits:
        if merged and s < merged[-1][1]:
            last = merged[-1]
            if e > last[1]:
                last[1] = e
            # keep the replacement of the widest covering edit: a blank-line run wins
            if note.startswith(("blank", "leading", "trailing")):
                last[2], last[3] = new, note
            continue
        merged.append([s, e, new, note])
    return [tuple(m) for m in merged]  # type: ignore[misc]


_OPENING = "（(“‘《「【"
_CONTINUES = "；;，,、" + _OPENING
_CLOSING = "。，、；：）」』”’！？》】.,;:)!?"
_TERMINAL = "。！？：:!?…”’）)》】"


def _repair(text: str) -> list[_Edit]:
    edits: list[_Edit] = []
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
        elif HEADING_RE.match(prev) and len(prev) <= 40 and last not in _CONTINUES:
            join = False  # a heading line stays on its own
        elif last in _CONTINUES:
            join = True
        elif _CHINESE_CHAR.match(last) and last not in _TERMINAL and len(prev) >= 30 and not prev.lstrip().startswith(("——", "--")):
            join = True
        if join:
            edits.append((pe - 1, pe, "", "paragraph re-joined"))
    return edits


_STEP_FUNCS: dict[str, Callable[[str], list[_Edit]]] = {
    "boilerplate": _boilerplate,
    "zero_width": _zero_width,
    "width": _width,
    "punctuation": _punctuation,
    "whitespace": _whitespace,
    "repair": _repair,
}


# ----------------------------------------------------------------------------- API

@overload
def clean(doc: Document | str, **kwargs: bool) -> CleanedDocument: ...
@overload
def clean(doc: Corpus, **kwargs: bool) -> Corpus: ...


def clean(doc, *, boilerplate: bool = True, zero_width: bool = True, width: bool = True,
          punctuation: bool = True, whitespace: bool = True, repair: bool = True):
    """Clean a speech (or every speech of a corpus), recording every change.

    Parameters
    ----------
    doc : Document, str or Corpus
        What to clean. A str is wrapped with :meth:`Document.from_text`.
    boilerplate, zero_width, width, punctuation, whitespace, repair : bool
        Turn each step on or off (see the module docstring).

    Returns
    -------
    CleanedDocument or Corpus
        A new document (the input is untouched) with ``.raw``, ``.changes`` and
        ``.undo()``; a Corpus of them for a Corpus.

    Examples
    --------
    >>> d = clean("下面是小编为大家整理的讲话，供大家参考。\\n(一)加强领导;\\n落实责任。")
    >>> d.text
    '（一）加强领导；落实责任。'
    """
    opts = dict(boilerplate=boilerplate, zero_width=zero_width, width=width,
                punctuation=punctuation, whitespace=whitespace, repair=repair)
    if isinstance(doc, Corpus):
        return Corpus([clean(d, **opts) for d in doc], log=doc.log)
    if isinstance(doc, str):
        doc = Document.from_text(doc)
    if not isinstance(doc, Document):
        raise InputError(f"doc must be a Document, Corpus or str, got {type(doc).__name__}")
    if isinstance(doc, CleanedDocument):
        base_raw, prior, prior_steps = doc.raw, doc.changes, doc.steps
    else:
        base_raw, prior, prior_steps = doc.text, (), ()
    text = doc.text
    changes: list[Change] = list(prior)
    steps = [s for s in STEPS if opts[s]]
    done: list[str] = list(prior_steps)
    for step in steps:
        if step in done:
            continue
        text, ch = _apply(text, _STEP_FUNCS[step](text), step)
        changes.extend(ch)
        done.append(step)
    return CleanedDocument(doc_id=doc.doc_id, text=text, title=doc.title, meta=doc.meta,
                           source=doc.source, raw=base_raw, changes=tuple(changes), steps=tuple(done))
