"""Strict decoding: UTF-8/UTF-16/GB18030, GBK statistics with full-width digits, binary and bad bytes named."""

from __future__ import annotations

import pytest

import textmine as tm
from textmine.corpus.decode import decode_bytes
from textmine.errors import DecodeError, TextmineError

SPEECH = "同志们：\n一、提高认识\n禁毒工作事关群众福祉。\n"
STATS = ("全年完成地区生产总值１２３４．５亿元，比上年增长６．２％。其中，第一产业增加值１５６．７亿元，增长３．１％；"
         "第二产业增加值５６７．８亿元，增长７．４％；城镇新增就业２．３万人。\n")


@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
    ("utf-16-le", b""), ("gbk", b""), ("gb18030", b""),
])
def test_encodings_decode_to_the_same_text(tmp_path, encoding, bom):
    p = tmp_path / f"s-{encoding}.txt"
    p.write_bytes(bom + SPEECH.encode(encoding))
    doc = tm.read_document(p)
    assert doc.text == SPEECH
    assert doc.doc_id == p.stem


def test_gbk_statistics_full_of_full_width_digits_decode(tmp_path):
    p = tmp_path / "stats.txt"
    p.write_bytes(STATS.encode("gbk"))
    doc = tm.read_document(p)  # was refused: "utf-8: invalid start byte"
    assert doc.text == STATS and doc.meta["encoding"] == "gb18030"


def test_emoji_and_extension_b_are_kept_and_counted(tmp_path):
    text = "要为群众办实事👍，把𠀾字号老店和𪚥字招牌保护好。"
    for enc in ("utf-8", "gb18030"):
        p = tmp_path / f"talk-{enc}.txt"
        p.write_bytes(text.encode(enc))
        doc = tm.read_document(p)
        assert doc.text == text
        assert doc.n_chars == 21  # the two Extension B characters count as Han characters


def test_undecodable_file_names_file_offset_and_what_was_tried(tmp_path):
    p = tmp_path / "bad.txt"
    # valid UTF-8 for 6 bytes, then bytes that are neither UTF-8 nor GB18030
    p.write_bytes("禁毒".encode() + b"\xff\xfe\xfd\x80")
    with pytest.raises(DecodeError, match=r"bad\.txt.*offset 6.*not utf-8.*not gb18030") as info:
        tm.read_document(p)
    assert info.value.offset == 6
    assert isinstance(info.value, TextmineError)


def test_gb18030_that_decodes_to_implausible_characters_is_refused():
    data = bytes([0x81, 0x30, 0x81, 0x30]) * 40  # valid GB18030 four-byte sequences, not Chinese text
    with pytest.raises(DecodeError, match=r"as GB18030 it decodes, but only 0% of the characters are plausible"):
        decode_bytes(data, "odd.txt")


def test_binary_file_is_refused(tmp_path):
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(DecodeError, match=r"image\.txt.*binary"):
        tm.read_document(p)


def test_declared_encoding_is_tried_first():
    data = "各级党委要".encode("gb18030")
    assert decode_bytes(data, "x.html", declared="GB2312") == ("各级党委要", "gb18030")
    assert decode_bytes("各级党委要".encode(), "x.html", declared="gbk") == ("各级党委要", "utf-8")
