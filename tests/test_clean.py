"""Cleaning: each step, the change record, reversibility, and the bundled speech's boilerplate."""

from __future__ import annotations

import pytest

import textmine as tm
from textmine.clean import STEPS


def test_bundled_boilerplate_line_is_removed_and_reported(speech, cleaned):
    first_line = speech.text.splitlines(keepends=True)[0]
    assert first_line.startswith("下面是小编为大家整理的")
    assert [(c.step, c.start, c.end, c.old) for c in cleaned.removed] == [
        ("boilerplate", 0, len(first_line), first_line)]
    assert cleaned.text.startswith("同志们：\n今天会议是经请示市委")
    assert "小编" not in cleaned.text


def test_bundled_speech_lines_broken_after_semicolons_are_rejoined(cleaned):
    assert "有待进一步提升；社会化办公室建设进展缓慢" in cleaned.text
    assert "力量薄弱；戒毒康复人员帮扶安置" in cleaned.text
    lines = cleaned.text.split("\n")
    assert lines[:2] == ["同志们：", lines[1]] and lines[1].startswith("今天会议")
    assert "一、认识要再提高" in lines and "三、组织领导要再加强" in lines
    assert [l[:4] for l in lines if l.startswith("（")] == [
        "（一）禁", "（二）禁", "（三）禁", "（四）禁", "（一）全", "（二）全", "（三）全", "（一）进", "（二）进", "（三）进"]


def test_undo_returns_raw_and_raw_body(speech, cleaned):
    assert cleaned.undo() == speech.text
    body = cleaned.undo(steps=[s for s in STEPS if s != "boilerplate"])
    assert body == speech.text.split("\n", 1)[1]
    assert cleaned.raw == speech.text
    assert speech.text.startswith("下面是")  # the input Document is untouched


def test_normalisation_exact():
    raw = "\u200b（１）２０２１年,全市(乡镇)查获ＡＢｃ案件1,000起;10:30开会!\n\n\n  下一段?\n"
    d = tm.clean(raw)
    assert d.text == "（1）2021年，全市（乡镇）查获ABc案件1,000起；10:30开会！\n下一段？"
    assert d.undo() == raw
    steps = d.changes_frame().groupby("step").size().to_dict()
    assert steps == {"zero_width": 1, "width": 3, "punctuation": 6, "whitespace": 3}


def test_a_change_is_a_slotted_record_and_the_frame_lists_its_fields():
    d = tm.clean("全市查获案件１２起。\n\n\n下一段。")
    change = d.changes[0]
    assert not hasattr(change, "__dict__")  # slots: a 100× corpus holds over a million of them
    frame = d.changes_frame()
    assert list(frame.columns) == ["step", "start", "end", "old", "new", "out_start", "note", "kind"]
    assert frame[["step", "old", "new"]].values.tolist() == [["width", "１２", "12"], ["whitespace", "\n\n\n", "\n"]]


def test_paren_markers_unify():
    assert tm.clean("(一)加强领导").text == tm.clean("（一）加强领导").text == "（一）加强领导"


def test_steps_can_be_turned_off():
    raw = "下面是小编为大家整理的讲话，供大家参考。\n(一)加强领导;\n落实责任。"
    assert tm.clean(raw, boilerplate=False, repair=False).text == (
        "下面是小编为大家整理的讲话，供大家参考。\n（一）加强领导；\n落实责任。")
    assert tm.clean(raw, punctuation=False).text == "(一)加强领导;落实责任。"
    assert tm.clean(raw, punctuation=False, repair=False).text == "(一)加强领导;\n落实责任。"
    assert tm.clean(raw).text == "（一）加强领导；落实责任。"


@pytest.mark.parametrize("footer", [
    "以上就是本站为您整理的禁毒工作会议讲话全部内容。",
    "本文来源：某某范文网",
    "文章来源：www.example.com",
])
def test_footers_are_removed(footer):
    raw = f"同志们：\n要抓好禁毒工作。\n{footer}\n"
    d = tm.clean(raw)
    assert d.text == "同志们：\n要抓好禁毒工作。"
    assert [c.old.strip() for c in d.removed] == [footer]


def test_speech_closing_is_not_boilerplate():
    raw = "同志们：\n要抓好禁毒工作。\n以上是我讲的几点意见，希望大家认真抓好落实。"
    assert tm.clean(raw).text == raw


def test_wiki_licence_footer_and_split_links():
    raw = ("各位代表：\n现在，我代表国务院，向大会报告\n政府工作\n。请予审议。\n\n\n\n"
           "一、工作回顾\n过去一年成绩显著。\n\n\n本作品是中华人民共和国的\n法律\n、\n法规\n，属于\n公有领域\n。"
           "\n\nPublic domain\nPublic domain\nfalse\nfalse")
    d = tm.clean(raw)
    assert d.text == "各位代表：\n现在，我代表国务院，向大会报告政府工作。请予审议。\n一、工作回顾\n过去一年成绩显著。"
    assert d.removed[0].note == "licence footer" and d.removed[0].old.startswith("本作品是")
    assert d.undo() == raw


def test_clean_corpus_returns_corpus_and_rejects_bad_input():
    c = tm.Corpus([tm.Document("a", "(一)禁毒"), tm.Document("b", "安全;生产")])
    out = tm.clean(c)
    assert isinstance(out, tm.Corpus) and out.texts == ["（一）禁毒", "安全；生产"]
    with pytest.raises(tm.InputError, match="doc must be a Document, Corpus or str, got int"):
        tm.clean(3)
    with pytest.raises(tm.InputError, match=r"steps=\['nope'\]"):
        out[0].undo(steps=["nope"])


def test_clean_is_idempotent(cleaned):
    again = tm.clean(cleaned)
    assert again.text == cleaned.text and again.undo() == cleaned.raw


def test_wikisource_reports_clean_and_undo_exactly():
    from conftest import wiki_records

    for rec in wiki_records():
        d = tm.clean(tm.Document.from_text(rec["content"]))
        assert d.undo() == rec["content"]
        assert "Public domain" not in d.text and "本作品是" not in d.text[-3000:]
        assert "\n\n" not in d.text and "\u200b" not in d.text
