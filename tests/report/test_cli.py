"""The ``textmine report`` command: success on a tiny handwritten corpus, one-line errors, only cli imports report."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import textmine as tm
from textmine.cli import main

PKG = Path(tm.__file__).resolve().parent


def test_cli_success_on_a_tiny_corpus(tiny_files, tmp_path, capsys):
    speech, corpus = tiny_files
    code = main(["report", str(speech), "--corpus", str(corpus), "--out", str(tmp_path), "--formats",
                 "png,csv,md,pptx", "--k", "2", "--quiet"])
    out = capsys.readouterr()
    assert code == 0, out.err
    pack = tmp_path / "s00"  # the doc_id from metadata.csv's id column
    sim = pd.read_csv(pack / "similar.csv", encoding="utf-8-sig")
    assert sim.doc_id.tolist() == ["p01", "p02", "p03", "p04"]
    assert len(pd.read_csv(pack / "top_terms.csv", encoding="utf-8-sig")) == 20
    assert not (pack / "choose_k.csv").exists()
    for name in ("keyness.png", "topic_trend.png", "briefing.md", "briefing.pptx"):
        assert (pack / name).is_file(), name
    assert not list(pack.glob("*.svg"))
    lines = out.out.splitlines()
    assert lines[0].startswith(f"wrote {len(list(pack.iterdir()))} files to {pack}")
    assert lines[1] == "  · 结构：全文分3个部分、4个小节（一、统一思想，看清形势；二、突出重点，抓好落实；三、加强领导，压实责任）。"
    assert lines[-1].startswith("done in ") and str(pack / "briefing.md") in lines[-1]
    assert out.err == ""


def test_cli_top_reaches_the_top_terms_table(tiny_files, tmp_path, capsys):
    speech, corpus = tiny_files
    code = main(["report", str(speech), "--corpus", str(corpus), "--out", str(tmp_path), "--formats", "csv",
                 "--k", "2", "--top", "3", "--quiet"])
    assert code == 0, capsys.readouterr().err
    top = pd.read_csv(tmp_path / "s00" / "top_terms.csv", encoding="utf-8-sig")
    assert top.term.tolist()[:2] == ["分类", "垃圾分类"] and len(top) == 3


def test_cli_on_a_work_report_against_the_others(tmp_path, capsys):
    from conftest import GWR_DIR, gwr_files

    files = gwr_files()
    speech = files[-1]  # 2017
    code = main(["report", str(speech), "--corpus", str(GWR_DIR), "--out", str(tmp_path), "--formats",
                 "png,csv,md", "--k", "8", "--quiet"])
    out = capsys.readouterr()
    assert code == 0, out.err
    pack = tmp_path / speech.stem
    sim = pd.read_csv(pack / "similar.csv", encoding="utf-8-sig")
    assert speech.stem not in sim.doc_id.tolist() and len(sim) == len(files) - 1
    assert sim.doc_id.iloc[0].startswith("2016")  # the nearest report is the previous year's
    assert (pack / "keyness.png").is_file() and (pack / "briefing.md").is_file()
    assert "wrote" in out.out


@pytest.mark.parametrize("case", ["missing", "unreadable", "empty_corpus", "no_chinese", "bad_format", "bad_top"])
def test_cli_bad_input_one_line_error(tmp_path, capsys, case):
    speech = tm.BUNDLED_SPEECH
    corpus = tm.BUNDLED_CORPUS
    extra: list[str] = []
    if case == "missing":
        speech = tmp_path / "nope.txt"
        expect = "no such file"
    elif case == "unreadable":
        speech = tmp_path / "bad.txt"
        speech.write_bytes(b"\x80\xff\xfe\xfa" * 4)
        expect = "cannot decode"
    elif case == "empty_corpus":
        corpus = tmp_path / "empty"
        corpus.mkdir()
        expect = "corpus is empty"
    elif case == "no_chinese":
        speech = tmp_path / "en.txt"
        speech.write_text("This speech has no Chinese in it.", encoding="utf-8")
        expect = "has no Chinese text"
    elif case == "bad_format":
        extra = ["--formats", "png,gif"]
        expect = "formats="
    else:
        extra = ["--top", "0"]
        expect = "top_terms=0: expected a whole number >= 1"
    code = main(["report", str(speech), "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--quiet", *extra])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("textmine: error: ") and expect in err
    assert "Traceback" not in err


def test_debug_shows_the_traceback(tmp_path):
    with pytest.raises(FileNotFoundError):
        main(["report", str(tmp_path / "nope.txt"), "--debug", "--quiet"])


def test_python_dash_m_textmine_runs():
    res = subprocess.run([sys.executable, "-m", "textmine", "report", "--help"], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 0 and "--corpus" in res.stdout and "--formats" in res.stdout and "--top" in res.stdout


def test_only_cli_imports_report():
    importers = []
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG)
        if rel.parts[0] == "report":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                names = [node.module.split(".")[0]] if node.module else [a.name for a in node.names]
                if "report" in names:
                    importers.append(str(rel))
    assert importers == ["cli.py"]


@pytest.mark.parametrize("argv, expected", [
    ([], tm.BriefingOptions()),
    (["--top", "3"], tm.BriefingOptions(top_terms=3, keyness_terms=3, similar_documents=3)),
    (["--k", "5", "--seed", "7"], tm.BriefingOptions(k=5, random_state=7)),
])
def test_cli_options_are_the_defaults_unless_given(monkeypatch, tmp_path, capsys, argv, expected):
    import textmine.report

    got = {}

    def fake_build_report(speech, corpus, **kwargs):
        got.update(kwargs)
        return textmine.report.Report(tmp_path)

    monkeypatch.setattr(textmine.report, "build_report", fake_build_report)
    assert main(["report", "--quiet", *argv]) == 0
    assert got["options"] == expected and "top" not in got
    assert capsys.readouterr().out.startswith(f"wrote 0 files to {tmp_path}")


def test_the_cli_default_formats_are_the_reports():
    # the CLI spells its default out (it does not import report for --help): the two must agree
    import argparse

    from textmine import cli
    from textmine.report import DEFAULT_FORMATS, FORMATS

    report = next(a for a in cli._parser()._actions if isinstance(a, argparse._SubParsersAction)).choices["report"]
    default = next(a.default for a in report._actions if "--formats" in a.option_strings)
    assert tuple(default.split(",")) == DEFAULT_FORMATS
    assert "svg" in FORMATS and "svg" not in DEFAULT_FORMATS  # vector copies only when asked for


@pytest.mark.slow
def test_cli_with_the_default_workers_writes_the_pack_a_serial_run_writes(tiny_files, tmp_path, monkeypatch):
    """``textmine report`` as the analyst runs it: chart and deck-picture workers, the search over k aside.

    The test suite draws in its own process (TEXTMINE_WORKERS=1, tests/conftest.py); this run leaves
    the worker count to textmine and starts from an empty cache, and must give the serial pack.
    """
    import hashlib
    import os

    from textmine.report import FORMATS

    speech, corpus = tiny_files
    env = {k: v for k, v in os.environ.items() if k not in ("TEXTMINE_WORKERS", "TEXTMINE_FILE_CACHE")}
    env.update(TEXTMINE_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(PKG.parent))
    # As `python -m textmine report`, except that the deck may not palettise a picture itself:
    # every one must come from the chart worker that drew it, through the file cache.
    run_cli = ("import sys; import textmine.report.write_pptx as w; from textmine.cli import main\n"
               "def refuse(png): raise AssertionError(f'deck picture not made by its chart worker: {png}')\n"
               "w._palettised_bytes = refuse\n"
               "sys.exit(main(sys.argv[1:]))")
    run = subprocess.run([sys.executable, "-c", run_cli, "report", str(speech), "--corpus", str(corpus),
                          "--out", str(tmp_path / "workers"), "--formats", ",".join(FORMATS), "--quiet"],
                         env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    monkeypatch.setenv("TEXTMINE_WORKERS", "1")
    monkeypatch.setenv("TEXTMINE_FILE_CACHE", "0")
    assert main(["report", str(speech), "--corpus", str(corpus), "--out", str(tmp_path / "serial"),
                 "--formats", ",".join(FORMATS), "--quiet"]) == 0

    def digests(folder: Path) -> dict[str, str]:
        return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file()}

    serial = digests(tmp_path / "serial")
    assert {"s00/briefing.pptx", "s00/wordcloud.png", "s00/choose_k.csv", "s00/briefing.xlsx"} <= set(serial)
    assert digests(tmp_path / "workers") == serial
    from textmine.report import _deckpng

    salt = _deckpng.salt()
    pictures = [tmp_path / "cache" / "files" / f"{_deckpng.key(salt, p.read_bytes())}.png"
                for p in sorted((tmp_path / "workers" / "s00").glob("*.png"))]
    assert len(pictures) >= 10 and all(p.is_file() for p in pictures)  # each chart's deck copy, cached
