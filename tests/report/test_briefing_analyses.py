"""The cleaning record and the codebook analyses in the briefing: tables, CSVs, charts, findings, failure handling.

The tiny handwritten corpus of conftest.py: its speech lists three problems
(一是农村收运体系不全，二是群众参与热情不高，三是末端处理能力不足) under （二）短板依然突出,
gives 财政局 funds (经费) and 教育局 a curriculum task (纳入), and has two same-area (环卫) peers.
"""

from __future__ import annotations

import csv
import dataclasses
import importlib

import pandas as pd
import pytest

import textmine as tm
from textmine.report import findings as F
from textmine.report.charts import CHARTS, draw_charts
from textmine.report.write_csv import tables, write_csv

analyse_mod = importlib.import_module("textmine.report.analyse")  # the module (the package exports the function)

NEW_TABLES = ["cleaning", "policy_instruments", "directive_strength", "directive_strength_body", "strength_profile",
              "tone", "problems", "textstats", "correspondence_map"]
NEW_CHARTS = ["policy_instruments", "directive_strength", "strength_profile", "tone", "textstats",
              "correspondence_map"]


def test_every_new_table_is_made_on_the_tiny_corpus(tiny_result):
    r = tiny_result
    assert r.unavailable == {}
    for name in ("cleaning", "policy_instruments", "directive_strength", "directive_strength_body",
                 "strength_profile", "tone", "problems", "textstats_percentiles", "correspondence_map", "explorer"):
        assert isinstance(getattr(r, name), pd.DataFrame), name
    assert list(r.problems.problem) == ["农村收运体系不全", "群众参与热情不高", "末端处理能力不足"]
    assert set(r.cleaning.doc_id) == {"s00", "p01", "p02", "p03", "p04"}  # the speech and the corpus
    named = r.policy_instruments[r.policy_instruments.body != "（未指明）"]
    assert named[["body", "instrument"]].values.tolist() == [["教育", "目标规划"], ["财政", "资金投入"]]
    assert r.strength_profile.set_index("measure").at["mean_score", "n_peers"] == 2
    assert r.correspondence_map.is_target.sum() == 1
    assert r.correspondence_map.loc[r.correspondence_map.is_target, "id"].item() == "s00"


def test_explorer_snippets_are_bounded_and_hold_the_term(tiny_result):
    ex = tiny_result.explorer
    assert len(ex) and set(ex.side) <= {"speech", "corpus"}
    assert (ex.keyword == ex.term).all()
    assert ex.groupby(["term", "side"]).size().max() <= analyse_mod.EXPLORER_SNIPPETS
    assert ex.term.nunique() <= analyse_mod.EXPLORER_TERMS
    # a speech snippet is the speech's text around the term
    row = ex[ex.side == "speech"].iloc[0]
    text = tiny_result.cleaned.text
    assert text[row.start:row.start + len(row.term)] == row.term


def test_new_findings_read_the_tables(tiny_result):
    r = tiny_result
    assert F.problems(r) == "讲话点明的问题3个：一是农村收运体系不全；二是群众参与热情不高；三是末端处理能力不足。"
    assert F.tone(r) == "基调：成绩表述1处、问题表述3处；问题最集中在“短板依然突出”部分（3处）。"
    assert F.policy_instruments(r) == ("政策工具：供给型1处、环境型3处；2个点名部门被赋予工具，"
                                       "如教育（目标规划）、财政（资金投入）。")
    assert F.strength_profile(r) == ("指令力度：6句指令中强制16.7%、要求66.7%、引导16.7%、可选0.0%，平均力度3.00"
                                     "（参照语料3.33；同领域2篇讲话3.33，本讲话高于25%的同领域讲话，强制句占比高于50%）。")
    assert F.cleaning(r) == r.cleaning_summary and r.cleaning_summary.startswith("清洗：5篇文档，")
    ts = F.textstats_percentiles(r)
    assert ts.startswith("文本统计（与4篇参照讲话比）：字数") and "第100百分位" in ts
    # in the briefing, after the findings kept elsewhere, in this order
    texts = F.findings(r)
    assert texts[-6:] == [F.cleaning(r), F.policy_instruments(r), F.strength_profile(r), F.tone(r), F.problems(r), ts]


