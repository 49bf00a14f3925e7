"""structure.duties: which bodies are told to do what."""

from __future__ import annotations

import pytest

from textmine.structure import duties

from .helpers import SEED, assert_schema, needs_seed, rows


@pytest.mark.parametrize("bad", ["公安", b"x", 5])
def test_duties_bad_bodies(bad):
    with pytest.raises(TypeError, match=rf"bodies must be .*got {type(bad).__name__}"):
        duties("公安要加强巡查。", bodies=bad)


def test_duties_bad_bodies_mapping():
    with pytest.raises(TypeError, match="bodies mapping must map str"):
        duties("公安要加强巡查。", bodies={"社工站": "社工"})


def test_duties_exact():
    text = ("公、检、法等部门要依法严惩毒品犯罪分子；妇联要组织做好妇女禁毒宣传工作。"
            "教育部门要加强学校禁毒教育，团委要继续开展禁毒志愿者活动。宣传教育要深入人心。"
            "公检法司各部门要密切配合。公安、司法等部门履行各自的法定职责。")
    df = duties(text)
    assert_schema(duties, df)
    assert rows(df, ["bodies", "duty"]) == [
        (("公安", "检察院", "法院"), "依法严惩毒品犯罪分子"),
        (("妇联",), "组织做好妇女禁毒宣传工作"),
        (("教育",), "加强学校禁毒教育"),
        (("团委",), "开展禁毒志愿者活动"),
        (("公安", "检察院", "法院", "司法"), "密切配合"),
        (("公安", "司法"), "履行各自的法定职责"),
    ]
    assert df["sentence"].iloc[0] == "公、检、法等部门要依法严惩毒品犯罪分子；"
    assert df["start"].tolist() == [0, text.index("妇联"), text.index("教育部门"), text.index("团委"),
                                    text.index("公检法司"), text.index("公安、司法")]


@pytest.mark.parametrize("text", [
    "公司要加强内部管理。",
    "坚持党委领导、政府负责、部门协同、社会参与。",
    "深化“党委政府统一领导、禁毒委组织协调”的格局。",
    "落实《市禁毒委员会成员单位主要任务》。",
    "宣传教育要深入人心。",
])
def test_duties_no_false_positives(text):
    assert duties(text).empty


def test_duties_extra_bodies():
    text = "禁毒社工站要开展帮教工作。"
    assert duties(text).empty
    for extra in ({"禁毒社工站": []}, ["禁毒社工站"], ["禁毒社工\t禁毒社工站,社工站"]):
        df = duties(text, bodies=extra)
        assert len(df) == 1
        assert df["duty"].iloc[0] == "开展帮教工作"
        assert df["bodies"].iloc[0] in (("禁毒社工站",), ("禁毒社工",))
    assert duties(text).empty  # extending did not change the bundled list


def test_duties_extra_bodies_from_file(tmp_path):
    path = tmp_path / "extra.txt"
    path.write_text("# extra\n禁毒社工\t禁毒社工站\n", encoding="utf-8")
    df = duties("禁毒社工站要开展帮教工作。", bodies=path)
    assert rows(df, ["bodies", "duty"]) == [(("禁毒社工",), "开展帮教工作")]


@needs_seed
def test_seed_duties():
    df = duties(SEED)

    def duty_of(*names):
        hit = df[df["bodies"].apply(lambda b: b == names)]
        assert len(hit) >= 1, names
        return " ".join(hit["duty"])

    assert "禁种铲毒" in duty_of("林业", "农业")
    assert "妇女" in duty_of("妇联")
    assert "志愿者" in duty_of("团委")
    assert "严惩毒品犯罪" in duty_of("公安", "检察院", "法院")
    assert "研究落实" in duty_of("人社", "卫生健康", "民政")
