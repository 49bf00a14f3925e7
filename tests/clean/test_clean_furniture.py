"""Page furniture: each kind, on handwritten pages in the style of real scrapes, with the exact record."""

from __future__ import annotations

import textmine as tm


def rows(d, *, kinds=None):
    """(kind, field, start, end, text) of each record row, in raw order."""
    r = d.record
    out = [(x.kind, x.field, x.start, x.end, x.text) for x in r.itertuples()]
    if kinds is not None:
        out = [x for x in out if x[0] in kinds]
    return sorted(out, key=lambda x: x[2])


# A page of a provincial news site: widgets, title, subtitle, provenance, speaker, caption,
# then the report, then the related-links box. Every sentence is written for this test.
FJ_PAGE = ("下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n"
           "2025年青川县政府工作报告\n"
           "——2025年1月9日在青川县第十八届人民代表大会第三次会议上\n"
           "来源：青川日报\n"
           "时间：2025-01-15\n"
           "青川县县长 周 明\n"
           "周明作政府工作报告。本报记者 林晓 摄\n"
           "各位代表：\n"
           "现在，我代表县人民政府向大会报告工作，请予审议。\n"
           "一、过去一年的工作\n"
           "过去一年，全县林下经济和乡村旅游成为新的增长点，茶叶种植面积扩大到八万亩。\n"
           "相关报道：\n")


def test_widgets_provenance_caption_header_and_related_box_exact():
    d = tm.clean(FJ_PAGE)
    assert d.text == ("各位代表：\n现在，我代表县人民政府向大会报告工作，请予审议。\n一、过去一年的工作\n"
                      "过去一年，全县林下经济和乡村旅游成为新的增长点，茶叶种植面积扩大到八万亩。")
    widgets = ["下载\n", "打印\n", "全屏\n", "收藏\n", "【字号：\n", "加大\n", "还原\n", "减小\n", "】\n"]
    starts = [0, 3, 6, 9, 12, 17, 20, 23, 26]
    assert rows(d) == (
        [("widget", "", s, s + len(w), w) for s, w in zip(starts, widgets)]
        + [("header", "title", 28, 43, "2025年青川县政府工作报告\n"),
           ("header", "occasion", 43, 75, "——2025年1月9日在青川县第十八届人民代表大会第三次会议上\n"),
           ("provenance", "", 75, 83, "来源：青川日报\n"),
           ("provenance", "", 83, 97, "时间：2025-01-15\n"),
           ("header", "speaker", 97, 107, "青川县县长 周 明\n"),
           ("caption", "", 107, 127, "周明作政府工作报告。本报记者 林晓 摄\n"),
           ("related", "", 206, 212, "相关报道：\n")])
    assert d.header == {"title": "2025年青川县政府工作报告", "occasion": "2025年1月9日在青川县第十八届人民代表大会第三次会议上",
                        "date": "2025-01-09", "speaker": "周明", "speaker_role": "青川县县长", "outlet": "青川日报",
                        "published": "2025-01-15"}
    assert d.title == "2025年青川县政府工作报告"
    assert {k: d.meta[k] for k in ("occasion", "date", "speaker")} == {
        "occasion": "2025年1月9日在青川县第十八届人民代表大会第三次会议上", "date": "2025-01-09", "speaker": "周明"}
    assert d.undo() == FJ_PAGE
    for r in d.record.itertuples():  # offsets index the raw text
        assert FJ_PAGE[r.start:r.end] == r.text


