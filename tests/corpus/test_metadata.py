"""Metadata: one coercion (year a nullable int), duplicates reported, sub-folder tables, distinct ids."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

import textmine as tm
from textmine.corpus.metadata import YEAR_UNKNOWN, coerce_meta, coerce_year, year_label

TALK = "同志们：今天召开全县河长制工作会议，主要任务是总结去年工作，部署今年任务。"


@pytest.mark.parametrize("value,year", [
    (2016, 2016), ("2016", 2016), ("2016年", 2016), (" 2016 年 ", 2016), ("２０１６年", 2016), ("2016年度", 2016),
    ("二〇一六年", 2016), ("2016-03-12", 2016), ("2016/3/12", 2016), ("2016年3月", 2016), (2016.0, 2016),
    ("2016.0", 2016), (dt.date(2016, 3, 12), 2016), (pd.Timestamp("2016-03-12"), 2016),
    ("", None), ("  ", None), (None, None), (math.nan, None), ("NaN", None), ("不详", None),
])
def test_year_is_a_nullable_whole_number(value, year):
    assert coerce_year(value) == (year, None)


@pytest.mark.parametrize("value,message", [
    ("十四五", "is not a year"), ("16年", "is not a year"), (2016.5, "not a whole number"),
    ("0016", "out of range"), (True, "is not a year"),
])
def test_a_value_that_is_not_a_year_is_left_out_and_said(value, message):
    year, problem = coerce_year(value)
    assert year is None and message in problem


def test_other_fields_are_strings_or_missing():
    meta, problems = coerce_meta({"year": "2021年", "chars": 3255, "ratio": 0.5, " level ": " 县 ", "place": "",
                                  "date": dt.datetime(2021, 3, 5), "area": None})
    assert meta == {"chars": "3255", "ratio": "0.5", "level": "县", "date": "2021-03-05", "year": 2021}
    assert problems == []
    assert coerce_meta({"年份": "2019年"})[0] == {"年份": "2019年", "year": 2019}
    assert coerce_meta({"publish_date": "2020-05-06"})[0]["year"] == 2020
    assert coerce_meta({"Year": "十四五"})[1] == ["year '十四五' is not a year; expected e.g. 2016 or 2016年"]
    assert year_label(None) == YEAR_UNKNOWN == "年份不详" and year_label("2019年") == 2019


def _folder(tmp_path, names=("a.txt", "b.txt", "c.txt")):
    for i, name in enumerate(names):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{TALK}第{i + 1}篇。", encoding="utf-8")


def test_blank_year_is_missing_and_the_report_does_not_crash(tmp_path):
    _folder(tmp_path)
    (tmp_path / "metadata.csv").write_text("file,year,policy_area\na.txt,2019,河长制\nb.txt,,河长制\n"
                                           "c.txt,2021年,河长制\n", encoding="utf-8")
    c = tm.load_corpus(tmp_path)
    assert [d.meta.get("year") for d in c] == [2019, None, 2021]
    assert "year" not in c[1].meta
    years = c.meta_frame()["year"]
    assert years.isna().tolist() == [False, True, False]
    assert sorted(years.map(year_label), key=str) == [2019, 2021, YEAR_UNKNOWN]  # comparable: no str/int mix


def test_bad_year_in_metadata_is_a_logged_warning(tmp_path):
    _folder(tmp_path, ("a.txt",))
    (tmp_path / "metadata.csv").write_text("file,year\na.txt,十四五期间\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="1 warning"):
        c = tm.load_corpus(tmp_path)
    assert "year" not in c[0].meta
    (w,) = c.log.warnings
    assert w.line == 2 and "file 'a.txt': year '十四五期间' is not a year" in w.reason


def test_duplicate_file_rows_are_reported(tmp_path):
    _folder(tmp_path, ("a.txt", "b.txt"))
    (tmp_path / "metadata.csv").write_text("file,year\na.txt,2019\nb.txt,2020\na.txt,2022\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="1 duplicate"):
        c = tm.load_corpus(tmp_path)
    assert c["a"].meta["year"] == 2019
    (dup,) = c.log.duplicates
    assert dup.line == 4 and dup.path.endswith("metadata.csv")
    assert dup.reason == "file 'a.txt' is listed again (first at line 2) with different values; the row at line 2 is used"


def test_sub_folder_metadata_applies_to_its_folder_and_same_names_get_path_ids(tmp_path):
    _folder(tmp_path, ("2020/讲话.txt", "2021/讲话.txt", "2021/总结.txt", "top.txt"))
    (tmp_path / "metadata.csv").write_text("file,policy_area,year\ntop.txt,河长制,2019\n2021/总结.txt,河长制,2021\n",
                                           encoding="utf-8")
    (tmp_path / "2020" / "metadata.csv").write_text("file,year,level\n讲话.txt,2020,县\n", encoding="utf-8")
    (tmp_path / "2021" / "metadata.csv").write_text("file,year\n讲话.txt,2021\n总结.txt,2022\n", encoding="utf-8")
    c = tm.load_corpus(tmp_path)
    assert c.ids == ["2020/讲话", "总结", "2021/讲话", "top"]  # used to abort: duplicate doc_id '讲话'
    assert c["2020/讲话"].meta["year"] == 2020 and c["2020/讲话"].meta["level"] == "县"
    assert c["2021/讲话"].meta["year"] == 2021
    assert c["总结"].meta["year"] == 2022 and c["总结"].meta["policy_area"] == "河长制"  # the nearer table wins
    assert c["2020/讲话"].meta["file"] == "2020/讲话.txt"
    assert c["top"].meta == {"file": "top.txt", "policy_area": "河长制", "year": 2019, "encoding": "utf-8"}


def test_a_bare_name_matching_several_files_is_reported_not_guessed(tmp_path):
    _folder(tmp_path, ("2020/讲话.txt", "2021/讲话.txt"))
    (tmp_path / "metadata.csv").write_text("file,year\n讲话.txt,2020\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="skipped 1"):
        c = tm.load_corpus(tmp_path)
    assert all("year" not in d.meta for d in c)
    assert "matches 2 files (2020/讲话.txt, 2021/讲话.txt)" in c.log.skipped[0].reason


def test_explicit_metadata_frame_and_missing_file_column(tmp_path):
    _folder(tmp_path, ("a.txt",))
    frame = pd.DataFrame({"file": ["a.txt", "zz.txt"], "year": [2018.0, math.nan], "id": ["A", "Z"]})
    with pytest.warns(UserWarning, match="skipped 1"):
        c = tm.load_corpus(tmp_path, metadata=frame)
    assert c.ids == ["A"] and c["A"].meta["year"] == 2018
    assert "file 'zz.txt' is listed but no such file was read" in c.log.skipped[0].reason
    with pytest.raises(tm.InputError, match=r"needs a 'file' column to join on; its columns are \['name'\]"):
        tm.load_corpus(tmp_path, metadata=pd.DataFrame({"name": ["a.txt"]}))


def test_missing_years_are_a_group_of_their_own_where_years_are_grouped():
    names = ["c01_jindu.txt", "c02_jindu.txt", "c15_anquan.txt", "c16_anquan.txt", "c25_xiangcun.txt"]
    years = ["2015", "", "2019年", "2015", "不详"]
    docs = [tm.read_document(tm.BUNDLED_CORPUS / n, meta={"year": y}) for n, y in zip(names, years)]
    dtm = tm.Dtm.from_corpus(tm.clean(tm.Corpus(docs)))
    trend = tm.topic_trend(tm.fit_topics(dtm, 2, random_state=0), dtm, by="year")
    assert trend.index.tolist() == [2015, 2019, YEAR_UNKNOWN]  # was: '<' not supported between 'str' and 'int'
    assert trend.loc[YEAR_UNKNOWN].sum() == pytest.approx(1.0)
