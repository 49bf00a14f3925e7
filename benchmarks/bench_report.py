"""The bundled report end to end, cold and warm token cache, stage by stage.

Each run is a separate process (benchmarks/_stages.py) with TEXTMINE_CACHE_DIR in a fresh
temporary folder: the first run fills the cache (cold), the second reads it (warm). Prints
the seconds per stage with each stage's share of the report, the process wall time and
the peak RSS of the child (resource.getrusage(RUSAGE_CHILDREN) as well as its own maxrss).

CPU is the user + system time of the report process and of its chart workers (they are
counted once they have ended): on a busy machine it says more than wall time does.

``--real`` uses the real corpus of ``../shared/corpora/provincial-gwr-2026`` plus
``real-speeches`` (linked side by side into a temporary folder; the bundled speech unless
``--speech`` is given) instead of the bundled corpus.

Usage: python benchmarks/bench_report.py [--k K] [--formats png,svg,csv,md,pptx] [--speech S --corpus C] [--real]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DRIVER = Path(__file__).with_name("_stages.py")
REAL = [ROOT.parent / "shared" / "corpora" / name for name in ("provincial-gwr-2026", "real-speeches")]


def run(speech: str, corpus: str, out: str, cache: str, k: int | None, formats: str) -> dict:
    env = dict(os.environ, TEXTMINE_CACHE_DIR=cache)
    cmd = [sys.executable, str(DRIVER), speech, corpus, out, "--formats", formats]
    if k is not None:
        cmd += ["--k", str(k)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode:
        sys.exit(f"report run failed:\n{p.stderr[-3000:]}")
    res = json.loads(p.stdout.strip().splitlines()[-1])
    res["wall"] = wall
    res["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    res["children_maxrss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return res


def show(label: str, res: dict) -> None:
    t = res["times"]
    total = t["report_total"]
    print(f"\n{label}: process wall {res['wall']:.2f} s, CPU {res['cpu']:.2f} s, report {total:.2f} s, "
          f"import {t['import']:.2f} s, peak RSS {res['peak_rss_mb']:.0f} MB")
    stages = {k: v for k, v in t.items() if k not in ("report_total", "process", "import")}
    stages["other"] = total - sum(stages.values())
    for k, v in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {k:<14} {v:7.2f} s  {100 * v / total:5.1f} %")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--speech", default="-")
    ap.add_argument("--corpus", default="-")
    ap.add_argument("--k", type=int, default=None)
    ap.add_argument("--formats", default="png,svg,csv,md,pptx")
    ap.add_argument("--real", action="store_true", help="the real corpus (provincial-gwr-2026 + real-speeches)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.real:
            missing = [str(p) for p in REAL if not p.is_dir()]
            if missing:
                sys.exit(f"--real needs {', '.join(missing)}")
            (Path(tmp) / "real").mkdir()
            for p in REAL:
                (Path(tmp) / "real" / p.name).symlink_to(p, target_is_directory=True)
            args.corpus = str(Path(tmp) / "real")
        cold = run(args.speech, args.corpus, f"{tmp}/out1", f"{tmp}/cache", args.k, args.formats)
        warm = run(args.speech, args.corpus, f"{tmp}/out2", f"{tmp}/cache", args.k, args.formats)
    show("cold cache", cold)
    show("warm cache", warm)
    print(f"\nwarm/cold report time: {warm['times']['report_total'] / cold['times']['report_total']:.2f}; "
          f"peak RSS of children {warm['children_maxrss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
