"""The structure gold (benchmarks/gold/structure_gold.json) is well-formed, and the
benchmark's matching scores a handwritten example exactly."""

from __future__ import annotations

import hashlib
import importlib.util
import re
from pathlib import Path

import pytest

from conftest import ROOT, SHARED

BENCH = ROOT / "benchmarks" / "bench_structure.py"
CATEGORIES = ("outline", "enumerations", "duties", "numbers", "formulas", "references")


def _bench():
    spec = importlib.util.spec_from_file_location("bench_structure", BENCH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def bench():
    return _bench()


@pytest.fixture(scope="module")
def gold(bench):
    return bench.load_gold()


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)


def test_gold_schema(gold):
    docs = gold["documents"]
    assert len(docs) >= 12
    splits = [d["split"] for d in docs]
    assert set(splits) == {"dev", "heldout"}
    assert sum(d["path"].startswith("../shared/corpora/real-speeches/") for d in docs) >= 10
    assert sum(d["path"].startswith("../shared/corpora/provincial-gwr-2026/") for d in docs) >= 2
    for d in docs:
        assert set(d["items"]) == set(CATEGORIES), d["path"]
        # a file annotated for some categories only names them (the others stay empty)
        assert set(d.get("annotated", CATEGORIES)) <= set(CATEGORIES), d["path"]
        for cat in set(CATEGORIES) - set(d.get("annotated", CATEGORIES)):
            assert d["items"][cat] == [], (d["path"], cat)
        for cat in CATEGORIES:
            for r in d["items"][cat]:
                assert 0 <= r["start"] < d["length"], (d["path"], cat, r)
                assert len(r.get("prefix", "")) <= 8, (d["path"], cat, r)
        for r in d["items"]["outline"]:
            assert r["level"] in (1, 2, 3)
        for r in d["items"]["numbers"]:
            assert r["kind"] in ("target", "statistic", "date")
            assert len(r["text"]) <= 12
        for r in d["items"]["formulas"]:
            assert r["kind"] in ("formula", "non_formula")
            assert len(r.get("text", "")) <= 12
        for r in d["items"]["duties"]:
            assert len(r["actor"]) <= 12
        for r in d["items"]["references"]:
            assert r["kind"] in ("document", "media", "document_uncited")


def test_gold_stores_no_sentences(gold):
    # only short prefixes and formula strings: never a run of 20 Han characters
    for s in _strings(gold):
        assert not re.search(r"[\u4e00-\u9fff]{20}", s), s


def test_gold_matches_shared_files(bench, gold):
    if not SHARED.is_dir():
        pytest.skip(f"needs the real speeches and reports in {SHARED} (absent in a user's clone)")
    for d in gold["documents"]:
        text = bench.raw_text(d["path"])
        assert len(text) == d["length"], d["path"]
        assert hashlib.sha1(text.encode("utf-8")).hexdigest() == d["sha1"], d["path"]
        for cat in CATEGORIES:
            for r in d["items"][cat]:
                s = r["start"]
                if "prefix" in r:
                    assert text[s:s + len(r["prefix"])] == r["prefix"], (d["path"], cat, r)
                if cat == "numbers":
                    assert text[s:s + len(r["text"])] == r["text"], (d["path"], r)
                if cat == "formulas" and "text" in r:
                    assert text[s:s + r["length"]] == r["text"], (d["path"], r)
                if cat == "formulas" and r["quoted"]:
                    assert text[s - 1] in "“「‘\"", (d["path"], r)
                if cat == "references" and r["kind"] != "document_uncited":
                    assert text[s - 1] == "《" and text[s + r["length"]] == "》", (d["path"], r)


def test_offset_map_follows_cleaning(bench):
    raw = "各位代表：\r\n\r\n  一、关于今年工作\r\n有关部门要抓紧落实。"
    cleaned = "各位代表：\n一、关于今年工作\n有关部门要抓紧落实。"
    m = bench.OffsetMap(raw, cleaned)
    assert m(raw.index("一、")) == cleaned.index("一、")
    assert m(raw.index("有关部门")) == cleaned.index("有关部门")
    assert m.missed == 0


