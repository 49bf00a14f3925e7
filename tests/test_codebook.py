"""Codebooks: reading YAML/CSV/mappings with precise errors, coding counts, matches in context, category keyness."""

from __future__ import annotations

import math

import numpy as np
import pytest

import textmine as tm
from textmine.codebook import Codebook, Entry, bundled_codebook, codebook
from textmine.coding import category_keyness, code, code_kwic, coding_tokenizer
from textmine.errors import DictionaryFormatError, InputError, UnsupportedFormatError

# Handwritten, in the style of a work-conference speech.
SPEECH = ("同志们：\n"
          "去年全县禁毒工作取得明显成效，毒品蔓延势头得到有效遏制。但也存在薄弱环节：一是工作发展不平衡，"
          "个别乡镇履职未到位。二是重视不够。\n"
          "一、明确责任\n"
          "各乡镇要加强宣传教育，确保责任落实。这很重要，也是需要长期坚持的。\n"
          "二、强化保障\n"
          "县财政要保障禁毒经费，不够的要追加。\n")

TONE = {"成绩": ["取得明显成效", "有效遏制"],
        "问题": ["薄弱环节", "不平衡", "re:不到位|未到位", "重视 不够"]}


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# ----------------------------------------------------------------------------- reading

def test_mapping_entries_and_kinds():
    cb = codebook({"问题": ["薄弱环节", "重视 不够", "re:不到位|未到位"], "供给型": {"资金投入": ["经费"]}})
    assert isinstance(cb, Codebook)
    assert cb.categories == ("问题", "供给型/资金投入")
    assert [(e.pattern, e.kind) for e in cb.entries] == [
        ("薄弱环节", "word"), ("重视 不够", "phrase"), ("re:不到位|未到位", "regex"), ("经费", "word")]
    assert cb.words == ("不够", "经费", "薄弱环节", "重视")
    assert cb.patterns("问题") == ("薄弱环节", "重视 不够", "re:不到位|未到位")
    assert codebook(cb) is cb
    assert hash(cb) == hash(codebook({"问题": ["薄弱环节", "重视 不够", "re:不到位|未到位"],
                                      "供给型": {"资金投入": ["经费"]}}))
    assert cb.select(["供给型/"]).categories == ("供给型/资金投入",)
    with pytest.raises(InputError, match="category '环境型' is not in codebook"):
        cb.select(["环境型"])


def test_yaml_full_form_with_lines(tmp_path):
    p = write(tmp_path, "cb.yaml", "name: 测试\ndescription: 两类\ncategories:\n  成绩:\n    - 取得明显成效\n"
                                   "  问题:\n    - 薄弱环节\n    - 're:不到位'\n")
    cb = codebook(p)
    assert (cb.name, cb.description, cb.source) == ("测试", "两类", str(p))
    assert [(e.category, e.pattern, e.line) for e in cb.entries] == [
        ("成绩", "取得明显成效", 5), ("问题", "薄弱环节", 7), ("问题", "re:不到位", 8)]


def test_yaml_short_form_nested_and_scalar(tmp_path):
    p = write(tmp_path, "cb.yml", "供给型:\n  人才培养: [培训, 人才队伍]\n环境型:\n  考核督查: 督查\n")
    cb = codebook(p)
    assert cb.categories == ("供给型/人才培养", "环境型/考核督查")
    assert cb.patterns("环境型/考核督查") == ("督查",)


def test_csv_with_subcategory_and_comments(tmp_path):
    p = write(tmp_path, "cb.csv", "\ufeff# 我们的词表\ncategory,subcategory,pattern,note\n"
                                  "供给型,资金投入,经费,\n需求型,示范试点,试点,先行先试\n问题,,\"re:不到位|未到位\",\n")
    cb = codebook(p)
    assert [(e.category, e.pattern, e.line) for e in cb.entries] == [
        ("供给型/资金投入", "经费", 3), ("需求型/示范试点", "试点", 4), ("问题", "re:不到位|未到位", 5)]


