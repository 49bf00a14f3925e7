"""The briefing's Chinese sentences: each finding from small handwritten tables, exactly."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from textmine.report import BriefingOptions, findings
from textmine.report.charts import CHARTS


def _keyness(rows):
    return pd.DataFrame(rows, columns=["term", "g2"])


KEYNESS = _keyness([("收运", 9.25), ("分类", 6.5), ("投放", 3.04), ("减量", 1.0), ("食品", -2.0), ("学校", -4.5)])


def test_structure_names_the_parts_and_counts_the_subsections():
    ol = pd.DataFrame({"level": [0, 1, 2, 2, 1, 2], "marker": ["", "一、", "（一）", "（二）", "二、", "（一）"],
                       "title": ["", "统一思想", "成绩", "短板", "抓好落实", "健全体系"]})
    assert findings.structure(SimpleNamespace(outline=ol)) == "结构：全文分2个部分、3个小节（一、统一思想；二、抓好落实）。"


def test_enumerations_with_and_without_formulas():
    en = pd.DataFrame({"group": [0, 0, 1, 1]})
    fo = pd.DataFrame({"formula": ["绿色家庭", "一把手", "三分类", "四公开"]})
    assert findings.enumerations(SimpleNamespace(enumerations=en, formulas=fo)) == \
        "列举与提法：2组“一是/一要”式列举；4条提法，如“绿色家庭”、“一把手”、“三分类”。"
    assert findings.enumerations(SimpleNamespace(enumerations=en.iloc[:0], formulas=fo.iloc[:0])) == \
        "列举与提法：0组列举，未发现引号提法。"


def test_references_count_repeats_and_are_left_out_when_none():
    rf = pd.DataFrame({"reference": ["县垃圾分类管理办法", "省环境卫生条例"], "count": [3, 1]})
    assert findings.references(SimpleNamespace(references=rf)) == \
        "引用文件2份：《县垃圾分类管理办法》（3次）、《省环境卫生条例》。"
    assert findings.references(SimpleNamespace(references=rf.iloc[:0])) is None


def test_duties_count_distinct_bodies_from_tuples_or_joined_text():
    du = pd.DataFrame({"bodies": [("城管", "住建"), ("教育",), "住建、财政"]})
    assert findings.duties(SimpleNamespace(duties=du)) == "部门分工：3处点名4个部门或组织布置任务，如住建、城管、教育、财政。"
    assert findings.duties(SimpleNamespace(duties=du.iloc[:0])) is None


def test_targets_list_the_first_four():
    tg = pd.DataFrame({"text": ["年底前", "到2025年", "95%", "三年内", "一百个"]})
    assert findings.targets(SimpleNamespace(targets=tg)) == "量化目标与时间节点5处，如年底前、到2025年、95%、三年内。"


def test_top_terms_with_counts():
    tt = pd.DataFrame({"term": ["分类", "收运", "投放"], "count": [6, 4, 2]})
    assert findings.top_terms(SimpleNamespace(top_terms=tt)) == "高频词：分类（6次）、收运（4次）、投放（2次）。"


def test_keyness_over_used_with_g2_and_under_used_strongest_first():
    r = SimpleNamespace(keyness=KEYNESS, n_reference=4)
    assert findings.keyness(r) == ("与4篇参照讲话相比，本讲话最突出多用的词是收运（G²=9.2）、分类（G²=6.5）、投放（G²=3.0）、"
                                   "减量（G²=1.0）；明显少用学校、食品。")


def test_peer_keyness_and_its_absence():
    pk = pd.DataFrame({"term": ["收运", "分类"], "percentile": [100.0, 62.5]})
    assert findings.peer_keyness(SimpleNamespace(peer_keyness=pk)) == \
        "与同领域讲话逐篇比较，本讲话特别多用：收运（高于100%的同领域讲话）、分类（高于62%的同领域讲话）。"
    assert findings.peer_keyness(SimpleNamespace(peer_keyness=None)) is None


def test_similar_documents_use_title_and_area_when_known():
    sim = pd.DataFrame({"doc_id": ["p01", "p02", "p03", "p04"], "similarity": [0.541, 0.3286, 0.08, 0.01],
                        "title": ["垃圾分类动员会讲话", "农村垃圾治理讲话", "食品安全讲话", "校园讲话"],
                        "policy_area": ["环卫", "环卫", None, "食品安全"]})
    assert findings.similar_documents(SimpleNamespace(similar_documents=sim)) == \
        "最相似的讲话：垃圾分类动员会讲话（环卫，相似度0.54）；农村垃圾治理讲话（环卫，相似度0.33）；食品安全讲话（，相似度0.08）。"
    bare = sim[["doc_id", "similarity"]].head(1)
    assert findings.similar_documents(SimpleNamespace(similar_documents=bare)) == "最相似的讲话：p01（，相似度0.54）。"


def test_topics_with_and_without_area_peers():
    tc = pd.DataFrame({"label": ["垃圾·收运", "食品·学校"], "target": [0.8634, 0.1366], "corpus_mean": [0.5, 0.5],
                       "peers_mean": [1.0, 0.0]})
    assert findings.topics(SimpleNamespace(topic_comparison=tc, k=2)) == \
        "主题（2个主题模型）：主导主题“垃圾·收运”占本讲话86.3%，语料平均50.0%，同领域讲话平均100.0%。"
    tc["peers_mean"] = np.nan
    assert findings.topics(SimpleNamespace(topic_comparison=tc, k=2)) == \
        "主题（2个主题模型）：主导主题“垃圾·收运”占本讲话86.3%，语料平均50.0%。"


def _reuse(reused, ratios):
    sentences = pd.DataFrame({"reused": reused, "n_chars": [20] * len(reused)})
    frame = pd.DataFrame(ratios, columns=["doc_id", "reuse_ratio"])
    return SimpleNamespace(reuse=SimpleNamespace(sentences=sentences, ratios=frame,
                                                 reuse_ratio=sum(reused) / len(reused)))


def test_reuse_names_the_sources_or_says_none():
    r = _reuse([True, False, True, False, False, False, False, False],
               [("p01", 0.25), ("p03", 0.125), ("p02", 0.0)])
    assert findings.reuse(r) == "文本复用：8个句子中有2句与参照讲话相同或近似（占25.0%），主要来自p01、p03；其余为原创内容。"
    assert findings.reuse(_reuse([False] * 3, [("p01", 0.0)])) == "文本复用：3个句子均未在参照讲话中出现，未发现套用段落。"


def test_findings_of_the_tiny_speech_in_order(tiny_result):
    f = findings.findings(tiny_result)
    assert len(f) == len(findings.FINDINGS) == 11
    assert f[:3] == [
        "结构：全文分3个部分、4个小节（一、统一思想，看清形势；二、突出重点，抓好落实；三、加强领导，压实责任）。",
        "列举与提法：1组“一是/一要”式列举；3条提法，如“绿色家庭”、“一把手”、“分类投放、分类收运、分类处理”。",
        "引用文件2份：《县生活垃圾分类管理办法》（2次）、《省城乡环境卫生条例》。",
    ]
    assert f[4] == "量化目标与时间节点4处，如年底前、全覆盖、到2025年、95%。"
    assert f[-1].startswith("文本复用：8个句子中有1句与参照讲话相同或近似") and "主要来自p01" in f[-1]


def test_findings_with_nothing_to_report_are_left_out(tiny_result):
    from dataclasses import replace

    bare = replace(tiny_result, references=tiny_result.references.iloc[:0], duties=tiny_result.duties.iloc[:0],
                   targets=tiny_result.targets.iloc[:0], peer_keyness=None)
    f = findings.findings(bare)
    assert len(f) == 7 and not any(x.startswith(("引用文件", "部门分工", "量化目标", "与同领域")) for x in f)


def test_every_chart_has_a_takeaway_and_they_read_the_tables():
    assert [c.name for c in CHARTS] == list(findings.TAKEAWAYS)
    r = SimpleNamespace(keyness=KEYNESS, options=BriefingOptions(dispersion_terms=2),
                        top_terms=pd.DataFrame({"term": ["分类", "收运", "投放", "减量"]}),
                        outline=pd.DataFrame({"level": [0, 1, 2, 1]}), duties=pd.DataFrame({"bodies": [("城管",)] * 5}),
                        similar_documents=pd.DataFrame({"doc_id": ["p01"], "similarity": [0.5412]}),
                        topic_comparison=pd.DataFrame({"label": ["垃圾·收运"], "target": [0.8], "corpus_mean": [0.25]}))
    t = {name: f(r) for name, f in findings.TAKEAWAYS.items()}
    assert t["top_terms"] == "出现最多的词：分类、收运、投放"
    assert t["wordcloud"] == "词云突出“分类”等核心词"
    assert t["keyness"] == "最突出的多用词：收运、分类、投放；明显少用：学校、食品"
    assert t["topic_shares"] == "主导主题“垃圾·收运”占80.0%，语料平均25.0%"
    assert t["similar"] == "最相似：p01（相似度0.54）"
    assert t["outline_map"] == "全文分2个部分，各部分侧重点不同"
    assert t["dispersion"] == "收运、分类等关键词在各部分的分布"  # only the terms the chart shows
    assert t["duties"] == "共5处点名部门并布置任务"


@pytest.mark.parametrize("name", ["structure", "keyness", "topics", "reuse"])
def test_findings_are_plain_functions_of_the_result(tiny_result, name):
    assert getattr(findings, name)(tiny_result) in findings.findings(tiny_result)
