"""The briefing's Chinese sentences: each finding from small handwritten tables, exactly."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from textmine.report import BriefingOptions, findings
from textmine.report.charts import CHARTS


KEYNESS = pd.DataFrame(  # sorted by g2 like keyness(); p and log_ratio as the table would hold them
    [("收运", 9, 2, 25.0, 1e-6, 4.2), ("分类", 12, 10, 15.0, 1e-4, 2.5), ("减量", 2, 0, 12.0, 5e-4, 6.0),
     ("投放", 4, 5, 5.0, 0.025, 1.6), ("陪餐", 0, 2, -1.0, 0.3, -2.0), ("学校", 1, 30, -11.5, 7e-4, -3.9),
     ("食品", 0, 40, -14.0, 2e-4, -5.3)],
    columns=["term", "n_target", "n_reference", "g2", "p", "log_ratio"])
KEYNESS.attrs["labels"] = {"g2": "G²", "log_ratio": "Hardie 对数比 Log Ratio（以 2 为底）"}

# six reference speeches, three of the speech's area (环卫) and three on food safety
SIM = pd.DataFrame({"doc_id": ["p01", "p02", "p05", "p03", "p04", "p06"],
                    "similarity": [0.541, 0.3286, 0.20, 0.08, 0.05, 0.01],
                    "title": ["垃圾分类动员会讲话", "农村垃圾治理讲话", "环卫工人表彰会讲话", "食品安全讲话", "校园讲话", "餐饮讲话"],
                    "policy_area": ["环卫", "环卫", "环卫", "食品安全", "食品安全", "食品安全"]})
# the pairs among them: five same-area pairs (lower quartile exactly 0.24), and a duplicate pair left out
REF_SIM = pd.DataFrame({"similarity": [0.95, 0.42, 0.36, 0.30, 0.24, 0.18, 0.08, 0.05],
                        "same_area": [True, True, True, True, True, True, False, False]})


def _r(*, area="环卫", sim=SIM, ref_sim=REF_SIM, n_reference=6, **more):
    return SimpleNamespace(doc=SimpleNamespace(meta={"policy_area": area}), similar_documents=sim,
                           reference_similarity=ref_sim, n_reference=n_reference, keyness=KEYNESS, **more)


def test_structure_names_the_parts_and_counts_the_subsections():
    ol = pd.DataFrame({"level": [0, 1, 2, 2, 1, 2], "marker": ["", "一、", "（一）", "（二）", "二、", "（一）"],
                       "title": ["", "统一思想", "成绩", "短板", "抓好落实", "健全体系"]})
    assert findings.structure(SimpleNamespace(outline=ol)) == "结构：全文分2个部分、3个小节（一、统一思想；二、抓好落实）。"


def test_structure_without_numbered_headings_says_so_instead_of_counting_zero_parts():
    ol = pd.DataFrame({"level": [0], "marker": [""], "title": [""]})
    assert findings.structure(SimpleNamespace(outline=ol)) == "结构：讲话没有编号的提纲。"
    assert findings.TAKEAWAYS["outline_map"](SimpleNamespace(outline=ol)) == "讲话没有编号的提纲"


def test_enumerations_with_and_without_formulas():
    en = pd.DataFrame({"group": [0, 0, 1, 1]})
    fo = pd.DataFrame({"formula": ["绿色家庭", "一把手", "三分类", "四公开"]})
    assert findings.enumerations(SimpleNamespace(enumerations=en, formulas=fo)) == \
        "列举与提法：2组“一是/一要”式列举；4条提法，如“绿色家庭”、“一把手”、“三分类”。"
    assert findings.enumerations(SimpleNamespace(enumerations=en.iloc[:0], formulas=fo.iloc[:0])) == \
        "列举与提法：0组列举，未发现引号提法。"


def test_enumerations_leave_non_formulas_out():
    en = pd.DataFrame({"group": [0, 0]})
    fo = pd.DataFrame({"formula": ["绿色家庭", "一把手", "卡脖子"], "kind": ["non_formula", "quoted", "non_formula"]})
    assert findings.enumerations(SimpleNamespace(enumerations=en, formulas=fo)) == \
        "列举与提法：1组“一是/一要”式列举；1条提法，如“一把手”。"


def test_references_leave_media_out_and_name_unbracketed_documents_as_written():
    rf = pd.DataFrame({"reference": ["人民日报", "县垃圾分类管理办法", "固体废物污染环境防治法"], "count": [1, 2, 1],
                       "kind": ["media", "document", "document_unbracketed"]})
    assert findings.references(SimpleNamespace(references=rf)) == \
        "引用文件2份：《县垃圾分类管理办法》（2次）、固体废物污染环境防治法。"
    assert findings.references(SimpleNamespace(references=rf.iloc[:1])) is None


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


def test_targets_count_only_the_rows_of_kind_target():
    tg = pd.DataFrame({"kind": ["statistic", "target", "date", "target"],
                       "text": ["增长8%", "到2025年覆盖率达到95%", "2023年", "年底前全覆盖"]})
    assert findings.targets(SimpleNamespace(targets=tg)) == "量化目标与时间节点2处，如到2025年覆盖率达到95%、年底前全覆盖。"
    assert findings.targets(SimpleNamespace(targets=tg[tg.kind != "target"])) is None


def test_top_terms_with_counts():
    tt = pd.DataFrame({"term": ["分类", "收运", "投放"], "count": [6, 4, 2]})
    assert findings.top_terms(SimpleNamespace(top_terms=tt)) == "高频词：分类（6次）、收运（4次）、投放（2次）。"


KEY_HEAD = "与6篇参照讲话相比（G²检验p<0.001、出现至少3次的词，按Hardie对数比排序），"


def test_keyness_keeps_frequent_significant_terms_ranked_by_log_ratio():
    # 减量 (2/0, the largest log ratio) is too rare, 投放 (p=0.025) and 陪餐 not significant
    assert findings.keyness(_r()) == (
        KEY_HEAD + "本讲话最突出多用的词是收运（对数比4.2，本讲话9次/参照2次）、分类（对数比2.5，本讲话12次/参照10次）；"
        "明显少用食品（对数比-5.3，本讲话0次/参照40次）、学校（对数比-3.9，本讲话1次/参照30次）。")
    kt = findings.key_terms(_r())
    assert list(kt.term) == ["收运", "分类", "食品", "学校"]
    assert len(KEYNESS) == 7  # the full table keeps every term
    assert kt.attrs["labels"]["log_ratio"] == "Hardie 对数比 Log Ratio（以 2 为底；仅 G² 检验 p < 0.001、出现至少 3 次的词）"
    assert kt.attrs["labels"]["g2"] == "G²"


def test_keyness_says_so_when_no_term_passes():
    r = _r()
    r.keyness = KEYNESS[KEYNESS.term.isin(["减量", "投放", "陪餐"])]
    assert findings.keyness(r) == KEY_HEAD + "本讲话没有显著多用的词；没有显著少用的词。"


def test_keyness_small_and_unfit_reference_say_what_it_means():
    assert findings.keyness(_r(n_reference=3)).startswith(
        "参照语料只有3篇讲话，不足5篇，词频差异可能只反映这几篇讲话的特点：与3篇参照讲话相比（")
    assert findings.keyness(_r(area="禁毒")).startswith(
        "参照语料中没有“禁毒”领域的讲话，下列差异多反映领域不同，不一定是本讲话的特点：" + KEY_HEAD)
    assert findings.keyness(_r(area="禁毒", sim=SIM.drop(columns="policy_area"))).startswith(
        "参照语料未标注政策领域，无从确认其中有“禁毒”领域的讲话，下列差异多反映领域不同，不一定是本讲话的特点：")
    assert findings.keyness(_r(area="禁毒", n_reference=3)).startswith(
        "参照语料只有3篇讲话，不足5篇，参照语料中没有“禁毒”领域的讲话，词频差异可能只反映这几篇讲话的特点，"
        "下列差异多反映领域不同，不一定是本讲话的特点：")
    assert findings.keyness(_r(area=None)).startswith(KEY_HEAD)  # a speech without an area: nothing to doubt


def test_peer_keyness_names_the_number_of_peers_and_its_absence():
    pk = pd.DataFrame({"term": ["收运", "分类"], "percentile": [100.0, 62.5]})
    sim = pd.DataFrame({"doc_id": [f"p{i}" for i in range(10)], "similarity": [0.3] * 10,
                        "policy_area": ["环卫"] * 8 + ["食品安全"] * 2})
    assert findings.peer_keyness(_r(sim=sim, peer_keyness=pk)) == \
        "与同领域讲话逐篇比较（按每万词频率），本讲话特别多用：收运（高于全部8篇同领域讲话）、分类（高于8篇同领域讲话中的62%）。"
    assert findings.peer_keyness(SimpleNamespace(peer_keyness=pk)) == \
        "与同领域讲话逐篇比较（按每万词频率），本讲话特别多用：收运（高于全部同领域讲话）、分类（高于62%的同领域讲话）。"
    assert findings.peer_keyness(SimpleNamespace(peer_keyness=None)) is None


SIM_BASIS = "（TF-IDF余弦相似度；参照语料同领域讲话两两相似度的下四分位数为0.24，低于此值视为不相近）。"


def test_similar_documents_strong_lists_only_the_close_matches():
    assert findings.weak_below(_r()) == pytest.approx(0.24)
    assert findings.similar_documents(_r()) == \
        "最相似的讲话：垃圾分类动员会讲话（环卫，相似度0.54）；农村垃圾治理讲话（环卫，相似度0.33）" + SIM_BASIS
    bare = SIM[["doc_id", "similarity"]]  # no titles, no areas: all pairs are the yardstick
    r = _r(area=None, sim=bare, ref_sim=pd.DataFrame({"similarity": [0.9, 0.5, 0.4, 0.3, 0.25, 0.22]}))
    assert findings.similar_documents(r) == ("最相似的讲话：p01（相似度0.54）；p02（相似度0.33）（TF-IDF余弦相似度；"
                                             "参照语料讲话两两相似度的下四分位数为0.25，低于此值视为不相近）。")


def test_similar_documents_weak_best_match():
    sim = SIM.assign(similarity=[0.12, 0.09, 0.08, 0.07, 0.05, 0.01], title=["疫情防控讲话"] + list(SIM.title[1:]))
    assert findings.similar_documents(_r(sim=sim)) == \
        ("参照语料中没有与之相近的讲话（最相似的疫情防控讲话，环卫，TF-IDF余弦相似度0.12，"
         "低于参照语料同领域讲话两两相似度的下四分位数0.24）。")
    assert findings.TAKEAWAYS["similar"](_r(sim=sim)) == "参照语料中没有与之相近的讲话（最高相似度0.12，阴影为不相近区）"


def test_similar_documents_near_duplicate_is_named_and_left_out():
    dup = pd.concat([pd.DataFrame({"doc_id": ["p09"], "similarity": [0.991], "title": ["垃圾分类推进会讲话（转载）"],
                                   "policy_area": ["环卫"]}), SIM], ignore_index=True)
    assert findings.similar_documents(_r(sim=dup)) == \
        ("同一文本：垃圾分类推进会讲话（转载）（相似度0.99）与本讲话是同一讲话的另一来源（相似度≥0.90），不计入相似讲话；"
         "最相似的讲话：垃圾分类动员会讲话（环卫，相似度0.54）；农村垃圾治理讲话（环卫，相似度0.33）" + SIM_BASIS)
    assert list(findings.near_duplicates(_r(sim=dup)).doc_id) == ["p09"]
    assert findings.TAKEAWAYS["similar"](_r(sim=dup)) == "最相似：垃圾分类动员会讲话（相似度0.54）；1篇为同一文本（相似度≥0.90）"


def test_similar_documents_small_and_unfit_reference():
    small = _r(sim=SIM.head(3), n_reference=3, ref_sim=REF_SIM.head(3))
    assert findings.weak_below(small) is None
    assert findings.similar_documents(small) == \
        ("参照语料只有3篇讲话，不足5篇，相似度高低无从比较：最相似的讲话（TF-IDF余弦相似度）："
         "垃圾分类动员会讲话（环卫，相似度0.54）；农村垃圾治理讲话（环卫，相似度0.33）；环卫工人表彰会讲话（环卫，相似度0.20）。")
    assert findings.similar_documents(_r(area="禁毒")) == \
        ("参照语料中没有“禁毒”领域的讲话，相似度只反映与其他领域讲话的接近程度：最相似的讲话：垃圾分类动员会讲话（环卫，相似度0.54）；"
         "农村垃圾治理讲话（环卫，相似度0.33）" + SIM_BASIS)


def test_topics_with_and_without_area_peers():
    tc = pd.DataFrame({"label": ["垃圾·收运", "食品·学校"], "target": [0.8634, 0.1366], "corpus_mean": [0.5, 0.5],
                       "peers_mean": [1.0, 0.0]})
    assert findings.topics(_r(topic_comparison=tc, k=2, n_reference=25)) == \
        "主题（2个主题模型）：主导主题“垃圾·收运”占本讲话86.3%，语料平均50.0%，同领域讲话平均100.0%。"
    tc["peers_mean"] = np.nan
    assert findings.topics(_r(topic_comparison=tc, k=2)) == \
        "主题（2个主题模型）：主导主题“垃圾·收运”占本讲话86.3%，语料平均50.0%。"
    assert findings.topics(_r(area="禁毒", topic_comparison=tc, k=2)) == \
        ("参照语料中没有“禁毒”领域的讲话，主题主要由其他领域的讲话学得，只能说明本讲话与它们的差别："
         "主题（2个主题模型）：主导主题“垃圾·收运”占本讲话86.3%，语料平均50.0%。")


def _reuse(reused, ratios, matches=(), **kw):
    sentences = pd.DataFrame({"start": [20 * i for i in range(len(reused))], "reused": reused,
                              "n_chars": [20] * len(reused)})
    frame = pd.DataFrame(ratios, columns=["doc_id", "reuse_ratio"])
    m = pd.DataFrame(list(matches), columns=["source_id", "target_start"])
    return _r(reuse=SimpleNamespace(sentences=sentences, ratios=frame, matches=m,
                                    reuse_ratio=sum(reused) / len(reused)), **kw)


REUSED = [True, False, True, False, False, False, False, False]
RATIOS = [("p01", 0.25), ("p03", 0.125), ("p02", 0.0)]


def test_reuse_original_only_against_a_large_reference_of_the_speech_area():
    assert findings.reuse(_reuse(REUSED, RATIOS, n_reference=25)) == \
        "文本复用：8个句子中有2句与参照讲话相同或近似（占25.0%），主要来自p01、p03；其余为原创内容。"
    assert findings.reuse(_reuse([False] * 3, [("p01", 0.0)], n_reference=25)) == \
        "文本复用：3个句子均未在参照讲话中出现，未发现套用段落。"


def test_reuse_against_a_small_or_unfit_reference_claims_no_originality():
    assert findings.reuse(_reuse(REUSED, RATIOS, n_reference=12)) == \
        ("文本复用：8个句子中有2句与参照讲话相同或近似（占25.0%），主要来自p01、p03；"
         "其余句子未在参照语料中发现重复段落（参照语料只有12篇讲话，不足20篇，不能据此判断是否原创）。")
    assert findings.reuse(_reuse([False] * 3, [("p01", 0.0)], n_reference=3)) == \
        ("文本复用：未在参照语料中发现重复段落，3个句子均未在参照讲话中出现"
         "（参照语料只有3篇讲话，不足5篇，不能据此判断是否原创）。")
    assert findings.reuse(_reuse([False] * 3, [("p01", 0.0)], n_reference=25, area="禁毒")) == \
        ("文本复用：未在参照语料中发现重复段落，3个句子均未在参照讲话中出现"
         "（参照语料中没有“禁毒”领域的讲话，不能据此判断是否原创）。")
    assert findings.reuse(_reuse([False] * 3, [("p01", 0.0)], n_reference=25, area=None)).endswith(
        "（本讲话未标注政策领域，无从确认参照语料与之同类，不能据此判断是否原创）。")


def test_reuse_sets_a_near_duplicate_apart():
    dup = pd.concat([pd.DataFrame({"doc_id": ["p09"], "similarity": [0.991]}), SIM], ignore_index=True)
    reused = [True] * 7 + [False]
    matches = [("p09", 20 * i) for i in range(7)] + [("p01", 40)]
    r = _reuse(reused, [("p09", 0.875), ("p01", 0.125)], matches, n_reference=25, sim=dup)
    assert findings.reuse(r) == ("文本复用：8个句子中有7句与参照讲话相同或近似（占87.5%），主要来自p09、p01；"
                                 "其中p09与本讲话为同一文本（相似度≥0.90），除去后1句（占12.5%）见于其他参照讲话；其余为原创内容。")


def test_findings_of_the_tiny_speech_in_order(tiny_result):
    f = findings.findings(tiny_result)
    assert len(f) == len(findings.FINDINGS) == 17
    assert f[:3] == [
        "结构：全文分3个部分、4个小节（一、统一思想，看清形势；二、突出重点，抓好落实；三、加强领导，压实责任）。",
        # “绿色家庭”评选 names a campaign and 落实“一把手”责任 a post: formulas() keeps both as non-formulas (terms), not 提法
        "列举与提法：1组“一是/一要”式列举；1条提法，如“分类投放、分类收运、分类处理”。",
        "引用文件2份：《县生活垃圾分类管理办法》（2次）、《省城乡环境卫生条例》。",
    ]
    assert f[4] == "量化目标与时间节点4处，如年底前、全覆盖、到2025年、95%。"
    reuse = f[10]
    assert reuse.startswith("文本复用：8个句子中有1句与参照讲话相同或近似") and "主要来自p01" in reuse
    # four reference speeches: every comparison says how little it rests on, and nothing is called original
    assert reuse.endswith("（参照语料只有4篇讲话，不足5篇，不能据此判断是否原创）。")
    # the cleaning record and the codebook analyses follow, in FINDINGS order
    assert f[11:] == [
        "清洗：5篇文档，删除83字；标题、场合、日期、讲话人等5行表头转为元数据。",
        "政策工具：供给型1处、环境型3处；2个点名部门被赋予工具，如教育（目标规划）、财政（资金投入）。",
        "指令力度：6句指令中强制16.7%、要求66.7%、引导16.7%、可选0.0%，平均力度3.00（参照语料3.33；"
        "同领域2篇讲话3.33，本讲话高于25%的同领域讲话，强制句占比高于50%）。",
        "基调：成绩表述1处、问题表述3处；问题最集中在“短板依然突出”部分（3处）。",
        "讲话点明的问题3个：一是农村收运体系不全；二是群众参与热情不高；三是末端处理能力不足。",
        "文本统计（与4篇参照讲话比）：字数296（第100百分位）、词数147（第100百分位）、句数17（第100百分位）、"
        "平均句长17.4字（第50百分位）、词汇多样性MTLD132.0（第50百分位）、套话占比36.7%（第100百分位）。",
    ]
    assert all(x.startswith("参照语料只有4篇讲话，不足5篇，") for x in f if x.startswith(("与4篇", "最相似", "主题")))


def test_findings_with_nothing_to_report_are_left_out(tiny_result):
    from dataclasses import replace

    bare = replace(tiny_result, references=tiny_result.references.iloc[:0], duties=tiny_result.duties.iloc[:0],
                   targets=tiny_result.targets.iloc[:0], peer_keyness=None)
    f = findings.findings(bare)
    assert len(f) == 13 and not any(x.startswith(("引用文件", "部门分工", "量化目标", "与同领域")) for x in f)


def test_every_chart_has_a_takeaway_and_they_read_the_tables():
    assert [c.name for c in CHARTS] == list(findings.TAKEAWAYS)
    r = SimpleNamespace(keyness=KEYNESS.assign(n_target=[9, 12, 2, 4, 0, 1, 0]), options=BriefingOptions(dispersion_terms=2),
                        top_terms=pd.DataFrame({"term": ["分类", "收运", "投放", "减量"]}),
                        outline=pd.DataFrame({"level": [0, 1, 2, 1]}), duties=pd.DataFrame({"bodies": [("城管",)] * 5}),
                        similar_documents=pd.DataFrame({"doc_id": ["p01"], "similarity": [0.5412]}),
                        topic_comparison=pd.DataFrame({"label": ["垃圾·收运"], "target": [0.8], "corpus_mean": [0.25]}),
                        policy_instruments=pd.DataFrame({"side": ["环境型", "供给型", "环境型"],
                                                         "body": ["教育", "财政", "（未指明）"],
                                                         "instrument": ["目标规划", "资金投入", "考核督查"],
                                                         "count": [2, 1, 3]}),
                        directive_strength=pd.DataFrame({"path": ["一", "二", "三"], "title": ["看清形势", "抓好落实", "压实责任"],
                                                         "n_directives": [1, 4, 3], "mean_score": [4.0, 3.25, 3.5]}),
                        strength_profile=pd.DataFrame({"measure": ["mean_score"], "target": [3.4], "reference": [3.1],
                                                       "n_peers": [2], "peers": [3.0], "peers_percentile": [100.0]}),
                        tone=pd.DataFrame({"n_praise": [1, 0, 2], "n_problem": [0, 3, 0]}),
                        textstats_percentiles=pd.DataFrame({"measure": ["n_chars", "ttr", "mtld"],
                                                            "percentile": [90.0, 10.0, 50.0]}),
                        correspondence_map=pd.DataFrame({"x": [0.0]}))
    r.correspondence_map.attrs["explained"] = [0.412, 0.203]
    t = {name: f(r) for name, f in findings.TAKEAWAYS.items()}
    assert t["top_terms"] == "出现最多的词：分类、收运、投放"
    assert t["wordcloud"] == "词云突出“分类”等核心词"
    assert t["keyness"] == "最突出的多用词：收运、分类；明显少用：食品、学校（p<0.001、至少3次，按对数比）"
    assert t["topic_shares"] == "主导主题“垃圾·收运”占80.0%，语料平均25.0%"
    assert t["similar"] == "最相似：p01（相似度0.54）"
    assert t["outline_map"] == "全文分2个部分，各部分侧重点不同"
    assert t["dispersion"] == "收运、分类等关键词在各部分的分布"  # only the terms the chart shows
    assert t["duties"] == "共5处点名部门并布置任务"
    # a department's instruments; the busiest section of 3+ directives, not the 1-directive one scoring 4.0
    assert t["policy_instruments"] == "点名2个部门；以环境型工具为主（5处）"
    assert t["directive_strength"] == "力度最高的部分：三 压实责任（3句指令，平均力度3.50）"
    assert t["strength_profile"] == "平均力度3.40，同领域2篇讲话3.00（第100百分位）"
    assert t["tone"] == "成绩表述3处，问题表述3处"
    assert t["textstats"] == "最高：字数（第90百分位）；最低：类符/形符比TTR（第10百分位）"
    assert t["correspondence_map"] == "前两轴解释41.2%、20.3%的惯量；红色菱形为本讲话"


@pytest.mark.parametrize("name", ["structure", "keyness", "topics", "reuse"])
def test_findings_are_plain_functions_of_the_result(tiny_result, name):
    assert getattr(findings, name)(tiny_result) in findings.findings(tiny_result)