def test_new_findings_say_nothing_without_their_tables(tiny_result):
    r = dataclasses.replace(tiny_result, problems=None, tone=None, policy_instruments=None, strength_profile=None,
                            textstats_percentiles=None, cleaning_summary=None)
    for f in (F.problems, F.tone, F.policy_instruments, F.strength_profile, F.textstats_percentiles, F.cleaning):
        assert f(r) is None
    assert len(F.findings(r)) == len(F.findings(tiny_result)) - 6


def test_new_csvs_are_written_with_their_columns(tiny_result, tmp_path):
    written = {p.stem: p for p in write_csv(tiny_result, tmp_path)}
    assert set(NEW_TABLES) <= set(written)
    with open(written["cleaning"], encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["doc_id", "step", "kind", "field", "start", "end", "text", "new", "note"]
    assert [r[0] for r in rows[1:]] == ["s00", "p01", "p02", "p03", "p04"]  # one title line each, moved to metadata
    prob = pd.read_csv(written["problems"], encoding="utf-8-sig")
    assert list(prob.problem) == ["农村收运体系不全", "群众参与热情不高", "末端处理能力不足"]
    pi = pd.read_csv(written["policy_instruments"], encoding="utf-8-sig")
    assert pi.loc[pi.body == "财政", "keywords"].item() == "经费"  # a tuple cell as joined text
    assert tables(tiny_result)["textstats"] is tiny_result.textstats_percentiles


def test_new_charts_are_named_after_their_analyses_and_drawn(tiny_result, tmp_path):
    specs = {s.name: s for s in CHARTS}
    assert [s.name for s in CHARTS][-len(NEW_CHARTS):] == NEW_CHARTS
    assert {s.plot for s in CHARTS[-len(NEW_CHARTS):]} == {
        "plot_policy_instruments", "plot_directive_strength", "plot_strength_profile", "plot_tone", "plot_textstats",
        "plot_correspondence_map"}
    drawn, skipped = draw_charts(tiny_result, tmp_path, formats=["png"], charts=[specs[n] for n in NEW_CHARTS])
    assert skipped == [] and list(drawn) == NEW_CHARTS
    assert drawn["tone"][1] == "成绩表述1处，问题表述3处"
    assert drawn["strength_profile"][1] == "平均力度3.00，同领域2篇讲话3.33（第25百分位）"
    assert all((tmp_path / f"{n}.png").stat().st_size > 0 for n in NEW_CHARTS)


def test_a_failing_new_analysis_is_said_and_does_not_sink_the_briefing(tiny, monkeypatch, tmp_path):
    def broken(*args, **kwargs):
        raise RuntimeError("tone codebook exploded")

    monkeypatch.setattr(analyse_mod, "tone", broken)
    r = analyse_mod.analyse(*tiny, options=tm.BriefingOptions(k=2))
    assert r.tone is None and r.unavailable == {"tone": "RuntimeError: tone codebook exploded"}
    assert r.problems is not None and r.policy_instruments is not None
    assert F.tone(r) is None
    drawn, skipped = draw_charts(r, tmp_path, formats=[], charts=[s for s in CHARTS if s.name in ("tone", "problems",
                                                                                                    "textstats")])
    assert list(drawn) == ["textstats"] and skipped == ["chart tone: RuntimeError: tone codebook exploded"]
    assert "tone" not in tables(r)


@pytest.mark.parametrize("field", ["policy_instruments", "strength_profile", "correspondence_map", "cleaning"])
def test_an_input_error_of_a_new_analysis_is_said_by_its_message(tiny, monkeypatch, field):
    target = {"policy_instruments": "policy_instruments", "strength_profile": "strength_profile",
              "correspondence_map": "correspondence_map", "cleaning": "cleaning_table"}[field]

    def refuse(*args, **kwargs):
        raise tm.InputError(f"{field} refused on purpose")

    monkeypatch.setattr(analyse_mod, target, refuse)
    r = analyse_mod.analyse(*tiny, options=tm.BriefingOptions(k=2))
    assert getattr(r, field) is None and r.unavailable == {field: f"{field} refused on purpose"}
