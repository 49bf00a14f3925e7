"""Policy instruments by department, from the directives of a speech."""

from __future__ import annotations

import pytest

import textmine as tm
from textmine.errors import InputError
from textmine.instruments import INSTRUMENT_SIDES, directives

# Handwritten, in the style of a work-conference speech (the same text in tests/test_strength.py).
SPEECH = ("同志们：\n"
          "一、明确责任\n"
          "各乡镇要加强禁毒宣传教育，必须把禁毒工作纳入总体规划。公安、司法等部门要依法严厉打击毒品犯罪。\n"
          "鼓励社会组织参与戒毒康复帮扶，有条件的地方可以先行先试。财政部门要保障禁毒经费。\n"
          "二、强化保障\n"
          "这很重要。可以说，成绩来之不易。\n")


@pytest.fixture(scope="module")
def doc():
    return tm.Document.from_text(SPEECH, doc_id="t")


def test_directives_are_duty_clauses_and_unnamed_directive_sentences(doc):
    out = directives(doc)
    assert out.bodies.tolist() == [("各乡镇",), ("公安", "司法"), ("（未指明）",), ("财政",)]
    assert out.directive.tolist() == ["加强禁毒宣传教育，必须把禁毒工作纳入总体规划", "依法严厉打击毒品犯罪",
                                      "鼓励社会组织参与戒毒康复帮扶，有条件的地方可以先行先试。", "保障禁毒经费"]
    assert all(SPEECH[s:e] == t for s, e, t in zip(out.start, out.end, out.directive))


def test_instruments_by_body(doc):
    out = tm.policy_instruments(doc)
    assert list(out.columns) == ["body", "side", "instrument", "n_directives", "count", "keywords",
                                 "n_body_directives"]
    assert out[["body", "side", "instrument", "count"]].values.tolist() == [
        ["各乡镇", "环境型", "目标规划", 2], ["各乡镇", "环境型", "宣传教育", 1],
        ["公安", "环境型", "法规管制", 2], ["司法", "环境型", "法规管制", 2],
        ["（未指明）", "供给型", "公共服务", 1], ["（未指明）", "需求型", "示范试点", 1],
        ["（未指明）", "需求型", "服务外包", 1], ["财政", "供给型", "资金投入", 1]]
    # 打击 inside 严厉打击 and 宣传教育 inside 禁毒宣传教育 count; 要 of the run (各乡镇要) is no instrument
    assert out.keywords.tolist()[:3] == [("总体规划", "纳入"), ("宣传教育",), ("依法", "打击")]
    assert set(out.side) <= set(INSTRUMENT_SIDES)


def test_instruments_by_directive_and_custom_codebook(doc):
    out = tm.policy_instruments(doc, by="directive")
    assert out[["start", "instrument", "count"]].values.tolist() == [
        [16, "目标规划", 2], [16, "宣传教育", 1], [48, "法规管制", 2], [60, "公共服务", 1], [60, "示范试点", 1],
        [60, "服务外包", 1], [93, "资金投入", 1]]
    mine = tm.policy_instruments(doc, codebook={"供给型": {"资金": ["经费"]}, "环境型": {"规划": ["总体规划"]}})
    assert mine[["body", "instrument"]].values.tolist() == [["各乡镇", "规划"], ["财政", "资金"]]
    with pytest.raises(InputError, match="by='side'"):
        tm.policy_instruments(doc, by="side")
    with pytest.raises(InputError, match="expected one speech"):
        directives(tm.Corpus([doc, tm.Document.from_text("要加强宣传。", doc_id="u")]))


def test_bundled_speech_gives_departments_instruments(cleaned):
    out = tm.policy_instruments(cleaned)
    given = set(zip(out.body, out.instrument))
    assert ("公安", "法规管制") in given and ("民政", "公共服务") in given
