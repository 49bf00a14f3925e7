"""briefing.pptx: a title slide, the findings (over as many slides as they need), one chart per
slide under its takeaway, then the duties and the outline as PowerPoint tables (16:9).

Every text is editable: titles are the layouts' title placeholders (they wrap), each chart
slide carries its takeaway as text, alt text (``descr``) on its picture and speaker notes
with the finding and its numbers.

Fonts: every run names 微软雅黑 (Microsoft YaHei) as its East-Asian typeface (``a:ea``) and
the Latin font of the charts (:func:`textmine.plots.cjk_font`) as its Latin typeface.
Microsoft YaHei ships with every Windows since Vista and with Office for Mac, and PowerPoint
on a Mac without it substitutes PingFang SC for an ``a:ea`` font it lacks, so Chinese text
never falls back to a Latin font (tofu). The charts are PNG pictures and carry their own
font (Noto Sans CJK SC) drawn in. The pictures in the deck are palettised copies (256
colours, Pillow ``quantize`` with the fast octree, a third of median cut's time and a
smaller file) of the pack's PNGs, which stay as drawn; this keeps the deck small (the
charts are flat colours, so nothing visible is lost).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path
from typing import Any

from . import _deckpng
from .render import parallel_map

__all__ = ["write_pptx", "EA_FONT", "FINDINGS_PER_SLIDE", "TABLE_ROWS_PER_SLIDE"]

_A_EA = "{http://schemas.openxmlformats.org/drawingml/2006/main}ea"
EA_FONT = "微软雅黑"
"""The East-Asian typeface named by every text run of the deck (Microsoft YaHei)."""
FINDINGS_PER_SLIDE = 6
"""Findings per findings slide (at 16 pt, long findings wrap to three lines); the rest go on the next."""
TABLE_ROWS_PER_SLIDE = 8
"""Rows (below the header) of each duties / outline table slide; longer tables go on over more slides."""
MAX_CELL_CHARS = 80
"""Cells longer than this are cut with an ellipsis on the slide (the CSV and workbook keep them whole)."""
MAX_FINDINGS = FINDINGS_PER_SLIDE  # deprecated name (every finding is now shown)


def _cut(text: Any, n: int = MAX_CELL_CHARS) -> str:
    s = "、".join(map(str, text)) if isinstance(text, (tuple, list)) else ("" if text is None else str(text))
    return s if len(s) <= n else s[: n - 1] + "…"


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def _palettised_bytes(png: Path) -> bytes:
    return _deckpng.palettised(png)


def _pictures(pngs: dict[str, Path]) -> dict[str, bytes]:
    """Each chart's palettised PNG: from the cache of rendered files (keyed by the PNG's bytes) when
    it was palettised before (by the chart's worker, as a rule), else made in worker processes
    when CPUs are free (see .render) and stored."""
    from .filecache import file_cache

    store = file_cache()
    if store is None:
        return dict(zip(pngs, parallel_map(_palettised_bytes, pngs.values())))
    salt = _deckpng.salt()
    keys = {name: _deckpng.key(salt, png.read_bytes()) for name, png in pngs.items()}
    out = {name: store.get_bytes(key, "png") for name, key in keys.items()}
    todo = [name for name, data in out.items() if data is None]
    for name, data in zip(todo, parallel_map(_palettised_bytes, [pngs[n] for n in todo])):
        out[name] = data
        store.put_bytes(keys[name], "png", data)
    return out


def _widen_layouts(prs: Any, ratio: float) -> None:
    """Move the default (4:3) master's and layouts' placeholders to the 16:9 width."""
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for ph in owner.placeholders:
            if ph.left is not None and ph.width is not None:
                ph.left, ph.width = int(ph.left * ratio), int(ph.width * ratio)


def _alt_text(name: str, title: str, takeaway: str) -> str:
    return f"图表“{title}”（{name}）：{takeaway}"

_CHART_FINDING = {"top_terms": "top_terms", "wordcloud": "top_terms", "comparison_cloud": "keyness",
                  "keyness": "keyness", "topic_shares": "topics", "similar": "similar_documents",
                  "outline_map": "structure", "dispersion": "keyness", "duties": "duties"}
"""Chart name → the finding (a function of :mod:`.findings`) whose sentence and numbers its notes repeat."""


def _chart_notes(name: str, takeaway: str, result: Any) -> str:
    """Speaker notes of a chart slide: its takeaway, its finding, and the numbers it rests on."""
    from . import findings

    lines = [takeaway]
    fname = _CHART_FINDING.get(name)
    if fname is not None:
        try:
            text = getattr(findings, fname)(result)
        except (AttributeError, KeyError, IndexError, TypeError):  # a result without that table
            text = None
        if text:
            lines.append(text)
    if name == "dispersion" and getattr(result, "dispersion", None) is not None:
        counts = result.dispersion.term.value_counts()
        terms = result.dispersion.attrs.get("terms", list(counts.index))
        lines.append("图中次数按字符串出现计（含在更长词语中的出现），高频词表与主要发现按分词后的词计："
                     + "、".join(f"{t}（字符串{int(counts.get(t, 0))}次）" for t in terms))
    return "\n".join(lines)


def write_pptx(result: Any, report: Any) -> Path:
    """Write ``report.out_dir/briefing.pptx`` for a result and the pack written so far.

    Slides: the title; the findings, :data:`FINDINGS_PER_SLIDE` a slide (every finding of
    ``report.findings``, as in briefing.md); one slide per chart with a PNG (its takeaway
    as the title, the chart with alt text, the finding and numbers as speaker notes); the
    duties and the outline as tables of :data:`TABLE_ROWS_PER_SLIDE` rows a slide. Text
    names :data:`EA_FONT` as its East-Asian font (see the module docstring).

    Parameters
    ----------
    result : BriefingResult
        The speech's title, the number of corpus speeches, the duties and the outline.
    report : Report
        The findings and the charts drawn; charts without a PNG get no slide.
    """
    from pptx import Presentation
    from pptx.util import Emu, Inches, Pt

    from ..plots import cjk_font

    font = cjk_font().name
    prs = Presentation()
    ratio = Inches(13.333) / prs.slide_width
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    _widen_layouts(prs, ratio)

    def style(tf, size: int, bold: bool = False) -> None:
        for p in tf.paragraphs:
            for r in p.runs:
                r.font.size = Pt(size)
                r.font.bold = bold
                r.font.name = font
                rpr = r._r.get_or_add_rPr()
                ea = rpr.find(_A_EA)  # the East Asian typeface: without it PowerPoint may draw tofu
                if ea is None:
                    ea = rpr.makeelement(_A_EA, {})
                    rpr.append(ea)
                ea.set("typeface", EA_FONT)

    title_only = prs.slide_layouts[5]

    def titled(text: str, size: int = 28):
        slide = prs.slides.add_slide(title_only)
        t = slide.shapes.title
        t.left, t.top, t.width, t.height = Inches(0.5), Inches(0.2), Inches(12.333), Inches(1.0)
        t.text = text
        t.text_frame.word_wrap = True
        style(t.text_frame, size, bold=True)
        return slide

    title_slide = prs.slides.add_slide(prs.slide_layouts[0])
    title_slide.shapes.title.text = result.doc.title
    title_slide.shapes.title.text_frame.word_wrap = True
    title_slide.placeholders[1].text = f"文本分析简报 · 与{result.n_reference}篇参照讲话比较 · textmine"
    style(title_slide.shapes.title.text_frame, 40, bold=True)
    style(title_slide.placeholders[1].text_frame, 20)

    pages = _chunks(list(report.findings), FINDINGS_PER_SLIDE)
    for k, page in enumerate(pages, 1):
        slide = titled("主要发现" if len(pages) == 1 else f"主要发现（{k}/{len(pages)}）", 32)
        body = slide.shapes.add_textbox(Inches(0.6), Inches(1.3), Inches(12.1), Inches(5.9))
        tf = body.text_frame
        tf.word_wrap = True
        for i, item in enumerate(page):
            para = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            para.text = "• " + item
            para.space_after = Pt(6)
        style(tf, 16)

    pngs = {name: png for name, (_, _, paths) in report.charts.items()
            if (png := next((p for p in paths if p.suffix == ".png"), None)) is not None}
    pictures = _pictures(pngs)
    for name, (title, takeaway, paths) in report.charts.items():
        if name not in pictures:
            continue
        slide = titled(takeaway, 22)
        pic_h = Inches(6.05)
        pic_w = Emu(int(pic_h * 16 / 9))
        pic = slide.shapes.add_picture(io.BytesIO(pictures[name]), Emu(int((prs.slide_width - pic_w) / 2)), Inches(1.3),
                                       pic_w, pic_h)
        pic.name = f"chart {name}"
        pic._element.nvPicPr.cNvPr.set("descr", _alt_text(name, title, takeaway))
        slide.notes_slide.notes_text_frame.text = _chart_notes(name, takeaway, result)

    def table_slides(heading: str, header: list[str], rows: list[list[str]], widths: list[float]) -> None:
        pages = _chunks(rows, TABLE_ROWS_PER_SLIDE)
        for k, page in enumerate(pages, 1):
            slide = titled(heading if len(pages) == 1 else f"{heading}（{k}/{len(pages)}）", 28)
            shape = slide.shapes.add_table(len(page) + 1, len(header), Inches(0.5), Inches(1.3),
                                           Inches(sum(widths)), Inches(0.4) * (len(page) + 1))
            table = shape.table
            for j, w in enumerate(widths):
                table.columns[j].width = Inches(w)
            for j, h in enumerate(header):
                table.cell(0, j).text = h
                style(table.cell(0, j).text_frame, 14, bold=True)
            for i, row in enumerate(page, 1):
                for j, v in enumerate(row):
                    cell = table.cell(i, j)
                    cell.text = v
                    cell.text_frame.word_wrap = True
                    style(cell.text_frame, 12)

    du = getattr(result, "duties", None)
    if du is not None and len(du):
        table_slides("部门职责分工", ["部门", "职责"],
                     [[_cut(b, 40), _cut(d)] for b, d in zip(du.bodies, du.duty)], [3.0, 9.333])
    ol = getattr(result, "outline", None)
    if ol is not None and len(ol):
        table_slides("讲话结构", ["层级", "序号", "标题"],
                     [[str(int(lv)), _cut(m, 10), "开篇" if int(lv) == 0 else _cut(t)]
                      for lv, m, t in zip(ol.level, ol.marker, ol.title)], [1.2, 1.5, 9.633])
    path = Path(report.out_dir) / "briefing.pptx"
    prs.save(path)
    _fix_zip_times(path)
    return path


ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Date of every zip entry (the earliest a zip can hold): the same run gives the same bytes."""


def _fix_zip_times(path: Path, core_stamp: str | None = None) -> None:
    """Rewrite the zip at ``path`` with fixed entry times (python-pptx stamps the wall clock)."""
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            data = src.read(info)
            if core_stamp and info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + core_stamp.encode(), data)
            dst.writestr(fixed, data)
    os.replace(tmp, path)
