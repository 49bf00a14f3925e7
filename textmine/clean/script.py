"""Traditional → Simplified, with OpenCC, when a text is recognised as Traditional.

Every converted run of characters is one change, so ``undo(steps=["script"])`` gives the
Traditional text back and ``raw`` keeps it. A Simplified text is left alone: OpenCC is
asked only for the text's conversion and the step runs only when enough of the Han
characters change (a Simplified text changes almost none).
"""

from __future__ import annotations

import difflib
from functools import lru_cache

from ..errors import InputError
from .patterns import HAN_RE

#: A text is Traditional when at least this share of its Han characters changes under t2s.
#: Traditional texts change by 15–30 % (各級黨委要: 2 of 5); Simplified ones by ~0 %.
MIN_SHARE = 0.03


@lru_cache(maxsize=1)
def _converter():
    try:
        import opencc
    except ImportError as exc:  # pragma: no cover - opencc is a declared dependency
        raise InputError("script=True needs the 'opencc' package (pip install opencc)") from exc
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """The Simplified form of ``text`` (OpenCC t2s: characters and phrases)."""
    return _converter().convert(text)


def script_edits(text: str, ctx: dict | None = None) -> list[tuple]:
    """Edits converting a Traditional text to Simplified; none for a Simplified text."""
    han = len(HAN_RE.findall(text))
    if not han:
        return []
    edits: list[tuple] = []
    changed = 0
    pos = 0
    for line in text.split("\n"):
        conv = to_simplified(line)
        if conv != line:
            for s, e, new in _diff(line, conv):
                edits.append((pos + s, pos + e, new, "Traditional to Simplified (OpenCC t2s)", "script"))
                changed += len(HAN_RE.findall(line[s:e]))
        pos += len(line) + 1
    if changed < max(1, MIN_SHARE * han):
        return []
    return edits


def _diff(old: str, new: str) -> list[tuple[int, int, str]]:
    if len(old) == len(new):  # t2s is almost always character for character
        out: list[tuple[int, int, str]] = []
        i = 0
        while i < len(old):
            if old[i] == new[i]:
                i += 1
                continue
            j = i
            while j < len(old) and old[j] != new[j]:
                j += 1
            out.append((i, j, new[i:j]))
            i = j
        return out
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [(i1, i2, new[j1:j2]) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal"]
