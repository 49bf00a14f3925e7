"""Cleaning: documented, reversible cleaning of speech text.

:func:`clean` returns a new :class:`CleanedDocument` (a :class:`~textmine.corpus.Document`)
and records every change it made, step by step, so that the raw text can always be
recovered with :meth:`CleanedDocument.undo`. The raw Document is never modified.

Steps, in order (each can be turned off with a keyword argument):

``script``
    A Traditional-script text is converted to Simplified with OpenCC (t2s); a
    Simplified text is left alone. ``raw`` and ``undo(steps=["script"])`` keep the original.
``boilerplate``
    Template-site lines at the head or foot (``下面是小编为大家整理的…供大家参考。``,
    ``以上就是…``, ``本文来源…``) and the Wikisource licence footer.
``furniture``
    Web-page furniture (see :mod:`textmine.clean.furniture`): widgets and chrome,
    navigation, provenance lines, photo captions (also those glued into a one-line body),
    wire and print trailers, 延伸阅读 and related-links boxes.
``header``
    The speech's own header lines (title, the ——…在…会议上 subtitle, the speaker line)
    become metadata (``header``, and ``meta`` keys ``occasion``, ``date``, ``speaker``,
    ``speaker_role`` when absent) instead of body text.
``site_boilerplate``
    Cleaning a Corpus: lines that recur verbatim in many documents of one source (see
    :func:`find_boilerplate`, which lists them). Pass ``site_boilerplate=False`` to keep
    them, or a list of lines (or that table) to remove exactly those.
``zero_width``
    Removes zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF).
``width``
    Full-width digits and Latin letters to half-width (``２０２１`` → ``2021``).
``punctuation``
    ASCII punctuation ``, : ; ( ) ! ?`` in Chinese context to full-width, so that
    ``(一)`` and ``（一）`` are one marker; ``1,000`` and ``10:30`` are left alone.
``paragraphs``
    A long line whose paragraphs are marked only by full-width indents (U+3000 U+3000)
    gets its line breaks back.
``whitespace``
    CRLF to LF, line-edge spaces and indents (incl. U+3000) removed, runs of blank
    lines collapsed: the cleaned text has one paragraph per line.
``repair``
    Re-joins paragraphs broken by stray line breaks (see :mod:`textmine.clean.repair`);
    never joins a heading to its body, separate list items, or furniture to the body.

The cleaning record (:attr:`CleanedDocument.record`, :func:`cleaning_table`) lists every
removal with its kind, text and raw offsets; :func:`cleaning_summary` sums it up in one
Chinese sentence.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterable
from typing import Any, overload
from urllib.parse import urlparse

import pandas as pd

from ..corpus import Corpus, Document
from ..errors import InputError
from .boilerplate import MIN_DOCS, MIN_SHARE, normalise_lines, recurring_lines, site_edits, template_edits
from .furniture import furniture_edits
from .header import header_edits, header_fields
from .normalise import paragraph_breaks, punctuation, whitespace, width, zero_width
from .patterns import HEADING_RE
from .record import (RECORD_COLUMNS, STEPS, Change, CleanedDocument, apply_edits, cleaning_summary,
                     cleaning_table)
from .repair import repair
from .script import script_edits

__all__ = ["clean", "Change", "CleanedDocument", "STEPS", "HEADING_RE", "cleaning_table", "cleaning_summary",
           "find_boilerplate", "source_group", "RECORD_COLUMNS"]

logger = logging.getLogger(__name__)

STEP_FUNCS = {
    "script": script_edits,
    "boilerplate": template_edits,
    "furniture": furniture_edits,
    "header": header_edits,
    "site_boilerplate": site_edits,
    "zero_width": zero_width,
    "width": width,
    "punctuation": punctuation,
    "paragraphs": paragraph_breaks,
    "whitespace": whitespace,
    "repair": repair,
}
_BEFORE_SITE = STEPS[:STEPS.index("site_boilerplate")]


# ----------------------------------------------------------------------------- the pipeline

class _State:
    """A document part-way through the steps."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        if isinstance(doc, CleanedDocument):
            self.raw, self.changes, self.done = doc.raw, list(doc.changes), list(doc.steps)
            self.header, self.options = dict(doc.header), dict(doc.options)
        else:
            self.raw, self.changes, self.done, self.header, self.options = doc.text, [], [], {}, {}
        self.text = doc.text
        self.protected: list[int] = []

    def run(self, steps: Iterable[str], ctx: dict) -> None:
        steps = list(steps)
        for step in steps:
            if step in self.done:
                continue
            step_ctx = {**ctx, "furniture": "furniture" in steps}
            if step == "repair":
                step_ctx["protected_breaks"] = frozenset(self.protected)
            before = self.text
            self.text, ch = apply_edits(before, STEP_FUNCS[step](before, step_ctx), step)
            self._protect(before, ch, step)
            self.changes.extend(ch)
            self.done.append(step)
            if step == "site_boilerplate" and ctx.get("site_lines"):
                self.options["site_lines"] = sorted(ctx["site_lines"])

    def _protect(self, before: str, ch: list[Change], step: str) -> None:
        """Track the line breaks the source marked as paragraph breaks, for ``repair``."""
        starts = [c.start for c in ch]
        moved = []
        for p in self.protected:
            k = bisect.bisect_right(starts, p) - 1
            if k < 0:
                moved.append(p)
            elif p >= ch[k].end:
                moved.append(ch[k].out_start + len(ch[k].new) + (p - ch[k].end))
        out = self.text
        for c in ch:
            if c.new == "\n":
                moved.append(c.out_start)  # a restored paragraph break, a collapsed blank line, a cut caption
            elif step == "whitespace" and c.note == "line-edge space" and c.start > 0 and before[c.start - 1] == "\n":
                moved.append(c.out_start - 1)  # the line was indented
            elif step in ("furniture", "header", "site_boilerplate", "boilerplate") and c.old.endswith("\n") \
                    and (c.start == 0 or before[c.start - 1] == "\n"):
                moved.append(c.out_start - 1)  # a removed line stood between two paragraphs
        self.protected = sorted({p for p in moved if 0 <= p < len(out) and out[p] == "\n"})

    def result(self) -> CleanedDocument:
        doc = self.doc
        fields = header_fields([c for c in self.changes if c.step == "header"],
                               [c for c in self.changes if c.step == "furniture"])
        header = {**fields, **self.header}
        if any(c.step == "script" for c in self.changes):
            header.setdefault("script", "traditional")  # the raw text is Traditional: undo(steps=["script"])
        meta = dict(doc.meta)
        for key in ("occasion", "date", "speaker", "speaker_role"):
            if header.get(key) and meta.get(key) in (None, ""):
                meta[key] = header[key]
        title = doc.title
        if header.get("title") and (not title or title == doc.doc_id):
            title = header["title"]
        return CleanedDocument(doc_id=doc.doc_id, text=self.text, title=title, meta=meta, source=doc.source,
                               raw=self.raw, changes=tuple(self.changes), steps=tuple(self.done), header=header,
                               options=self.options)


