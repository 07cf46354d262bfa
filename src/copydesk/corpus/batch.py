"""Many documents restored on all cores, resumably: ``copydesk batch``.

The local engine runs worker processes (pdfium, under the PDF reader, is not thread-safe,
and the restorer is pure Python: processes are what scale). The parent lists the inputs,
hands out small chunks, and journals every finished document (:mod:`copydesk.corpus.store`);
a document that fails, by its own fault or by killing its worker, gets an error row and the
batch goes on. ``engine="ray"`` runs the same restoration as a Ray Data pipeline
(:mod:`copydesk.corpus.ray_engine`).
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import resource
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from copydesk.corpus.inputs import Task, plan
from copydesk.corpus.restore import Options, Outcome, crashed, restore, warm_up
from copydesk.corpus.store import Journal, check_output, errors_path, finish
from copydesk.errors import OptionError
from copydesk.readers import DEFAULT_TIME_LIMIT
from copydesk.stages import STAGE_NAMES

ENGINES = ("local", "ray")
CHUNK = 8  # documents per hand-out: few enough to balance the workers, enough to amortize
AHEAD = 2  # chunks handed out per worker before one comes back: no worker waits for work

Report = Callable[[int, int], None]  # (documents done, of them failed) since the last call


@dataclass(frozen=True, slots=True)
class Summary:
    """What a batch did: the figures printed at its end."""

    total: int  # documents among the inputs
    done: int  # restored by this run
    failed: int  # recorded in the errors file by this run
    skipped: int  # found done by an earlier, interrupted run
    seconds: float
    workers: int
    engine: str
    out: Path
    errors: Path
    peak_worker_mb: float  # the largest peak resident memory of any one worker

    def __str__(self) -> str:
        rate = (self.done + self.failed) / self.seconds if self.seconds > 0 else 0.0
        memory = f", peak memory per worker {self.peak_worker_mb:.0f} MB" * (
            self.peak_worker_mb > 0
        )
        return (
            f"{self.done} done, {self.failed} failed, {self.skipped} skipped (done before)"
            f" of {self.total} in {self.seconds:.1f} s ({rate:.1f} documents/s,"
            f" {self.workers} {self.engine} workers{memory})\n"
            f"articles: {self.out}\nerrors:   {self.errors}"
        )


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def run_batch(
    inputs: Sequence[str],
    out: str | os.PathLike[str],
    *,
    workers: int | None = None,
    engine: str = "local",
    column: str | None = None,
    skip: Iterable[str] = (),
    time_limit: float | None = None,
    with_edits: bool = False,
    overwrite: bool = False,
    progress: bool = False,
    ray_address: str | None = None,
) -> Summary:
    """Restore every document of ``inputs`` into ``out`` (``.jsonl`` or ``.parquet``),
    with the failures in the errors file beside it (``out.errors.jsonl``).

    ``inputs`` are files, folders (searched for documents), globs, or JSONL/Parquet tables
    whose ``column`` (default ``text``, else ``path``) holds each document. Run again after
    an interruption, the same call finishes what is left. ``progress`` shows a progress bar
    on standard error.
    """
    out = Path(out)
    check_output(out)
    if engine not in ENGINES:
        raise OptionError(f"unknown engine {engine!r}: choose from {', '.join(ENGINES)}")
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise OptionError(f"--workers must be at least 1, not {workers}")
    unknown = set(skip) - set(STAGE_NAMES)
    if unknown:
        raise OptionError(f"unknown stage {', '.join(sorted(unknown))}: see copydesk clean -h")
    limit = DEFAULT_TIME_LIMIT if time_limit is None else time_limit
    if not limit > 0:
        raise OptionError(f"the time limit must be above 0 s, not {limit}")
    options = Options(tuple(sorted(set(skip))), float(limit), with_edits)
    tasks = plan(inputs, column)
    started = time.monotonic()
    total = tasks.count()
    journal = Journal.open(out, options, overwrite=overwrite)
    todo = (task for task in tasks if task.key not in journal.done)
    counts = [0, 0]  # done, failed

    def record(outcomes: list[Outcome]) -> None:
        journal.add(outcomes)
        failed = sum(not o.ok for o in outcomes)
        counts[0] += len(outcomes) - failed
        counts[1] += failed
        bar(len(outcomes), failed)

    with _progress_bar(progress, total, journal.resumed) as bar:
        try:
            if engine == "ray":
                from copydesk.corpus.ray_engine import run_ray

                peak = run_ray(todo, options, record, workers, ray_address)
            else:
                peak = run_local(todo, options, record, workers)
        finally:
            journal.close()
    finish(journal, out, options)
    return Summary(
        total=total,
        done=counts[0],
        failed=counts[1],
        skipped=journal.resumed,
        seconds=time.monotonic() - started,
        workers=workers,
        engine=engine,
        out=out,
        errors=errors_path(out),
        peak_worker_mb=peak,
    )


def run_local(
    tasks: Iterator[Task], options: Options, record: Callable[[list[Outcome]], None], workers: int
) -> float:
    """Restore ``tasks`` in ``workers`` processes, passing each chunk's outcomes to
    ``record``; returns the largest peak memory of a worker (MB).

    A worker that dies (a crash in a native library, the kernel's OOM killer) breaks the
    whole pool, and with it every chunk in flight. Those documents are then run again one
    at a time in a new pool: the one that kills its worker again is recorded as the cause,
    and the others are restored as usual.
    """
    peak_kb = 0
    pool = _new_pool(workers)
    in_flight: dict[Future[tuple[list[Outcome], int]], list[Task]] = {}
    try:
        while True:
            while len(in_flight) < AHEAD * workers:
                chunk = list(islice(tasks, CHUNK))
                if not chunk:
                    break
                in_flight[pool.submit(work, chunk, options)] = chunk
            if not in_flight:
                return peak_kb / 1024
            finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            suspects: list[Task] = []
            for future in finished:
                chunk = in_flight.pop(future)
                try:
                    outcomes, rss = future.result()
                except BrokenProcessPool:
                    suspects += chunk
                    continue
                peak_kb = max(peak_kb, rss)
                record(outcomes)
            if suspects:
                for chunk in in_flight.values():
                    suspects += chunk
                in_flight.clear()
                pool.shutdown(wait=True, cancel_futures=True)
                pool, rss = _one_at_a_time(sorted(suspects, key=_by_seq), options, record, workers)
                peak_kb = max(peak_kb, rss)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _by_seq(task: Task) -> int:
    return task.seq


def _one_at_a_time(
    suspects: list[Task], options: Options, record: Callable[[list[Outcome]], None], workers: int
) -> tuple[ProcessPoolExecutor, int]:
    """Run the documents that were in flight when a worker died, alone, to find the one
    that killed it. Returns the (new) pool to go on with."""
    peak = 0
    pool = _new_pool(workers)
    for task in suspects:
        try:
            outcomes, rss = pool.submit(work, [task], options).result()
            peak = max(peak, rss)
        except BrokenProcessPool:
            outcomes = [crashed(task)]
            pool.shutdown(wait=True)
            pool = _new_pool(workers)
        record(outcomes)
    return pool, peak


def _new_pool(workers: int) -> ProcessPoolExecutor:
    # Fresh interpreters: forking a parent that runs a progress thread is not safe.
    return ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker
    )


def _start_worker() -> None:
    """Prepare a worker: die with the parent, no cyclic collector, word tables loaded."""
    _die_with_parent()
    # Ctrl-C goes to the whole process group: the parent alone decides what to do.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.disable()  # the restorer makes no reference cycles (see copydesk.cli.main_entry)
    warm_up()


def _die_with_parent() -> None:
    """On Linux, ask the kernel to kill this worker when its parent dies: a batch killed
    with ``kill -9`` leaves no orphans running on."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the parent died before the request was made
        os._exit(1)


def work(chunk: list[Task], options: Options) -> tuple[list[Outcome], int]:
    """A worker's job: restore a chunk; report the worker's peak memory (KB) with it."""
    outcomes = [restore(task, options) for task in chunk]
    return outcomes, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


class _progress_bar:
    """A rich progress bar with rate and time left on standard error, or nothing."""

    def __init__(self, show: bool, total: int, already: int) -> None:
        self._show = show
        self._total = total
        self._already = already
        self._failed = 0

    def __enter__(self) -> Report:
        if not self._show:
            return lambda done, failed: None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._bar = Progress(
            TextColumn("restoring"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]}"),
            TextColumn("{task.fields[failed]} failed"),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
        )
        self._bar.start()
        self._task = self._bar.add_task(
            "batch", total=self._total, completed=self._already, failed=0, rate=""
        )
        return self._advance

    def _advance(self, done: int, failed: int) -> None:
        self._failed += failed
        self._bar.advance(self._task, done)
        speed = self._bar.tasks[0].speed
        rate = f"{speed:.1f} docs/s" if speed else ""
        self._bar.update(self._task, failed=self._failed, rate=rate)

    def __exit__(self, *exc: object) -> None:
        if self._show:
            self._bar.stop()
