"""Dtm: exact counts, every transform, append and vocabulary, the recorded tokenizer, as_dtms."""

from __future__ import annotations

import pandas as pd
import pytest

import textmine as tm
from textmine.dtm import as_dtm, as_dtms

TOKENS = [["禁毒", "社区戒毒", "禁毒"], ["安全生产", "禁毒"], ["安全生产", "隐患", "隐患", "隐患"]]
DOCS = pd.DataFrame({"policy_area": ["禁毒", "禁毒", "安全生产"], "year": [2020, 2021, 2021]},
                    index=pd.Index(["a", "b", "c"], name="doc_id"))


def test_dtm_counts_and_operations():
    d = tm.Dtm.from_tokens(TOKENS, DOCS)
    assert d.vocab == ("安全生产", "社区戒毒", "禁毒", "隐患")
    assert d.to_frame().to_numpy().tolist() == [[0, 1, 2, 0], [1, 0, 1, 0], [1, 0, 0, 3]]
    assert d.trim(min_df=2).vocab == ("安全生产", "禁毒")
    assert d.trim(min_count=3).vocab == ("禁毒", "隐患")
    assert d.trim(max_df=0.5).vocab == ("社区戒毒", "隐患")
    m = d.match(["隐患", "火灾", "禁毒"])
    assert m.vocab == ("隐患", "火灾", "禁毒") and m.to_frame().to_numpy().tolist() == [[0, 0, 2], [0, 0, 1], [3, 0, 0]]
    g = d.group("policy_area")
    assert g.doc_ids == ["安全生产", "禁毒"] and g.to_frame().to_numpy().tolist() == [[1, 0, 0, 3], [1, 1, 3, 0]]
    assert g.docs["n_docs"].tolist() == [1, 2]
    assert d.select(["c", "a"]).doc_ids == ["c", "a"]
    assert d.top_terms(2)["term"].tolist() == ["禁毒", "隐患"]
    assert d.doc_freq().name == "doc_freq" and d.doc_freq().tolist() == [2, 1, 2, 1]
    bi = tm.Dtm.from_tokens(TOKENS, DOCS, ngram_range=(1, 2))
    assert "禁毒 社区戒毒" in bi.vocab and "隐患 隐患" in bi.vocab


def test_from_tokens_vocabulary_fixes_the_columns_and_their_order():
    d = tm.Dtm.from_tokens(TOKENS, DOCS, vocabulary=["隐患", "禁毒", "火灾"])
    assert d.vocab == ("隐患", "禁毒", "火灾")
    assert d.to_frame().to_numpy().tolist() == [[0, 2, 0], [0, 1, 0], [3, 0, 0]]
    empty = tm.Dtm.from_tokens([[], []], ["x", "y"], vocabulary=["禁毒"])
    assert empty.vocab == ("禁毒",) and empty.to_frame().to_numpy().tolist() == [[0], [0]]


def test_append_stacks_documents_over_the_union_of_vocabularies():
    a = tm.Dtm.from_tokens([["禁毒", "禁毒", "戒毒"]], ["a"])
    b = tm.Dtm.from_tokens([["安全生产", "禁毒"], ["隐患"]], ["b", "c"])
    ab = a.append(b)
    assert ab.vocab == ("戒毒", "禁毒", "安全生产", "隐患")  # a's terms first, then b's new ones
    assert ab.doc_ids == ["a", "b", "c"]
    assert ab.to_frame().to_numpy().tolist() == [[1, 2, 0, 0], [0, 1, 1, 0], [0, 0, 0, 1]]
    with pytest.raises(tm.InputError, match=r"documents \['a'\] are in both Dtms"):
        a.append(a)
    with pytest.raises(tm.InputError, match="other is a list; expected a Dtm"):
        a.append([["禁毒"]])


