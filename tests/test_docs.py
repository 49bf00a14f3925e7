"""One coercion of "what is a document", shared by every analysis."""

from __future__ import annotations

import pytest

import textmine as tm
from textmine._docs import as_corpus, as_document

SPEECH = "各级禁毒委要切实加强社区戒毒工作。"


def test_as_corpus_takes_every_kind_of_text():
    doc = tm.Document("d", SPEECH)
    cleaned = tm.clean(tm.Document("c", "禁毒委要加强社区康复工作。"))
    corpus = tm.Corpus([doc, cleaned])
    assert as_corpus(corpus) is corpus
    assert as_corpus(doc).ids == ["d"] and as_corpus(cleaned)[0] is cleaned
    one = as_corpus(SPEECH)
    assert len(one) == 1 and one[0].text == SPEECH and one[0].doc_id == tm.Document.from_text(SPEECH).doc_id
    mixed = as_corpus([doc, SPEECH, cleaned])
    assert mixed.ids[0] == "d" and mixed.ids[2] == "c" and mixed[1].text == SPEECH
    assert as_corpus((d for d in [doc])).ids == ["d"]
    assert len(as_corpus([])) == 0


def test_as_corpus_names_the_argument_and_the_bad_item():
    with pytest.raises(tm.InputError, match=r"reference\[1\] is a int; expected a Document or str"):
        as_corpus([SPEECH, 3], name="reference")
    with pytest.raises(tm.InputError, match="reference is a dict; expected a Document, a str, a Corpus or a list"):
        as_corpus({"d": SPEECH}, name="reference")
    with pytest.raises(tm.InputError, match="reference is a set"):
        as_corpus({SPEECH}, name="reference")
    with pytest.raises(tm.InputError, match="reference is empty; expected at least one document"):
        as_corpus([], name="reference", allow_empty=False)


def test_as_document_takes_one_text():
    doc = tm.Document("d", SPEECH)
    assert as_document(doc) is doc and as_document(SPEECH).text == SPEECH
    assert as_document([doc]) is doc and as_document(tm.Corpus([doc])) is doc
    with pytest.raises(tm.InputError, match="doc holds 2 documents; expected exactly one Document or str"):
        as_document([doc, SPEECH])
    with pytest.raises(tm.InputError, match="doc is a float; expected a Document or a str"):
        as_document(1.5)


def test_every_analysis_accepts_a_str_where_it_takes_one_speech(tokenizer):
    ref = [tm.Document("r1", "安全生产要排查隐患。"), tm.Document("r2", "禁毒委要抓好社区康复。")]
    assert tm.text_reuse(SPEECH, ref).ratios.doc_id.tolist() == ["r1", "r2"]  # refused a str before
    assert tm.keyness(SPEECH, ref, tokenizer=tokenizer).term.iloc[0] == "社区戒毒"
    assert tm.similar_documents(SPEECH, ref, tokenizer=tokenizer).doc_id.iloc[0] == "r2"
    assert tm.tfidf_keywords(SPEECH, ref, tokenizer=tokenizer).term.tolist() == ["社区戒毒", "禁毒委"]
    assert tm.section_keywords(SPEECH, level=1, tokenizer=tokenizer).terms.tolist() == ["社区戒毒、禁毒委"]
    model = tm.fit_topics(tm.Dtm.from_corpus(ref, tokenizer=tokenizer), 2)
    assert tm.topic_comparison(SPEECH, ref, model).n_peers.tolist() == [0, 0]  # a str has no policy area
    assert tm.section_topics(SPEECH, model).index.tolist() == ["开篇"]
