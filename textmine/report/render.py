"""Drawing and saving the briefing's charts, in worker processes when more than one CPU is free.

Each chart is one job: the main process reads the chart's table and keyword arguments from
the :class:`~.analyse.BriefingResult` (:func:`.charts.chart_input`), a worker draws it with its
:mod:`textmine.plots` function and saves it (:func:`~textmine.plots.save_figure`). The files
are byte-identical to a serial run: every worker runs the same code on the same table, the
house font and rc settings are set once per worker (:func:`_init_worker`), and each figure
applies its own style.

The number of workers is ``workers``, else the environment variable ``TEXTMINE_WORKERS``,
else the CPUs this process may use (at most :data:`MAX_WORKERS`). One worker, one CPU or
one chart draws in the main process; so does every chart left when the workers cannot be
started or die (a broken pool), so the report is still written. A chart that fails in a
worker is reported just as in the main process: ``chart <name>: <why>`` in ``skipped``.

Workers are forked on Linux when the process runs a single thread (they inherit the loaded
modules and font, and start in milliseconds); otherwise they are spawned.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

from .._workers import _cpus
from .._workers import in_daemon as _in_daemon
from .._workers import start_method as _start_method
from ..errors import InputError

__all__ = ["render_charts", "chart_workers", "parallel_map", "MAX_WORKERS", "WORKERS_ENV"]

logger = logging.getLogger(__name__)

MAX_WORKERS = 4
"""At most this many worker processes (the briefing has about twenty charts)."""
WORKERS_ENV = "TEXTMINE_WORKERS"
"""Environment variable: the number of chart workers (1: draw in the main process)."""

StartMethod = Literal["fork", "forkserver", "spawn"]
T = TypeVar("T")
R = TypeVar("R")


def chart_workers(n_jobs: int, workers: int | None = None) -> int:
    """The worker processes to use for ``n_jobs`` jobs (1: run them in this process).

    Parameters
    ----------
    n_jobs : int
    workers : int, optional
        Asked for; default: ``$TEXTMINE_WORKERS``, else the CPUs usable (at most :data:`MAX_WORKERS`).

    Returns
    -------
    int
        At least 1, at most ``n_jobs``.

    Raises
    ------
    InputError
        ``workers`` or ``$TEXTMINE_WORKERS`` is not a whole number >= 1.
    """
    if workers is None:
        env = os.environ.get(WORKERS_ENV, "").strip()
        if env:
            if not env.isdigit() or int(env) < 1:
                raise InputError(f"{WORKERS_ENV}={env!r}: expected a whole number >= 1 (1: no worker processes)")
            workers = int(env)
        else:
            workers = min(_cpus(), MAX_WORKERS)
    elif isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise InputError(f"workers={workers!r}: expected a whole number >= 1 (1: no worker processes)")
    if _in_daemon():  # a daemonic process (a Pool's worker) may start no process: draw here
        return 1
    return max(1, min(workers, n_jobs))


def _init_worker() -> None:
    """Once per worker: the Agg backend, the plotting modules and the house font (as the main process has)."""
    import matplotlib

    matplotlib.use("Agg")
    _load_plots()


def _load_plots() -> None:
    """Import the plotting modules and find the house font; the backend is left as it is (a notebook's)."""
    from ..plots import cjk_font

    cjk_font()


def _pool(n: int, start_method: StartMethod | None) -> ProcessPoolExecutor:
    import multiprocessing

    method = start_method or _start_method()
    if method == "fork":
        # Load matplotlib and the font here once: every forked worker inherits them, instead of
        # each importing them (about 1.4 s apiece), and this process needs the font for the deck.
        _load_plots()
    ctx = multiprocessing.get_context(method)
    return ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_init_worker)


def parallel_map(fn: Callable[[T], R], items: Iterable[T], *, workers: int | None = None,
                 start_method: StartMethod | None = None) -> list[R]:
    """``[fn(x) for x in items]``, in worker processes when there are more than one CPU and item.

    ``fn`` must be a module-level function (picklable). Items left when the workers cannot be
    started or die are done in this process; an exception raised by ``fn`` is raised here.
    """
    items = list(items)
    n = chart_workers(len(items), workers)
    if n == 1:
        return [fn(x) for x in items]
    out: list[Any] = [None] * len(items)
    done = [False] * len(items)
    try:
        with _pool(n, start_method) as pool:
            futures = [pool.submit(fn, x) for x in items]
            for i, fut in enumerate(futures):
                out[i], done[i] = fut.result(), True
    except (BrokenProcessPool, OSError, NotImplementedError) as err:
        logger.info("worker processes failed (%s: %s); finishing in this process", type(err).__name__, err)
    for i, x in enumerate(items):
        if not done[i]:
            out[i] = fn(x)
    return out