@pytest.mark.parametrize("text, message", [
    ("成绩: [取得明显成效]\n问题: []\n", r"cb\.yaml line 2: category '问题' is empty"),
    ("成绩: [取得明显成效]\n问题:\n", r"cb\.yaml line 2: category '问题' is empty"),
    ("成绩:\n  - 取得明显成效\n  -\n", r"cb\.yaml line 3: empty pattern in category '成绩'"),
    ("问题:\n  - 薄弱环节\n  - 're:(不到位'\n", r"cb\.yaml line 3: pattern 're:\(不到位' in category '问题' is not a valid "
                                         r"regular expression \(unbalanced brackets\): missing \), unterminated"),
    ("问题:\n  - 're:[不到位'\n", r"line 2: .*not a valid regular expression \(unbalanced brackets\)"),
    ("问题:\n  - 're:不*'\n", r"cb\.yaml line 2: pattern 're:不\*' .* matches the empty string"),
    ("问题:\n  - 're:'\n", r"line 2: .*has no regular expression after 're:'"),
    ("问题:\n  - 《禁毒法\n", r"cb\.yaml line 2: pattern '《禁毒法' in category '问题' has an unclosed '《'"),
    ("问题:\n  - 不到位）\n", r"line 2: .*has an unbalanced '）'"),
    ("问题:\n  - 薄弱环节\n  - 薄弱环节\n", r"cb\.yaml line 3: pattern '薄弱环节' repeats line 2 in category '问题'"),
    ("问题: [薄弱环节]\n问题: [不平衡]\n", r"cb\.yaml line 2: category '问题' repeats line 1"),
    ("问题:\n  - [薄弱, 环节]\n", r"cb\.yaml line 2: an entry of category '问题' is a nested list"),
    ("问题:\n  - '，。'\n", r"line 2: .*has no letter, digit or Chinese character"),
    ("问题: [薄弱环节\n成绩: [成效]\n", r"cb\.yaml line \d: not valid YAML"),
    ("- 薄弱环节\n", r"cb\.yaml line 1: expected a mapping of category to entries"),
    ("", r"cb\.yaml: the file is empty"),
    ("问题: {}\n", r"line 1: category '问题' is empty"),
])
def test_yaml_errors_name_file_line_and_problem(tmp_path, text, message):
    p = write(tmp_path, "cb.yaml", text)
    with pytest.raises(DictionaryFormatError, match=message):
        codebook(p)


@pytest.mark.parametrize("text, message", [
    ("category,pattern\n问题,薄弱环节,多余\n", r"cb\.csv line 2: '问题,薄弱环节,多余' has 3 field\(s\); expected 2"),
    ("category,pattern\n,薄弱环节\n", r"cb\.csv line 2: ',薄弱环节' has an empty category"),
    ("category,pattern\n问题,\n", r"cb\.csv line 2: empty pattern in category '问题'"),
    ("category,pattern\n问题,薄弱环节\n问题,re:(不平衡\n", r"cb\.csv line 3: .*not a valid regular expression"),
    ("类别,词\n问题,薄弱环节\n", r"cb\.csv line 1: header '类别,词'; expected the columns category, pattern"),
    ("category,pattern\n问题,\"薄弱\"环节\"\n", r"cb\.csv line 2: .*not a valid CSV row"),
    ("# 只有注释\n", r"cb\.csv: the file is empty"),
    ("category,pattern\n", r"cb\.csv: no categories"),
])
def test_csv_errors_name_file_line_and_problem(tmp_path, text, message):
    p = write(tmp_path, "cb.csv", text)
    with pytest.raises(DictionaryFormatError, match=message):
        codebook(p)


def test_mapping_errors_name_the_category():
    with pytest.raises(DictionaryFormatError, match=r"<mapping>: category '问题' is empty"):
        codebook({"成绩": ["成效"], "问题": []})
    with pytest.raises(DictionaryFormatError, match=r"<mapping> category '问题' entry 1: pattern 're:\(不到位'"):
        codebook({"问题": ["薄弱环节", "re:(不到位"]})
    with pytest.raises(DictionaryFormatError, match=r"<mapping>: no categories"):
        codebook({})
    with pytest.raises(DictionaryFormatError, match=r"category '问题' holds a int"):
        codebook({"问题": 3})


def test_other_load_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="codebook not found"):
        codebook(tmp_path / "missing.yaml")
    with pytest.raises(UnsupportedFormatError, match=r"'.json' is not read; expected .yaml"):
        codebook(write(tmp_path, "cb.json", "{}"))
    with pytest.raises(InputError, match="path_or_mapping is a int"):
        codebook(3)
    bad = tmp_path / "gbk.yaml"
    bad.write_bytes("问题: [薄弱]\n".encode("gbk"))
    with pytest.raises(DictionaryFormatError, match=r"gbk\.yaml: not UTF-8 \(invalid byte at offset 0\)"):
        codebook(bad)
    with pytest.raises(InputError, match="expected textmine.codebook.Entry"):
        Codebook(("薄弱",))


