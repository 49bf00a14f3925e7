"""The cleaning record: :class:`Change`, :class:`CleanedDocument`, the edit machinery and the tables.

Every step returns *edits* on its input text; :func:`apply_edits` turns them into
:class:`Change` objects that remember both the step's input offsets and where the
replacement landed in the step's output, so that any step can be reverted exactly.
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..corpus import Corpus, Document
from ..errors import InputError

#: Every step, in the order :func:`~textmine.clean.clean` runs them.
STEPS = ("script", "boilerplate", "furniture", "header", "site_boilerplate", "zero_width", "width",
         "punctuation", "paragraphs", "whitespace", "repair")

#: The steps that take text out of the body (their changes are listed by ``removed``).
REMOVAL_STEPS = ("boilerplate", "furniture", "header", "site_boilerplate")

#: The steps shown in the cleaning record (``cleaning.csv``): removals, the script
#: conversion and the restored paragraph breaks. The character-level normalisations
#: (width, punctuation, whitespace, repair) are in ``changes_frame()``.
RECORD_STEPS = ("script",) + REMOVAL_STEPS + ("paragraphs",)

#: Columns of :attr:`CleanedDocument.record` and :func:`cleaning_table`.
RECORD_COLUMNS = ["doc_id", "step", "kind", "field", "start", "end", "text", "new", "note"]

@dataclass(frozen=True, slots=True)  # no __dict__: a 100× corpus holds over a million changes
class Change:
    """One edit made by a cleaning step.

    ``start``/``end`` index the step's input text; ``out_start`` indexes its output.
    ``kind`` names what was removed (``widget``, ``provenance``, ``caption`` …) for the
    removal steps; it is ``""`` for the normalisations.
    """

    step: str
    start: int
    end: int
    old: str
    new: str
    out_start: int
    note: str = ""
    kind: str = ""


_SHORT = 8  # characters: changes this short share their strings (a 100× corpus has 1.3 M changes)


def apply_edits(text: str, edits: Iterable[tuple], step: str) -> tuple[str, list[Change]]:
    """Apply edits ``(start, end, new, note[, kind])`` on the step's input; the first wins on overlap.

    Returns the new text and one :class:`Change` per edit applied.
    """
    out: list[str] = []
    changes: list[Change] = []
    pos = 0
    n_out = 0
    for e in sorted(edits, key=lambda e: (e[0], e[1])):
        start, end, new, note = e[0], e[1], e[2], e[3]
        kind = e[4] if len(e) > 4 else ""
        if start < pos:
            continue  # overlapping edit: keep the first
        if start == end and not new:
            continue
        chunk = text[pos:start]
        out.append(chunk)
        n_out += len(chunk)
        # most changes fold "\n\n" or "\u3000\u3000": one string for all of them
        old = text[start:end]
        old = sys.intern(old) if len(old) <= _SHORT else old
        new = sys.intern(new) if len(new) <= _SHORT else new
        changes.append(Change(step, start, end, old, new, n_out, note, kind))
        out.append(new)
        n_out += len(new)
        pos = end
    out.append(text[pos:])
    return "".join(out), changes


def revert(text: str, changes: list[Change]) -> str:
    """Undo one step's changes on that step's output."""
    out = []
    pos = 0
    for c in sorted(changes, key=lambda c: c.out_start):
        out.append(text[pos:c.out_start])
        out.append(c.old)
        pos = c.out_start + len(c.new)
    out.append(text[pos:])
    return "".join(out)


class _OffsetMap:
    """Maps a position in a step's output back to its input (changes sorted by ``out_start``)."""

    def __init__(self, changes: list[Change]) -> None:
        self.changes = sorted(changes, key=lambda c: c.out_start)
        self.keys = [c.out_start for c in self.changes]

    def back(self, pos: int, *, end: bool = False) -> int:
        i = bisect.bisect_right(self.keys, pos) - 1
        # an end offset that touches the start of a change belongs before it
        while end and i >= 0 and self.changes[i].out_start == pos and pos > 0:
            i -= 1
        if i < 0:
            return pos
        c = self.changes[i]
        new_end = c.out_start + len(c.new)
        if pos >= new_end:
            return c.end + (pos - new_end)
        if len(c.new) == c.end - c.start:
            return c.start + (pos - c.out_start)
        return c.end if end and pos > c.out_start else c.start


