"""Saved web pages: the article only, paragraphs kept, the declared encoding honoured, the page's title."""

from __future__ import annotations

import pytest

import textmine as tm
from textmine.errors import EmptyDocumentError

from .._shared import FORMATS, sentence_at, shared

FURNITURE = ("网站首页", "政务公开", "版权所有", "ICP备", "返回顶部", "关闭本页", "function", "var ")

ARTICLE = [
    "今年以来，全县上下坚持把防汛抗旱作为头等大事来抓，提前部署、压实责任，确保了安全度汛。",
    "各乡镇要立即组织力量，对辖区内的山塘水库、地质灾害隐患点开展拉网式排查，发现问题立即整改。",
    "县水利局、县应急管理局要加强会商研判，及时发布预警信息，做到早发现、早预警、早处置。",
]


def _page(charset: str = "utf-8", meta: str | None = None) -> str:
    head = meta if meta is not None else f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    paras = "".join(f"<p>{s}</p>" for s in ARTICLE)
    return (f"<html><head>{head}<title>某县人民政府 | 全县防汛工作情况通报</title>"
            "<script>var nav = function () { return '网站首页'; };</script></head><body>"
            '<div class="nav"><a href="/">网站首页</a> <a href="/gk">政务公开</a> <a href="/hd">政民互动</a></div>'
            '<div class="sidebar"><ul><li><a href="/1">热点专题</a></li><li><a href="/2">领导之窗</a></li></ul></div>'
            f'<div class="article"><h1>全县防汛工作情况通报</h1>{paras}'
            "<table><tr><td>乡镇</td><td>排查隐患</td></tr><tr><td>城关镇</td><td>12处</td></tr></table></div>"
            '<div class="footer">版权所有：某县人民政府 赣ICP备00000000号 <a href="#">返回顶部</a></div>'
            "</body></html>")


def test_article_without_the_page_furniture(tmp_path):
    path = tmp_path / "notice.html"
    path.write_text(_page(), encoding="utf-8")
    doc = tm.read_document(path)
    lines = doc.text.split("\n")
    for s in ARTICLE:
        assert s in lines  # each paragraph on its own line
    assert "城关镇" in doc.text  # the article's table
    for junk in FURNITURE + ("热点专题", "领导之窗"):
        assert junk not in doc.text, junk
    assert doc.title == "全县防汛工作情况通报"
    assert doc.meta["encoding"] == "html (utf-8)"


@pytest.mark.parametrize("charset", ["gbk", "gb2312", "GB18030"])
def test_declared_chinese_charset_is_honoured(tmp_path, charset):
    path = tmp_path / "notice.htm"
    path.write_bytes(_page(charset).encode("gb18030"))
    doc = tm.read_document(path)
    assert ARTICLE[1] in doc.text
    assert doc.meta["encoding"] == "html (gb18030)"


def test_wrong_declared_charset_is_reported_and_the_page_still_reads(tmp_path):
    path = tmp_path / "notice.shtml"
    path.write_bytes(_page("utf-8").encode("gbk"))  # says UTF-8, is GBK
    with pytest.warns(UserWarning, match="1 warning"):
        c = tm.load_corpus(path)
    assert ARTICLE[0] in c[0].text
    log = c.log.to_frame()
    assert "declares charset 'utf-8' but is not in it; read as gb18030" in log.reason.iloc[-1]


def test_mhtml_archive(tmp_path):
    import base64

    body = base64.encodebytes(_page("utf-8").encode("utf-8")).decode("ascii")
    mhtml = ("From: <Saved by Blink>\r\nSubject: notice\r\nMIME-Version: 1.0\r\n"
             'Content-Type: multipart/related; type="text/html"; boundary="----B"\r\n\r\n'
             "------B\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n"
             f"Content-Location: http://example.invalid/notice.html\r\n\r\n{body}\r\n------B--\r\n")
    path = tmp_path / "notice.mhtml"
    path.write_text(mhtml, encoding="ascii")
    doc = tm.read_document(path)
    assert ARTICLE[2] in doc.text and "网站首页" not in doc.text


def test_page_without_an_article_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>首页</title></head><body><div class='nav'><a href='/'>首页</a></div>"
                    "</body></html>", encoding="utf-8")
    with pytest.raises(EmptyDocumentError, match=r"empty\.html is a web page with no article text"):
        tm.read_document(path)


@pytest.mark.parametrize("name,prefixes", [
    ("wanzai2015_tongjigongbao.html", ("国民经济继续健康", "职工工资收入增加")),
    ("yichun2022_tongjigongbao.html", ("初步核算，全年实", "7.万元GDP")),
])
def test_shared_government_pages(name, prefixes):
    path = shared(FORMATS / name)
    raw = path.read_text(encoding="utf-8")
    doc = tm.read_document(path)
    for prefix in prefixes:
        assert sentence_at(raw, prefix) in doc.text
    for junk in FURNITURE:
        assert junk not in doc.text, junk
    assert "统计公报" in doc.title and "|" not in doc.title and "宜春" not in doc.title[-4:]
    assert doc.text.count("\n") >= 30  # paragraphs kept