def test_score_doc_exact_counts(bench):
    text = "一、稳住就业。有关部门要做好“六稳”工作，“春风又绿江南岸”。二、到2030年达到5%左右，去年增长3%。"
    def at(s):
        return text.index(s)
    entry = {"items": {
        "outline": [{"start": at("一、"), "level": 1}, {"start": at("二、"), "level": 1}],
        "enumerations": [],
        "duties": [{"start": at("有关部门"), "actor": "有关部门"}],
        "numbers": [{"start": at("5%左右"), "text": "5%左右", "kind": "target"},
                    {"start": at("3%"), "text": "3%", "kind": "statistic"}],
        "formulas": [{"start": at("六稳"), "length": 2, "kind": "formula", "quoted": True},
                     {"start": at("春风"), "length": 7, "kind": "non_formula", "quoted": True}],
        "references": [],
    }}
    pred = {"outline": [(at("一、"), 1)], "enum": [],
            "duties": [(at("有关部门"), ["有关部门"])],
            "targets": [(at("5%左右"), at("5%左右") + 4, "target"), (at("3%"), at("3%") + 2, "percent")],
            "formulas": [(at("六稳"), at("六稳") + 2), (at("春风"), at("春风") + 7)],
            "refs": []}
    tally, missed = bench.score_doc(entry, text, text, pred, tol=2)
    c = tally.c
    assert missed == 0
    assert c["outline L1 recall"] == [1, 2]
    assert c["duties actor recall"] == [1, 1]
    assert c["formulas recall"] == [1, 1]
    assert c["non-formulas returned as formulas"] == [1, 1]
    assert c["targets recall"] == [1, 1]
    assert c["statistics among returned targets"] == [1, 2]
    # a row whose kind says statistic is not a returned target
    pred["targets"][1] = (at("3%"), at("3%") + 2, "statistic")
    tally, _ = bench.score_doc(entry, text, text, pred, tol=2)
    assert tally.c["statistics among returned targets"] == [0, 1]


def test_score_doc_scores_only_the_annotated_categories(bench):
    # a file annotated for formulas alone: its empty outline and duty lists say nothing, so the
    # predicted headings and duties are not counted (they would read as false positives)
    text = "一、稳住就业。有关部门要做好“六稳”工作，有的做“老好人”。"
    entry = {"annotated": ["formulas"], "items": {
        "outline": [], "enumerations": [], "duties": [], "numbers": [], "references": [],
        "formulas": [{"start": text.index("六稳"), "length": 2, "kind": "formula", "quoted": True},
                     {"start": text.index("老好人"), "length": 3, "kind": "non_formula", "quoted": True}]}}
    pred = {"outline": [(0, 1)], "enum": [(0, 0)], "duties": [(text.index("有关部门"), ["有关部门"])],
            "targets": [(2, 4, "target")], "formulas": [(text.index("六稳"), text.index("六稳") + 2)], "refs": []}
    tally, _ = bench.score_doc(entry, text, text, pred, tol=2)
    assert dict(tally.c) == {"formulas recall": [1, 1], "  quoted formulas recall": [1, 1],
                             "  unquoted formulas recall": [0, 0], "non-formulas returned as formulas": [0, 1]}
    del entry["annotated"]  # annotated in full: the same predictions are false positives
    tally, _ = bench.score_doc(entry, text, text, pred, tol=2)
    assert tally.c["outline precision"] == [0, 1] and tally.c["duties precision"] == [0, 1]


