"""Shared fixtures. Tests never write outside tmp folders; the token cache goes to a tmp dir."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
GWR_DIR = CORPORA / "textworkshop17-gwr"
WIKI_DIR = CORPORA / "wikisource-gwr-cpc"
SHARED_REASON = f"needs the real work reports in {CORPORA} (absent in a user's clone)"

os.environ.setdefault("MPLBACKEND", "Agg")
# the cache of rendered charts would answer for monkeypatched plot functions: on only where it is tested
os.environ["TEXTMINE_FILE_CACHE"] = "0"
# make test already runs one test process per core (pytest-xdist), and worker processes started
# from a test process spawn (its runner thread rules out fork) at a cost of an import each:
# charts and per-document work stay in the test's own process, except in the tests of the workers
# themselves (tests/test_workers.py, tests/report/test_render.py), which set the count they test.
os.environ.setdefault("TEXTMINE_WORKERS", "1")


@pytest.fixture(scope="session", autouse=True)
def _token_cache(tmp_path_factory):
    """Keep the token cache out of the user's cache dir for the whole session."""
    old = os.environ.get("TEXTMINE_CACHE_DIR")
    os.environ["TEXTMINE_CACHE_DIR"] = str(tmp_path_factory.mktemp("token-cache"))
    yield
    if old is None:
        os.environ.pop("TEXTMINE_CACHE_DIR", None)
    else:
        os.environ["TEXTMINE_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def speech():
    import textmine as tm

    return tm.bundled_speech()


@pytest.fixture(scope="session")
def cleaned(speech):
    import textmine as tm

    return tm.clean(speech)


@pytest.fixture(scope="session")
def corpus():
    import textmine as tm

    return tm.bundled_corpus()


@pytest.fixture(scope="session")
def tokenizer():
    import textmine as tm

    return tm.Tokenizer()


def gwr_files() -> list[Path]:
    if not GWR_DIR.is_dir():
        pytest.skip(SHARED_REASON)
    return sorted(GWR_DIR.glob("*.txt"))


def wiki_records(name: str = "government_work_reports.jsonl") -> list[dict]:
    path = WIKI_DIR / name
    if not path.is_file():
        pytest.skip(SHARED_REASON)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def ccorpus(corpus):
    """The bundled corpus, cleaned."""
    import textmine as tm

    return tm.clean(corpus)


@pytest.fixture(scope="session")
def model(cleaned, ccorpus, tokenizer):
    """NMF topics on the corpus plus the speech (the report's settings)."""
    import textmine as tm

    dtm = tm.Dtm.from_corpus(ccorpus + cleaned, tokenizer=tokenizer).trim(min_df=2, max_df=0.5)
    return tm.fit_topics(dtm, 12, random_state=0)
