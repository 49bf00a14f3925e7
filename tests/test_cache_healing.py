"""Issue 14: a damaged or unusable token cache heals itself, or the run goes on without it."""

from __future__ import annotations

import gc
import os
import sqlite3
import warnings

import pytest

import textmine as tm

TEXTS = ["禁毒委要加强社区戒毒", "安全生产"]
EXPECTED = [["禁毒委", "社区戒毒"], ["安全生产"]]


def _run(folder):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = tm.Tokenizer(cache_dir=folder).tokenize_many(TEXTS)
    return got, [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]


def _damaged(tmp_path):
    assert _run(tmp_path) == (EXPECTED, [])  # a healthy cache first
    # close that run's connection now: closed later by the garbage collector, it would checkpoint
    # its WAL into the file the test is about to damage (seen once as a flaky failure)
    gc.collect()
    return tmp_path / "tokens.sqlite3"


@pytest.mark.parametrize("damage", ["garbage", "truncated", "zeros"])
def test_damaged_file_is_moved_aside_and_rebuilt(tmp_path, damage):
    db = _damaged(tmp_path)
    data = db.read_bytes()
    db.write_bytes({"garbage": b"this is not a database at all" * 100, "truncated": data[:150],
                    "zeros": b"\0" * 4096}[damage])
    for side in ("tokens.sqlite3-wal", "tokens.sqlite3-shm"):
        (tmp_path / side).unlink(missing_ok=True)
    got, warned = _run(tmp_path)
    assert got == EXPECTED
    assert len(warned) == 1 and f"token cache {db} was damaged" in warned[0] and "started a new one" in warned[0]
    aside = sorted(p.name for p in tmp_path.glob("tokens.sqlite3.damaged-*") if not p.name.endswith(("-wal", "-shm")))
    assert len(aside) == 1 and aside[0] in warned[0]
    rows = sqlite3.connect(db).execute("SELECT count(*) FROM tokens").fetchone()[0]
    assert rows == 2  # rebuilt
    assert _run(tmp_path) == (EXPECTED, [])  # and healthy again: no more warnings


def test_bad_row_is_tokenized_again(tmp_path):
    db = _damaged(tmp_path)
    con = sqlite3.connect(db)
    con.execute("UPDATE tokens SET tokens = ?", ("X???",))
    con.commit()
    con.close()
    assert _run(tmp_path) == (EXPECTED, [])
    values = sorted(v for (v,) in sqlite3.connect(db).execute("SELECT tokens FROM tokens"))
    assert values == ["L安全生产", "L禁毒委\n社区戒毒"]  # replaced by good rows


def test_cache_path_that_is_a_file_runs_without_cache(tmp_path):
    folder = tmp_path / "cache"
    folder.write_text("not a folder", encoding="utf-8")
    got, warned = _run(folder)
    assert got == EXPECTED and len(warned) == 1
    assert warned[0].startswith(f"token cache {folder / 'tokens.sqlite3'} cannot be used (")
    assert f"running without a cache. Fix: make {folder} a writable folder" in warned[0]
    assert folder.read_text(encoding="utf-8") == "not a folder"  # the user's file is left alone


def test_read_only_cache_runs_without_cache(tmp_path, monkeypatch):
    import textmine.tokenize.cache as cache

    _damaged(tmp_path)
    real = sqlite3.connect

    class ReadOnly:
        def __init__(self, conn):
            self.conn = conn

        def execute(self, sql, *args):
            if sql.startswith(("INSERT", "CREATE", "PRAGMA journal")):
                raise sqlite3.OperationalError("attempt to write a readonly database")
            return self.conn.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self.conn, name)

    monkeypatch.setattr(cache.sqlite3, "connect", lambda *a, **k: ReadOnly(real(*a, **k)))
    got, warned = _run(tmp_path)
    assert got == EXPECTED and len(warned) == 1
    assert "cannot be used (attempt to write a readonly database); running without a cache" in warned[0]
    assert not list(tmp_path.glob("tokens.sqlite3.damaged-*"))  # a sound file is never moved


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes to read-only folders")
def test_read_only_folder_for_real(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        got, warned = _run(folder)
    finally:
        folder.chmod(0o755)
    assert got == EXPECTED and len(warned) == 1 and "running without a cache" in warned[0]
