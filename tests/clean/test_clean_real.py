"""Cleaning on every real file in ../shared: undo gives the raw text back, no body sentence is lost,
no widget line survives. Skipped when ../shared is absent (a user's clone)."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

import textmine as tm

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SENTINELS = ROOT / "benchmarks" / "data" / "clean_sentinels.json"
REASON = f"needs the real files in {SHARED} (absent in a user's clone)"

pytestmark = [pytest.mark.shared, pytest.mark.skipif(not SHARED.is_dir(), reason=REASON)]


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def _page_text(path: Path) -> str:
    import lxml.html

    doc = lxml.html.fromstring(path.read_bytes())
    for bad in doc.xpath("//script|//style"):
        bad.drop_tree()
    return "\n".join(ln.strip() for ln in doc.text_content().split("\n") if ln.strip())


def _docx_text(path: Path) -> str:
    # the body's paragraphs from word/document.xml (python-docx refuses the WPS file)
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = re.findall(r"<w:p[ >].*?</w:p>", xml, re.S)
    return "\n".join("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in paras)


def real_texts() -> list[tuple[str, str]]:
    """(label, raw text) of every text held by a real file in ../shared."""
    out: list[tuple[str, str]] = []
    csv.field_size_limit(sys.maxsize)
    for f in sorted((SHARED / "corpora" / "provincial-gwr-2026").glob("*.csv")):
        with open(f, encoding="utf-8-sig", newline="") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                text = row.get("full_text")
                if text:
                    out.append((f"{f.name}#{i}", text))
    for folder in ("real-speeches", "textworkshop17-gwr"):
        out += [(f.name, _read(f)) for f in sorted((SHARED / "corpora" / folder).glob("*.txt"))]
    for f in sorted((SHARED / "corpora" / "wikisource-gwr-cpc").glob("*.jsonl")):
        for i, line in enumerate(f.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                rec = json.loads(line)
                out.append((f"{f.name}#{i}", rec.get("content") or rec.get("text") or ""))
    for f in sorted((SHARED / "formats").glob("*.html")):
        out.append((f.name, _page_text(f)))
    for f in sorted((SHARED / "formats").glob("*.docx")):
        out.append((f.name, _docx_text(f)))
    for f in sorted((SHARED / "corpora" / "policy-docs-xlsx").glob("*.xlsx")):
        import openpyxl

        wb = openpyxl.load_workbook(f, read_only=True)
        for ws in wb.worksheets:
            for r, row in enumerate(ws.iter_rows(values_only=True)):
                for c, v in enumerate(row):
                    if isinstance(v, str) and len(v) >= 200:
                        out.append((f"{f.name}!{ws.title}!{r}:{c}", v))
        wb.close()
    return out


@pytest.mark.slow
def test_undo_gives_back_every_real_file_exactly():
    texts = real_texts()
    assert len(texts) > 300  # 31 reports, 15 + 49 txt, 88 Wikisource records, 4 pages/.docx, the workbook's long cells
    bad = [label for label, raw in texts if tm.clean(raw).undo() != raw]
    assert bad == []


def _key(s: str) -> str:
    return "".join(re.findall(r"[\u4e00-\u9fff0-9A-Za-z]", unicodedata.normalize("NFKC", s)))


def _sentinel_files() -> dict[str, str]:
    files = {}
    csv.field_size_limit(sys.maxsize)
    for f in sorted((SHARED / "corpora" / "provincial-gwr-2026").glob("2026_*.csv")):
        with open(f, encoding="utf-8-sig", newline="") as fh:
            files[f"corpora/provincial-gwr-2026/{f.name}"] = next(csv.DictReader(fh))["full_text"]
    for f in sorted((SHARED / "corpora" / "real-speeches").glob("*.txt")):
        files[f"corpora/real-speeches/{f.name}"] = _read(f)
    for f in sorted((SHARED / "formats").glob("*.html")):
        files[f"formats/{f.name}"] = _page_text(f)
    return files


def test_no_sentinel_body_sentence_is_lost():
    sentinels = json.loads(SENTINELS.read_text(encoding="utf-8"))
    files = _sentinel_files()
    assert set(sentinels) == set(files) and sum(map(len, sentinels.values())) >= 5 * len(files)
    lost = []
    for rel, raw in files.items():
        cleaned = _key(tm.clean(raw).text)
        for s in sentinels[rel]:
            sent = raw[s["offset"]:s["offset"] + s["length"]]
            assert hashlib.sha1(sent.encode("utf-8")).hexdigest()[:12] == s["sha1"], rel
            if _key(sent) not in cleaned:
                lost.append((rel, s["offset"]))
    assert lost == []


WIDGETS = {"下载", "打印", "全屏", "收藏", "【字号：", "【字体：", "加大", "还原", "减小", "】", "相关报道：", "打印本页",
           "关闭窗口", "扫一扫在手机打开当前页", "分享到:", "首页", ">"}


def test_provincial_reports_lose_their_furniture_and_keep_their_header_as_metadata():
    files = {k: v for k, v in _sentinel_files().items() if "provincial" in k}
    out = tm.clean(tm.Corpus([tm.Document(f"p{i}", t) for i, t in enumerate(files.values())]))
    assert len(out) == 31
    for d in out:
        lines = set(d.text.split("\n"))
        assert not lines & WIDGETS, d.doc_id
        assert not re.search(r"^(?:来源|时间)[:：]|记者.{0,12}摄$", d.text, re.M), d.doc_id
        assert d.text.startswith("各位代表"), d.doc_id
        assert d.header.get("speaker") and d.header.get("occasion"), d.doc_id
    assert sum(bool(d.header.get("date")) for d in out) == 31
