"""The tokenizer's resources: the bundled dictionary and stopword lists, and the private segmenters.

Everything here is loaded on first use and cached per process; nothing is read at import.
"""

from __future__ import annotations

import hashlib
import logging
import re
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import DictionaryFormatError, InputError

__all__ = ["RESOURCES", "USERDICT", "STOPWORD_LAYERS", "read_userdict", "load_stopwords"]

logger = logging.getLogger("textmine.tokenize")

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
USERDICT = RESOURCES / "userdict.txt"
STOPWORD_LAYERS = {
    "function": RESOURCES / "stopwords_function.txt",
    "officialese": RESOURCES / "stopwords_officialese.txt",
}


def read_userdict(path: str | Path) -> tuple[list[tuple[str, int | None, str | None]], list[str]]:
    """Parse a jieba-format user dictionary: ``word [freq] [tag]`` per line.

    A UTF-8 BOM, CRLF line ends, blank lines and ``#`` comment lines are handled.
    A missing frequency is allowed (the segmenter's suggested frequency is used) and
    reported in the returned issues. A line that cannot be parsed raises.

    Returns
    -------
    entries : list of (word, freq or None, tag or None)
    issues : list of str
        One message per line that was handled specially.

    Raises
    ------
    DictionaryFormatError
        Names the file, the line number and what was expected.
    """
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"user dictionary not found: {p}")
    data = p.read_bytes()
    issues: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        issues.append(f"{p}: UTF-8 byte-order mark removed")
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DictionaryFormatError(f"{p}: not UTF-8 (invalid byte at offset {err.start})") from None
    if "\r" in text:
        issues.append(f"{p}: CRLF line ends read as LF")
    entries: list[tuple[str, int | None, str | None]] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        word, freq, tag = parts[0], None, None
        if len(parts) > 3:
            raise DictionaryFormatError(
                f"{p} line {lineno}: {line!r} has {len(parts)} fields; expected 'word [freq] [tag]'")
        if len(parts) >= 2:
            if parts[1].isdigit():
                freq = int(parts[1])
                tag = parts[2] if len(parts) == 3 else None
            elif len(parts) == 2 and re.fullmatch(r"[a-zA-Z]{1,4}", parts[1]):
                tag = parts[1]
            else:
                raise DictionaryFormatError(
                    f"{p} line {lineno}: frequency {parts[1]!r} is not a whole number; "
                    "expected 'word [freq] [tag]'")
        if freq is None:
            issues.append(f"{p} line {lineno}: {word!r} has no frequency; the suggested frequency is used")
        if word in seen:
            issues.append(f"{p} line {lineno}: {word!r} repeats line {seen[word]}; the later entry wins")
        seen[word] = lineno
        entries.append((word, freq, tag))
    return entries, issues


@lru_cache(maxsize=None)
def load_stopwords(layer: str) -> frozenset[str]:
    """The words of a bundled stopword layer (``"function"`` or ``"officialese"``)."""
    if layer not in STOPWORD_LAYERS:
        raise InputError(f"stopwords layer {layer!r} is unknown; expected one of {sorted(STOPWORD_LAYERS)}")
    return _read_wordlist(STOPWORD_LAYERS[layer])


def _read_wordlist(path: Path) -> frozenset[str]:
    words = set()
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        w = line.strip()
        if w and not w.startswith("#"):
            words.add(w)
        elif w == "#":  # the hash sign itself as a punctuation stopword
            words.add(w)
    return frozenset(words)


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes: a dictionary's identity in fingerprints and engine caches."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ----------------------------------------------------------------------------- segmenters

@contextmanager
def _quiet_jieba():
    """jieba logs 'Building prefix dict…' at DEBUG to stderr; silence it while we load."""
    jl = logging.getLogger("jieba")
    old = jl.level
    jl.setLevel(logging.WARNING)
    try:
        yield
    finally:
        jl.setLevel(old)


def resolve_backend(backend: str) -> str:
    """``"auto"`` → ``"rjieba"`` when installed, else ``"jieba"``; an unknown or missing backend raises."""
    if backend not in ("auto", "rjieba", "jieba"):
        raise InputError(f"backend={backend!r}: expected 'auto', 'rjieba' or 'jieba'")
    if backend == "auto":
        try:
            import rjieba  # noqa: F401
        except ImportError:
            return "jieba"
        return "rjieba"
    if backend == "rjieba":
        try:
            import rjieba  # noqa: F401
        except ImportError as err:
            raise InputError("backend='rjieba' but rjieba is not installed (pip install rjieba)") from err
    return backend


@lru_cache(maxsize=8)
def load_engine(backend: str, dicts: tuple[tuple[str, str], ...], cache_dir: str) -> Any:
    """A private segmenter with the user dictionaries loaded (cached per process).

    ``dicts`` holds (path, digest) pairs: the digest is part of the cache key, so an
    edited dictionary file gives a new segmenter.
    """
    if backend == "rjieba":
        import rjieba

        engine = rjieba.Jieba()
    else:
        import jieba

        engine = jieba.Tokenizer()
        try:
            Path(cache_dir).mkdir(parents=True, exist_ok=True)
            engine.tmp_dir = cache_dir  # jieba caches its prefix dictionary here, not in /tmp
        except OSError:  # a cache path that is a file, or read-only: jieba's default temp folder
            pass
        with _quiet_jieba():
            engine.initialize()
    for path, _digest in dicts:
        entries, issues = read_userdict(path)
        for msg in issues:
            logger.info(msg)
        for word, freq, tag in entries:
            engine.add_word(word, freq, tag)
    return engine


@lru_cache(maxsize=4)
def pos_tokenizer(engine: Any) -> Any:
    """jieba's part-of-speech tagger over a private segmenter."""
    from jieba import posseg

    return posseg.POSTokenizer(engine)
