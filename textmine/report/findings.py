"""Every sentence the briefing says in Chinese: one function per finding, one per chart takeaway.

Each function reads the tables of a :class:`~textmine.report.analyse.BriefingResult`
(any object with the same attributes) and returns the sentence, or None when there is
nothing to report (a speech that cites no document has no references finding).
The numbers all come from the tables, and each sentence says what it rests on.

How sure a finding is — the rules, all in this module:

- **Reference fit.** A reference corpus with fewer than :data:`MIN_REFERENCE` speeches
  is *small*; one in which no speech has the speech's ``policy_area`` (or that has no
  policy areas at all) is *unfit*. Either is said in front of every finding that compares
  the speech with the corpus (keyness, similarity, topics), with what it means there.
- **Similarity.** A match is judged against the similarities of the reference speeches
  among themselves (``result.reference_similarity``, same TF-IDF space): the pairs of
  speeches that share a policy area when there are at least :data:`MIN_PAIRS` of them,
  otherwise all pairs, near-duplicate pairs left out. A match below the lower quartile
  (:data:`WEAK_QUANTILE`) of those pairs is *weak*: weaker than three in four pairs of
  speeches of one kind. When the best match is weak the finding says
  "参照语料中没有与之相近的讲话". A match with similarity ≥ :data:`NEAR_DUPLICATE` is the
  same text from another source: named as such, left out of the similar speeches and
  of the reuse finding's statement about the rest of the speech.
- **Keyness.** The findings and the default chart keep over-used terms that occur at
  least :data:`MIN_TARGET_COUNT` times in the speech, and under-used terms that occur at
  least that often in the reference, both with G² p < :data:`MAX_P`; they are ranked by
  Hardie's log ratio (effect size), as Hardie (2014) advises, so a word seen twice in
  the speech and never in the reference no longer heads the list. The full keyness
  table keeps every term.
- **Reuse.** "其余为原创内容" is said only when the reference holds at least
  :data:`LARGE_REFERENCE` speeches and shares the speech's policy area; otherwise the
  finding says "未在参照语料中发现重复段落", a statement about the corpus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from ..structure import has_numbered_outline

__all__ = ["FINDINGS", "TAKEAWAYS", "findings", "structure", "enumerations", "references", "duties", "targets",
           "top_terms", "keyness", "peer_keyness", "similar_documents", "topics", "reuse",
           "key_terms", "weak_below", "near_duplicates",
           "MIN_REFERENCE", "LARGE_REFERENCE", "NEAR_DUPLICATE", "WEAK_QUANTILE", "MIN_PAIRS",
           "MIN_TARGET_COUNT", "MAX_P"]

Result = Any  # a BriefingResult, or any object with its table attributes

MIN_REFERENCE = 5
"""Fewer reference speeches than this: a *small* corpus, said in front of each comparison."""
LARGE_REFERENCE = 20
"""At least this many reference speeches (of the speech's area) before "其余为原创内容" is said."""
NEAR_DUPLICATE = 0.9
"""Similarity at or above which a reference speech is the same text from another source."""
WEAK_QUANTILE = 0.25
"""A match below this quantile of the reference's own pairwise similarities is weak."""
MIN_PAIRS = 3
"""Same-area pairs needed to judge by them; with fewer, all pairs are the yardstick."""
MIN_TARGET_COUNT = 3
"""Occurrences a key term needs (in the speech when over-used, in the reference when under-used)."""
MAX_P = 0.001
"""Significance level of G² for a key term."""


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def _over(r: Result) -> pd.DataFrame:
    return r.keyness[r.keyness.g2 > 0]


def _under(r: Result) -> pd.DataFrame:
    return r.keyness[r.keyness.g2 < 0].iloc[::-1]


def _blank(x: Any) -> bool:
    return x is None or (not isinstance(x, (list, tuple)) and pd.isna(x)) or str(x).strip() == ""


def _speech_area(r: Result) -> str | None:
    doc = getattr(r, "doc", None)
    a = doc.meta.get("policy_area") if doc is not None else None
    return None if _blank(a) else str(a)


def _reference_areas(r: Result) -> set[str] | None:
    """The policy areas of the reference speeches; None when none is recorded."""
    sim = r.similar_documents
    if "policy_area" not in sim:
        return None
    areas = {str(a) for a in sim.policy_area if not _blank(a)}
    return areas or None


def _unfit(r: Result) -> str | None:
    """Why the reference is not of the speech's kind (None when it is, or the speech has no area)."""
    area = _speech_area(r)
    if area is None:
        return None
    areas = _reference_areas(r)
    if areas is None:
        return f"参照语料未标注政策领域，无从确认其中有“{area}”领域的讲话"
    return None if area in areas else f"参照语料中没有“{area}”领域的讲话"


def _small(r: Result) -> str | None:
    n = r.n_reference
    return f"参照语料只有{n}篇讲话，不足{MIN_REFERENCE}篇" if n < MIN_REFERENCE else None


def _caveat(r: Result, *, small: str, unfit: str) -> str:
    """"<why the reference falls short>，<what that means here>：" in front of a comparison, or ""."""
    why, means = [], []
    if (s := _small(r)) is not None:
        why.append(s)
        means.append(small)
    if (u := _unfit(r)) is not None:
        why.append(u)
        means.append(unfit)
    return "，".join(why + means) + "：" if why else ""


def _name(x: Any) -> str:
    t = getattr(x, "title", None)
    return str(x.doc_id) if _blank(t) else str(t)


def _area_of(x: Any) -> str:
    a = getattr(x, "policy_area", "")
    return "" if _blank(a) else f"{a}，"  # a speech without the metadata: nothing, not "nan"


def near_duplicates(r: Result) -> pd.DataFrame:
    """The reference speeches with similarity ≥ :data:`NEAR_DUPLICATE`: the same text from another source."""
    sim = r.similar_documents
    return sim[sim.similarity >= NEAR_DUPLICATE]


def _yardstick(r: Result) -> tuple[pd.Series, str] | None:
    """The pairwise similarities a match is judged by, and what they are (None without pairs)."""
    rs = getattr(r, "reference_similarity", None)
    if rs is None or not len(rs):
        return None
    rs = rs[rs.similarity < NEAR_DUPLICATE]
    same = rs[rs.same_area] if "same_area" in rs else rs.iloc[:0]
    if len(same) >= MIN_PAIRS:
        return same.similarity, "参照语料同领域讲话两两相似度"
    return (rs.similarity, "参照语料讲话两两相似度") if len(rs) else None


def weak_below(r: Result) -> float | None:
    """The similarity below which a match is weak (the yardstick's lower quartile); None when it cannot be judged."""
    ys = _yardstick(r)
    if ys is None or _small(r) is not None:
        return None
    return float(ys[0].quantile(WEAK_QUANTILE))


def key_terms(r: Result) -> pd.DataFrame:
    """The key terms of the findings and the default keyness chart, over-used first.

    Over-used: g2 > 0, ``n_target`` ≥ :data:`MIN_TARGET_COUNT`, p < :data:`MAX_P`, by
    log ratio, highest first. Under-used: g2 < 0, ``n_reference`` ≥ :data:`MIN_TARGET_COUNT`,
    p < :data:`MAX_P`, by log ratio, lowest first. ``attrs["labels"]["log_ratio"]`` names
    the statistic and the filter (the chart's axis).
    """
    k = r.keyness
    sig = k.p < MAX_P
    over = k[sig & (k.g2 > 0) & (k.n_target >= MIN_TARGET_COUNT)].sort_values(
        ["log_ratio", "term"], ascending=[False, True], kind="stable")
    under = k[sig & (k.g2 < 0) & (k.n_reference >= MIN_TARGET_COUNT)].sort_values(
        ["log_ratio", "term"], ascending=[True, True], kind="stable")
    out = pd.concat([over, under]).reset_index(drop=True)
    labels = dict(k.attrs.get("labels", {}))
    labels["log_ratio"] = (f"Hardie 对数比 Log Ratio（以 2 为底；仅 G² 检验 p < {MAX_P:g}、"
                           f"出现至少 {MIN_TARGET_COUNT} 次的词）")
    out.attrs.update(k.attrs, labels=labels)
    return out


def _key_over(r: Result) -> pd.DataFrame:
    kt = key_terms(r)
    return kt[kt.g2 > 0]


def _key_under(r: Result) -> pd.DataFrame:
    kt = key_terms(r)
    return kt[kt.g2 < 0]


# ----------------------------------------------------------------------------- findings

def structure(r: Result) -> str:
    """结构: the level-1 parts and level-2 subsections, with the parts' headings (or: no numbered outline)."""
    ol = r.outline
    if not has_numbered_outline(ol):
        return "结构：讲话没有编号的提纲。"
    lv1, lv2 = ol[ol.level == 1], ol[ol.level == 2]
    titles = "；".join(f"{m}{t}" for m, t in zip(lv1.marker, lv1.title))
    return f"结构：全文分{len(lv1)}个部分、{len(lv2)}个小节（{titles}）。"


def enumerations(r: Result) -> str:
    """列举与提法: groups of 一是/二是 enumerations and the quoted formulas."""
    en, fo = r.enumerations, r.formulas
    if "kind" in fo.columns:  # quoted poems, sayings, scare quotes … are kept in the table, not counted here
        fo = fo[fo["kind"] != "non_formula"]
    n_groups = en["group"].nunique() if len(en) else 0
    if len(fo):
        quoted = "、".join("“" + x + "”" for x in fo.formula.head(3))
        return f"列举与提法：{n_groups}组“一是/一要”式列举；{len(fo)}条提法，如{quoted}。"
    return f"列举与提法：{n_groups}组列举，未发现引号提法。"


def references(r: Result) -> str | None:
    """引用文件: every document cited, with its count when cited more than once."""
    rf = r.references
    if "kind" in rf.columns:  # media titles (《人民日报》) are not cited documents
        rf = rf[rf["kind"] != "media"]
    if not len(rf):
        return None
    kinds = rf["kind"] if "kind" in rf.columns else ["document"] * len(rf)
    refs = "、".join((f"《{x}》" if k == "document" else x) + (f"（{c}次）" if c > 1 else "")
                    for x, c, k in zip(rf.reference, rf["count"], kinds))
    return f"引用文件{len(rf)}份：{refs}。"


def duties(r: Result) -> str | None:
    """部门分工: how many duty assignments name how many bodies, and the first six bodies."""
    du = r.duties
    if not len(du):
        return None
    bodies = sorted({b for bs in du.bodies for b in (bs if isinstance(bs, (tuple, list)) else str(bs).split("、"))})
    return f"部门分工：{len(du)}处点名{len(bodies)}个部门或组织布置任务，如{'、'.join(bodies[:6])}。"


def targets(r: Result) -> str | None:
    """量化目标与时间节点: how many targets (``kind == "target"``; statistics and bare dates left out), the first four."""
    tg = r.targets
    if "kind" in tg:
        tg = tg[tg["kind"] == "target"]
    if not len(tg):
        return None
    return f"量化目标与时间节点{len(tg)}处，如{'、'.join(tg.text.head(4))}。"


def top_terms(r: Result) -> str:
    """高频词: the five most frequent terms with their counts."""
    tt = r.top_terms
    return "高频词：" + "、".join(f"{t}（{c}次）" for t, c in zip(tt.term.head(5), tt["count"].head(5))) + "。"


def _lr(x: Any) -> str:
    return f"{x.term}（对数比{x.log_ratio:.1f}，本讲话{x.n_target}次/参照{x.n_reference}次）"


def keyness(r: Result) -> str:
    """The six strongest over-used key terms and the four strongest under-used (see :func:`key_terms`)."""
    over, under = _key_over(r), _key_under(r)
    head = (f"与{r.n_reference}篇参照讲话相比（G²检验p<{MAX_P:g}、出现至少{MIN_TARGET_COUNT}次的词，"
            f"按Hardie对数比排序），")
    said = ("本讲话最突出多用的词是" + "、".join(_lr(x) for x in over.head(6).itertuples()) if len(over)
            else "本讲话没有显著多用的词")
    said += ("；明显少用" + "、".join(_lr(x) for x in under.head(4).itertuples()) if len(under)
             else "；没有显著少用的词")
    caveat = _caveat(r, small="词频差异可能只反映这几篇讲话的特点",
                     unfit="下列差异多反映领域不同，不一定是本讲话的特点")
    return f"{caveat}{head}{said}。"


def _n_peers(r: Result) -> int | None:
    area, sim = _speech_area(r), getattr(r, "similar_documents", None)
    if area is None or sim is None or "policy_area" not in sim:
        return None
    return int((sim.policy_area.astype("object") == area).sum()) or None


def peer_keyness(r: Result) -> str | None:
    """Terms used more than by most same-area speeches, one by one (None without such peers)."""
    pk = r.peer_keyness
    if pk is None or not len(pk):
        return None
    m = _n_peers(r)

    def above(p: float) -> str:
        if p >= 100:
            return f"高于全部{m}篇同领域讲话" if m else "高于全部同领域讲话"
        return f"高于{m}篇同领域讲话中的{p:.0f}%" if m else f"高于{p:.0f}%的同领域讲话"

    return ("与同领域讲话逐篇比较（按每万词频率），本讲话特别多用："
            + "、".join(f"{t}（{above(p)}）" for t, p in zip(pk.term.head(4), pk.percentile.head(4)))
            + "。")


def similar_documents(r: Result) -> str:
    """最相似的讲话: near-duplicates named apart; the three nearest others, judged against the reference's own pairs."""
    sim = r.similar_documents
    dup = near_duplicates(r)
    rest = sim[sim.similarity < NEAR_DUPLICATE]
    parts = []
    if len(dup):
        names = "、".join(f"{_name(x)}（相似度{x.similarity:.2f}）" for x in dup.itertuples())
        parts.append(f"同一文本：{names}与本讲话是同一讲话的另一来源（相似度≥{NEAR_DUPLICATE:.2f}），不计入相似讲话")
    caveat = _caveat(r, small="相似度高低无从比较", unfit="相似度只反映与其他领域讲话的接近程度")

    def one(x: Any) -> str:
        return f"{_name(x)}（{_area_of(x)}相似度{x.similarity:.2f}）"

    ys = _yardstick(r)
    cut = weak_below(r)
    if not len(rest):
        parts.append("除同一文本外，参照语料中没有其他讲话")
    elif cut is None:  # a small corpus or no pairs: list, but no judgement
        parts.append("最相似的讲话（TF-IDF余弦相似度）：" + "；".join(one(x) for x in rest.head(3).itertuples()))
    else:
        basis = f"{ys[1]}的下四分位数为{cut:.2f}"
        close = rest[rest.similarity >= cut]
        if not len(close):
            best = rest.iloc[0]
            parts.append(f"参照语料中没有与之相近的讲话（最相似的{_name(best)}，{_area_of(best)}"
                         f"TF-IDF余弦相似度{best.similarity:.2f}，低于{ys[1]}的下四分位数{cut:.2f}）")
        else:
            parts.append("最相似的讲话：" + "；".join(one(x) for x in close.head(3).itertuples())
                         + f"（TF-IDF余弦相似度；{basis}，低于此值视为不相近）")
    return caveat + "；".join(parts) + "。"


def topics(r: Result) -> str | None:
    """主题: the speech's dominant topic against the corpus mean and the same-area mean."""
    if r.topic_comparison is None:  # too small a corpus: the briefing lists why under 未生成的内容
        return None
    t0 = r.topic_comparison.iloc[0]
    peers = f"，同领域讲话平均{_pct(t0.peers_mean)}" if not pd.isna(t0.peers_mean) else ""
    caveat = _caveat(r, small="主题模型依据很少、不稳定", unfit="主题主要由其他领域的讲话学得，只能说明本讲话与它们的差别")
    return (f"{caveat}主题（{r.k}个主题模型）：主导主题“{t0.label}”占本讲话{_pct(t0.target)}，"
            f"语料平均{_pct(t0.corpus_mean)}{peers}。")


def _originality_doubts(r: Result) -> list[str]:
    """Why the sentences not found in the reference cannot be called original ([] when they can)."""
    why = [w for w in (_small(r), _unfit(r)) if w is not None]
    if _small(r) is None and r.n_reference < LARGE_REFERENCE:
        why.insert(0, f"参照语料只有{r.n_reference}篇讲话，不足{LARGE_REFERENCE}篇")
    if _speech_area(r) is None:
        why.append("本讲话未标注政策领域，无从确认参照语料与之同类")
    return why


def reuse(r: Result) -> str:
    """文本复用: how many sentences are found in corpus speeches, and where from; near-duplicates apart.

    "其余为原创内容" only against a large reference of the speech's area (see the module's rules).
    """
    tr = r.reuse
    sent = tr.sentences
    n_sentences, n_reused = len(sent), int(sent.reused.sum())
    doubts = _originality_doubts(r)
    unsure = f"（{'，'.join(doubts)}，不能据此判断是否原创）" if doubts else ""
    if not n_reused:
        if not doubts:
            return f"文本复用：{n_sentences}个句子均未在参照讲话中出现，未发现套用段落。"
        return f"文本复用：未在参照语料中发现重复段落，{n_sentences}个句子均未在参照讲话中出现{unsure}。"
    src = tr.ratios[tr.ratios.reuse_ratio > 0].head(3)
    said = (f"文本复用：{n_sentences}个句子中有{n_reused}句与参照讲话相同或近似（占{_pct(tr.reuse_ratio)}），"
            f"主要来自{'、'.join(src.doc_id)}")
    dup = set(near_duplicates(r).doc_id)
    if dup:  # the same text from another source: what is left once it is set aside
        m = tr.matches
        other = set(m.loc[~m.source_id.isin(dup), "target_start"])
        in_other = sent.reused & sent.start.isin(other)
        total = sent.n_chars.sum()
        share = sent.loc[in_other, "n_chars"].sum() / total if total else 0.0
        said += (f"；其中{'、'.join(sorted(dup))}与本讲话为同一文本（相似度≥{NEAR_DUPLICATE:.2f}），"
                 f"除去后{int(in_other.sum())}句（占{_pct(share)}）见于其他参照讲话")
    rest = f"其余句子未在参照语料中发现重复段落{unsure}" if doubts else "其余为原创内容"
    return f"{said}；{rest}。"


FINDINGS: tuple[Callable[[Result], str | None], ...] = (
    structure, enumerations, references, duties, targets, top_terms, keyness, peer_keyness, similar_documents,
    topics, reuse)
"""The findings, in the order the briefing lists them."""


def findings(r: Result) -> list[str]:
    """The key findings of a result, in order (those with nothing to report left out)."""
    return [text for f in FINDINGS if (text := f(r)) is not None]


# ----------------------------------------------------------------------------- chart takeaways

def _similar_takeaway(r: Result) -> str:
    sims = r.similar_documents
    rest = sims[sims.similarity < NEAR_DUPLICATE]
    dup = "" if len(rest) == len(sims) else f"；{len(sims) - len(rest)}篇为同一文本（相似度≥{NEAR_DUPLICATE:.2f}）"
    if not len(rest):
        return f"参照语料只有本讲话的同一文本{dup[1:]}"
    best = rest.iloc[0]
    cut = weak_below(r)
    if cut is not None and best.similarity < cut:
        return f"参照语料中没有与之相近的讲话（最高相似度{best.similarity:.2f}，阴影为不相近区）{dup}"
    return f"最相似：{_name(best)}（相似度{best.similarity:.2f}）{dup}"


def _topic_shares_takeaway(r: Result) -> str:
    t0 = r.topic_comparison.iloc[0]
    return f"主导主题“{t0.label}”占{_pct(t0.target)}，语料平均{_pct(t0.corpus_mean)}"


def _dispersion_takeaway(r: Result) -> str:
    terms = list(_over(r).term.head(min(3, r.options.dispersion_terms)))
    return f"{'、'.join(terms)}等关键词在各部分的分布"


TAKEAWAYS: dict[str, Callable[[Result], str]] = {
    "top_terms": lambda r: f"出现最多的词：{'、'.join(r.top_terms.term.head(3))}",
    "wordcloud": lambda r: f"词云突出“{r.top_terms.term.iloc[0]}”等核心词",
    "comparison_cloud": lambda r: "红色为本讲话多用的词，灰蓝为参照语料更常用的词",
    "keyness": lambda r: (f"最突出的多用词：{'、'.join(_key_over(r).term.head(3)) or '无'}；"
                          f"明显少用：{'、'.join(_key_under(r).term.head(3)) or '无'}"
                          f"（p<{MAX_P:g}、至少{MIN_TARGET_COUNT}次，按对数比）"),
    "topic_shares": _topic_shares_takeaway,
    "similar": _similar_takeaway,
    "outline_map": lambda r: (f"全文分{int((r.outline.level == 1).sum())}个部分，各部分侧重点不同"
                              if has_numbered_outline(r.outline) else "讲话没有编号的提纲"),
    "dispersion": _dispersion_takeaway,
    "section_heatmap": lambda r: "各部分的主题侧重",
    "cooccurrence": lambda r: "高频词之间的共现关系",
    "duties": lambda r: f"共{len(r.duties)}处点名部门并布置任务",
    "topic_trend": lambda r: "语料中各主题的年度变化",
}
"""Chart name → the one-line takeaway under its title (also the slide's headline)."""


# =============================================================================
# Cleaning record and the codebook analyses (issues 12 and 16). They extend FINDINGS and
# TAKEAWAYS rather than sit among the rules above, so that the order of the older findings holds.
# Each returns None when its table is unavailable (see ``BriefingResult.unavailable``).
# =============================================================================

_UNNAMED = "（未指明）"  # textmine.strength.UNNAMED_BODY: a directive that names no department


def _table(r: Result, name: str) -> pd.DataFrame | None:
    df = getattr(r, name, None)
    return df if df is not None and len(df) else None


def _levels_of(df: pd.DataFrame) -> list[str]:
    levels = df.attrs.get("levels")
    return list(levels) if levels else [c[len("share_"):] for c in df.columns if c.startswith("share_")]


def cleaning(r: Result) -> str | None:
    """清洗: the one-line summary of the cleaning record (cleaning.csv)."""
    return getattr(r, "cleaning_summary", None)


def policy_instruments(r: Result) -> str | None:
    """政策工具: matches per side, and the named departments with their main instruments."""
    pi = _table(r, "policy_instruments")
    if pi is None:
        return None
    sides = pi.groupby("side", sort=False)["count"].sum()
    order = [s for s in pi.attrs.get("sides", []) if s in sides.index] or list(sides.index)
    side_text = "、".join(f"{s}{int(sides[s])}处" for s in order)
    named = pi[pi.body != _UNNAMED]
    if not len(named):
        return f"政策工具：{side_text}，均未点名部门。"
    per_body = []
    for body, g in named.groupby("body", sort=False):
        g = g.sort_values("count", ascending=False, kind="stable")
        per_body.append(f"{body}（{'、'.join(g.instrument.head(2))}）")
    return (f"政策工具：{side_text}；{named.body.nunique()}个点名部门被赋予工具，如"
            + "、".join(per_body[:6]) + "。")


def strength_profile(r: Result) -> str | None:
    """指令力度: the level shares and mean score, against the corpus and the same-area peers."""
    sp = _table(r, "strength_profile")
    if sp is None:
        return None
    rows = sp.set_index("measure")
    levels = _levels_of(sp)
    ds = _table(r, "directive_strength")
    n = f"{int(ds.n_directives.sum())}句指令中" if ds is not None else ""
    shares = "、".join(f"{lv}{_pct(rows.at[f'share_{lv}', 'target'])}" for lv in levels
                       if f"share_{lv}" in rows.index)
    ms = rows.loc["mean_score"]
    s = f"指令力度：{n}{shares}，平均力度{ms.target:.2f}（参照语料{ms.reference:.2f}"
    if "n_peers" in rows.columns and ms.n_peers and not pd.isna(ms.peers):
        strongest = f"share_{levels[0]}"
        s += (f"；同领域{int(ms.n_peers)}篇讲话{ms.peers:.2f}，本讲话高于{ms.peers_percentile:.0f}%的同领域讲话"
              + (f"，{levels[0]}句占比高于{rows.at[strongest, 'peers_percentile']:.0f}%" if strongest in rows.index
                 else ""))
    return s + "）。"


def tone(r: Result) -> str | None:
    """基调: praise and problem matches, and the section where the problems concentrate."""
    tn = _table(r, "tone")
    if tn is None:
        return None
    n_praise, n_problem = int(tn.n_praise.sum()), int(tn.n_problem.sum())
    s = f"基调：成绩表述{n_praise}处、问题表述{n_problem}处"
    if n_problem:
        top = tn.loc[tn.n_problem.idxmax()]
        where = f"“{top.title}”部分" if str(top.title).strip() else "开篇（第一部分之前）"
        s += f"；问题最集中在{where}（{int(top.n_problem)}处）"
    return s + "。"


def problems(r: Result) -> str | None:
    """点明的问题: the problems the speech lists (一是…二是…), with the cue."""
    pb = _table(r, "problems")
    if pb is None:
        return None
    cue = next((c for c in pb.cue if c), "")
    items = "；".join(f"{m}{p}" for m, p in zip(pb.marker, pb.problem))
    return f"讲话点明的问题{len(pb)}个" + (f"（“{cue}”）" if cue else "") + f"：{items}。"


_STAT_LABELS = {"n_chars": "字数", "n_tokens": "词数", "n_sentences": "句数", "mean_sentence_chars": "平均句长",
                "mtld": "词汇多样性MTLD", "officialese_share": "套话占比"}
_ALL_STAT_LABELS = {**_STAT_LABELS, "n_types": "不同词数", "mean_sentence_tokens": "平均句长（词）", "ttr": "类符/形符比TTR"}


def textstats_percentiles(r: Result) -> str | None:
    """文本统计: length, sentences and diversity, each with its percentile in the corpus."""
    ts = _table(r, "textstats_percentiles")
    if ts is None:
        return None
    rows = ts.set_index("measure")

    def fmt(m: str) -> str:
        v = rows.at[m, "target"]
        val = _pct(v) if m == "officialese_share" else (f"{v:.1f}" if m in ("mean_sentence_chars", "mtld")
                                                        else f"{int(round(v)):,}")
        return f"{_STAT_LABELS[m]}{val}{'字' if m == 'mean_sentence_chars' else ''}（第{rows.at[m, 'percentile']:.0f}百分位）"

    parts = [fmt(m) for m in _STAT_LABELS if m in rows.index]
    return f"文本统计（与{int(ts.n_reference.iloc[0])}篇参照讲话比）：" + "、".join(parts) + "。"


FINDINGS = FINDINGS + (cleaning, policy_instruments, strength_profile, tone, problems, textstats_percentiles)
__all__ += ["cleaning", "policy_instruments", "strength_profile", "tone", "problems", "textstats_percentiles"]


def _directive_strength_takeaway(r: Result) -> str:
    ds = r.directive_strength[r.directive_strength.n_directives > 0]
    busy = ds[ds.n_directives >= 3]  # a section of one or two directives says little about its strength
    top = (busy if len(busy) else ds).sort_values(["mean_score", "n_directives"], ascending=False, kind="stable").iloc[0]
    return f"力度最高的部分：{top.path} {top.title}（{int(top.n_directives)}句指令，平均力度{top.mean_score:.2f}）"


def _policy_instruments_takeaway(r: Result) -> str:
    pi = r.policy_instruments
    sides = pi.groupby("side", sort=False)["count"].sum().sort_values(ascending=False, kind="stable")
    n_named = pi[pi.body != _UNNAMED].body.nunique()
    return f"点名{n_named}个部门；以{sides.index[0]}工具为主（{int(sides.iloc[0])}处）"


def _strength_profile_takeaway(r: Result) -> str:
    ms = r.strength_profile.set_index("measure").loc["mean_score"]
    if ms.n_peers and not pd.isna(ms.peers):
        return f"平均力度{ms.target:.2f}，同领域{int(ms.n_peers)}篇讲话{ms.peers:.2f}（第{ms.peers_percentile:.0f}百分位）"
    return f"平均力度{ms.target:.2f}，参照语料{ms.reference:.2f}"


def _tone_takeaway(r: Result) -> str:
    tn = r.tone
    return f"成绩表述{int(tn.n_praise.sum())}处，问题表述{int(tn.n_problem.sum())}处"


def _textstats_takeaway(r: Result) -> str:
    ts = r.textstats_percentiles.set_index("measure")
    hi, lo = ts.percentile.idxmax(), ts.percentile.idxmin()
    label = lambda m: _ALL_STAT_LABELS.get(m, m)  # noqa: E731
    return f"最高：{label(hi)}（第{ts.at[hi, 'percentile']:.0f}百分位）；最低：{label(lo)}（第{ts.at[lo, 'percentile']:.0f}百分位）"


def _correspondence_takeaway(r: Result) -> str:
    ex = r.correspondence_map.attrs.get("explained", [float("nan")] * 2)
    return f"前两轴解释{_pct(ex[0])}、{_pct(ex[1])}的惯量；红色菱形为本讲话"


TAKEAWAYS.update({
    "policy_instruments": _policy_instruments_takeaway,
    "directive_strength": _directive_strength_takeaway,
    "strength_profile": _strength_profile_takeaway,
    "tone": _tone_takeaway,
    "textstats": _textstats_takeaway,
    "correspondence_map": _correspondence_takeaway,
})
