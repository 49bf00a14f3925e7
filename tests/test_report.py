"""The briefing pack and the ``textmine`` command: files, slides, 16:9 PNGs, determinism, clear errors."""

from __future__ import annotations

import struct
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

import textmine as tm
from textmine.cli import main

CHARTS = ["top_terms", "wordcloud", "comparison_cloud", "keyness", "topic_shares", "similar", "outline_map",
          "dispersion", "section_heatmap", "cooccurrence", "duties", "topic_trend"]


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


@pytest.fixture(scope="module")
def packs(tmp_path_factory):
    """The bundled pack, written twice into two folders (with warnings recorded)."""
    out = []
    for i in range(2):
        d = tmp_path_factory.mktemp(f"pack{i}")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            rep = tm.build_report(out_dir=d, progress=False)
        out.append((rep, caught))
    return out


def test_pack_has_every_chart_table_and_briefing(packs):
    rep, _ = packs[0]
    assert rep.out_dir.name == "xshi_jindu_2021"
    # the corpus folder's reuse_truth.csv is listed as not a table of documents, and nothing else is skipped
    assert [s for s in rep.skipped if "reuse_truth.csv" not in s] == [] and len(rep.skipped) == 1
    names = {p.name for p in rep.files}
    for c in CHARTS:
        assert f"{c}.png" in names and f"{c}.svg" in names
    for t in ("outline", "enumerations", "formulas", "references", "targets", "duties", "top_terms", "keyness",
              "peer_keyness", "similar", "topics", "theme_comparison", "text_reuse_sentences"):
        assert f"{t}.csv" in names
    assert {"briefing.md", "briefing.pptx"} <= names
    assert all(p.is_file() for p in rep.files)


def test_csvs_are_utf8_with_bom_and_readable(packs):
    rep, _ = packs[0]
    raw = (rep.out_dir / "references.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    refs = pd.read_csv(rep.out_dir / "references.csv", encoding="utf-8-sig")
    assert refs.set_index("reference").loc["禁毒法", "count"] == 2 and len(refs) == 6
    sim = pd.read_csv(rep.out_dir / "similar.csv", encoding="utf-8-sig")
    assert sim.policy_area.head(5).tolist() == ["禁毒"] * 5


def test_pngs_are_16_9_and_wide(packs):
    rep, _ = packs[0]
    pngs = [p for p in rep.files if p.suffix == ".png"]
    assert len(pngs) == len(CHARTS)
    for p in pngs:
        w, h = _png_size(p)
        assert w >= 1600 and abs(w / h - 16 / 9) < 0.01, (p.name, w, h)


def test_second_run_is_byte_identical(packs):
    (a, _), (b, _) = packs
    files_a = sorted(p.name for p in a.files if p.suffix in (".csv", ".png"))
    assert files_a == sorted(p.name for p in b.files if p.suffix in (".csv", ".png"))
    different = [n for n in files_a if (a.out_dir / n).read_bytes() != (b.out_dir / n).read_bytes()]
    assert different == []


def test_no_missing_glyph_warnings(packs):
    for _, caught in packs:
        glyph = [str(w.message) for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)]
        assert glyph == []


def test_pptx_has_title_findings_and_chart_slides(packs):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    rep, _ = packs[0]
    prs = Presentation(rep.out_dir / "briefing.pptx")
    slides = list(prs.slides)
    with_pictures = [s for s in slides if any(sh.shape_type == MSO_SHAPE_TYPE.PICTURE for sh in s.shapes)]
    assert len(slides) >= 10 and len(with_pictures) >= 8
    assert slides[0].shapes.title.text == "在全市禁毒工作视频会议上的讲话"
    findings = " ".join(sh.text_frame.text for sh in slides[1].shapes if sh.has_text_frame)
    assert "主要发现" in findings and "《禁毒法》（2次）" in findings


def test_briefing_md_has_findings_with_numbers_and_every_chart(packs):
    rep, _ = packs[0]
    md = (rep.out_dir / "briefing.md").read_text(encoding="utf-8")
    assert md.startswith("# 在全市禁毒工作视频会议上的讲话")
    assert "全文分3个部分、10个小节" in md and "禁毒（54次）" in md
    for c in CHARTS:
        assert f"({c}.png)" in md


def test_cli_on_a_work_report_against_the_others(tmp_path, capsys):
    from conftest import GWR_DIR, gwr_files

    files = gwr_files()
    speech = files[-1]  # 2017
    code = main(["report", str(speech), "--corpus", str(GWR_DIR), "--out", str(tmp_path), "--formats",
                 "png,csv,md", "--k", "8", "--quiet"])
    out = capsys.readouterr()
    assert code == 0, out.err
    pack = tmp_path / speech.stem
    sim = pd.read_csv(pack / "similar.csv", encoding="utf-8-sig")
    assert speech.stem not in sim.doc_id.tolist() and len(sim) == len(files) - 1
    assert sim.doc_id.iloc[0].startswith("2016")  # the nearest report is the previous year's
    assert (pack / "keyness.png").is_file() and (pack / "briefing.md").is_file()
    assert "wrote" in out.out


@pytest.mark.parametrize("case", ["missing", "unreadable", "empty_corpus", "no_chinese", "bad_format"])
def test_cli_bad_input_one_line_error(tmp_path, capsys, case):
    speech = tm.BUNDLED_SPEECH
    corpus = tm.BUNDLED_CORPUS
    extra: list[str] = []
    if case == "missing":
        speech = tmp_path / "nope.txt"
        expect = "no such file"
    elif case == "unreadable":
        speech = tmp_path / "bad.txt"
        speech.write_bytes(b"\x80\xff\xfe\xfa" * 4)
        expect = "cannot decode"
    elif case == "empty_corpus":
        corpus = tmp_path / "empty"
        corpus.mkdir()
        expect = "corpus is empty"
    elif case == "no_chinese":
        speech = tmp_path / "en.txt"
        speech.write_text("This speech has no Chinese in it.", encoding="utf-8")
        expect = "has no Chinese text"
    else:
        extra = ["--formats", "png,gif"]
        expect = "formats="
    code = main(["report", str(speech), "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--quiet", *extra])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("textmine: error: ") and expect in err
    assert "Traceback" not in err


def test_debug_shows_the_traceback(tmp_path):
    with pytest.raises(FileNotFoundError):
        main(["report", str(tmp_path / "nope.txt"), "--debug", "--quiet"])


def test_python_dash_m_textmine_runs():
    res = subprocess.run([sys.executable, "-m", "textmine", "report", "--help"], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 0 and "--corpus" in res.stdout and "--formats" in res.stdout


def test_corpus_files_without_chinese_are_reported_not_dropped_silently(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("c01_jindu.txt", "c05_jindu.txt", "c15_anquan.txt"):
        (corpus / name).write_bytes((tm.BUNDLED_CORPUS / name).read_bytes())
    (corpus / "english.txt").write_text("No Chinese here.", encoding="utf-8")
    rep = tm.build_report(corpus=corpus, out_dir=tmp_path / "out", formats=["csv"], k=2, progress=False)
    assert any("english.txt" in s and "no Chinese text" in s for s in rep.skipped)
    log = pd.read_csv(rep.out_dir / "ingest_log.csv", encoding="utf-8-sig")
    rows = log[log.path.map(lambda p: Path(p).name) == "english.txt"]
    assert rows.status.tolist() == ["read", "skipped"]  # read, then left out, and said so
