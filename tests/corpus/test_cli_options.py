"""The CLI's ingest options: --on-error, --text-column, and the speech's --title/--area/--year/--level."""

from __future__ import annotations

import pandas as pd
import pytest

import textmine as tm
from textmine.cli import main


def test_options_reach_build_report(monkeypatch, tmp_path, capsys):
    import textmine.report as report

    seen = {}

    def fake(speech, corpus, **kwargs):
        seen.update(kwargs, speech=speech, corpus=corpus)
        return report.Report(tmp_path)

    monkeypatch.setattr(report, "build_report", fake)
    code = main(["report", "s.txt", "--corpus", "c.csv", "--text-column", "正文", "--area", "禁毒", "--year",
                 "2021年", "--title", "在全市禁毒工作会议上的讲话", "--level", "市", "--quiet"])
    assert code == 0, capsys.readouterr().err
    assert seen["on_error"] == "skip" and seen["text_column"] == "正文"  # skip is the CLI's default
    assert seen["speech_meta"] == {"title": "在全市禁毒工作会议上的讲话", "policy_area": "禁毒", "year": "2021年",
                                   "level": "市"}
    main(["report", "--on-error", "raise", "--quiet"])
    assert seen["on_error"] == "raise" and seen["speech_meta"] == {}


def _small_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("c01_jindu.txt", "c02_jindu.txt", "c15_anquan.txt", "c16_anquan.txt"):
        (corpus / name).write_bytes((tm.BUNDLED_CORPUS / name).read_bytes())
    (corpus / "metadata.csv").write_text("file,policy_area,year\nc01_jindu.txt,禁毒,2015\nc02_jindu.txt,禁毒,\n"
                                         "c15_anquan.txt,安全生产,2019年\nc16_anquan.txt,安全生产,2020\n",
                                         encoding="utf-8")
    (corpus / "bad.txt").write_bytes("禁毒".encode() + b"\x80\xff\xff")
    return corpus


@pytest.mark.slow
def test_speech_by_path_gets_an_area_and_a_bad_corpus_file_is_skipped(tmp_path, capsys):
    speech = tmp_path / "talk.txt"  # no metadata.csv beside it: no policy area of its own
    speech.write_bytes(tm.BUNDLED_SPEECH.read_bytes())
    corpus = _small_corpus(tmp_path)
    args = ["report", str(speech), "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--formats", "csv",
            "--k", "2", "--quiet"]
    assert main(args + ["--on-error", "raise"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("textmine: error: cannot decode") and "bad.txt" in err
    assert main(args + ["--area", "禁毒", "--year", "2021年", "--title", "在全市禁毒工作会议上的讲话"]) == 0
    out = capsys.readouterr()
    assert "skipped: corpus file" in out.out and "bad.txt" in out.out  # listed on the console
    assert "textmine: warning: load_corpus skipped 1 file(s) or row(s); see ingest_log.csv" in out.err
    pack = tmp_path / "out" / "talk"
    assert (pack / "peer_keyness.csv").is_file()  # the same-area comparison ran (2 corpus speeches on 禁毒)
    log = pd.read_csv(pack / "ingest_log.csv", encoding="utf-8-sig")
    assert log.set_index(log.path.str.rsplit("/", n=1).str[-1]).loc["bad.txt", "status"] == "skipped"
    assert "year" in pd.read_csv(pack / "similar.csv", encoding="utf-8-sig").columns  # blank year: no crash
