"""briefing.md: the key findings in Chinese, every chart with its takeaway, the list of tables."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

__all__ = ["write_markdown", "md_text"]

_BREAKS = re.compile(r"[\s\u2028\u2029\x00-\x1f\x7f\x85]+")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "~": "&#126;"}
_SPECIAL = re.compile(r"([\\`*\[\]#!]|(?<![^\W_])_|_(?![^\W_]))")  # _ inside a word never emphasises
_LEADING = re.compile(r"^([-+=]|\d+(?=[.)]))")


def md_text(value: Any) -> str:
    """Text from the inputs (titles, places, findings) made inert in Markdown: one line, literal.

    Line breaks become spaces (no injected headings or lists); ``<``, ``>``, ``&``, ``|`` and
    ``~`` become entities (no raw HTML, no autolinks, no tables); Markdown punctuation is
    backslash-escaped (no links, images or emphasis); ``://`` and ``www.`` are defanged so
    no renderer turns an input into a link or fetches a remote image.
    """
    text = _BREAKS.sub(" ", str(value)).strip()
    text = text.replace("://", "：//").replace("www.", "www．").replace("WWW.", "WWW．")
    text = _SPECIAL.sub(r"\\\1", text)
    text = "".join(_ENTITIES.get(ch, ch) for ch in text)  # after the escapes: an entity's # stays as is
    return _LEADING.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), text)


def write_markdown(result: Any, report: Any) -> Path:
    """Write ``report.out_dir/briefing.md`` for a result and the pack written so far.

    Parameters
    ----------
    result : BriefingResult
        The speech's title and metadata and the number of corpus speeches.
    report : Report
        The findings, the charts drawn (with their images), the files written and what was skipped.
    """
    doc = result.doc
    lines = [f"# {md_text(doc.title)}：文本分析简报", ""]
    meta = "，".join(md_text(doc.meta[k]) for k in ("place", "year", "occasion") if doc.meta.get(k))
    if meta:
        lines += [f"*{meta}*", ""]
    lines += [f"参照语料：{result.n_reference}篇讲话。以下数字均由 textmine 从讲话文本计算得出。", "", "## 主要发现", ""]
    lines += [f"- {md_text(x)}" for x in report.findings]
    lines += ["", "## 图表", ""]
    for title, takeaway, paths in report.charts.values():
        img = next((p for p in paths if p.suffix == ".png"), paths[0] if paths else None)
        lines += [f"### {md_text(title)}", "", md_text(takeaway), ""]
        if img is not None:  # a file of the pack, by its own (safe) name: never a remote link
            lines += [f"![{md_text(title)}]({img.name})", ""]
    csvs = sorted(p.name for p in report.files if p.suffix == ".csv")
    if csvs:
        lines += ["## 数据表（CSV，UTF-8 带 BOM，可用 Excel 打开）", ""] + [f"- `{t}`" for t in csvs] + [""]
    if any(p.name == "briefing.xlsx" for p in report.files):
        lines += ["各列的含义与统计量的读法见 `briefing.xlsx` 的“说明”工作表（[briefing.xlsx](briefing.xlsx)）。", ""]
    if report.skipped:
        lines += ["## 未生成的内容", ""] + [f"- {md_text(x)}" for x in report.skipped] + [""]
    path = Path(report.out_dir) / "briefing.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
