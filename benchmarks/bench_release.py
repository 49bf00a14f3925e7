"""The bundled ``textmine report``, this checkout against an earlier release, side by side.

Both checkouts run in turn, round after round (the order alternating), so that a machine
that slows down or speeds up weighs on both alike. Each round runs, for each checkout,
``python -m textmine report`` cold (a fresh ``TEXTMINE_CACHE_DIR``) and then warm (the same
cache folder again), as separate processes with this interpreter and its libraries; the
earlier release is exported with ``git archive`` into a temporary folder, and each run
imports the textmine of its own folder (checked before the runs). Prints each run's wall
and CPU time (the process and its workers), the medians and the ratio earlier / this.

The default reference, ``b77abc2``, is the last commit before the first work on issue 17
(the parent of the ``perf`` branch). Each checkout writes what its own ``textmine report``
writes by default (b77abc2: 12 charts as PNG and SVG, CSV, Markdown, PPTX; this one:
18 charts as PNG, CSV, XLSX, Markdown, PPTX, HTML); ``--formats`` gives both the same.

Usage: python benchmarks/bench_release.py [--ref REV] [--rounds N] [--formats F]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REF = "b77abc2"


def export(ref: str, dest: Path) -> Path:
    """The tree of ``ref`` (git archive), unpacked into ``dest``."""
    known = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd=ROOT,
                           capture_output=True)
    if known.returncode:
        sys.exit(f"no commit {ref!r} in {ROOT}: this benchmark needs the project's history (a full git clone)")
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "--format=tar", ref], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    return dest


def _env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTMINE_") and k != "PYTHONPATH"}
    env["TEXTMINE_CACHE_DIR"] = str(cache)
    return env


def imported_from(checkout: Path) -> Path:
    out = subprocess.run([sys.executable, "-c", "import textmine; print(textmine.__file__)"], cwd=checkout,
                         capture_output=True, text=True, check=True, env=_env(checkout / ".cache-probe"))
    return Path(out.stdout.strip()).resolve()


def report(checkout: Path, out: Path, cache: Path, formats: str | None) -> tuple[float, float]:
    """(wall, CPU) of one ``python -m textmine report`` in ``checkout``."""
    cmd = [sys.executable, "-m", "textmine", "report", "--out", str(out)]
    if formats:
        cmd += ["--formats", formats]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=checkout, env=_env(cache), capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode:
        sys.exit(f"{checkout}: textmine report failed:\n{p.stderr[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref", default=DEFAULT_REF, help=f"the earlier release (default {DEFAULT_REF})")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--formats", default=None, help="passed to both (default: each one's own default)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        checkouts = {"this": ROOT, args.ref: export(args.ref, tmp / "ref")}
        for name, path in checkouts.items():
            where = imported_from(path)
            if not where.is_relative_to(path.resolve()):
                sys.exit(f"{name}: `import textmine` in {path} loads {where}, not its own")
        runs: dict[str, dict[str, list[tuple[float, float]]]] = {n: {"cold": [], "warm": []} for n in checkouts}
        for r in range(args.rounds):
            order = list(checkouts) if r % 2 == 0 else list(reversed(checkouts))
            for name in order:
                cache = tmp / f"cache-{name}-{r}"
                for kind in ("cold", "warm"):
                    wall, cpu = report(checkouts[name], tmp / f"out-{name}-{r}-{kind}", cache, args.formats)
                    runs[name][kind].append((wall, cpu))
                    print(f"round {r + 1}: {name:>8} {kind}: wall {wall:6.2f} s, CPU {cpu:6.2f} s", flush=True)
    print()
    med = {n: {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in kinds.items()}
           for n, kinds in runs.items()}
    for kind in ("cold", "warm"):
        (w_new, c_new), (w_old, c_old) = med["this"][kind], med[args.ref][kind]
        print(f"{kind}: median wall {args.ref} {w_old:.2f} s, this {w_new:.2f} s -> {w_old / w_new:.2f}x; "
              f"median CPU {c_old:.2f} s vs {c_new:.2f} s -> {c_old / c_new:.2f}x")


if __name__ == "__main__":
    main()
