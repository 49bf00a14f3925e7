"""build_report: load, :func:`~.analyse.analyse`, then draw the charts and run the writers."""

from __future__ import annotations

import glob
import logging
import os
import shutil
import tempfile
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..corpus import BUNDLED_CORPUS, BUNDLED_SPEECH, Corpus, Document, load_corpus, read_document
from ..errors import InputError
from ..tokenize import Tokenizer
from ._paths import safe_part
from .analyse import BriefingResult
from .charts import CHARTS, draw_charts
from .findings import findings
from .options import BriefingOptions
from .resultcache import cached_analyse
from .write_csv import relative_paths, tables, write_csv
from .write_markdown import write_markdown
from .write_pptx import write_pptx
from .write_xlsx import write_xlsx
from .write_html import write_html

__all__ = ["build_report", "Report", "FORMATS", "DEFAULT_FORMATS"]

logger = logging.getLogger(__name__)

FORMATS = ("png", "svg", "csv", "xlsx", "md", "pptx", "html")
DEFAULT_FORMATS = ("png", "csv", "xlsx", "md", "pptx", "html")
"""What ``textmine report`` writes when not told: every format but SVG. The SVG copies of the
charts (vector, editable in PowerPoint) cost as much to draw as the PNGs and are written when
``"svg"`` is asked for; briefing.html embeds the PNG then."""


