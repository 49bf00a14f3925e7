"""The ``textmine`` command (also ``python -m textmine``).

``textmine report [SPEECH] [--corpus DIR] [--out DIR] [--formats png,svg,csv,xlsx,md,pptx,html] [--top N]
[--on-error skip|raise] [--text-column NAME] [--title T] [--area A] [--year Y] [--level L]``
writes the briefing pack for a speech against a corpus (default: the bundled ones).
``textmine notebooks [DIR]`` copies the four analysis notebooks to DIR.
Bad input exits non-zero with a one-line error; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
import warnings
from collections.abc import Sequence

from . import __version__

__all__ = ["main"]

# Analysts read Chinese: the help is Chinese with the option names (and an English gloss) as they are typed.
REPORT_DESCRIPTION = """\
分析一篇讲话（SPEECH），与参照语料（--corpus）比较，把图表（PNG/SVG）、CSV 表格、
briefing.md 和 briefing.pptx 写到 OUT/<讲话编号>/。不给 SPEECH 和 --corpus 时，分析随包
附带的禁毒讲话和 43 篇合成参照语料。

Analyse a speech (SPEECH) against a reference corpus (--corpus) and write charts, CSV
tables, briefing.md and briefing.pptx to OUT/<speech-id>/. Without SPEECH and --corpus
it uses the bundled anti-drug speech and the bundled synthetic corpus of 43 speeches."""

REPORT_EPILOG = """\
元数据 metadata.csv（可选 optional）：
  放在语料文件夹里（讲话文件旁边也可以放一个），每篇一行，用 file 列（文件名）对应文件。
  常用列：title 标题、policy_area 领域、year 年份、level 级别、place 地方、occasion 场合。
  讲话的 policy_area 决定“同领域”比较（peer_keyness），语料的 year 决定主题趋势图
  （topic_trend）；缺少时这两项跳过，briefing.md 的“未生成的内容”一节写明原因。
  A metadata.csv in the corpus folder (or beside the speech) has one row per file, joined
  on its `file` column; policy_area selects the same-area peers, year the topic trend.

    file,title,policy_area,year
    2024_jindu.docx,在全县禁毒工作会议上的讲话,禁毒,2024

示例 examples:
  textmine report                                  # 随包讲话 vs 随包语料 (bundled data)
  textmine report 我的讲话.docx --corpus 语料/ --out 简报/
  textmine report speech.txt --corpus corpus.csv --formats csv,md --top 30
  textmine report "C:/Users/me/讲话/讲话.docx" --corpus "C:/Users/me/语料" --k 10
  textmine notebooks 我的笔记本/                   # 复制四个分析笔记本 copy the notebooks
