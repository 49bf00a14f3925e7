"""Compare pypdf, pdfplumber and PyMuPDF on Chinese PDFs made here (why textmine reads PDF with pdfplumber).

Makes three kinds of Chinese PDF from one handwritten speech (three pages, a running header,
page numbers ``— N —``, paragraphs wrapped by the layout):

- ``reportlab-ttf``: reportlab with an embedded TrueType subset (SimHei from mplfonts), the usual
  case of a PDF exported from Word or WPS;
- ``reportlab-cid``: reportlab with the non-embedded Adobe CID font STSong-Light
  (UniGB-UCS2-H), as older government PDFs use;
- ``libreoffice``: a .docx converted by ``soffice --convert-to pdf`` (only when soffice is on the PATH).

For each reader that is installed it prints: seconds per file, the share of the speech's
Han characters recovered in order (difflib ratio on Han characters only, 1.0 = all, in
order), the number of ``(cid:N)`` or U+FFFD placeholders (characters it could not map), how often
the running header is kept, how many lines are pieces of a paragraph broken by the layout, and how
many spaces it put between two Chinese characters (the text is justified, so glyphs are spaced out).
textmine's own reader (``textmine.corpus.readers.pdf``) is measured too: it should be
exact and drop the running header and the page numbers.

Usage: python benchmarks/compare_pdf_readers.py  (needs reportlab; pypdf/pdfplumber/pymupdf optional)
"""

from __future__ import annotations

import difflib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARAS = [
    "同志们：",
    "今天召开全市安全生产工作会议，主要任务是总结去年工作，分析当前形势，部署今年任务。刚才，几位同志作了发言，讲得都很好，我完全同意。下面，我讲三点意见。",
    "一、认清形势，切实增强做好安全生产工作的责任感",
    "过去一年，全市各级各部门坚持人民至上、生命至上，扎实开展隐患排查治理，事故起数和死亡人数实现双下降，全市安全生产形势总体平稳。同时也要清醒看到，我市正处于工业化城镇化快速发展阶段，危险化学品、道路交通、建筑施工等领域风险交织叠加，一些企业主体责任落实不到位，基层监管力量薄弱的问题依然存在，稍有松懈就可能酿成大祸。",
    "二、突出重点，全力防范化解重大安全风险",
    "要聚焦危险化学品、矿山、消防、道路交通、城镇燃气等重点行业领域，深入开展安全生产治本攻坚三年行动。各县区要在六月底前完成辖区内重大危险源的全面排查，建立问题清单、责任清单和整改清单，做到底数清、情况明。对排查发现的重大事故隐患，要实行挂牌督办，限期整改到位，整改不到位的坚决停产停业。",
    "三、压实责任，确保各项措施落地见效",
    "各级党委政府要把安全生产摆在更加突出的位置，党政主要负责同志要亲自研究、亲自部署。应急管理部门要发挥综合监管作用，各行业主管部门要按照管行业必须管安全、管业务必须管安全、管生产经营必须管安全的要求，把责任落实到岗位、落实到人头。对责任不落实、工作不到位导致发生事故的，要依法依规严肃追责问责。",
    "同志们，安全生产责任重于泰山。让我们以更加务实的作风、更加有力的举措，守牢安全底线，为全市经济社会高质量发展营造安全稳定的环境。",
]
HEADER = "某市人民政府办公室"
SPEECH = "\n".join(PARAS)
_HAN = re.compile(r"[\u3400-\u9fff]")


def _font_dir() -> Path | None:
    try:
        import mplfonts
    except ImportError:
        return None
    return Path(mplfonts.__file__).parent / "fonts"


def make_reportlab(path: Path, *, cid: bool, n_copies: int = 3) -> None:
    """Three pages: the speech n_copies times, a running header and — N — page numbers."""
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    if cid:
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        font = "STSong-Light"
    else:
        from reportlab.pdfbase.ttfonts import TTFont

        pdfmetrics.registerFont(TTFont("SimHei", str(_font_dir() / "SimHei.ttf")))
        font = "SimHei"
    # justified (两端对齐), as official documents are: glyphs are spaced out to fill each line
    body = ParagraphStyle("body", fontName=font, fontSize=14, leading=24, firstLineIndent=28, wordWrap="CJK",
                          alignment=TA_JUSTIFY)

    def decorate(canvas, doc):
        canvas.setFont(font, 10)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 15 * mm, HEADER)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"— {doc.page} —")

    story = []
    for i in range(n_copies):
        story += [Paragraph(p, body) for p in PARAS]
        if i < n_copies - 1:
            story.append(PageBreak())
    SimpleDocTemplate(str(path), pagesize=A4, topMargin=30 * mm, bottomMargin=25 * mm).build(
        story, onFirstPage=decorate, onLaterPages=decorate)


