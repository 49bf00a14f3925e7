"""Handwritten analysis tables (in the style of real speeches) shared by the tests of textmine.plots.

Charts are checked by inspecting the Figures (artists, texts, sizes), not pixels.
"""

from __future__ import annotations

import struct
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from textmine import plots  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]

# ---------------------------------------------------------------------------
# Handwritten analysis frames
# ---------------------------------------------------------------------------

TERMS = ["禁毒", "社区戒毒", "易制毒化学品", "安全生产", "毒品", "戒毒康复", "宣传教育", "青少年",
         "网格化", "隐患排查"]


def top_terms_df() -> pd.DataFrame:
    counts = [120, 95, 60, 44, 40, 31, 25, 18, 12, 9]
    return pd.DataFrame({"term": TERMS, "count": counts, "per_10k": [c / 2.5 for c in counts],
                         "doc_freq": [1] * len(TERMS)})


def keyness_df() -> pd.DataFrame:
    terms = ["禁毒", "社区戒毒", "易制毒化学品", "戒毒康复", "宣传教育",
             "经济发展", "改革开放", "基础设施", "招商引资", "财政收入", "中性词"]
    g2 = [85.0, 60.0, 42.0, 20.0, 6.5, -50.0, -33.0, -12.0, -8.0, -4.0, 0.0]
    return pd.DataFrame({"term": terms, "n_target": 1, "n_reference": 1, "per_10k_target": 1.0,
                         "per_10k_reference": 1.0, "g2": g2, "p": 0.01,
                         "log_ratio": [v / 20 for v in g2], "z_logodds": [v / 10 for v in g2]})


def topic_comparison_df(peers: bool = True) -> pd.DataFrame:
    return pd.DataFrame({
        "topic": [0, 1, 2, 3],
        "label": ["禁毒执法", "社区戒毒康复", "安全生产监管", "经济发展"],
        "target": [0.40, 0.30, 0.20, 0.10],
        "corpus_mean": [0.10, 0.15, 0.25, 0.50],
        "peers_mean": [0.30, 0.25, 0.25, 0.20] if peers else [np.nan] * 4,
        "n_peers": [4] * 4 if peers else [0] * 4,
        "diff_corpus": [0.3, 0.15, -0.05, -0.4],
        "diff_peers": [0.1, 0.05, -0.05, -0.1],
    })


def similar_documents_df() -> pd.DataFrame:
    return pd.DataFrame({
        "rank": [2, 1, 3, 4],
        "doc_id": ["d02", "d01", "d03", "d04"],
        "similarity": [0.71, 0.83, 0.52, 0.40],
        "title": ["全省安全生产工作会议讲话", "全市禁毒工作会议讲话", None, "禁毒宣传月启动讲话"],
        "policy_area": ["安全生产", "禁毒", "禁毒", None],
        "year": [2020, 2019, 2018, np.nan],
        "speaker": ["甲", "乙", "丙", "丁"],
    })


def section_keywords_df(rows: int = 15) -> pd.DataFrame:
    base = [("", 0, ""), ("一", 1, "充分认识禁毒工作的严峻形势"), ("一.（一）", 2, "毒品问题依然突出"),
            ("一.（二）", 2, "新型毒品不断出现"), ("二", 1, "突出重点全力推进禁毒人民战争"),
            ("二.（一）", 2, "严厉打击毒品犯罪"), ("二.（二）", 2, "加强社区戒毒社区康复"),
            ("二.（三）", 2, "强化易制毒化学品管控"), ("三", 1, "完善机制提升社会化水平"),
            ("三.（一）", 2, "压实各级各部门责任"), ("三.（二）", 2, "动员群众广泛参与"),
            ("四", 1, "加强组织领导"), ("四.（一）", 2, "健全工作机制"), ("四.（二）", 2, "强化保障措施"),
            ("五", 1, "以高度的政治责任感做好安全生产工作")][:rows]
    n_tokens = [300 + 50 * i for i in range(len(base))]
    return pd.DataFrame({
        "path": [p for p, _, _ in base], "level": [lv for _, lv, _ in base],
        "title": [t for _, _, t in base], "start": range(len(base)), "end": range(1, len(base) + 1),
        "n_tokens": n_tokens,
        "terms": ["、".join(TERMS[i % 5: i % 5 + 4]) for i in range(len(base))],
    })


