"""briefing.md: the key findings in Chinese, every chart with its takeaway, the list of tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["write_markdown"]


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
    lines = [f"# {doc.title}：文本分析简报", ""]
    meta = "，".join(str(doc.meta[k]) for k in ("place", "year", "occasion") if doc.meta.get(k))
    if meta:
        lines += [f"*{meta}*", ""]
    lines += [f"参照语料：{result.n_reference}篇讲话。以下数字均由 textmine 从讲话文本计算得出。", "", "## 主要发现", ""]
    lines += [f"- {x}" for x in report.findings]
    lines += ["", "## 图表", ""]
    for title, takeaway, paths in report.charts.values():
        img = next((p for p in paths if p.suffix == ".png"), paths[0] if paths else None)
        lines += [f"### {title}", "", takeaway, ""]
        if img is not None:
            lines += [f"![{title}]({img.name})", ""]
    csvs = sorted(p.name for p in report.files if p.suffix == ".csv")
    if csvs:
        lines += ["## 数据表（CSV，UTF-8 带 BOM，可用 Excel 打开）", ""] + [f"- `{t}`" for t in csvs] + [""]
    if report.skipped:
        lines += ["## 未生成的内容", ""] + [f"- {x}" for x in report.skipped] + [""]
    path = Path(report.out_dir) / "briefing.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
