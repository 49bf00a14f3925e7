"""Issue 14: what textmine writes is safe, bounded and complete, whatever the input."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from .conftest import SPEECH, SPEECH_META


def _speech_with(tmp_path: Path, *, doc_id: str = "s00", title: str | None = None, place: str = "青溪县",
                 occasion: str = "全县垃圾分类工作推进会", text: str = SPEECH) -> Path:
    """The tiny speech in its own folder, with a metadata.csv row of the given id/title/place/occasion."""
    folder = tmp_path / "speech"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "s00_laji.txt"
    path.write_text(text, encoding="utf-8")
    header = SPEECH_META.splitlines()[0].split(",")
    row = dict(zip(header, SPEECH_META.splitlines()[1].split(",")))
    row.update(id=doc_id, place=place, occasion=occasion)
    if title is not None:
        row["title"] = title
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header)
        w.writeheader()
        w.writerow(row)
    return path


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


# 1 output path traversal -----------------------------------------------------------------------------

@pytest.mark.parametrize("doc_id", ["../../escaped", "/tmp/textmine_escape_abs", "..", "a/../../b", "C:\\x\\y"])
def test_doc_id_never_writes_outside_out_dir(tmp_path, tiny_files, doc_id):
    from textmine.report import build_report

    speech = _speech_with(tmp_path / "in", doc_id=doc_id)
    out_dir = tmp_path / "work" / "out"
    out_dir.mkdir(parents=True)
    before = _files(tmp_path)
    abs_target = Path("/tmp/textmine_escape_abs")
    report = build_report(speech, tiny_files[1], out_dir=out_dir, formats=["csv", "md"], progress=False,
                          speech_meta={"title": "测试"}, k=2)
    new = _files(tmp_path) - before
    assert new and all(out_dir in p.parents for p in new)
    assert report.out_dir.parent == out_dir  # exactly one folder level under --out
    assert ".." not in report.out_dir.name and "/" not in report.out_dir.name
    assert not abs_target.exists()
    assert report.result.cleaned.doc_id == doc_id  # the id itself is kept as data


def test_safe_part_slugs_and_hashes():
    from textmine.report._paths import safe_part

    assert safe_part("s00") == "s00"
    assert safe_part("2022讲话_01") == "2022讲话_01"
    assert safe_part("../../evil").startswith("evil-") and len(safe_part("../../evil")) == len("evil-") + 8
    assert safe_part("/etc/passwd").startswith("etc_passwd-")
    assert safe_part("..").startswith("doc-") and safe_part(".").startswith("doc-")
    assert safe_part("a/b") != safe_part("a_b")  # different ids never share a folder
    assert safe_part("CON").startswith("_CON-")
    assert len(safe_part("长" * 300)) == 80 + 9


# 2 spreadsheet formula injection ---------------------------------------------------------------------

POISON = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def test_neutralise_cells():
    from textmine.report._cells import CUT_MARK, MAX_CELL, neutralise, safe_cell

    assert [neutralise(v) for v in POISON] == ["'" + v for v in POISON]
    assert neutralise("推进垃圾分类") == "推进垃圾分类"
    assert neutralise("要=") == "要="
    assert neutralise(-3) == -3 and neutralise(-0.5) == -0.5 and neutralise(None) is None
    long = safe_cell("=" + "长" * 40_000)
    assert len(long) == MAX_CELL and long.startswith("'=") and long.endswith(CUT_MARK)


def test_every_csv_table_neutralised(tmp_path, tiny_result, monkeypatch):
    """Every table of the pack, with a formula in each text column: written quoted; numbers stay numbers."""
    import pandas as pd

    from textmine.report import write_csv as wc

    real = wc.tables(tiny_result)
    assert len(real) >= 17
    poisoned, text_cols, num_cols = {}, {}, {}
    for name, df in real.items():
        df = wc.csv_frame(df).reset_index(drop=True)
        if df.empty:
            df = pd.DataFrame({c: [None] for c in df.columns}).astype(object)
        texts = [c for c in df.columns if df[c].dtype == object or pd.api.types.is_string_dtype(df[c])]
        nums = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])]
        for i, c in enumerate(texts):
            df.loc[0, c] = POISON[i % len(POISON)]
        for c in nums:
            df[c] = df[c].astype(float)
            df.loc[0, c] = -7.5
        poisoned[name], text_cols[name], num_cols[name] = df, texts, nums
    assert sum(map(len, text_cols.values())) > 40 and sum(map(len, num_cols.values())) > 20
    monkeypatch.setattr(wc, "tables", lambda r: poisoned)
    paths = wc.write_csv(tiny_result, tmp_path)
    assert len(paths) == len(real)
    for path in paths:
        name = path.stem
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        first = rows[0]
        for i, c in enumerate(text_cols[name]):
            assert first[c] == "'" + POISON[i % len(POISON)], (name, c)
        for c in num_cols[name]:
            assert first[c] == "-7.5", (name, c)
        for row in rows:  # no cell anywhere starts like a formula
            assert not any(v.startswith(("=", "+", "@", "\t", "\r")) for v in row.values()), (name, row)


def _corpus_copy(tmp_path: Path, src: Path, *, p01_title: str | None = None, keep: int | None = None) -> Path:
    """A copy of the tiny corpus (its first ``keep`` speeches), optionally with another title for p01."""
    import shutil

    dst = tmp_path / "corpus"
    dst.mkdir(parents=True)
    lines = (src / "metadata.csv").read_text(encoding="utf-8").splitlines()
    rows = lines[1:1 + keep] if keep else lines[1:]
    for row in rows:
        shutil.copy(src / row.split(",")[1], dst)
    if p01_title is not None:
        rows = [r.replace(r.split(",")[2], p01_title) if r.startswith("p01,") else r for r in rows]
    with open(dst / "metadata.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(lines[0].split(","))
        for r in rows:
            parts = r.split(",")
            if r.startswith("p01,") and p01_title is not None:
                parts = [parts[0], parts[1], p01_title, *parts[-2:]]
            w.writerow(parts)
    return dst


def test_formula_title_in_pack_is_quoted(tmp_path, tiny_files):
    from textmine.report import build_report

    evil = '=HYPERLINK("http://evil","点我")'
    corpus = _corpus_copy(tmp_path, tiny_files[1], p01_title=evil)
    r = build_report(tiny_files[0], corpus, out_dir=tmp_path / "out", formats=["csv"], progress=False, k=2)
    with open(r.out_dir / "similar.csv", encoding="utf-8-sig", newline="") as f:
        titles = [row["title"] for row in csv.DictReader(f)]
    assert "'" + evil in titles
    keyness = (r.out_dir / "keyness.csv").read_text(encoding="utf-8-sig")
    assert ",-" in keyness and ",'-" not in keyness  # negative G² values stay plain numbers


# 3 Markdown/HTML injection into briefing.md ----------------------------------------------------------

EVIL_TITLE = "在全县工作会议上的讲话\n# 伪造的标题\n<img src=x onerror=alert(1)>[点我](javascript:alert(1))"
EVIL_PLACE = "青溪县<script>alert(1)</script>![x](http://evil.example/p.png)"
EVIL_OCCASION = "推进会\r\n## 注入\n<https://evil.example/a> www.evil.example *粗体* | 表 |"


def test_md_text_is_inert():
    from textmine.report.write_markdown import md_text

    assert md_text("在全县\n# 伪造") == "在全县 \\# 伪造"
    assert md_text("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert md_text("[点我](javascript:alert(1))") == "\\[点我\\](javascript:alert(1))"
    assert md_text("![](http://e.x/p.png)") == "\\!\\[\\](http：//e.x/p.png)"
    assert md_text("a|b~c&d") == "a&#124;b&#126;c&amp;d"
    assert md_text("- 列表") == "\\- 列表" and md_text("2025. 年") == "2025\\. 年"
    assert md_text("推进垃圾分类（2022）") == "推进垃圾分类（2022）"  # ordinary text unchanged


def test_briefing_md_has_no_injected_markup(tmp_path, tiny_files):
    from textmine.report import build_report

    speech = _speech_with(tmp_path / "in", title=EVIL_TITLE, place=EVIL_PLACE, occasion=EVIL_OCCASION)
    r = build_report(speech, tiny_files[1], out_dir=tmp_path / "out", formats=["md", "png"], progress=False, k=2)
    md = (r.out_dir / "briefing.md").read_text(encoding="utf-8")
    headings = [line for line in md.splitlines() if line.startswith("#")]
    assert headings[0].startswith("# 在全县工作会议上的讲话 \\# 伪造的标题 &lt;img")
    assert [h for h in headings if h.startswith("## ")] == ["## 主要发现", "## 图表"] + (
        ["## 未生成的内容"] if r.skipped else [])
    import re

    for bad in ("<img", "<script", "<http", "http://", "https://", "www.evil"):
        assert bad not in md, bad
    assert not re.search(r"(?<!\\)\]\((?:javascript|http)", md)  # no link or image from the inputs
    images = [line for line in md.splitlines() if line.startswith("![")]
    assert images and all(line.endswith(".png)") and "/" not in line.split("](")[1] for line in images)
    markdown = pytest.importorskip("markdown")
    html = markdown.markdown(md)
    assert "<script" not in html and "<a " not in html and "javascript:" not in html.replace("javascript:alert", "")
    assert [t for t in ("<img",) if t in html] == ["<img"]  # the pack's own charts only
    assert all('src="http' not in part for part in html.split("<img")[1:])
    assert html.count("<h1>") == 1 and html.count("<h2>") == len([h for h in headings if h.startswith("## ")])


# 4 a pack that is whole or absent --------------------------------------------------------------------

def _hidden_or_pack(out_dir: Path) -> list[str]:
    return sorted(p.name for p in out_dir.iterdir()) if out_dir.exists() else []


def test_one_broken_chart_is_reported_not_fatal(tmp_path, tiny_files, monkeypatch):
    import textmine.plots as plots
    from textmine.report import build_report

    def broken(*args, **kwargs):
        raise TypeError("unsupported operand type(s) for +: 'int' and 'str'")

    monkeypatch.setattr(plots, "plot_duties", broken)
    r = build_report(*tiny_files, out_dir=tmp_path / "out", formats=["png", "md", "pptx"], progress=False, k=2)
    assert "duties" not in r.charts and "top_terms" in r.charts and "keyness" in r.charts
    assert ("chart duties: 未能生成：部门职责分工（TypeError: unsupported operand type(s) for +: 'int' and 'str'）"
            in r.skipped)
    md = (r.out_dir / "briefing.md").read_text(encoding="utf-8")
    assert "未能生成：部门职责分工（TypeError" in md
    assert not (r.out_dir / "duties.png").exists() and (r.out_dir / "briefing.pptx").is_file()


def test_failed_run_leaves_no_pack_and_keeps_the_earlier_one(tmp_path, tiny_files, monkeypatch):
    from textmine.report import build as build_mod
    from textmine.report import build_report

    out_dir = tmp_path / "out"
    with monkeypatch.context() as m:
        m.setattr(build_mod, "write_markdown", lambda *a: (_ for _ in ()).throw(RuntimeError("disk on fire")))
        with pytest.raises(RuntimeError, match="disk on fire"):
            build_report(*tiny_files, out_dir=out_dir, formats=["csv", "md"], progress=False, k=2)
    assert _hidden_or_pack(out_dir) == []  # no pack, no staging folder
    first = build_report(*tiny_files, out_dir=out_dir, formats=["csv", "png"], progress=False, k=2)
    assert (first.out_dir / "top_terms.png").is_file() and all(p.is_file() for p in first.files)
    assert first.out_dir == out_dir / "s00"
    with monkeypatch.context() as m:
        m.setattr(build_mod, "write_markdown", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
        with pytest.raises(KeyboardInterrupt):
            build_report(*tiny_files, out_dir=out_dir, formats=["csv", "md"], progress=False, k=2)
    assert _hidden_or_pack(out_dir) == ["s00"] and (out_dir / "s00" / "top_terms.png").is_file()  # untouched
    second = build_report(*tiny_files, out_dir=out_dir, formats=["csv"], progress=False, k=2)
    assert _hidden_or_pack(out_dir) == ["s00"]
    assert {p.name for p in (out_dir / "s00").iterdir()} == {p.name for p in second.files}  # no stale PNG
    assert not any(p.suffix == ".png" for p in (out_dir / "s00").iterdir())


def test_sigkill_mid_run_then_rerun(tmp_path, tiny_files):
    import signal
    import subprocess
    import sys

    out_dir = tmp_path / "out"
    script = (
        "import os, signal, sys\n"
        "from textmine.report import build as b\n"
        "def die(*a):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "if sys.argv[1] == 'kill': b.write_markdown = die\n"
        "b.build_report(sys.argv[2], sys.argv[3], out_dir=sys.argv[4], formats=['csv', 'md'], progress=False, k=2)\n"
    )
    args = [str(tiny_files[0]), str(tiny_files[1]), str(out_dir)]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    killed = subprocess.run([sys.executable, "-c", script, "kill", *args], env=env, capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    assert not (out_dir / "s00").exists()  # only a hidden .s00.partial-* folder can remain
    assert all(name.startswith(".s00.partial-") for name in _hidden_or_pack(out_dir))
    ok = subprocess.run([sys.executable, "-c", script, "run", *args], env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr[-2000:]
    assert (out_dir / "s00" / "briefing.md").is_file() and (out_dir / "s00" / "keyness.csv").is_file()


# 5 small corpora -------------------------------------------------------------------------------------

@pytest.mark.parametrize("n", [1, 2])
def test_one_or_two_speech_reference(tmp_path, tiny_files, n):
    from textmine.report import build_report

    corpus = _corpus_copy(tmp_path, tiny_files[1], keep=n)
    r = build_report(tiny_files[0], corpus, out_dir=tmp_path / "out", formats=["csv", "md", "png", "pptx"],
                     progress=False)
    res = r.result
    assert res.n_reference == n and len(res.similar_documents) == n
    assert len(res.keyness) > 0 and (res.keyness.g2 > 0).any()
    assert int(res.reuse.sentences.reused.sum()) >= 1  # 久久为功 is shared with p01
    reason = f"skipped: the corpus has {n} speech(es) besides this one; a topic model needs at least 3"
    assert res.model is None and res.topics is None and res.topic_comparison is None and res.k == 0
    assert res.unavailable["topics"] == reason and res.unavailable["topic_comparison"] == reason
    assert f"topics: {reason}" in r.skipped
    assert f"chart topic_shares: {reason}" in r.skipped
    md = (r.out_dir / "briefing.md").read_text(encoding="utf-8")
    assert "## 未生成的内容" in md and "a topic model needs at least 3" in md
    assert {"keyness.csv", "similar.csv", "text_reuse_sentences.csv"} <= {p.name for p in r.files}
    assert not (r.out_dir / "topics.csv").exists() and (r.out_dir / "keyness.png").is_file()


def _dtm(texts):
    import textmine as tm

    return tm.Dtm.from_corpus(tm.Corpus([tm.Document(f"d{i}", t) for i, t in enumerate(texts)]))


def test_fit_topics_checks_its_arguments():
    import textmine as tm

    one = _dtm(["推进垃圾分类，建设美丽乡村。"])
    with pytest.raises(tm.InputError, match=r"^dtm has 1 document\(s\); a topic model needs at least 2$"):
        tm.fit_topics(one, 2)
    two = _dtm(["推进垃圾分类，建设美丽乡村。", "加强食品安全监管，守护群众健康。"])
    for bad in (-1, 2**32, 1.5, True):
        with pytest.raises(tm.InputError, match=r"random_state=.*: expected an int from 0 to 2\*\*32 - 1"):
            tm.fit_topics(two, 2, random_state=bad)
    with pytest.raises(tm.InputError, match=r"^k=3: expected a whole number from 2 to the number of documents \(2\)$"):
        tm.fit_topics(two, 3)
    with pytest.raises(tm.InputError, match=r"^max_iter=0: expected a whole number >= 1$"):
        tm.fit_topics(two, 2, max_iter=0)
    tiny_vocab = _dtm(["垃圾", "分类", "垃圾 分类"])
    with pytest.raises(tm.InputError, match=r"and of terms \(2\)$"):
        tm.fit_topics(tiny_vocab, 3)
    assert tm.fit_topics(two, 2, method="lda", max_iter=5).k == 2  # max_iter // 10 == 0 no longer reaches sklearn


# 6 bounded work --------------------------------------------------------------------------------------

@pytest.mark.slow
def test_two_megabyte_one_line_speech_gives_bounded_csv(tmp_path, tiny_files):
    """Before: every targets/enumerations row repeated the whole line (200 KB gave 1.29 GB of CSV)."""
    from textmine.report import build_report
    from textmine.report._cells import MAX_CELL
    from textmine.structure.sentences import MAX_SENTENCE_CHARS

    unit = ("“一是城管局要加强督查，二是住建局要牵头负责，年底前实现乡镇收运全覆盖，到2025年覆盖率达到95%，"
            "持续推进城乡环境整治，不断提升群众满意度，")  # a stray opening quote, no 。 anywhere
    text = "在全县环境整治大会上的讲话\n" + unit * (2_000_000 // len(unit.encode()))
    speech = tmp_path / "big.txt"
    speech.write_text(text, encoding="utf-8")
    n_bytes = speech.stat().st_size
    assert 1_990_000 < n_bytes <= 2_000_100
    r = build_report(speech, tiny_files[1], out_dir=tmp_path / "out", formats=["csv"], progress=False, k=2)
    total = sum(p.stat().st_size for p in r.files)
    assert total < 64 * n_bytes  # linear in the input (measured 46.6×), not quadratic
    for name in ("targets", "enumerations"):
        with open(r.out_dir / f"{name}.csv", encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        assert len(rows) > 1000
        assert max(len(v) for row in rows for v in row.values()) <= MAX_SENTENCE_CHARS
    with open(r.out_dir / "text_reuse_sentences.csv", encoding="utf-8-sig", newline="") as f:
        longest = max(len(v) for row in csv.DictReader(f) for v in row.values())
    assert longest <= min(MAX_SENTENCE_CHARS, MAX_CELL)


# 8 determinism ---------------------------------------------------------------------------------------

def test_pptx_bytes_do_not_depend_on_the_clock(tmp_path, tiny_files):
    import time
    import zipfile

    from textmine.report import build_report

    a = build_report(*tiny_files, out_dir=tmp_path / "a", formats=["png", "pptx"], progress=False, k=2)
    time.sleep(2.1)  # zip times have a 2-second resolution
    b = build_report(*tiny_files, out_dir=tmp_path / "b", formats=["png", "pptx"], progress=False, k=2)
    pa, pb = a.out_dir / "briefing.pptx", b.out_dir / "briefing.pptx"
    assert pa.read_bytes() == pb.read_bytes()
    with zipfile.ZipFile(pa) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.testzip() is None and "ppt/slides/slide1.xml" in z.namelist()
    from pptx import Presentation

    from pptx.enum.shapes import MSO_SHAPE_TYPE

    pictures = [s for s in Presentation(str(pa)).slides
                if any(sh.shape_type == MSO_SHAPE_TYPE.PICTURE for sh in s.shapes)]
    assert len(pictures) == len(a.charts)  # one slide per chart, besides the title, findings and tables


# 9 smaller defects -----------------------------------------------------------------------------------

def test_cli_csv_only_does_not_point_at_a_briefing(tiny_files, tmp_path, capsys):
    from textmine.cli import main

    speech, corpus = tiny_files
    code = main(["report", str(speech), "--corpus", str(corpus), "--out", str(tmp_path), "--formats", "csv",
                 "--k", "2", "--quiet"])
    out = capsys.readouterr()
    assert code == 0, out.err
    last = out.out.splitlines()[-1]
    assert last.startswith("done in ") and last.endswith(f"s; the pack is in {tmp_path / 's00'}")
    assert "briefing" not in last
    code = main(["report", str(speech), "--corpus", str(corpus), "--out", str(tmp_path), "--formats", "csv,md",
                 "--k", "2", "--quiet"])
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.endswith(f"s; open {tmp_path / 's00' / 'briefing.md'}") and "pptx" not in last


def test_ingest_log_csv_paths_are_relative_to_the_corpus_root(tiny_files, tmp_path):
    from textmine.report import build_report

    corpus = tiny_files[1]
    (corpus.parent / "sub").mkdir(exist_ok=True)
    r = build_report(tiny_files[0], corpus, out_dir=tmp_path / "out", formats=["csv"], progress=False, k=2)
    assert any(Path(p).is_absolute() for p in r.result.ingest_log.path)  # the API keeps full paths
    with open(r.out_dir / "ingest_log.csv", encoding="utf-8-sig", newline="") as f:
        paths = [row["path"] for row in csv.DictReader(f)]
    assert sorted(paths) == ["metadata.csv", "p01_laji.txt", "p02_laji.txt", "p03_shipin.txt", "p04_shipin.txt"]
    assert str(corpus) not in (r.out_dir / "ingest_log.csv").read_text(encoding="utf-8-sig")


def test_read_document_of_a_folder_says_so(tmp_path):
    import textmine as tm

    with pytest.raises(tm.InputError, match=rf"^path {tmp_path} is a folder; use load_corpus\(\) for folders$"):
        tm.read_document(tmp_path)


def test_load_corpus_of_an_empty_folder_warns_naming_it(tmp_path):
    import textmine as tm

    (tmp_path / "README.md").write_text("说明", encoding="utf-8")  # listed as documentation, not a speech
    with pytest.warns(tm.TextmineWarning, match=rf"^load_corpus: folder {tmp_path} holds no document files"):
        corpus = tm.load_corpus(tmp_path)
    assert len(corpus) == 0


def test_cli_names_each_skipped_file_in_one_clean_line(tiny_files, tmp_path):
    import shutil
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    shutil.copytree(tiny_files[1], corpus)
    (corpus / "bad.txt").write_bytes(b"\xff\xfe\x00\xd8garbage\x81")
    (corpus / "empty.txt").write_bytes(b"")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    run = subprocess.run([sys.executable, "-m", "textmine", "report", str(tiny_files[0]), "--corpus", str(corpus),
                          "--out", str(tmp_path / "out"), "--formats", "csv", "--k", "2", "--quiet"],
                         env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stderr == "textmine: warning: load_corpus skipped 2 file(s) or row(s); see ingest_log.csv\n"
    skipped = [line for line in run.stdout.splitlines() if line.startswith("  skipped: corpus file")]
    assert skipped == [
        "  skipped: corpus file bad.txt: cannot decode bad.txt: invalid byte at offset 2 (not utf-16-le: illegal "
        "UTF-16 surrogate at offset 2); expected UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK",
        "  skipped: corpus file empty.txt: empty.txt is empty: it holds no text"]
    assert str(corpus) not in run.stdout and "UserWarning" not in run.stderr
    log = (tmp_path / "out" / "s00" / "ingest_log.csv").read_text(encoding="utf-8-sig")
    assert str(corpus) not in log and "cannot decode bad.txt: invalid byte" in log


def test_cli_empty_corpus_folder_is_one_line_error(tiny_files, tmp_path, capsys):
    from textmine.cli import main

    (tmp_path / "empty").mkdir()
    code = main(["report", str(tiny_files[0]), "--corpus", str(tmp_path / "empty"), "--out", str(tmp_path / "o"),
                 "--quiet"])
    assert code == 1
    assert capsys.readouterr().err == "textmine: error: corpus is empty: it holds no document with Chinese text\n"


def test_read_only_out_names_the_folder(tiny_files, tmp_path, monkeypatch, capsys):
    """A read-only --out parent, simulated (chmod has no effect when the tests run as root)."""
    import errno
    import tempfile

    from textmine.cli import main

    def denied(*a, **k):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", denied)
    code = main(["report", str(tiny_files[0]), "--corpus", str(tiny_files[1]), "--out", str(tmp_path / "ro"),
                 "--formats", "csv", "--k", "2", "--quiet"])
    assert code == 1
    assert capsys.readouterr().err == f"textmine: error: cannot write the pack under {tmp_path / 'ro'}: " \
                                      "Permission denied\n"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores a folder's permissions")
def test_read_only_out_for_real(tiny_files, tmp_path, capsys):
    from textmine.cli import main

    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        code = main(["report", str(tiny_files[0]), "--corpus", str(tiny_files[1]), "--out", str(ro),
                     "--formats", "csv", "--k", "2", "--quiet"])
    finally:
        ro.chmod(0o755)
    assert code == 1 and f"cannot write the pack under {ro}: Permission denied" in capsys.readouterr().err


@pytest.mark.parametrize("where", ["csv", "png"])
def test_disk_full_names_the_pack_and_leaves_nothing(tiny_files, tmp_path, monkeypatch, capsys, where):
    import errno

    from textmine.cli import main
    from textmine.report import build as build_mod
    from textmine.report import charts

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    if where == "csv":
        monkeypatch.setattr(build_mod, "write_csv", full)
    else:  # inside a chart: a full disk is not one chart's failure, the run stops
        monkeypatch.setattr(charts, "save_figure", full, raising=False)
        import textmine.plots as plots
        from textmine.plots import _save
        monkeypatch.setattr(plots, "save_figure", full)
        monkeypatch.setattr(_save, "_save", full)  # what the report's charts are saved by
    out = tmp_path / "out"
    code = main(["report", str(tiny_files[0]), "--corpus", str(tiny_files[1]), "--out", str(out),
                 "--formats", "csv,png", "--k", "2", "--quiet"])
    assert code == 1
    assert capsys.readouterr().err == (f"textmine: error: cannot write the pack to {out / 's00'}: "
                                       "No space left on device\n")
    assert _hidden_or_pack(out) == []


@pytest.mark.slow
def test_cli_sigkill_after_the_staging_folder_appears_then_rerun(tmp_path):
    """The real command on the bundled data, killed while it writes; the re-run cleans up after it."""
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    cmd = [sys.executable, "-m", "textmine.cli", "report", "--out", str(out), "--formats", "csv,png,md", "--quiet"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    staging = []
    while time.monotonic() < deadline and proc.poll() is None:
        staging = [p for p in out.glob(".*.partial-*")] if out.exists() else []
        if staging and any(staging[0].iterdir()):
            break
        time.sleep(0.05)
    assert proc.poll() is None and staging, "the run ended before its staging folder appeared"
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL
    left = _hidden_or_pack(out)
    assert left == [staging[0].name] and left[0].split("-")[1] == str(proc.pid)  # no pack, only the staging
    keep = out / f"{left[0].split('.partial-')[0]}.partial-1-concurrent"  # pid 1 is alive: a concurrent run's
    keep.mkdir()
    ok = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr[-2000:]
    names = _hidden_or_pack(out)
    assert names == sorted([keep.name, names[-1]]) and not names[-1].startswith(".")  # the killed run's is gone
    pack = out / names[-1]
    assert {"briefing.md", "keyness.csv", "top_terms.png"} <= {p.name for p in pack.iterdir()}
    md = (pack / "briefing.md").read_text(encoding="utf-8")
    assert all((pack / link).is_file() for link in __import__("re").findall(r"\]\(([^)]+\.png)\)", md))
