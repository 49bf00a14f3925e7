"""briefing.pptx needs no repair: every finding, 16:9, title placeholders that wrap, alt text, notes, tables."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

import textmine as tm
from textmine.report import write_pptx as wp

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def pack(tiny_files, tmp_path_factory):
    speech, corpus = tiny_files
    return tm.build_report(speech, corpus, out_dir=tmp_path_factory.mktemp("deck"),
                           formats=["png", "md", "pptx", "xlsx"], k=2, progress=False)


@pytest.fixture(scope="module")
def slides(pack):
    from pptx import Presentation

    prs = Presentation(pack.out_dir / "briefing.pptx")
    return prs, list(prs.slides)


def _finding_slides(slides):
    return [s for s in slides if s.shapes.title is not None and s.shapes.title.text.startswith("主要发现")]


def test_every_finding_of_briefing_md_is_on_the_slides(pack, slides, monkeypatch):
    _, ss = slides
    md = (pack.out_dir / "briefing.md").read_text(encoding="utf-8")
    section = md.split("## 主要发现")[1].split("\n## ")[0]
    in_md = [html.unescape(x[2:]) for x in section.splitlines() if x.startswith("- ")]  # briefing.md escapes < >
    on_slides = [p.text[2:] for s in _finding_slides(ss) for sh in s.shapes
                 if sh.has_text_frame and not sh.is_placeholder for p in sh.text_frame.paragraphs if p.text]
    assert len(in_md) == len(pack.findings) > wp.FINDINGS_PER_SLIDE  # more than one slide's worth
    assert on_slides == in_md
    assert len(_finding_slides(ss)) == -(-len(in_md) // wp.FINDINGS_PER_SLIDE)
    assert [s.shapes.title.text for s in _finding_slides(ss)][0] == f"主要发现（1/{len(_finding_slides(ss))}）"


def test_16_9_and_titles_are_wrapping_title_placeholders(slides):
    from pptx.enum.shapes import PP_PLACEHOLDER
    from pptx.util import Inches

    prs, ss = slides
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    for s in ss:
        t = s.shapes.title
        assert t is not None and t.is_placeholder
        assert t.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        assert t.text_frame.word_wrap is True
        assert t.left + t.width <= prs.slide_width and t.left >= 0
    title = ss[0].shapes.title
    assert title.text == "在全县垃圾分类工作推进会上的讲话"
    # the title slide's title is centred on the 16:9 slide, not placed for 4:3
    assert abs((title.left + title.width / 2) - prs.slide_width / 2) < Inches(0.1)


def test_chart_slides_have_takeaway_alt_text_and_notes(pack, slides):
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    _, ss = slides
    charts = [s for s in ss if any(sh.shape_type == MSO_SHAPE_TYPE.PICTURE for sh in s.shapes)]
    assert len(charts) == len(pack.charts)
    for s, (name, (title, takeaway, _)) in zip(charts, pack.charts.items()):
        assert s.shapes.title.text == takeaway
        pic = next(sh for sh in s.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE)
        descr = pic._element.nvPicPr.cNvPr.get("descr")
        assert descr and title in descr and takeaway in descr
        notes = s.notes_slide.notes_text_frame.text
        assert notes.startswith(takeaway)
    keyness = charts[list(pack.charts).index("keyness")].notes_slide.notes_text_frame.text
    assert re.search(r"与\d+篇参照讲话相比", keyness)  # the keyness finding, with its numbers


def test_duties_and_outline_are_tables_with_bounded_rows(pack, slides):
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    _, ss = slides
    res = pack.result
    tables = {}
    for s in ss:
        for sh in s.shapes:
            if sh.shape_type == MSO_SHAPE_TYPE.TABLE:
                tables.setdefault(s.shapes.title.text.split("（")[0], []).append(sh.table)
    assert set(tables) == {"部门职责分工", "讲话结构"}
    assert all(len(t.rows) <= wp.TABLE_ROWS_PER_SLIDE + 1 for ts in tables.values() for t in ts)
    assert sum(len(t.rows) - 1 for t in tables["部门职责分工"]) == len(res.duties)
    outline = [[c.text for c in r.cells] for t in tables["讲话结构"] for r in list(t.rows)[1:]]
    assert len(outline) == len(res.outline) and outline[0][2] == "开篇"
    duty_bodies = [r.cells[0].text for t in tables["部门职责分工"] for r in list(t.rows)[1:]]
    assert "城管、住建" in duty_bodies and not any(b.startswith("(") for b in duty_bodies)


def test_every_run_names_the_east_asian_font(slides):
    _, ss = slides
    runs = [r for s in ss for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs for r in p.runs]
    assert runs and all(r._r.get_or_add_rPr().find(A + "ea").get("typeface") == wp.EA_FONT == "微软雅黑"
                        for r in runs)


def test_deck_pictures_are_palettised_and_pack_pngs_unchanged(pack):
    import io
    import zipfile

    from PIL import Image

    with zipfile.ZipFile(pack.out_dir / "briefing.pptx") as z:
        media = [n for n in z.namelist() if n.startswith("ppt/media/")]
        modes = {Image.open(io.BytesIO(z.read(n))).mode for n in media}
    assert media and modes == {"P"}
    assert Image.open(pack.out_dir / "keyness.png").mode != "P"


def test_the_deck_copy_made_from_the_pixels_is_the_copy_made_from_the_file(pack, tmp_path):
    """A chart worker palettises the pixels it has just saved, not the file decoded again: the same bytes."""
    from textmine import plots
    from textmine.plots._save import _save
    from textmine.report._deckpng import palettised

    table = pd.DataFrame({"term": ["禁毒", "社区戒毒", "宣传教育"], "count": [9, 5, 3], "per_10k": [90.0, 50.0, 30.0],
                          "doc_freq": [3, 2, 1]})
    (png,), pixels = _save(plots.plot_top_terms(table), tmp_path / "top_terms", ["png"], 40)
    assert pixels is not None and pixels.mode == "RGB"  # what the worker hands to the deck
    assert palettised(pixels) == palettised(png)
    assert palettised(pixels.convert("RGBA")) == palettised(png)
    assert palettised(pack.out_dir / "keyness.png") != palettised(png)  # the bytes tell charts apart
