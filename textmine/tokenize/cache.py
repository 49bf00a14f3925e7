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


def decode_tokens(value: str) -> list[str]:
    if value.startswith("J"):
        return json.loads(value[1:])
    if value.startswith("L"):
        return value[1:].split("\n") if len(value) > 1 else []
    raise ValueError("unrecognised token cache entry")


class TokenCache:
    """One cache file (``<folder>/tokens.sqlite3``), opened on first use, safe across threads.

    It is never pickled: a copy sent to another process opens its own connection.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict:
        return {"folder": self.folder}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["folder"])

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.folder / "tokens.sqlite3", check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")  # a cache: readers never block, no fsync per write
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("CREATE TABLE IF NOT EXISTS tokens (key TEXT PRIMARY KEY, tokens TEXT NOT NULL)")
            conn.commit()
            self._conn = conn
        return self._conn

    def get(self, keys: list[str]) -> dict[str, list[str]]:
        """The cached tokens of those keys that are in the cache."""
        if not keys:
            return {}
        found: dict[str, list[str]] = {}
        uniq = list(dict.fromkeys(keys))
        with self._lock:
            conn = self._db()
            for i in range(0, len(uniq), 500):
                chunk = uniq[i:i + 500]
                q = f"SELECT key, tokens FROM tokens WHERE key IN ({','.join('?' * len(chunk))})"
                for k, v in conn.execute(q, chunk):
                    found[k] = decode_tokens(v)
        return found

    def put(self, items: dict[str, str]) -> None:
        """Store encoded values (see :func:`encode_tokens`) by key."""
        if not items:
            return
        with self._lock:
            conn = self._db()
            conn.executemany("INSERT OR REPLACE INTO tokens VALUES (?, ?)", list(items.items()))
            conn.commit()

    def clear(self, fingerprint: str) -> int:
        """Delete the entries of one tokenizer fingerprint; return how many."""
        with self._lock:
            conn = self._db()
            cur = conn.execute("DELETE FROM tokens WHERE key LIKE ?", (fingerprint + ":%",))
            conn.commit()
        return cur.rowcount
