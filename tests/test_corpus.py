"""Ingest: formats, encodings, metadata join, the ingest log, and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import textmine as tm
from textmine.corpus import count_cjk
from textmine.errors import DecodeError, EmptyDocumentError, TextmineError, UnsupportedFormatError

SPEECH = "同志们：\n一、提高认识\n禁毒工作事关群众福祉。\n"


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


@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
    ("gbk", b""), ("gb18030", b""),
])
def test_encodings_decode_to_the_same_text(tmp_path, encoding, bom):
    p = tmp_path / f"s-{encoding}.txt"
    p.write_bytes(bom + SPEECH.encode(encoding))
    doc = tm.read_document(p)
    assert doc.text == SPEECH
    assert doc.doc_id == p.stem


def test_undecodable_file_names_file_and_offset(tmp_path):
    p = tmp_path / "bad.txt"
    # valid UTF-8 for 6 bytes, then bytes that are neither UTF-8 nor GB18030
    p.write_bytes("禁毒".encode() + b"\xff\xfe\xfd\x80")
    with pytest.raises(DecodeError, match=r"bad\.txt.*offset 6") as info:
        tm.read_document(p)
    assert info.value.offset == 6
    assert isinstance(info.value, TextmineError)


def test_binary_file_is_refused(tmp_path):
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(DecodeError, match=r"image\.txt.*binary"):
        tm.read_document(p)


def test_empty_file_is_refused(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"  \n\n")
    with pytest.raises(EmptyDocumentError, match=r"empty\.txt is empty"):
        tm.read_document(p)


def test_missing_and_unsupported_paths(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        tm.read_document(tmp_path / "nope.txt")
    p = tmp_path / "speech.pdf"
    p.write_bytes(b"%PDF-1.4")
    with pytest.raises(UnsupportedFormatError, match=r"unsupported file type '\.pdf'"):
        tm.read_document(p)


def test_docx(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("同志们：")
    d.add_paragraph("一、提高认识")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "公安局"
    t.cell(0, 1).text = "负责缉毒"
    p = tmp_path / "talk.docx"
    d.save(p)
    doc = tm.read_document(p)
    assert doc.text == "同志们：\n一、提高认识\n公安局\t负责缉毒"
    assert doc.meta["encoding"] == "docx"


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
    assert c["b"].title == "讲话乙" and c["b"].meta["year"] == "2021"
    assert c["talks-1"].text == "森林防火"
    log = c.log.to_frame()
    assert list(log.status) == ["read", "skipped", "read"]
    assert "row 2 has an empty 'content' field" in log.reason.iloc[1]


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
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
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
        ("notes.pdf", "skipped"), ("c.txt", "skipped"), ("README.md", "auxiliary")}
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


def test_corpus_frame_filter_and_errors():
    c = tm.Corpus([tm.Document("a", "禁毒工作", meta={"area": "禁毒"}),
                   tm.Document("b", "安全生产", meta={"area": "安全"})])
    df = c.to_frame()
    assert list(df.columns) == ["doc_id", "title", "area", "source", "n_chars", "text"]
    assert df.n_chars.tolist() == [4, 4]
    assert c.filter(area="禁毒").ids == ["a"]
    assert c.drop("a").ids == ["b"]
    with pytest.raises(tm.InputError, match="duplicate doc_id 'a'"):
        tm.Corpus([tm.Document("a", "x"), tm.Document("a", "y")])
    with pytest.raises(KeyError, match="no document with doc_id 'z'"):
        c["z"]


def test_document_validates_and_hashes_ids():
    d = tm.Document.from_text("禁毒")
    assert d.doc_id == tm.Document.from_text("禁毒").doc_id and d.doc_id.startswith("doc-")
    with pytest.raises(tm.InputError, match="text must be a str, got int"):
        tm.Document("x", 5)
    assert count_cjk("X市2021年禁毒") == 4


def test_read_document_picks_up_its_metadata_row(tmp_path):
    (tmp_path / "talk.txt").write_text("禁毒工作会议讲话", encoding="utf-8")
    (tmp_path / "other.txt").write_text("安全生产", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("id,file,title,policy_area,year\nT1,talk.txt,讲话,禁毒,2020\n",
                                           encoding="utf-8")
    d = tm.read_document(tmp_path / "talk.txt")
    assert (d.doc_id, d.title, d.meta["policy_area"], d.meta["year"]) == ("T1", "讲话", "禁毒", 2020)
    assert tm.read_document(tmp_path / "other.txt").doc_id == "other"
    assert tm.read_document(tmp_path / "talk.txt", meta={}).doc_id == "talk"
