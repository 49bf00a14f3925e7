"""Structure extractors scored against a hand-annotated gold on real speeches and reports.

The gold (``benchmarks/gold/structure_gold.json``, see ``benchmarks/gold/README.md``) was
annotated by reading each text in full, before and independently of textmine's output.
It stores offsets into the *raw* text of shared files plus short prefixes, never
sentences. This script:

1. reads each gold file from ``../shared`` and checks its length and sha1 (a drifted file
   is reported and skipped);
2. runs textmine's public extractors on the text textmine analyses,
   ``tm.clean(tm.read_document(path))`` (for a provincial CSV: ``tm.clean`` of the
   ``full_text`` cell);
3. maps every gold offset into that cleaned text by searching the raw text found at the
   gold offset near the expected position (``clean`` may drop or change characters, so
   offsets are not assumed equal), and
4. matches predictions to gold items by position and prints one table per split
   (``dev``: the developers' loop; ``heldout``: kept out of tuning) and for all files.

A file whose gold lists ``annotated`` categories (the quoted-strings-only dev files) is
scored on those categories alone.

Metrics (n = gold items, or predictions for precision):

- outline L1 / L2 recall: a gold heading is found when a predicted heading of the same
  level starts within ``--tol`` characters of it; precision: predicted headings (level
  >= 1) that start near any gold heading (levels 1-3);
- enumeration item recall / precision: item starts (the marker) within ``--tol``;
- duties actor recall: a predicted directive whose run starts at most ``--tol`` before
  the gold body mention (or at most 60 characters before it, for a list of bodies) and
  whose actor column (``actor``/``actors``/``bodies_as_written``/``bodies``) names the gold
  body (equal or one containing the other); precision: predicted directives near any
  gold duty;
- formulas recall: a gold formula span is found when an occurrence in the text of a
  returned formula (its string or one of its parts) covers at least half of it;
  rows whose ``kind`` says non-formula are not "returned as formulas";
- non-formulas returned as formulas: share of gold ``non_formula`` quotations covered
  (half or more) by a returned formula;
- targets recall: gold ``target`` numbers overlapped by a returned target; a row is a
  returned target unless its ``kind`` is ``statistic`` or ``date``; "statistics among
  targets": share of returned targets that overlap a gold ``statistic``; precision:
  share that overlap a gold ``target``;
- references recall: gold 《》 titles (document and media) and cited-without-《》
  documents found at their position (an occurrence of a returned title).

Usage: python benchmarks/bench_structure.py [--tol 8] [--split dev] [--per-file]
Exits 0; prints "skipped: ../shared absent" when the shared data is not there.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = ROOT / "benchmarks" / "gold" / "structure_gold.json"

NON_TARGET_KINDS = {"statistic", "statistics", "stat", "past", "date"}
ACTOR_COLUMNS = ("actor", "actors", "bodies_as_written", "as_written", "bodies")


# ---------------------------------------------------------------- reading the gold files

def gold_path(rel: str) -> Path:
    """The file of a gold entry (``…/x.jsonl#congress=13`` names one record of a JSON-lines file)."""
    return ROOT / rel.partition("#")[0]


def raw_text(rel: str) -> str:
    """The text gold offsets refer to: file bytes decoded as UTF-8, BOM stripped, line ends
    kept as they are; for a CSV, the ``full_text`` cell of its first row; for a JSON-lines
    file, the ``content`` of the record the entry's ``#field=value`` selects."""
    path = gold_path(rel)
    if path.suffix.lower() == ".jsonl":
        field, _, value = rel.partition("#")[2].partition("=")
        with open(path, encoding="utf-8-sig") as fh:
            found = [r["content"] for r in map(json.loads, filter(str.strip, fh)) if str(r.get(field)) == value]
        if len(found) != 1:  # a gold entry must name exactly one record
            raise KeyError(f"{rel}: {len(found)} records with {field} = {value}; expected exactly 1")
        return found[0]
    if path.suffix.lower() == ".csv":
        csv.field_size_limit(10**9)
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return next(csv.DictReader(fh))["full_text"]
    return path.read_bytes().decode("utf-8-sig")


def load_gold(path: Path = GOLD) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def analysed_doc(tm, rel: str, raw: str):
    """The cleaned Document textmine analyses for one gold file."""
    path = gold_path(rel)
    if path.suffix.lower() == ".jsonl":
        doc = tm.Document.from_text(raw, doc_id=f"{path.stem}-{rel.partition('#')[2].partition('=')[2]}")
    elif path.suffix.lower() == ".csv":
        doc = tm.Document.from_text(raw, doc_id=path.stem)
    else:
        doc = tm.read_document(path)
    return tm.clean(doc)


# ---------------------------------------------------------------- offset mapping

class OffsetMap:
    """Map raw-text offsets to offsets in the cleaned text by searching the raw text that
    follows each offset near where it is expected (the running shift of earlier items)."""

    def __init__(self, raw: str, cleaned: str, window: int = 400):
        self.raw, self.cleaned, self.window = raw, cleaned, window
        self.shift = 0
        self.missed = 0

    def __call__(self, pos: int) -> int:
        est = pos + self.shift
        for k in (8, 6, 4, 3, 2):
            key = "".join(self.raw[pos:pos + k].split())
            if len(key) < 2:
                continue
            lo, hi = max(0, est - self.window), est + self.window + k
            best, i = None, self.cleaned.find(key, lo)
            while 0 <= i <= hi:
                if best is None or abs(i - est) < abs(best - est):
                    best = i
                i = self.cleaned.find(key, i + 1)
            if best is not None:
                self.shift = best - pos
                return best
        self.missed += 1
        return max(0, min(len(self.cleaned), est))


class CleaningMap:
    """Map raw-text offsets to cleaned-text offsets exactly, by replaying the cleaning
    record of a :class:`textmine.CleanedDocument` step by step (``doc.changes``).

    ``removed(pos)`` tells whether a raw offset lies in text a removal step took out of
    the body (header lines, page furniture such as the 新华社 trailer or photo captions,
    boilerplate): such a gold item is not in the text textmine analyses.
    """

    def __init__(self, doc):
        import bisect

        self._bisect = bisect.bisect_right
        self.steps = []
        for step in doc.steps:
            ch = sorted((c for c in doc.changes if c.step == step), key=lambda c: (c.start, c.end))
            if ch:
                self.steps.append(([c.start for c in ch], ch))
        self.removed_spans = sorted(
            (int(r.start), int(r.end), str(r.kind)) for r in doc.record.itertuples()
            if r.step in ("boilerplate", "furniture", "header", "site_boilerplate") and r.end > r.start)
        self.missed = 0

    def removed(self, pos: int) -> str:
        """The kind of removal (``header``, ``trailer``, ``caption`` …) covering ``pos``, or ``""``."""
        for s, e, kind in self.removed_spans:
            if s <= pos < e:
                return kind
        return ""

    def __call__(self, pos: int) -> int:
        for starts, ch in self.steps:
            k = self._bisect(starts, pos) - 1
            if k < 0:
                continue
            c = ch[k]
            if pos >= c.end:
                pos = c.out_start + len(c.new) + (pos - c.end)
            elif len(c.new) == c.end - c.start:
                pos = c.out_start + (pos - c.start)
            else:
                pos = c.out_start
        return pos


# ---------------------------------------------------------------- predictions

def column(df, *names, what: str):
    for n in names:
        if n in df.columns:
            return df[n]
    raise SystemExit(f"bench_structure: {what} output has none of the columns {names}; "
                     f"it has {list(df.columns)}")


def occurrences(text: str, s: str) -> list[tuple[int, int]]:
    out, i = [], text.find(s) if s else -1
    while i >= 0:
        out.append((i, i + len(s)))
        i = text.find(s, i + 1)
    return out


def as_names(v) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [x for x in v.replace("，", "、").replace(",", "、").split("、") if x] or [v]
    try:
        return [str(x) for x in v]
    except TypeError:
        return [str(v)]


def predictions(tm, doc) -> dict:
    text = doc.text
    out = {}
    ol = tm.outline(doc)
    lv = column(ol, "level", what="outline")
    st = column(ol, "start", "heading_start", what="outline")
    # a heading may start after the segment start (inline headings): prefer an explicit column
    hs = ol["heading_start"] if "heading_start" in ol.columns else st
    out["outline"] = [(int(s), int(l)) for s, l in zip(hs, lv) if int(l) >= 1]
    _ = st

    en = tm.enumerations(doc)
    out["enum"] = [int(s) for s in column(en, "start", what="enumerations")]

    du = tm.duties(doc)
    starts = column(du, "start", what="duties")
    actors = None
    for n in ACTOR_COLUMNS:
        if n in du.columns:
            actors = du[n]
            break
    if actors is None:
        column(du, *ACTOR_COLUMNS, what="duties")
    out["duties"] = [(int(s), as_names(a)) for s, a in zip(starts, actors)]

    tg = tm.targets(doc)
    ts = column(tg, "start", what="targets")
    tt = column(tg, "text", what="targets")
    tk = tg["kind"] if "kind" in tg.columns else [""] * len(tg)
    out["targets"] = [(int(s), int(s) + max(1, len(str(x))), str(k)) for s, x, k in zip(ts, tt, tk)]

    fo = tm.formulas(doc)
    fs = column(fo, "formula", "text", what="formulas")
    parts = fo["parts"] if "parts" in fo.columns else [()] * len(fo)
    fk = fo["kind"] if "kind" in fo.columns else [""] * len(fo)
    spans = []
    for f, ps, k in zip(fs, parts, fk):
        if str(k).lower().replace("-", "_").startswith("non"):
            continue
        for s in {str(f), *[str(p) for p in (ps or ()) if len(str(p)) >= 2]}:
            spans.extend(occurrences(text, s))
    out["formulas"] = spans

    rf = tm.references(doc)
    rs = column(rf, "reference", "title", what="references")
    rspans = []
    for r in rs:
        r = str(r)
        rspans.extend(occurrences(text, r))
        if r.startswith("中华人民共和国"):
            rspans.extend(occurrences(text, r[len("中华人民共和国"):]))
    out["refs"] = rspans
    return out


# ---------------------------------------------------------------- scoring

def overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def actor_ok(gold: str, names: list[str]) -> bool:
    g = gold.strip()
    return any(n and (n == g or n in g or g in n) for n in names)


class Tally:
    def __init__(self):
        self.c = defaultdict(lambda: [0, 0])

    def add(self, key: str, hit: int, n: int) -> None:
        self.c[key][0] += hit
        self.c[key][1] += n

    def merge(self, other: "Tally") -> None:
        for k, (h, n) in other.c.items():
            self.add(k, h, n)


def score_doc(entry: dict, raw: str, cleaned: str, pred: dict, tol: int, *,
              doc=None) -> tuple[Tally, int]:
    """Score one file. With ``doc`` (the cleaned Document) gold offsets are mapped exactly
    through its cleaning record, and gold items lying in text that ``clean()`` removed
    (header lines, trailers, captions …) are left out of every count: they are not in the
    text the extractors see. They are tallied in ``tally.dropped`` (kind of removal -> n).
    Without ``doc`` offsets are mapped by :class:`OffsetMap`, in raw-offset order."""
    T = Tally()
    T.dropped = defaultdict(int)
    # a file annotated for some categories only (``annotated``) is scored on those alone:
    # its empty lists elsewhere mean "not annotated", not "nothing there"
    scored = set(entry.get("annotated", entry["items"]))
    full, unscored = T, Tally()
    if doc is not None and getattr(doc, "changes", None) is not None and getattr(doc, "raw", None) == raw:
        m = CleaningMap(doc)
        items = {}
        for cat, rows in entry["items"].items():
            keep = []
            for r in rows:
                kind = m.removed(r["start"])
                if kind:
                    T.dropped[kind] += 1
                else:
                    keep.append(r)
            items[cat] = keep
    else:
        m = OffsetMap(raw, cleaned)
        items = entry["items"]
    # map in raw-offset order across categories: the search carries its running shift
    # from one item to the next, which is only sound when offsets increase
    pos = {p: m(p) for p in sorted({r["start"] for rows in items.values() for r in rows})}

    def mapped(rows):
        return [(pos[r["start"]], r) for r in rows]

    # outline
    T = full if "outline" in scored else unscored
    heads = mapped(items["outline"])
    for level, key in ((1, "outline L1 recall"), (2, "outline L2 recall")):
        gold = [p for p, r in heads if r["level"] == level]
        hit = sum(any(abs(s - p) <= tol and lv == level for s, lv in pred["outline"]) for p in gold)
        T.add(key, hit, len(gold))
    gold_pos = [p for p, r in heads if r["level"] >= 1]
    T.add("outline precision", sum(any(abs(s - p) <= tol for p in gold_pos) for s, _ in pred["outline"]),
          len(pred["outline"]))

    # enumerations
    T = full if "enumerations" in scored else unscored
    gold = [p for p, _ in mapped(items["enumerations"])]
    T.add("enumeration item recall", sum(any(abs(s - p) <= tol for s in pred["enum"]) for p in gold), len(gold))
    T.add("enumeration precision", sum(any(abs(s - p) <= tol for p in gold) for s in pred["enum"]),
          len(pred["enum"]))

    # duties
    T = full if "duties" in scored else unscored
    gd = mapped(items["duties"])

    def near(s, p):
        return -tol <= p - s <= 60

    T.add("duties actor recall",
          sum(any(near(s, p) and actor_ok(r["actor"], names) for s, names in pred["duties"]) for p, r in gd),
          len(gd))
    T.add("duties precision", sum(any(near(s, p) for p, _ in gd) for s, _ in pred["duties"]),
          len(pred["duties"]))

    # formulas and non-formulas
    T = full if "formulas" in scored else unscored
    def covered(p, n, spans):
        return any(overlap(p, p + n, a, b) * 2 >= n for a, b in spans)

    fg = mapped(items["formulas"])
    forms = [(p, r) for p, r in fg if r["kind"] == "formula"]
    nonf = [(p, r) for p, r in fg if r["kind"] == "non_formula"]
    T.add("formulas recall", sum(covered(p, r["length"], pred["formulas"]) for p, r in forms), len(forms))
    q = [(p, r) for p, r in forms if r["quoted"]]
    u = [(p, r) for p, r in forms if not r["quoted"]]
    T.add("  quoted formulas recall", sum(covered(p, r["length"], pred["formulas"]) for p, r in q), len(q))
    T.add("  unquoted formulas recall", sum(covered(p, r["length"], pred["formulas"]) for p, r in u), len(u))
    T.add("non-formulas returned as formulas", sum(covered(p, r["length"], pred["formulas"]) for p, r in nonf),
          len(nonf))

    # targets
    T = full if "numbers" in scored else unscored
    gn = [(p, p + len(r["text"]), r["kind"]) for p, r in mapped(items["numbers"])]
    returned = [(a, b) for a, b, k in pred["targets"] if k.lower() not in NON_TARGET_KINDS]
    gt = [(a, b) for a, b, k in gn if k == "target"]
    T.add("targets recall", sum(any(overlap(a, b, x, y) for x, y in returned) for a, b in gt), len(gt))
    T.add("statistics among returned targets",
          sum(any(overlap(a, b, x, y) for x, y, k in gn if k == "statistic") for a, b in returned), len(returned))
    T.add("targets precision",
          sum(any(overlap(a, b, x, y) for x, y in gt) for a, b in returned), len(returned))

    # references
    T = full if "references" in scored else unscored
    gr = mapped(items["references"])
    for kinds, key in ((("document", "media"), "references 《》 recall"),
                       (("document_uncited",), "documents without 《》 recall")):
        rows = [(p, r) for p, r in gr if r["kind"] in kinds]
        T.add(key, sum(any(overlap(p, p + max(2, r["length"]), a, b) for a, b in pred["refs"])
                       for p, r in rows), len(rows))
    return full, m.missed


ORDER = ["outline L1 recall", "outline L2 recall", "outline precision", "enumeration item recall",
         "enumeration precision", "duties actor recall", "duties precision", "formulas recall",
         "  quoted formulas recall", "  unquoted formulas recall", "non-formulas returned as formulas",
         "targets recall", "statistics among returned targets", "targets precision",
         "references 《》 recall", "documents without 《》 recall"]


def fmt(h: int, n: int) -> str:
    return f"{h:>4}/{n:<4} {100 * h / n:5.1f}%" if n else f"{h:>4}/{n:<4}    — "


def print_table(tallies: dict[str, Tally]) -> None:
    cols = list(tallies)
    print(f"{'metric':<36}" + "".join(f"{c:>18}" for c in cols))
    for key in ORDER:
        print(f"{key:<36}" + "".join(f"{fmt(*tallies[c].c.get(key, [0, 0])):>18}" for c in cols))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tol", type=int, default=8, help="position tolerance in characters (default 8)")
    ap.add_argument("--split", choices=["dev", "heldout", "all"], default="all",
                    help="score only one split (default: print dev, heldout and all)")
    ap.add_argument("--per-file", action="store_true", help="also print one table per file")
    args = ap.parse_args(argv)

    if not SHARED.is_dir():
        print("skipped: ../shared absent")
        return 0

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # this checkout's textmine, not an installed one
    import textmine as tm

    gold = load_gold()
    by_split: dict[str, Tally] = {"dev": Tally(), "heldout": Tally()}
    per_file: dict[str, Tally] = {}
    dropped: dict[str, int] = defaultdict(int)
    for entry in gold["documents"]:
        if args.split != "all" and entry["split"] != args.split:
            continue
        rel = entry["path"]
        if not gold_path(rel).is_file():
            print(f"missing gold file {rel}: skipped")
            continue
        raw = raw_text(rel)
        sha = hashlib.sha1(raw.encode("utf-8")).hexdigest()
        if len(raw) != entry["length"] or sha != entry["sha1"]:
            print(f"{rel} changed since it was annotated (length {len(raw)} vs {entry['length']}, "
                  f"sha1 {sha[:10]} vs {entry['sha1'][:10]}): skipped")
            continue
        doc = analysed_doc(tm, rel, raw)
        tally, missed = score_doc(entry, raw, doc.text, predictions(tm, doc), args.tol, doc=doc)
        if missed:
            print(f"{rel}: {missed} gold offsets could not be mapped into the cleaned text")
        for kind, n in sorted(tally.dropped.items()):
            dropped[kind] += n
        by_split[entry["split"]].merge(tally)
        per_file[Path(rel).name] = tally

    total = Tally()
    for t in by_split.values():
        total.merge(t)
    n_dev = sum(e["split"] == "dev" for e in gold["documents"])
    n_held = len(gold["documents"]) - n_dev
    print(f"structure gold: {len(gold['documents'])} files ({n_dev} dev, {n_held} heldout), tolerance "
          f"{args.tol} chars; cells are hits/n and %")
    if dropped:
        what = ", ".join(f"{n} in {k}" for k, n in sorted(dropped.items()))
        print(f"not scored: {sum(dropped.values())} gold items lie in text clean() removes ({what})")
    tables = {"dev": by_split["dev"], "heldout": by_split["heldout"], "all": total}
    if args.split != "all":
        tables = {args.split: by_split[args.split]}
    print_table(tables)
    if args.per_file:
        for name, t in per_file.items():
            print(f"\n{name}")
            print_table({"file": t})
    return 0


if __name__ == "__main__":
    sys.exit(main())
