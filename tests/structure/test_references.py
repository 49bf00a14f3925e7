"""structure.references: titles cited in 《》, their type and issuing level."""

from __future__ import annotations

from textmine.structure import references

from .helpers import SEED, assert_schema, needs_seed, rows


def test_references_exact():
    text = ("根据《中华人民共和国禁毒法》和《禁毒法》《 X省禁毒条例 》，以及《国务院关于加强禁毒工作的意见》"
            "《全市禁毒工作实施方案(试行)》《关于开展专项行动的通知》《XX县社区戒毒康复工作规定》"
            "《社区戒毒条例》《城市管理办法》，再次重申《禁毒法》。")
    df = references(text)
    assert_schema(references, df)
    assert rows(df, ["reference", "short", "type", "level", "count"]) == [
        ("中华人民共和国禁毒法", "禁毒法", "法", "国家", 1),
        ("禁毒法", "禁毒法", "法", "", 2),
        ("X省禁毒条例", "X省禁毒条例", "条例", "省", 1),
        ("国务院关于加强禁毒工作的意见", "国务院关于加强禁毒工作的意见", "意见", "国家", 1),
        ("全市禁毒工作实施方案（试行）", "全市禁毒工作实施方案（试行）", "方案", "市", 1),
        ("关于开展专项行动的通知", "关于开展专项行动的通知", "通知", "", 1),
        ("XX县社区戒毒康复工作规定", "XX县社区戒毒康复工作规定", "规定", "县", 1),
        ("社区戒毒条例", "社区戒毒条例", "条例", "", 1),
        ("城市管理办法", "城市管理办法", "办法", "", 1),
    ]
    assert df["first_start"].iloc[0] == 2
    assert df["first_start"].iloc[1] == text.index("《禁毒法》")


def test_references_other_type():
    df = references("观看了《一个快递包裹的背后》。")
    assert rows(df, ["reference", "type", "level"]) == [("一个快递包裹的背后", "其他", "")]


@needs_seed
def test_seed_references():
    df = references(SEED)
    assert len(df) == 6
    assert set(df["reference"]) == {
        "X市公安局缉毒侦查破案奖励补助办法（暂行）", "X市举报毒品违法犯罪奖励办法", "禁毒法",
        "关于进一步加强全市禁毒工作的意见", "市禁毒委员会成员单位主要任务", "全省禁毒工作责任制及考评细则",
    }
    law = df.set_index("reference").loc["禁毒法"]
    assert law["count"] == 2 and law["type"] == "法"
    assert df.set_index("reference").loc["全省禁毒工作责任制及考评细则", "level"] == "省"
