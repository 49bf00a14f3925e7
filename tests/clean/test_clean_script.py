"""Traditional input is recognised and converted to Simplified, as a recorded and reversible step."""

from __future__ import annotations

import textmine as tm
from textmine.clean import cleaning_summary

TRAD = "各級黨委要切實擔負起禁毒工作的領導責任，堅決遏制毒品問題蔓延勢頭。"
SIMP = "各级党委要切实担负起禁毒工作的领导责任，坚决遏制毒品问题蔓延势头。"


def test_traditional_is_converted_recorded_and_reversible():
    d = tm.clean(TRAD)
    assert d.text == SIMP and d.converted_script
    assert d.raw == TRAD and d.undo() == TRAD
    assert d.undo(steps=["script"]) == TRAD  # only the conversion undone, the other steps kept
    rec = d.record
    assert set(rec["kind"]) == {"script"}
    assert "".join(rec["text"]) == "級黨實擔負領導責堅決問題勢頭"
    for r in rec.itertuples():
        assert TRAD[r.start:r.end] == r.text
    assert d.header.get("script") == "traditional"


def test_traditional_tokenizes_like_simplified(tokenizer):
    assert tokenizer.tokenize(tm.clean("各級黨委要").text) == tokenizer.tokenize(tm.clean("各级党委要").text)
    assert tokenizer.tokenize(tm.clean(TRAD).text) == tokenizer.tokenize(SIMP)


def test_simplified_text_is_left_alone():
    d = tm.clean(SIMP)
    assert not d.converted_script and not [c for c in d.changes if c.step == "script"]
    # a stray Traditional character in a long Simplified text is below the 3 % threshold
    text = SIMP * 3 + "於"
    assert not tm.clean(text).converted_script


def test_the_step_can_be_turned_off_and_is_summed_up():
    assert tm.clean(TRAD, script=False).text == TRAD
    assert cleaning_summary(tm.clean(TRAD)) == "清洗：1篇文档，未删除任何内容；1篇繁体文本转为简体（可还原）。"