def dispersion_df(with_attrs: bool = True) -> pd.DataFrame:
    rows = [("社区戒毒", 100, 0.05), ("禁毒", 150, 0.08), ("禁毒", 900, 0.45), ("社区戒毒", 1200, 0.60),
            ("禁毒", 1900, 0.95), ("易制毒化学品", 1500, 0.75)]
    df = pd.DataFrame([(t, s, r, "一", "形势") for t, s, r in rows],
                      columns=["term", "start", "rel_pos", "path", "section_title"])
    if with_attrs:
        df.attrs["sections"] = pd.DataFrame({"path": ["", "一", "一.（一）", "二"],
                                             "title": ["", "形势", "问题", "任务"],
                                             "rel_start": [0.0, 0.1, 0.3, 0.5], "level": [0, 1, 2, 1]})
        df.attrs["terms"] = ["禁毒", "社区戒毒", "易制毒化学品", "安全生产"]
    return df


def section_topics_df() -> pd.DataFrame:
    return pd.DataFrame([[0.50, 0.30, 0.20], [0.10, 0.60, 0.30], [np.nan, 0.25, 0.75]],
                        index=["开篇", "一、形势", "二、任务"], columns=["禁毒执法", "社区戒毒康复", "安全生产"])


def edges_df() -> pd.DataFrame:
    edges = pd.DataFrame({"source": ["禁毒", "禁毒", "社区戒毒", "安全生产", "禁毒", "毒品"],
                          "target": ["社区戒毒", "易制毒化学品", "戒毒康复", "隐患排查", "毒品", "青少年"],
                          "weight": [12, 8, 6, 5, 9, 3]})
    edges.attrs["counts"] = {"禁毒": 120, "社区戒毒": 95, "易制毒化学品": 60, "戒毒康复": 31,
                             "安全生产": 44, "隐患排查": 9, "毒品": 40, "青少年": 18}
    return edges


def duties_df() -> pd.DataFrame:
    return pd.DataFrame({
        "bodies": [("公安", "检察院", "法院"), "司法、民政", ["教育"], "应急管理、市场监管"],
        "duty": ["依法严惩毒品犯罪分子", "做好社区戒毒社区康复人员的帮扶救助工作", "把禁毒教育纳入中小学课程",
                 "加强易制毒化学品生产、经营、购买、运输各环节监管，严防流入非法渠道，" * 6],
        "sentence": ["公、检、法等部门要依法严惩毒品犯罪分子。", "……", "……", "……"],
        "start": [10, 40, 80, 20],
    })


def trend_df() -> pd.DataFrame:
    return pd.DataFrame({"禁毒执法": [0.2, 0.3, 0.4], "安全生产监管": [0.5, 0.4, 0.3], "经济发展": [0.3, 0.3, 0.3]},
                        index=[2021, 2019, 2020])


FREQS = dict(zip(TERMS, [120, 95, 60, 44, 40, 31, 25, 18, 12, 9]))

# name → (function, good input, a required column to drop)
# Tables of the codebook analyses (textmine.plots.analyses)

def instruments_df() -> pd.DataFrame:
    df = pd.DataFrame({
        "body": ["公安", "公安", "财政", "民政", "（未指明）"],
        "side": ["环境型", "需求型", "供给型", "供给型", "环境型"],
        "instrument": ["法规管制", "对外合作", "资金投入", "公共服务", "宣传教育"],
        "n_directives": [2, 1, 1, 1, 3], "count": [3, 1, 2, 1, 4],
        "keywords": [("打击",), ("协作",), ("经费",), ("救助",), ("宣传",)], "n_body_directives": [2, 2, 1, 1, 3]})
    df.attrs["instruments"] = [("供给型", "资金投入"), ("供给型", "公共服务"), ("环境型", "法规管制"),
                               ("环境型", "宣传教育"), ("需求型", "对外合作")]
    return df


def strength_sections_df() -> pd.DataFrame:
    return pd.DataFrame({"doc_id": "t", "path": ["", "一", "一.（一）", "二"], "title": ["", "提高认识", "加强宣传", "强化保障"],
                         "n_sentences": [3, 4, 5, 2], "n_directives": [1, 2, 4, 0],
                         "share_强制": [1.0, 0.5, 0.25, np.nan], "share_要求": [0.0, 0.5, 0.5, np.nan],
                         "share_引导": [0.0, 0.0, 0.25, np.nan], "share_可选": [0.0, 0.0, 0.0, np.nan],
                         "mean_score": [4.0, 3.5, 3.0, np.nan]})