def test_breadcrumb_label_value_pairs_and_font_block():
    raw = ("您的位置:\n首页\n>\n本地要闻\n本地要闻\n2025年青川县政府工作报告\n"
           "发表时间：\n2025-01-15 08:30:00\n来源：\n青川日报客户端\n阅读量：\n【字体：\n大\n中\n小\n】\n"
           "各位代表：\n今年全县要把生态茶园建设作为富民产业来抓，新建标准化茶园一万亩。\n")
    d = tm.clean(raw)
    assert d.text == "各位代表：\n今年全县要把生态茶园建设作为富民产业来抓，新建标准化茶园一万亩。"
    got = [(k, t) for k, _, _, _, t in rows(d)]
    assert got == [("navigation", "您的位置:\n"), ("widget", "首页\n"), ("navigation", ">\n"),
                   ("navigation", "本地要闻\n"), ("navigation", "本地要闻\n"),
                   ("header", "2025年青川县政府工作报告\n"),
                   ("provenance", "发表时间：\n"), ("provenance", "2025-01-15 08:30:00\n"),
                   ("provenance", "来源：\n"), ("provenance", "青川日报客户端\n"), ("provenance", "阅读量：\n"),
                   ("widget", "【字体：\n"), ("widget", "大\n"), ("widget", "中\n"), ("widget", "小\n"),
                   ("widget", "】\n")]
    assert d.header["outlet"] == "青川日报客户端" and d.header["published"] == "2025-01-15"


def test_page_footer_links_and_repeated_summary_go():
    body = ("各位代表：\n我们要坚持把保障和改善民生放在突出位置，办好十件民生实事，让群众得到更多实惠。\n"
            "让我们在县委的坚强领导下，真抓实干，为建设美丽富裕的新青川而努力奋斗！\n")
    footer = ("责任编辑：\n王小禾\n扫一扫在手机打开当前页\n相关链接>>\n0a1b2c3d4e5f60718293a4b5c6d7e8f9:\n"
              "青川县林长制工作推进情况通报\n"
              "打印本页\n关闭窗口\n"
              "各位代表：我们要坚持把保障和改善民生放在突出位置，办好十件民生实事，让群众得到更多实惠。")
    d = tm.clean(body + footer)
    assert d.text == body.rstrip("\n")
    assert [k for k, *_ in rows(d)] == ["provenance", "provenance", "widget", "related", "related", "related",
                                        "widget", "widget", "related"]
    assert d.header["editor"] == "王小禾"


def test_site_chrome_lines_go_but_body_words_stay():
    raw = ("同志们：\n要明确承办单位和办理时限，做到群众反映的每件事都有着落。\n"
           "资料来源：\n本报告中的林业数据来自县林业局，气象数据来自县气象台。\n"
           "网站地图 | 联系我们\n主办：青川县人民政府　承办：青川县人民政府办公室\n"
           "版权所有：青川县人民政府　蜀ICP备00000000号\n")
    d = tm.clean(raw)
    assert d.text == ("同志们：\n要明确承办单位和办理时限，做到群众反映的每件事都有着落。\n资料来源：\n"
                      "本报告中的林业数据来自县林业局，气象数据来自县气象台。")
    assert [(k, t) for k, _, _, _, t in rows(d)] == [
        ("widget", "网站地图 | 联系我们\n"), ("widget", "主办：青川县人民政府　承办：青川县人民政府办公室\n"),
        ("widget", "版权所有：青川县人民政府　蜀ICP备00000000号\n")]


def test_caption_lines_with_and_without_credit():
    raw = ("青川县县长 周 明\n县长周明代表县人民政府向大会作政府工作报告。本报全媒体记者 林 晓摄\n各位代表：\n"
           "全县上下要以更加昂扬的精神状态，扎实做好今年各项工作，确保开好局起好步。\n")
    d = tm.clean(raw, header=False)
    line = "县长周明代表县人民政府向大会作政府工作报告。本报全媒体记者 林 晓摄\n"
    assert rows(d, kinds={"caption"}) == [("caption", "", 10, 10 + len(line), line)]
    raw2 = "周明作政府工作报告。\n各位代表：\n全县上下要以更加昂扬的精神状态，扎实做好今年各项工作，确保开好局起好步。"
    d2 = tm.clean(raw2)
    assert rows(d2) == [("caption", "", 0, 11, "周明作政府工作报告。\n")]
    # a first sentence that ends in 工作报告。 is the speech, not a 作报告。 caption (found by hypothesis)
    for first in ("我们听取了县长所作的政府工作报告。\n", "各级部门要切实加强宣传教育，落实工作报告。\n"):
        d3 = tm.clean(first + "各位代表：\n全县上下要扎实做好今年各项工作。")
        assert rows(d3) == [] and d3.text.startswith(first.strip())
    assert rows(tm.clean("李平向大会作报告。\n各位代表：\n全县上下要扎实做好今年各项工作。")) == [
        ("caption", "", 0, 10, "李平向大会作报告。\n")]


