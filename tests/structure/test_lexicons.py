"""structure._lexicons: the bundled formula lexicon, non-formula words, media and law lists."""

from __future__ import annotations

import re

import pytest

from textmine.structure import NON_FORMULA_SUBKINDS, formula_lexicon
from textmine.structure._lexicons import (
    FORMULAS_PATH,
    LAWS_PATH,
    MEDIA_PATH,
    NON_FORMULAS_PATH,
    law_names,
    media_titles,
    non_formula_words,
    simplified,
)

FILES = [FORMULAS_PATH, NON_FORMULAS_PATH, MEDIA_PATH, LAWS_PATH]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_resource_file_format(path):
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    keys, section = [], []
    for line in raw.decode("utf-8").splitlines():
        if line.startswith("#"):
            assert section == sorted(section), (path.name, section)
            section = []
            continue
        assert line and line == line.strip(), (path.name, line)
        key = line.split("\t")[0]
        keys.append(key)
        section.append(line)
    assert section == sorted(section)
    assert len(keys) == len(set(keys)), path.name


def test_formula_lexicon_entries():
    lex = formula_lexicon()
    assert len(lex) >= 300
    assert {"供给侧结构性改革", "稳中求进", "亲清新型政商关系", "绿水青山就是金山银山", "新发展理念",
            "高质量发展", "共同富裕", "全过程人民民主", "两个毫不动摇", "三大攻坚战"} <= set(lex)
    assert lex["统筹发展和安全"] == ("统筹发展与安全",)
    for form in lex:
        assert len(form) >= 2 and simplified(form) == form, form
        assert not re.search(r"[“”「」『』《》]", form), form
    # nothing is both a formula and a listed non-formula
    assert not set(lex) & set(non_formula_words())


def test_non_formula_words_and_media_and_laws():
    words = non_formula_words()
    assert set(words.values()) <= set(NON_FORMULA_SUBKINDS)
    assert words["卡脖子"] == "scare_quote" and words["两弹一星"] == "historical" and words["两会"] == "name"
    assert {"人民日报", "求是", "光明日报", "经济日报", "学习时报", "新华社"} <= media_titles()
    laws = law_names()
    assert {"民法典", "宪法", "传染病防治法"} <= set(laws)
    assert [len(x) for x in laws] == sorted((len(x) for x in laws), reverse=True)


def test_simplified_keeps_offsets():
    assert simplified("增強四個自信、堅持「三個代表」") == "增强四个自信、坚持「三个代表」"
    s = "乾隆年間的頭髮，着眼於瞭解"
    assert len(simplified(s)) == len(s)
    assert simplified("abc") == "abc"
