"""read_document and load_corpus: the bundled data, folders, tables, metadata join, on_error, the log."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import textmine as tm
from textmine.errors import DecodeError, EmptyDocumentError, UnsupportedFormatError



def test_bundled_speech_is_the_seed_byte_for_byte(speech):
    from conftest import SHARED

    seed = SHARED / "seed" / "000_8ac318f39e86b096.txt"
    if not seed.is_file():
        pytest.skip(f"needs {seed} (absent in a user's clone)")
    assert tm.BUNDLED_SPEECH.read_bytes() == seed.read_bytes()


def test_bundled_speech_metadata(speech):
    assert speech.doc_id == "xshi_jindu_2021"
    assert speech.title == "在全市禁毒工作视频会议上的讲话"
    assert (speech.meta["level"], speech.meta["year"], speech.meta["policy_area"]) == ("市", 2021, "禁毒")
    assert speech.text.startswith("下面是小编为大家整理的")


def test_empty_file_is_refused(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"  \n\n")
    with pytest.raises(EmptyDocumentError, match=r"empty\.txt is empty"):
        tm.read_document(p)


def test_missing_and_unsupported_paths(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        tm.read_document(tmp_path / "nope.txt")
    p = tmp_path / "speech.xyz"
    p.write_bytes(b"%PDF-1.4")
    with pytest.raises(UnsupportedFormatError, match=r"unsupported file type '\.xyz'"):
        tm.read_document(p)
    t = tmp_path / "talks.xlsx"
    t.write_bytes(b"PK")
    with pytest.raises(UnsupportedFormatError, match=r"talks\.xlsx is a table \(\.xlsx\) holding many documents"):
        tm.read_document(t)


def test_csv_and_jsonl_rows_become_documents(tmp_path):
    csv_path = tmp_path / "talks.csv"
    pd.DataFrame({"id": ["a", "b"], "title": ["讲话甲", "讲话乙"], "year": [2020, 2021],
                  "text": ["禁毒工作", "安全生产"]}).to_csv(csv_path, index=False)
    jl = tmp_path / "talks.jsonl"
    jl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"content": "森林防火", "year": "2019"}, {"content": "", "year": "2020"}]), encoding="utf-8")
    with pytest.warns(UserWarning, match="skipped 1 file"):
        c = tm.load_corpus([csv_path, jl])
    assert c.ids == ["a", "b", "talks-1"]
    assert c["b"].title == "讲话乙" and c["b"].meta["year"] == 2021  # one coercion: a whole number
    assert c["talks-1"].text == "森林防火"
    log = c.log.to_frame()
    assert list(log.status) == ["read", "skipped", "read"]
    assert "line 2 has an empty 'content' field" in log.reason.iloc[1] and log.line.iloc[1] == 2


def test_table_without_text_column_names_the_argument(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("id,words\n1,禁毒\n", encoding="utf-8")
    with pytest.raises(tm.InputError, match=r"text_column=None.*columns are \['id', 'words'\]"):
        tm.load_corpus(p)
    assert tm.load_corpus(p, text_column="words")[0].text == "禁毒"


def test_folder_recursive_with_metadata_and_log(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("禁毒工作会议讲话", encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_bytes("安全生产会议讲话".encode("gbk"))
    (tmp_path / "notes.xyz").write_bytes(b"%PDF")
    (tmp_path / "README.md").write_text("# 说明", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "id,file,title,year\nA1,a.txt,甲讲话,2020\nB1,b.txt,乙讲话,2021\nC1,c.txt,丙,2022\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="skipped 2 file"):
        c = tm.load_corpus(tmp_path)
    assert c.ids == ["A1", "B1"]
    assert c["B1"].title == "乙讲话" and c["B1"].meta["year"] == 2021
    log = c.log.to_frame()
    assert set(zip(log.path.map(lambda s: Path(s).name), log.status)) == {
        ("metadata.csv", "metadata"), ("a.txt", "read"), ("b.txt", "read"),
        ("notes.xyz", "skipped"), ("metadata.csv", "skipped"), ("README.md", "auxiliary")}
    unmatched = log[(log.status == "skipped") & log.path.str.endswith("metadata.csv")].iloc[0]
    assert unmatched.line == 4 and unmatched.reason == "file 'c.txt' is listed but no such file was read"
    assert log.set_index(log.path.map(lambda s: Path(s).name)).loc["b.txt", "encoding"] == "gb18030"


def test_folder_with_bad_file_raises_or_skips(tmp_path):
    (tmp_path / "ok.txt").write_text("禁毒", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes("禁毒".encode() + b"\x80\xff\xff")
    with pytest.raises(DecodeError, match="bad.txt"):
        tm.load_corpus(tmp_path)
    with pytest.warns(UserWarning):
        c = tm.load_corpus(tmp_path, on_error="skip")
    assert c.ids == ["ok"]
    assert "cannot decode" in c.log.skipped[0].reason


def test_read_document_picks_up_its_metadata_row(tmp_path):
    (tmp_path / "talk.txt").write_text("禁毒工作会议讲话", encoding="utf-8")
    (tmp_path / "other.txt").write_text("安全生产", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("id,file,title,policy_area,year\nT1,talk.txt,讲话,禁毒,2020\n",
                                           encoding="utf-8")
    d = tm.read_document(tmp_path / "talk.txt")
    assert (d.doc_id, d.title, d.meta["policy_area"], d.meta["year"]) == ("T1", "讲话", "禁毒", 2020)
    assert tm.read_document(tmp_path / "other.txt").doc_id == "other"
    assert tm.read_document(tmp_path / "talk.txt", meta={}).doc_id == "talk"


def test_one_unreadable_file_never_sinks_the_corpus_with_skip(tmp_path):
    (tmp_path / "ok.txt").write_text("同志们：今年要抓好秸秆禁烧工作。", encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    with pytest.raises(UnsupportedFormatError, match=r"broken\.docx"):
        tm.load_corpus(tmp_path)
    with pytest.warns(UserWarning, match="skipped 3 file"):
        c = tm.load_corpus(tmp_path, on_error="skip")
    assert c.ids == ["ok"]
    reasons = {Path(e.path).name: e.reason for e in c.log.skipped}
    assert set(reasons) == {"scan.pdf", "broken.docx", "empty.txt"}
    assert "empty.txt is empty" in reasons["empty.txt"] and "as a PDF" in reasons["scan.pdf"]
    with pytest.raises(tm.InputError, match=r"on_error='ignore': expected 'raise' or 'skip'"):
        tm.load_corpus(tmp_path, on_error="ignore")


def test_every_format_in_one_folder(tmp_path):
    import docx

    talk = "同志们：今年要扎实推进农村人居环境整治，持续改善村容村貌。"
    (tmp_path / "a.txt").write_text(talk + "（一）", encoding="utf-8")
    d = docx.Document()
    d.add_paragraph(talk + "（二）")
    d.save(tmp_path / "b.docx")
    (tmp_path / "c.html").write_text(f"<html><body><article><p>{talk}（三）</p><p>{talk}（三）续</p></article>"
                                     "</body></html>", encoding="utf-8")
    (tmp_path / "d.jsonl").write_text(json.dumps({"text": talk + "（四）"}, ensure_ascii=False), encoding="utf-8")
    c = tm.load_corpus(tmp_path)
    assert c.ids == ["a", "b", "c", "d-1"]
    assert [d.meta["encoding"] for d in c] == ["utf-8", "docx", "html (utf-8)", "utf-8"]
    assert all(talk in d.text for d in c)
    assert list(c.log.to_frame().columns) == ["path", "status", "reason", "n_docs", "encoding", "line"]


def test_identical_texts_in_rows_are_kept_and_reported(tmp_path):
    talk = "同志们：今年要扎实推进农村人居环境整治，持续改善村容村貌。"
    p = tmp_path / "t.csv"
    p.write_text(f"id,text,year\nx1,{talk},2020\nx2,{talk},2021\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="1 warning"):
        c = tm.load_corpus(p)
    assert c.ids == ["x1", "x2"]
    assert "x2 has the same text as x1" in c.log.warnings[0].reason


def test_read_document_checks_explicit_metadata(tmp_path):
    p = tmp_path / "talk.txt"
    p.write_text("禁毒工作会议讲话", encoding="utf-8")
    d = tm.read_document(p, meta={"year": "2019年", "policy_area": "禁毒", "note": ""})
    assert d.meta == {"year": 2019, "policy_area": "禁毒", "file": "talk.txt", "encoding": "utf-8"}
    with pytest.raises(tm.InputError, match=r"meta: year 'abc' is not a year"):
        tm.read_document(p, meta={"year": "abc"})
