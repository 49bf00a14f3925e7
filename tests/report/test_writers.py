"""The pack: CSV, charts, briefing.md and briefing.pptx — on the bundled speech and on the tiny corpus."""

from __future__ import annotations

import struct
import warnings
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

import textmine as tm
from textmine.report.write_pptx import FINDINGS_PER_SLIDE
from textmine.report import BriefingOptions, charts
from textmine.report.write_csv import csv_frame, write_csv
from textmine.report.write_markdown import write_markdown

CHARTS = ["top_terms", "wordcloud", "comparison_cloud", "keyness", "topic_shares", "similar", "outline_map",
          "dispersion", "section_heatmap", "cooccurrence", "duties", "topic_trend", "policy_instruments",
          "directive_strength", "strength_profile", "tone", "textstats", "correspondence_map"]


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def _spec(name: str) -> charts.ChartSpec:
    return next(s for s in charts.CHARTS if s.name == name)


# ----------------------------------------------------------------------------- the bundled pack

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
    assert rep.skipped == []
    assert [c.name for c in charts.CHARTS] == CHARTS == list(rep.charts)
    names = {p.name for p in rep.files}
    for c in CHARTS:
        assert f"{c}.png" in names and f"{c}.svg" not in names  # SVG only when asked for
    for t in ("outline", "enumerations", "formulas", "references", "targets", "duties", "top_terms", "keyness",
              "peer_keyness", "similar", "topics", "topic_comparison", "text_reuse_sentences"):
        assert f"{t}.csv" in names
    assert {"briefing.md", "briefing.pptx"} <= names
    assert all(p.is_file() for p in rep.files)


