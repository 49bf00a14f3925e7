"""Word .docx: document order, tables where they stand, text boxes, sdt, fields, tracked changes, merged cells."""

from __future__ import annotations

import re
import zipfile

import pytest

import textmine as tm
from textmine.corpus.readers import _zip
from textmine.corpus.readers.docx import read_docx
from textmine.errors import UnsupportedFormatError

from .._shared import FORMATS, docx_xml_text, make_docx, p, sentence_at, shared


def _read(path):
    return read_docx(path.read_bytes(), path)


def test_python_docx_file_keeps_paragraphs_and_table_in_order(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("同志们：")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "公安局"
    t.cell(0, 1).text = "负责缉毒执法"
    t.cell(1, 0).text = "教育局"
    t.cell(1, 1).text = "负责禁毒宣传进校园"
    d.add_paragraph("以上分工，请各单位抓好落实。")
    path = tmp_path / "talk.docx"
    d.save(path)
    doc = tm.read_document(path)
    # the table stands between the paragraphs, as in the document (it used to be moved to the end)
    assert doc.text == "同志们：\n公安局\t负责缉毒执法\n教育局\t负责禁毒宣传进校园\n以上分工，请各单位抓好落实。"
    assert doc.meta["encoding"] == "docx"


def test_heading_1_is_the_title(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("在全县森林防火工作会议上的讲话", style="Heading 1")
    d.add_paragraph("同志们：进入防火期以来，各地火险等级持续偏高。")
    path = tmp_path / "fire.docx"
    d.save(path)
    assert tm.read_document(path).title == "在全县森林防火工作会议上的讲话"


def test_longest_leading_heading_is_the_title_past_a_short_label(tmp_path):
    styles = (f'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 1"/></w:style></w:styles>')
    body = p("附件2", "2") + p("全市河湖长制工作要点", "2") + p("今年要全面完成河湖“清四乱”常态化整治。")
    path = make_docx(tmp_path / "wps.docx", body, styles=styles)
    assert _read(path).title == "全市河湖长制工作要点"


def test_nested_table_text_box_sdt_fields_and_tracked_changes(tmp_path):
    nested = ("<w:tbl><w:tr><w:tc>" + p("乡镇") + "</w:tc><w:tc>" + p("包村干部") + "</w:tc></w:tr></w:tbl>")
    textbox = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
               '<wps:wsp><wps:txbx><w:txbxContent>' + p("文本框：值班电话12345") + '</w:txbxContent></wps:txbx>'
               '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>'
               '<v:shape><v:textbox><w:txbxContent>' + p("文本框：值班电话12345") + '</w:txbxContent></v:textbox>'
               '</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    field = ('<w:p><w:r><w:t xml:space="preserve">详见第</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             '<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
             '<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页</w:t></w:r>'
             '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>（共9页）</w:t></w:r></w:fldSimple></w:p>')
    tracked = ('<w:p><w:r><w:t>要在</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>五月</w:delText></w:r>'
               '</w:del><w:ins w:id="2" w:author="a"><w:r><w:t>六月</w:t></w:r></w:ins>'
               '<w:r><w:t>底前完成排查。</w:t></w:r></w:p>')
    sdt = ('<w:sdt><w:sdtPr><w:alias w:val="单位"/></w:sdtPr><w:sdtContent>' + p("市应急管理局") +
           '</w:sdtContent></w:sdt>')
    body = (p("一、压实责任") + "<w:p><w:r><w:t>各乡镇要落实包保责任。</w:t></w:r>" + textbox + "</w:p>"
            + "<w:tbl><w:tr><w:tc>" + p("分工") + "</w:tc><w:tc>" + nested + "</w:tc></w:tr></w:tbl>"
            + field + tracked + sdt + p("二、强化保障"))
    path = make_docx(tmp_path / "rich.docx", body)
    lines = _read(path).text.split("\n")
    assert lines == ["一、压实责任", "各乡镇要落实包保责任。", "文本框：值班电话12345", "分工\t乡镇\t包村干部",
                     "详见第3页（共9页）", "要在六月底前完成排查。", "市应急管理局", "二、强化保障"]


def test_merged_cells_count_once(tmp_path):
    span = ('<w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr>' + p("全市重点项目推进表") + "</w:tc></w:tr>")
    vtop = ('<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>' + p("交通局") + "</w:tc><w:tc>"
            + p("国道改线") + "</w:tc><w:tc>" + p("六月") + "</w:tc></w:tr>")
    # a continuation cell of a vertical merge shows nothing in Word, even if it still holds a copy of the text
    vcont = ('<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>' + p("交通局") + "</w:tc><w:tc>" + p("县道提升") + "</w:tc><w:tc>"
             + p("九月") + "</w:tc></w:tr>")
    path = make_docx(tmp_path / "merged.docx", "<w:tbl>" + span + vtop + vcont + "</w:tbl>")
    text = _read(path).text
    assert text == "全市重点项目推进表\n交通局\t国道改线\t六月\n\t县道提升\t九月"
    assert text.count("全市重点项目推进表") == 1 and text.count("交通局") == 1


def test_shared_merged_cell_table_reads_each_cell_once():
    import docx

    path = shared(FORMATS / "yichun2016_zhiweibiao.docx")
    text = tm.read_document(path).text
    raw = re.sub(r"<[^>]+>", "", docx_xml_text(path))
    start = raw.index("2016年宜春")
    title = raw[start:raw.index("职位表", start) + 3]  # the title row, merged across all 11 columns
    cells = "\n".join(c.text for row in docx.Document(str(path)).tables[0].rows for c in row.cells)
    for merged in (title, "资格条件"):  # "资格条件" heads three columns
        assert cells.count(merged) > raw.count(merged)  # python-docx's row.cells repeats a merged cell
        assert text.count(merged) == raw.count(merged)  # here: as often as the document has it
    assert text.count(title) == 1


def test_shared_wps_export_with_a_null_relationship_reads():
    path = shared(FORMATS / "jiangxi2022_gongwuyuan_dagang1.docx")
    import docx

    with pytest.raises(KeyError, match="NULL"):  # what python-docx does with it
        docx.Document(str(path))
    doc = tm.read_document(path)
    raw = docx_xml_text(path)
    for prefix in ("为便于报考者充分", "常识判断主要测查"):
        assert sentence_at(raw, prefix) in doc.text
    assert doc.title.endswith("考试大纲")  # the Heading 1 title, not the 大纲1 label before it
    with pytest.warns(UserWarning, match="1 warning"):
        log = tm.load_corpus(path).log.to_frame()
    assert log.status.tolist() == ["read", "warning"]
    assert "python-docx could not open it" in log.reason.iloc[1]


def test_zip_member_size_is_bounded_before_inflating(tmp_path, monkeypatch):
    body = p("同志们：今年防汛形势复杂严峻，各级各部门要立足于防大汛、抗大灾。") * 8000
    path = make_docx(tmp_path / "big.docx", body)
    size = zipfile.ZipFile(path).getinfo("word/document.xml").file_size  # the largest member
    monkeypatch.setattr(_zip, "MAX_MEMBER_BYTES", size - 1)
    with pytest.raises(UnsupportedFormatError, match=r"big\.docx.*word/document\.xml.*inflates to.*over the .* limit"):
        tm.read_document(path)
    monkeypatch.setattr(_zip, "MAX_MEMBER_BYTES", size)
    assert tm.read_document(path).text.count("防大汛") == 8000


def test_not_a_zip_and_damaged_xml_name_the_file(tmp_path):
    bad = tmp_path / "plain.docx"
    bad.write_bytes("不是压缩包".encode())
    with pytest.raises(UnsupportedFormatError, match=r"plain\.docx.*not a valid zip"):
        tm.read_document(bad)
    broken = make_docx(tmp_path / "broken.docx", "<w:p><w:r><w:t>未闭合")
    with pytest.raises(UnsupportedFormatError, match=r"broken\.docx.*not well-formed XML"):
        tm.read_document(broken)
