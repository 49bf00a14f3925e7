"""Repair joins only broken paragraphs: never furniture, headings or separate list items; indents restore breaks."""

from __future__ import annotations

import textmine as tm

LONG = "全县各级各部门要进一步提高政治站位，切实增强做好森林防灭火工作的责任感和紧迫感，坚决"


def test_a_caption_line_is_not_glued_to_the_salutation_even_with_furniture_off():
    raw = "县长周明代表县人民政府向大会作政府工作报告。本报记者 林晓 摄\n各位代表：\n现在，我代表县人民政府向大会报告工作。"
    d = tm.clean(raw, furniture=False)
    assert d.text.split("\n") == ["县长周明代表县人民政府向大会作政府工作报告。本报记者 林晓 摄", "各位代表：",
                                  "现在，我代表县人民政府向大会报告工作。"]


def test_widget_fragments_are_not_joined_together_with_furniture_off():
    raw = "下载\n打印\n【字号：\n加大\n还原\n减小\n】\n同志们：\n今天召开全县森林防火工作会议。"
    assert tm.clean(raw, furniture=False).text == raw


def test_a_long_heading_is_never_joined_to_its_body():
    heading = "（三）持续推动生态保护和修复，构建山水林田湖草沙一体化保护的新格局"
    assert len(heading) > 30
    raw = f"同志们：\n{heading}\n今年要完成营造林两万亩，退化林修复五千亩。"
    assert tm.clean(raw).text == raw


def test_a_long_line_ending_mid_sentence_is_still_rejoined():
    raw = f"同志们：\n{LONG}\n守住不发生重大森林火灾的底线。"
    assert tm.clean(raw).text == f"同志们：\n{LONG}守住不发生重大森林火灾的底线。"


def test_list_items_ending_in_semicolons_stay_separate():
    items = "1.新建高标准农田两万亩；\n2.改造提升农村公路一百公里；\n3.新增城镇就业岗位三千个。"
    assert tm.clean(items).text == items
    marked = "一是压实属地责任；\n二是强化巡查管控；\n三是加强宣传教育。"
    assert tm.clean(marked).text == marked
    # paragraphs the source separated with blank lines or indents are items, not broken lines
    spaced = "全县新建村级护林站十二个；\n\n\u3000\u3000新增专业扑火队员八十名；\n\n\u3000\u3000配备风力灭火机两百台。"
    assert tm.clean(spaced).text == "全县新建村级护林站十二个；\n新增专业扑火队员八十名；\n配备风力灭火机两百台。"


def test_a_line_broken_after_a_semicolon_is_still_rejoined():
    # the bundled speech's case: a stray line break inside one paragraph, right after ；
    raw = "公安禁毒队伍量少质弱，办案能力有待进一步提升；\n社区戒毒专职人员力量薄弱。"
    assert tm.clean(raw).text == "公安禁毒队伍量少质弱，办案能力有待进一步提升；社区戒毒专职人员力量薄弱。"


def test_full_width_indents_of_a_one_line_body_become_paragraph_breaks():
    paras = ["同志们：", "今年以来，全县上下认真落实森林防灭火责任制，没有发生较大以上森林火灾。",
             "一、关于当前的形势", "当前正值春季防火关键期，清明祭祀用火增多，野外火源管控难度加大。",
             "第一，要压实责任；第二，要管住火源。"]
    raw = "\u3000\u3000".join(paras)
    d = tm.clean(raw)
    assert d.text.split("\n") == paras
    assert [c.note for c in d.changes if c.step == "paragraphs"] == ["full-width indent to paragraph break"] * 4
    assert d.undo() == raw
    # the restored breaks are paragraphs: repair does not join them back after ；
    assert tm.clean("\u3000\u3000".join(["一是完成造林两千亩；", "二是完成抚育五千亩；", "三是新建防火通道二十公里。"])
                    ).text.count("\n") == 2


def test_one_indent_run_in_a_short_line_is_left_alone():
    raw = "省长\u3000\u3000周明\n各位代表：\n现在，我代表县人民政府向大会报告工作。"
    d = tm.clean(raw, header=False)
    assert not [c for c in d.changes if c.step == "paragraphs"]
    assert d.text.startswith("省长\u3000\u3000周明\n")


def test_paragraph_step_can_be_turned_off():
    raw = "同志们：\u3000\u3000今年要抓好三件事。\u3000\u3000第一，抓好春季防火。"
    assert tm.clean(raw, paragraphs=False).text == raw