# ---------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Job:
    name: str
    plot: str
    table: Any
    kwargs: dict[str, Any]
    note: str
    base: Path
    formats: tuple[str, ...]
    dpi: float
    deck: tuple[Path, bytes] | None = None  # (cache folder, _deckpng.salt()): store the PNG's deck copy there


def _draw(job: _Job) -> tuple[str, Any]:
    """Draw and save one chart: ("ok", paths), ("input", message), ("error", "Type: message"),
    or ("raise", the OSError) for a disk error (:data:`.charts._DISK_ERRORS`), which stops the run."""
    from .. import plots
    from ..plots._save import _save
    from .charts import _DISK_ERRORS, annotate

    try:
        fig = annotate(getattr(plots, job.plot)(job.table, **job.kwargs), job.note)
        paths: list[Path] = []
        rgb = None
        if job.formats:  # save_figure, keeping the PNG's pixels for the deck's copy
            paths, rgb = _save(fig, job.base, list(job.formats), job.dpi)
        if job.deck is not None:
            _store_deck_picture(job, paths, rgb)
        return "ok", paths
    except InputError as err:
        return "input", str(err)
    except OSError as err:
        if err.errno in _DISK_ERRORS:  # disk full, read-only: not this chart's fault, the pack cannot be written
            return "raise", err
        return "error", f"{type(err).__name__}: {err}"
    except Exception as err:  # one broken chart never takes the briefing down: it is reported instead
        return "error", f"{type(err).__name__}: {err}"


def _store_deck_picture(job: _Job, paths: list[Path], rgb: Any = None) -> None:
    """Palettise the chart's PNG for the deck while still in the worker, into the cache (see :mod:`._deckpng`).

    ``rgb``: the PNG's pixels as saved (an RGB PIL image), so that the file is not decoded again.
    """
    from . import _deckpng
    from .filecache import FileCache

    png = next((p for p in paths if p.suffix == ".png"), None)
    if png is None:
        return
    folder, salt = job.deck
    try:
        FileCache(folder).put_bytes(_deckpng.key(salt, png.read_bytes()), "png",
                                    _deckpng.palettised(png if rgb is None else rgb))
    except Exception as err:  # noqa: BLE001 — only time is lost: the deck palettises it itself
        logger.info("chart %s: deck picture not made in the worker (%s: %s)", job.name, type(err).__name__, err)


