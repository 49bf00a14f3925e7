"""How well outline() recovers heading titles when a text's line breaks are lost.

Real work reports from ../shared (the 1954–2017 national reports and the 2026 provincial
reports, without the two provincial files of the structure gold) have their 一、 headings
on lines of their own, so their titles are known. Each text is joined into one line (every
line break and the spaces around it removed), as scraped one-line speeches come, and the
一、 titles that outline() finds there are compared with those of the original text.

Prints: titles compared, found with exactly the same title, found with another cut (same
first four characters), not found. Titles of more than 30 characters are left out (a glued
title is cut within 40). Exits 0; prints "skipped: ../shared absent" without the data.

Usage: python benchmarks/bench_titles.py [--show N]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
GOLD_FILES = ("2026_河北省_政府工作报告.csv", "2026_西藏自治区_政府工作报告.csv")


def texts() -> list[tuple[str, str]]:
    out = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((CORPORA / "textworkshop17-gwr").glob("*.txt"))]
    csv.field_size_limit(10**9)
    for p in sorted((CORPORA / "provincial-gwr-2026").glob("2026_*.csv")):
        if p.name in GOLD_FILES:
            continue
        with open(p, encoding="utf-8-sig", newline="") as fh:
            row = next(csv.DictReader(fh), None)
        if row and row.get("full_text"):
            out.append((p.name, row["full_text"]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=0, help="print this many misses")
    args = ap.parse_args(argv)
    if not CORPORA.is_dir():
        print("skipped: ../shared absent")
        return 0
    from textmine.structure import outline

    n = exact = other = 0
    misses = []
    t0 = time.perf_counter()
    docs = texts()
    for name, text in docs:
        o = outline(text)
        ref = [t for t, k in zip(o["title"], o["kind"]) if k == "一、" and t and len(t) <= 30]
        oj = outline(re.sub(r"\s*\n\s*", "", text))
        got = [t for t, k in zip(oj["title"], oj["kind"]) if k == "一、"]
        for title in ref:
            n += 1
            if title in got:
                exact += 1
                continue
            near = [g for g in got if g[:4] == title[:4]]
            other += bool(near)
            misses.append((name, title, near[0] if near else None))
    secs = time.perf_counter() - t0
    print(f"{len(docs)} reports joined into one line; 一、 titles compared: {n}")
    print(f"  same title:           {exact:4d}  ({100 * exact / max(n, 1):.1f}%)")
    print(f"  found, cut elsewhere: {other:4d}  ({100 * other / max(n, 1):.1f}%)")
    print(f"  not found:            {n - exact - other:4d}  ({100 * (n - exact - other) / max(n, 1):.1f}%)")
    print(f"  time: {secs:.1f} s")
    for name, title, near in misses[:args.show]:
        print(f"  {name}: {title!r} -> {near!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