def strength_profile_df(peers: bool = True) -> pd.DataFrame:
    return pd.DataFrame({"measure": ["share_强制", "share_要求", "share_引导", "share_可选", "mean_score"],
                         "target": [0.3, 0.6, 0.1, 0.0, 3.2], "reference": [0.2, 0.7, 0.05, 0.05, 3.05],
                         "peers": [0.25, 0.65, 0.1, 0.0, 3.15] if peers else [np.nan] * 5,
                         "percentile": [80.0, 30.0, 60.0, 20.0, 75.0]})


def tone_df() -> pd.DataFrame:
    return pd.DataFrame({"doc_id": "t", "path": ["", "一", "二"], "title": ["", "提高认识", "强化保障"],
                         "n_praise": [3, 0, 1], "n_problem": [5, 0, 0], "praise_per_10k": [60.0, 0.0, 10.0],
                         "problem_per_10k": [100.0, 0.0, 0.0], "balance": [-0.25, np.nan, 1.0]})


def textstats_df() -> pd.DataFrame:
    return pd.DataFrame({"measure": ["n_chars", "ttr", "officialese_share"], "target": [3200.0, 0.48, 0.3],
                         "reference_median": [3000.0, 0.52, 0.17], "percentile": [95.0, 10.0, 100.0]})


def map_df() -> pd.DataFrame:
    df = pd.DataFrame({"kind": ["document"] * 4 + ["term"] * 2, "id": ["a", "b", "c", "t", "禁毒", "防汛"],
                       "label": ["甲", "乙", "丙", "本讲话标题", "禁毒", "防汛"],
                       "dim1": [-1.0, -0.8, 1.2, -0.9, -1.5, 2.0], "dim2": [0.5, -0.4, 0.1, 0.0, 0.2, -0.3],
                       "policy_area": ["禁毒", "禁毒", "防汛", "禁毒", None, None],
                       "year": [2019, 2020, 2021, 2021, None, None],
                       "is_target": [False, False, False, True, False, False]})
    df.attrs["explained"] = [0.2, 0.1]
    return df


CHARTS = {
    "top_terms": (plots.plot_top_terms, top_terms_df, "count"),
    "wordcloud": (plots.plot_wordcloud, lambda: top_terms_df()[["term", "count"]], "count"),
    "comparison_cloud": (plots.plot_comparison_cloud, keyness_df, "g2"),
    "keyness": (plots.plot_keyness, keyness_df, "g2"),
    "topic_comparison": (plots.plot_topic_comparison, topic_comparison_df, "corpus_mean"),
    "similar_documents": (plots.plot_similar_documents, similar_documents_df, "similarity"),
    "section_keywords": (plots.plot_section_keywords, section_keywords_df, "terms"),
    "dispersion": (plots.plot_dispersion, dispersion_df, "rel_pos"),
    "section_topics": (plots.plot_section_topics, section_topics_df, None),
    "cooccurrence": (plots.plot_cooccurrence, edges_df, "weight"),
    "duties": (plots.plot_duties, duties_df, "bodies"),
    "topic_trend": (plots.plot_topic_trend, trend_df, None),
    "policy_instruments": (plots.plot_policy_instruments, instruments_df, "instrument"),
    "directive_strength": (plots.plot_directive_strength, strength_sections_df, "n_directives"),
    "strength_profile": (plots.plot_strength_profile, strength_profile_df, "reference"),
    "tone": (plots.plot_tone, tone_df, "n_praise"),
    "textstats": (plots.plot_textstats, textstats_df, "percentile"),
    "correspondence_map": (plots.plot_correspondence_map, map_df, "dim1"),
}


def ticklabels(axis) -> list[str]:
    return [t.get_text() for t in axis.get_ticklabels()]


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def glyph_warnings(records) -> list[str]:
    return [str(w.message) for w in records
            if "missing from" in str(w.message) or "Glyph" in str(w.message)]


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR"
    return struct.unpack(">II", head[16:24])