def render_charts(result: Any, out_dir: Path, *, formats: Sequence[str], progress: bool = False,
                  charts: Sequence[Any] | None = None, workers: int | None = None,
                  start_method: StartMethod | None = None, dpi: float = 200, cache: bool | None = None,
                  meanwhile: Callable[[], None] | None = None,
                  ) -> tuple[dict[str, tuple[str, str, list[Path]]], list[str]]:
    """Draw every chart and save it as ``out_dir/<name>.png`` / ``.svg`` (those of ``formats``).

    Parameters
    ----------
    result : BriefingResult
    out_dir : Path
    formats : sequence of str
        The image formats among them (png, svg) are written; with none, the charts are drawn only.
    progress : bool
    charts : sequence of ChartSpec, optional
        Default: :data:`.charts.CHARTS`.
    workers : int, optional
        Worker processes (see :func:`chart_workers`); 1 draws in this process.
    start_method : {"fork", "forkserver", "spawn"}, optional
        How workers start; default: fork on Linux in a single-threaded process, else spawn.
    dpi : float
    cache : bool, optional
        Copy a chart's files from the cache of rendered files (:mod:`.filecache`) when the same
        table was drawn by the same code before, and store the files of every chart drawn
        (with ``pptx`` among the formats, also the deck's palettised copy of each PNG drawn,
        made by the worker that drew it: see :mod:`._deckpng`).
        Default: on, unless ``TEXTMINE_FILE_CACHE=0``.
    meanwhile : callable, optional
        Called once in this process, with no argument, while the workers draw (when drawing
        serially: before the first chart), so that other work of the report overlaps the
        drawing. An exception it raises stops the workers and is raised here.

    Returns
    -------
    charts : dict
        Chart name → (title, takeaway, image paths) for each chart drawn, in chart order.
    skipped : list of str
        ``chart <name>: <why>`` for each chart that could not be drawn, in chart order.
    """
    from tqdm.auto import tqdm

    from .charts import CHARTS, chart_input

    specs = list(CHARTS if charts is None else charts)
    img_formats = tuple(f for f in ("png", "svg") if f in formats)
    outcome: dict[str, tuple[str, Any]] = {}
    jobs: list[tuple[Any, _Job]] = []
    for spec in specs:  # the tables and arguments are read here, so a worker needs no BriefingResult
        try:
            table, kwargs, note = chart_input(spec, result)
        except InputError as err:
            outcome[spec.name] = ("input", str(err))
            continue
        except Exception as err:  # noqa: BLE001 — reported like a failure to draw
            outcome[spec.name] = ("error", f"{type(err).__name__}: {err}")
            continue
        jobs.append((spec, _Job(spec.name, spec.plot, table, kwargs, note, Path(out_dir) / spec.name, img_formats,
                                 dpi)))

    bar = tqdm(total=len(specs), desc="charts", unit="chart", disable=not progress)
    bar.update(len(specs) - len(jobs))
    store = _file_cache(cache)
    if store is not None and "pptx" in formats and "png" in img_formats:
        from . import _deckpng

        deck = (store.folder, _deckpng.salt())
        jobs = [(spec, dataclasses.replace(job, deck=deck)) for spec, job in jobs]
    keys: dict[str, str] = {}
    if store is not None:
        for spec, job in jobs:
            key = _job_key(job)
            if key is None:
                continue
            keys[spec.name] = key
            hit = store.fetch(key, job.formats, job.base)
            if hit is not None:
                outcome[spec.name] = ("ok", hit)
                bar.update(1)
    todo = [(spec, job) for spec, job in jobs if spec.name not in outcome]
    n = chart_workers(len(todo), workers)
    pool, futures = None, {}
    if n > 1:
        try:
            pool = _pool(n, start_method)
            # the slowest charts first, so that no worker is left with a long one at the end
            futures = {job.name: pool.submit(_draw, job) for _, job in sorted(todo, key=lambda sj: _cost(sj[1].plot))}
        except (BrokenProcessPool, OSError, NotImplementedError) as err:
            _pool_failed(err)
    try:
        if meanwhile is not None:  # this process's own work while the workers draw (serially: before)
            meanwhile()
        for spec, _ in todo:
            if spec.name in futures:
                try:
                    outcome[spec.name] = futures[spec.name].result()
                    bar.update(1)
                except (BrokenProcessPool, OSError, NotImplementedError) as err:
                    _pool_failed(err)
                    futures = {}
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    for spec, job in todo:  # serial: one worker, or what the workers left
        if spec.name not in outcome:
            outcome[spec.name] = _draw(job)
            bar.update(1)
    bar.close()
    if store is not None:
        for spec, job in todo:
            kind, value = outcome[spec.name]
            if kind == "ok" and value and spec.name in keys:
                store.store(keys[spec.name], value)

    drawn: dict[str, tuple[str, str, list[Path]]] = {}
    skipped: list[str] = []
    for spec in specs:
        kind, value = outcome[spec.name]
        if kind == "raise":
            raise value
        try:
            if kind == "ok":
                drawn[spec.name] = (spec.title, spec.takeaway(result), value)
                continue
            if kind == "input":
                skipped.append(f"chart {spec.name}: {value}")
                continue
        except InputError as err:
            skipped.append(f"chart {spec.name}: {err}")
            continue
        except Exception as err:  # noqa: BLE001 — the takeaway failed: reported like a failure to draw
            value = f"{type(err).__name__}: {err}"
        logger.warning("chart %s could not be drawn: %s", spec.name, value)
        skipped.append(f"chart {spec.name}: 未能生成：{spec.title}（{value}）")
        for p in Path(out_dir).glob(f"{spec.name}.*"):  # no half-saved image left in the pack
            p.unlink()
    return drawn, skipped


def _pool_failed(err: BaseException) -> None:
    logger.warning("chart workers failed (%s: %s); drawing the remaining charts in this process",
                   type(err).__name__, err)


def _file_cache(cache: bool | None) -> Any:
    """The cache of rendered files: asked for (True), refused (False), or as the environment says (None)."""
    from .filecache import file_cache

    if cache is None:
        return file_cache()
    return file_cache(force=True) if cache else None


def _job_key(job: _Job) -> str | None:
    """The cache key of a chart's files (see :mod:`.filecache`), or None when its inputs cannot be digested."""
    from .. import plots
    from .filecache import code_fingerprint, digest, function_identity

    if not job.formats:
        return None
    try:
        return digest([code_fingerprint(), job.name, job.plot, function_identity(getattr(plots, job.plot)),
                       function_identity(plots.save_figure), job.table, job.kwargs, job.note, list(job.formats),
                       float(job.dpi)])
    except (TypeError, AttributeError) as err:  # an input of a new kind: drawn, not cached
        logger.info("chart %s: not cached (%s)", job.name, err)
        return None


_SLOW = ("plot_wordcloud", "plot_comparison_cloud")


def _cost(plot: str) -> int:
    """Sort key: the word clouds (several times slower than the other charts) first."""
    return 0 if plot in _SLOW else 1
