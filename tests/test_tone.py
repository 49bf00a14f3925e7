"""Tone per section (成绩 vs 问题) and the problems a speech lists."""

from __future__ import annotations

import numpy as np
import pytest

import textmine as tm
from textmine.errors import InputError

SPEECH = ("同志们：\n"
          "去年全县禁毒工作取得明显成效，制毒犯罪得到有效遏制。在肯定成绩的同时，我们也要看到还存在不少问题：一是工作发展不平衡。"
          "个别乡镇仍把禁毒当作软任务。二是基层力量薄弱，专职人员短缺；\n"
          "三是宣传教育不到位。下面，我讲三点意见。\n"
          "一、提高认识\n"
          "要充分认识禁毒工作的重要性。\n")


@pytest.fixture(scope="module")
def doc():
    return tm.Document.from_text(SPEECH, doc_id="t")


def test_tone_per_section(doc):
    out = tm.tone(doc)
    assert list(out.columns) == ["doc_id", "path", "title", "start", "n_praise", "n_problem", "n_tokens",
                                 "praise_per_10k", "problem_per_10k", "balance", "praise_terms", "problem_terms"]
    assert out.path.tolist() == ["", "一"]
    # 成绩: 取得明显成效, 有效遏制, 成绩 ; 问题: 存在问题? no (存在不少问题 is not an entry), 不平衡, 薄弱, 短缺, 不到位
    assert out.n_praise.tolist() == [3, 0]
    assert out.n_problem.tolist() == [4, 0]
    assert out.balance.iat[0] == pytest.approx((3 - 4) / 7) and np.isnan(out.balance.iat[1])
    assert out.problem_terms.iat[0] == ("不到位", "不平衡", "短缺", "薄弱")
    assert out.praise_per_10k.iat[0] == pytest.approx(3e4 / out.n_tokens.iat[0])
    whole = tm.tone(doc, level="document")
    assert whole[["n_praise", "n_problem"]].values.tolist() == [[3, 4]]
    with pytest.raises(InputError, match="expected '成绩' and '问题'"):
        tm.tone(doc, codebook={"好": ["成效"]})


def test_problems_with_a_cue(doc):
    out = tm.problems(doc)
    assert list(out.columns) == ["group", "ordinal", "marker", "problem", "detail", "start", "end", "cue",
                                 "cue_start"]
    assert out.problem.tolist() == ["工作发展不平衡", "基层力量薄弱，专职人员短缺", "宣传教育不到位"]
    assert out.detail.tolist() == ["个别乡镇仍把禁毒当作软任务", "", ""]  # the closing 下面… is left out
    assert out.cue.unique().tolist() == ["存在不少问题"]
    assert SPEECH[out.cue_start.iat[0]:].startswith("在肯定成绩")
    assert SPEECH[out.start.iat[1]:].startswith("二是")


def test_problems_without_a_cue_by_tone_and_not_for_tasks():
    listed = tm.problems("从检查情况看，一是排查工作不到位。二是专职人员短缺。三是宣传力度不足。有的村没有开展宣传。\n"
                         "各乡镇要立即整改。")
    assert listed.problem.tolist() == ["排查工作不到位", "专职人员短缺", "宣传力度不足"]
    assert listed.detail.iat[2] == "有的村没有开展宣传"  # the paragraph ends at the line break
    assert listed.cue.unique().tolist() == [""]
    tasks = tm.problems("下一步，一是加强宣传。二是强化打击。三是做好帮扶。")
    assert tasks.empty and list(tasks.columns)[:3] == ["group", "ordinal", "marker"]
    assert tm.problems("没有列举。").empty


def test_bundled_speech_problems(speech, cleaned):
    for d in (speech, cleaned):
        out = tm.problems(d)
        assert out.problem.tolist() == ["工作发展不平衡", "社会管理相对滞后", "重视不够"]
        assert out.cue.unique().tolist() == ["存在一些薄弱环节"]
        assert out.detail.iat[2].endswith("没有过硬的措施")
    t = tm.tone(cleaned)
    assert t.n_problem.iat[0] > t.n_praise.iat[0] > 0  # the opening: praise, then the problems passage
