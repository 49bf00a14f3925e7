"""Old binary Word (.doc) and WPS (.wps) through LibreOffice, or a clear error that says how to convert."""

from __future__ import annotations

import shutil
import subprocess

import pytest

import textmine as tm
from textmine.corpus.readers import doc as doc_reader
from textmine.errors import UnsupportedFormatError

from .._shared import FORMATS, shared

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="needs LibreOffice (soffice on the PATH; .ci/run installs it)")


def _binary_doc(tmp_path, suffix):
    """A .doc written by LibreOffice from a handwritten .docx, saved under ``suffix``."""
    import docx

    d = docx.Document()
    d.add_paragraph("在全区安全生产工作会议上的讲话", style="Heading 1")
    d.add_paragraph("同志们：今年以来，全区安全生产形势总体平稳，但事故隐患仍然不少。")
    src = tmp_path / "talk.docx"
    d.save(src)
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(src)], check=True, capture_output=True,
                   timeout=180)
    out = tmp_path / f"talk{suffix}"
    (tmp_path / "talk.doc").rename(out)
    assert out.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # an OLE compound file, not a zip
    return out


@needs_soffice
@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_binary_word_and_wps_files_are_converted(tmp_path, suffix):
    path = _binary_doc(tmp_path, suffix)
    doc = tm.read_document(path)
    assert doc.text == "在全区安全生产工作会议上的讲话\n同志们：今年以来，全区安全生产形势总体平稳，但事故隐患仍然不少。"
    assert doc.title == "在全区安全生产工作会议上的讲话"
    assert doc.meta["encoding"] == f"{suffix[1:]} (via LibreOffice)"


@needs_soffice
@pytest.mark.slow
def test_shared_binary_doc_reads():
    path = shared(FORMATS / "jxtax2023_gonggao.doc")
    doc = tm.read_document(path)
    assert "拟录用公务员公示公告" in doc.text and "现予以公示。" in doc.text
    assert doc.meta["encoding"] == "doc (via LibreOffice)"


def test_without_libreoffice_the_error_says_how_to_convert(tmp_path, monkeypatch):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on it
    assert doc_reader.soffice() is None
    with pytest.raises(UnsupportedFormatError,
                       match=r"old\.doc: old binary Word \(\.doc\) needs LibreOffice.*apt-get install "
                             r"libreoffice-writer-nogui.*save it as \.docx"):
        tm.read_document(path)
    wps = tmp_path / "notice.wps"
    wps.write_bytes(path.read_bytes())
    with pytest.raises(UnsupportedFormatError, match=r"notice\.wps: WPS \(\.wps\) needs LibreOffice"):
        tm.read_document(wps)


def test_a_doc_that_is_really_a_docx_or_a_web_page_is_read_as_what_it_is(tmp_path, monkeypatch):
    import docx

    monkeypatch.setenv("PATH", str(tmp_path))  # no LibreOffice needed for these
    d = docx.Document()
    d.add_paragraph("各单位要按时报送半年工作总结。")
    d.save(tmp_path / "renamed.doc")
    assert tm.read_document(tmp_path / "renamed.doc").text == "各单位要按时报送半年工作总结。"
    (tmp_path / "web.doc").write_text(
        "<html><head><meta charset='utf-8'></head><body><div><p>关于做好2024年度防汛工作的通知。各乡镇、各有关单位："
        "入汛以来，我县降雨偏多，防汛形势严峻复杂，请各单位切实做好防汛准备工作。</p></div></body></html>",
        encoding="utf-8")
    assert "防汛形势严峻复杂" in tm.read_document(tmp_path / "web.doc").text