def make_libreoffice(path: Path, tmp: Path) -> bool:
    soffice = shutil.which("soffice")
    fonts = _font_dir()
    if soffice is None or fonts is None:
        return False
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    d = docx.Document()
    for p in PARAS:
        para = d.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        para.paragraph_format.first_line_indent = Pt(28)
        run = para.add_run(p)
        run.font.size = Pt(14)
        run.font.name = "SimHei"
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "SimHei")
    src = tmp / "lo.docx"
    d.save(src)
    conf = tmp / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><dir>{fonts}</dir>'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include></fontconfig>')
    env = dict(os.environ, FONTCONFIG_FILE=str(conf))
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/lo-profile", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(tmp), str(src)], env=env, check=True,
                   capture_output=True, timeout=180)
    (tmp / "lo.pdf").rename(path)
    return True


def read_pypdf(path: Path) -> str:
    import pypdf

    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)


def read_pdfplumber(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def read_pymupdf(path: Path) -> str:
    import pymupdf

    with pymupdf.open(str(path)) as doc:
        return "\n".join(page.get_text() for page in doc)


def read_textmine(path: Path) -> str:
    from textmine.corpus.readers.pdf import read_pdf

    return read_pdf(path.read_bytes(), path).text


READERS = {"pypdf": ("pypdf", read_pypdf), "pdfplumber": ("pdfplumber", read_pdfplumber),
           "pymupdf": ("pymupdf", read_pymupdf), "textmine": ("textmine", read_textmine)}


def han_ratio(expected: str, got: str) -> float:
    a, b = "".join(_HAN.findall(expected)), "".join(_HAN.findall(got))
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        pdfs = {}
        for kind, cid in (("reportlab-ttf", False), ("reportlab-cid", True)):
            pdfs[kind] = tmp / f"{kind}.pdf"
            make_reportlab(pdfs[kind], cid=cid)
        if make_libreoffice(tmp / "libreoffice.pdf", tmp):
            pdfs["libreoffice"] = tmp / "libreoffice.pdf"
        print(f"{'pdf':<15} {'reader':<11} {'s/file':>7} {'han ratio':>9} {'unmapped':>8} {'header kept':>11} "
              f"{'broken lines':>12} {'spaces':>6}")
        for kind, path in pdfs.items():
            copies = 1 if kind == "libreoffice" else 3
            expected = "\n".join([SPEECH] * copies)
            for name, (module, fn) in READERS.items():
                if module != "textmine" and importlib.util.find_spec(module) is None:
                    print(f"{kind:<15} {name:<11} (not installed)")
                    continue
                t0 = time.perf_counter()
                try:
                    fn(path)
                except ImportError as err:
                    print(f"{kind:<15} {name:<11} (not available: {err})")
                    continue
                reps = 3
                for _ in range(reps):
                    text = fn(path)
                dt = (time.perf_counter() - t0) / reps
                ratio = han_ratio(expected, text.replace(HEADER, ""))
                spaces = len(re.findall(r"(?<=[\u4e00-\u9fff，。、；：]) +(?=[\u4e00-\u9fff，。、；：])", text))
                unmapped = len(re.findall(r"\(cid:\d+\)", text)) + text.count("\ufffd")
                # a paragraph line that does not end a paragraph: the layout broke it
                lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
                broken = sum(1 for ln in lines if ln not in PARAS and ln != HEADER and not re.fullmatch(r"[—\-\s\d]+", ln))
                print(f"{kind:<15} {name:<11} {dt:7.3f} {ratio:9.4f} {unmapped:8d} "
                      f"{text.count(HEADER):11d} {broken:12d} {spaces:6d}")


if __name__ == "__main__":
    main()
