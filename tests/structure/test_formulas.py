"""structure.formulas: quoted and numbered formulas."""

from __future__ import annotations

import pandas as pd

from textmine.structure import formulas

from .helpers import SEED, assert_schema, needs_seed


def test_formulas_exact():
    text = ("要做到“各司其职、齐抓共管”，落实“四个注重”。禁毒涉及“禁种”、“禁制”、“禁吸”等方面。"
            "坚持“以打开路,主动打、打出去”，强化两个维护，推进\"放管服\"改革。"
            "三个单位作了发言。再次强调“各司其职、齐抓共管”。")
    df = formulas(text)
    assert_schema(formulas, df)
    got = [(r.formula, r.parts, r.n_parts, r.kind, None if pd.isna(r.number) else int(r.number), r.count)
           for r in df.itertuples()]
    assert got == [
        ("各司其职、齐抓共管", ("各司其职", "齐抓共管"), 2, "quoted", None, 2),
        ("四个注重", ("四个注重",), 1, "numbered", 4, 1),
        ("禁种、禁制、禁吸", ("禁种", "禁制", "禁吸"), 3, "quoted", None, 1),
        ("以打开路,主动打、打出去", ("以打开路", "主动打", "打出去"), 3, "quoted", None, 1),
        ("两个维护", ("两个维护",), 1, "numbered", 2, 1),
        ("放管服", ("放管服",), 1, "quoted", None, 1),
    ]
    assert df["first_sentence"].iloc[0] == "要做到“各司其职、齐抓共管”，落实“四个注重”。"
    assert df["first_start"].tolist() == sorted(df["first_start"].tolist())
    assert df["first_start"].iloc[0] == text.index("“各司其职")


def test_formulas_numbered_quoted_and_unquoted():
    df = formulas("做到“三个到位”，开展五个一活动，学习“两学一做”。这里有三个单位和“一个快递包裹的背后”这个说法。")
    got = [(r.formula, r.kind, None if pd.isna(r.number) else int(r.number)) for r in df.itertuples()]
    assert got == [("三个到位", "numbered", 3), ("五个一", "numbered", 5), ("两学一做", "numbered", None),
                   ("一个快递包裹的背后", "quoted", None)]


def test_formulas_long_quotations_are_not_formulas():
    assert formulas("他说：“要抓紧。要落实。”").empty


@needs_seed
def test_seed_formulas():
    f = formulas(SEED).set_index("formula")
    assert f.loc["各司其职、齐抓共管", "parts"] == ("各司其职", "齐抓共管")
    assert f.loc["禁种、禁制、禁吸、禁贩", "n_parts"] == 4
