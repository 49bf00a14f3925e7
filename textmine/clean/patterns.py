"""Shared character classes, the heading pattern, line helpers and the furniture word lists.

The word lists live in ``textmine/resources/clean_furniture.txt`` and are read once, on
first use (nothing happens at import).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from .._text import HAN_CORE_CHARS as _H
from .._text import HAN as HAN_RE
from .._text import HAN_CHARS as HAN
from .._text import HEADING_LINE as HEADING_RE

CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201f\u2026\u2014"
CHINESE_CHAR = re.compile(f"[{HAN}{CJK_PUNCT}]")
SPACE = " \t\r\u3000\xa0\ufeff\u200b"

#: A salutation line: 各位代表：, 同志们：, 女士们，先生们，朋友们： …
SALUTATION_RE = re.compile(
    r"^(?:尊敬的|亲爱的)?(?:各位[" + _H + r"]{1,6}|同志们|女士们|先生们|朋友们|同学们|老师们|代表们|委员们)"
    r"(?:[，、,][" + _H + r"、，,]{0,30})?[：:！!]$"
)

#: Sentence-final punctuation.
SENTENCE_END = "。！？!?；;…"


def n_han(s: str) -> int:
    """Number of Han characters in ``s``."""
    return len(HAN_RE.findall(s))


class Line(NamedTuple):
    """One line of a text: its index, offsets (``stop`` includes the newline) and stripped content."""

    i: int
    start: int
    end: int
    stop: int
    content: str


def split_lines(text: str) -> list[Line]:
    """The lines of ``text`` split on ``\\n`` only (a ``\\r`` stays part of its line)."""
    out = []
    pos = 0
    n = len(text)
    for i, part in enumerate(text.split("\n")):
        end = pos + len(part)
        stop = end + 1 if end < n else end
        out.append(Line(i, pos, end, stop, part.strip(SPACE)))
        pos = stop
    return out


def is_body_line(content: str) -> bool:
    """A line of running speech text: a sentence of some length, a salutation or an outline heading."""
    if not content:
        return False
    if SALUTATION_RE.match(content):
        return True
    han = n_han(content)
    if han >= 60 or (han >= 30 and re.search("[，。！？；,;!?]", content)):
        return True  # (a long line with no punctuation at all is a title or a subtitle)
    if han >= 4 and HEADING_RE.match(content):
        return True
    core = content.rstrip("”’」』）)】")
    return han >= 8 and bool(core) and core[-1] in SENTENCE_END


def norm_line(s: str) -> str:
    """A line with every kind of whitespace removed, for verbatim comparison."""
    return re.sub(r"[\s\u3000\xa0\u200b\ufeff]+", "", s)


class FurnitureLists(NamedTuple):
    widget: frozenset[str]
    widget_zone: frozenset[str]
    chrome: tuple[str, ...]
    chrome_id: tuple[str, ...]
    position: tuple[str, ...]
    provenance: tuple[str, ...]
    related: tuple[str, ...]
    further_reading: tuple[str, ...]
    speaker: tuple[str, ...]


@lru_cache(maxsize=1)
def furniture_lists() -> FurnitureLists:
    """The word lists of ``resources/clean_furniture.txt`` (read once)."""
    text = resources.files("textmine").joinpath("resources/clean_furniture.txt").read_text(encoding="utf-8")
    sections: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        m = re.match(r"^# \[(\w+)\]", line)
        if m:
            current = sections.setdefault(m.group(1), [])
        elif line.startswith("#") or not line.strip():
            continue
        elif current is not None:
            current.append(line.strip())
    by_len = lambda xs: tuple(sorted(xs, key=len, reverse=True))  # noqa: E731 - longest first in alternations
    return FurnitureLists(
        widget=frozenset(sections["widget"]), widget_zone=frozenset(sections["widget_zone"]),
        chrome=tuple(sections["chrome"]), chrome_id=tuple(sections["chrome_id"]), position=by_len(sections["position"]),
        provenance=by_len(sections["provenance"]), related=by_len(sections["related"]),
        further_reading=by_len(sections["further_reading"]), speaker=by_len(sections["speaker"]),
    )


_TOKEN_SPLIT = re.compile(r"[\s\u3000\xa0|｜/【】\[\]》《]+")


def widget_tokens(content: str) -> list[str]:
    """The widget words of a line (split on spaces, |, / and brackets; a trailing colon dropped)."""
    return [t.rstrip(":：") for t in _TOKEN_SPLIT.split(content) if t.rstrip(":：")]
