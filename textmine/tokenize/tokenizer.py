"""The :class:`Tokenizer`: jieba segmentation plus content-term filtering, immutable once built.

A Tokenizer owns a private segmenter; it never touches jieba's global ``jieba.dt`` nor
calls module-level ``jieba.add_word``. Its settings are fixed at construction (assigning
one raises; :meth:`Tokenizer.replace` returns a new tokenizer), because every token it
has produced — in the disk cache, in its memo of filtered tokens, in a :class:`~textmine.Dtm`
— was made under those settings. Its :attr:`~Tokenizer.fingerprint` names them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import FrozenInstanceError
from pathlib import Path
from typing import Any, Literal

from .._text import ALL_HAN as _ALL_HAN
from .._text import HAN as _HAN
from .._text import HAN_CHARS
from ..corpus import Document
from ..errors import InputError
from .cache import CACHE_FORMAT, TokenCache, decode_tokens, default_cache_dir, encode_tokens, text_key
from .resources import USERDICT, file_digest, load_engine, load_stopwords, pos_tokenizer, read_userdict, resolve_backend

__all__ = ["Tokenizer", "resolve_tokenizer"]

Backend = Literal["auto", "rjieba", "jieba"]
Layer = Literal["function", "officialese"]

_WORDISH = re.compile(rf"[\w{HAN_CHARS}]")
_ASCII_PIECES = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?|[^\sA-Za-z\d]")
#: Lines of Han characters only (with MULTILINE: the tokens of a "\n"-joined batch that are).
_HAN_LINES = re.compile(rf"^[{HAN_CHARS}]+$", re.MULTILINE)
_NUMBER = re.compile(r"^[\d.,%]+$")
_PLACEHOLDER = re.compile(r"^(?:[XxＸ]{1,3}|[YZyz]{1,2}|[A-Z])$")

_DEFAULTS: dict[str, Any] = {
    "backend": "auto", "userdict": True, "user_dicts": (), "stopwords": ("function", "officialese"),
    "extra_stopwords": (), "keep_pos": None, "min_len": 2, "drop_numbers": True, "hmm": True, "cache": True,
    "cache_dir": None,
}


def _paths(value: Any, name: str) -> tuple[Path, ...]:
    if isinstance(value, (str, Path)) or not isinstance(value, Iterable):
        raise InputError(f"{name}={value!r}: expected a sequence of paths, e.g. [{str(value)!r}]")
    return tuple(Path(p) for p in value)


def _words(value: Any, name: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InputError(f"{name}={value!r}: expected a sequence of strings, e.g. ({value!r},)")
    return tuple(str(w) for w in value)


def _flag(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise InputError(f"{name}={value!r}: expected True or False")
    return value


class Tokenizer:
    """Chinese tokenizer for policy speeches: jieba segmentation plus content-term filtering.

    Settings are validated and fixed when the tokenizer is built: assigning one raises
    :class:`dataclasses.FrozenInstanceError`; use :meth:`replace` for a tokenizer with
    other settings. Two tokenizers with the same :attr:`fingerprint` give the same tokens
    and compare equal.

    Parameters
    ----------
    backend : {"auto", "rjieba", "jieba"}
        ``"auto"`` uses rjieba (jieba-rs: the same dictionary and algorithm, much faster)
        when installed, else jieba. After filtering both give the same tokens.
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
        Cache folder (default: :func:`~textmine.tokenize.default_cache_dir`, read when
        the tokenizer is built).

    Attributes
    ----------
    fingerprint : str
        Hash of the settings that decide the tokens: backend, the dictionaries' contents,
        the stopwords, min_len, drop_numbers, hmm, keep_pos (not ``cache``/``cache_dir``).
        Part of every cache key.
    backend_ : str
        The backend in use.
    stopwords_ : frozenset of str
        The words dropped.
    dictionary_issues_ : tuple of str
        What was handled specially while reading the user dictionaries.

    Examples
    --------
    >>> tok = Tokenizer(cache=False)
    >>> tok.tokenize("各级禁毒委要加强社区戒毒工作")
    ['禁毒委', '社区戒毒']
    >>> tok.replace(stopwords=()).tokenize("各级禁毒委要加强社区戒毒工作")
    ['各级', '禁毒委', '加强', '社区戒毒', '工作']
    """

    def __init__(self, *, backend: Backend = "auto", userdict: bool = True,
                 user_dicts: Sequence[str | Path] = (), stopwords: Sequence[Layer] = ("function", "officialese"),
                 extra_stopwords: Iterable[str] = (), keep_pos: Iterable[str] | None = None,
                 min_len: int = 2, drop_numbers: bool = True, hmm: bool = True, cache: bool = True,
                 cache_dir: str | Path | None = None) -> None:
        if isinstance(stopwords, str):
            raise InputError(f"stopwords={stopwords!r}: expected a sequence of layer names, "
                             f"e.g. ('function', 'officialese')")
        if isinstance(min_len, bool) or not isinstance(min_len, int) or min_len < 1:
            raise InputError(f"min_len={min_len!r}: expected a whole number >= 1")
        settings = {
            "backend": backend, "userdict": _flag(userdict, "userdict"),
            "user_dicts": _paths(user_dicts, "user_dicts"), "stopwords": _words(stopwords, "stopwords"),
            "extra_stopwords": _words(extra_stopwords, "extra_stopwords"),
            "keep_pos": None if keep_pos is None else _words(keep_pos, "keep_pos"), "min_len": min_len,
            "drop_numbers": _flag(drop_numbers, "drop_numbers"), "hmm": _flag(hmm, "hmm"),
            "cache": _flag(cache, "cache"), "cache_dir": None if cache_dir is None else Path(cache_dir),
        }
        resolved = resolve_backend(backend)
        stop: set[str] = set()
        for layer in settings["stopwords"]:
            stop |= load_stopwords(layer)
        stop |= set(settings["extra_stopwords"])
        paths = ([USERDICT] if userdict else []) + list(settings["user_dicts"])
        issues: list[str] = []
        dicts = []
        for p in paths:
            if not p.is_file():
                raise FileNotFoundError(f"user dictionary not found: {p}")
            issues += read_userdict(p)[1]  # parse now: format errors surface when the tokenizer is built
            dicts.append((str(p), file_digest(p)))
        keep = None if keep_pos is None else tuple(sorted(set(settings["keep_pos"])))
        spec = {  # unchanged since cache format 2: existing caches stay valid
            "format": CACHE_FORMAT, "backend": resolved, "dicts": [d for _, d in dicts],
            "stop": hashlib.sha256("\n".join(sorted(stop)).encode()).hexdigest(),
            "min_len": min_len, "drop_numbers": drop_numbers, "hmm": hmm, "keep_pos": keep,
        }
        cache_folder = settings["cache_dir"] if settings["cache_dir"] is not None else default_cache_dir()
        derived = {
            "backend_": resolved, "stopwords_": frozenset(stop), "dictionary_issues_": tuple(issues),
            "fingerprint": hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:16],
            "_dicts": tuple(dicts), "_keep_pos": keep, "_drop_punct": "function" in settings["stopwords"],
            "_cache_folder": cache_folder,
        }
        for name, value in {**settings, **derived}.items():
            object.__setattr__(self, name, value)
        self._reset_runtime()

    def _reset_runtime(self) -> None:
        # Not settings: a memo of filtered raw tokens and the cache connection, both valid
        # for this object's settings only (which is why the settings cannot change).
        object.__setattr__(self, "_memo", {})
        object.__setattr__(self, "_memo_splits", set())
        object.__setattr__(self, "_cache", TokenCache(self._cache_folder) if self.cache else None)

    # -- immutability ------------------------------------------------------------------------

    def __setattr__(self, name: str, value: Any) -> None:
        hint = f"; use tok.replace({name}=...) for a tokenizer with other settings" if name in _DEFAULTS else ""
        raise FrozenInstanceError(f"Tokenizer is immutable: cannot assign to {name!r}{hint}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"Tokenizer is immutable: cannot delete {name!r}")

    def get_params(self) -> dict[str, Any]:
        """The settings, as keyword arguments of the constructor."""
        return {name: getattr(self, name) for name in _DEFAULTS}

    def replace(self, **changes: Any) -> "Tokenizer":
        """A new tokenizer with some settings changed (this one is left as it is).

        Examples
        --------
        >>> Tokenizer(cache=False).replace(min_len=1).min_len
        1
        """
        unknown = sorted(set(changes) - set(_DEFAULTS))
        if unknown:
            raise InputError(f"replace() got unknown setting(s) {unknown}; expected some of {list(_DEFAULTS)}")
        return Tokenizer(**{**self.get_params(), **changes})

    @property
    def fingerprint_(self) -> str:
        """Deprecated: use :attr:`fingerprint`."""
        warnings.warn("Tokenizer.fingerprint_ is deprecated; use Tokenizer.fingerprint", DeprecationWarning,
                      stacklevel=2)
        return self.fingerprint

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Tokenizer):
            return NotImplemented
        return self.fingerprint == other.fingerprint

    def __hash__(self) -> int:
        return hash(self.fingerprint)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items() if v != _DEFAULTS[k])
        return f"Tokenizer({args})"

    # -- pickling (for multiprocessing) ----------------------------------------------------

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state.pop("_memo", None)
        state.pop("_memo_splits", None)
        state.pop("_cache", None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._reset_runtime()

    # -- segmentation and filtering ----------------------------------------------------------

    @property
    def engine_(self) -> Any:
        """The private segmenter instance (loaded on first use, shared per process)."""
        return load_engine(self.backend_, self._dicts, str(self._cache_folder))

    def _raw(self, text: str) -> list[str]:
        return self.engine_.lcut(text, HMM=self.hmm) if self.backend_ == "jieba" else self.engine_.cut(text, self.hmm)

    def _raw_tagged(self, text: str) -> list[tuple[str, str]]:
        engine = self.engine_
        if self.backend_ == "jieba":
            return [(p.word, p.flag) for p in pos_tokenizer(engine).lcut(text, HMM=self.hmm)]
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

    def _filter(self, raw: list[str]) -> list[str]:
        # A speech has far fewer distinct tokens than tokens: decide once per distinct raw token.
        # The memo holds the kept token, "" when dropped, or a tuple when an ASCII run splits
        # ('2011-2020'); splits are rare, so the common case is one C-level pass with no set built.
        memo, splits = self._memo, self._memo_splits
        if len(memo) > 500_000:
            memo.clear()
            splits.clear()
        while True:
            try:
                kept = list(filter(None, map(memo.__getitem__, raw)))
                break
            except KeyError:
                self._learn(set(raw).difference(memo))
        if splits and not splits.isdisjoint(raw):
            return [x for t in kept for x in ((t,) if type(t) is str else t)]
        return kept

    def _learn(self, new: set[str]) -> None:
        """Decide the raw tokens ``new`` into the memo of :meth:`_filter`."""
        memo, splits = self._memo, self._memo_splits
        # Most are Han characters only, for which only length and stopwords matter (as in
        # _filter_one): one regex pass over them joined finds these, instead of two matches
        # per token (a cold corpus has some 20,000 distinct tokens; this halves their cost).
        # A token holding a line break adds its lines, themselves Han-only strings decided rightly;
        # the token itself is no line, so it is decided below.
        han = _HAN_LINES.findall("\n".join(new))
        stop, min_len = self.stopwords_, self.min_len
        for tok in han:
            memo[tok] = tok if len(tok) >= min_len and tok not in stop else ""
        for tok in new.difference(han):
            one = self._filter_one(tok)
            memo[tok] = "" if not one else one[0] if len(one) == 1 else one
            if len(one) > 1:
                splits.add(tok)

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

    def clear_cache(self) -> int:
        """Delete this tokenizer's cached tokens (same fingerprint); return how many."""
        return 0 if self._cache is None else self._cache.clear(self.fingerprint)

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
        values = self._values(texts, n_jobs=n_jobs, progress=progress, keep_lists=True)
        return [list(v) if type(v) is list else decode_tokens(v) for v in values]

    def iter_tokens(self, texts: Iterable[str | Document], *, n_jobs: int | None = None,
                    progress: bool = False) -> Iterator[list[str]]:
        """Tokens of many texts, in order, one list at a time: :meth:`tokenize_many` streamed.

        The texts are segmented (or fetched from the cache) when this is called, as by
        :meth:`tokenize_many`, but held encoded, one string per text; each token list is
        decoded only when the iterator reaches it. So a consumer that takes one list at a
        time (:meth:`~textmine.Dtm.from_tokens`) never has every text's
        token strings alive at once: a hundred-fold less memory on a large corpus.

        Parameters
        ----------
        texts : iterable of str or Document (a Corpus works)
        n_jobs : int, optional
            As in :meth:`tokenize_many`.
        progress : bool
            Show a tqdm progress bar over the texts being segmented.

        Returns
        -------
        iterator of list of str
            The same lists as :meth:`tokenize_many` gives.

        Examples
        --------
        >>> tok = Tokenizer(cache=False)
        >>> [len(t) for t in tok.iter_tokens(["各级禁毒委要加强社区戒毒工作", "安全生产"])]
        [2, 1]
        """
        values = self._values(texts, n_jobs=n_jobs, progress=progress, keep_lists=False)

        def stream() -> Iterator[list[str]]:
            for i in range(len(values)):
                value, values[i] = values[i], None  # decoded once: let it go
                yield decode_tokens(value)

        return stream()

    def _values(self, texts: Iterable[str | Document], *, n_jobs: int | None, progress: bool,
                keep_lists: bool) -> list:
        """Each text's tokens, in order: encoded cache values, or (``keep_lists``) the token
        lists segmented in this process (these are not worth encoding and decoding again)."""
        strs: list[str] = []
        for i, t in enumerate(texts):
            if isinstance(t, Document):
                t = t.text
            if not isinstance(t, str):
                raise InputError(f"texts[{i}] is a {type(t).__name__}; expected str or Document")
            strs.append(t)
        keys = [text_key(self.fingerprint, t) for t in strs]
        found: dict[str, Any] = self._cache.get_encoded(keys) if self._cache is not None else {}
        todo = {k: t for k, t in zip(keys, strs) if k not in found}
        if todo:
            computed: dict[str, list[str]] = {}
            encoded = self._segment(list(todo.items()), n_jobs=n_jobs, progress=progress,
                                    lists=computed if keep_lists else None)
            if self._cache is not None:
                self._cache.put(encoded)
            found.update(encoded)
            found.update(computed)
        return [found[k] for k in keys]

    def _segment(self, items: list[tuple[str, str]], *, n_jobs: int | None, progress: bool,
                 lists: dict[str, list[str]] | None = None) -> dict[str, str]:
        """Segment and filter texts; return their encoded cache values keyed like ``items``.

        When segmenting in this process, the token lists are also stored into ``lists`` (by key).
        """
        total = sum(len(t) for _, t in items)
        if n_jobs is None:
            from .._workers import in_daemon

            # a daemonic process (a multiprocessing.Pool's worker) may start no process of its own
            n_jobs = (os.cpu_count() or 1) if total > 300_000 and len(items) > 1 and not in_daemon() else 1
        if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs < 1:
            raise InputError(f"n_jobs={n_jobs!r}: expected a whole number >= 1")
        texts = [t for _, t in items]
        bar = None
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(texts), desc="tokenizing", unit="doc")
        try:
            if n_jobs == 1 or len(texts) == 1:
                out = []
                for (key, _), t in zip(items, texts):
                    toks = self._compute(t)
                    if lists is not None:
                        lists[key] = toks
                    out.append(encode_tokens(toks))
                    if bar is not None:
                        bar.update(1)
            else:
                import multiprocessing as mp

                ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
                # This process and n_jobs - 1 workers each take the next longest text off one shared
                # counter when free, so all finish together and no core waits on the others. The
                # workers get the texts once, as they start (inherited under fork), not a message
                # per text; this process keeps its own lists as they are, never encoded and decoded.
                order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
                n_workers = min(n_jobs, len(texts)) - 1
                taken = ctx.Value("q", 0)
                out: list[str | None] = [None] * len(texts)
                # plain processes with a pipe each, run as :func:`~textmine._workers.aside` runs its
                # worker, not a Pool: a Pool whose worker dies waits for its result for ever; here what
                # a dead worker took is segmented by this process. Unlike aside, a fork is made even
                # when other threads run (a notebook), as the Pool made it
                import functools

                from .._workers import _RemoteTraceback, _start_worker, in_daemon

                workers = []
                try:
                    for _ in range(0 if in_daemon() else n_workers):  # a daemonic process may start none
                        started = _start_worker(ctx, functools.partial(_drain, self, texts, order, taken))
                        if started is None:  # no process to be had: this one takes what is left
                            break
                        workers.append(started)
                    for i in _take(taken, order):
                        toks = self._compute(texts[i])
                        if lists is not None:
                            lists[items[i][0]] = toks
                        out[i] = encode_tokens(toks)
                        if bar is not None:
                            bar.update(1)
                    for proc, receive in workers:
                        try:
                            kind, part, remote = receive.recv()
                        except Exception:  # noqa: BLE001 — it died, or sent what does not unpickle:
                            kind, part = "lost", []  # what it took is segmented below
                        if kind == "raise":
                            raise part from _RemoteTraceback(remote)
                        if kind != "ok":
                            part = []
                        for i, toks in part:
                            out[i] = toks
                        if bar is not None:
                            bar.update(len(part))
                finally:
                    for proc, receive in workers:
                        receive.close()
                        if proc.is_alive():
                            proc.terminate()
                        proc.join()
                for i, toks in enumerate(out):
                    if toks is None:  # taken by a worker that died
                        out[i] = encode_tokens(self._compute(texts[i]))
                        if bar is not None:
                            bar.update(1)
        finally:
            if bar is not None:
                bar.close()
        return {k: toks for (k, _), toks in zip(items, out)}

    def tag(self, text: str | Document) -> list[tuple[str, str]]:
        """(token, part-of-speech) pairs of one text, filtered like :meth:`tokenize` (not cached)."""
        if isinstance(text, Document):
            text = text.text
        if not isinstance(text, str):
            raise InputError(f"text is a {type(text).__name__}; expected str or Document")
        return self._filter_tagged(self._raw_tagged(text))

    def is_content(self, token: str) -> bool:
        """Whether a raw token survives this tokenizer's filtering (length, stopwords, numbers …)."""
        return self._keep(token)

    def segment(self, text: str) -> list[str]:
        """The segmenter's raw tokens, unfiltered (punctuation and stopwords included)."""
        return self._raw(text)