def source_group(doc: Document) -> str:
    """The source a document came from, for :func:`find_boilerplate`: the host of its URL
    (meta ``source_url``/``url``/``link``), else its folder, else ``""``."""
    for key in ("source_url", "url", "link", "source_link"):
        v = doc.meta.get(key)
        if isinstance(v, str) and "://" in v:
            host = urlparse(v.strip()).netloc
            if host:
                return host
    if doc.source:
        path = str(doc.source).split("#", 1)[0].replace("\\", "/")
        return path.rsplit("/", 1)[0] if "/" in path else ""
    return ""


def _opts(**kw: Any) -> dict[str, Any]:
    bad = [k for k, v in kw.items() if k != "site_boilerplate" and not isinstance(v, bool)]
    if bad:
        raise InputError(f"{bad[0]}={kw[bad[0]]!r}: expected True or False")
    return kw


def _site_lines(value: Any) -> frozenset[str] | None:
    """The lines to remove given as site_boilerplate=…: None for True/False."""
    if isinstance(value, bool):
        return None
    if isinstance(value, pd.DataFrame):
        if "line" not in value.columns:
            raise InputError("site_boilerplate: a table must have a 'line' column (see find_boilerplate)")
        rows = value[value["status"] == "removed"] if "status" in value.columns else value
        return normalise_lines(rows["line"].astype(str))
    if isinstance(value, str):
        raise InputError(f"site_boilerplate={value!r}: expected True, False, a list of lines or a table")
    try:
        return normalise_lines(str(x) for x in value)
    except TypeError:
        raise InputError(f"site_boilerplate={value!r}: expected True, False, a list of lines or a table") from None


# ----------------------------------------------------------------------------- API

@overload
def clean(doc: Document | str, **kwargs: Any) -> CleanedDocument: ...
@overload
def clean(doc: Corpus, **kwargs: Any) -> Corpus: ...