def test_a_json_lines_entry_names_one_record(bench, tmp_path):
    import json

    import textmine as tm

    f = tmp_path / "reports.jsonl"
    rows = [{"congress": 12, "content": "同志们：今天开会。"}, {"congress": 13, "content": "坚持“一个中心、两个基本点”。"},
            {"congress": 1, "content": "甲"}, {"congress": 1, "content": "乙"}]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n", encoding="utf-8")
    rel = f"{f}#congress=13"
    assert bench.gold_path(rel) == f
    assert bench.raw_text(rel) == "坚持“一个中心、两个基本点”。"
    doc = bench.analysed_doc(tm, rel, bench.raw_text(rel))
    assert (doc.doc_id, doc.text) == ("reports-13", "坚持“一个中心、两个基本点”。")
    with pytest.raises(KeyError, match="0 records with congress = 14; expected exactly 1"):
        bench.raw_text(f"{f}#congress=14")
    with pytest.raises(KeyError, match="2 records with congress = 1; expected exactly 1"):
        bench.raw_text(f"{f}#congress=1")
    odd = tmp_path / "run=1"  # a "=" in a folder name is not the selector's
    odd.mkdir()
    (odd / "r.jsonl").write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    assert bench.analysed_doc(tm, f"{odd / 'r.jsonl'}#congress=13", "坚持。").doc_id == "r-13"


def test_bench_skips_without_shared(bench, monkeypatch, capsys):
    monkeypatch.setattr(bench, "SHARED", ROOT / "no-such-shared-dir")
    assert bench.main([]) == 0
    assert capsys.readouterr().out.strip() == "skipped: ../shared absent"


def test_cleaning_map_is_exact_and_drops_removed_text(bench):
    import textmine as tm

    raw = "在全省工作会议上的讲话\r\n（2024年3月5日）\r\n\r\n同志们：一、关于稳就业工作有关部门要抓紧落实。（新华社北京3月5日电）"
    doc = tm.clean(tm.Document.from_text(raw, doc_id="x"))
    assert doc.text == "同志们：一、关于稳就业工作有关部门要抓紧落实。"
    m = bench.CleaningMap(doc)
    assert m(raw.index("一、")) == doc.text.index("一、")
    assert m(raw.index("有关部门")) == doc.text.index("有关部门")
    assert m.removed(raw.index("2024年")) == "header"
    assert m.removed(raw.index("3月5日电")) == "trailer"
    assert m.removed(raw.index("有关部门")) == ""
    entry = {"items": {
        "outline": [{"start": raw.index("一、"), "level": 1}],
        "enumerations": [],
        "duties": [{"start": raw.index("有关部门"), "actor": "有关部门"}],
        "numbers": [{"start": raw.index("2024年"), "text": "2024年", "kind": "date"},
                    {"start": raw.index("3月5日电"), "text": "3月5日", "kind": "date"}],
        "formulas": [],
        "references": [],
    }}
    pred = {"outline": [(doc.text.index("一、"), 1)], "enum": [],
            "duties": [(doc.text.index("有关部门"), ["有关部门"])], "targets": [], "formulas": [], "refs": []}
    tally, missed = bench.score_doc(entry, raw, doc.text, pred, tol=0, doc=doc)
    assert missed == 0
    assert dict(tally.dropped) == {"header": 1, "trailer": 1}
    assert tally.c["outline L1 recall"] == [1, 1]
    assert tally.c["duties actor recall"] == [1, 1]


def test_offset_map_is_used_in_raw_order_across_categories(bench):
    # two captions removed mid-text shift the later text by 300 and then 600; an early duty
    # scored after the late outline rows must still be found (the search map carries its
    # running shift, so it runs in raw-offset order)
    cap = "图片说明" * 75
    raw = "有关部门要抓紧落实。" + cap + "一、关于今年工作" + cap + "二、关于明年工作"
    cleaned = raw.replace(cap, "")
    entry = {"items": {
        "outline": [{"start": raw.index("一、"), "level": 1}, {"start": raw.index("二、"), "level": 1}],
        "enumerations": [],
        "duties": [{"start": raw.index("有关部门"), "actor": "有关部门"}],
        "numbers": [], "formulas": [], "references": [],
    }}
    pred = {"outline": [(cleaned.index("一、"), 1), (cleaned.index("二、"), 1)], "enum": [],
            "duties": [(cleaned.index("有关部门"), ["有关部门"])], "targets": [], "formulas": [], "refs": []}
    tally, missed = bench.score_doc(entry, raw, cleaned, pred, tol=0)
    assert missed == 0
    assert tally.c["outline L1 recall"] == [2, 2]
    assert tally.c["duties actor recall"] == [1, 1]
