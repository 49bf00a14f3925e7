"""The bundled data: the seed speech and the synthetic reference corpus (paths from the package)."""

from __future__ import annotations

from pathlib import Path

from .._bundled import _bundled_path
from .document import Corpus, Document
from .load import load_corpus, read_document

__all__ = ["PROJECT_DIR", "DATA_DIR", "BUNDLED_SPEECH", "BUNDLED_CORPUS", "bundled_speech", "bundled_corpus"]

#: The project folder (paths come from the package, never the working directory).
PROJECT_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = _bundled_path()  # data/ of a clone, or its copy inside the installed package
BUNDLED_SPEECH = DATA_DIR / "speeches" / "xshi_jindu_2021_video-conference.txt"
BUNDLED_CORPUS = DATA_DIR / "corpus"


def bundled_speech() -> Document:
    """The bundled speech (在全市禁毒工作视频会议上的讲话, X市, 2021), raw, with its metadata."""
    if not BUNDLED_SPEECH.is_file():
        raise FileNotFoundError(
            f"bundled speech not found at {BUNDLED_SPEECH}; the installation is incomplete: "
            "reinstall textmine (pip install textmine, or pip install -e . in a clone)")
    return read_document(BUNDLED_SPEECH)  # its metadata.csv row is picked up


def bundled_corpus() -> Corpus:
    """The bundled synthetic reference corpus of work-conference speeches (``data/corpus``)."""
    if not BUNDLED_CORPUS.is_dir():
        raise FileNotFoundError(f"bundled corpus not found at {BUNDLED_CORPUS}")
    return load_corpus(BUNDLED_CORPUS)
