"""briefing.html: self-contained, escaped, and working in a real browser (headless Chromium via Playwright).

The browser tests skip, saying why, only where no browser can be had: Playwright not
installed, or no Chromium executable (``.ci/run`` installs the distribution's package).
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

import textmine as tm
from textmine.report.write_html import TABLE_ROWS, write_html
from textmine.structure import sentence_spans

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
EVIL = '</script><script>window.pwned=1</script><img src=x onerror="window.pwned=2">'


def _chromium() -> str | None:
    for cand in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if cand and Path(cand).exists():
            return cand
    return None


@pytest.fixture(scope="module")
def html_pack(tiny_files, tmp_path_factory):
    speech, corpus = tiny_files
    return tm.build_report(speech, corpus, out_dir=tmp_path_factory.mktemp("html_pack"), formats=["png", "html"],
                           k=2, progress=False)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    exe = _chromium()
    if exe is None:
        pytest.skip("no Chromium executable (/usr/bin/chromium); .ci/run installs it with apt-get install chromium")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _open(browser, path: Path):
    page = browser.new_page()
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    return page, problems, requests


# ----------------------------------------------------------------------------- the file itself

def test_html_is_one_self_contained_file(html_pack):
    path = html_pack.out_dir / "briefing.html"
    assert path in html_pack.files
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    # no server, network or CDN: no URL to fetch and nothing linked but data: URIs and #anchors
    assert not re.search(r"(?:src|href)=\"(?!data:|#)", page)
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "") and "https://" not in page
    # every chart drawn is embedded
    for name in html_pack.charts:
        assert f'data-chart="{name}"' in page
    assert page.count('src="data:image/png;base64,') == len(html_pack.charts)


def test_html_draws_charts_in_memory_when_no_image_format_is_asked(tiny_files, tmp_path):
    speech, corpus = tiny_files
    rep = tm.build_report(speech, corpus, out_dir=tmp_path, formats=["html"], k=2, progress=False)
    page = (rep.out_dir / "briefing.html").read_text(encoding="utf-8")
    assert [p.suffix for p in rep.files] == [".html"]
    assert page.count('src="data:image/png;base64,') == len(rep.charts) > 10


def _evil_result(result):
    doc = result.doc.with_meta(title="标题" + EVIL, place="青溪县&<b>")
    ex = result.explorer.copy()
    ex.loc[0, "right"] = EVIL
    key = result.keyness.copy()
    key.loc[0, "term"] = "词" + EVIL
    return dataclasses.replace(result, doc=doc, explorer=ex, keyness=key)


def test_every_text_is_escaped(tiny_result, tmp_path):
    r = _evil_result(tiny_result)
    rep = tm.Report(tmp_path, findings=["发现" + EVIL], skipped=["chart x: " + EVIL])
    page = write_html(r, rep).read_text(encoding="utf-8")
    assert "<script>window.pwned" not in page and "<img src=x" not in page
    assert page.count("<script") == 2  # the data block and the page's own script, nothing else
    data = page.split('<script type="application/json" id="briefing-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data  # "</script>" cannot end the block early
    parsed = json.loads(data)
    assert parsed["terms"][0]["t"] == "词" + EVIL  # escaped, not altered
    assert "&lt;/script&gt;&lt;script&gt;window.pwned=1" in page  # the title, findings, tables as text


def test_tables_are_capped(tiny_result, tmp_path):
    big = pd.concat([tiny_result.keyness] * (TABLE_ROWS // len(tiny_result.keyness) + 2), ignore_index=True)
    page = write_html(dataclasses.replace(tiny_result, keyness=big), tm.Report(tmp_path)).read_text(encoding="utf-8")
    body = page.split('id="table-0"', 1)[1].split("</table>", 1)[0]
    assert body.count("<tr>") == TABLE_ROWS + 1  # header + the capped rows
    assert f"共{len(big)}行，仅列出前{TABLE_ROWS}行" in page


# ----------------------------------------------------------------------------- in a real browser

def test_page_loads_without_console_errors_and_shows_every_chart(browser, html_pack):
    page, problems, requests = _open(browser, html_pack.out_dir / "briefing.html")
    assert problems == []
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    charts = page.eval_on_selector_all("img.chart", "els => els.map(e => [e.dataset.chart, e.naturalWidth])")
    assert [c[0] for c in charts] == list(html_pack.charts)
    assert all(w > 1000 for _, w in charts)  # decoded images, not broken icons
    for name in ("policy_instruments", "strength_profile", "tone", "textstats", "correspondence_map"):
        assert name in html_pack.charts
    assert page.locator("#findings li").count() == len(html_pack.findings)
    page.close()


def test_searching_a_term_shows_its_contexts(browser, html_pack):
    text = html_pack.result.cleaned.text
    term = "垃圾分类"
    expected = [text[a:b].strip() for a, b in sentence_spans(text) if term in text[a:b]]
    assert len(expected) >= 3
    page, problems, _ = _open(browser, html_pack.out_dir / "briefing.html")
    page.fill("#search-box", term)
    page.click("#search-form button")
    res = page.locator("#search-results")
    assert res.locator("h4").first.inner_text() == f"本讲话（{len(expected)}句）"
    marks = res.locator(".ctx mark").all_inner_texts()
    assert marks and set(marks) == {term}
    speech_lines = [t.removeprefix("s00") for t in res.locator(".ctx").all_inner_texts()[:len(expected)]]
    assert speech_lines == expected
    # a term the speech never uses
    page.fill("#search-box", "核电站")
    page.click("#search-form button")
    assert "本讲话中未出现" in res.inner_text()
    assert problems == []
    page.close()


def test_term_explorer_hover_shows_counts_and_click_lists_contexts(browser, html_pack):
    key = html_pack.result.keyness
    top = key.reindex(key.g2.abs().sort_values(ascending=False, kind="stable").index).iloc[0]
    page, problems, _ = _open(browser, html_pack.out_dir / "briefing.html")
    dot = page.locator(f'#term-plot circle[data-term="{top.term}"]')
    dot.hover()
    tip = page.inner_text("#tooltip")
    assert tip.startswith(f"{top.term}：本讲话{int(top.n_target)}次") and f"参照语料{int(top.n_reference)}次" in tip
    dot.click()
    box = page.locator("#term-contexts")
    assert box.locator("h3").inner_text() == f"“{top.term}”的语境"
    assert set(box.locator(".ctx mark").all_inner_texts()) == {top.term}
    assert problems == []
    page.close()


def test_tables_sort_on_click(browser, html_pack):
    page, problems, _ = _open(browser, html_pack.out_dir / "briefing.html")
    table = page.locator("#table-0")  # keyness
    th = table.locator("th").nth(1)  # n_target
    th.click()
    up = [int(x) for x in table.locator("tbody tr td:nth-child(2)").all_inner_texts()]
    th.click()
    down = [int(x) for x in table.locator("tbody tr td:nth-child(2)").all_inner_texts()]
    assert up == sorted(up) and down == sorted(up, reverse=True) and up != down
    assert problems == []
    page.close()


def test_escaped_text_stays_text_in_the_browser(browser, tiny_result, tmp_path):
    path = write_html(_evil_result(tiny_result), tm.Report(tmp_path, findings=["发现" + EVIL]))
    page, problems, _ = _open(browser, path)
    assert page.evaluate("window.pwned === undefined")
    assert page.locator("h1").inner_text() == f"标题{EVIL}：文本分析简报"
    assert problems == []
    page.close()


def test_term_labels_never_overlap_and_the_key_terms_are_labelled(browser, html_pack):
    key = html_pack.result.keyness
    top = key.reindex(key.g2.abs().sort_values(ascending=False, kind="stable").index).term.iloc[0]
    page, problems, _ = _open(browser, html_pack.out_dir / "briefing.html")
    boxes = page.eval_on_selector_all(
        "#term-plot text.term-label",
        "els => els.map(e => { const b = e.getBBox(); return [e.textContent, b.x, b.y, b.width, b.height]; })")
    assert boxes and top in [b[0] for b in boxes]
    overlaps = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[1] < b[1] + b[3] and b[1] < a[1] + a[3] and a[2] < b[2] + b[4] and b[2] < a[2] + a[4]]
    assert overlaps == []
    assert problems == []
    page.close()
