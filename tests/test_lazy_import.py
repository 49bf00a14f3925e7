"""``import textmine`` loads no heavy dependency; public names resolve on first use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_import_textmine_loads_neither_pandas_nor_jieba():
    out = _run("import sys, textmine; textmine.InputError; "
               "print(sorted(m for m in ('pandas', 'numpy', 'scipy', 'jieba', 'sklearn') if m in sys.modules))")
    assert out == "[]"


def test_help_loads_no_analysis_module():
    out = _run("import sys; from textmine.cli import _parser; _parser().format_help(); "
               "print(sorted(m for m in sys.modules if m.startswith('textmine.') and m not in "
               "('textmine.cli', 'textmine.errors')))")
    assert out == "[]"


def test_functions_named_like_their_module_stay_functions():
    out = _run("import textmine as tm, textmine.report.analyse, textmine.keyness, textmine.tone\n"
               "print([type(getattr(tm, n)).__name__ for n in ('clean', 'keyness', 'tone', 'codebook', "
               "'textstats', 'Dtm')])\n"
               "from textmine import clean; print(clean.__module__)")
    assert out.splitlines()[0] == "['function', 'function', 'function', 'function', 'function', 'type']"
    assert out.splitlines()[1].startswith("textmine.clean")
