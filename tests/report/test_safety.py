"""Issue 14: what textmine writes is safe, bounded and complete, whatever the input."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from .conftest import SPEECH, SPEECH_META


def _speech_with(tmp_path: Path, *, doc_id: str = "s00", title: str | None = None, place: str = "青溪县",
                 occasion: str = "全县垃圾分类工作推进会", text: str = SPEECH) -> Path:
    """The tiny speech in its own folder, with a metadata.csv row of the given id/title/place/occasion."""
    folder = tmp_path / "speech"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "s00_laji.txt"
    path.write_text(text, encoding="utf-8")
    header = SPEECH_META.splitlines()[0].split(",")
    row = dict(zip(header, SPEECH_META.splitlines()[1].split(",")))
    row.update(id=doc_id, place=place, occasion=occasion)
    if title is not None:
        row["title"] = title
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header)
        w.writeheader()
        w.writerow(row)
    return path


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


# 1 output path traversal -----------------------------------------------------------------------------

@pytest.mark.parametrize("doc_id", ["../../escaped", "/tmp/textmine_escape_abs", "..", "a/../../b", "C:\\x\\y"])
def test_doc_id_never_writes_outside_out_dir(tmp_path, tiny_files, doc_id):
    from textmine.report import build_report

    speech = _speech_with(tmp_path / "in", doc_id=doc_id)
    out_dir = tmp_path / "work" / "out"
    out_dir.mkdir(parents=True)
    before = _files(tmp_path)
    abs_target = Path("/tmp/textmine_escape_abs")
    report = build_report(speech, tiny_files[1], out_dir=out_dir, formats=["csv", "md"], progress=False,
                          speech_meta={"title": "测试"}, k=2)
    new = _files(tmp_path) - before
    assert new and all(out_dir in p.parents for p in new)
    assert report.out_dir.parent == out_dir  # exactly one folder level under --out
    assert ".." not in report.out_dir.name and "/" not in report.out_dir.name
    assert not abs_target.exists()
    assert report.result.cleaned.doc_id == doc_id  # the id itself is kept as data


def test_safe_part_slugs_and_hashes():
    from textmine.report._paths import safe_part

    assert safe_part("s00") == "s00"
    assert safe_part("2022讲话_01") == "2022讲话_01"
    assert safe_part("../../evil").startswith("evil-") and len(safe_part("../../evil")) == len("evil-") + 8
    assert safe_part("/etc/passwd").startswith("etc_passwd-")
    assert safe_part("..").startswith("doc-") and safe_part(".").startswith("doc-")
    assert safe_part("a/b") != safe_part("a_b")  # different ids never share a folder
    assert safe_part("CON").startswith("_CON-")
    assert len(safe_part("长" * 300)) == 80 + 9
