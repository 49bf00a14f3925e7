"""The ``textmine`` command (also ``python -m textmine``).

``textmine report [SPEECH] [--corpus DIR] [--out DIR] [--formats png,svg,csv,md,pptx,html] [--top N]
[--on-error skip|raise] [--text-column NAME] [--title T] [--area A] [--year Y] [--level L]``
writes the briefing pack for a speech against a corpus (default: the bundled ones).
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


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="textmine", description="Mining Chinese policy speeches.")
    p.add_argument("--version", action="version", version=f"textmine {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    r = sub.add_parser("report", help="write the briefing pack for a speech against a corpus",
                       description="Analyse a speech against a corpus and write charts, CSV tables, "
                                   "briefing.md and briefing.pptx to OUT/<speech-id>/.")
    r.add_argument("speech", nargs="?", default=None,
                   help="the speech (.txt, .md, .docx); default: the bundled anti-drug speech")
    r.add_argument("--corpus", default=None,
                   help="folder (or .csv/.jsonl file) of reference speeches; default: the bundled corpus")
    r.add_argument("--out", default="out", help="output folder (default: out)")
    r.add_argument("--formats", default="png,svg,csv,md,pptx,html",
                   help="comma-separated subset of png,svg,csv,md,pptx,html (default: all)")
    r.add_argument("--top", type=int, default=None,
                   help="rows of the top-terms table and chart, terms per side of the keyness chart and "
                        "speeches in the similarity chart (default: 20, 15 and 10)")
    r.add_argument("--k", type=int, default=None, help="number of topics (default: chosen by coherence)")
    r.add_argument("--seed", type=int, default=0, help="random seed for topics and layouts (default: 0)")
    r.add_argument("--on-error", choices=("skip", "raise"), default="skip",
                   help="a corpus file that cannot be read: skip it and list it (default) or stop with its error")
    r.add_argument("--text-column", default=None, metavar="NAME",
                   help="the text column of .csv/.jsonl/.xlsx corpora (default: found automatically)")
    meta = r.add_argument_group("the speech's metadata (override what its metadata.csv says)")
    meta.add_argument("--title", default=None, help="its title")
    meta.add_argument("--area", default=None, help="its policy area (policy_area), for the same-area comparison")
    meta.add_argument("--year", default=None, help="its year (2021 or 2021年)")
    meta.add_argument("--level", default=None, help="its administrative level (省, 市, 县 …)")
    r.add_argument("--quiet", action="store_true", help="no progress bars")
    r.add_argument("--debug", action="store_true", help="show tracebacks and debug logging")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
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
        for w in caught:  # the ingest's summary, in the console's words
            print(f"textmine: warning: {str(w.message).replace('corpus.log.to_frame()', 'ingest_log.csv')}",
                  file=sys.stderr)
    except KeyboardInterrupt:
        print("textmine: interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # one line for the user; the traceback only with --debug
        if args.debug:
            raise
        print(f"textmine: error: {err}", file=sys.stderr)
        return 1
    print(report.summary())
    log = report.tables.get("ingest_log")
    if log is not None:
        for row in log[log.status == "warning"].itertuples():
            print(f"  ingest warning: {row.path}: {row.reason}")
    for line in report.findings[:6]:
        print(f"  · {line}")
    print(f"done in {time.perf_counter() - t0:.1f} s; open {report.out_dir / 'briefing.md'} "
          f"or {report.out_dir / 'briefing.pptx'}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
