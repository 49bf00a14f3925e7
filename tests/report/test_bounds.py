"""Issue 14, bounded work: every chart draws a bounded number of items, whatever the input.

The long speech is generated here from a handful of handwritten sentences: 30 一、 sections
of 100 （一） subsections each (3,001 sections with the opening).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

_DIGITS = "零一二三四五六七八九"
_SENTENCES = ("各部门要加强协调配合，形成工作合力。", "住建局要牵头负责，年底前完成改造任务。",
              "成绩来之不易，但问题依然突出。", "必须坚持问题导向，压实各方责任。", "到2026年，覆盖率达到百分之九十。")


def _cn(n: int) -> str:
    """1 … 199 in Chinese numerals (一, 十二, 九十九, 一百零五, 一百一十二)."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    rest = n - 100
    return "一百" + ("" if rest == 0 else "零" + _DIGITS[rest] if rest < 10 else "一" + _cn(rest) if rest < 20
                    else _cn(rest))


def long_speech(n1: int = 30, n2: int = 100) -> str:
    lines = ["在全县重点工作推进会上的讲话", "同志们：", "今天召开会议，部署全年任务。"]
    for i in range(1, n1 + 1):
        lines.append(f"{_cn(i)}、抓好第{_cn(i)}方面工作")
        for j in range(1, n2 + 1):
            lines.append(f"（{_cn(j)}）推进第{_cn(j)}项任务。" + _SENTENCES[(i + j) % 5] + _SENTENCES[(i * j) % 5])
    return "\n".join(lines) + "\n"


def test_numerals():
    assert [_cn(n) for n in (1, 10, 12, 20, 99, 100, 105, 112, 130)] == [
        "一", "十", "十二", "二十", "九十九", "一百", "一百零五", "一百一十二", "一百三十"]


def _sections(n1: int, n2: int) -> pd.DataFrame:
    rows = [{"path": "", "level": 0, "title": "", "n_tokens": 5, "terms": "会议"}]
    for i in range(1, n1 + 1):
        rows.append({"path": _cn(i), "level": 1, "title": f"第{i}部分", "n_tokens": 9, "terms": "工作"})
        rows += [{"path": f"{_cn(i)}.（{_cn(j)}）", "level": 2, "title": f"任务{j}", "n_tokens": 3, "terms": "任务"}
                 for j in range(1, n2 + 1)]
    return pd.DataFrame(rows)


class _Result:
    section_keywords = None


def test_bounded_keeps_small_tables_as_they_are():
    from textmine.report.charts import MAX_SECTIONS, bounded

    small = _sections(3, 4)  # 16 rows, like the bundled speech's 14
    assert len(small) <= MAX_SECTIONS
    for name in ("outline_map", "tone", "section_heatmap"):
        table, note = bounded(name, small, _Result())
        assert table is small and note == ""


def test_bounded_sections_drop_the_deepest_level_first_then_cut():
    from textmine.report.charts import bounded

    table, note = bounded("outline_map", _sections(30, 100), _Result())
    assert len(table) == 31 and set(table.level) == {0, 1}  # the opening and the 30 一、 sections
    assert note == "图中列出 31 个部分（共 3031 个，全部见 section_keywords.csv）"
    table, note = bounded("outline_map", _sections(12, 2), _Result())  # 37 rows: kept whole
    assert len(table) == 37 and note == ""
    table, note = bounded("tone", _sections(12, 3), _Result())  # 49 rows: level 2 dropped
    assert list(table.level) == [0] + [1] * 12
    assert note == "图中列出 13 个部分（共 49 个，全部见 tone.csv）"
    table, note = bounded("tone", _sections(60, 1).drop(columns="level"), _Result())  # level from path
    assert len(table) == 40 and list(table.path[:3]) == ["", "一", "二"]
    assert note == "图中列出 40 个部分（共 121 个，全部见 tone.csv）"
    heat = pd.DataFrame({"主题1": np.full(3031, 0.5)}, index=[f"s{i}" for i in range(3031)])
    result = _Result()
    result.section_keywords = _sections(30, 100)
    table, note = bounded("section_heatmap", heat, result)
    assert len(table) == 31 and table.index[1] == "s1" and table.index[2] == "s102"
    assert note == "图中列出 31 个部分（共 3031 个）"


def test_bounded_map_and_trend():
    from textmine.report.charts import MAX_MAP_DOCUMENTS, MAX_YEARS, bounded

    n = MAX_MAP_DOCUMENTS + 50
    ca = pd.DataFrame({"kind": ["document"] * (n + 1) + ["term"] * 5, "label": [f"d{i}" for i in range(n + 6)],
                       "dim1": 0.0, "dim2": 0.0, "mass": np.arange(n + 6, dtype=float),
                       "is_target": [False] * n + [True] + [False] * 5})
    ca.attrs["explained"] = [0.3, 0.2]
    table, note = bounded("correspondence_map", ca, _Result())
    docs = table[table.kind == "document"]
    assert len(docs) == MAX_MAP_DOCUMENTS + 1 and docs.is_target.sum() == 1 and (table.kind == "term").sum() == 5
    assert docs.label.iat[0] == "d50"  # the heaviest 300 of the 350 reference speeches
    assert table.attrs["explained"] == [0.3, 0.2]
    assert note == "图中画出 300 篇参照讲话（共 350 篇，按权重取前 300 篇）"
    trend = pd.DataFrame({"主题1": 0.5}, index=range(1950, 2025))
    table, note = bounded("topic_trend", trend, _Result())
    assert list(table.index) == list(range(2025 - MAX_YEARS, 2025)) and note == "图中列出最近 40 年（共 75 年）"


