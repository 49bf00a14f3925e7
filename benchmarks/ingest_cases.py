"""Real documents in: what the read stage does with each format and each bad-input case.

Runs every case in its own process (a FIFO can hang a reader; a zip bomb can eat memory) with a
time limit, and prints one line per case: what came out (documents, characters, the title, the
log) or the error, plus the peak memory of the process. Point ``--impl`` at another checkout's
folder (the one holding ``textmine/``) to measure it instead, e.g. the code before a change::

    git archive OLD textmine data | tar -x -C /tmp/before
    python benchmarks/ingest_cases.py --impl /tmp/before

Cases that need ../shared/formats or ../shared/corpora print "absent" without them. All other
inputs are written here, in a temporary folder, with sentences written for this script.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FORMATS = SHARED / "formats"
CORPORA = SHARED / "corpora"

SENT = "各地区各部门要坚决扛起安全生产政治责任，把隐患排查整治作为当前的首要任务，做到不留死角、不留盲区。"
TITLE = "在全县安全生产工作会议上的讲话"


def _fmt_exc(err: BaseException) -> str:
    msg = " ".join(str(err).split())
    return f"{type(err).__name__}: {msg[:150]}"


def _doc(doc, n=40) -> str:
    return f"1 doc, {len(doc.text)} chars, title {doc.title[:n]!r}"


def _corpus(c) -> str:
    log = c.log.to_frame()
    counts = log.status.value_counts().to_dict()
    return f"{len(c)} docs; log {counts}"


# ----------------------------------------------------------------------------- cases

def case_html_wanzai(tm, tmp):
    d = tm.read_document(FORMATS / "wanzai2015_tongjigongbao.html")
    return _doc(d) + f"; nav/script in text: {'var ' in d.text or '首页' in d.text}"


def case_html_yichun(tm, tmp):
    d = tm.read_document(FORMATS / "yichun2022_tongjigongbao.html")
    return _doc(d) + f"; nav/script in text: {'var ' in d.text or '首页' in d.text}"


def case_docx_wps(tm, tmp):
    return _doc(tm.read_document(FORMATS / "jiangxi2022_gongwuyuan_dagang1.docx"))


def case_docx_merged(tm, tmp):
    d = tm.read_document(FORMATS / "yichun2016_zhiweibiao.docx")
    return _doc(d) + f"; merged title cell appears {d.text.count('2016年宜春市市直机关遴选')}x"


def case_doc_binary(tm, tmp):
    return _doc(tm.read_document(FORMATS / "jxtax2023_gonggao.doc"))


def case_doc_without_soffice(tm, tmp):
    os.environ["PATH"] = str(tmp)  # nothing on it
    return _doc(tm.read_document(FORMATS / "jxtax2023_gonggao.doc"))


def case_provincial_csvs(tm, tmp):
    return _corpus(tm.load_corpus(CORPORA / "provincial-gwr-2026"))


def case_excel_workbook(tm, tmp):
    c = tm.load_corpus(CORPORA / "policy-docs-xlsx")
    log = c.log.to_frame()
    return _corpus(c) + f"; truncation reported {log.reason.str.contains('32,767').sum()}x"


def case_pdf_text(tm, tmp):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from compare_pdf_readers import PARAS, make_reportlab

    p = tmp / "speech.pdf"
    make_reportlab(p, cid=False)
    d = tm.read_document(p)
    whole = sum(d.text.count(par) for par in PARAS)
    return _doc(d) + f"; whole paragraphs {whole}/{3 * len(PARAS)}; header kept {d.text.count('某市人民政府办公室')}x"


def case_pdf_scanned(tm, tmp):
    from reportlab.pdfgen import canvas

    p = tmp / "scan.pdf"
    c = canvas.Canvas(str(p))
    c.rect(50, 50, 400, 600, fill=1)  # a page of "ink", no text layer
    c.showPage()
    c.save()
    return _doc(tm.read_document(p))


def case_csv_unquoted_commas(tm, tmp):
    text = "同志们,今天召开全县防汛工作会议,主要任务是部署今年的防汛抗旱工作。" + SENT.replace("，", ",")
    p = tmp / "talks.csv"
    p.write_text(f"id,title,text\nt1,防汛讲话,{text}\n", encoding="utf-8")
    c = tm.load_corpus(p, on_error="skip")
    return _corpus(c) + f"; text {len(c[0].text) if len(c) else 0} of {len(text)} chars"


def case_csv_unterminated_quote(tm, tmp):
    rows = [f'r{i},讲话{i},"第{i}点：{SENT}"' for i in range(1, 6)]
    rows[1] = f'r2,讲话2,"第2点：{SENT}'  # the closing quote is missing
    p = tmp / "talks.csv"
    p.write_text("id,title,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return _corpus(tm.load_corpus(p, on_error="skip")) + " (5 rows written, 1 bad)"


def case_csv_big_field(tm, tmp):
    p = tmp / "talks.csv"
    text = SENT * 4000  # 196,000 characters
    p.write_text(f'id,text\nbig,"{text}"\n', encoding="utf-8")
    c = tm.load_corpus(p, on_error="skip")
    return _corpus(c) + f"; text {len(c[0].text) if len(c) else 0} of {len(text)} chars"


def case_jsonl_u2028(tm, tmp):
    p = tmp / "talks.jsonl"
    rows = [{"id": "j1", "text": SENT + "\u2028" + SENT}, {"id": "j2", "text": SENT + "\u0085" + SENT}]
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return _corpus(tm.load_corpus(p, on_error="skip"))


def case_jsonl_later_columns(tm, tmp):
    p = tmp / "talks.jsonl"
    rows = [{"id": "j1", "text": SENT}, {"id": "j2", "text": SENT + "。", "policy_area": "安全生产", "year": "2021"}]
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    c = tm.load_corpus(p)
    return _corpus(c) + f"; j2 meta {({k: v for k, v in c['j2'].meta.items() if k in ('policy_area', 'year')})}"


def _speech_files(folder: Path, names=("c15_anquan.txt", "c16_anquan.txt", "c17_anquan.txt")) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes((ROOT / "data" / "corpus" / name).read_bytes())
    return list(names)


def case_metadata_blank_year(tm, tmp):
    corpus = tmp / "corpus"
    names = _speech_files(corpus)
    (corpus / "metadata.csv").write_text(
        "file,policy_area,year\n" + f"{names[0]},安全生产,2019\n{names[1]},安全生产,\n{names[2]},安全生产,2021年\n",
        encoding="utf-8")
    c = tm.load_corpus(corpus)
    years = [c[i].meta.get("year") for i in range(len(c))]
    import textmine.report as report

    try:
        report.build_report(tm.BUNDLED_SPEECH, corpus, out_dir=tmp / "out", formats=["csv"], k=2, progress=False)
        outcome = "report ok"
    except Exception as err:  # noqa: BLE001 - measuring what happens
        outcome = "report " + _fmt_exc(err)
    return f"years {years}; {outcome}"


def case_metadata_duplicate_rows(tm, tmp):
    corpus = tmp / "corpus"
    names = _speech_files(corpus, ("c15_anquan.txt", "c16_anquan.txt"))
    (corpus / "metadata.csv").write_text(
        f"file,year\n{names[0]},2019\n{names[1]},2020\n{names[0]},2022\n", encoding="utf-8")
    c = tm.load_corpus(corpus)
    return _corpus(c) + f"; year of {names[0]}: {c[0].meta.get('year')}"


def case_same_name_subfolders(tm, tmp):
    for year in ("2020", "2021"):
        (tmp / "c" / year).mkdir(parents=True)
        (tmp / "c" / year / "讲话.txt").write_text(f"{year}年{SENT}", encoding="utf-8")
    c = tm.load_corpus(tmp / "c")
    return _corpus(c) + f"; ids {c.ids}"


def case_symlink_loop(tm, tmp):
    (tmp / "c" / "sub").mkdir(parents=True)
    (tmp / "c" / "a.txt").write_text(SENT, encoding="utf-8")
    (tmp / "c" / "sub" / "b.txt").write_text(SENT + "。", encoding="utf-8")
    (tmp / "c" / "sub" / "up").symlink_to("..", target_is_directory=True)
    return _corpus(tm.load_corpus(tmp / "c", on_error="skip"))


def case_fifo(tm, tmp):
    (tmp / "c").mkdir()
    (tmp / "c" / "a.txt").write_text(SENT, encoding="utf-8")
    os.mkfifo(tmp / "c" / "pipe.txt")
    return _corpus(tm.load_corpus(tmp / "c", on_error="skip"))


def case_dangling_link(tm, tmp):
    (tmp / "c").mkdir()
    (tmp / "c" / "a.txt").write_text(SENT, encoding="utf-8")
    (tmp / "c" / "gone.txt").symlink_to(tmp / "nowhere.txt")
    c = tm.load_corpus(tmp / "c", on_error="skip")
    names = [Path(p).name for p in c.log.to_frame().path]
    return _corpus(c) + f"; gone.txt in log: {'gone.txt' in names}"


def case_gbk_fullwidth_digits(tm, tmp):
    p = tmp / "stats.txt"
    text = "全年完成地区生产总值１２３４．５亿元，增长６．２％；其中第一产业增加值１５６．７亿元，增长３．１％；" \
           "第二产业增加值５６７．８亿元，增长７．４％。\n"
    p.write_bytes(text.encode("gbk"))
    d = tm.read_document(p)
    return _doc(d) + f"; same text: {d.text == text}"


def case_emoji_ext_b(tm, tmp):
    p = tmp / "talk.txt"
    text = "为群众办实事👍，把𠀾字号老店保护好。"
    p.write_text(text, encoding="utf-8")
    d = tm.read_document(p)
    from textmine.corpus import count_cjk

    return f"kept: {d.text == text}; count_cjk {count_cjk(d.text)} (Han characters in it: 15)"


def case_title_line(tm, tmp):
    p = tmp / "x1.txt"
    p.write_text(f"{TITLE}\n同志们：\n{SENT}\n", encoding="utf-8")
    return _doc(tm.read_document(p))


def case_docx_zip_bomb(tm, tmp):
    import zipfile

    import docx

    p = tmp / "small.docx"
    docx.Document().save(p)
    bomb = tmp / "bomb.docx"
    para = "<w:p><w:r><w:t>禁毒</w:t></w:r></w:p>".encode()
    n = 200 * 2**20 // len(para)
    with zipfile.ZipFile(p) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                head, _, tail = data.decode().partition("<w:body>")
                with dst.open(info.filename, "w", force_zip64=True) as out:
                    out.write((head + "<w:body>").encode())
                    for _ in range(n // 10000):
                        out.write(para * 10000)
                    out.write(tail.encode())
            else:
                dst.writestr(info, data)
    size = bomb.stat().st_size
    d = tm.read_document(bomb)
    return f"{size / 2**20:.1f} MB file → " + _doc(d)


def case_cli_target_metadata(tm, tmp):
    from textmine.cli import _parser

    try:
        args = _parser().parse_args(["report", "x.txt", "--area", "禁毒", "--year", "2021年", "--title", "讲话",
                                     "--level", "市", "--on-error", "raise", "--text-column", "正文"])
    except SystemExit as err:
        return f"argparse exit {err.code} (options unknown)"
    return f"accepted: area={args.area} year={args.year} on_error={args.on_error}"


CASES = {name[5:]: fn for name, fn in dict(globals()).items() if name.startswith("case_")}
TIMEOUTS = {"fifo": 20, "metadata_blank_year": 300, "docx_zip_bomb": 300}
NEEDS = {"html_wanzai": FORMATS, "html_yichun": FORMATS, "docx_wps": FORMATS, "docx_merged": FORMATS,
         "doc_binary": FORMATS, "doc_without_soffice": FORMATS, "provincial_csvs": CORPORA,
         "excel_workbook": CORPORA}


def run_one(name: str, impl: Path) -> None:
    import resource
    import warnings

    sys.path.insert(0, str(impl))
    warnings.simplefilter("ignore")
    import textmine as tm

    assert Path(tm.__file__).is_relative_to(impl), tm.__file__
    with tempfile.TemporaryDirectory() as tmp:
        try:
            out = CASES[name](tm, Path(tmp))
        except Exception as err:  # noqa: BLE001 - measuring what happens
            out = _fmt_exc(err)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"out": out, "peak_mb": round(peak)}, ensure_ascii=False))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--impl", type=Path, default=ROOT, help="folder holding the textmine package to measure")
    ap.add_argument("--case", action="append", help="run only these cases")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        run_one(args.one, args.impl.resolve())
        return
    for name in args.case or list(CASES):
        if name in NEEDS and not NEEDS[name].is_dir():
            print(f"{name:<26} absent ({NEEDS[name]})")
            continue
        t0 = time.perf_counter()
        try:
            res = subprocess.run([sys.executable, __file__, "--impl", str(args.impl), "--one", name],
                                 capture_output=True, text=True, timeout=TIMEOUTS.get(name, args.timeout))
            lines = [ln for ln in res.stdout.splitlines() if ln.startswith("{")]
            if lines:
                r = json.loads(lines[-1])
                line = f"{r['out']}  [{r['peak_mb']} MB]"
            else:
                line = f"crashed (exit {res.returncode}): {' '.join(res.stderr.split()[-12:])}"
        except subprocess.TimeoutExpired:
            line = f"HANGS: no answer in {TIMEOUTS.get(name, args.timeout):.0f} s"
        print(f"{name:<26} {line}  ({time.perf_counter() - t0:.1f} s)", flush=True)


if __name__ == "__main__":
    main()
