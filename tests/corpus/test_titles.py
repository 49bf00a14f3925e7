"""Titles found in the text: a leading 在……会议上的讲话 line, past URL and date lines; nothing else."""

from __future__ import annotations

import pytest

import textmine as tm
from textmine.corpus.titles import title_from_headings, title_from_text

from ._shared import REAL_SPEECHES, shared


@pytest.mark.parametrize("text,title", [
    ("在全县森林防火工作会议上的讲话\n同志们：", "在全县森林防火工作会议上的讲话"),
    ("\n\n  在全市优化营商环境推进会上的讲话（2023年5月8日）\n同志们：", "在全市优化营商环境推进会上的讲话（2023年5月8日）"),
    ("http://example.invalid/a/1\n张某某在全区信访工作会议上的讲话\n2021-04-02\n各位同志：",
     "张某某在全区信访工作会议上的讲话"),
    ("李某：在县委常委会研究防汛工作时的讲话\n", "李某：在县委常委会研究防汛工作时的讲话"),
    ("在全省脱贫攻坚座谈会上的讲话（2019年4月16日）同志们：今天我们召开座谈会。", "在全省脱贫攻坚座谈会上的讲话（2019年4月16日）"),
    ("简报\n第3期\n在全县森林防火工作会议上的讲话\n", "在全县森林防火工作会议上的讲话"),  # within the first lines
])
def test_speech_title_lines(text, title):
    assert title_from_text(text) == title


@pytest.mark.parametrize("text", [
    "下面是小编为大家整理的在全市会议上的讲话，供大家参考。\n正文",
    "某县政府工作报告\n——2030年1月8日在某县第九届人民代表大会第三次会议上",
    "在全县会议上的讲话中，书记强调要压实责任。",
])
def test_lines_that_are_not_titles(text):
    assert title_from_text(text) is None


def test_title_line_becomes_the_document_title_but_metadata_wins(tmp_path):
    p = tmp_path / "x1.txt"
    p.write_text("在全县安全生产工作会议上的讲话\n同志们：\n", encoding="utf-8")
    assert tm.read_document(p).title == "在全县安全生产工作会议上的讲话"
    assert tm.read_document(p, title="另定标题").title == "另定标题"
    (tmp_path / "metadata.csv").write_text("file,title\nx1.txt,元数据标题\n", encoding="utf-8")
    assert tm.read_document(p).title == "元数据标题"


def test_headings_pick_the_longest():
    assert title_from_headings(["大纲1", "", "全市防汛抗旱工作要点"]) == "全市防汛抗旱工作要点"
    assert title_from_headings([]) is None


def test_real_speeches_get_their_title_lines():
    folder = shared(REAL_SPEECHES)
    titles = {f.name: tm.read_document(f, meta={}).title for f in sorted(folder.glob("*.txt"))}
    found = [t for t in titles.values() if "讲话" in t]
    assert len(found) == 8  # 4 with URL/title/date header lines, 4 with the dated title glued to the body
    assert all(t.endswith(("讲话", "日）")) and len(t) < 60 for t in found)
    rest = [name for name, t in titles.items() if "讲话" not in t]
    assert all(titles[name] == name[:-4] for name in rest)  # no title line: the file stem
