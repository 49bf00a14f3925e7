"""The briefing's charts, as a table of specifications, and the step that draws and saves them.

Each :class:`ChartSpec` names the chart (its file stem), its title, its takeaway (from
:mod:`.findings`), the :class:`~.analyse.BriefingResult` table that feeds it, and the
:mod:`textmine.plots` function that draws that table, with the keyword arguments it
takes from the :class:`~.options.BriefingOptions`.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from . import findings
from .options import MAX_BARS, BriefingOptions

__all__ = ["ChartSpec", "CHARTS", "chart_input", "annotate", "figure", "draw_charts", "bounded", "MAX_SECTIONS", "MAX_MAP_DOCUMENTS",
           "MAX_YEARS"]

MAX_SECTIONS = 40
"""Sections (rows) drawn by ``outline_map``, ``section_heatmap`` and ``tone``. A longer speech keeps
its level-1 sections (一、) and the opening first (the word and tone counts of their subsections
added to them), then the first of them up to this many; the chart says how many of how many it
shows (the CSVs keep every section). The bundled speech has 14."""
MAX_MAP_DOCUMENTS = 300
"""Reference speeches drawn on the ``correspondence_map`` (the speech and the terms always are):
the most central ones, by mass, when the corpus is larger. The bundled corpus has 43."""
MAX_YEARS = 40
"""Years (the latest) drawn by ``topic_trend``. The bundled corpus spans 11."""

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChartSpec:
    """One chart of the briefing.

    Attributes
    ----------
    name : str
        File stem (``<name>.png``) and key of ``Report.charts``.
    title : str
        Heading in briefing.md.
    takeaway : callable
        ``takeaway(result)`` → the one-line takeaway (from :data:`.findings.TAKEAWAYS`).
    table : str
        The :class:`~.analyse.BriefingResult` attribute drawn.
    plot : str
        The :mod:`textmine.plots` function that draws it (looked up when drawing, so
        matplotlib loads only then).
    kwargs : callable
        ``kwargs(options)`` → the plot function's keyword arguments.
    select : callable, optional
        ``select(result)`` → the table drawn, instead of the ``table`` attribute itself
        (e.g. only the key terms that pass the findings' filter).
    result_kwargs : callable
        ``result_kwargs(result)`` → keyword arguments read from the result (e.g. the weak zone).
    """

    name: str
    title: str
    takeaway: Callable[[Any], str]
    table: str
    plot: str
    kwargs: Callable[[BriefingOptions], dict[str, Any]] = lambda o: {}
    select: Callable[[Any], Any] | None = None
    result_kwargs: Callable[[Any], dict[str, Any]] = lambda r: {}


def _spec(name: str, title: str, table: str, plot: str,
          kwargs: Callable[[BriefingOptions], dict[str, Any]] = lambda o: {}, **more: Any) -> ChartSpec:
    return ChartSpec(name, title, findings.TAKEAWAYS[name], table, plot, kwargs, **more)


DISPERSION_TITLE = "关键词在讲话中的分布（括号内为字符串出现次数，含词内出现）"
"""The dispersion chart counts every occurrence of the string, as KWIC does; the tables count tokens."""


def _seed(o: BriefingOptions) -> dict[str, Any]:
    return {"random_state": o.random_state}


def _keyness_table(r: Any) -> Any:
    # The filtered key terms, ranked by log ratio; when none pass the filter (a small or
    # unfit reference), the full table by G², so the chart still shows the strongest terms.
    kt = findings.key_terms(r)
    return kt if len(kt) else r.keyness


CHARTS: tuple[ChartSpec, ...] = (
    _spec("top_terms", "高频词", "top_terms", "plot_top_terms", lambda o: {"n": min(o.top_terms, MAX_BARS)}),
    _spec("wordcloud", "词云", "wordcloud", "plot_wordcloud", _seed),
    _spec("comparison_cloud", "本讲话 vs 参照语料", "keyness", "plot_comparison_cloud",
          lambda o: {"n": o.comparison_cloud_terms, "random_state": o.random_state}),
    _spec("keyness", "关键性：多用与少用的词", "keyness", "plot_keyness",
          lambda o: {"n": o.keyness_terms}, select=_keyness_table,
          result_kwargs=lambda r: {"measure": "log_ratio" if len(findings.key_terms(r)) else "g2"}),
    _spec("topic_shares", "主题构成对比", "topic_comparison", "plot_topic_comparison"),
    _spec("similar", "最相似的讲话", "similar_documents", "plot_similar_documents", lambda o: {"n": o.similar_documents},
          result_kwargs=lambda r: {"weak_below": findings.weak_below(r)}),
    _spec("outline_map", "讲话结构与各部分高频词", "section_keywords", "plot_section_keywords"),
    _spec("dispersion", "关键词在讲话中的分布", "dispersion", "plot_dispersion",
          lambda o: {"title": DISPERSION_TITLE}),
    _spec("section_heatmap", "各部分 × 主题", "section_topics", "plot_section_topics"),
    _spec("cooccurrence", "高频词共现网络", "cooccurrence", "plot_cooccurrence", _seed),
    _spec("duties", "部门职责分工", "duties", "plot_duties"),
    _spec("topic_trend", "主题随年份的变化", "topic_trend", "plot_topic_trend"),
    # --- the codebook analyses (issue 16) ---
    _spec("policy_instruments", "各部门被赋予的政策工具", "policy_instruments", "plot_policy_instruments"),
    _spec("directive_strength", "各部分的指令力度", "directive_strength", "plot_directive_strength"),
    _spec("strength_profile", "指令力度：本讲话与参照、同领域讲话", "strength_profile", "plot_strength_profile"),
    _spec("tone", "各部分的成绩与问题", "tone", "plot_tone"),
    _spec("textstats", "文本统计：本讲话在参照语料中的百分位", "textstats_percentiles", "plot_textstats"),
    _spec("correspondence_map", "对应分析图：讲话与特征词", "correspondence_map", "plot_correspondence_map"),
)
"""The charts, in briefing order."""


def _section_levels(name: str, table: Any, result: Any) -> Any:
    """The outline level of each row of a section table (0 the opening, 1 一、, 2 （一）)."""
    import numpy as np

    if "level" in getattr(table, "columns", ()):
        return table["level"].to_numpy()
    if "path" in getattr(table, "columns", ()):
        return np.array([0 if not isinstance(p, str) or not p else p.count(".") + 1 for p in table["path"]])
    keywords = getattr(result, "section_keywords", None)  # section_topics: the same sections, in the same order
    if keywords is not None and len(keywords) == len(table) and "level" in keywords:
        return keywords["level"].to_numpy()
    return np.ones(len(table), dtype=int)


_FOLDED = {"outline_map": ("n_tokens",), "tone": ("n_praise", "n_problem", "n_tokens")}
"""Counts of a left-out subsection added to its section (the row kept just before it)."""


def _first_sections(table: Any, levels: Any, cap: int, fold: Sequence[str] = ()) -> Any:
    """At most ``cap`` rows, in text order: the shallowest levels first (deeper ones left out whole,
    their ``fold`` counts added to the section they belong to)."""
    import numpy as np

    keep = np.ones(len(table), dtype=bool)
    for deepest in sorted({int(v) for v in levels if v > 1}, reverse=True):
        if keep.sum() <= cap:
            break
        keep &= levels < deepest
    rows = np.flatnonzero(keep)[:cap]
    out = table.iloc[rows].copy()
    fold = [c for c in fold if c in table.columns]
    if fold and not keep.all():
        owner = np.maximum.accumulate(np.where(keep, np.arange(len(table)), -1))  # the kept row at or before
        sums = table[fold].groupby(owner).sum()
        out[fold] = sums.reindex(rows).to_numpy()
        if "n_praise" in out:  # tone: the rates and the balance of the folded counts
            tokens = out["n_tokens"].where(out["n_tokens"] > 0)
            out["praise_per_10k"] = out["n_praise"] / tokens * 10_000
            out["problem_per_10k"] = out["n_problem"] / tokens * 10_000
            total = (out["n_praise"] + out["n_problem"]).where(lambda t: t > 0)
            out["balance"] = (out["n_praise"] - out["n_problem"]) / total
    return out


def bounded(name: str, table: Any, result: Any) -> tuple[Any, str]:
    """The table a chart draws, cut to a bounded number of items whatever the input, and a note.

    Returns
    -------
    table
        ``table`` itself when it is within the caps (:data:`MAX_SECTIONS`,
        :data:`MAX_MAP_DOCUMENTS`, :data:`MAX_YEARS`), else the rows drawn.
    note : str
        ``""``, or what was left out (written under the chart), e.g.
        ``图中列出 40 个部分（共 3001 个，全部见 section_keywords.csv）``.
    """
    n = len(table)
    if name in ("outline_map", "section_heatmap", "tone") and n > MAX_SECTIONS:
        cut = _first_sections(table, _section_levels(name, table, result), MAX_SECTIONS, _FOLDED.get(name, ()))
        csv = {"outline_map": "section_keywords.csv", "tone": "tone.csv"}.get(name)
        where = f"，全部见 {csv}" if csv else ""
        return cut, f"图中列出 {len(cut)} 个部分（共 {n} 个{where}）"
    if name == "correspondence_map" and "kind" in table:
        docs = (table["kind"] == "document") & ~table["is_target"].astype(bool)
        if docs.sum() > MAX_MAP_DOCUMENTS:
            mass = table["mass"].where(docs, -1.0) if "mass" in table else docs.astype(float)
            kept = set(mass.nlargest(MAX_MAP_DOCUMENTS).index)
            cut = table[~docs | table.index.isin(kept)]
            cut.attrs = dict(table.attrs)
            return cut, f"图中画出 {MAX_MAP_DOCUMENTS} 篇参照讲话（共 {int(docs.sum())} 篇，按权重取前 {MAX_MAP_DOCUMENTS} 篇）"
    if name == "topic_trend" and n > MAX_YEARS:
        cut = table.sort_index().iloc[-MAX_YEARS:]
        return cut, f"图中列出最近 {MAX_YEARS} 年（共 {n} 年）"
    return table, ""


def chart_input(spec: ChartSpec, result: Any) -> tuple[Any, dict[str, Any], str]:
    """What a chart draws: its table (cut by :func:`bounded`), its plot function's keyword arguments
    and the note on the cut (``""`` when none); InputError when the table is unavailable."""
    table = getattr(result, spec.table)
    if table is None:
        raise InputError(result.unavailable.get(spec.table, f"no {spec.table} table"))
    if spec.select is not None:
        table = spec.select(result)
    table, note = bounded(spec.name, table, result)
    return table, {**spec.kwargs(result.options), **spec.result_kwargs(result)}, note


def annotate(fig: Any, note: str) -> Any:
    """Write a cut's note (see :func:`bounded`) under the chart; the figure itself is returned."""
    if note:
        from .. import plots

        fig.text(0.01, 0.01, note, ha="left", va="bottom", fontsize=11, color="#666666",
                 fontfamily=plots.cjk_font().name)
    return fig


def figure(spec: ChartSpec, result: Any):
    """Draw one chart of a result; raise InputError when its table is unavailable or unfit.

    The table is cut by :func:`bounded` first, so a chart draws a bounded number of items
    whatever the length of the speech or the size of the corpus; a cut is noted under the chart.
    """
    from .. import plots

    table, kwargs, note = chart_input(spec, result)
    return annotate(getattr(plots, spec.plot)(table, **kwargs), note)


def draw_charts(result: Any, out_dir: Path, *, formats: Sequence[str], progress: bool = False,
                charts: Sequence[ChartSpec] = CHARTS, workers: int | None = None,
                meanwhile: Callable[[], None] | None = None,
                ) -> tuple[dict[str, tuple[str, str, list[Path]]], list[str]]:
    """Draw every chart and save it as ``out_dir/<name>.png`` / ``.svg`` (those of ``formats``).

    The charts are drawn in worker processes when more than one CPU is free (see
    :mod:`.render`); ``workers=1`` (or ``TEXTMINE_WORKERS=1``) draws them in this process.
    The files are the same either way. A disk error (:data:`_DISK_ERRORS`) met by any chart
    is raised: the pack cannot be written. ``meanwhile`` is other work of this process, done
    while the workers draw (see :func:`.render.render_charts`).

    Returns
    -------
    charts : dict
        Chart name → (title, takeaway, image paths) for each chart drawn.
    skipped : list of str
        ``chart <name>: <why>`` for each chart that could not be drawn.
    """
    from .render import render_charts

    return render_charts(result, out_dir, formats=formats, progress=progress, charts=charts, workers=workers,
                         meanwhile=meanwhile)


_DISK_ERRORS = {getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EROFS", "EFBIG") if hasattr(errno, name)}
"""OSErrors that stop the whole run: the pack cannot be written, whichever chart met them."""


def _skip_broken(spec: ChartSpec, err: Exception, out_dir: Path, skipped: list[str]) -> None:
    """One broken chart never takes the briefing down: it is reported instead, no half-saved image left."""
    logger.warning("chart %s could not be drawn: %s: %s", spec.name, type(err).__name__, err)
    skipped.append(f"chart {spec.name}: 未能生成：{spec.title}（{type(err).__name__}: {err}）")
    for p in Path(out_dir).glob(f"{spec.name}.*"):
        p.unlink()
