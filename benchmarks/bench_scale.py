"""The report at 1×, 10× (and with --full 100×) the work-report corpus, stage by stage.

Copies of ../shared/corpora/textworkshop17-gwr are written to a temporary folder, each
copy of a report ending with a line of its own (副本编号 and the copy's number), so that
neither the token cache nor any de-duplication can reuse one copy's work for another.
Each size runs in its own process (benchmarks/_stages.py, fresh TEXTMINE_CACHE_DIR); the
bundled speech is the target. Prints wall time per stage and peak RSS at each size, and
the growth per 10× (1.0 = linear, 10 = quadratic).

Usage: python benchmarks/bench_scale.py [--full] [--k K] [--formats csv]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GWR = ROOT.parent / "shared" / "corpora" / "textworkshop17-gwr"
DRIVER = Path(__file__).with_name("_stages.py")
ZH_DIGITS = "零一二三四五六七八九"


def build(folder: Path, factor: int) -> int:
    folder.mkdir(parents=True)
    n = 0
    for path in sorted(GWR.iterdir()):
        if path.suffix == ".txt":
            text = path.read_text(encoding="utf-8")
            for i in range(factor):
                tag = "".join(ZH_DIGITS[int(c)] for c in str(i))
                (folder / f"{path.stem}_{i:03d}{path.suffix}").write_text(
                    f"{text}\n副本编号{tag}\n", encoding="utf-8")
                n += 1
        elif path.is_file() and factor == 1:
            shutil.copy(path, folder / path.name)
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--full", action="store_true", help="also 100× (takes long)")
    ap.add_argument("--k", type=int, default=None)
    ap.add_argument("--formats", default="csv", help="writers to run (default: csv, the analyses only)")
    args = ap.parse_args()
    if not GWR.is_dir():
        print(f"skipped: {GWR} is absent (../shared is not mounted)")
        return
    factors = [1, 10] + ([100] if args.full else [])
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for f in factors:
            corpus = Path(tmp) / f"x{f}"
            n = build(corpus, f)
            cmd = [sys.executable, str(DRIVER), "-", str(corpus), f"{tmp}/out{f}", "--formats", args.formats]
            if args.k is not None:
                cmd += ["--k", str(args.k)]
            t = time.perf_counter()
            p = subprocess.run(cmd, env=dict(os.environ, TEXTMINE_CACHE_DIR=f"{tmp}/cache{f}"),
                               capture_output=True, text=True, cwd=ROOT)
            wall = time.perf_counter() - t
            if p.returncode:
                sys.exit(f"{f}× failed:\n{p.stderr[-3000:]}")
            res = json.loads(p.stdout.strip().splitlines()[-1])
            res["wall"], res["n"] = wall, n
            results[f] = res
            shutil.rmtree(corpus)
            print(f"{f}×: {n} documents, wall {wall:.1f} s, peak RSS {res['peak_rss_mb']:.0f} MB", flush=True)
    stages = sorted({s for r in results.values() for s in r["times"]} - {"process"},
                    key=lambda s: -results[factors[-1]]["times"].get(s, 0))
    print("\nstage".ljust(16) + "".join(f"{f}× (s)".rjust(11) for f in factors)
          + "".join(f"{a}→{b}×".rjust(11) for a, b in zip(factors, factors[1:])))
    for s in stages + ["peak_rss_mb"]:
        vals = [results[f]["peak_rss_mb"] if s == "peak_rss_mb" else results[f]["times"].get(s, 0.0)
                for f in factors]
        growth = [(b / a / 10 if a > 0.005 else float("nan")) for a, b in zip(vals, vals[1:])]
        print(s.ljust(15) + "".join(f"{v:11.2f}" for v in vals) + "".join(f"{g:11.2f}" for g in growth))
    print("\ngrowth columns: (time at 10× the size) / (10 × time): 1.00 is linear")


if __name__ == "__main__":
    main()