def test_dtm_checks_its_arguments():
    d = tm.Dtm.from_tokens(TOKENS, DOCS)
    with pytest.raises(tm.InputError, match=r"by='area' is not a metadata column; columns are \['policy_area', 'year'\]"):
        d.group("area")
    with pytest.raises(tm.InputError, match=r"min_df=1.5: a float is a proportion"):
        d.trim(min_df=1.5)
    with pytest.raises(tm.InputError, match="docs has 2 rows but tokens has 3 documents"):
        tm.Dtm.from_tokens(TOKENS, DOCS.iloc[:2])
    with pytest.raises(tm.InputError, match=r"ngram_range=\(2, 1\)"):
        tm.Dtm.from_tokens(TOKENS, DOCS, ngram_range=(2, 1))
    with pytest.raises(tm.InputError, match="tokenizer is a str; expected a textmine Tokenizer"):
        tm.Dtm.from_tokens(TOKENS, DOCS, tokenizer="jieba")


def test_dtm_from_corpus_tokenizes_once(ccorpus, tokenizer, monkeypatch):
    calls = []
    real = tm.Tokenizer._values  # what tokenize_many and iter_tokens both go through
    monkeypatch.setattr(tm.Tokenizer, "_values", lambda self, texts, **kw: calls.append(1) or real(self, texts, **kw))
    d = tm.Dtm.from_corpus(ccorpus, tokenizer=tokenizer)
    assert calls == [1] and d.n_docs == len(ccorpus) and d.docs.loc["c01", "policy_area"] == "禁毒"


# ----------------------------------------------------------------------------- the recorded tokenizer

def test_dtm_records_its_tokenizer_through_every_transform():
    tok = tm.Tokenizer(cache=False, stopwords=("function",))
    d = tm.Dtm.from_corpus([tm.Document("a", "加强禁毒工作。"), tm.Document("b", "做好消防工作。")], tokenizer=tok)
    assert d.tokenizer is tok and d.vocab == ("做好", "加强", "工作", "消防工作", "禁毒")
    for out in (d.trim(min_count=1), d.match(["工作"]), d.group(["x", "y"]), d.select(["b"]), d.drop_docs(["a"]),
                d.total(), d.append(tm.Dtm.from_tokens([["禁毒"]], ["c"]))):
        assert out.tokenizer is tok
    assert tm.Dtm.from_tokens(TOKENS).tokenizer is None
    assert tm.Dtm.from_corpus("禁毒工作", tokenizer=None).tokenizer == tm.Tokenizer()  # the default, recorded


def test_append_refuses_another_tokenizers_counts():
    a = tm.Dtm.from_corpus(tm.Document("a", "加强禁毒工作。"), tokenizer=tm.Tokenizer(cache=False))
    other = tm.Tokenizer(cache=False, stopwords=())
    b = tm.Dtm.from_corpus(tm.Document("b", "加强禁毒工作。"), tokenizer=other)
    with pytest.raises(tm.InputError, match=rf"this Dtm was built with Tokenizer\(cache=False\) \(fingerprint "
                                            rf"{a.tokenizer.fingerprint}\) but other was built with "
                                            rf"Tokenizer\(stopwords=\(\), cache=False\) \(fingerprint {other.fingerprint}\)"):
        a.append(b)
    with pytest.raises(tm.InputError, match=rf"but vocab was built with .*{other.fingerprint}"):
        a.match(b)
    assert a.match(b.vocab).vocab == b.vocab  # a plain vocabulary is the caller's business


def test_as_dtms_tokenizes_text_sides_with_the_dtm_sides_tokenizer():
    tok = tm.Tokenizer(cache=False, stopwords=("function",))
    ref = tm.Dtm.from_corpus(tm.Document("r", "做好消防工作。"), tokenizer=tok)
    sides = as_dtms({"target": "加强禁毒工作。", "reference": ref})
    assert sides["reference"] is ref and sides["target"].tokenizer is tok
    assert sides["target"].vocab == ("加强", "工作", "禁毒")  # 工作 kept: the default tokenizer would drop it
    with pytest.raises(tm.InputError, match=rf"tokenizer is Tokenizer\(\) \(fingerprint {tm.Tokenizer().fingerprint}\) "
                                            rf"but reference was built with .*\(fingerprint {tok.fingerprint}\)"):
        as_dtms({"target": "加强禁毒工作。", "reference": ref}, tokenizer=tm.Tokenizer())
    with pytest.raises(tm.InputError, match="target is empty; expected at least one document"):
        as_dtms({"target": [], "reference": ref})
    with pytest.raises(tm.InputError, match="target is a int; expected a Dtm, a Document, a str, a Corpus or a list"):
        as_dtm(3, name="target")


