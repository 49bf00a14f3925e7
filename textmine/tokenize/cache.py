"""The token cache: an SQLite file of plain-text values, keyed by tokenizer fingerprint and text hash.

Values are newline-joined tokens (or JSON when a token holds a newline); nothing is
unpickled, so a tampered cache file can change tokens but never run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
import warnings
from pathlib import Path

__all__ = ["TokenCache", "default_cache_dir"]

CACHE_FORMAT = "2"  # part of every fingerprint: bump it when the encoding changes


def default_cache_dir() -> Path:
    """The token cache folder: ``$TEXTMINE_CACHE_DIR`` or the user cache dir (platformdirs)."""
    env = os.environ.get("TEXTMINE_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("textmine", appauthor=False))


def text_key(fingerprint: str, text: str) -> str:
    """The cache key of one text for one tokenizer."""
    return fingerprint + ":" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def encode_tokens(tokens: list[str]) -> str:
    """Cache value: 'L' + newline-joined tokens, or 'J' + JSON if a token holds a newline."""
    joined = "\n".join(tokens)
    if joined.count("\n") != max(len(tokens) - 1, 0):  # a token holds a newline
        return "J" + json.dumps(tokens, ensure_ascii=False)
    return "L" + joined


def checked_value(value: object) -> str:
    """A cache value as it is, once it is known to decode (else ValueError): decoding can then wait."""
    if isinstance(value, str) and value.startswith("L"):
        return value  # decoding a newline-joined value cannot fail
    if isinstance(value, str) and value.startswith("J"):
        tokens = json.loads(value[1:])
        if isinstance(tokens, list) and all(isinstance(t, str) for t in tokens):
            return value
    raise ValueError("unrecognised token cache entry")


def decode_tokens(value: str) -> list[str]:
    if value.startswith("J"):
        return json.loads(value[1:])
    if value.startswith("L"):
        return value[1:].split("\n") if len(value) > 1 else []
    raise ValueError("unrecognised token cache entry")


class TokenCache:
    """One cache file (``<folder>/tokens.sqlite3``), opened on first use, safe across threads.

    It is never pickled: a copy sent to another process opens its own connection.
    A damaged file (garbage, truncated, malformed) is moved aside and rebuilt; a cache
    that cannot be written (read-only folder, a file in the folder's place) is switched
    off for the run. Each says so in one warning that names the file.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._off = False  # the cache could not be opened nor healed: this run goes on without it
        self._healed = False  # one file moved aside per run at most
        self._warned = False

    def __getstate__(self) -> dict:
        return {"folder": self.folder}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["folder"])

    @property
    def path(self) -> Path:
        return self.folder / "tokens.sqlite3"

    def _open(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")  # a cache: readers never block, no fsync per write
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("CREATE TABLE IF NOT EXISTS tokens (key TEXT PRIMARY KEY, tokens TEXT NOT NULL)")
            conn.execute("SELECT key, tokens FROM tokens LIMIT 1").fetchall()  # a damaged file fails here
            conn.commit()
        except BaseException:
            conn.close()
            raise
        return conn

    def _db(self) -> sqlite3.Connection | None:
        """The connection; None when the cache is off for this run (it could not be opened or healed)."""
        if self._conn is None and not self._off:
            try:
                self._conn = self._open()
            except (sqlite3.Error, OSError) as err:
                self._heal(err)
        return self._conn

    def _heal(self, err: Exception) -> None:
        """Move a damaged cache file aside and start a new one; failing that, run without a cache.

        Either way one warning names the file and what was done.
        """
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        msg = str(err).lower()
        # readonly, locked, full, cannot open: the file is sound, the place is not; anything else is damage
        sound = any(w in msg for w in ("readonly", "read-only", "locked", "is full", "unable to open", "permission"))
        if isinstance(err, sqlite3.DatabaseError) and not sound and self.path.is_file() and not self._healed:
            self._healed = True
            aside = self.path.with_name(f"tokens.sqlite3.damaged-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}")
            try:
                self.path.rename(aside)
                for extra in ("-wal", "-shm"):
                    side = self.path.with_name(self.path.name + extra)
                    if side.exists():
                        side.rename(aside.with_name(aside.name + extra))
                self._conn = self._open()
                self._warn(f"token cache {self.path} was damaged ({err}); moved it to {aside.name} "
                           "and started a new one")
                return
            except (sqlite3.Error, OSError) as again:
                err = again
        self._off = True
        self._warn(f"token cache {self.path} cannot be used ({err}); running without a cache. "
                   f"Fix: make {self.folder} a writable folder, or set TEXTMINE_CACHE_DIR to one")

    def _warn(self, msg: str) -> None:
        if not self._warned:
            self._warned = True
            warnings.warn(msg, RuntimeWarning, stacklevel=4)

    def get(self, keys: list[str]) -> dict[str, list[str]]:
        """The cached tokens of those keys that are in the cache (a bad entry counts as absent)."""
        return {k: decode_tokens(v) for k, v in self.get_encoded(keys).items()}

    def get_encoded(self, keys: list[str]) -> dict[str, str]:
        """Like :meth:`get`, but the values still encoded (see :func:`encode_tokens`).

        One string per text rather than a list of token strings: a hundred-fold smaller in
        memory, so many texts can be fetched at once and decoded one at a time.
        """
        if not keys:
            return {}
        found: dict[str, str] = {}
        uniq = list(dict.fromkeys(keys))
        with self._lock:
            for _attempt in range(2):  # a second time after healing
                conn = self._db()
                if conn is None:
                    return {}
                try:
                    for i in range(0, len(uniq), 500):
                        chunk = uniq[i:i + 500]
                        q = f"SELECT key, tokens FROM tokens WHERE key IN ({','.join('?' * len(chunk))})"
                        for k, v in conn.execute(q, chunk):
                            try:
                                found[k] = checked_value(v)
                            except ValueError:  # a bad row: tokenized again
                                pass
                    return found
                except sqlite3.Error as err:
                    found.clear()
                    self._heal(err)
        return found

    def put(self, items: dict[str, str]) -> None:
        """Store encoded values (see :func:`encode_tokens`) by key."""
        if not items:
            return
        with self._lock:
            for _attempt in range(2):
                conn = self._db()
                if conn is None:
                    return
                try:
                    conn.executemany("INSERT OR REPLACE INTO tokens VALUES (?, ?)", list(items.items()))
                    conn.commit()
                    return
                except sqlite3.Error as err:
                    self._heal(err)

    def clear(self, fingerprint: str) -> int:
        """Delete the entries of one tokenizer fingerprint; return how many."""
        with self._lock:
            conn = self._db()
            if conn is None:
                return 0
            try:
                cur = conn.execute("DELETE FROM tokens WHERE key LIKE ?", (fingerprint + ":%",))
                conn.commit()
            except sqlite3.Error as err:
                self._heal(err)
                return 0
        return cur.rowcount
