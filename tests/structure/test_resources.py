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
