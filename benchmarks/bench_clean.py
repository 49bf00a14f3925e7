"""Cleaning on real scraped files: furniture before/after, body sentences lost, false findings removed.

Prints figures, never asserts. Uses, by relative path (skipped when absent):

- ``../shared/corpora/provincial-gwr-2026/*.csv`` (31 raw work reports, text in ``full_text``);
- ``../shared/corpora/real-speeches/*.txt`` (15 speeches);
- ``../shared/formats/*.html`` (2 saved pages, as the whole page's text: the worst case).

Held-out files: every third file of each folder in sorted order (index % 3 == 2); the
patterns were tuned on the others. Figures are printed for the tuned and held-out files
separately.

Furniture is counted with this script's own patterns (``ORACLE``), written apart from
``textmine.clean`` so that "after" is not the cleaner grading itself. Body sentences are
checked against the sentinels in ``benchmarks/data/clean_sentinels.json``: offsets,
lengths and sha1 prefixes of sentences of the real bodies, never the sentences. Rebuild
them with ``--make-sentinels`` (which picks, in each file, the first and last body
sentence, the sentences on both sides of every caption and trailer, and evenly spaced
others; at least 8 per file).

Usage: python benchmarks/bench_clean.py [--make-sentinels] [--show]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SENTINELS = ROOT / "benchmarks" / "data" / "clean_sentinels.json"
sys.path.insert(0, str(ROOT))


# ----------------------------------------------------------------------------- the real files

def real_files() -> list[tuple[str, str, str, bool]]:
    """(group, relative path, raw text, held_out) for every real file used here."""
    out = []
    csv.field_size_limit(sys.maxsize)
    for group, folder, pattern in (("provincial", "corpora/provincial-gwr-2026", "2026_*.csv"),
                                   ("speeches", "corpora/real-speeches", "*.txt"),
                                   ("formats", "formats", "*.html")):
        files = sorted((SHARED / folder).glob(pattern))
        for i, f in enumerate(files):
            rel = f"{folder}/{f.name}"
            if f.suffix == ".csv":
                with open(f, encoding="utf-8-sig", newline="") as fh:
                    text = next(csv.DictReader(fh))["full_text"]
            elif f.suffix == ".html":
                text = page_text(f)
            else:
                with open(f, encoding="utf-8", newline="") as fh:
                    text = fh.read()
            out.append((group, rel, text, i % 3 == 2))
    return out


def page_text(path: Path) -> str:
    """The whole text of a saved page (navigation, footer and all), one line per text block."""
    import lxml.html

    doc = lxml.html.fromstring(path.read_bytes())
    for bad in doc.xpath("//script|//style"):
        bad.drop_tree()
    lines = [ln.strip() for ln in doc.text_content().split("\n")]
    return "\n".join(ln for ln in lines if ln)


# ----------------------------------------------------------------------------- the oracle

_WIDGET_LINES = {
    "下载", "打印", "全屏", "收藏", "加大", "还原", "减小", "大", "中", "小", "】", "【", "|", ">", "×", "✖",
    "分享到:", "分享到微信", "分享：", "分享:", "打印本页", "关闭窗口", "关闭本页", "扫一扫在手机打开当前页",
    "返回顶部", "网站地图", "网站地图 |", "联系我们", "首页", "网站首页", "相关报道：", "相关文档：", "相关附件>>",
    "相关链接>>", "》》点击图片进入专题《《", "【字号：", "【字体：", "您的位置:", "当前位置：", "您当前的位置：",
    "您当前所在位置：", "网站无障碍", "关怀版", "网站无障碍关怀版", "智能问答", "政务邮箱", "繁繁體版",
}
ORACLE = {
    "widget": [re.compile(r"ICP备|公网安备|版权所有|网站标识码|^主办：|技术支持：|【返回顶部】|^您访问的链接即将离开")],
    "provenance": [re.compile(r"^(?:来源|时间|发布时间|发表时间|发布日期|作者|编辑|责任编辑|阅读量|浏览次数|访问量"
                              r"|索\s*引\s*号|发布机构|发文日期|公开方式|公开时限|公开范围|分类)\s*[:：]"),
                   re.compile(r"^（来源：.+）$"), re.compile(r"^\d{4}-\d{2}-\d{2}(?: \d\d:\d\d(?::\d\d)?)?$"),
                   re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$"), re.compile(r"^\d{4}年\d{2}月\d{2}日 \d{2}时\d{2}分$"),
                   re.compile(r"^https?://\S+$")],
    "caption": [re.compile(r"记者[^。，！？]{0,12}?摄"), re.compile(r"图片来源")],
    "trailer": [re.compile(r"日电\s*[）)]"), re.compile(r"》\s*[（(]\s*\d{4}年\d{1,2}月\d{1,2}日\s*\d+\s*版\s*[）)]"),
                re.compile(r"延伸阅读"), re.compile(r"学习平台")],
    "header": [re.compile(r"^(?:——|――|（)?(?:\d{4}|[〇一二]{4})年.{1,6}月.{1,6}日在.{4,60}会议上）?(?: .{2,20})?$")],
}
_REPORT_CAPTION = re.compile(r"作政府工作报告")
#: a title and date glued to the first words of a one-line body: 在…上的讲话（2018年2月12日）
_GLUED_HEADER = re.compile(r"(?m)^[^。！？，\n]{2,80}?(?:讲话|报告)[（(]\d{4}年\d{1,2}月\d{1,2}日[）)]")


def oracle_counts(text: str) -> Counter:
    """How many furniture items of each kind ``text`` holds, by the oracle."""
    c: Counter = Counter()
    lines = [ln.strip(" \t\r\u3000\xa0") for ln in text.split("\n")]
    salutation = next((i for i, ln in enumerate(lines) if ln.startswith("各位代表")), 25)
    for i, ln in enumerate(lines):
        if not ln:
            continue
        if ln in _WIDGET_LINES:
            c["widget"] += 1
        for kind in ("widget", "provenance", "header"):
            if any(rx.search(ln) for rx in ORACLE[kind]):
                c[kind] += 1
        if i < salutation and len(ln) <= 60 and _REPORT_CAPTION.search(ln) and not ORACLE["caption"][0].search(ln):
            c["caption"] += 1  # the caption line whose credit the scrape lost
    for kind in ("caption", "trailer"):
        for rx in ORACLE[kind]:
            c[kind] += len(rx.findall(text))
    c["header"] += len(_GLUED_HEADER.findall(text))
    return c


def site_lines(texts: list[str]) -> set[str]:
    """Lines in >= 3 and >= half of the texts that are not a salutation, a heading or a sentence."""
    n: Counter = Counter()
    for t in texts:
        n.update({ln.strip(" \t\r\u3000\xa0") for ln in t.split("\n")} - {""})
    need = max(3, (len(texts) + 1) // 2)
    return {ln for ln, k in n.items() if k >= need and not re.match(r"^(各位代表|同志们)|^[一二三四五六七八九十]+、", ln)
            and not re.search(r"[。！？]$", ln)}


def count_site(text: str, lines: set[str]) -> int:
    return sum(ln.strip(" \t\r\u3000\xa0") in lines for ln in text.split("\n"))


# ----------------------------------------------------------------------------- sentinels

_SENT = re.compile(r"[^。！？\n]*[。！？]")
_BAD = re.compile(r"记者|摄|日电|版）|来源|中共中央总书记、国家主席|讲话（|这是|图为|http")


def _han(s: str) -> int:
    return len(re.findall(r"[\u4e00-\u9fff]", s))


def _key(s: str) -> str:
    """Han characters, digits and letters only: what cleaning must never lose."""
    s = unicodedata.normalize("NFKC", s)
    return "".join(re.findall(r"[\u4e00-\u9fff0-9A-Za-z]", s))


def make_sentinels(files) -> dict:
    out = {}
    for group, rel, text, _ in files:
        body_from = 0
        m = re.search(r"^(?:各位代表|同志们)[：:]", text, re.M)
        if m:
            body_from = m.start()
        tail = re.search(r"^(?:相关报道|相关文档|责任编辑|扫一扫|打印本页|主办：|《政府工作报告》有关内容)", text[body_from:], re.M)
        body_to = body_from + tail.start() if tail else len(text)
        spans = [(m.start(), m.end()) for m in _SENT.finditer(text, body_from, body_to)]
        spans = [(s + len(text[s:e]) - len(text[s:e].lstrip(" \t\r\u3000\xa0")), e) for s, e in spans]
        # a sentence that opens with a title repeated from an earlier line (某县统计公报 2015年，…)
        # starts after it: the title is header, not body
        earlier = {ln.strip() for ln in text[:body_from + 2000].split("\n") if len(ln.strip()) >= 8}
        spans = [(s + len(t) + 1, e) if (t := text[s:e].split(" ", 1)[0]) in earlier and " " in text[s:e] else (s, e)
                 for s, e in spans]
        flat = _key(text)
        cands = [(s, e) for s, e in spans if _han(text[s:e]) >= 20 and not _BAD.search(text[s:e])
                 and flat.count(_key(text[s:e])) == 1]
        if not cands:
            continue
        risky = {0, len(cands) - 1}
        furniture = [m.start() for rx in ORACLE["caption"] + ORACLE["trailer"] for m in rx.finditer(text)]
        for f in furniture:  # the sentences on both sides of a caption or a trailer
            before = [i for i, (s, e) in enumerate(cands) if e <= f]
            after = [i for i, (s, e) in enumerate(cands) if s >= f]
            risky |= set(before[-1:]) | set(after[:1])
        k = max(8 - len(risky), 0)
        even = {round(j * (len(cands) - 1) / (k + 1)) for j in range(1, k + 1)}
        chosen = sorted(risky | even)
        out[rel] = [{"offset": cands[i][0], "length": cands[i][1] - cands[i][0],
                     "sha1": hashlib.sha1(text[cands[i][0]:cands[i][1]].encode("utf-8")).hexdigest()[:12]}
                    for i in chosen]
    return out


# ----------------------------------------------------------------------------- false findings

_MEDIA = re.compile(r"^(?:人民日报|求是|光明日报|经济日报|解放军报|新华每日电讯|学习时报|中国青年报|工人日报|"
                    r"[\u4e00-\u9fff]{2,6}(?:日报|晚报|时报))$")


def findings(doc) -> dict[str, set]:
    import textmine as tm

    refs = tm.references(doc)
    forms = tm.formulas(doc)
    tg = tm.targets(doc)
    return {
        "media references": {r for r in refs["reference"] if _MEDIA.match(r)},
        "formulas in footer text": {f for f, s in zip(forms["formula"], forms["first_sentence"])
                                    if re.search(r"学习平台|了解更多|点击进入|点击查看|扫一扫|进入专题", s)},
        "targets from captions": {(t, s[:12]) for t, s in zip(tg["text"], tg["sentence"])
                                  if re.search(r"记者.{0,12}摄", s)},
    }


def caption_reuse(docs) -> int:
    """Text-reuse matches between the documents whose sentences are photo captions."""
    import textmine as tm

    corpus = tm.Corpus(docs)
    n = 0
    for d in docs:
        m = tm.text_reuse(d, corpus).matches
        if len(m):
            n += sum(bool(re.search(r"记者.{0,12}摄|中共中央总书记、国家主席、中央军委主席", str(s)))
                     for s in m["target_sentence"])
    return n


# ----------------------------------------------------------------------------- main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--make-sentinels", action="store_true", help="rebuild benchmarks/data/clean_sentinels.json")
    ap.add_argument("--show", action="store_true", help="list the furniture the oracle still finds after cleaning")
    args = ap.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is absent (the real files are not in a user's clone)")
        return
    files = real_files()
    if args.make_sentinels:
        data = make_sentinels(files)
        SENTINELS.parent.mkdir(parents=True, exist_ok=True)
        SENTINELS.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {sum(map(len, data.values()))} sentinels for {len(data)} files to {SENTINELS}")
        return

    import textmine as tm
    from textmine.clean import cleaning_summary

    sentinels = json.loads(SENTINELS.read_text(encoding="utf-8")) if SENTINELS.is_file() else {}
    docs = {rel: tm.Document(doc_id=re.sub(r"\W", "_", rel), text=text, source=str(SHARED / rel))
            for _, rel, text, _ in files}
    t0 = time.perf_counter()
    cleaned: dict[str, object] = {}
    for group in ("provincial", "speeches", "formats"):
        rels = [rel for g, rel, _, _ in files if g == group]
        out = tm.clean(tm.Corpus([docs[r] for r in rels]))
        cleaned.update(zip(rels, out))
    secs = time.perf_counter() - t0
    n_chars = sum(len(t) for _, _, t, _ in files)
    print(f"cleaned {len(files)} files ({n_chars:,} characters) in {secs:.2f} s, corpus by corpus")
    print(f"undo() == raw: {sum(cleaned[r].undo() == docs[r].text for r in docs)}/{len(docs)}")

    kinds = ["widget", "provenance", "caption", "trailer", "header", "site"]
    for group in ("provincial", "speeches", "formats"):
        for held in (False, True):
            sel = [(rel, text) for g, rel, text, h in files if g == group and h == held]
            if not sel:
                continue
            site = site_lines([t for _, t in sel]) if group == "provincial" else set()
            before, after = Counter(), Counter()
            for rel, text in sel:
                before += oracle_counts(text)
                after += oracle_counts(cleaned[rel].text)
                before["site"] += count_site(text, site)
                after["site"] += count_site(cleaned[rel].text, site)
            lost = total = mismatch = 0
            for rel, _ in sel:
                raw = docs[rel].text
                flat = _key(cleaned[rel].text)
                for s in sentinels.get(rel, []):
                    sent = raw[s["offset"]:s["offset"] + s["length"]]
                    if hashlib.sha1(sent.encode("utf-8")).hexdigest()[:12] != s["sha1"]:
                        mismatch += 1
                        continue
                    total += 1
                    lost += _key(sent) not in flat
            label = f"{group:10s} {'held-out' if held else 'tuned':8s} ({len(sel):2d} files)"
            print(f"\n{label}  furniture before -> after, by kind:")
            print("   " + "  ".join(f"{k} {before[k]}->{after[k]}" for k in kinds))
            print(f"   body sentences lost: {lost}/{total} sentinels" + (f" ({mismatch} sentinel(s) did not match "
                                                                        "the file)" if mismatch else ""))
            print("   record: " + cleaning_summary([cleaned[r] for r, _ in sel]))
            if args.show:
                for rel, _ in sel:
                    left = oracle_counts(cleaned[rel].text)
                    if +left:
                        print(f"   still in {rel}: {dict(+left)}")

    print("\nfalse findings (structure on raw -> on cleaned text):")
    for group in ("provincial", "speeches"):
        for held in (False, True):
            sel = [rel for g, rel, _, h in files if g == group and h == held]
            tot_b, tot_a = Counter(), Counter()
            for rel in sel:
                fb, fa = findings(docs[rel]), findings(cleaned[rel])
                for k in fb:
                    tot_b[k] += len(fb[k])
                    tot_a[k] += len(fa[k])
            label = f"{group:10s} {'held-out' if held else 'tuned':8s}"
            print(f"   {label} " + "  ".join(f"{k} {tot_b[k]}->{tot_a[k]}" for k in tot_b))
    for held in (False, True):
        sel = [rel for g, rel, _, h in files if g == "speeches" and h == held]
        b = caption_reuse([docs[r] for r in sel])
        a = caption_reuse([cleaned[r] for r in sel])
        print(f"   speeches   {'held-out' if held else 'tuned':8s} text-reuse matches on captions {b}->{a}")


if __name__ == "__main__":
    main()
