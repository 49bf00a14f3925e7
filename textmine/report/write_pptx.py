"""briefing.pptx: a title slide, a findings slide, then one chart per slide under its takeaway (16:9)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Any

__all__ = ["write_pptx"]

_A_EA = "{http://schemas.openxmlformats.org/drawingml/2006/main}ea"
MAX_FINDINGS = 9
"""Findings on the findings slide (more do not fit at 14 pt)."""


def write_pptx(result: Any, report: Any) -> Path:
    """Write ``report.out_dir/briefing.pptx`` for a result and the pack written so far.

    Parameters
    ----------
    result : BriefingResult
        The speech's title and the number of corpus speeches.
    report : Report
        The findings and the charts drawn; charts without a PNG get no slide.
    """
    from pptx import Presentation
    from pptx.util import Emu, Inches, Pt

    from ..plots import cjk_font

    font = cjk_font().name
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)

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
                ea.set("typeface", font)

    title_slide = prs.slides.add_slide(prs.slide_layouts[0])
    title_slide.shapes.title.text = result.doc.title
    title_slide.placeholders[1].text = f"文本分析简报 · 与{result.n_reference}篇参照讲话比较 · textmine"
    style(title_slide.shapes.title.text_frame, 40, bold=True)
    style(title_slide.placeholders[1].text_frame, 20)

    blank = prs.slide_layouts[6]
    slide = prs.slides.add_slide(blank)
    box = slide.shapes.add_textbox(Inches(0.6), Inches(0.3), Inches(12.1), Inches(0.9))
    box.text_frame.text = "主要发现"
    style(box.text_frame, 32, bold=True)
    body = slide.shapes.add_textbox(Inches(0.6), Inches(1.2), Inches(12.1), Inches(6.0))
    tf = body.text_frame
    tf.word_wrap = True
    for i, item in enumerate(report.findings[:MAX_FINDINGS]):
        para = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        para.text = "• " + item
    style(tf, 14)

    for _title, takeaway, paths in report.charts.values():
        png = next((p for p in paths if p.suffix == ".png"), None)
        if png is None:
            continue
        slide = prs.slides.add_slide(blank)
        head = slide.shapes.add_textbox(Inches(0.5), Inches(0.15), Inches(12.3), Inches(0.6))
        head.text_frame.text = takeaway
        style(head.text_frame, 22, bold=True)
        pic_h = Inches(6.55)
        pic_w = Emu(int(pic_h * 16 / 9))
        slide.shapes.add_picture(str(png), Emu(int((prs.slide_width - pic_w) / 2)), Inches(0.85), pic_w, pic_h)
    path = Path(report.out_dir) / "briefing.pptx"
    prs.save(path)
    _fix_zip_times(path)
    return path


ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Date of every zip entry (the earliest a zip can hold): the same run gives the same bytes."""


def _fix_zip_times(path: Path) -> None:
    """Rewrite the zip at ``path`` with fixed entry times (python-pptx stamps the wall clock)."""
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info))
    os.replace(tmp, path)
