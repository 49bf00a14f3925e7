"""Helpers of the read-stage tests: the shared real files (skipped when absent) and handmade packages."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
FORMATS = SHARED / "formats"
CORPORA = SHARED / "corpora"
PROVINCIAL = CORPORA / "provincial-gwr-2026"
POLICY_XLSX = CORPORA / "policy-docs-xlsx"
REAL_SPEECHES = CORPORA / "real-speeches"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def shared(path: Path) -> Path:
    """The shared file or folder, or skip the test with the reason."""
    if not path.exists():
        pytest.skip(f"needs {path} (the real files in ../shared, absent in a user's clone)")
    return path


def sentence_at(raw: str, prefix: str) -> str:
    """The sentence of ``raw`` (markup taken out) that starts with ``prefix``, up to its 。

    Tests name a real sentence by a short prefix and take the rest from the file itself, so no
    sentence of the shared texts is copied into the project.
    """
    assert len(prefix) <= 8, "refer to real sentences by a short prefix"
    text = re.sub(r"<[^>]+>", "", raw)
    start = text.index(prefix)
    end = text.index("。", start) + 1
    return text[start:end]


def docx_xml_text(path: Path) -> str:
    """The text runs of a .docx's word/document.xml, joined, for finding real sentences."""
    with zipfile.ZipFile(path) as zf:
        return zf.read("word/document.xml").decode("utf-8")


def make_docx(path: Path, body: str, *, styles: str | None = None) -> Path:
    """A .docx whose body is ``body`` (WordprocessingML, w: prefix bound), built on python-docx's template."""
    import docx

    template = path.with_suffix(".template.docx")
    docx.Document().save(template)
    doc_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               f'<w:document xmlns:w="{W_NS}" '
               'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
               'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
               'xmlns:v="urn:schemas-microsoft-com:vml" '
               'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
               'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
               'mc:Ignorable="wps">'
               f"<w:body>{body}<w:sectPr/></w:body></w:document>")
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = doc_xml.encode("utf-8")
            elif info.filename == "word/styles.xml" and styles is not None:
                data = styles.encode("utf-8")
            dst.writestr(info, data)
    template.unlink()
    return path


def p(text: str, style: str | None = None) -> str:
    """A w:p with one run."""
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"