@dataclass
class Report:
    """What :func:`build_report` wrote and found.

    Attributes
    ----------
    out_dir : Path
    formats : set of str
        What was asked for (png, svg, csv, xlsx, md, pptx, html).
    files : list of Path
        Every file written, in order.
    findings : list of str
        The key findings, in Chinese (also in briefing.md and on the findings slide).
    charts : dict
        Chart name → (title, takeaway, list of image paths).
    skipped : list of str
        Charts or tables that could not be made, and why (e.g. no ``year`` metadata), and the
        corpus files skipped (``corpus file <path>: <why>``, the path from the corpus root).
    tables : dict
        CSV name → the table (also when no CSV was asked for).
    result : BriefingResult or None
        Everything the analyses found (see :func:`~textmine.report.analyse`).
    """

    out_dir: Path
    formats: set[str] = field(default_factory=lambda: set(FORMATS))
    files: list[Path] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    charts: dict[str, tuple[str, str, list[Path]]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    result: BriefingResult | None = None

    def summary(self) -> str:
        """A short, human-readable summary of the pack."""
        kinds: dict[str, int] = {}
        for f in self.files:
            kinds[f.suffix.lstrip(".")] = kinds.get(f.suffix.lstrip("."), 0) + 1
        parts = ", ".join(f"{n} {k.upper()}" for k, n in sorted(kinds.items()))
        lines = [f"wrote {len(self.files)} files to {self.out_dir}: {parts}"]
        lines += [f"  skipped: {s}" for s in self.skipped]
        return "\n".join(lines)


def _load_speech(speech: Document | str | Path | None, meta: dict[str, Any] | None = None) -> Document:
    if speech is None:
        speech = BUNDLED_SPEECH
    if isinstance(speech, (str, Path)):
        p = Path(speech)
        if p.is_dir():
            raise InputError(f"speech {p} is a folder; expected one speech file (.txt, .md, .docx)")
        speech = read_document(p)  # with its row of a metadata.csv beside it, if any
    if not isinstance(speech, Document):
        raise InputError(f"speech is a {type(speech).__name__}; expected a path or a Document")
    if meta:  # --title/--area/--year/--level: coerced like every metadata source
        speech = speech.with_meta(**meta)
    return speech


def _load_corpus(corpus: Corpus | str | Path | Sequence[str | Path] | None, **options: Any) -> Corpus:
    if corpus is None:
        corpus = BUNDLED_CORPUS
    return corpus if isinstance(corpus, Corpus) else load_corpus(corpus, **options)


def _options(options: BriefingOptions | None, top: int | None, k: int | None,
             random_state: int | None) -> BriefingOptions:
    o = options if options is not None else BriefingOptions()
    if not isinstance(o, BriefingOptions):
        raise InputError(f"options is a {type(o).__name__}; expected a BriefingOptions")
    if top is not None:
        if isinstance(top, bool) or not isinstance(top, int) or top < 1:
            raise InputError(f"top={top!r}: expected a whole number >= 1")
        warnings.warn("build_report(top=N) is deprecated; use options=BriefingOptions(top_terms=N, "
                      "keyness_terms=N, similar_documents=N)", DeprecationWarning, stacklevel=3)
        o = o.replace(top_terms=top, keyness_terms=top, similar_documents=top)
    if k is not None:
        o = o.replace(k=k)
    if random_state is not None:
        o = o.replace(random_state=random_state)
    return o


def build_report(speech: Document | str | Path | None = None, corpus: Corpus | str | Path | None = None, *,
                 out_dir: str | Path = "out", formats: Sequence[str] = DEFAULT_FORMATS, top: int | None = None,
                 k: int | None = None, random_state: int | None = None, tokenizer: Tokenizer | None = None,
                 progress: bool = True, options: BriefingOptions | None = None, on_error: str = "raise",
                 text_column: str | None = None, speech_meta: dict[str, Any] | None = None) -> Report:
    """Analyse a speech against a corpus and write the briefing pack to ``out_dir/<speech doc_id>/``.

    The pack is written to a hidden folder beside it and moved into place when complete:
    a failed or interrupted run leaves no half pack, and a re-run replaces the earlier pack
    wholly (no stale files from a run with other formats).

    The pack: every chart (PNG and/or SVG, 16:9, deterministic bytes); every table as
    CSV in UTF-8 with a BOM; ``briefing.md`` (the key findings in Chinese, numbers taken
    from the analyses, charts embedded); ``briefing.pptx`` (a title slide, a findings
    slide, one chart per slide with a one-line takeaway); ``briefing.html`` (one self-contained
    page: the charts embedded, a term explorer of the speech against the corpus, a search
    box, sortable tables; no server or network needed).

    Parameters
    ----------
    speech : Document or path, optional
        Default: the bundled speech.
    corpus : Corpus or path, optional
        A folder, file or Corpus. Default: the bundled corpus. A corpus document with the
        speech's doc_id is left out of the comparisons. A Corpus given is not changed
        (its ``log`` included).
    out_dir : path
        The pack goes to ``out_dir/<speech doc_id>/`` (the doc_id made safe as a folder name:
        a slug plus a short hash when it had to change, so nothing is written outside ``out_dir``).
    formats : sequence of {"png", "svg", "csv", "xlsx", "md", "pptx", "html"}
        ``xlsx``: ``briefing.xlsx``, every table with Chinese headers and a 说明 (column guide) sheet.
    top : int, optional
        Deprecated: sets ``top_terms``, ``keyness_terms`` and ``similar_documents`` of
        ``options`` to this number.
    k : int, optional
        Number of topics (``options.k``); default: the most coherent of 8–14 (NPMI).
    random_state : int, optional
        Seed of the topic model, word clouds and network layout (``options.random_state``, default 0).
    tokenizer : Tokenizer, optional
    progress : bool
        Show progress bars (tqdm).
    options : BriefingOptions, optional
        How many rows each table and chart shows (see :class:`BriefingOptions`);
        ``k`` and ``random_state``, when given, override its fields.
    on_error : {"raise", "skip"}
        A corpus file that cannot be read: raise its error, or skip it (listed in ``skipped``
        and ``ingest_log.csv``); see :func:`textmine.load_corpus`.
    text_column : str, optional
        The text column of table corpora (default: found automatically).
    speech_meta : dict, optional
        Metadata of the speech (``title``, ``policy_area``, ``year``, ``level`` …) that override
        its own, e.g. a policy area for the same-area comparison.

    Returns
    -------
    Report
    """
    formats = [formats] if isinstance(formats, str) else list(formats)
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise InputError(f"formats={formats!r}: expected some of {', '.join(FORMATS)}")
    opts = _options(options, top, k, random_state)
    if "md" in formats and not {"png", "svg"} & set(formats):
        logger.info("briefing.md will have no images: neither png nor svg was asked for")
    doc = _load_speech(speech, speech_meta)
    reference = _load_corpus(corpus, on_error=on_error, text_column=text_column)
    # a report on inputs analysed before takes the stored result (TEXTMINE_FILE_CACHE=0: never)
    result = cached_analyse(doc, reference, options=opts, tokenizer=tokenizer, progress=progress)

    out = Path(out_dir) / safe_part(result.cleaned.doc_id)  # a doc_id from metadata.csv is user input
    staging = _staging_folder(out)
    try:
        report = _write_pack(result, staging, formats, progress)
        _move_into_place(staging, out)
    except OSError as err:  # disk full, read-only, quota: the message names where
        shutil.rmtree(staging, ignore_errors=True)
        raise _write_error(err, out) from err
    except BaseException:  # Ctrl-C included: a failed run leaves no half pack
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return _relocated(report, staging, out)


def _write_error(err: OSError, out: Path) -> OSError:
    """``err`` again (same errno, so the same OSError subclass), its message naming the pack and the file."""
    where = f" (writing {err.filename})" if err.filename else ""
    return OSError(err.errno, f"cannot write the pack to {out}: {err.strerror or err}{where}")


def _staging_folder(out: Path) -> Path:
    """A fresh hidden folder beside ``out`` (same file system, so the final move is a rename)."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(out)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-{os.getpid()}-", dir=out.parent))
    except OSError as err:
        raise InputError(f"cannot write the pack under {out.parent}: {err.strerror or err}") from err
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; the pack gets the usual permissions
    return staging


def _pid_alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would send Ctrl-C there: never remove on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):  # alive but not ours, or cannot tell: keep its folder
        return True
    return True


def _remove_stale(out: Path) -> None:
    """Remove the staging (and set-aside) folders of earlier runs into ``out`` that were killed.

    Their names carry the pid of the run that made them (``.<name>.partial-<pid>-…``,
    ``.<name>.old-<pid>-…``); a folder whose process is still alive, such as a concurrent
    run's, is left alone.
    """
    for kind in ("partial", "old"):
        for p in out.parent.glob(f".{glob.escape(out.name)}.{kind}-*"):
            pid = p.name[len(f".{out.name}.{kind}-"):].split("-", 1)[0]
            if pid.isdigit() and int(pid) != os.getpid() and not _pid_alive(int(pid)) and p.is_dir() \
                    and not p.is_symlink():
                logger.info("removing %s, left by a run that was killed", p)
                shutil.rmtree(p, ignore_errors=True)


def _move_into_place(staging: Path, out: Path) -> None:
    """Replace ``out`` (a pack of an earlier run, if any) by ``staging`` wholly: no stale files stay."""
    old = None
    if out.exists() or out.is_symlink():
        old = out.with_name(f".{out.name}.old-{os.getpid()}-{time.monotonic_ns()}")
        out.rename(old)
    try:
        staging.rename(out)
    except OSError:
        if old is not None:  # the earlier pack comes back rather than nothing
            old.rename(out)
        raise
    if old is not None:
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink()


def _relocated(report: Report, staging: Path, out: Path) -> Report:
    """The report with every path moved from the staging folder to ``out``."""
    def move(p: Path) -> Path:
        return out / p.relative_to(staging)

    report.out_dir = out
    report.files = [move(p) for p in report.files]
    report.charts = {k: (t, w, [move(p) for p in ps]) for k, (t, w, ps) in report.charts.items()}
    return report


def _write_pack(result: BriefingResult, out: Path, formats: list[str], progress: bool) -> Report:
    report = Report(out, formats=set(formats), result=result, tables=tables(result))
    log = relative_paths(result.ingest_log)  # as in ingest_log.csv: paths from the corpus root
    report.skipped += [f"corpus file {p}: {why}" for p, why in zip(log.path[log.status == "skipped"],
                                                                   log.reason[log.status == "skipped"])]
    charted = {spec.table for spec in CHARTS}
    report.skipped += [f"{name}: {why}" for name, why in result.unavailable.items() if name not in charted]
    tabled: list[Path] = []

    def meanwhile() -> None:  # needs no chart: done while the chart workers draw
        if "csv" in formats:
            tabled.extend(write_csv(result, out))
        if "xlsx" in formats:
            tabled.append(write_xlsx(result, out))
        report.findings = findings(result)

    report.charts, skipped = draw_charts(result, out, formats=formats, progress=progress, meanwhile=meanwhile)
    report.files += tabled
    report.files += [p for _, _, paths in report.charts.values() for p in paths]
    report.skipped += skipped
    if "md" in formats:
        report.files.append(write_markdown(result, report))
    if "pptx" in formats:
        report.files.append(write_pptx(result, report))
    if "html" in formats:  # briefing.html: self-contained, charts embedded (drawn in memory without png/svg)
        report.files.append(write_html(result, report))
    return report