@dataclass(frozen=True, repr=False)
class CleanedDocument(Document):
    """A Document produced by :func:`~textmine.clean.clean`.

    ``text`` is the cleaned text; ``raw`` the text it was made from; ``changes`` every
    edit, step by step; ``header`` the speech's own header lines turned into metadata
    (``title``, ``occasion``, ``date``, ``speaker``, and the page's ``published``,
    ``outlet``, ``url`` when the scrape had them).
    """

    raw: str = ""
    changes: tuple[Change, ...] = field(default_factory=tuple)
    steps: tuple[str, ...] = field(default_factory=tuple)
    header: Mapping[str, str] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)

    def changes_frame(self) -> pd.DataFrame:
        """Every change as a DataFrame: step, start, end, old, new, out_start, note, kind."""
        cols = ["step", "start", "end", "old", "new", "out_start", "note", "kind"]
        return pd.DataFrame([[getattr(c, k) for k in cols] for c in self.changes], columns=cols)

    @property
    def removed(self) -> list[Change]:
        """What was taken out of the body (boilerplate, page furniture, header lines, site lines)."""
        return [c for c in self.changes if c.step in REMOVAL_STEPS]

    @property
    def converted_script(self) -> bool:
        """True when Traditional characters were converted to Simplified."""
        return any(c.step == "script" for c in self.changes)

    def raw_span(self, change: Change) -> tuple[int, int]:
        """The (start, end) of a change's input span, as offsets into :attr:`raw`."""
        maps = self._maps()
        k = list(self.steps).index(change.step) if change.step in self.steps else 0
        s, e = change.start, change.end
        for step in reversed(self.steps[:k]):
            m = maps.get(step)
            if m is not None:
                s, e = m.back(s), m.back(e, end=True)
        return s, max(s, e)

    def _maps(self) -> dict[str, _OffsetMap]:
        cache = self.__dict__.get("_map_cache")
        if cache is None:
            by: dict[str, list[Change]] = {}
            for c in self.changes:
                by.setdefault(c.step, []).append(c)
            cache = {s: _OffsetMap(v) for s, v in by.items()}
            object.__setattr__(self, "_map_cache", cache)
        return cache

    @property
    def record(self) -> pd.DataFrame:
        """The cleaning record: one row per removal, script conversion or restored break.

        Columns ``doc_id``, ``step``, ``kind`` (widget, navigation, provenance, caption,
        trailer, further_reading, related, template, licence, header, site_boilerplate,
        script, paragraph), ``field`` (the metadata field a header line went to),
        ``start``/``end`` (offsets into :attr:`raw`), ``text`` (the raw text taken out
        or converted), ``new`` (what replaced it) and ``note``.
        """
        rows = []
        for c in self.changes:
            if c.step not in RECORD_STEPS:
                continue
            s, e = self.raw_span(c)
            rows.append({"doc_id": self.doc_id, "step": c.step, "kind": c.kind or c.step,
                         "field": c.note if c.step == "header" else "", "start": s, "end": e,
                         "text": self.raw[s:e], "new": c.new, "note": c.note})
        return pd.DataFrame(rows, columns=RECORD_COLUMNS)

    def undo(self, *, steps: Iterable[str] | None = None) -> str:
        """Undo the given steps (default: all) and return the resulting text.

        Undoing every step returns the raw text exactly. Undoing every step but
        ``boilerplate`` returns the raw body: the raw text less the boilerplate.
        """
        wanted = set(STEPS if steps is None else steps)
        unknown = wanted - set(STEPS)
        if unknown:
            raise InputError(f"steps={sorted(unknown)!r}: unknown; expected some of {STEPS}")
        from . import STEP_FUNCS  # the step functions live with the steps

        text = self.text
        by_step: dict[str, list[Change]] = {}
        for c in self.changes:
            by_step.setdefault(c.step, []).append(c)
        redo: list[str] = []
        # Revert from the last step back; a step that is kept is re-applied afterwards,
        # in its original order, to the text with the wanted steps undone.
        for step in reversed(self.steps):
            text = revert(text, by_step.get(step, []))
            if step not in wanted:
                redo.append(step)
        for step in reversed(redo):
            text = apply_edits(text, STEP_FUNCS[step](text, dict(self.options)), step)[0]
        return text