def test_bundled_codebooks_load_once_and_have_the_issue_categories():
    pi = bundled_codebook("policy_instruments")
    assert pi is bundled_codebook("policy_instruments")  # cached
    sides = {c.split("/")[0] for c in pi.categories}
    assert sides == {"供给型", "环境型", "需求型"}
    for cat in ("供给型/人才培养", "供给型/资金投入", "供给型/基础设施", "供给型/公共服务", "环境型/目标规划",
                "环境型/法规管制", "环境型/税收优惠", "环境型/金融支持", "环境型/考核督查", "环境型/宣传教育",
                "需求型/政府采购", "需求型/示范试点", "需求型/服务外包", "需求型/对外合作"):
        assert cat in pi
    patterns = [e.pattern for e in pi.entries]
    assert len(patterns) == len(set(patterns))  # a word points to one instrument only
    assert bundled_codebook("directive_strength").categories == ("强制", "要求", "引导", "可选")
    assert bundled_codebook("tone").categories == ("成绩", "问题")
    with pytest.raises(InputError, match="name='sentiment': expected one of"):
        bundled_codebook("sentiment")


# ----------------------------------------------------------------------------- coding

def test_words_enter_the_dictionary_and_are_never_split():
    cb = codebook(TONE)
    base = tm.Tokenizer()
    assert base.segment("工作发展不平衡") != ["工作", "发展", "不平衡"]  # the default splits 不/平衡
    tok = coding_tokenizer(cb, base)
    assert tok.segment("工作发展不平衡") == ["工作", "发展", "不平衡"]
    assert tok.segment("取得明显成效") == ["取得明显成效"]
    assert tok is coding_tokenizer(cb, base)  # cached per codebook and settings
    assert base.segment("工作发展不平衡") != ["工作", "发展", "不平衡"]  # the given tokenizer is unchanged
    assert tok.tokenize("工作发展不平衡")[-1] == "不平衡"


def test_code_counts_per_document():
    doc = tm.Document.from_text(SPEECH, doc_id="s1")
    out = code(doc, TONE)
    assert list(out.columns) == ["doc_id", "category", "count", "n_tokens", "per_10k", "matched"]
    assert out.category.tolist() == ["成绩", "问题"]
    assert out["count"].tolist() == [2, 4]
    # 不到位 and 未到位 are one regex; 重视 不够 is a phrase of two tokens; the lone 不够 later is not in the codebook
    assert out.matched.tolist() == [("取得明显成效", "有效遏制"), ("不平衡", "未到位", "薄弱环节", "重视不够")]
    n = out.n_tokens.iat[0]
    assert n == len([t for t in coding_tokenizer(codebook(TONE)).segment(SPEECH) if any(c.isalnum() for c in t)])
    assert out.per_10k.tolist() == pytest.approx([2e4 / n, 4e4 / n])


def test_code_words_match_whole_tokens_only():
    out = code("这很重要，也是需要长期坚持的。各乡镇要加强宣传。", {"要求": ["要"]})
    assert out["count"].tolist() == [1]  # not 重要, not 需要


def test_code_words_inside_compounds_the_segmenter_keeps_whole():
    cb = {"法规管制": ["打击", "依法"], "宣传教育": ["宣传", "教育"], "强制": ["严格"]}
    tok = coding_tokenizer(codebook(cb))
    text = "要依法打击毒品犯罪，加强禁毒宣传，严格执行制度。教育部门、宣传部门要配合。教育局要抓好落实。"
    assert {"依法打击", "禁毒宣传", "严格执行", "教育部门", "宣传部门", "教育局"} <= set(tok.segment(text))
    k = code_kwic(text, cb)
    assert k[["keyword", "start"]].values.tolist() == [["依法", 1], ["打击", 3], ["宣传", 14], ["严格", 17]]
    assert code(text, cb)["count"].tolist() == [2, 1, 1]


def test_code_per_section():
    out = code(tm.Document.from_text(SPEECH, doc_id="s1"), TONE, level="section")
    assert list(out.columns) == ["doc_id", "path", "title", "start", "category", "count", "n_tokens", "per_10k",
                                 "matched"]
    assert out.path.tolist() == ["", "", "一", "一", "二", "二"]
    assert out.title.tolist()[2:5:2] == ["明确责任", "强化保障"]
    assert out["count"].tolist() == [2, 4, 0, 0, 0, 0]
    assert out.per_10k.iloc[2] == 0.0
    doc_level = code(tm.Document.from_text(SPEECH, doc_id="s1"), TONE)
    assert out.groupby("category", sort=False).n_tokens.sum().tolist() == doc_level.n_tokens.tolist()


