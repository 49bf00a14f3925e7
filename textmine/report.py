"""The briefing pack: every analysis of one speech against a corpus, as charts, tables, Markdown and PPTX.

:func:`build_report` runs the whole chain — clean, tokenize, structure, keywords,
keyness, topics, similarity, text reuse — and writes ``<out>/<speech-id>/``:

- every chart (PNG and/or SVG, 16:9, deterministic bytes);
- every table as CSV in UTF-8 with a BOM (Excel opens the Chinese correctly);
- ``briefing.md``: the key findings in Chinese, numbers taken from the analyses, charts embedded;
- ``briefing.pptx``: a title slide, a findings slide, one chart per slide with a one-line takeaway.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .clean import clean
from .compare import section_themes, similar_documents, text_reuse, theme_comparison
from .corpus import (BUNDLED_CORPUS, BUNDLED_SPEECH, YEAR_UNKNOWN, Corpus, Document, count_cjk, load_corpus,
                     read_document)
from .dtm import Dtm
from .errors import EmptyDocumentError, InputError
from .keyness import keyness, peer_keyness
from .keywords import cooccurrence, dispersion, section_keywords
from .structure import duties, enumerations, formulas, outline, references, targets
from .tokenize import Tokenizer
from .topics import choose_k, fit_topics, topic_trend

__all__ = ["build_report", "Report", "FORMATS", "DEFAULT_FORMATS"]

logger = logging.getLogger(__name__)

FORMATS = ("png", "svg", "csv", "md", "pptx")
DEFAULT_FORMATS = FORMATS


@dataclass
class Report:
    """What :func:`build_report` wrote and found.

    Attributes
    ----------
    out_dir : Path
    formats : set of str
        What was asked for (png, svg, csv, md, pptx).
    files : list of Path
        Every file written, in order.
    findings : list of str
        The key findings, in Chinese (also in briefing.md and on the findings slide).
    charts : dict
        Chart name → (title, takeaway, list of image paths).
    skipped : list of str
        Charts or tables that could not be made, and why (e.g. no ``year`` metadata).
    """

    out_dir: Path
    formats: set[str] = field(default_factory=lambda: set(FORMATS))
    files: list[Path] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    charts: dict[str, tuple[str, str, list[Path]]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def summary(self) -> str:
        """A short, human-readable summary of the pack."""
        kinds: dict[str, int] = {}
        for f in self.files:
            kinds[f.suffix.lstrip(".")] = kinds.get(f.suffix.lstrip("."), 0) + 1
        parts = ", ".join(f"{n} {k.upper()}" for k, n in sorted(kinds.items()))
        lines = [f"wrote {len(self.files)} files to {self.out_dir}: {parts}"]
        lines += [f"  skipped: {s}" for s in self.skipped]
        return "\n".join(lines)


def _load_speech(speech: Document | str | Path | None, meta: dict[str, Any] | None = None) -> Document:
    if speech is None:
        speech = BUNDLED_SPEECH
    if isinstance(speech, (str, Path)):
        p = Path(speech)
        if p.is_dir():
            raise InputError(f"speech {p} is a folder; expected one speech file (.txt, .md, .docx)")
        speech = read_document(p)  # with its row of a metadata.csv beside it, if any
    if not isinstance(speech, Document):
        raise InputError(f"speech is a {type(speech).__name__}; expected a path or a Document")
    if meta:  # --title/--area/--year/--level: coerced like every metadata source
        speech = speech.with_meta(**meta)
    if count_cjk(speech.text) == 0:
        raise EmptyDocumentError(f"speech {speech.source or speech.doc_id} has no Chinese text to analyse")
    return speech


def _load_corpus(corpus: Corpus | str | Path | Sequence[str | Path] | None, **options: Any) -> Corpus:
    if corpus is None:
        corpus = BUNDLED_CORPUS
    if not isinstance(corpus, Corpus):
        corpus = load_corpus(corpus, **options)
    docs = []
    for d in corpus:
        if count_cjk(d.text) > 0:
            docs.append(d)
        else:  # never dropped silently: the ingest log and the report's summary say so
            corpus.log.add(d.source or d.doc_id, "skipped", "no Chinese text; left out of the comparison")
    if not docs:
        raise EmptyDocumentError("corpus is empty: it holds no document with Chinese text")
    return Corpus(docs, log=corpus.log)


def _write_csv(report: Report, name: str, df: pd.DataFrame, *, index: bool = False) -> None:
    report.tables[name] = df
    if "csv" not in report.formats:
        return
    out = df.copy()
    for col in out.columns:  # tuples (parts, bodies) as 、-joined text
        if out[col].map(lambda v: isinstance(v, (tuple, list))).any():
            out[col] = out[col].map(lambda v: "、".join(map(str, v)) if isinstance(v, (tuple, list)) else v)
    path = report.out_dir / f"{name}.csv"
    out.to_csv(path, index=index, encoding="utf-8-sig", float_format="%.6g", lineterminator="\n")
    report.files.append(path)


def _chart(report: Report, name: str, title: str, takeaway: str, make) -> None:
    from .plots import save_figure

    img_formats = [f for f in ("png", "svg") if f in report.formats]
    try:
        fig = make()
    except InputError as err:
        report.skipped.append(f"chart {name}: {err}")
        return
    paths: list[Path] = []
    if img_formats:
        paths = save_figure(fig, report.out_dir / name, formats=img_formats, dpi=200)
        report.files.extend(paths)
    report.charts[name] = (title, takeaway, paths)


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def build_report(speech: Document | str | Path | None = None, corpus: Corpus | str | Path | None = None, *,
                 out_dir: str | Path = "out", formats: Sequence[str] = DEFAULT_FORMATS, top: int = 20,
                 k: int | None = None, random_state: int = 0, tokenizer: Tokenizer | None = None,
                 progress: bool = True, on_error: str = "raise", text_column: str | None = None,
                 speech_meta: dict[str, Any] | None = None) -> Report:
    """Analyse a speech against a corpus and write the briefing pack.

    Parameters
    ----------
    speech : Document or path, optional
        Default: the bundled speech.
    corpus : Corpus or path, optional
        A folder, file or Corpus. Default: the bundled corpus. A corpus document with the
        speech's doc_id is left out of the comparisons.
    out_dir : path
        The pack goes to ``out_dir/<speech doc_id>/``.
    formats : sequence of {"png", "svg", "csv", "md", "pptx"}
    top : int
        Terms in top-term, keyness and similarity tables.
    k : int, optional
        Number of topics; default: the most coherent of 8–14 (NPMI).
    random_state : int
        Seed of the topic model, word clouds and network layout.
    tokenizer : Tokenizer, optional
    progress : bool
        Show progress bars (tqdm).
    on_error : {"raise", "skip"}
        A corpus file that cannot be read: raise its error, or skip it (listed in ``skipped``
        and ``ingest_log.csv``); see :func:`textmine.load_corpus`.
    text_column : str, optional
        The text column of table corpora (default: found automatically).
    speech_meta : dict, optional
        Metadata of the speech (``title``, ``policy_area``, ``year``, ``level`` …) that override
        its own, e.g. a policy area for the same-area comparison.

    Returns
    -------
    Report
    """
    from tqdm.auto import tqdm

    from . import plots

    formats = [formats] if isinstance(formats, str) else list(formats)
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise InputError(f"formats={formats!r}: expected some of {', '.join(FORMATS)}")
    if not isinstance(top, int) or top < 1:
        raise InputError(f"top={top!r}: expected a whole number >= 1")
    if "md" in formats and not {"png", "svg"} & set(formats):
        logger.info("briefing.md will have no images: neither png nor svg was asked for")
    raw_speech = _load_speech(speech, speech_meta)
    raw_corpus = _load_corpus(corpus, on_error=on_error, text_column=text_column)
    tok = tokenizer or Tokenizer()

    steps = tqdm(total=9, desc="textmine report", unit="step", disable=not progress)

    def step(msg: str) -> None:
        steps.set_postfix_str(msg)
        steps.update(1)

    s = clean(raw_speech)
    c = clean(raw_corpus)
    peers = c.drop(s.doc_id) if s.doc_id in c else c
    if len(peers) == 0:
        raise EmptyDocumentError("corpus is empty once the speech itself is left out; expected other speeches")
    out = Path(out_dir) / s.doc_id
    out.mkdir(parents=True, exist_ok=True)
    report = Report(out, formats=set(formats))
    report.skipped += [f"corpus file {e.path}: {e.reason}" for e in raw_corpus.log.skipped]
    if "csv" in formats:
        _write_csv(report, "ingest_log", raw_corpus.log.to_frame())

    # 1 tokens (cached) -------------------------------------------------------------------------
    tok.tokenize_many(list(peers) + [s], progress=progress)
    speech_dtm = Dtm.from_corpus(s, tokenizer=tok)
    corpus_dtm = Dtm.from_corpus(peers, tokenizer=tok)
    step("tokens")

    # 2 structure -----------------------------------------------------------------------------------
    ol, en, fo, rf, tg, du = outline(s), enumerations(s), formulas(s), references(s), targets(s), duties(s)
    for name, df in (("outline", ol.drop(columns="text")), ("enumerations", en), ("formulas", fo),
                     ("references", rf), ("targets", tg), ("duties", du)):
        _write_csv(report, name, df)
    sk = section_keywords(s, level=2, tokenizer=tok)
    _write_csv(report, "section_keywords", sk)
    step("structure")

    # 3 keywords and keyness ------------------------------------------------------------------------
    top_terms = speech_dtm.top_terms(top)
    _write_csv(report, "top_terms", top_terms)
    key = keyness(speech_dtm, corpus_dtm)
    _write_csv(report, "keyness", key)
    area = raw_speech.meta.get("policy_area")
    same_area = peers.filter(policy_area=area) if area else Corpus([])
    pk = None
    if len(same_area) >= 2:
        pk = peer_keyness(speech_dtm, Dtm.from_corpus(same_area, tokenizer=tok))
        _write_csv(report, "peer_keyness", pk)
    else:
        report.skipped.append(f"peer_keyness: fewer than 2 corpus speeches share the policy_area {area!r}")
    step("keyness")

    # 4 similarity ----------------------------------------------------------------------------------
    sim = similar_documents(speech_dtm, corpus_dtm)
    _write_csv(report, "similar", sim)
    step("similarity")

    # 5 topics --------------------------------------------------------------------------------------
    all_dtm = corpus_dtm.append(speech_dtm).trim(min_df=2, max_df=0.5)
    if k is None:
        ks = [x for x in range(8, 15) if x <= all_dtm.n_docs]
        if not ks:
            ks = [max(2, min(all_dtm.n_docs, 8))]
        scores = choose_k(all_dtm, ks, random_state=random_state)
        k = int(scores.loc[scores["coherence"].idxmax(), "k"])
        _write_csv(report, "choose_k", scores)
    model = fit_topics(all_dtm, k, random_state=random_state)
    _write_csv(report, "topics", model.topics(10))
    tc = theme_comparison(speech_dtm, corpus_dtm, model, area=area)
    _write_csv(report, "theme_comparison", tc)
    step("topics")

    # 6 text reuse ----------------------------------------------------------------------------------
    reuse = text_reuse(s, peers)
    _write_csv(report, "text_reuse_matches", reuse.matches)
    _write_csv(report, "text_reuse_ratios", reuse.ratios)
    _write_csv(report, "text_reuse_sentences", reuse.sentences)
    step("text reuse")

    # 7 charts --------------------------------------------------------------------------------------
    key_over = key[key.g2 > 0]
    key_under = key[key.g2 < 0].iloc[::-1]
    top_topic = tc.iloc[0]
    sims = sim.head(10)
    disp_terms = [t for t in key_over.term.head(6)]
    n_secs = int((ol.level == 1).sum())
    charts = [
        ("top_terms", "高频词", f"出现最多的词：{'、'.join(top_terms.term.head(3))}",
         lambda: plots.plot_top_terms(top_terms, n=min(top, 20))),
        ("wordcloud", "词云", f"词云突出“{top_terms.term.iloc[0]}”等核心词",
         lambda: plots.plot_wordcloud(speech_dtm.top_terms(150), random_state=random_state)),
        ("comparison_cloud", "本讲话 vs 参照语料", "红色为本讲话多用的词，灰蓝为参照语料更常用的词",
         lambda: plots.plot_comparison_cloud(key, random_state=random_state)),
        ("keyness", "关键性：多用与少用的词",
         f"最突出的多用词：{'、'.join(key_over.term.head(3))}；明显少用：{'、'.join(key_under.term.head(3))}",
         lambda: plots.plot_keyness(key, n=15)),
        ("topic_shares", "主题构成对比",
         f"主导主题“{top_topic.label}”占{_pct(top_topic.target)}，语料平均{_pct(top_topic.corpus_mean)}",
         lambda: plots.plot_topic_shares(tc)),
        ("similar", "最相似的讲话",
         f"最相似：{sims.title.iloc[0] if 'title' in sims else sims.doc_id.iloc[0]}（相似度{sims.similarity.iloc[0]:.2f}）",
         lambda: plots.plot_similar(sim, n=10)),
        ("outline_map", "讲话结构与各部分高频词", f"全文分{n_secs}个部分，各部分侧重点不同",
         lambda: plots.plot_outline_map(sk)),
        ("dispersion", "关键词在讲话中的分布", f"{'、'.join(disp_terms[:3])}等关键词在各部分的分布",
         lambda: plots.plot_dispersion(dispersion(s, disp_terms))),
        ("section_heatmap", "各部分 × 主题", "各部分的主题侧重",
         lambda: plots.plot_section_heatmap(_top_topic_columns(section_themes(s, model, level=2, tokenizer=tok)))),
        ("cooccurrence", "高频词共现网络", "高频词之间的共现关系",
         lambda: plots.plot_cooccurrence(cooccurrence(s, n=30, tokenizer=tok), random_state=random_state)),
        ("duties", "部门职责分工", f"共{len(du)}处点名部门并布置任务",
         lambda: plots.plot_duties(du)),
        ("topic_trend", "主题随年份的变化", "语料中各主题的年度变化",
         lambda: _trend_chart(plots, model, corpus_dtm.append(speech_dtm))),
    ]
    for name, title, takeaway, make in tqdm(charts, desc="charts", unit="chart", disable=not progress):
        _chart(report, name, title, takeaway, make)
    step("charts")

    # 8 findings ------------------------------------------------------------------------------------
    report.findings = _findings(s, ol, en, fo, rf, tg, du, top_terms, key_over, key_under, sim, tc, reuse, pk,
                                len(peers), k)
    if "md" in formats:
        report.files.append(_write_markdown(report, raw_speech, len(peers)))
    step("briefing.md")
    if "pptx" in formats:
        report.files.append(_write_pptx(report, raw_speech, len(peers)))
    step("briefing.pptx")
    steps.close()
    return report


def _top_topic_columns(df: pd.DataFrame, n: int = 8) -> pd.DataFrame:
    """Keep the n topics with the largest total share (a readable heatmap)."""
    keep = df.sum(axis=0).sort_values(ascending=False, kind="stable").index[:n]
    return df[[c for c in df.columns if c in set(keep)]]


def _trend_chart(plots: Any, model, dtm: Dtm):
    if "year" not in dtm.docs.columns or dtm.docs["year"].isna().all():
        raise InputError("the corpus has no year metadata; a topic trend needs a 'year' column")
    trend = topic_trend(model, dtm, by="year").drop(index=YEAR_UNKNOWN, errors="ignore")  # a year axis: no 年份不详
    if trend.empty:
        raise InputError("no corpus document has a year; a topic trend needs a 'year' column")
    trend = trend[[c for c in trend.mean().sort_values(ascending=False).index[:6]]]
    trend.index = [int(y) for y in trend.index]
    return plots.plot_topic_trend(trend)


def _findings(s, ol, en, fo, rf, tg, du, top_terms, key_over, key_under, sim, tc, reuse, pk, n_peers, k) -> list[str]:
    f: list[str] = []
    lv1 = ol[ol.level == 1]
    lv2 = ol[ol.level == 2]
    titles = "；".join(f"{m}{t}" for m, t in zip(lv1.marker, lv1.title))
    f.append(f"结构：全文分{len(lv1)}个部分、{len(lv2)}个小节（{titles}）。")
    n_groups = en["group"].nunique() if len(en) else 0
    f.append(f"列举与提法：{n_groups}组“一是/一要”式列举；{len(fo)}条提法，"
             f"如{'、'.join('“' + x + '”' for x in fo.formula.head(3))}。" if len(fo) else
             f"列举与提法：{n_groups}组列举，未发现引号提法。")
    if len(rf):
        refs = "、".join(f"《{r}》" + (f"（{c}次）" if c > 1 else "") for r, c in zip(rf.reference, rf["count"]))
        f.append(f"引用文件{len(rf)}份：{refs}。")
    if len(du):
        bodies = sorted({b for bs in du.bodies for b in (bs if isinstance(bs, (tuple, list)) else str(bs).split("、"))})
        f.append(f"部门分工：{len(du)}处点名{len(bodies)}个部门或组织布置任务，如{'、'.join(bodies[:6])}。")
    if len(tg):
        f.append(f"量化目标与时间节点{len(tg)}处，如{'、'.join(tg.text.head(4))}。")
    f.append("高频词：" + "、".join(f"{t}（{c}次）" for t, c in zip(top_terms.term.head(5), top_terms["count"].head(5)))
             + "。")
    f.append(f"与{n_peers}篇参照讲话相比，本讲话最突出多用的词是"
             + "、".join(f"{t}（G²={g:.1f}）" for t, g in zip(key_over.term.head(6), key_over.g2.head(6)))
             + "；明显少用" + "、".join(key_under.term.head(4)) + "。")
    if pk is not None and len(pk):
        f.append("与同领域讲话逐篇比较，本讲话特别多用："
                 + "、".join(f"{t}（高于{p:.0f}%的同领域讲话）" for t, p in zip(pk.term.head(4), pk.percentile.head(4)))
                 + "。")
    top3 = sim.head(3)
    desc = "；".join(f"{r.title if 'title' in sim else r.doc_id}（{getattr(r, 'policy_area', '') or ''}，"
                    f"相似度{r.similarity:.2f}）" for r in top3.itertuples())
    f.append(f"最相似的讲话：{desc}。")
    t0 = tc.iloc[0]
    peers_txt = f"，同领域讲话平均{_pct(t0.peers_mean)}" if not pd.isna(t0.peers_mean) else ""
    f.append(f"主题（{k}个主题模型）：主导主题“{t0.label}”占本讲话{_pct(t0.target)}，语料平均{_pct(t0.corpus_mean)}"
             f"{peers_txt}。")
    n_reused = int(reuse.sentences.reused.sum())
    if n_reused:
        src = reuse.ratios[reuse.ratios.reuse_ratio > 0].head(3)
        f.append(f"文本复用：{len(reuse.sentences)}个句子中有{n_reused}句与参照讲话相同或近似（占{_pct(reuse.reuse_ratio)}），"
                 f"主要来自{'、'.join(src.doc_id)}；其余为原创内容。")
    else:
        f.append(f"文本复用：{len(reuse.sentences)}个句子均未在参照讲话中出现，未发现套用段落。")
    return f


def _write_markdown(report: Report, speech: Document, n_peers: int) -> Path:
    lines = [f"# {speech.title}：文本分析简报", ""]
    meta = "，".join(str(speech.meta[k]) for k in ("place", "year", "occasion") if speech.meta.get(k))
    if meta:
        lines += [f"*{meta}*", ""]
    lines += [f"参照语料：{n_peers}篇讲话。以下数字均由 textmine 从讲话文本计算得出。", "", "## 主要发现", ""]
    lines += [f"- {x}" for x in report.findings]
    lines += ["", "## 图表", ""]
    for name, (title, takeaway, paths) in report.charts.items():
        img = next((p for p in paths if p.suffix == ".png"), paths[0] if paths else None)
        lines += [f"### {title}", "", takeaway, ""]
        if img is not None:
            lines += [f"![{title}]({img.name})", ""]
    tables = sorted(p.name for p in report.files if p.suffix == ".csv")
    if tables:
        lines += ["## 数据表（CSV，UTF-8 带 BOM，可用 Excel 打开）", ""] + [f"- `{t}`" for t in tables] + [""]
    if report.skipped:
        lines += ["## 未生成的内容", ""] + [f"- {x}" for x in report.skipped] + [""]
    path = report.out_dir / "briefing.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _write_pptx(report: Report, speech: Document, n_peers: int) -> Path:
    from pptx import Presentation
    from pptx.util import Emu, Inches, Pt

    from .plots import cjk_font

    font = cjk_font().name
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)

    def style(tf, size: int, bold: bool = False) -> None:
        for p in tf.paragraphs:
            for r in p.runs:
                r.font.size = Pt(size)
                r.font.bold = bold
                r.font.name = font
                rpr = r._r.get_or_add_rPr()
                ea = rpr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}ea")
                if ea is None:
                    ea = rpr.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}ea", {})
                    rpr.append(ea)
                ea.set("typeface", font)

    title_slide = prs.slides.add_slide(prs.slide_layouts[0])
    title_slide.shapes.title.text = speech.title
    title_slide.placeholders[1].text = f"文本分析简报 · 与{n_peers}篇参照讲话比较 · textmine"
    style(title_slide.shapes.title.text_frame, 40, bold=True)
    style(title_slide.placeholders[1].text_frame, 20)

    blank = prs.slide_layouts[6]
    findings = prs.slides.add_slide(blank)
    box = findings.shapes.add_textbox(Inches(0.6), Inches(0.3), Inches(12.1), Inches(0.9))
    box.text_frame.text = "主要发现"
    style(box.text_frame, 32, bold=True)
    body = findings.shapes.add_textbox(Inches(0.6), Inches(1.2), Inches(12.1), Inches(6.0))
    tf = body.text_frame
    tf.word_wrap = True
    for i, item in enumerate(report.findings[:9]):
        para = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        para.text = "• " + item
    style(tf, 14)

    for name, (title, takeaway, paths) in report.charts.items():
        png = next((p for p in paths if p.suffix == ".png"), None)
        if png is None:
            continue
        slide = prs.slides.add_slide(blank)
        head = slide.shapes.add_textbox(Inches(0.5), Inches(0.15), Inches(12.3), Inches(0.6))
        head.text_frame.text = takeaway
        style(head.text_frame, 22, bold=True)
        pic_h = Inches(6.55)
        pic_w = Emu(int(pic_h * 16 / 9))
        slide.shapes.add_picture(str(png), Emu(int((prs.slide_width - pic_w) / 2)), Inches(0.85), pic_w, pic_h)
    path = report.out_dir / "briefing.pptx"
    prs.save(path)
    return path
