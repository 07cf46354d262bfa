"""The batch as a Ray Data pipeline, for a cluster: ``copydesk batch --engine ray``.

Read: the tasks the inputs list become a dataset. Restore: ``map_batches`` runs
:func:`copydesk.corpus.restore.restore` on each batch, on as many CPUs as the cluster
gives. Write: the rows stream back to the driver, which journals them and writes the same
output and errors files as the local engine, so a Ray batch resumes the same way.

Ray is an optional extra (``pip install 'copydesk[ray]'``). By default a Ray of this
machine is started with ``workers`` CPUs; ``address`` (``ray_address=`` or
``--ray-address``; ``auto`` for the cluster this machine belongs to, or
``ray://HEAD:10001``) joins a running cluster instead, as ``ray.init(address=...)`` does.
Every node needs copydesk installed; files named as paths must be readable on every node
(a shared file system), and texts from tables travel with the tasks.
"""

from __future__ import annotations

import resource
import warnings
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from copydesk.corpus.inputs import Task
from copydesk.corpus.restore import Options, Outcome, crashed, restore, warm_up
from copydesk.errors import OptionError

BATCH = 64  # documents per map_batches call: fewer, larger calls cost Ray less
WINDOW = 4096  # tasks handed to Ray per dataset: the driver never holds all the inputs


def run_ray(
    tasks: Iterator[Task],
    options: Options,
    record: Callable[[list[Outcome]], None],
    workers: int,
    address: str | None = None,
) -> float:
    """Restore ``tasks`` with Ray Data; pass each batch's outcomes to ``record``. Returns
    the largest peak memory of a Ray worker (MB)."""
    try:
        import ray
    except ImportError as exc:
        raise OptionError(
            "the ray engine needs Ray: pip install 'copydesk[ray]' (or use --engine local)"
        ) from exc
    started_here = not ray.is_initialized()
    if started_here:
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    peak_kb = 0
    restorer: Any = _Restorer  # Ray's own hints know no Arrow batches
    try:
        while True:
            window = list(islice(tasks, WINDOW))
            if not window:
                return peak_kb / 1024
            items = [{"seq": t.seq, "key": t.key, "path": t.path, "text": t.text} for t in window]
            with warnings.catch_warnings():
                # Ray 2.60 warns that restart settings passed this way will go, but names no
                # other way to turn restarts off (its own code says to pass them so).
                warnings.filterwarnings("ignore", message="`ray_remote_args` is deprecated")
                dataset = ray.data.from_items(items).map_batches(
                    restorer,
                    batch_size=BATCH,
                    batch_format="pyarrow",
                    fn_constructor_kwargs={"options": options.to_dict()},
                    concurrency=workers,
                    # A document that kills its worker would kill every retry too: fail fast,
                    # and find it below.
                    max_restarts=0,
                    max_task_retries=0,
                )
            batches: Iterable[Any] = dataset.iter_batches(batch_size=BATCH, batch_format="pyarrow")
            finished: set[str] = set()
            try:
                for batch in batches:
                    rows = batch.to_pylist()
                    peak_kb = max(peak_kb, *(row["rss"] for row in rows))
                    record([Outcome(r["seq"], r["key"], r["ok"], r["line"]) for r in rows])
                    finished.update(row["key"] for row in rows)
            except ray.exceptions.RayError:
                _one_by_one(ray, [t for t in window if t.key not in finished], options, record)
    finally:
        if started_here:
            ray.shutdown()


def _one_by_one(
    ray: Any, tasks: list[Task], options: Options, record: Callable[[list[Outcome]], None]
) -> None:
    """After a worker died, restore the rest of the window each in a task of its own: the
    document that kills its worker is then the only one lost, and it is recorded."""
    restore_one = ray.remote(max_retries=0)(_restore_one)
    settings = options.to_dict()
    running = [(restore_one.remote(task, settings), task) for task in tasks]
    for ref, task in running:
        try:
            outcome = ray.get(ref)
        except ray.exceptions.RayError:
            outcome = crashed(task)
        record([outcome])


def _restore_one(task: Task, options: dict[str, Any]) -> Outcome:
    return restore(task, Options.from_dict(options))


class _Restorer:
    """Ray's map function, as a class: each of its actors loads the word tables once and
    then restores batch after batch (a plain function would be set up per task)."""

    def __init__(self, options: dict[str, Any]) -> None:
        warm_up()
        self._options = Options.from_dict(options)

    def __call__(self, batch: Any) -> Any:
        """A batch of tasks in, a batch of outcomes out (Arrow tables)."""
        import pyarrow as pa

        outcomes = [
            restore(Task(row["seq"], row["key"], row["path"], row["text"]), self._options)
            for row in batch.to_pylist()
        ]
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return pa.table(
            {
                "seq": [o.seq for o in outcomes],
                "key": [o.key for o in outcomes],
                "ok": [o.ok for o in outcomes],
                "line": [o.line for o in outcomes],
                "rss": [rss] * len(outcomes),
            }
        )