"""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="textmine", description="textmine：中文政策讲话文本挖掘 Mining Chinese policy speeches.")
    p.add_argument("--version", action="version", version=f"textmine {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    r = sub.add_parser("report", help="写简报包 write the briefing pack for a speech against a corpus",
                       description=REPORT_DESCRIPTION, epilog=REPORT_EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    r.add_argument("speech", nargs="?", default=None,
                   help="讲话文件 the speech (.txt, .md, .docx)；默认 default: 随包禁毒讲话 the bundled speech")
    r.add_argument("--corpus", default=None,
                   help="参照语料：文件夹或 .csv/.jsonl 文件 folder or .csv/.jsonl file of reference "
                        "speeches；默认 default: 随包语料 the bundled corpus")
    r.add_argument("--out", default="out", help="输出文件夹 output folder (default: out)")
    r.add_argument("--formats", default="png,csv,xlsx,md,pptx,html",
                   help="输出格式，逗号分隔 comma-separated subset of png,svg,csv,xlsx,md,pptx,html "
                        "(default: all but svg; 加 svg 另存矢量图 add svg for vector copies of the charts)")
    r.add_argument("--top", type=int, default=None,
                   help="每张表和图的条数 rows of the top-terms table and chart, terms per side of the keyness "
                        "chart and speeches in the similarity chart (default: 20, 15 and 10)")
    r.add_argument("--k", type=int, default=None, help="主题数 number of topics (default: 按一致性自动选择 chosen by coherence)")
    r.add_argument("--seed", type=int, default=0, help="随机种子 random seed for topics and layouts (default: 0)")
    r.add_argument("--on-error", choices=("skip", "raise"), default="skip",
                   help="读不了的语料文件：跳过并列出（默认）或报错停止 a corpus file that cannot be read: skip it "
                        "and list it (default) or stop with its error")
    r.add_argument("--text-column", default=None, metavar="NAME",
                   help="表格语料的正文列 the text column of .csv/.jsonl/.xlsx corpora (default: found automatically)")
    meta = r.add_argument_group("讲话的元数据 the speech's metadata (override what its metadata.csv says)")
    meta.add_argument("--title", default=None, help="标题 its title")
    meta.add_argument("--area", default=None, help="政策领域 its policy area (policy_area), for the same-area comparison")
    meta.add_argument("--year", default=None, help="年份 its year (2021 or 2021年)")
    meta.add_argument("--level", default=None, help="层级 its administrative level (省, 市, 县 …)")
    r.add_argument("--quiet", action="store_true", help="不显示进度条 no progress bars")
    r.add_argument("--debug", action="store_true", help="出错时显示完整回溯 show tracebacks and debug logging")
    nb = sub.add_parser("notebooks", help="复制分析笔记本 copy the four analysis notebooks to a folder",
                        description="把四个分析笔记本（.ipynb）复制到 DIR，再用 jupyter lab DIR 打开"
                                    "（需要 pip install \"textmine[lab]\"）。\n"
                                    "Copy the four analysis notebooks to DIR; open them with jupyter lab DIR.",
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    nb.add_argument("dir", nargs="?", default="textmine-notebooks", metavar="DIR",
                    help="目标文件夹 destination folder (default: textmine-notebooks)")
    nb.add_argument("--force", action="store_true", help="覆盖已有的同名笔记本 overwrite notebooks already there")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "notebooks":
        return _notebooks(args.dir, force=args.force)
    if args.command != "report":
        parser.print_help()
        return 2
    if args.debug:
        logging.basicConfig(level=logging.DEBUG, format="%(name)s: %(message)s")
    try:
        from .report import BriefingOptions, build_report

        t0 = time.perf_counter()
        formats = [f.strip() for f in args.formats.split(",") if f.strip()]
        options = BriefingOptions(k=args.k, random_state=args.seed)
        if args.top is not None:
            options = options.replace(top_terms=args.top, keyness_terms=args.top, similar_documents=args.top)
        speech_meta = {k: v for k, v in (("title", args.title), ("policy_area", args.area), ("year", args.year),
                                         ("level", args.level)) if v is not None}
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", UserWarning)
            report = build_report(args.speech, args.corpus, out_dir=args.out, formats=formats, options=options,
                                  progress=not args.quiet, on_error=args.on_error, text_column=args.text_column,
                                  speech_meta=speech_meta)
        _print_warnings(caught)
    except KeyboardInterrupt:
        print("textmine: interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # one line for the user; the traceback only with --debug
        if args.debug:
            raise
        plain = isinstance(err, OSError) and err.strerror and err.filename is None  # no "[Errno 28]"
        print(f"textmine: error: {err.strerror if plain else err}", file=sys.stderr)
        return 1
    print(report.summary())
    log = report.tables.get("ingest_log")
    if log is not None:
        for row in log[log.status == "warning"].itertuples():
            print(f"  ingest warning: {row.path}: {row.reason}")
    for line in report.findings[:6]:
        print(f"  · {line}")
    briefings = [str(p) for p in report.files if p.name in ("briefing.md", "briefing.pptx")]
    print(f"done in {time.perf_counter() - t0:.1f} s; "
          + (f"open {' or '.join(briefings)}" if briefings else f"the pack is in {report.out_dir}"))
    return 0


def _print_warnings(caught: Sequence[warnings.WarningMessage]) -> None:
    """Each warning as one line in the console's words: no source line, no API hint."""
    for w in caught:
        print(f"textmine: warning: {str(w.message).replace('corpus.log.to_frame()', 'ingest_log.csv')}",
              file=sys.stderr)


def _notebooks(folder: str, *, force: bool) -> int:
    from ._bundled import copy_notebooks

    try:
        copied = copy_notebooks(folder, overwrite=force)
    except (OSError, ValueError) as err:
        print(f"textmine: error: {err}", file=sys.stderr)
        return 1
    for path in copied:
        print(path)
    print(f"copied {len(copied)} notebooks; open them with: jupyter lab {copied[0].parent}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
