"""CSV/JSONL tables: the text column found, malformed rows reported by file and line, nothing cut or merged."""

from __future__ import annotations

import json

import pytest

import textmine as tm
from textmine.corpus.readers.tables import MIN_TEXT_CHARS, NoTextColumnError, csv_records

from .._shared import PROVINCIAL, shared

S1 = "同志们，今年是全面完成十四五规划目标任务的关键之年，做好今年的农业农村工作意义重大。"
S2 = "各地要严格落实耕地保护制度，坚决遏制耕地非农化，确保粮食播种面积稳定在一千万亩以上。"
S3 = "要持续巩固拓展脱贫攻坚成果，健全防止返贫动态监测和帮扶机制，守住不发生规模性返贫的底线。"
LONG = (S1 + S2 + S3) * 2  # over MIN_TEXT_CHARS Chinese characters


def _csv(tmp_path, text, name="talks.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unquoted_commas_in_the_last_column_are_kept_in_the_text(tmp_path):
    text = S1.replace("，", ",") + S2.replace("，", ",")
    path = _csv(tmp_path, f"id,title,text\nt1,农业讲话,{text}\nt2,乡村讲话,{S3}\n")
    with pytest.warns(UserWarning, match="1 warning"):
        c = tm.load_corpus(path)
    assert c["t1"].text == text  # it used to stop at the first comma
    (w,) = c.log.warnings
    assert w.line == 2 and "talks.csv line 2: 7 fields for 3 columns" in w.reason and "4 unquoted comma(s)" in w.reason


def test_unquoted_commas_before_the_last_column_are_reported_not_guessed(tmp_path):
    path = _csv(tmp_path, f"id,text,year\nt1,{S1.replace('，', ',')},2021\nt2,{S2},2022\n")
    with pytest.raises(tm.InputError, match=r"talks\.csv line 2: 5 fields for 3 columns.*not the last.*row not read"):
        tm.load_corpus(path)
    with pytest.warns(UserWarning, match="skipped 1"):
        c = tm.load_corpus(path, on_error="skip")
    assert c.ids == ["t2"] and c.log.skipped[0].line == 2


def test_an_unterminated_quote_costs_one_line_not_the_rest_of_the_file(tmp_path):
    rows = [f'r1,一,"{S1}"', f'r2,二,"{S2}', f'r3,三,"{S3}"', f'r4,四,"{S1}第四条"']
    path = _csv(tmp_path, "id,title,text\n" + "\n".join(rows) + "\n")
    with pytest.raises(tm.InputError, match=r"talks\.csv line 3: a quoted field opened on this line is never closed"):
        tm.load_corpus(path)
    with pytest.warns(UserWarning, match="skipped 1"):
        c = tm.load_corpus(path, on_error="skip")
    assert c.ids == ["r1", "r3", "r4"]  # rows after the bad one are rows again, not one merged document
    assert c["r3"].text == S3
    assert [(e.status, e.line) for e in c.log if e.line] == [("skipped", 3)]


def test_stray_quote_inside_a_field_is_read_leniently_and_reported(tmp_path):
    path = _csv(tmp_path, f'id,text\nq1,{S1}他说"要抓实"{S2}\n')
    records = list(csv_records(path.read_text(encoding="utf-8")))
    assert [r[0] for r in records] == [1, 2] and records[1][2] is None  # mid-field quotes are plain characters
    path2 = _csv(tmp_path, f'id,text\nq1,"{S1}"多出的字\n', name="stray.csv")
    with pytest.warns(UserWarning, match="1 warning"):
        c = tm.load_corpus(path2)
    assert c["q1"].text == S1 + "多出的字"
    assert "stray quote" in c.log.warnings[0].reason and c.log.warnings[0].line == 2


def test_short_row_is_reported(tmp_path):
    path = _csv(tmp_path, f"id,title,text\nt1,{S1}\nt2,讲话,{S2}\n")
    with pytest.warns(UserWarning, match="skipped 1"):
        c = tm.load_corpus(path, on_error="skip")
    assert c.ids == ["t2"]
    assert "line 2: 2 fields for 3 columns" in c.log.skipped[0].reason


def test_fields_over_the_csv_default_limit_are_read(tmp_path):
    import csv

    big = S1 * 4000  # 172,000 characters, over csv's 131,072 default
    path = _csv(tmp_path, f'id,text\nbig,"{big}"\n')
    before = csv.field_size_limit()
    assert tm.load_corpus(path)["big"].text == big
    assert csv.field_size_limit() == before  # the limit is raised for the read only


def test_text_column_is_found_by_its_chinese_text(tmp_path):
    path = _csv(tmp_path, f'province,year,url,full_text_2024\n某省,2024,http://example.invalid/1,"{LONG}"\n')
    c = tm.load_corpus(path)
    assert c[0].text == LONG and c[0].meta == {"province": "某省", "url": "http://example.invalid/1", "year": 2024,
                                             "file": "talks.csv", "encoding": "utf-8"}


def test_a_table_of_short_names_is_not_a_corpus(tmp_path):
    path = _csv(tmp_path, "province,length\n北京市,16555\n天津市,16946\n")
    with pytest.raises(NoTextColumnError, match=rf"text_column=None: .*talks\.csv has no text column; columns are "
                                                rf"\['province', 'length'\].*averages 3 Chinese characters a cell "
                                                rf"\(documents need {MIN_TEXT_CHARS}\)"):
        tm.load_corpus(path)
    (tmp_path / "speech.txt").write_text(LONG, encoding="utf-8")
    with pytest.warns(UserWarning, match="skipped 1"):  # in a folder: listed with the reason, not fatal
        c = tm.load_corpus(tmp_path)
    assert c.ids == ["speech"]
    assert c.log.skipped[0].path.endswith("talks.csv") and "has no text column" in c.log.skipped[0].reason
    assert tm.load_corpus(path, text_column="province").texts == ["北京市", "天津市"]
    with pytest.raises(tm.InputError, match=r"text_column='正文'.*no such column; columns are \['province', 'length'\]"):
        tm.load_corpus(path, text_column="正文")


def test_jsonl_line_separators_inside_strings_and_columns_from_all_rows(tmp_path):
    rows = [{"id": "j1", "text": S1 + "\u2028" + S2}, {"id": "j2", "text": S2 + "\u0085" + S3, "policy_area": "三农"},
            {"id": "j3", "text": S3 + "\u2029", "year": "2023年"}]
    path = tmp_path / "talks.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    c = tm.load_corpus(path)
    assert c.ids == ["j1", "j2", "j3"]
    assert c["j1"].text == S1 + "\u2028" + S2
    assert c["j2"].meta["policy_area"] == "三农" and c["j3"].meta["year"] == 2023
    assert "policy_area" in c.to_frame().columns


def test_bad_jsonl_lines_are_reported_by_line(tmp_path):
    path = tmp_path / "talks.jsonl"
    path.write_text(json.dumps({"text": S1}, ensure_ascii=False) + '\n{"text": "未闭合\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(tm.InputError, match=r"talks\.jsonl line 2: invalid JSON"):
        tm.load_corpus(path)
    with pytest.warns(UserWarning, match="skipped 2"):
        c = tm.load_corpus(path, on_error="skip")
    assert len(c) == 1
    (bad, not_object) = c.log.skipped
    assert bad.line == 2 and "talks.jsonl line 2: invalid JSON (Unterminated string" in bad.reason
    assert not_object.line == 3 and "expected a JSON object, got list" in not_object.reason


def test_json_array_of_objects(tmp_path):
    path = tmp_path / "talks.json"
    path.write_text(json.dumps({"data": [{"正文": S1, "标题": "讲话一"}, {"正文": S2, "标题": "讲话二"}]},
                               ensure_ascii=False), encoding="utf-8")
    c = tm.load_corpus(path)
    assert c.texts == [S1, S2] and [d.title for d in c] == ["讲话一", "讲话二"]


def test_shared_provincial_reports_load_with_no_options():
    folder = shared(PROVINCIAL)
    with pytest.warns(UserWarning, match="skipped 2"):
        c = tm.load_corpus(folder)
    assert len(c) == 31  # all distinct: no byte-identical duplicates to report
    assert not c.log.duplicates
    assert {d.meta["year"] for d in c} == {2026} and all("full_text" not in d.meta for d in c)
    assert all("2026" in d.title and d.title.endswith("政府工作报告") and d.n_chars > 5000 for d in c)
    skipped = {e.path.rsplit("/", 1)[-1]: e.reason for e in c.log.skipped}
    assert set(skipped) == {"run_manifest_2026.csv", "failures_2026.csv"}  # bookkeeping, not 31 tiny speeches
    assert "no text column" in skipped["run_manifest_2026.csv"] and "holds no rows" in skipped["failures_2026.csv"]


def test_byte_identical_copies_are_reported_as_duplicates(tmp_path):
    (tmp_path / "a.csv").write_text(f'id,text\na1,"{S1}"\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a copy.csv").write_bytes((tmp_path / "a.csv").read_bytes())
    with pytest.warns(UserWarning, match="1 duplicate"):
        c = tm.load_corpus(tmp_path)
    assert c.ids == ["a1"]
    (dup,) = c.log.duplicates
    assert dup.path.endswith("a copy.csv") and dup.reason.startswith("byte-identical to ")