def test_code_overlapping_entries_of_a_category_count_once():
    out = code("工作相对滞后。", {"问题": ["相对滞后", "滞后", "re:滞后"]})
    assert out["count"].tolist() == [1] and out.matched.tolist() == [("相对滞后",)]


def test_code_corpus_and_bad_arguments():
    docs = [tm.Document.from_text("禁毒工作取得明显成效。", doc_id="a"), tm.Document.from_text("存在薄弱环节。", doc_id="b")]
    out = code(tm.Corpus(docs), TONE)
    assert out[["doc_id", "category", "count"]].values.tolist() == [
        ["a", "成绩", 1], ["a", "问题", 0], ["b", "成绩", 0], ["b", "问题", 1]]
    with pytest.raises(InputError, match="level='paragraph': expected 'document' or 'section'"):
        code(docs[0], TONE, level="paragraph")
    with pytest.raises(InputError, match="doc_or_corpus is a int"):
        code(3, TONE)
    with pytest.raises(InputError, match="tokenizer is a str"):
        code(docs[0], TONE, tokenizer="jieba")


def test_code_kwic_lists_matches_in_context():
    doc = tm.Document.from_text(SPEECH, doc_id="s1")
    k = code_kwic(doc, TONE, window=4)
    assert list(k.columns) == ["doc_id", "path", "category", "pattern", "keyword", "start", "end", "left", "right"]
    assert k.keyword.tolist() == ["取得明显成效", "有效遏制", "薄弱环节", "不平衡", "未到位", "重视不够"]
    assert k.pattern.tolist()[-2:] == ["re:不到位|未到位", "重视 不够"]
    assert all(SPEECH[s:e] == w for s, e, w in zip(k.start, k.end, k.keyword))
    assert k.left.iat[0] == "禁毒工作" and k.right.iat[0] == "，毒品蔓"
    assert k.left.iat[2] == "但也存在"
    only = code_kwic(doc, TONE, category="成绩")
    assert only.category.unique().tolist() == ["成绩"]
    with pytest.raises(InputError, match="window=0"):
        code_kwic(doc, TONE, window=0)


def test_category_keyness_uses_the_token_totals():
    from scipy.stats.contingency import chi2_contingency

    target = tm.Document.from_text("存在薄弱环节。存在薄弱环节。工作发展不平衡。", doc_id="t")
    ref = tm.Corpus([tm.Document.from_text("禁毒工作取得明显成效，毒品得到有效遏制。", doc_id="r1"),
                     tm.Document.from_text("各项工作取得明显成效，但有薄弱环节。", doc_id="r2")])
    out = category_keyness(target, ref, TONE)
    assert list(out.columns) == ["category", "n_target", "n_reference", "per_10k_target", "per_10k_reference",
                                 "g2", "p", "log_ratio", "chi2", "ll_2cell"]
    assert out.category.tolist() == ["问题", "成绩"]  # over-used first
    t, r = code(target, TONE), code(ref, TONE)
    c_tot, d_tot = t.n_tokens.iat[0], r.drop_duplicates("doc_id").n_tokens.sum()
    row = out.set_index("category").loc["问题"]
    assert (row.n_target, row.n_reference) == (3, 1)
    g2 = chi2_contingency(np.array([[3, c_tot - 3], [1, d_tot - 1]]), correction=False,
                          lambda_="log-likelihood")[0]
    assert row.g2 == pytest.approx(g2)
    assert row.log_ratio == pytest.approx(math.log2((3 / c_tot) / (1 / d_tot)))
    praise = out.set_index("category").loc["成绩"]
    assert praise.g2 < 0 and praise.log_ratio == pytest.approx(math.log2((0.5 / c_tot) / (3 / d_tot)))
    with pytest.warns(UserWarning, match="also in the reference"):
        category_keyness(target, tm.Corpus([target, *ref]), TONE)
    with pytest.raises(InputError, match="expected a document-level code\\(\\) table"):
        category_keyness(code(target, TONE, level="section"), ref, TONE)


def test_entry_dataclass():
    e = Entry("问题", "重视 不够", "phrase", 3)
    assert e.words == ("重视", "不够") and e.regex is None
    assert Entry("问题", "re:不到位", "regex").regex == "不到位"
