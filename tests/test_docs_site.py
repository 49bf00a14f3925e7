"""The documentation site: it builds in strict mode (a broken link, anchor or API reference fails the
suite), and its guide to the output files names every file and column that `textmine report` writes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import textmine as tm

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "docs" / "outputs.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    pytest.importorskip("mkdocs", reason="mkdocs is not installed (pip install -e .[docs]; make test installs it)")
    pytest.importorskip("mkdocstrings", reason="mkdocstrings is not installed (pip install -e .[docs])")
    out = tmp_path_factory.mktemp("site")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], cwd=ROOT,
                         capture_output=True, text=True, encoding="utf-8",
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 0, run.stderr[-4000:]
    return out


@pytest.mark.slow
def test_the_site_builds_strict_with_the_tutorial_the_output_guide_and_the_api_reference(site):
    for page in ("index.html", "tutorial/index.html", "outputs/index.html", "api/index.html"):
        assert (site / page).is_file(), page
    tutorial = (site / "tutorial" / "index.html").read_text(encoding="utf-8")
    assert "十分钟" in tutorial and "log ratio" in tutorial and "G²" in tutorial and 'id="keyness"' in tutorial
    api = {p.parent.name: p.read_text(encoding="utf-8") for p in (site / "api").glob("*/index.html")}
    assert 'id="textmine.keyness.keyness"' in api["analyses"] and 'id="textmine.compare.text_reuse"' in api["analyses"]
    assert 'id="textmine.structure.outline"' in api["structure"] and 'id="textmine.plots.plot_keyness"' in api["plots"]
    assert 'id="textmine.report.build_report"' in api["report"] and 'id="textmine.corpus.load_corpus"' in api["read"]
    # numpydoc sections are parsed (rendered as 参数/返回 sections), not shown as raw underlines
    assert "doc-section-title\">参数" in api["analyses"] and "----------" not in api["analyses"]
    # the overview's links resolved to the reference pages
    assert 'href="analyses/#textmine.keyness.keyness"' in (site / "api" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_output_guide_names_every_file_and_column_the_report_writes(tmp_path):
    report = tm.build_report(out_dir=tmp_path, formats=["csv"], progress=False)
    csvs = sorted(report.out_dir.glob("*.csv"))
    assert len(csvs) >= 15
    missing = []
    for path in csvs:
        if f"`{path.name}`" not in GUIDE:
            missing.append(path.name)
        missing += [f"{path.name}:{c}" for c in pd.read_csv(path, nrows=0).columns
                    if not re.search(rf"`{re.escape(c)}`|`[^`]*\b{re.escape(c)}\b[^`]*`", GUIDE)]
    assert missing == []


def test_the_guide_names_each_chart_and_the_briefing_files():
    for name in ("top_terms", "wordcloud", "comparison_cloud", "keyness", "topic_shares", "similar", "outline_map",
                 "dispersion", "section_heatmap", "cooccurrence", "duties", "topic_trend"):
        assert f"`{name}`" in GUIDE, name
    assert "`briefing.md`" in GUIDE and "`briefing.pptx`" in GUIDE


def test_the_api_overview_lists_every_public_name():
    overview = (ROOT / "docs" / "api" / "index.md").read_text(encoding="utf-8")
    missing = [n for n in tm.__all__ if not n.startswith("__") and f"`{n}`" not in overview]
    assert missing == []