def test_the_bundled_charts_are_within_the_caps(packs):
    """The caps of issue 14 never cut the bundled speech's charts (14 sections, 43 speeches, 11 years)."""
    rep = packs[0][0]
    r = rep.result
    for spec in charts.CHARTS:
        table = getattr(r, spec.table)
        if table is not None:
            cut, note = charts.bounded(spec.name, table, r)
            assert cut is table and note == "", spec.name
    assert len(r.section_keywords) == 14 and len(r.dispersion.attrs["sections"]) == 13 and len(r.dispersion) == 130


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
    """Every file of the pack on disk, the PPTX included (its zip entries carry no wall-clock time)."""
    (a, _), (b, _) = packs
    files_a = sorted(str(p.relative_to(a.out_dir)) for p in a.out_dir.rglob("*") if p.is_file())
    assert files_a == sorted(str(p.relative_to(b.out_dir)) for p in b.out_dir.rglob("*") if p.is_file())
    assert "briefing.pptx" in files_a and len(files_a) == len(a.files)
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
    assert len(with_pictures) == len(CHARTS)
    assert slides[0].shapes.title.text == "在全市禁毒工作视频会议上的讲话"
    found = [s for s in slides if s.shapes.title.text.startswith("主要发现")]
    findings = " ".join(sh.text_frame.text for s in found for sh in s.shapes if sh.has_text_frame)
    assert len(found) == -(-len(rep.findings) // FINDINGS_PER_SLIDE) and "《禁毒法》（2次）" in findings
    assert all(f in findings for f in rep.findings)  # every finding, not the first nine
    heads = [s.shapes.title.text for s in with_pictures]
    assert heads == [rep.charts[c][1] for c in CHARTS]  # each chart slide is headed by its takeaway


def test_briefing_md_has_findings_with_numbers_and_every_chart(packs):
    rep, _ = packs[0]
    md = (rep.out_dir / "briefing.md").read_text(encoding="utf-8")
    assert md.startswith("# 在全市禁毒工作视频会议上的讲话")
    assert "全文分3个部分、10个小节" in md and "禁毒（54次）" in md
    for c in CHARTS:
        assert f"({c}.png)" in md


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


# ----------------------------------------------------------------------------- CSV

def test_list_cells_are_written_as_joined_text(tiny_result, tmp_path):
    paths = write_csv(tiny_result, tmp_path)
    assert [p.name for p in paths][:3] == ["ingest_log.csv", "outline.csv", "enumerations.csv"]
    duties = pd.read_csv(tmp_path / "duties.csv", encoding="utf-8-sig")
    assert duties.bodies.tolist()[:3] == ["城管、住建", "教育", "妇联"]
    formulas = pd.read_csv(tmp_path / "formulas.csv", encoding="utf-8-sig")
    assert formulas.parts.tolist() == ["绿色家庭", "一把手", "分类投放、分类收运、分类处理"]
    assert "text" not in pd.read_csv(tmp_path / "outline.csv", encoding="utf-8-sig").columns
    assert not (tmp_path / "choose_k.csv").exists()  # k was given: no coherence table


def test_csv_frame_joins_tuples_and_lists_only():
    df = pd.DataFrame({"bodies": [("公安", "民政"), ["教育"], "财政"], "n": [2, 1, 1]})
    out = csv_frame(df)
    assert out.bodies.tolist() == ["公安、民政", "教育", "财政"] and out.n.tolist() == [2, 1, 1]
    assert df.bodies.iloc[0] == ("公安", "民政")  # a copy: the result's table is untouched


# ----------------------------------------------------------------------------- options reach the charts

def _bars(fig) -> int:
    return len(fig.axes[0].patches)


@pytest.mark.parametrize("chart, option, value, bars", [
    ("top_terms", "top_terms", 3, 3),
    ("keyness", "keyness_terms", 2, 4),  # two over-used and two under-used
    ("similar", "similar_documents", 2, 2),
])
def test_each_count_option_reaches_its_chart(tiny_result, chart, option, value, bars):
    spec = _spec(chart)
    default = _bars(charts.figure(spec, tiny_result))
    small = _bars(charts.figure(spec, replace(tiny_result, options=tiny_result.options.replace(**{option: value}))))
    assert small == bars and default > bars


@pytest.mark.parametrize("chart, option, value, kwarg", [
    ("comparison_cloud", "comparison_cloud_terms", 7, "n"),
    ("comparison_cloud", "random_state", 4, "random_state"),
    ("wordcloud", "random_state", 4, "random_state"),
    ("cooccurrence", "random_state", 4, "random_state"),
])
def test_options_drawn_inside_images_reach_the_plot_function(tiny_result, monkeypatch, chart, option, value, kwarg):
    from textmine import plots

    spec = _spec(chart)
    got = {}
    monkeypatch.setattr(plots, spec.plot, lambda table, **kw: got.update(kw) or "figure")
    assert charts.figure(spec, replace(tiny_result, options=tiny_result.options.replace(**{option: value}))) == "figure"
    assert got[kwarg] == value


def test_top_terms_chart_draws_at_most_max_bars(tiny_result):
    from textmine.report.options import MAX_BARS

    r = replace(tiny_result, options=tiny_result.options.replace(top_terms=40))
    assert MAX_BARS == 20 and _bars(charts.figure(_spec("top_terms"), r)) == 20


def test_deprecated_top_reaches_the_tables_and_charts_it_names(tiny_files, tmp_path):
    speech, corpus = tiny_files
    with pytest.warns(DeprecationWarning, match=r"top=N\) is deprecated; use options=BriefingOptions"):
        rep = tm.build_report(speech, corpus, out_dir=tmp_path, formats=["csv"], top=2, k=2, progress=False)
    assert len(pd.read_csv(rep.out_dir / "top_terms.csv", encoding="utf-8-sig")) == 2
    o = rep.result.options
    assert (o.top_terms, o.keyness_terms, o.similar_documents, o.k) == (2, 2, 2, 2)
    assert [_bars(charts.figure(_spec(c), rep.result)) for c in ("top_terms", "keyness", "similar")] == [2, 4, 2]
    assert len(pd.read_csv(rep.out_dir / "keyness.csv", encoding="utf-8-sig")) == len(rep.result.keyness)  # all terms
    with pytest.raises(tm.InputError, match=r"top=0: expected a whole number >= 1"):
        tm.build_report(speech, corpus, out_dir=tmp_path, top=0)


def test_k_and_random_state_override_options(tiny_files, tmp_path):
    speech, corpus = tiny_files
    rep = tm.build_report(speech, corpus, out_dir=tmp_path, formats=["csv"], k=3, random_state=5,
                          options=BriefingOptions(k=2, top_terms=4), progress=False)
    o = rep.result.options
    assert (o.k, o.random_state, o.top_terms, rep.result.model.k) == (3, 5, 4, 3)
    with pytest.raises(tm.InputError, match="options is a dict; expected a BriefingOptions"):
        tm.build_report(speech, corpus, out_dir=tmp_path, options={"k": 2})


# ----------------------------------------------------------------------------- Markdown and PPTX on the tiny pack

@pytest.fixture(scope="module")
def tiny_pack(tiny_files, tmp_path_factory):
    speech, corpus = tiny_files
    return tm.build_report(speech, corpus, out_dir=tmp_path_factory.mktemp("tiny_pack"), formats=["png", "md", "pptx"],
                           k=2, progress=False)


def test_tiny_briefing_md(tiny_pack):
    md = (tiny_pack.out_dir / "briefing.md").read_text(encoding="utf-8")
    lines = md.splitlines()
    assert lines[:7] == ["# 在全县垃圾分类工作推进会上的讲话：文本分析简报", "", "*青溪县，2022，全县垃圾分类工作推进会*", "",
                         "参照语料：4篇讲话。以下数字均由 textmine 从讲话文本计算得出。", "", "## 主要发现"]
    assert f"- {tiny_pack.findings[0]}" in lines
    assert "### 高频词" in lines and "![高频词](top_terms.png)" in lines
    assert "## 数据表（CSV，UTF-8 带 BOM，可用 Excel 打开）" not in md  # no CSV asked for
    assert tiny_pack.skipped == [] and "## 未生成的内容" not in md


def test_briefing_md_lists_what_was_skipped(tiny_result, tmp_path):
    rep = tm.Report(tmp_path, findings=["结构：全文分1个部分。"], skipped=["chart topic_trend: no year"],
                    files=[tmp_path / "b.csv", tmp_path / "a.csv"])
    md = write_markdown(tiny_result, rep).read_text(encoding="utf-8")
    assert md.endswith("## 数据表（CSV，UTF-8 带 BOM，可用 Excel 打开）\n\n- `a.csv`\n- `b.csv`\n\n## 未生成的内容\n\n"
                       "- chart topic_trend: no year\n")


def test_tiny_briefing_pptx(tiny_pack):
    from pptx import Presentation

    slides = list(Presentation(tiny_pack.out_dir / "briefing.pptx").slides)
    assert len(tiny_pack.charts) == len(CHARTS)
    assert slides[0].placeholders[1].text == "文本分析简报 · 与4篇参照讲话比较 · textmine"
    bodies = [sh.text_frame.text for s in slides if s.shapes.title.text.startswith("主要发现")
              for sh in s.shapes if sh.has_text_frame and not sh.is_placeholder]
    assert "\n".join(bodies).split("\n") == ["• " + f for f in tiny_pack.findings]


def test_a_chart_without_its_table_is_skipped_and_said(tiny_files, tmp_path):
    speech, corpus = tiny_files
    no_years = tm.Corpus([tm.Document(d.doc_id, d.text, d.title, {k: v for k, v in d.meta.items() if k != "year"})
                          for d in tm.load_corpus(corpus)])
    doc = tm.read_document(speech)
    doc = tm.Document(doc.doc_id, doc.text, doc.title, {k: v for k, v in doc.meta.items() if k != "year"})
    rep = tm.build_report(doc, no_years, out_dir=tmp_path, formats=["md"], k=2, progress=False)
    assert rep.skipped == ["chart topic_trend: the corpus has no year metadata; a topic trend needs a 'year' column"]
    assert "topic_trend" not in rep.charts and rep.result.topic_trend is None
    assert "- chart topic_trend: the corpus has no year metadata" in (rep.out_dir / "briefing.md").read_text("utf-8")
