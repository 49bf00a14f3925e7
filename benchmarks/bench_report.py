"""The bundled report end to end, cold and warm token cache, stage by stage.

Each run is a separate process (benchmarks/_stages.py) with TEXTMINE_CACHE_DIR in a fresh
temporary folder: the first run fills the cache (cold), the second reads it (warm). Prints
the seconds per stage with each stage's share of the report, the process wall time and
the peak RSS of the child (resource.getrusage(RUSAGE_CHILDREN) as well as its own maxrss).
Three runs: cold (empty cache folder), warm with the token cache only
(``TEXTMINE_FILE_CACHE=0``), and warm with the tokens and the rendered files cached; the
three packs are compared byte for byte.

CPU is the user + system time of the report process and of its chart workers (they are
counted once they have ended): on a busy machine it says more than wall time does.

``--real`` uses the real corpus of ``../shared/corpora/provincial-gwr-2026`` plus
``real-speeches`` (linked side by side into a temporary folder; the bundled speech unless
``--speech`` is given) instead of the bundled corpus.

Usage: python benchmarks/bench_report.py [--k K] [--formats png,csv,xlsx,md,pptx,html] [--speech S --corpus C] [--real]
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


def run(speech: str, corpus: str, out: str, cache: str, k: int | None, formats: str, files: bool = True) -> dict:
    env = dict(os.environ, TEXTMINE_CACHE_DIR=cache, TEXTMINE_FILE_CACHE="1" if files else "0")
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
    ap.add_argument("--formats", default="png,csv,xlsx,md,pptx,html",
                    help="default: what `textmine report` writes (every format but svg); "
                         "png,svg,csv,xlsx,md,pptx,html for all")
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
        tokens = run(args.speech, args.corpus, f"{tmp}/out2", f"{tmp}/cache", args.k, args.formats, files=False)
        warm = run(args.speech, args.corpus, f"{tmp}/out3", f"{tmp}/cache", args.k, args.formats)
        same = _same_files(Path(f"{tmp}/out1"), Path(f"{tmp}/out3")) and _same_files(Path(f"{tmp}/out1"),
                                                                                         Path(f"{tmp}/out2"))
    show("cold cache (empty cache folder)", cold)
    show("warm token cache only (TEXTMINE_FILE_CACHE=0)", tokens)
    show("warm cache (tokens and rendered files)", warm)
    print(f"\nwarm/cold process wall: {warm['wall'] / cold['wall']:.2f}; tokens-only/cold: "
          f"{tokens['wall'] / cold['wall']:.2f}; the three packs byte-identical: {same}; "
          f"peak RSS of children {warm['children_maxrss_mb']:.0f} MB")


def _same_files(a: Path, b: Path) -> bool:
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    return files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file()) and all(
        (a / f).read_bytes() == (b / f).read_bytes() for f in files)


if __name__ == "__main__":
    main()
