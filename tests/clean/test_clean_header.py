"""Header lines (title, occasion, date, speaker) become metadata, not body text."""

from __future__ import annotations

import pytest

import textmine as tm
from textmine.clean.header import cn_date


def fields(d):
    return [(c.note, c.old) for c in d.changes if c.step == "header"]


def test_title_subtitle_and_speaker_lines():
    raw = ("在全县安全生产工作会议上的讲话\n——2024年2月20日在青川县安全生产工作会议上\n副县长 李 平\n"
           "同志们：\n今天召开全县安全生产工作会议，主要任务是分析形势，部署今年的重点工作。\n")
    d = tm.clean(raw)
    assert d.text == "同志们：\n今天召开全县安全生产工作会议，主要任务是分析形势，部署今年的重点工作。"
    assert fields(d) == [("title", "在全县安全生产工作会议上的讲话\n"),
                         ("occasion", "——2024年2月20日在青川县安全生产工作会议上\n"), ("speaker", "副县长 李 平\n")]
    assert d.header == {"title": "在全县安全生产工作会议上的讲话", "occasion": "2024年2月20日在青川县安全生产工作会议上",
                        "date": "2024-02-20", "speaker": "李平", "speaker_role": "副县长"}
    assert d.title == "在全县安全生产工作会议上的讲话"


def test_header_glued_to_a_one_line_body():
    raw = ("在全县乡村振兴工作会议上的讲话（2023年3月2日）李平同志们：今天召开全县乡村振兴工作会议，"
           "主要任务是部署今年的重点工作。")
    d = tm.clean(raw)
    assert d.text == "同志们：今天召开全县乡村振兴工作会议，主要任务是部署今年的重点工作。"
    assert fields(d) == [("title", "在全县乡村振兴工作会议上的讲话"), ("date", "（2023年3月2日）"), ("speaker", "李平")]
    assert d.header == {"title": "在全县乡村振兴工作会议上的讲话", "date": "2023-03-02", "speaker": "李平"}


def test_title_line_then_the_same_header_glued_to_the_body():
    raw = ("http://news.example.cn/a/7\r\n李平：在全县乡村振兴工作会议上的讲话\r\n3/2/2023\r\n\r\n"
           "在全县乡村振兴工作会议上的讲话（2023年3月2日）李平各位代表，同志们：今天召开全县乡村振兴工作会议。")
    d = tm.clean(raw)
    assert d.text == "各位代表，同志们：今天召开全县乡村振兴工作会议。"
    assert d.header == {"title": "李平：在全县乡村振兴工作会议上的讲话", "date": "2023-03-02", "speaker": "李平",
                        "url": "http://news.example.cn/a/7", "published": "2023-03-02"}


def test_glued_speaker_without_a_salutation_only_when_known():
    raw = "在全国林业工作座谈会上的讲话（2019年5月6日）习近平森林是陆地生态系统的主体，林业建设要坚持生态优先。"
    d = tm.clean(raw)
    assert d.text == "森林是陆地生态系统的主体，林业建设要坚持生态优先。"
    unknown = "在全县林业工作座谈会上的讲话（2019年5月6日）张大明森林是陆地生态系统的主体，林业建设要坚持生态优先。"
    d2 = tm.clean(unknown)
    assert d2.text == "张大明森林是陆地生态系统的主体，林业建设要坚持生态优先。"  # no guessing where a name ends
    assert d2.header == {"title": "在全县林业工作座谈会上的讲话", "date": "2019-05-06"}


def test_occasion_broken_over_two_lines_and_a_chinese_numeral_date():
    raw = ("政府工作报告\n——二〇二五年一月十八日在青川县第十八届\n人民代表大会第三次会议上\n青川县县长 周明\n"
           "各位代表：\n现在，我代表县人民政府向大会报告工作，请予审议。\n")
    d = tm.clean(raw)
    assert d.text == "各位代表：\n现在，我代表县人民政府向大会报告工作，请予审议。"
    assert [f for f, _ in fields(d)] == ["title", "occasion", "occasion", "speaker"]
    assert d.header == {"title": "政府工作报告", "occasion": "二〇二五年一月十八日在青川县第十八届人民代表大会第三次会议上",
                        "date": "2025-01-18", "speaker": "周明", "speaker_role": "青川县县长"}


def test_existing_metadata_is_not_overwritten():
    doc = tm.Document("x", "在全县禁毒工作会议上的讲话\n副县长 李平\n同志们：\n要把禁毒宣传教育延伸到每一所学校和每一个村组。",
                      title="我的标题", meta={"speaker": "（保密）"})
    d = tm.clean(doc)
    assert d.title == "我的标题" and d.meta["speaker"] == "（保密）"
    assert d.header["speaker"] == "李平" and d.header["title"] == "在全县禁毒工作会议上的讲话"


def test_header_step_can_be_turned_off_and_nothing_is_taken_from_the_body():
    raw = "同志们：\n一、关于今年的工作\n今年的工作要突出重点，抓住关键环节，一项一项抓好落实。"
    assert tm.clean(raw).text == raw
    d = tm.clean("在全县禁毒工作会议上的讲话\n同志们：\n要把禁毒宣传教育延伸到每一所学校和每一个村组。", header=False)
    assert d.text.startswith("在全县禁毒工作会议上的讲话\n") and d.header == {}


@pytest.mark.parametrize("s, iso", [("2026年1月26日", "2026-01-26"), ("二〇二六年一月二十七日", "2026-01-27"),
                                    ("2026-02-09 09:45:30", "2026-02-09"), ("10/15/2015", "2015-10-15"),
                                    ("2026年02月10日 07时41分", "2026-02-10"), ("二〇二六年十二月三十一日", "2026-12-31"),
                                    ("2026年13月1日", ""), ("明天", "")])
def test_cn_date(s, iso):
    assert cn_date(s) == iso
