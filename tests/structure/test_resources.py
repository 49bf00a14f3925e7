"""structure._resources: the bundled government bodies list and extra bodies."""

from __future__ import annotations

import pytest

from textmine.errors import InputError
from textmine.structure import gov_bodies
from textmine.structure._resources import extra_bodies, parse_body_lines


def test_gov_bodies_bundled_list():
    table = gov_bodies()
    assert len(table) >= 120
    for name in ("公安", "检察院", "法院", "司法", "教育", "民政", "卫生健康", "人社", "妇联", "团委",
                 "市场监管", "文广新局", "工商", "林业", "农业", "街道办事处", "乡镇人民政府", "综治",
                 "禁毒委", "应急管理", "消防救援", "生态环境", "住建", "交通运输", "财政", "发改",
                 "纪委监委", "信访局", "海关", "邮政管理"):
        assert name in table, name
    assert "人事和社会保障" in table["人社"] and "人力资源和社会保障" in table["人社"]
    assert "共青团" in table["团委"]
    aliases = [a for names in table.values() for a in names]
    assert len(aliases) == len(set(aliases)), "an alias belongs to two bodies"
    table["公安"] = ()
    assert gov_bodies()["公安"], "gov_bodies() must return a copy"


def test_parse_body_lines_merges_aliases_and_skips_comments():
    lines = ["# 本地机构\n", "禁毒社工\t社工站，禁毒社工站\n", "\n", "禁毒社工\t社工站, 驻村社工\r\n", "网格办"]
    table = parse_body_lines(lines, "local.txt")
    assert table == {"禁毒社工": ("社工站", "禁毒社工站", "驻村社工"), "网格办": ()}


def test_extra_bodies_forms():
    assert extra_bodies({"网格办": ["网格员"]}) == {"网格办": ("网格员",)}
    assert extra_bodies(["网格办\t网格员"]) == {"网格办": ("网格员",)}
    with pytest.raises(InputError, match=r"wrap a single name in a list: bodies=\['网格办'\]"):
        extra_bodies("网格办")
    with pytest.raises(InputError, match=r"bodies mapping aliases must be str \(for '网格办'\)"):
        extra_bodies({"网格办": [1]})
    with pytest.raises(InputError, match=r"bodies must hold str entries, got int in bodies"):
        extra_bodies([3])


def test_central_bodies_lists_the_state_council_ministries():
    from textmine.structure import central_bodies

    df = central_bodies()
    assert list(df.columns) == ["name", "aliases", "category"]
    ministries = df[df["category"] == "国务院组成部门"]["name"].tolist()
    assert ministries == [
        "外交部", "国防部", "国家发展改革委", "教育部", "科技部", "工业和信息化部", "国家民委", "公安部",
        "国家安全部", "民政部", "司法部", "财政部", "人力资源社会保障部", "自然资源部", "生态环境部",
        "住房城乡建设部", "交通运输部", "水利部", "农业农村部", "商务部", "文化和旅游部", "国家卫生健康委",
        "退役军人事务部", "应急管理部", "中国人民银行", "审计署",
    ]
    row = df[df["name"] == "国家发展改革委"].iloc[0]
    assert "国家发展和改革委员会" in row["aliases"] and "国家发改委" in row["aliases"]
    assert "国家医保局" in set(df["name"]) and "中央网信办" in set(df["name"]) and "全国妇联" in set(df["name"])
    assert (df["category"] != "").all()


def test_all_bundled_actor_tables_are_disjoint():
    from textmine.structure._resources import bundled_lexicon

    seen: dict[str, str] = {}
    for kind, table in bundled_lexicon().items():
        for name, aliases in table.items():
            for a in {name, *aliases}:
                assert a not in seen, f"{a} is in {seen.get(a)} and {kind}"
                seen[a] = kind
    places = bundled_lexicon()["place"]
    assert places["湖北省"] == ("湖北",) and places["浦东新区"] == ("浦东",)
    assert "领导干部" in bundled_lexicon()["generic"]


def test_parse_body_sections_keeps_the_category():
    from textmine.structure._resources import parse_body_sections

    rows = parse_body_sections(["# header\n", "# --- 部委 ---\n", "甲部\t甲,甲部门\n", "# --- 直属机构 ---\n", "乙署\n"],
                               "t.txt")
    assert rows == [("甲部", ("甲", "甲部门"), "部委"), ("乙署", (), "直属机构")]
