"""Every sentence the briefing says in Chinese: one function per finding, one per chart takeaway.

Each function reads the tables of a :class:`~textmine.report.analyse.BriefingResult`
(any object with the same attributes) and returns the sentence, or None when there is
nothing to report (a speech that cites no document has no references finding).
The numbers all come from the tables.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

__all__ = ["FINDINGS", "TAKEAWAYS", "findings", "structure", "enumerations", "references", "duties", "targets",
           "top_terms", "keyness", "peer_keyness", "similar_documents", "topics", "reuse"]

Result = Any  # a BriefingResult, or any object with its table attributes


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def _over(r: Result) -> pd.DataFrame:
    return r.keyness[r.keyness.g2 > 0]


def _under(r: Result) -> pd.DataFrame:
    return r.keyness[r.keyness.g2 < 0].iloc[::-1]


# ----------------------------------------------------------------------------- findings

def structure(r: Result) -> str:
    """结构: the level-1 parts and level-2 subsections, with the parts' headings."""
    ol = r.outline
    lv1, lv2 = ol[ol.level == 1], ol[ol.level == 2]
    titles = "；".join(f"{m}{t}" for m, t in zip(lv1.marker, lv1.title))
    return f"结构：全文分{len(lv1)}个部分、{len(lv2)}个小节（{titles}）。"


def enumerations(r: Result) -> str:
    """列举与提法: groups of 一是/二是 enumerations and the quoted formulas."""
    en, fo = r.enumerations, r.formulas
    n_groups = en["group"].nunique() if len(en) else 0
    if len(fo):
        quoted = "、".join("“" + x + "”" for x in fo.formula.head(3))
        return f"列举与提法：{n_groups}组“一是/一要”式列举；{len(fo)}条提法，如{quoted}。"
    return f"列举与提法：{n_groups}组列举，未发现引号提法。"


def references(r: Result) -> str | None:
    """引用文件: every document cited, with its count when cited more than once."""
    rf = r.references
    if not len(rf):
        return None
    refs = "、".join(f"《{x}》" + (f"（{c}次）" if c > 1 else "") for x, c in zip(rf.reference, rf["count"]))
    return f"引用文件{len(rf)}份：{refs}。"


def duties(r: Result) -> str | None:
    """部门分工: how many duty assignments name how many bodies, and the first six bodies."""
    du = r.duties
    if not len(du):
        return None
    bodies = sorted({b for bs in du.bodies for b in (bs if isinstance(bs, (tuple, list)) else str(bs).split("、"))})
    return f"部门分工：{len(du)}处点名{len(bodies)}个部门或组织布置任务，如{'、'.join(bodies[:6])}。"


def targets(r: Result) -> str | None:
    """量化目标与时间节点: how many, and the first four."""
    tg = r.targets
    if not len(tg):
        return None
    return f"量化目标与时间节点{len(tg)}处，如{'、'.join(tg.text.head(4))}。"


def top_terms(r: Result) -> str:
    """高频词: the five most frequent terms with their counts."""
    tt = r.top_terms
    return "高频词：" + "、".join(f"{t}（{c}次）" for t, c in zip(tt.term.head(5), tt["count"].head(5))) + "。"


def keyness(r: Result) -> str:
    """The six most over-used terms (with G²) and the four most under-used, against the corpus."""
    over, under = _over(r), _under(r)
    return (f"与{r.n_reference}篇参照讲话相比，本讲话最突出多用的词是"
            + "、".join(f"{t}（G²={g:.1f}）" for t, g in zip(over.term.head(6), over.g2.head(6)))
            + "；明显少用" + "、".join(under.term.head(4)) + "。")


def peer_keyness(r: Result) -> str | None:
    """Terms used more than by most same-area speeches, one by one (None without such peers)."""
    pk = r.peer_keyness
    if pk is None or not len(pk):
        return None
    return ("与同领域讲话逐篇比较，本讲话特别多用："
            + "、".join(f"{t}（高于{p:.0f}%的同领域讲话）" for t, p in zip(pk.term.head(4), pk.percentile.head(4)))
            + "。")


def similar_documents(r: Result) -> str:
    """最相似的讲话: the three nearest speeches, with policy area and similarity."""
    sim = r.similar_documents

    def area(x: Any) -> str:
        a = getattr(x, "policy_area", "")
        return "" if a is None or pd.isna(a) else str(a)  # a speech without the metadata: blank, not "nan"

    desc = "；".join(f"{x.title if 'title' in sim else x.doc_id}（{area(x)}，相似度{x.similarity:.2f}）"
                    for x in sim.head(3).itertuples())
    return f"最相似的讲话：{desc}。"


def topics(r: Result) -> str:
    """主题: the speech's dominant topic against the corpus mean and the same-area mean."""
    t0 = r.topic_comparison.iloc[0]
    peers = f"，同领域讲话平均{_pct(t0.peers_mean)}" if not pd.isna(t0.peers_mean) else ""
    return (f"主题（{r.k}个主题模型）：主导主题“{t0.label}”占本讲话{_pct(t0.target)}，"
            f"语料平均{_pct(t0.corpus_mean)}{peers}。")


def reuse(r: Result) -> str:
    """文本复用: how many sentences are found in corpus speeches, and where from."""
    tr = r.reuse
    n_sentences, n_reused = len(tr.sentences), int(tr.sentences.reused.sum())
    if not n_reused:
        return f"文本复用：{n_sentences}个句子均未在参照讲话中出现，未发现套用段落。"
    src = tr.ratios[tr.ratios.reuse_ratio > 0].head(3)
    return (f"文本复用：{n_sentences}个句子中有{n_reused}句与参照讲话相同或近似（占{_pct(tr.reuse_ratio)}），"
            f"主要来自{'、'.join(src.doc_id)}；其余为原创内容。")


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
    name = sims.title.iloc[0] if "title" in sims else sims.doc_id.iloc[0]
    return f"最相似：{name}（相似度{sims.similarity.iloc[0]:.2f}）"


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
    "keyness": lambda r: (f"最突出的多用词：{'、'.join(_over(r).term.head(3))}；"
                          f"明显少用：{'、'.join(_under(r).term.head(3))}"),
    "topic_shares": _topic_shares_takeaway,
    "similar": _similar_takeaway,
    "outline_map": lambda r: f"全文分{int((r.outline.level == 1).sum())}个部分，各部分侧重点不同",
    "dispersion": _dispersion_takeaway,
    "section_heatmap": lambda r: "各部分的主题侧重",
    "cooccurrence": lambda r: "高频词之间的共现关系",
    "duties": lambda r: f"共{len(r.duties)}处点名部门并布置任务",
    "topic_trend": lambda r: "语料中各主题的年度变化",
}
"""Chart name → the one-line takeaway under its title (also the slide's headline)."""


# =============================================================================
# Cleaning record and the codebook analyses (issues 12 and 16). A separate block:
# the functions above are maintained elsewhere; these extend FINDINGS and TAKEAWAYS.
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