def test_dispersion_draws_bounded_lines_and_ticks():
    from matplotlib.collections import LineCollection

    import textmine.plots as plots
    from textmine.plots.speech_maps import MAX_BOUNDARIES

    n = 3000
    occ = pd.DataFrame({"term": ["垃圾"] * 5000 + ["分类"] * 7, "rel_pos": np.r_[np.linspace(0, 1, 5000),
                                                                                np.linspace(0, 1, 7)]})
    sections = pd.DataFrame({"path": [f"p{i}" for i in range(n)], "title": "", "rel_start": np.arange(n) / n,
                             "level": [1 if i % 100 == 0 else 2 for i in range(n)]})
    occ.attrs["sections"] = sections
    fig = plots.plot_dispersion(occ)
    ax = fig.axes[0]
    vertical = [ln for ln in ax.lines if len(set(ln.get_xdata())) == 1 and ln.get_xdata()[0] > 0]
    assert len(vertical) == 29  # the 一、 boundaries only (30 minus the one at 0)
    ticks = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert [len(c.get_segments()) for c in ticks] == [2001, 7]  # one tick per 1/2000 of the width
    assert [t.get_text() for t in ax.get_yticklabels()] == ["垃圾（5000）", "分类（7）"]
    sections["level"] = 1
    fig = plots.plot_dispersion(occ)
    vertical = [ln for ln in fig.axes[0].lines if len(set(ln.get_xdata())) == 1 and ln.get_xdata()[0] > 0]
    assert len(vertical) == MAX_BOUNDARIES


@pytest.mark.slow
def test_a_speech_of_3000_sections_draws_bounded_charts(tiny):
    """Before: 3,001 sections drew 12,049 artists in outline_map (43 s) and 6,026 in section_heatmap (40 s)."""
    import textmine as tm
    from textmine.report import BriefingOptions, analyse
    from textmine.report.charts import CHARTS, figure

    doc = tm.Document("big", long_speech(), meta={"policy_area": "环卫", "year": 2022})
    r = analyse(doc, tiny[1], options=BriefingOptions(k=2))
    assert len(r.section_keywords) == 3001 and len(r.tone) == 3001
    spec = {s.name: s for s in CHARTS}
    notes = {}
    for name in ("outline_map", "section_heatmap", "tone", "dispersion", "directive_strength", "duties"):
        fig = figure(spec[name], r)
        ax = fig.axes[0]
        notes[name] = [t.get_text() for t in fig.texts if t.get_text().startswith("图中")]
        if name == "outline_map":
            assert len([p for p in ax.patches if p.get_label() == "_outline_bar"]) == 31
        elif name == "section_heatmap":
            assert ax.images[0].get_array().shape[0] == 31
        elif name == "tone":
            assert len(ax.get_yticks()) == 31
        elif name == "dispersion":
            assert len(ax.lines) <= 60 + len(ax.get_yticks())
        elif name == "directive_strength":
            assert len(ax.get_yticks()) == 16
        else:
            assert len(ax.tables[0].get_celld()) == 2 * 15
    assert notes == {"outline_map": ["图中列出 31 个部分（共 3001 个，全部见 section_keywords.csv）"],
                     "section_heatmap": ["图中列出 31 个部分（共 3001 个）"],
                     "tone": ["图中列出 31 个部分（共 3001 个，全部见 tone.csv）"],
                     "dispersion": [], "directive_strength": [], "duties": []}


def test_a_speech_over_the_size_limit_is_refused_at_once(tiny, monkeypatch):
    import importlib

    import textmine as tm
    from textmine.report import analyse

    monkeypatch.setattr(importlib.import_module("textmine.report.analyse"), "MAX_SPEECH_CHARS", 1000)
    doc = tm.Document("big", "推进垃圾分类工作。" * 200)
    with pytest.raises(tm.InputError, match=r"^speech big has 1,800 characters; expected at most 1,000 "
                                            r"\(a long work report has about 40,000\): split it into parts"):
        analyse(doc, tiny[1])


def test_left_out_subsections_count_in_their_section():
    from textmine.report.charts import bounded

    tone = _sections(12, 3).drop(columns=["n_tokens", "terms"])
    tone["n_tokens"] = 100
    tone["n_praise"] = [0] + [0, 1, 2, 0] * 12
    tone["n_problem"] = [1] + [1, 0, 0, 3] * 12
    table, _ = bounded("tone", tone, _Result())
    assert list(table.n_praise[:3]) == [0, 3, 3] and list(table.n_problem[:3]) == [1, 4, 4]
    assert list(table.n_tokens[:3]) == [100, 400, 400]
    assert list(table.praise_per_10k[:2]) == [0.0, 75.0] and list(table.balance[:2]) == [-1.0, -1 / 7]
    outline, _ = bounded("outline_map", _sections(30, 100), _Result())
    assert list(outline.n_tokens[:3]) == [5, 9 + 300, 9 + 300]
