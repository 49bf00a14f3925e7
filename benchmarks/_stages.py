"""Driver for bench_report.py and bench_scale.py: one report run, timed stage by stage.

Run as ``python benchmarks/_stages.py SPEECH|- CORPUS|- OUT [--k K] [--formats F]``; prints one
JSON line: the seconds spent in each stage (time.perf_counter around the calls that
``textmine.report.analyse`` and ``textmine.report.build`` make), the peak RSS of each stage
(Linux: the process's VmHWM, reset when the stage starts) and the process's peak RSS.
The stages are wrapped in place, so the report itself is unchanged.
"""

from __future__ import annotations

import functools
import json
import os
import resource
import sys
import time
from collections import defaultdict

T0 = time.perf_counter()
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's textmine, not an installed one
TIMES: dict[str, float] = defaultdict(float)
_ACTIVE: list[str] = []


def _wrap(owner, name: str, stage: str) -> None:
    fn = getattr(owner, name)

    @functools.wraps(fn)
    def timed(*a, **kw):
        if _ACTIVE:  # nested: the outer stage already counts it
            return fn(*a, **kw)
        _ACTIVE.append(stage)
        _reset_peak()
        t = time.perf_counter()
        try:
            return fn(*a, **kw)
        finally:
            TIMES[stage] += time.perf_counter() - t
            RSS[stage] = max(RSS[stage], _peak_mb())
            _ACTIVE.pop()

    setattr(owner, name, timed)


class _TimedAside:
    """An Aside whose wait is timed (see _wrap_aside); cancel() is the Aside's own."""

    def __init__(self, waiter) -> None:
        self.wait, self.cancel = waiter, waiter.cancel

    def __call__(self):
        return self.wait()


def _wrap_aside(an) -> None:
    """Time the wait for work analyse runs in a worker (the search over k): ``<fn>_wait``.

    The worker's own stages are timed in the worker and lost; what the report waits for is here.
    Run in this process instead (one CPU, TEXTMINE_WORKERS=1), the whole call is in the wait.
    """
    start = an.aside

    def timed_aside(fn, *a, **kw):
        timed = _TimedAside(start(fn, *a, **kw))
        _wrap(timed, "wait", f"{getattr(fn, '__name__', 'aside').lstrip('_')}_wait")
        return timed

    an.aside = timed_aside


RSS: dict[str, float] = defaultdict(float)  # the peak resident size while each stage ran, MB


def _reset_peak() -> None:
    """Reset this process's peak resident size (Linux: VmHWM), so that the next reading is one stage's peak."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        pass


def _peak_mb() -> float:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def main(argv: list[str]) -> None:
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("speech")
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--k", type=int, default=None)
    ap.add_argument("--formats", default="png,csv,xlsx,md,pptx,html")  # textmine report's default
    args = ap.parse_args(argv)
    t = time.perf_counter()
    import textmine  # noqa: F401
    from textmine.report import BriefingOptions, build_report
    an, bd = sys.modules["textmine.report.analyse"], sys.modules["textmine.report.build"]
    TIMES["import"] = time.perf_counter() - t
    from textmine.tokenize import Tokenizer
    from textmine.dtm import Dtm

    for name, stage in (("clean", "clean"), ("choose_k", "choose_k"), ("_choose_k", "choose_k"),
                        ("_topics_aside", "choose_k"), ("fit_topics", "fit_topics"),
                        ("text_reuse", "text_reuse"), ("outline", "structure"), ("duties", "structure"),
                        ("enumerations", "structure"), ("formulas", "structure"), ("references", "structure"),
                        ("targets", "structure"), ("section_keywords", "structure"),
                        ("keyness", "keyness"), ("peer_keyness", "keyness"), ("similar_documents", "similarity"),
                        ("topic_comparison", "topics_other"), ("dispersion", "chart_tables"),
                        ("section_topics", "chart_tables"), ("cooccurrence", "chart_tables"),
                        ("_trend", "chart_tables"), ("_strength_profile", "strength_profile"),
                        ("correspondence_map", "ca_map"), ("_explorer", "explorer"),
                        ("policy_instruments", "codebooks"), ("directive_strength", "codebooks"), ("tone", "codebooks"),
                        ("problems", "codebooks"), ("textstats_percentiles", "textstats"),
                        ("cleaning_table", "clean"), ("reference_similarities", "similarity")):
        if hasattr(an, name):  # a stage the report no longer calls by this name is left out
            _wrap(an, name, stage)
    _wrap_aside(an)
    _wrap(Tokenizer, "tokenize_many", "tokenize")
    _wrap(Tokenizer, "iter_tokens", "tokenize")  # the report streams the corpus tokens into its Dtm
    _wrap(Dtm, "from_tokens", "dtm")
    _wrap(Dtm, "append", "dtm")
    _wrap(Dtm, "trim", "dtm")
    for name, stage in (("_load_speech", "load"), ("_load_corpus", "load"), ("write_csv", "write_csv"),
                        ("draw_charts", "charts"), ("write_markdown", "write_md"), ("write_pptx", "write_pptx"),
                        ("write_xlsx", "write_xlsx"), ("write_html", "write_html")):
        _wrap(bd, name, stage)
    formats = [f for f in args.formats.split(",") if f]
    t = time.perf_counter()
    build_report(None if args.speech == "-" else args.speech, None if args.corpus == "-" else args.corpus,
                 out_dir=args.out, formats=formats, options=BriefingOptions(k=args.k), progress=False,
                 on_error="skip")  # as `textmine report` does
    TIMES["report_total"] = time.perf_counter() - t
    TIMES["process"] = time.perf_counter() - T0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    # resetting VmHWM per stage also resets what getrusage reports: the peak is the larger of the two
    rss = max([rss, *RSS.values()])
    print(json.dumps({"times": TIMES, "peak_rss_mb": rss, "rss_by_stage_mb": RSS}))


if __name__ == "__main__":
    main(sys.argv[1:])
