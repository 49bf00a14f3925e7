"""Tokenizer speed: raw jieba.lcut vs raw rjieba vs textmine.Tokenizer (cold, then warm cache).

Prints figures, never asserts. All runs tokenize the same texts in one process:
the government work reports in ../shared/corpora/textworkshop17-gwr when present
(about 1.07M characters), else the bundled data repeated to at least 1M characters.

Usage: python benchmarks/bench_tokenize.py [--n-jobs N]
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GWR = ROOT.parent / "shared" / "corpora" / "textworkshop17-gwr"


def load_texts() -> tuple[list[str], str]:
    if GWR.is_dir():
        files = sorted(GWR.glob("*.txt"))
        return [f.read_text(encoding="utf-8") for f in files], f"{len(files)} work reports in {GWR}"
    import textmine as tm

    base = [tm.bundled_speech().text] + tm.bundled_corpus().texts
    texts: list[str] = []
    i = 0
    while sum(map(len, texts)) < 1_000_000:
        # vary each copy so the cache cannot serve a repeat as a hit
        texts.append(f"第{i}份。" + base[i % len(base)])
        i += 1
    return texts, f"bundled speech + corpus repeated ({len(texts)} texts)"


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n-jobs", type=int, default=None, help="processes for the cold run (default: auto)")
    args = ap.parse_args()
    texts, what = load_texts()
    n_chars = sum(map(len, texts))
    print(f"data: {what}; {n_chars:,} characters")

    import jieba
    import rjieba

    import textmine as tm

    logging.getLogger("jieba").setLevel(logging.WARNING)
    jieba.lcut("预热")  # load jieba's dictionary outside the timing
    ref, t_jieba = timed(lambda: [jieba.lcut(t) for t in texts])
    rj = rjieba.Jieba()
    rj.cut("预热")
    _, t_rjieba = timed(lambda: [rj.cut(t) for t in texts])

    with tempfile.TemporaryDirectory() as cache:
        tok = tm.Tokenizer(cache_dir=cache)
        tok.tokenize("预热")  # load the backend and dictionaries outside the timing
        cold, t_cold = timed(lambda: tok.tokenize_many(texts, n_jobs=args.n_jobs))
        warm, t_warm = timed(lambda: tok.tokenize_many(texts))
        fresh = tm.Tokenizer(cache_dir=cache)  # a new process would see this: same cache on disk
        fresh.tokenize("预热")
        warm2, t_warm2 = timed(lambda: fresh.tokenize_many(texts))
        tok_j = tm.Tokenizer(backend="jieba", cache=False)
        tok_j.tokenize("预热")
        ref_tm, t_tm_jieba = timed(lambda: tok_j.tokenize_many(texts, n_jobs=1))
        tok_1 = tm.Tokenizer(cache=False)
        _, t_cold1 = timed(lambda: tok_1.tokenize_many(texts, n_jobs=1))

    def rate(t: float) -> str:
        return f"{n_chars / t / 1e6:7.2f} M chars/s  ({t:7.3f} s)"

    print(f"raw jieba.lcut                 {rate(t_jieba)}   1.0x")
    print(f"raw rjieba                     {rate(t_rjieba)}  {t_jieba / t_rjieba:5.1f}x")
    print(f"textmine backend=jieba, 1 proc {rate(t_tm_jieba)}  {t_jieba / t_tm_jieba:5.1f}x")
    print(f"textmine cold, 1 process       {rate(t_cold1)}  {t_jieba / t_cold1:5.1f}x")
    print(f"textmine cold (n_jobs={args.n_jobs or 'auto'})     {rate(t_cold)}  {t_jieba / t_cold:5.1f}x")
    print(f"textmine warm cache, same obj  {rate(t_warm)}  {t_jieba / t_warm:5.1f}x")
    print(f"textmine warm cache, new obj   {rate(t_warm2)}  {t_jieba / t_warm2:5.1f}x")
    same = cold == warm == warm2 == ref_tm
    print(f"identical tokens: rjieba-backed cold == warm == new-object warm == jieba-backed: {same}")
    print(f"targets: cold >= 15x jieba ({t_jieba / t_cold:.1f}x), warm >= 50x ({t_jieba / t_warm2:.1f}x)")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main()
