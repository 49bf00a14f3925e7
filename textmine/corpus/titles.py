"""Titles found in the document itself: a leading ``在……会议上的讲话`` line, a Word Heading 1, an HTML title.

The order of precedence (in :func:`textmine.corpus.read_document`): an explicit ``title=``, the
metadata ``title``, the title found here, the file name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["title_from_text", "title_from_headings"]

# 在……（会议|大会|座谈会…）上的讲话 (or 在……时的讲话), with an optional speaker before it (张三在… / 张三：在…)
# and an optional date in brackets after it.
_SPEECH_TITLE = re.compile(
    r"(?:[^\s，。；！？“”]{1,12}?[：:]?\s?)?在[^。！？\n]{2,80}?(?:上|时)的(?:总结|主旨|重要|书面)?"
    r"(?:讲话|致辞|发言|报告|演讲|主持词|工作报告)(?:提纲|稿)?(?:\s?[（(][^（）()\n]{1,30}[）)])?")
_SKIP_LINE = re.compile(r"(?i)^(?:https?://\S+|www\.\S+|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{4}年\d{1,2}月\d{1,2}日)$")
_MAX_TITLE = 100
_LEADING_LINES = 4


def title_from_text(text: str) -> str | None:
    """The title of a text whose first lines hold a speech title line, else None.

    The first few non-blank lines are looked at, past URL and date lines (as saved web pages
    have). A line that is a title by itself counts; so does a title followed by its date in
    brackets and glued to the body (``在……座谈会上的讲话（2018年2月12日）同志们…``), as
    scraped pages often are. The text itself is not changed.

    Examples
    --------
    >>> title_from_text("在全县防汛工作会议上的讲话\\n同志们：")
    '在全县防汛工作会议上的讲话'
    >>> title_from_text("今天我们召开会议。") is None
    True
    """
    seen = 0
    for raw in text[:4000].splitlines():
        line = raw.strip().lstrip("\ufeff").strip()
        if not line:
            continue
        if _SKIP_LINE.match(line):
            continue
        seen += 1
        m = _SPEECH_TITLE.match(line)
        if m:
            title = m.group(0).strip()
            whole = m.end() == len(line)
            dated = title.endswith(("）", ")"))
            if (whole or dated) and len(title) <= _MAX_TITLE:
                return title
        if seen >= _LEADING_LINES:
            break
    return None


def title_from_headings(headings: Iterable[str]) -> str | None:
    """The title among a document's leading Heading 1 paragraphs: the longest one.

    Files exported by WPS often open with a short Heading 1 label (``附件1``, ``大纲1``) before
    the real title, which is also a Heading 1.
    """
    best = None
    for h in headings:
        h = " ".join(h.split())
        if h and len(h) <= _MAX_TITLE and (best is None or len(h) > len(best)):
            best = h
    return best
