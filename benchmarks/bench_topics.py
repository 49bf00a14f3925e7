"""Topics at scale: DTM build, keyness and NMF on ~1M characters and on a 20× replicated corpus.

Prints wall time and peak traced memory (tracemalloc: Python, NumPy and SciPy allocations)
for each step at 1× and 20×, and the 20×/1× ratios. Tokens come from the token cache
(tokenize once); the 20× corpus replicates the token lists with new doc ids, so the
DTM, keyness and NMF really see 20× the documents and tokens.

Data: the work reports in ../shared/corpora/textworkshop17-gwr when present, else the
bundled corpus repeated. Usage: python benchmarks/bench_topics.py [--factor 20]
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GWR = ROOT.parent / "shared" / "corpora" / "textworkshop17-gwr"


def measure(fn):
    gc.collect()
    tracemalloc.start()
    t0 = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return out, dt, peak / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--factor", type=int, default=20)
    ap.add_argument("--k", type=int, default=10)
    args = ap.parse_args()

    import pandas as pd

    import textmine as tm

    if GWR.is_dir():
        corpus = tm.clean(tm.load_corpus(sorted(GWR.glob("*.txt"))))
        what = f"{len(corpus)} work reports from {GWR}"
    else:
        corpus = tm.clean(tm.bundled_corpus())
        what = f"bundled corpus ({len(corpus)} speeches)"
    n_chars = sum(len(t) for t in corpus.texts)
    tok = tm.Tokenizer()
    tokens = tok.tokenize_many(corpus)
    print(f"data: {what}; {n_chars:,} characters, {sum(map(len, tokens)):,} tokens")

    tm.fit_topics(tm.Dtm.from_tokens(tokens[:4]), 2)  # import scikit-learn outside the timings
    results = {}
    for factor in (1, args.factor):
        toks = tokens * factor
        docs = pd.DataFrame(index=pd.Index([f"{d}#{i}" for i in range(factor) for d in corpus.ids], name="doc_id"))
        dtm, t_dtm, m_dtm = measure(lambda: tm.Dtm.from_tokens(toks, docs))
        target, reference = dtm.select([dtm.doc_ids[-1]]), dtm.drop_docs([dtm.doc_ids[-1]])
        _, t_key, m_key = measure(lambda: tm.keyness(target, reference))
        trimmed = dtm.trim(min_df=2, max_df=0.5)
        _, t_nmf, m_nmf = measure(lambda: tm.fit_topics(trimmed, args.k, random_state=0, max_iter=200))
        results[factor] = (t_dtm, m_dtm, t_key, m_key, t_nmf, m_nmf)
        print(f"{factor:>3}×  {dtm.n_docs:5d} docs × {dtm.n_terms:6d} terms, {int(dtm.counts.sum()):>10,} tokens | "
              f"dtm {t_dtm:6.2f} s {m_dtm:7.1f} MiB | keyness {t_key:5.2f} s {m_key:6.1f} MiB | "
              f"nmf(k={args.k}) {t_nmf:6.2f} s {m_nmf:7.1f} MiB")
    a, b = results[1], results[args.factor]
    print(f"ratios {args.factor}×/1× (linear = {args.factor}): dtm time {b[0] / a[0]:.1f}, memory {b[1] / a[1]:.1f}; "
          f"keyness time {b[2] / a[2]:.1f}, memory {b[3] / a[3]:.1f}; nmf time {b[4] / a[4]:.1f}, memory {b[5] / a[5]:.1f}")


if __name__ == "__main__":
    main()