POLICY_TOKENS = [["禁毒", "社区戒毒", "禁毒", "复吸率", "社区康复"], [], ["安全生产", "隐患", "禁毒", "隐患"],
                 ["河长制", "营商环境", "乡村振兴", "营商环境", "Ａ级", "2021", "河长制"], ["隐患"]]


def _count_vectorizer_dtm(tokens, docs=None):
    from textmine.dtm import _count_vectorizer

    counts, vocab, n = _count_vectorizer(tokens, (1, 1), None)
    return tm.Dtm(counts, vocab, docs if docs is not None else pd.DataFrame(index=[str(i) for i in range(n)]))


@pytest.mark.parametrize("tokens", [POLICY_TOKENS, POLICY_TOKENS[::-1], TOKENS, [["禁毒"]]])
def test_streamed_from_tokens_is_count_vectorizers_matrix_exactly(tokens):
    import numpy as np

    ref = _count_vectorizer_dtm(tokens)
    for given in (tokens, iter([list(t) for t in tokens]), (tuple(t) for t in tokens)):
        d = tm.Dtm.from_tokens(given)
        assert d.vocab == ref.vocab and d.doc_ids == ref.doc_ids
        # the stored entries in the same order: sums downstream add in the same order
        for part in ("indptr", "indices", "data"):
            got, want = getattr(d.counts, part), getattr(ref.counts, part)
            assert got.dtype == want.dtype and np.array_equal(got, want), part


def test_streamed_from_tokens_exact_counts_and_docs():
    d = tm.Dtm.from_tokens(iter(POLICY_TOKENS), ["a", "b", "c", "d", "e"])
    assert d.vocab == ("2021", "乡村振兴", "复吸率", "安全生产", "河长制", "社区康复", "社区戒毒", "禁毒", "营商环境",
                       "隐患", "Ａ级")
    assert d.doc_ids == ["a", "b", "c", "d", "e"]
    assert d.to_frame().to_numpy().tolist() == [
        [0, 0, 1, 0, 0, 1, 1, 2, 0, 0, 0], [0] * 11, [0, 0, 0, 1, 0, 0, 0, 1, 0, 2, 0],
        [1, 1, 0, 0, 2, 0, 0, 0, 2, 0, 1], [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]]
    with pytest.raises(tm.InputError, match="docs has 2 rows but tokens has 5 documents"):
        tm.Dtm.from_tokens(iter(POLICY_TOKENS), ["a", "b"])
    with pytest.raises(tm.InputError, match=r"tokens\[1\] is a str; expected a list of tokens"):
        tm.Dtm.from_tokens(iter([["禁毒"], "禁毒"]))
    empty = tm.Dtm.from_tokens(iter([[], []]))
    assert empty.shape == (2, 0) and empty.doc_ids == ["0", "1"]
    bi = tm.Dtm.from_tokens(iter(TOKENS), DOCS, ngram_range=(1, 2))  # an iterator also for n-grams
    assert bi.vocab == tm.Dtm.from_tokens(TOKENS, DOCS, ngram_range=(1, 2)).vocab


def test_from_corpus_streams_to_the_same_dtm_as_tokenize_many():
    import numpy as np

    tok = tm.Tokenizer(cache=False)
    texts = ["各级禁毒委要加强社区戒毒工作，降低复吸率。", "要严格落实安全生产主体责任。", "推进乡村振兴，禁毒委牵头。"]
    d = tm.Dtm.from_corpus(texts, tokenizer=tok)
    ref = _count_vectorizer_dtm(tok.tokenize_many(texts))
    assert d.vocab == ref.vocab and (d.counts != ref.counts).nnz == 0
    assert np.array_equal(d.counts.indices, ref.counts.indices)
