"""Shared by the structure tests: the handwritten speech, the bundled seed speech and frame checks."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from textmine.structure import (
    DUTY_COLUMNS,
    ENUMERATION_COLUMNS,
    FORMULA_COLUMNS,
    OUTLINE_COLUMNS,
    REFERENCE_COLUMNS,
    SENTENCE_COLUMNS,
    TARGET_COLUMNS,
    duties,
    enumerations,
    formulas,
    outline,
    references,
    sentences,
    targets,
)

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"


def _seed_path() -> Path | None:
    """The bundled 禁毒 speech: data/speeches/ first, else the shared seed."""
    for p in sorted((ROOT / "data" / "speeches").glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        if "禁毒" in text and "禁种铲毒" in text:
            return p
    p = SHARED / "seed" / "000_8ac318f39e86b096.txt"
    return p if p.is_file() else None


SEED_PATH = _seed_path()
SEED = SEED_PATH.read_text(encoding="utf-8") if SEED_PATH else None
needs_seed = pytest.mark.skipif(
    SEED is None, reason="bundled speech absent: no data/speeches/*.txt about 禁毒 and no ../shared/seed/"
)

ALL_FUNCS = [outline, enumerations, formulas, references, targets, duties, sentences]

SCHEMAS = {
    outline: (OUTLINE_COLUMNS, {"level": "i", "marker": "s", "number": "i", "title": "s", "path": "s",
                                "start": "i", "end": "i", "text": "s", "heading_start": "i", "kind": "s"}),
    enumerations: (ENUMERATION_COLUMNS, {"group": "i", "ordinal": "i", "marker": "s", "item": "s",
                                         "sentence": "s", "start": "i", "end": "i"}),
    formulas: (FORMULA_COLUMNS, {"formula": "s", "parts": "O", "n_parts": "i", "kind": "s",
                                 "number": "Int64", "count": "i", "first_sentence": "s",
                                 "first_start": "i", "subkind": "s", "quoted": "b"}),
    references: (REFERENCE_COLUMNS, {"reference": "s", "short": "s", "type": "s", "level": "s",
                                     "count": "i", "first_start": "i", "kind": "s"}),
    targets: (TARGET_COLUMNS, {"kind": "s", "form": "s", "text": "s", "value": "f", "unit": "s",
                               "sentence": "s", "start": "i"}),
    duties: (DUTY_COLUMNS, {"actors": "O", "bodies": "O", "modal": "s", "duty": "s", "sentence": "s",
                            "start": "i"}),
    sentences: (SENTENCE_COLUMNS, {"sent_id": "i", "start": "i", "end": "i", "text": "s"}),
}

# A handwritten county speech: every heading form, plus lines that only look like headings.
SPEECH12 = (
    "同志们：\n"
    "今天召开全县安全生产工作会议。\n"
    "一、认清形势\n"
    "2020年，全县发生事故12起。\n"
    "（一）成绩明显。去年事故下降。\n"
    "(二)问题突出\n"
    "1.5亿元资金尚未到位。\n"
    "二、明确任务\n"
    "1、抓好排查\n"
    "2．落实责任\n"
    "①压实主体责任\n"
    "3. 加强宣传\n"
    "\u3000\u3000（1）进村入户。要挨家挨户宣传。\n"
    "（五）随便说说\n"
)


def assert_schema(func, df: pd.DataFrame) -> None:
    columns, kinds = SCHEMAS[func]
    assert tuple(df.columns) == columns, func.__name__
    for col, kind in kinds.items():
        dtype = df[col].dtype
        if kind == "i":
            assert dtype == "int64", (func.__name__, col, dtype)
        elif kind == "f":
            assert dtype == "float64", (func.__name__, col, dtype)
        elif kind == "s":
            assert pd.api.types.is_string_dtype(dtype) and dtype != object, (func.__name__, col, dtype)
        elif kind == "b":
            assert dtype == bool, (func.__name__, col, dtype)
        elif kind == "Int64":
            assert str(dtype) == "Int64", (func.__name__, col, dtype)
        else:
            assert dtype == object, (func.__name__, col, dtype)
            assert all(isinstance(v, tuple) for v in df[col]), (func.__name__, col)


def assert_tiles(text: str, df: pd.DataFrame) -> None:
    assert "".join(df["text"]) == text
    if text:
        assert df["start"].iloc[0] == 0
        assert df["end"].iloc[-1] == len(text)
        assert (df["start"].iloc[1:].to_numpy() == df["end"].iloc[:-1].to_numpy()).all()
        assert (df["start"] < df["end"]).all()
        assert all(text[s:e] == t for s, e, t in zip(df["start"], df["end"], df["text"]))
    else:
        assert df.empty


def rows(df: pd.DataFrame, cols: list[str]) -> list[tuple]:
    return [tuple(r) for r in df[cols].itertuples(index=False, name=None)]
