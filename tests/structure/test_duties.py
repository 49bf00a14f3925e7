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
    assert rows(df, ["actors", "modal"]) == [
        (("公", "检", "法"), "要"), (("妇联",), "要"), (("教育部门",), "要"), (("团委",), "要继续"),
        (("公", "检", "法", "司"), "要"), (("公安", "司法"), ""),
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


def test_duties_central_bodies_listed_in_full():
    text = "教育部、住房城乡建设部、水利部、国家卫生健康委、国家医保局要在三个月内拿出配套办法。"
    df = duties(text)
    names = ("教育部", "住房城乡建设部", "水利部", "国家卫生健康委", "国家医保局")
    assert rows(df, ["actors", "bodies", "modal", "duty"]) == [(names, names, "要", "在三个月内拿出配套办法")]


def test_duties_abbreviations_keep_the_written_form():
    df = duties("国家发改委、住建部要会同国家卫健委制定细则。省发展改革委要跟进。")
    assert rows(df, ["actors", "bodies"]) == [
        (("国家发改委", "住建部"), ("国家发展改革委", "住房城乡建设部")),
        (("省发展改革委",), ("发改",)),
    ]


@pytest.mark.parametrize("text, actors, bodies", [
    ("有关部门要抓紧研究出台配套政策。", ("有关部门",), ("有关部门",)),
    ("各有关部门要各负其责。", ("各有关部门",), ("有关部门",)),
    ("各地区各部门要把思想统一到党中央决策部署上来。", ("各地区", "各部门"), ("各地区", "各部门")),
    ("各地各部门要压实工作责任。", ("各地", "各部门"), ("各地", "各部门")),
    ("有关方面和地方要密切配合。", ("有关方面", "地方"), ("有关方面", "地方")),
    ("各级党委（党组）要切实履行主体责任。", ("各级党委（党组）",), ("党委",)),
    ("各级党委和政府要把这件事摆上议事日程。", ("各级党委", "政府"), ("党委", "政府")),
    ("各级党组织要发挥战斗堡垒作用。", ("各级党组织",), ("党组织",)),
    ("领导干部要带头学习新知识。", ("领导干部",), ("领导干部",)),
    ("人民团体、工商联等组织要积极参与进来。", ("人民团体", "工商联"), ("人民团体", "工商联")),
    ("各相关部门和地方的主要负责同志要亲自过问。", ("各相关部门和地方的主要负责同志",), ("有关部门", "地方")),
    ("中央和国家机关有关部门要主动靠前服务。", ("中央和国家机关有关部门",), ("中央和国家机关有关部门",)),
    ("全党同志必须牢记初心。", ("全党同志",), ("全党",)),
    ("雄安新区要在体制创新上先行一步。", ("雄安新区",), ("雄安新区",)),
    ("湖南要打好这一仗。", ("湖南",), ("湖南省",)),
    ("有条件的地方要率先开展试点。", ("有条件的地方",), ("有条件的地方",)),
    ("国有企业特别是中央企业要带头稳岗。", ("国有企业", "中央企业"), ("国有企业", "中央企业")),
])
def test_duties_generic_actors_and_places(text, actors, bodies):
    df = duties(text)
    assert rows(df, ["actors", "bodies"]) == [(actors, bodies)]


def test_duties_modal_forms():
    text = ("市场监管部门必须守住安全底线；税务部门务必把政策红利送到位。县级以上地方人民政府应当加强领导。"
            "市发展改革委牵头制定实施方案，市财政局配合做好资金保障。街道办事处负责组织入户排查。")
    df = duties(text)
    assert rows(df, ["actors", "modal", "duty"]) == [
        (("市场监管部门",), "必须", "守住安全底线"),
        (("税务部门",), "务必", "把政策红利送到位"),
        (("县级以上地方人民政府",), "应当", "加强领导"),
        (("市发展改革委",), "牵头", "制定实施方案"),
        (("市财政局",), "配合", "做好资金保障"),
        (("街道办事处",), "负责", "组织入户排查"),
    ]
    assert df["bodies"].tolist() == [("市场监管",), ("税务",), ("政府",), ("发改",), ("财政",), ("街道办事处",)]


def test_duties_names_are_never_renamed():
    df = duties("慈善组织要规范募捐行为。慈善会要公开账目。医院要改善就医流程。")
    assert rows(df, ["actors", "bodies"]) == [
        (("慈善组织",), ("慈善组织",)), (("慈善会",), ("慈善总会",)), (("医院",), ("医院",)),
    ]


def test_duties_reported_demand_and_request():
    df = duties("省委要求各市县党委对照清单逐项整改。请有关方面认真研究吸收。")
    assert rows(df, ["actors", "bodies", "modal", "duty"]) == [
        (("各市县党委",), ("党委",), "要求", "对照清单逐项整改"),
        (("有关方面",), ("有关方面",), "请", "认真研究吸收"),
    ]


def test_duties_subject_carried_to_a_later_clause():
    df = duties("各地区各部门在推进改革时，既要大胆探索，也要稳妥审慎。")
    assert rows(df, ["actors", "modal", "duty"]) == [(("各地区", "各部门"), "要", "大胆探索，也要稳妥审慎")]


def test_duties_trailing_assignment_in_a_document():
    text = "加快建设全省一体化算力网络。（省发展改革委、省通信管理局牵头，各市按职责分工负责）"
    df = duties(text)
    assert rows(df, ["actors", "bodies", "modal", "duty"]) == [
        (("省发展改革委", "省通信管理局"), ("发改", "通信管理"), "牵头", "加快建设全省一体化算力网络"),
        (("各市",), ("各市",), "负责", "加快建设全省一体化算力网络"),
    ]
    assert df["start"].tolist() == [text.index("省发展"), text.index("各市")]


@pytest.mark.parametrize("text", [
    "他强调：“有关部门要立即行动，各地要全力配合。”",  # directives inside a quotation
    "我们各级党委要敢于担当。",  # the subject is 我们
    "我们要把这项工作抓实抓好。",
    "李建华要抓紧把材料报上来。",  # a person's name
    "企业家要弘扬企业家精神。",  # a social group
    "工业和信息化部、财政部等部门先后出台了支持政策。",  # a past statement
    "并请省政协委员和列席人员提出意见。",  # persons of a body
    "在林区办公场所、交通要道实现网络覆盖。",  # 要道 is no modal
    "集中收治医院要尽快建成投入使用。",  # a body word inside a noun phrase
])
def test_duties_not_duties(text):
    assert duties(text).empty


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