# A speech whose scrape lost every line break: captions are glued between paragraphs.
ONE_LINE = ("同志们：今天我们召开全县林长制工作会议，部署今年的森林防火和生态修复工作。"
            "2024年3月5日，县委书记李云在青川县林区检查森林防火工作。这是李云在瞭望塔听取护林员汇报。 本报记者 赵宁/摄"
            "第一，压实林长责任。各级林长要把巡林作为常态工作，发现问题及时交办、限时整改。"
            "各级林长要带头巡山护林。（图片来源：青川县融媒体中心）"
            "第二，加强队伍建设。要把护林员队伍建强配齐，落实好待遇保障。")


def test_caption_glued_into_a_one_line_body_leaves_a_paragraph_break():
    d = tm.clean(ONE_LINE)
    cap = "2024年3月5日，县委书记李云在青川县林区检查森林防火工作。这是李云在瞭望塔听取护林员汇报。 本报记者 赵宁/摄"
    src = "（图片来源：青川县融媒体中心）"
    s1, s2 = ONE_LINE.index(cap), ONE_LINE.index(src)
    assert rows(d) == [("caption", "", s1, s1 + len(cap), cap), ("caption", "", s2, s2 + len(src), src)]
    assert d.text == ("同志们：今天我们召开全县林长制工作会议，部署今年的森林防火和生态修复工作。\n"
                      "第一，压实林长责任。各级林长要把巡林作为常态工作，发现问题及时交办、限时整改。"
                      "各级林长要带头巡山护林。第二，加强队伍建设。要把护林员队伍建强配齐，落实好待遇保障。")
    assert d.undo() == ONE_LINE


def test_caption_between_full_width_indents():
    raw = ("同志们：\u3000\u3000今年汛期来得早，各地要提前做好防汛准备，把责任落实到每一座水库和每一段堤防。"
           "\u3000\u30006月1日，县长周明在青川河大堤检查防汛工作。 新华社记者 钱江 摄"
           "\u3000\u3000第一，要抓好隐患排查。对病险水库和险工险段要逐一登记，落实整改措施和责任人员。")
    d = tm.clean(raw)
    cap = "6月1日，县长周明在青川河大堤检查防汛工作。 新华社记者 钱江 摄"
    assert rows(d, kinds={"caption"}) == [("caption", "", raw.index(cap), raw.index(cap) + len(cap), cap)]
    assert [(k, x.new) for k, x in zip(d.record["kind"], d.record.itertuples()) if k == "paragraph"] == [
        ("paragraph", "\n"), ("paragraph", "\n")]
    assert d.text == ("同志们：\n今年汛期来得早，各地要提前做好防汛准备，把责任落实到每一座水库和每一段堤防。\n"
                      "第一，要抓好隐患排查。对病险水库和险工险段要逐一登记，落实整改措施和责任人员。")


def test_wire_and_print_trailers_and_the_study_platform_footer():
    raw = ("同志们：\n希望大家坚定信心、真抓实干，为实现全年目标任务作出新的更大贡献！"
           "（新华社青川3月8日电）《 青川日报 》（ 2024年03月09日 01 版）\n进入“学习平台”了解更多\n")
    d = tm.clean(raw)
    assert d.text == "同志们：\n希望大家坚定信心、真抓实干，为实现全年目标任务作出新的更大贡献！"
    assert [(k, t) for k, _, _, _, t in rows(d)] == [
        ("trailer", "（新华社青川3月8日电）"), ("trailer", "《 青川日报 》（ 2024年03月09日 01 版）"),
        ("trailer", "进入“学习平台”了解更多\n")]
    # the false findings they made: a newspaper as a cited document, a footer as a formula
    assert "青川日报" in set(tm.references(raw)["reference"])
    assert "青川日报" not in set(tm.references(d)["reference"])
    assert "学习平台" in set(tm.formulas(raw)["formula"]) and "学习平台" not in set(tm.formulas(d)["formula"])


def test_a_newspaper_cited_inside_a_sentence_stays():
    raw = ("同志们：\n据《青川日报》（2024年3月1日）报道，我县茶农人均增收两千元。"
           "这说明产业扶贫的路子走对了，要坚持下去。")
    assert tm.clean(raw).text == raw


