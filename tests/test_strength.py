"""Directive strength: the level of each directive sentence, profiles per section, body and document, vs a corpus."""

from __future__ import annotations

import numpy as np
import pytest

import textmine as tm
from textmine.errors import InputError
from textmine.strength import LEVEL_SCORES, UNNAMED_BODY

# Handwritten, in the style of a work-conference speech (the same text in tests/test_instruments.py).
SPEECH = ("同志们：\n"
          "一、明确责任\n"
          "各乡镇要加强禁毒宣传教育，必须把禁毒工作纳入总体规划。公安、司法等部门要依法严厉打击毒品犯罪。\n"
          "鼓励社会组织参与戒毒康复帮扶，有条件的地方可以先行先试。财政部门要保障禁毒经费。\n"
          "二、强化保障\n"
          "这很重要。可以说，成绩来之不易。\n")


@pytest.fixture(scope="module")
def doc():
    return tm.Document.from_text(SPEECH, doc_id="t", policy_area="禁毒")


def test_each_directive_sentence_gets_its_strongest_level(doc):
    out = tm.directive_strength(doc)
    assert list(out.columns) == ["doc_id", "sent_id", "path", "title", "bodies", "level", "score", "markers",
                                 "text", "start", "end"]
    # 这很重要 (要 inside 重要) and 可以说 are no directives
    assert out.sent_id.tolist() == [2, 3, 4, 5]
    assert out.level.tolist() == ["强制", "要求", "引导", "要求"]
    assert out.score.tolist() == [4, 3, 2, 3]
    assert out.markers.tolist() == [("要", "必须"), ("要",), ("鼓励", "有条件的", "可以"), ("要",)]
    assert out.bodies.tolist() == [("各乡镇",), ("公安", "司法"), (), ("财政",)]
    assert out.path.unique().tolist() == ["一"] and out.title.iat[0] == "明确责任"
    assert all(SPEECH[s:e] == t for s, e, t in zip(out.start, out.end, out.text))
    assert LEVEL_SCORES == {"强制": 4, "要求": 3, "引导": 2, "可选": 1}


def test_profiles_per_section_body_and_document(doc):
    sec = tm.directive_strength(doc, by="section")
    assert sec.path.tolist() == ["", "一", "二"]
    assert sec.n_sentences.tolist() == [1, 5, 3]
    assert sec.n_directives.tolist() == [0, 4, 0]
    row = sec.iloc[1]
    assert (row.n_强制, row.n_要求, row.n_引导, row.n_可选) == (1, 2, 1, 0)
    assert (row.share_强制, row.share_要求, row.share_引导) == (0.25, 0.5, 0.25)
    assert row.mean_score == 3.0 and row.directive_share == 0.8
    assert np.isnan(sec.share_强制.iat[0]) and sec.directive_share.iat[0] == 0.0
    body = tm.directive_strength(doc, by="body")
    assert body.body.tolist() == ["各乡镇", "公安", "司法", "财政", UNNAMED_BODY]
    assert body.mean_score.tolist() == [4.0, 3.0, 3.0, 3.0, 2.0]
    whole = tm.directive_strength(doc, by="document")
    assert whole[["doc_id", "n_directives", "mean_score"]].values.tolist() == [["t", 4, 3.0]]
    with pytest.raises(InputError, match="by='paragraph'"):
        tm.directive_strength(doc, by="paragraph")


def test_custom_levels_score_strongest_first(doc):
    out = tm.directive_strength(doc, codebook={"硬": ["必须"], "软": ["鼓励"]})
    assert out[["level", "score"]].values.tolist() == [["硬", 2], ["软", 1]]


def test_strength_profile_against_reference_and_peers(doc):
    from scipy.stats import percentileofscore

    ref = [tm.Document.from_text("各县必须严格落实责任。要加强宣传。", doc_id="r1", policy_area="禁毒"),
           tm.Document.from_text("要加强排查。要落实整改。", doc_id="r2", policy_area="禁毒"),
           tm.Document.from_text("鼓励企业参与。要做好服务。", doc_id="r3", policy_area="安全生产")]
    out = tm.strength_profile(doc, ref)
    assert out.measure.tolist() == ["share_强制", "share_要求", "share_引导", "share_可选", "mean_score",
                                    "directive_share"]
    m = out.set_index("measure")
    # reference pooled: r1 (强制, 要求), r2 (要求, 要求), r3 (引导, 要求)
    assert m.loc["share_强制", "reference"] == pytest.approx(1 / 6)
    assert m.loc["mean_score", "reference"] == pytest.approx((4 + 3 + 3 + 3 + 2 + 3) / 6)
    assert m.loc["mean_score", "target"] == 3.0
    assert m.loc["mean_score", "percentile"] == percentileofscore([3.5, 3.0, 2.5], 3.0, kind="mean")
    assert m.loc["mean_score", "peers"] == pytest.approx((4 + 3 + 3 + 3) / 4)
    assert m.loc["share_强制", "peers_percentile"] == percentileofscore([0.5, 0.0], 0.25, kind="mean")
    assert (m.loc["share_强制", "n_reference"], m.loc["share_强制", "n_peers"]) == (3, 2)
    assert m.loc["directive_share", "target"] == pytest.approx(4 / 9)
    no_peers = tm.strength_profile(doc, ref, peers_by=None)
    assert no_peers.n_peers.eq(0).all() and no_peers.peers.isna().all()
    with pytest.warns(UserWarning, match="also in the reference"):
        tm.strength_profile(doc, [doc, *ref])
    with pytest.raises(InputError, match="reference is empty"):
        tm.strength_profile(doc, [doc]) if False else tm.strength_profile(doc, [])
    with pytest.raises(InputError, match="expected one speech"):
        tm.strength_profile(ref, ref)


def test_bundled_speech_profile(cleaned):
    sec = tm.directive_strength(cleaned, by="section")
    assert len(sec) == len(tm.outline(cleaned))
    assert sec.n_directives.sum() == len(tm.directive_strength(cleaned))
    body = tm.directive_strength(cleaned, by="body")
    assert {"禁毒委", "公安", "政府"} <= set(body.body)
