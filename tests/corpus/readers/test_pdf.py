"""PDF: lines re-joined, running headers and page numbers dropped, scans refused with an OCR hint."""

from __future__ import annotations

import pytest

import textmine as tm
from textmine.errors import UnsupportedFormatError

pytest.importorskip("reportlab")

HEADER = "某市人民政府办公室文件"
PARAS = [
    "在全市禁毒工作会议上的讲话",
    "同志们：",
    "这次会议的主要任务是，深入贯彻落实全省禁毒工作会议精神，总结去年以来全市禁毒工作，分析当前形势，部署下一阶段任务。",
    "一、清醒认识当前禁毒斗争形势",
    "过去一年，全市公安机关共破获毒品刑事案件一百二十余起，抓获犯罪嫌疑人一百六十余名，缴获各类毒品十余公斤，"
    "社会面吸毒人员数量持续下降，禁毒工作取得明显成效。但也要看到，合成毒品和新型毒品不断出现，网络贩毒更加隐蔽，"
    "境外毒品渗透压力依然较大，禁毒工作仍然任重道远。",
    "二、突出重点抓好各项任务落实",
    "要坚持打防并举、综合治理，严厉打击毒品违法犯罪活动，持续开展禁毒示范创建，深化易制毒化学品管控，"
    "加强吸毒人员排查管控和社区戒毒社区康复工作。各县区要结合实际，制定具体实施方案，明确时间表和路线图，"
    "确保各项任务落地见效。要把禁毒宣传教育作为治本之策，推动禁毒知识进学校、进社区、进家庭、进企业、进场所。",
    "三、切实加强组织领导",
    "各级党委政府要切实履行禁毒工作主体责任，把禁毒工作纳入经济社会发展总体规划，纳入平安建设考核内容。"
    "市禁毒委各成员单位要各司其职、密切配合，形成齐抓共管的工作格局。对工作不力、问题突出的地方，要严肃问责。",
]


def _make_pdf(path, *, cid=False, copies=4, encrypt=None):
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    if cid:
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        font = "STSong-Light"
    else:
        import mplfonts
        from reportlab.pdfbase.ttfonts import TTFont

        pdfmetrics.registerFont(TTFont("SimHei", f"{mplfonts.__path__[0]}/fonts/SimHei.ttf"))
        font = "SimHei"
    body = ParagraphStyle("body", fontName=font, fontSize=12, leading=20, firstLineIndent=24, wordWrap="CJK")

    def decorate(canvas, doc):
        canvas.setFont(font, 9)
        canvas.drawCentredString(A5[0] / 2, A5[1] - 10 * mm, HEADER)
        canvas.drawCentredString(A5[0] / 2, 8 * mm, f"— {doc.page} —")

    story = []
    for i in range(copies):
        story += [Paragraph(t, body) for t in PARAS]
        story.append(Spacer(1, 6))
    SimpleDocTemplate(str(path), pagesize=A5, topMargin=22 * mm, bottomMargin=20 * mm, encrypt=encrypt).build(
        story, onFirstPage=decorate, onLaterPages=decorate)
    return path


def _raw_pages(path):
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [p.extract_text() for p in pdf.pages]


@pytest.mark.parametrize("cid", [False, True], ids=["embedded-truetype", "adobe-cid-font"])
def test_paragraphs_rejoined_and_margins_dropped(tmp_path, cid):
    path = _make_pdf(tmp_path / "speech.pdf", cid=cid)
    raw = _raw_pages(path)
    assert len(raw) >= 3 and all(HEADER in page for page in raw)  # the file has what is to be undone
    last_lines = [page.splitlines()[-2] for page in raw[:-1]]  # the line above the page number
    assert any(not any(t.endswith(line) for t in PARAS) for line in last_lines)  # a paragraph runs on overleaf
    doc = tm.read_document(path)
    lines = doc.text.split("\n")
    assert lines == PARAS * 4  # every paragraph whole, also across page breaks; nothing else
    assert doc.title == PARAS[0]
    assert doc.meta["encoding"] == "pdf"
    log = tm.load_corpus(path).log.to_frame()
    reason = log.reason.iloc[0]
    assert f"{len(raw)} page(s); dropped {len(raw)} running header/footer line(s) and {len(raw)} page number(s)" in reason


def test_scanned_pdf_needs_ocr(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(40, 40, 500, 700, fill=1)  # ink, no text layer
    c.showPage()
    c.save()
    with pytest.raises(UnsupportedFormatError, match=r"scan\.pdf: the PDF has no text layer.*needs OCR"):
        tm.read_document(path)


def test_pages_without_text_are_reported(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(path))
    for page, text in enumerate([PARAS[3], None, PARAS[5]]):
        if text is None:
            c.rect(40, 40, 500, 700, fill=1)  # a scanned page in the middle: no text layer
        else:
            c.setFont("STSong-Light", 14)
            c.drawString(72, 700, text)
        c.showPage()
    c.save()
    with pytest.warns(UserWarning, match="1 warning"):
        corpus = tm.load_corpus(path)
    assert corpus[0].text.split("\n") == [PARAS[3], PARAS[5]]
    log = corpus.log.to_frame()
    assert log.status.tolist() == ["read", "warning"]
    assert "page(s) 2 of 3 have no text layer (scanned?): their text is missing" in log.reason.iloc[1]


def test_broken_and_encrypted_pdfs_name_the_file(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj\n")
    with pytest.raises(UnsupportedFormatError, match=r"broken\.pdf as a PDF"):
        tm.read_document(bad)
    locked = _make_pdf(tmp_path / "locked.pdf", copies=1, encrypt="secret")
    with pytest.raises(UnsupportedFormatError, match=r"locked\.pdf: the PDF is password-protected"):
        tm.read_document(locked)
