"""briefing.xlsx: every table of the pack on its own sheet, with Chinese column headers, and a 说明 sheet.

The CSVs keep their machine column names (for code); the workbook is for reading in Excel:
headers in Chinese (:data:`HEADERS`), the header row frozen, numbers stored as numbers,
column widths set, the offsets (``start``/``end`` …) moved to the end of each sheet,
outline row 0 labelled 开篇, lists joined with 、, and text that Excel would read as a
formula (starting with = + - @, a tab or a carriage return) neutralised with a leading '.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import datetime

from ._cells import neutralise
from .write_pptx import _fix_zip_times
from ..keyness import COLUMN_GUIDE as _KEYNESS_GUIDE
from .write_csv import csv_frame, tables

__all__ = ["write_xlsx", "HEADERS", "COLUMN_GUIDE", "SHEET_NAMES", "neutralise"]

HEADERS: dict[str, str] = {
    "term": "词语", "count": "次数", "per_10k": "每万词频次", "doc_freq": "文档频次",
    "n_target": "本讲话次数", "n_reference": "参照语料次数", "per_10k_target": "本讲话每万词频次",
    "per_10k_reference": "参照语料每万词频次", "g2": "G²（对数似然比）", "p": "p 值", "log_ratio": "对数比（log₂）",
    "z_logodds": "加权对数优势比 z", "chi2": "χ²", "ll_2cell": "两格对数似然",
    "peer_mean": "同领域平均每万词频次", "peer_sd": "同领域标准差", "peer_max": "同领域最大值",
    "n_peers_using": "使用该词的同领域讲话数", "percentile": "百分位（高于同领域讲话的比例%）", "z": "z 值",
    "rank": "排名", "doc_id": "讲话编号", "similarity": "相似度（TF-IDF 余弦）", "title": "标题", "level": "层级",
    "place": "地点", "date": "日期", "occasion": "场合", "policy_area": "政策领域", "speaker_role": "讲话人职务",
    "chars": "字数", "source": "来源文件", "year": "年份", "reuses": "复用句数",
    "marker": "序号", "number": "编号", "path": "路径", "kind": "类型", "heading_start": "标题起点",
    "group": "组", "ordinal": "序次", "item": "列举内容", "sentence": "所在句子",
    "formula": "提法", "parts": "组成部分", "n_parts": "部分数", "first_sentence": "首次出现的句子",
    "first_start": "首次出现位置", "reference": "引用文件", "short": "简称", "type": "文件类型",
    "form": "形式", "text": "原文", "value": "数值", "unit": "单位",
    "actors": "主体（原文）", "bodies": "部门或组织", "modal": "情态词", "duty": "职责",
    "n_tokens": "词数", "terms": "特征词", "topic": "主题", "label": "主题标签", "share": "占比",
    "target": "本讲话占比", "corpus_mean": "语料平均占比", "peers_mean": "同领域平均占比", "n_peers": "同领域讲话数",
    "diff_corpus": "与语料之差", "diff_peers": "与同领域之差", "k": "主题数", "coherence": "一致性（NPMI）",
    "min_coherence": "最低主题一致性", "best": "是否最佳",
    "target_id": "本讲话编号", "source_id": "来源讲话编号", "target_sentence": "本讲话句子",
    "source_sentence": "来源句子", "jaccard": "Jaccard 相似度", "exact": "是否完全相同",
    "n_matches": "匹配句数", "reused_chars": "复用字数", "reuse_ratio": "复用比例", "n_chars": "字数",
    "reused": "是否复用", "best_source": "最相近来源", "best_jaccard": "最高 Jaccard 相似度",
    "status": "状态", "reason": "原因", "n_docs": "文档数", "encoding": "编码", "line": "行号",
    "start": "起点（字符偏移）", "end": "终点（字符偏移）", "target_start": "本讲话起点（字符偏移）",
    "source_start": "来源起点（字符偏移）",
}
"""Machine column name (as in the CSVs) → its Chinese header in the workbook."""

SHEET_NAMES: dict[str, str] = {
    "ingest_log": "读取记录", "outline": "讲话结构", "enumerations": "列举", "formulas": "提法",
    "references": "引用文件", "targets": "量化目标", "duties": "部门分工", "section_keywords": "各部分高频词",
    "top_terms": "高频词", "keyness": "关键性", "peer_keyness": "同领域关键性", "similar": "相似讲话",
    "choose_k": "主题数选择", "topics": "主题", "topic_comparison": "主题构成对比",
    "text_reuse_matches": "复用匹配", "text_reuse_ratios": "复用比例", "text_reuse_sentences": "复用句子",
}
"""CSV name → sheet name (the CSV name is also given on the 说明 sheet)."""

COLUMN_GUIDE: dict[str, str] = {
    **{k: v for k, v in _KEYNESS_GUIDE.items()},
    "g2": _KEYNESS_GUIDE["g2"] + "。读法：|G²| > 3.84 即 p < 0.05，> 10.83 即 p < 0.001；越大差异越可靠，"
          "但不说明差异有多大（看对数比）",
    "log_ratio": _KEYNESS_GUIDE["log_ratio"] + "。读法：效应大小，1 表示本讲话的相对频率是参照的 2 倍，"
                 "2 为 4 倍，−1 为一半",
    "z_logodds": _KEYNESS_GUIDE["z_logodds"] + "。读法：|z| > 1.96 约为 95% 置信的差异，对低频词比 G² 稳健",
    "percentile": "与同领域讲话逐篇比较：本讲话该词的每万词频次高于多少比例（%）的同领域讲话；100 表示高于全部",
    "z": "本讲话每万词频次与同领域讲话平均值之差除以同领域标准差",
    "similarity": "本讲话与该讲话的 TF-IDF 向量的余弦相似度，0（无共同词）到 1（用词比例相同）",
    "reuse_ratio": "复用比例：本讲话中与该参照讲话相同或近似（Jaccard 达到阈值）的句子字数占本讲话字数的比例",
    "jaccard": "两句的字符 n-gram 集合的 Jaccard 系数，1 表示相同",
    "count": "次数：分词后的词次数（高频词、关键性与主要发现均按此计）；引用文件、提法表中为出现次数",
    "per_10k": "每万词频次 = 次数 / 总词数 × 10000",
    "start": "起点：在清洗后讲话文本中的字符偏移（从 0 起），用于回到原文定位",
    "end": "终点：字符偏移（不含）",
    "level": "层级：0 为开篇（第一个标题之前的部分），1 为“一、”级，2 为“（一）”级",
}
"""Column → what it holds and how to read it (the statistics' formulas from :mod:`textmine.keyness`)."""

_OFFSETS = ("start", "end", "heading_start", "first_start", "target_start", "source_start")
def _sheet_frame(name: str, df: pd.DataFrame) -> pd.DataFrame:
    out = csv_frame(df)  # tuples and lists → 、-joined text
    if name == "outline" and {"level", "title"} <= set(out.columns):
        out = out.copy()
        out.loc[out["level"] == 0, "title"] = "开篇"
    offsets = [c for c in out.columns if c in _OFFSETS]
    return out[[c for c in out.columns if c not in offsets] + offsets]


def _cell(v: Any) -> Any:
    if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, (bool, np.bool_)):
        return "是" if v else "否"
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    if isinstance(v, (int, float)):
        return v
    return neutralise(str(v))


