"""Corpus folders: every entry in the ingest log; links followed once, loops and FIFOs never hang."""

from __future__ import annotations

import os
import sys

import pytest

import textmine as tm
from textmine.corpus.log import IngestLog
from textmine.corpus.walk import walk

TALK = "同志们：今天召开全市消防安全工作会议，部署冬春火灾防控工作。"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links and FIFOs")


def _write(path, text=TALK):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")



def test_symlinked_folder_is_followed_once_and_a_loop_is_logged(tmp_path):
    root = tmp_path / "c"
    _write(root / "a.txt")
    _write(tmp_path / "elsewhere" / "b.txt", TALK + "其二。")
    (root / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (root / "linked_again").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (root / "sub").mkdir()
    (root / "sub" / "up").symlink_to("..", target_is_directory=True)
    with pytest.warns(UserWarning, match="skipped 2"):
        c = tm.load_corpus(root)
    assert c.ids == ["a", "b"]
    log = {os.path.relpath(e.path, root): (e.status, e.reason) for e in c.log}
    assert log["linked/b.txt"][0] == "read"
    assert log["linked_again"] == ("skipped", f"symbolic link to {tmp_path / 'elsewhere'}, a folder already read; "
                                              "not read twice")
    assert log["sub/up"] == ("skipped", "symbolic link to .., a folder that contains it: a loop, not followed")


def test_fifo_is_skipped_without_opening_it(tmp_path):
    _write(tmp_path / "a.txt")
    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would block forever
    with pytest.warns(UserWarning, match="skipped 1"):
        c = tm.load_corpus(tmp_path)
    assert c.ids == ["a"]
    (e,) = c.log.skipped
    assert e.path.endswith("pipe.txt") and e.reason == "not a regular file (a FIFO (named pipe)); not read"
    with pytest.raises(tm.UnsupportedFormatError, match=r"pipe\.txt: it is a FIFO \(named pipe\), not a regular"):
        tm.read_document(tmp_path / "pipe.txt")


def test_dangling_link_and_hidden_entries_are_logged(tmp_path):
    _write(tmp_path / "a.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    _write(tmp_path / ".git" / "objects" / "x")
    _write(tmp_path / ".git" / "HEAD")
    _write(tmp_path / ".DS_Store")
    (tmp_path / "self").symlink_to(tmp_path / "self")
    log = IngestLog()
    files = walk(tmp_path, log)
    assert files == [tmp_path / "a.txt"]
    got = {os.path.basename(e.path): (e.status, e.reason) for e in log}
    assert got == {
        ".DS_Store": ("skipped", "hidden file"),
        ".git": ("skipped", "hidden folder (2 files in it); not read"),
        "gone.txt": ("skipped", f"dangling symbolic link (to {tmp_path / 'nowhere.txt'}, which does not exist)"),
        "self": ("skipped", "unusable symbolic link (Too many levels of symbolic links)"),
    }


def test_every_file_of_a_mixed_folder_has_a_log_line(tmp_path):
    _write(tmp_path / "a.txt")
    _write(tmp_path / "README.md", "# 说明")
    _write(tmp_path / "notes.xyz", "备注")
    _write(tmp_path / "~$a.docx", "")
    _write(tmp_path / "sub" / "b.md", TALK + "其二。")
    (tmp_path / "sub" / "link.txt").symlink_to(tmp_path / "a.txt")  # a second path to the same bytes
    with pytest.warns(UserWarning):
        c = tm.load_corpus(tmp_path)
    statuses = {os.path.relpath(e.path, tmp_path): e.status for e in c.log}
    assert statuses == {"a.txt": "read", "README.md": "auxiliary", "notes.xyz": "skipped", "~$a.docx": "skipped",
                        "sub/b.md": "read", "sub/link.txt": "duplicate"}