def clean(doc, *, script: bool = True, boilerplate: bool = True, furniture: bool = True, header: bool = True,
          site_boilerplate: bool | Iterable[str] | pd.DataFrame = True, zero_width: bool = True,
          width: bool = True, punctuation: bool = True, paragraphs: bool = True, whitespace: bool = True,
          repair: bool = True):
    """Clean a speech (or every speech of a corpus), recording every change.

    Parameters
    ----------
    doc : Document, str or Corpus
        What to clean. A str is wrapped with :meth:`Document.from_text`.
    script, boilerplate, furniture, header, zero_width, width, punctuation, paragraphs, whitespace, repair : bool
        Turn each step on or off (see the module docstring).
    site_boilerplate : bool, list of str or DataFrame
        For a Corpus, ``True`` finds and removes the lines each source repeats
        (:func:`find_boilerplate`); ``False`` keeps them. A list of lines, or the table
        :func:`find_boilerplate` returns (its ``removed`` rows), removes exactly those,
        also from a single document.

    Returns
    -------
    CleanedDocument or Corpus
        A new document (the input is untouched) with ``.raw``, ``.changes``, ``.record``,
        ``.header`` and ``.undo()``; a Corpus of them for a Corpus.

    Examples
    --------
    >>> d = clean("下面是小编为大家整理的讲话，供大家参考。\\n(一)加强领导;\\n落实责任。")
    >>> d.text
    '（一）加强领导；落实责任。'
    """
    opts = _opts(script=script, boilerplate=boilerplate, furniture=furniture, header=header,
                 site_boilerplate=site_boilerplate, zero_width=zero_width, width=width,
                 punctuation=punctuation, paragraphs=paragraphs, whitespace=whitespace, repair=repair)
    steps = [s for s in STEPS if opts[s] is not False]
    given = _site_lines(site_boilerplate)
    if isinstance(doc, Corpus):
        states = [_State(d) for d in doc]
        if site_boilerplate is True and "site_boilerplate" in steps:
            for st in states:
                st.run([s for s in steps if s in _BEFORE_SITE], {})
            table = _recurring(states)
            removed = table[table["status"] == "removed"]
            by_group = {g: normalise_lines(rows["line"]) for g, rows in removed.groupby("source")}
            if len(removed):
                logger.info("site boilerplate: %d line(s) removed from %d source(s)", len(removed), len(by_group))
            for st in states:
                st.run(steps, {"site_lines": by_group.get(source_group(st.doc), frozenset())})
        else:
            for st in states:
                st.run(steps, {"site_lines": given or frozenset()})
        return Corpus([st.result() for st in states], log=doc.log)
    if isinstance(doc, str):
        doc = Document.from_text(doc)
    if not isinstance(doc, Document):
        raise InputError(f"doc must be a Document, Corpus or str, got {type(doc).__name__}")
    st = _State(doc)
    st.run(steps, {"site_lines": given or frozenset()})
    return st.result()


def _recurring(states: list[_State], **kw: Any) -> pd.DataFrame:
    return recurring_lines([st.text for st in states], [source_group(st.doc) for st in states], **kw)


def find_boilerplate(corpus: Corpus, *, min_docs: int = MIN_DOCS, min_share: float = MIN_SHARE) -> pd.DataFrame:
    """List the lines that recur verbatim across the documents of each source of a corpus.

    The documents are first cleaned of page furniture and header lines (the steps before
    ``site_boilerplate``), so the list holds what those steps did not recognise.

    Parameters
    ----------
    corpus : Corpus
        Raw documents (or cleaned ones).
    min_docs : int
        A line must recur in at least this many documents of its source (default 3: a
        passage two speeches share is text reuse, not furniture).
    min_share : float
        ... and in at least this share of them (default 0.5: a footer is on every page).

    Returns
    -------
    pandas.DataFrame
        ``source, line, n_docs, n_source_docs, share, status``; ``status`` is ``removed``
        (what ``clean(corpus)`` takes out) or ``kept: …`` (a salutation, heading, document
        structure line or speech sentence, which recurs but is speech, not furniture).
    """
    if not isinstance(corpus, Corpus):
        raise InputError(f"corpus must be a Corpus, got {type(corpus).__name__}")
    if not isinstance(min_docs, int) or min_docs < 2:
        raise InputError(f"min_docs={min_docs!r}: expected a whole number >= 2")
    if not (isinstance(min_share, (int, float)) and 0 <= min_share <= 1):
        raise InputError(f"min_share={min_share!r}: expected a number between 0 and 1")
    states = [_State(d) for d in corpus]
    for st in states:
        st.run([s for s in _BEFORE_SITE], {})
    return _recurring(states, min_docs=min_docs, min_share=min_share)
