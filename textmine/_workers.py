"""Per-document work of a large corpus in worker processes (the strength profile, text statistics).

Each document's result depends on that document only, so the documents are split into
contiguous chunks, each chunk is done by a worker, and the results come back in order: the
same list as a loop in this process. A corpus of fewer than :data:`MIN_DOCUMENTS` documents,
one usable CPU, or ``TEXTMINE_WORKERS=1`` runs the loop here; so does a chunk whose worker
died or could not start. Workers are forked on Linux when this process runs one thread
(they inherit the loaded modules), otherwise spawned.

:func:`aside` runs one call in a forked worker while this process goes on with other work
(the report's search over the number of topics, beside the structure and keyness).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

__all__ = ["map_documents", "aside", "Aside", "MIN_DOCUMENTS"]

logger = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

MIN_DOCUMENTS = 200
"""Fewer documents are done in this process: starting workers and sending the texts costs more."""
MAX_WORKERS = 4
_CHUNKS_PER_WORKER = 4  # several chunks each, so that a worker given long documents does not finish last alone


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def in_daemon() -> bool:
    """Whether this process is a daemonic worker (a multiprocessing.Pool's): it may start no process."""
    import multiprocessing

    return bool(multiprocessing.current_process().daemon)


def _workers(n_items: int, min_items: int) -> int:
    if in_daemon():
        return 1
    env = os.environ.get("TEXTMINE_WORKERS", "").strip()
    if env.isdigit() and int(env) >= 1:
        n = int(env)
    else:
        n = min(_cpus(), MAX_WORKERS)
    return 1 if n_items < min_items else max(1, min(n, n_items))


_HARMLESS_THREADS = ("TMonitor",)
"""Threads a forked worker may leave behind: tqdm's monitor (it only wakes to refresh bars)."""


def start_method() -> str:
    """``"fork"`` on Linux when this process runs no other thread, else ``"spawn"``.

    fork is safe then: no other thread's locks can be inherited held, and the workers (textmine's
    per-document work, matplotlib's Agg canvas) need no GUI.
    """
    others = [t for t in threading.enumerate()
              if t is not threading.main_thread() and type(t).__name__ not in _HARMLESS_THREADS]
    return "fork" if sys.platform.startswith("linux") and not others else "spawn"


def _context() -> Any:
    import multiprocessing

    return multiprocessing.get_context(start_method())


def _apply_chunk(fn: Callable[[Any], Any], chunk: list[Any]) -> list[Any]:
    return [fn(x) for x in chunk]


def map_documents(fn: Callable[[T], R], items: Sequence[T], *, min_items: int | None = None) -> list[R]:
    """``[fn(x) for x in items]``, in worker processes when there are at least ``min_items`` items
    (default :data:`MIN_DOCUMENTS`).

    ``fn`` must be picklable (a module-level function, or a functools.partial of one), and so
    must the items and the results. An exception raised by ``fn`` is raised here.
    """
    items = list(items)
    n = _workers(len(items), MIN_DOCUMENTS if min_items is None else min_items)
    if n == 1:
        return [fn(x) for x in items]
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = max(1, -(-len(items) // (n * _CHUNKS_PER_WORKER)))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    out: list[list[R] | None] = [None] * len(chunks)
    try:
        with ProcessPoolExecutor(max_workers=n, mp_context=_context()) as pool:
            futures = [pool.submit(_apply_chunk, fn, chunk) for chunk in chunks]
            for i, fut in enumerate(futures):
                out[i] = fut.result()
    except (BrokenProcessPool, OSError, NotImplementedError) as err:
        logger.info("worker processes failed (%s: %s); finishing in this process", type(err).__name__, err)
    for i, chunk in enumerate(chunks):
        if out[i] is None:
            out[i] = _apply_chunk(fn, chunk)
    return [r for part in out for r in part]  # type: ignore[union-attr]


def aside(fn: Callable[..., R], *args: Any, **kwargs: Any) -> Aside[R]:
    """Start ``fn(*args, **kwargs)`` in a forked worker process; return an :class:`Aside` that waits for it.

    Calling it gives ``fn``'s result, or raises the exception ``fn`` raised (its cause holds the
    worker's traceback, as in :mod:`multiprocessing.pool`). So this process can
    go on with other work while ``fn`` runs on another CPU. Where no worker is forked (one
    usable CPU, ``TEXTMINE_WORKERS=1``, not Linux, another thread running, a daemonic process),
    or the worker dies or cannot send its result back (or sends one, or an exception, that does not
    unpickle here), ``fn`` is called then, in this process:
    the result is the same either way. ``.cancel()`` ends a worker whose result is not wanted
    (this process met an error before waiting for it).

    The worker is daemonic (it ends with this process, even if nobody waits for it), so ``fn``
    must not start processes of its own. It touches no file: the inherited connections of this
    process (the token cache's SQLite file) must not be used in it.
    """
    import functools

    here = functools.partial(fn, *args, **kwargs)
    if _workers(2, 2) < 2 or start_method() != "fork":
        return Aside(here)
    import multiprocessing

    started = _start_worker(multiprocessing.get_context("fork"), here)
    return Aside(here) if started is None else Aside(here, *started)


def _start_worker(ctx: Any, call: Callable[[], Any]) -> tuple[Any, Any] | None:
    """A daemonic process of ``ctx`` running ``call`` (:func:`_run_aside`), and the end of its pipe that
    gets ``("ok", result, "")``, ``("raise", exception, traceback)`` or ``("lost", why, "")``; None (and
    nothing left open) when no pipe or process can be had, so that the caller runs ``call`` itself."""
    try:
        receive, send = ctx.Pipe(duplex=False)
    except OSError as err:  # out of file descriptors
        logger.info("no pipe for %s (%s); it runs in this process", _name(call), err)
        return None
    try:
        proc = ctx.Process(target=_run_aside, args=(send, call), daemon=True)
        proc.start()
    except OSError as err:
        logger.info("no worker process for %s (%s); it runs in this process", _name(call), err)
        receive.close()
        send.close()
        return None
    send.close()  # this end is the worker's: the pipe reports EOF if the worker dies
    return proc, receive


class Aside(Generic[R]):
    """A call started by :func:`aside`: call it for the result, or :meth:`cancel` it."""

    def __init__(self, here: Callable[[], R], proc: Any = None, receive: Any = None) -> None:
        self._here, self._proc, self._receive = here, proc, receive

    def __call__(self) -> R:
        if self._proc is None:
            return self._here()
        remote = ""
        try:
            kind, value, remote = self._receive.recv()
        except Exception as err:  # noqa: BLE001 — a dead worker (EOFError), or a result or exception
            kind, value = "lost", f"{type(err).__name__}: {err}"  # that pickles but does not unpickle
        except BaseException:
            # interrupted while waiting (a notebook's interrupt reaches this process only): the result
            # is not wanted, so the worker is ended rather than waited out
            self._end(terminate=True)
            raise
        self._end(terminate=False)
        if kind == "ok":
            return value
        if kind == "raise":
            raise value from _RemoteTraceback(remote)
        logger.info("the worker of %s sent no result (%s); it runs in this process", _name(self._here), value)
        return self._here()

    def cancel(self) -> None:
        """End the worker without waiting for its result (nothing happens when none runs)."""
        if self._proc is not None:
            self._end(terminate=True)

    def _end(self, *, terminate: bool) -> None:
        proc, self._proc = self._proc, None
        if terminate:  # before closing the pipe: a worker still sending would meet a broken pipe
            proc.terminate()
        self._receive.close()
        proc.join()


def _name(fn: Callable[..., Any]) -> str:
    fn = getattr(fn, "func", fn)  # a functools.partial: the function's own name
    return getattr(fn, "__qualname__", repr(fn))


class _RemoteTraceback(Exception):
    """The traceback of an exception raised in an :func:`aside` worker (its own is lost in pickling)."""

    def __str__(self) -> str:
        return f"\n\"\"\"\n{self.args[0] if self.args else ''}\"\"\""


def _run_aside(send: Any, call: Callable[[], Any]) -> None:
    import traceback

    try:
        out: tuple[str, Any, str] = ("ok", call(), "")
    except BaseException as err:  # noqa: BLE001 — raised again in the process that waits for it
        out = ("raise", err, traceback.format_exc())
    try:
        send.send(out)
    except Exception as err:  # noqa: BLE001 — an unpicklable result: the waiting process computes it
        send.send(("lost", f"{type(err).__name__}: {err}", ""))
    finally:
        send.close()