def _width(values: list[Any]) -> float:
    def w(v: Any) -> int:
        s = "" if v is None else (f"{v:.4g}" if isinstance(v, float) else str(v))
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)  # CJK is two columns wide
    return float(min(max([w(v) for v in values] + [6]) + 2, 60))


def write_xlsx(result: Any, out_dir: str | Path) -> Path:
    """Write ``out_dir/briefing.xlsx``: a 说明 sheet, then one sheet per table of the result.

    The workbook is streamed (openpyxl's write-only mode: each row is written once, which
    takes about half the time of building the sheets in memory). The same tables give the
    same file: it is copied from the cache of rendered files (:mod:`.filecache`) when its
    tables were written before.

    Returns
    -------
    Path
    """
    from .filecache import code_fingerprint, digest, file_cache

    frames = {name: _sheet_frame(name, df) for name, df in tables(result).items()}
    path = Path(out_dir) / "briefing.xlsx"
    store = file_cache()
    key = None
    if store is not None:
        try:
            import openpyxl

            key = digest(["briefing.xlsx", code_fingerprint(), openpyxl.__version__, frames])
        except TypeError:  # a cell of a new kind: written, not cached
            key = None
        if key is not None and store.fetch(key, ["xlsx"], path.with_suffix("")) is not None:
            return path
    _write_workbook(frames, path)
    if key is not None:
        store.store(key, [path])
    return path


def _write_workbook(frames: dict[str, pd.DataFrame], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def header_row(ws: Any, header: list[str]) -> list[Any]:
        cells = []
        for h in header:
            cell = WriteOnlyCell(ws, value=h)
            cell.font = bold
            cells.append(cell)
        return cells

    guide = wb.create_sheet("说明")
    guide.freeze_panes = "A2"
    for letter, w in zip("ABCDE", (14, 24, 24, 20, 100)):
        guide.column_dimensions[letter].width = w
    guide.append(header_row(guide, ["工作表", "CSV 文件", "列（中文）", "列（CSV 中的名称）", "含义与读法"]))
    for name, df in frames.items():
        for col in df.columns:
            meaning = WriteOnlyCell(guide, value=COLUMN_GUIDE.get(col, ""))
            meaning.alignment = wrap
            guide.append([SHEET_NAMES.get(name, name), f"{name}.csv", HEADERS.get(col, col), col, meaning])

    for name, df in frames.items():
        ws = wb.create_sheet(SHEET_NAMES.get(name, name)[:31])
        header = [HEADERS.get(c, c) for c in df.columns]
        rows = [[_cell(v) for v in row] for row in df.itertuples(index=False, name=None)]
        ws.freeze_panes = "A2"
        for j, h in enumerate(header):  # widths first: a streamed sheet writes them before its rows
            ws.column_dimensions[get_column_letter(j + 1)].width = _width([h] + [r[j] for r in rows])
        ws.append(header_row(ws, header))
        for row in rows:
            ws.append(row)
    stamp = datetime.datetime(2000, 1, 1)  # no wall-clock time in the file: the same run gives the same bytes
    wb.properties.created = wb.properties.modified = stamp
    wb.save(path)
    _fix_zip_times(path, core_stamp="2000-01-01T00:00:00Z")
