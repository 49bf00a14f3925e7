"""Tokenizing: jieba, wrapped once, with a policy-domain dictionary, stopword layers and a disk cache.

:class:`Tokenizer` owns a private segmenter instance; it never touches jieba's
global ``jieba.dt`` nor calls module-level ``jieba.add_word``. The backend is
``rjieba`` (jieba-rs: the same dictionary and algorithm, much faster) when it is
installed, else ``jieba``; ``Tokenizer(backend="jieba")`` forces the reference.
After the tokenizer's own filtering both give the same tokens (see
``tests/test_tokenize.py`` for the agreement checks).

Tokens are cached on disk in an SQLite file, keyed by a hash of the text and a
fingerprint of the dictionaries and options. Values are plain text (newline-joined tokens, or JSON); nothing is unpickled.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any, Literal

from ._text import ALL_HAN as _ALL_HAN
from ._text import HAN as _HAN
from ._text import HAN_CHARS
from .corpus import Document
from .errors import DictionaryFormatError, InputError

__all__ = [
    "Tokenizer",
    "RESOURCES",
    "STOPWORD_LAYERS",
    "read_userdict",
    "load_stopwords",
    "default_cache_dir",
]

logger = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parent / "resources"
USERDICT = RESOURCES / "userdict.txt"
STOPWORD_LAYERS = {
    "function": RESOURCES / "stopwords_function.txt",
    "officialese": RESOURCES / "stopwords_officialese.txt",
}
_CACHE_FORMAT = "2"

Backend = Literal["auto", "rjieba", "jieba"]
Layer = Literal["function", "officialese"]

_WORDISH = re.compile(rf"[\w{HAN_CHARS}]")
_ASCII_PIECES = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?|[^\sA-Za-z\d]")
_NUMBER = re.compile(r"^[\d.,%]+$")
_PLACEHOLDER = re.compile(r"^(?:[XxＸ]{1,3}|[YZyz]{1,2}|[A-Z])$")


def default_cache_dir() -> Path:
    """The token cache folder: ``$TEXTMINE_CACHE_DIR`` or the user cache dir (platformdirs)."""
    env = os.environ.get("TEXTMINE_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("textmine", appauthor=False))


# ----------------------------------------------------------------------------- resources

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


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@lru_cache(maxsize=8)
def _load_engine(backend: str, dicts: tuple[tuple[str, str], ...], cache_dir: str) -> Any:
    """Build a private segmenter with the user dictionaries loaded (cached per process)."""
    if backend == "rjieba":
        import rjieba

        engine = rjieba.Jieba()
    else:
        import jieba

        engine = jieba.Tokenizer()
        engine.tmp_dir = cache_dir  # jieba caches its prefix dictionary here, not in /tmp
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        with _quiet_jieba():
            engine.initialize()
    for path, _digest in dicts:
        entries, issues = read_userdict(path)
        for msg in issues:
            logger.info(msg)
        for word, freq, tag in entries:
            engine.add_word(word, freq, tag)
    return engine


def _resolve_backend(backend: str) -> str:
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


# ----------------------------------------------------------------------------- Tokenizer

class Tokenizer:
    """Chinese tokenizer for policy speeches: jieba segmentation plus content-term filtering.

    Parameters
    ----------
    backend : {"auto", "rjieba", "jieba"}
        ``"auto"`` uses rjieba when installed, else jieba.
    userdict : bool
        Load the bundled policy-domain dictionary (``textmine/resources/userdict.txt``).
    user_dicts : sequence of path
        More user dictionaries (jieba format ``word [freq] [tag]``), loaded after it.
    stopwords : sequence of {"function", "officialese"}
        Bundled stopword layers to drop: function words and punctuation; officialese
        common to every work-conference speech (同志们, 进一步, 切实 …).
    extra_stopwords : iterable of str
        More words to drop.
    keep_pos : iterable of str, optional
        Keep only tokens whose part-of-speech tag starts with one of these (e.g.
        ``("n", "v")``). Tagging is slower than plain segmentation.
    min_len : int
        Drop tokens shorter than this many characters.
    drop_numbers : bool
        Drop numeric tokens (``2021``, ``3.5``, ``95%``).
    hmm : bool
        Let the segmenter use its HMM for unknown words.
    cache : bool
        Cache tokens on disk.
    cache_dir : path, optional
        Cache folder (default: :func:`default_cache_dir`).

    Attributes
    ----------
    backend_ : str
        The backend in use, once the tokenizer has been used.
    stopwords_ : frozenset of str
        The words dropped.
    fingerprint_ : str
        Hash of the dictionaries and options; part of every cache key.
    dictionary_issues_ : list of str
        What was handled specially while reading the user dictionaries.

    Examples
    --------
    >>> Tokenizer().tokenize("各级禁毒委要加强社区戒毒工作")  # doctest: +SKIP
    ['禁毒委', '社区戒毒']
    """

    def __init__(self, *, backend: Backend = "auto", userdict: bool = True,
                 user_dicts: Sequence[str | Path] = (), stopwords: Sequence[Layer] = ("function", "officialese"),
                 extra_stopwords: Iterable[str] = (), keep_pos: Iterable[str] | None = None,
                 min_len: int = 2, drop_numbers: bool = True, hmm: bool = True, cache: bool = True,
                 cache_dir: str | Path | None = None) -> None:
        self.backend = backend
        self.userdict = userdict
        self.user_dicts = user_dicts
        self.stopwords = stopwords
        self.extra_stopwords = extra_stopwords
        self.keep_pos = keep_pos
        self.min_len = min_len
        self.drop_numbers = drop_numbers
        self.hmm = hmm
        self.cache = cache
        self.cache_dir = cache_dir

    # -- setup (lazy, validated) ---------------------------------------------------------

    def _setup(self) -> None:
        if getattr(self, "fingerprint_", None) is not None:
            return
        if isinstance(self.stopwords, str):
            raise InputError(f"stopwords={self.stopwords!r}: expected a sequence of layer names, "
                             f"e.g. ('function', 'officialese')")
        if not isinstance(self.min_len, int) or self.min_len < 1:
            raise InputError(f"min_len={self.min_len!r}: expected a whole number >= 1")
        backend = _resolve_backend(self.backend)
        stop: set[str] = set()
        for layer in self.stopwords:
            stop |= load_stopwords(layer)
        stop |= {str(w) for w in self.extra_stopwords}
        paths = ([USERDICT] if self.userdict else []) + [Path(p) for p in self.user_dicts]
        issues: list[str] = []
        dicts = []
        for p in paths:
            if not p.is_file():
                raise FileNotFoundError(f"user dictionary not found: {p}")
            issues += read_userdict(p)[1]  # parse now: format errors surface here
            dicts.append((str(p), _file_digest(p)))
        keep_pos = None if self.keep_pos is None else tuple(sorted(set(self.keep_pos)))
        self.backend_ = backend
        self.stopwords_ = frozenset(stop)
        self.dictionary_issues_ = issues
        self._dicts = tuple(dicts)
        self._keep_pos = keep_pos
        self._drop_punct = "function" in self.stopwords
        self._cache_dir = Path(self.cache_dir) if self.cache_dir is not None else default_cache_dir()
        spec = {
            "format": _CACHE_FORMAT, "backend": backend, "dicts": [d for _, d in dicts],
            "stop": hashlib.sha256("\n".join(sorted(stop)).encode()).hexdigest(),
            "min_len": self.min_len, "drop_numbers": self.drop_numbers, "hmm": self.hmm,
            "keep_pos": keep_pos,
        }
        self.fingerprint_ = hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:16]

    @property
    def engine_(self) -> Any:
        """The private segmenter instance (loaded on first use, shared per process)."""
        self._setup()
        return _load_engine(self.backend_, self._dicts, str(self._cache_dir))

    # -- pickling (for multiprocessing) ----------------------------------------------------

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state.pop("_conn", None)
        state.pop("_lock", None)
        state.pop("_memo", None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={getattr(self, k)!r}" for k in ("backend", "min_len", "stopwords"))
        return f"Tokenizer({args})"

    # -- segmentation and filtering ----------------------------------------------------------

    def _raw(self, text: str) -> list[str]:
        return self.engine_.lcut(text, HMM=self.hmm) if self.backend_ == "jieba" else self.engine_.cut(text, self.hmm)

    def _raw_tagged(self, text: str) -> list[tuple[str, str]]:
        engine = self.engine_
        if self.backend_ == "jieba":

            pt = _pos_tokenizer(engine)
            return [(p.word, p.flag) for p in pt.lcut(text, HMM=self.hmm)]
        return engine.tag(text, self.hmm)

    def _keep(self, tok: str) -> bool:
        if len(tok) < self.min_len:
            return False
        if tok in self.stopwords_:
            return False
        if self._drop_punct and not _WORDISH.search(tok):
            return False
        if _PLACEHOLDER.match(tok):
            return False
        if self.drop_numbers and _NUMBER.match(tok):
            return False
        return True

    def _filter_one(self, tok: str) -> tuple[str, ...]:
        tok = tok.strip()
        if not tok:
            return ()
        if _HAN.match(tok) and _ALL_HAN.match(tok):  # the common case: only length and stopwords matter
            return (tok,) if len(tok) >= self.min_len and tok not in self.stopwords_ else ()
        if len(tok) > 1 and not _HAN.search(tok):
            # ASCII runs are split the same way whatever the backend ('2011-2020' → 2011, -, 2020)
            return tuple(t for t in _ASCII_PIECES.findall(tok) if self._keep(t))
        return (tok,) if self._keep(tok) else ()

    def _filter(self, raw: Iterable[str]) -> list[str]:
        # A speech has far fewer distinct tokens than tokens: decide once per distinct raw token.
        memo = self.__dict__.setdefault("_memo", {})
        if len(memo) > 500_000:
            memo.clear()
        for tok in set(raw).difference(memo):
            memo[tok] = self._filter_one(tok)
        return list(chain.from_iterable(map(memo.__getitem__, raw)))

    def _filter_tagged(self, raw: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        prefixes = self._keep_pos
        out = []
        for tok, tag in raw:
            tok = tok.strip()
            if tok and self._keep(tok) and (prefixes is None or tag.startswith(prefixes)):
                out.append((tok, tag))
        return out

    def _compute(self, text: str) -> list[str]:
        if self._keep_pos is not None:
            return [t for t, _ in self._filter_tagged(self._raw_tagged(text))]
        return self._filter(self._raw(text))

    # -- cache --------------------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection | None:
        if not self.cache:
            return None
        conn = getattr(self, "_conn", None)
        if conn is None:
            self._cache_dir.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self._cache_dir / "tokens.sqlite3", check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")  # a cache: readers never block, no fsync per write
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("CREATE TABLE IF NOT EXISTS tokens (key TEXT PRIMARY KEY, tokens TEXT NOT NULL)")
            conn.commit()
            self._conn = conn
            self._lock = threading.Lock()
        return conn

    def _key(self, text: str) -> str:
        return self.fingerprint_ + ":" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def _cache_get(self, keys: list[str]) -> dict[str, list[str]]:
        conn = self._db()
        if conn is None or not keys:
            return {}
        found: dict[str, list[str]] = {}
        uniq = list(dict.fromkeys(keys))
        with self._lock:
            for i in range(0, len(uniq), 500):
                chunk = uniq[i:i + 500]
                q = f"SELECT key, tokens FROM tokens WHERE key IN ({','.join('?' * len(chunk))})"
                for k, v in conn.execute(q, chunk):
                    found[k] = _decode_tokens(v)
        return found

    def _cache_put(self, items: dict[str, str]) -> None:
        conn = self._db()
        if conn is None or not items:
            return
        rows = list(items.items())
        with self._lock:
            conn.executemany("INSERT OR REPLACE INTO tokens VALUES (?, ?)", rows)
            conn.commit()

    def clear_cache(self) -> int:
        """Delete this tokenizer's cached tokens (same fingerprint); return how many."""
        self._setup()
        conn = self._db()
        if conn is None:
            return 0
        with self._lock:
            cur = conn.execute("DELETE FROM tokens WHERE key LIKE ?", (self.fingerprint_ + ":%",))
            conn.commit()
        return cur.rowcount

    # -- public API ---------------------------------------------------------------------------

    def tokenize(self, text: str | Document) -> list[str]:
        """Tokens of one text (or Document): segmented, filtered, cached.

        Parameters
        ----------
        text : str or Document

        Returns
        -------
        list of str
        """
        return self.tokenize_many([text])[0]

    __call__ = tokenize

    def tokenize_many(self, texts: Iterable[str | Document], *, n_jobs: int | None = None,
                      progress: bool = False) -> list[list[str]]:
        """Tokens of many texts, in order; cached texts are not segmented again.

        Parameters
        ----------
        texts : iterable of str or Document (a Corpus works)
        n_jobs : int, optional
            Processes for the texts not in the cache. Default: 1, or every core when
            more than 300,000 characters need segmenting.
        progress : bool
            Show a tqdm progress bar over the texts being segmented.

        Returns
        -------
        list of list of str
        """
        self._setup()
        strs: list[str] = []
        for i, t in enumerate(texts):
            if isinstance(t, Document):
                t = t.text
            if not isinstance(t, str):
                raise InputError(f"texts[{i}] is a {type(t).__name__}; expected str or Document")
            strs.append(t)
        keys = [self._key(t) for t in strs]
        found = self._cache_get(keys)
        todo = {k: t for k, t in zip(keys, strs) if k not in found}
        if todo:
            encoded = self._segment(list(todo.items()), n_jobs=n_jobs, progress=progress)
            self._cache_put(encoded)
            found.update((k, _decode_tokens(v)) for k, v in encoded.items())
        return [list(found[k]) for k in keys]

    def _segment(self, items: list[tuple[str, str]], *, n_jobs: int | None, progress: bool) -> dict[str, str]:
        """Segment and filter texts; return their encoded cache values keyed like ``items``."""
        total = sum(len(t) for _, t in items)
        if n_jobs is None:
            n_jobs = (os.cpu_count() or 1) if total > 300_000 and len(items) > 1 else 1
        if not isinstance(n_jobs, int) or n_jobs < 1:
            raise InputError(f"n_jobs={n_jobs!r}: expected a whole number >= 1")
        texts = [t for _, t in items]
        bar = None
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(texts), desc="tokenizing", unit="doc")
        try:
            if n_jobs == 1 or len(texts) == 1:
                out = []
                for t in texts:
                    out.append(_encode_tokens(self._compute(t)))
                    if bar is not None:
                        bar.update(1)
            else:
                import multiprocessing as mp

                ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
                # longest texts first, one at a time: the workers finish together
                order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
                chunks = 1 if len(texts) <= 500 else len(texts) // (n_jobs * 8)
                out = [""] * len(texts)
                with ctx.Pool(n_jobs, initializer=_worker_init, initargs=(self,)) as pool:
                    done = pool.imap(_worker_compute, (texts[i] for i in order), chunksize=chunks)
                    for i, toks in zip(order, done):
                        out[i] = toks
                        if bar is not None:
                            bar.update(1)
        finally:
            if bar is not None:
                bar.close()
        return {k: toks for (k, _), toks in zip(items, out)}

    def tag(self, text: str | Document) -> list[tuple[str, str]]:
        """(token, part-of-speech) pairs of one text, filtered like :meth:`tokenize` (not cached)."""
        self._setup()
        if isinstance(text, Document):
            text = text.text
        if not isinstance(text, str):
            raise InputError(f"text is a {type(text).__name__}; expected str or Document")
        return self._filter_tagged(self._raw_tagged(text))

    def is_content(self, token: str) -> bool:
        """Whether a raw token survives this tokenizer's filtering (length, stopwords, numbers …)."""
        self._setup()
        return self._keep(token)

    def segment(self, text: str) -> list[str]:
        """The segmenter's raw tokens, unfiltered (punctuation and stopwords included)."""
        self._setup()
        return self._raw(text)


@lru_cache(maxsize=4)
def _pos_tokenizer(engine: Any) -> Any:
    from jieba import posseg

    return posseg.POSTokenizer(engine)


def _encode_tokens(tokens: list[str]) -> str:
    """Cache value: 'L' + newline-joined tokens, or 'J' + JSON if a token holds a newline."""
    joined = "\n".join(tokens)
    if joined.count("\n") != max(len(tokens) - 1, 0):  # a token holds a newline
        return "J" + json.dumps(tokens, ensure_ascii=False)
    return "L" + joined


def _decode_tokens(value: str) -> list[str]:
    if value.startswith("J"):
        return json.loads(value[1:])
    if value.startswith("L"):
        return value[1:].split("\n") if len(value) > 1 else []
    raise ValueError("unrecognised token cache entry")


_WORKER: Tokenizer | None = None


def _worker_init(tok: Tokenizer) -> None:
    global _WORKER
    _WORKER = tok


def _worker_compute(text: str) -> str:
    # one encoded string per text: far cheaper to send between processes than a list of tokens
    assert _WORKER is not None
    return _encode_tokens(_WORKER._compute(text))
