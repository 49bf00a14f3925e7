"""Corpus-level boilerplate: lines a source repeats across its documents; the list, the threshold, the off switch."""

from __future__ import annotations

import pytest

import textmine as tm
from textmine.clean import find_boilerplate

FOOTER = "欢迎关注青川发布微信公众号获取更多政务信息"
FORMULA = "现在，我代表县人民政府向大会报告工作，请予审议。"
BODIES = [
    "今年全县粮食总产量保持稳定，新建高标准农田两万亩，农民人均可支配收入增长百分之七。",
    "全县森林覆盖率提高到百分之六十五，空气质量优良天数比例继续保持在全省前列。",
    "全年新增城镇就业三千人，新改建农村公路一百二十公里，群众出行更加便利。",
    "县城污水处理能力提升一倍，城乡垃圾分类覆盖所有乡镇，人居环境明显改善。",
]
SHARED = "要坚持把保障和改善民生放在突出位置，让发展成果更多更公平惠及全县人民。"


def corpus(source="https://www.qingchuan.example.gov.cn/art/1.html", n=4, footer_in=4, shared_in=2):
    docs = []
    for i in range(n):
        lines = ["各位代表：", FORMULA, "一、过去一年的工作", BODIES[i % len(BODIES)]]
        if i < shared_in:
            lines.append(SHARED)
        if i < footer_in:
            lines.append(FOOTER)
        docs.append(tm.Document(f"d{i}", "\n".join(lines), meta={"source_url": source.replace("1", str(i + 1))}))
    return tm.Corpus(docs)


def test_the_list_shows_what_goes_and_what_is_kept():
    t = find_boilerplate(corpus())
    assert t[["line", "n_docs", "share", "status"]].values.tolist() == [
        ["一、过去一年的工作", 4, 1.0, "kept: heading"],
        ["各位代表：", 4, 1.0, "kept: salutation"],
        [FOOTER, 4, 1.0, "removed"],
        [FORMULA, 4, 1.0, "kept: speech sentence"],
    ]
    assert set(t["source"]) == {"www.qingchuan.example.gov.cn"} and set(t["n_source_docs"]) == {4}


def test_clean_corpus_removes_only_the_site_lines_and_records_them():
    out = tm.clean(corpus())
    for d in out:
        assert FOOTER not in d.text and FORMULA in d.text and d.text.startswith("各位代表：\n")
        raw = corpus()[d.doc_id].text
        assert d.record[["step", "kind", "start", "end", "text"]].values.tolist() == [
            ["site_boilerplate", "site_boilerplate", raw.index(FOOTER), len(raw), FOOTER]]
        assert d.undo() == raw
    # a passage two speeches share is text reuse, not furniture: it stays
    assert sum(SHARED in d.text for d in out) == 2


def test_the_step_can_be_turned_off_and_given_a_list():
    assert all(FOOTER in d.text for d in tm.clean(corpus(), site_boilerplate=False))
    one = corpus()[0]
    assert FOOTER not in tm.clean(one, site_boilerplate=[FOOTER]).text
    assert FOOTER in tm.clean(one).text  # a single document has no corpus to learn from
    table = find_boilerplate(corpus())
    assert FOOTER not in tm.clean(one, site_boilerplate=table).text
    assert FORMULA in tm.clean(one, site_boilerplate=table).text  # only the "removed" rows of the table


def test_threshold_three_documents_and_half_of_the_source():
    # in 2 of 4 documents: below the three-document minimum
    assert FOOTER not in set(find_boilerplate(corpus(footer_in=2))["line"])
    # in 3 of 8 documents: three, but under half of the source
    assert FOOTER not in set(find_boilerplate(corpus(n=8, footer_in=3))["line"])
    assert FOOTER in set(find_boilerplate(corpus(n=8, footer_in=4))["line"])
    assert FOOTER in set(find_boilerplate(corpus(n=8, footer_in=3), min_share=0.3)["line"])


def test_sources_are_counted_apart():
    a = corpus(source="https://a.example.cn/1", n=2)
    b = corpus(source="https://b.example.cn/1", n=2)
    both = tm.Corpus(list(a) + [tm.Document(f"b{d.doc_id}", d.text, meta=d.meta) for d in b])
    assert find_boilerplate(both).empty  # two documents per source: nothing reaches three


@pytest.mark.parametrize("kw, match", [({"min_docs": 1}, r"min_docs=1: expected a whole number >= 2"),
                                       ({"min_share": 2}, r"min_share=2: expected a number between 0 and 1")])
def test_bad_arguments(kw, match):
    with pytest.raises(tm.InputError, match=match):
        find_boilerplate(corpus(), **kw)


def test_bad_site_boilerplate_value():
    with pytest.raises(tm.InputError,
                       match=r"site_boilerplate='yes': expected True, False, a list of lines or a table"):
        tm.clean("同志们：", site_boilerplate="yes")
    with pytest.raises(tm.InputError, match=r"furniture='no': expected True or False"):
        tm.clean("同志们：", furniture="no")