def _describe(tok: Tokenizer) -> str:
    return f"{tok!r} (fingerprint {tok.fingerprint})"


def resolve_tokenizer(tokenizer: Tokenizer | None = None, *, recorded: Mapping[str, Tokenizer | None] | None = None,
                      default: bool = True) -> Tokenizer | None:
    """The one tokenizer of an analysis: the one given, else the one its Dtms were built with.

    This is the only place a default ``Tokenizer()`` is built, and only when no tokenizer
    is given or recorded and ``default`` is true (otherwise None is returned).

    Parameters
    ----------
    tokenizer : Tokenizer, optional
        What the caller passed as ``tokenizer=``.
    recorded : mapping of str to Tokenizer or None
        Argument name → the tokenizer that argument (a Dtm or TopicModel) was built with;
        None when unknown (a Dtm made with :meth:`~textmine.Dtm.from_tokens`).
    default : bool
        Build ``Tokenizer()`` when nothing is given or recorded.

    Raises
    ------
    InputError
        When two of them differ; the message names both and their fingerprints.
    """
    if tokenizer is not None and not isinstance(tokenizer, Tokenizer):
        raise InputError(f"tokenizer is a {type(tokenizer).__name__}; expected a textmine Tokenizer")
    seen = [("tokenizer", tokenizer)] if tokenizer is not None else []
    seen += [(f"{name} was built with", tok) for name, tok in (recorded or {}).items() if tok is not None]
    for label, tok in seen[1:]:
        if tok != seen[0][1]:
            first = "tokenizer is" if seen[0][0] == "tokenizer" else seen[0][0]
            raise InputError(f"{first} {_describe(seen[0][1])} but {label} {_describe(tok)}; expected one "
                             "tokenizer throughout (build both sides with the same Tokenizer)")
    if seen:
        return seen[0][1]
    return Tokenizer() if default else None


def _take(taken: Any, order: list[int]) -> Iterator[int]:
    """The texts' positions, longest first, each given to whichever process asks next."""
    while True:
        with taken.get_lock():
            j = taken.value
            if j >= len(order):
                return
            taken.value = j + 1
        yield order[j]


def _drain(tok: Tokenizer, texts: list[str], order: list[int], taken: Any) -> list[tuple[int, str]]:
    """What a worker of :meth:`Tokenizer._segment` sends back: the texts it takes, segmented."""
    # encoded: one string per text is far cheaper to send between processes than a list of tokens
    return [(i, encode_tokens(tok._compute(texts[i]))) for i in _take(taken, order)]