def test_further_reading_box_and_what_follows_it():
    body = ("同志们：\n做好今年的禁毒工作，关键在于落实。各级各部门要按照会议部署，把各项措施抓细抓实。"
            "要把禁毒宣传教育延伸到每一所学校，让青少年远离毒品。")
    box = "\n延伸阅读\n县委召开常委会议研究部署禁毒工作\n全县禁毒宣传月活动启动\n"
    d = tm.clean(body + box)
    assert d.text == body
    assert [(k, t) for k, _, _, _, t in rows(d)] == [
        ("further_reading", "延伸阅读\n"), ("further_reading", "县委召开常委会议研究部署禁毒工作\n"),
        ("further_reading", "全县禁毒宣传月活动启动\n")]
    inline = body + "（新华社青川5月2日电）延伸阅读：县委召开常委会议研究部署禁毒工作"
    d2 = tm.clean(inline)
    assert d2.text == body
    assert [k for k, *_ in rows(d2)] == ["trailer", "further_reading"]


def test_bare_url_and_date_lines_that_head_a_scrape():
    raw = ("http://news.example.cn/article/1234567\r\n在全县乡村振兴工作会议上的讲话\r\n3/15/2024\r\n\r\n"
           "同志们：今天召开全县乡村振兴工作会议，主要任务是总结去年工作，安排部署今年的重点任务。\r\n")
    d = tm.clean(raw)
    assert d.text == "同志们：今天召开全县乡村振兴工作会议，主要任务是总结去年工作，安排部署今年的重点任务。"
    assert [(k, f, t) for k, f, _, _, t in rows(d)] == [
        ("provenance", "", "http://news.example.cn/article/1234567\r\n"),
        ("header", "title", "在全县乡村振兴工作会议上的讲话\r\n"),
        ("provenance", "", "3/15/2024\r\n")]
    assert d.header == {"title": "在全县乡村振兴工作会议上的讲话", "url": "http://news.example.cn/article/1234567",
                        "published": "2024-03-15"}
    assert d.undo() == raw


def test_source_line_and_editor_at_the_end():
    raw = ("各位代表：\n让我们团结一心、开拓进取，为全面建设社会主义现代化新青川而努力奋斗！\n"
           "（来源：青川日报）\n编辑：王小禾")
    d = tm.clean(raw)
    assert d.text == "各位代表：\n让我们团结一心、开拓进取，为全面建设社会主义现代化新青川而努力奋斗！"
    assert [(k, t) for k, _, _, _, t in rows(d)] == [("provenance", "（来源：青川日报）\n"), ("provenance", "编辑：王小禾")]


def test_labels_inside_the_body_stay():
    raw = ("同志们：\n下面我讲三点意见。\n时间：从今天起到年底。任务：完成三千亩退化林修复。\n"
           "要按时间节点倒排工期，确保每一项任务都按期完成，年底前全面验收。")
    assert tm.clean(raw).text == raw


def test_furniture_can_be_turned_off():
    d = tm.clean(FJ_PAGE, furniture=False, header=False)
    assert d.text.startswith("下载\n打印\n")
    assert [c.step for c in d.removed] == []


def test_a_sentence_after_a_url_on_its_line_is_not_a_template_line():
    # a one-line page's address before the speech's first sentence: the sentence is kept (found by hypothesis)
    text = "http://www.example.cn/a/1.html\u3000\u3000全县各级各部门要切实加强禁毒宣传教育工作。\n"
    assert "全县各级各部门要切实加强禁毒宣传教育工作。" in tm.clean(text).text
    assert tm.clean("本文来源：http://www.example.cn/a/1.html\n").text == ""
    # nor after a source label set off by a paragraph indent (the label stays: nothing of the speech is lost)
    text = "来源：青川日报\u3000\u3000全县各级各部门要切实加强禁毒宣传教育工作。\n"
    assert "全县各级各部门要切实加强禁毒宣传教育工作。" in tm.clean(text).text
    assert tm.clean("下面是小编为大家整理的讲话稿，供大家参考。\n").text == ""
