"""A tiny handwritten corpus (written for these tests, in the style of county work speeches).

The speech is on waste sorting (policy area 环卫); the corpus holds two more 环卫 speeches
and two on food safety, each with a year, so every table and chart of the briefing can
be made in a second or two, without ../shared.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SPEECH = """在全县垃圾分类工作推进会上的讲话

同志们：
今天召开这次会议，主要是总结去年工作，部署今年任务。

一、统一思想，看清形势
（一）成绩来之不易。去年，全县新建分类投放点三百个，垃圾分类减量明显。
（二）短板依然突出。一是农村收运体系不全，二是群众参与热情不高，三是末端处理能力不足。
二、突出重点，抓好落实
（一）健全收运体系。城管局、住建局要牵头负责，年底前实现乡镇收运全覆盖。
（二）强化宣传引导。教育局要把分类知识纳入课堂，妇联要组织“绿色家庭”评选。
要认真落实《县生活垃圾分类管理办法》，对照《县生活垃圾分类管理办法》逐条检查，同时参照《省城乡环境卫生条例》。
到2025年，全县垃圾分类覆盖率达到95%。
垃圾分类是一项长期工作，必须久久为功，不能一阵风。
三、加强领导，压实责任
各乡镇要落实“一把手”责任，财政局要保障分类经费，做到“分类投放、分类收运、分类处理”。
"""

CORPUS = {
    "p01_laji.txt": """在全市垃圾分类动员会上的讲话
一、充分认识垃圾分类的意义
垃圾分类关系群众生活环境，关系城市文明形象。
二、扎实推进分类投放
一是建好投放设施，二是培育分类习惯。城管局要加强督查，街道要抓好宣传。
垃圾分类是一项长期工作，必须久久为功，不能一阵风。
""",
    "p02_laji.txt": """在全区农村生活垃圾治理会议上的讲话
一、农村垃圾治理取得进展
各村配备了保洁员，垃圾收运车辆基本到位，分类投放点逐步铺开。
二、下一步工作安排
要完善村庄保洁制度，推进垃圾就地减量，住建局要加强技术指导。
""",
    "p03_shipin.txt": """在全县食品安全工作会议上的讲话
一、食品安全形势总体平稳
去年抽检食品两千批次，合格率稳步提升，群众满意度明显提高。
二、压实监管责任
市场监管局要加强日常巡查，学校食堂要落实陪餐制度，农业农村局要管好农药残留。
""",
    "p04_shipin.txt": """在全市校园食品安全推进会上的讲话
一、校园食品安全事关学生健康
学校食堂是监管重点，食材采购是关键环节。
二、抓好三项重点工作
一是严格食材采购，二是规范后厨操作，三是畅通投诉渠道。教育局和市场监管局要联合检查学校食堂。
""",
}

CORPUS_META = """id,file,title,year,policy_area
p01,p01_laji.txt,在全市垃圾分类动员会上的讲话,2019,环卫
p02,p02_laji.txt,在全区农村生活垃圾治理会议上的讲话,2020,环卫
p03,p03_shipin.txt,在全县食品安全工作会议上的讲话,2019,食品安全
p04,p04_shipin.txt,在全市校园食品安全推进会上的讲话,2021,食品安全
"""

SPEECH_META = """id,file,title,year,place,occasion,policy_area
s00,s00_laji.txt,在全县垃圾分类工作推进会上的讲话,2022,青溪县,全县垃圾分类工作推进会,环卫
"""


@pytest.fixture(scope="session")
def tiny_files(tmp_path_factory) -> tuple[Path, Path]:
    """(speech file, corpus folder) of the tiny corpus, each with its metadata.csv."""
    root = tmp_path_factory.mktemp("tiny")
    (root / "speech").mkdir()
    (root / "corpus").mkdir()
    speech = root / "speech" / "s00_laji.txt"
    speech.write_text(SPEECH, encoding="utf-8")
    (root / "speech" / "metadata.csv").write_text(SPEECH_META, encoding="utf-8")
    for name, text in CORPUS.items():
        (root / "corpus" / name).write_text(text, encoding="utf-8")
    (root / "corpus" / "metadata.csv").write_text(CORPUS_META, encoding="utf-8")
    return speech, root / "corpus"


@pytest.fixture(scope="session")
def tiny(tiny_files):
    """(speech Document, corpus Corpus) of the tiny corpus."""
    import textmine as tm

    speech, corpus = tiny_files
    return tm.read_document(speech), tm.load_corpus(corpus)


@pytest.fixture(scope="session")
def tiny_result(tiny):
    """analyse() of the tiny corpus with two topics."""
    from textmine.report import BriefingOptions, analyse

    return analyse(*tiny, options=BriefingOptions(k=2))
