"""Per-document work in worker processes: the same results, in the same order, as the loop in this process."""

from __future__ import annotations

import os
import signal

import pandas as pd
import pytest

import textmine as tm
from textmine import _workers


def _square_or_fail(x: int) -> int:
    if x == 13:
        raise ValueError("第13项无法处理")
    return x * x


def _pid(_x: int) -> int:
    return os.getpid()


def test_results_come_back_in_order_from_several_workers(monkeypatch):
    monkeypatch.setattr(_workers, "_cpus", lambda: 2)
    monkeypatch.delenv("TEXTMINE_WORKERS", raising=False)
    assert _workers.map_documents(_square_or_fail, list(range(12)), min_items=2) == [x * x for x in range(12)]
    pids = set(_workers.map_documents(_pid, list(range(40)), min_items=2))
    assert os.getpid() not in pids and len(pids) >= 1


def test_small_inputs_and_one_worker_stay_in_this_process(monkeypatch):
    monkeypatch.setattr(_workers, "_cpus", lambda: 2)
    assert set(_workers.map_documents(_pid, [1, 2, 3])) == {os.getpid()}  # fewer than MIN_DOCUMENTS
    monkeypatch.setenv("TEXTMINE_WORKERS", "1")
    assert set(_workers.map_documents(_pid, list(range(300)))) == {os.getpid()}


def test_an_error_in_a_worker_is_raised_here(monkeypatch):
    monkeypatch.setattr(_workers, "_cpus", lambda: 2)
    monkeypatch.delenv("TEXTMINE_WORKERS", raising=False)
    with pytest.raises(ValueError, match="第13项无法处理"):
        _workers.map_documents(_square_or_fail, list(range(20)), min_items=2)


def test_workers_that_cannot_start_leave_the_work_to_this_process(monkeypatch):
    import concurrent.futures

    class NoPool:
        def __init__(self, *a, **k):
            raise OSError("进程数已达上限")

    monkeypatch.setattr(_workers, "_cpus", lambda: 2)
    monkeypatch.delenv("TEXTMINE_WORKERS", raising=False)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", NoPool)
    assert _workers.map_documents(_square_or_fail, [1, 2, 3], min_items=2) == [1, 4, 9]


@pytest.mark.slow
def test_strength_and_textstats_of_a_corpus_are_the_same_in_workers(monkeypatch):
    from textmine.strength import strength_profile
    from textmine.textstats import textstats

    corpus = tm.clean(tm.bundled_corpus())
    speech = tm.clean(tm.bundled_speech())
    monkeypatch.setenv("TEXTMINE_WORKERS", "1")
    sp1, ts1 = strength_profile(speech, corpus), textstats(corpus)
    monkeypatch.setenv("TEXTMINE_WORKERS", "2")
    monkeypatch.setattr(_workers, "MIN_DOCUMENTS", 2)
    monkeypatch.setattr(_workers, "_cpus", lambda: 2)
    pd.testing.assert_frame_equal(strength_profile(speech, corpus), sp1)
    pd.testing.assert_frame_equal(textstats(corpus), ts1)


# --- aside: one call in a forked worker while this process goes on ---------------------------

def _die_in_a_worker(parent: int) -> str:
    if os.getpid() != parent:
        os._exit(3)  # the worker dies without a word
    return "在本进程完成"


def _unpicklable(_x: int):
    return lambda: "无法序列化"


@pytest.fixture
def two_cpus(monkeypatch):
    monkeypatch.setattr(_workers, "_cpus", lambda: 2)
    monkeypatch.delenv("TEXTMINE_WORKERS", raising=False)
    monkeypatch.setattr(_workers, "start_method", lambda: "fork")  # the test runner's own threads aside


def test_aside_runs_the_call_in_another_process(two_cpus):
    wait = _workers.aside(_pid, 0)
    assert wait() != os.getpid()
    assert _workers.aside(_square_or_fail, 12)() == 144


def test_aside_raises_the_exception_of_its_worker(two_cpus):
    wait = _workers.aside(_square_or_fail, 13)
    with pytest.raises(ValueError, match="第13项无法处理") as raised:
        wait()
    assert isinstance(raised.value.__cause__, _workers._RemoteTraceback)  # the worker's traceback
    assert "_square_or_fail" in str(raised.value.__cause__) and "第13项无法处理" in str(raised.value.__cause__)


class _TwoPartError(Exception):
    """Pickles, but does not unpickle: ``args`` holds one part and ``__init__`` wants two."""

    def __init__(self, part: str, where: int) -> None:
        super().__init__(f"{part}（第{where}段）")


def _fail_unpicklably(pid: int) -> None:
    raise _TwoPartError("目标表述不完整", 3 if os.getpid() != pid else 4)


def test_aside_whose_exception_does_not_unpickle_raises_it_from_this_process(two_cpus):
    with pytest.raises(_TwoPartError, match=r"目标表述不完整（第4段）"):  # 4: called again here
        _workers.aside(_fail_unpicklably, os.getpid())()


def test_aside_with_one_worker_or_no_fork_runs_here(two_cpus, monkeypatch):
    monkeypatch.setenv("TEXTMINE_WORKERS", "1")
    assert _workers.aside(_pid, 0)() == os.getpid()
    monkeypatch.delenv("TEXTMINE_WORKERS")
    monkeypatch.setattr(_workers, "start_method", lambda: "spawn")
    assert _workers.aside(_pid, 0)() == os.getpid()


def test_aside_whose_worker_dies_or_cannot_send_runs_the_call_here(two_cpus):
    assert _workers.aside(_die_in_a_worker, os.getpid())() == "在本进程完成"
    assert _workers.aside(_unpicklable, 0)()() == "无法序列化"


def _in_a_daemon(send) -> None:
    import textmine as tm_

    checks = {"aside": _workers.aside(_pid, 0)() == os.getpid(),
              "map_documents": set(_workers.map_documents(_pid, list(range(300)), min_items=2)) == {os.getpid()},
              "chart_workers": tm_.report.render.chart_workers(18) == 1}
    send.send(checks)


def test_a_daemonic_process_starts_no_worker_and_does_the_work_itself(two_cpus):
    """A daemonic process (a multiprocessing.Pool's worker) may not start processes: textmine works in it."""
    import multiprocessing

    import textmine.report.render  # noqa: F401 — loaded before the fork

    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_in_a_daemon, args=(send,), daemon=True)
    proc.start()
    send.close()
    assert receive.recv() == {"aside": True, "map_documents": True, "chart_workers": True}
    proc.join()


def _sleep_long(_x: int) -> None:
    import time

    time.sleep(60)


def test_a_cancelled_aside_ends_its_worker(two_cpus):
    waiter = _workers.aside(_sleep_long, 0)
    proc = waiter._proc
    assert proc is not None and proc.is_alive()
    waiter.cancel()
    assert not proc.is_alive() and proc.exitcode == -signal.SIGTERM  # ended, not waited out
    waiter.cancel()  # a second time: nothing left to end



def test_an_interrupt_while_waiting_ends_the_worker(two_cpus):
    """A notebook's interrupt reaches this process only: the worker is ended, not waited out."""
    waiter = _workers.aside(_sleep_long, 0)
    proc = waiter._proc

    def interrupt(*_):
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.3)
        with pytest.raises(KeyboardInterrupt):
            waiter()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert not proc.is_alive() and proc.exitcode == -signal.SIGTERM