# ----------------------------------------------------------------------------- tables

def _docs(docs: Any) -> list[CleanedDocument]:
    if isinstance(docs, CleanedDocument):
        return [docs]
    if isinstance(docs, Document):
        raise InputError(f"docs must be cleaned (textmine.clean), got a raw Document {docs.doc_id!r}")
    if isinstance(docs, (Corpus, list, tuple)):
        out = []
        for d in docs:
            out.extend(_docs(d))
        return out
    raise InputError(f"docs must be a CleanedDocument or a Corpus of them, got {type(docs).__name__}")


def cleaning_table(docs: CleanedDocument | Corpus | Iterable[CleanedDocument]) -> pd.DataFrame:
    """The cleaning record of one or more cleaned documents, as one table (``cleaning.csv``).

    Parameters
    ----------
    docs : CleanedDocument, Corpus or list of CleanedDocument
        What :func:`~textmine.clean.clean` returned.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, step, kind, field, start, end, text, new, note`` (see
        :attr:`CleanedDocument.record`); offsets index each document's raw text.
    """
    frames = [d.record for d in _docs(docs)]
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=RECORD_COLUMNS)
    return pd.concat(frames, ignore_index=True)


_KIND_LABELS = (
    ("widget", "页面部件", "行"), ("navigation", "导航栏", "行"), ("provenance", "来源/时间/编辑信息", "条"),
    ("caption", "图片说明", "条"), ("trailer", "电讯/报纸尾注", "条"), ("further_reading", "延伸阅读框", "行"),
    ("related", "相关链接与页脚", "行"), ("template", "模板网站套话", "行"), ("licence", "版权声明", "段"),
    ("site_boilerplate", "站点重复行", "行"),
)


def cleaning_summary(docs: CleanedDocument | Corpus | Iterable[CleanedDocument]) -> str:
    """One Chinese sentence that sums up the cleaning, for the briefing.

    Examples
    --------
    >>> from textmine.clean import clean
    >>> cleaning_summary(clean("下载\\n打印\\n同志们：\\n要抓好落实。\\n（来源：某某日报）"))
    '清洗：1篇文档，删除页面部件2行、来源/时间/编辑信息1条，共15字。'
    """
    ds = _docs(docs)
    counts: dict[str, int] = {}
    chars = 0
    fields = 0
    script = 0
    breaks = 0
    for d in ds:
        for c in d.changes:
            if c.step in ("boilerplate", "furniture", "site_boilerplate"):
                counts[c.kind or c.step] = counts.get(c.kind or c.step, 0) + 1
                chars += len(c.old)
            elif c.step == "header":
                fields += 1
                chars += len(c.old)
            elif c.step == "paragraphs":
                breaks += 1
        script += d.converted_script
    parts = [f"{label}{counts[k]}{unit}" for k, label, unit in _KIND_LABELS if counts.get(k)]
    s = f"清洗：{len(ds)}篇文档，"
    if parts:
        s += "删除" + "、".join(parts) + f"，共{chars:,}字"
    else:
        s += "未删除任何内容" if not fields else f"删除{chars:,}字"
    extra = []
    if fields:
        extra.append(f"标题、场合、日期、讲话人等{fields}行表头转为元数据")
    if script:
        extra.append(f"{script}篇繁体文本转为简体（可还原）")
    if breaks:
        extra.append(f"按全角缩进恢复段落{breaks}处")
    s += ("；" + "；".join(extra)) if extra else ""
    return s + "。"
