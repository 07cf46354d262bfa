"""One document of a batch restored into one output row (or one error row).

This is what a worker runs, in a process of the local engine or in a Ray task: a pure
function of the task and the options, so both engines give the same rows.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from copydesk.api import clean
from copydesk.corpus.inputs import Task
from copydesk.errors import CopydeskError, InputTimeoutError
from copydesk.readers import DEFAULT_TIME_LIMIT


@dataclass(frozen=True, slots=True)
class Options:
    """What shapes every row of a batch: a resumed batch must be run with the same."""

    skip: tuple[str, ...] = ()
    time_limit: float = DEFAULT_TIME_LIMIT
    with_edits: bool = False

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Options:
        return cls(tuple(data["skip"]), float(data["time_limit"]), bool(data["with_edits"]))

    def to_dict(self) -> dict[str, Any]:
        return {
            "skip": list(self.skip),
            "time_limit": self.time_limit,
            "with_edits": self.with_edits,
        }


@dataclass(frozen=True, slots=True)
class Outcome:
    """A task's result: its row as one line of JSON, ready to be written."""

    seq: int
    key: str
    ok: bool
    line: str


def content_id(data: bytes) -> str:
    """The stable id of a document: a hash of its bytes, so the same file has the same id
    wherever it lies and however often it is restored.

    >>> content_id(b"Hello")
    'ad10196e1159e75dd6be7d03f75be04f'
    """
    return hashlib.blake2b(data, digest_size=16).hexdigest()


# A fault-injection point for the tests of crash recovery: a process that meets a document
# whose key holds this string kills itself, as a crash in a native library would.
CRASH_ON = "COPYDESK_TEST_CRASH_ON"


def restore(task: Task, options: Options) -> Outcome:
    """Restore one task into its output row, or its error row; never raises for a bad
    document (anything a document makes the restorer raise is that document's error)."""
    crash_on = os.environ.get(CRASH_ON)
    if crash_on and crash_on in task.key:
        os.kill(os.getpid(), signal.SIGKILL)
    doc_id: str | None = None
    try:
        if task.path is not None:
            source: str | Path = Path(task.path)
            try:
                data = Path(task.path).read_bytes()
            except OSError as exc:
                return _failure(task, None, "InputNotFoundError", f"{task.path}: {exc.strerror}")
            doc_id = content_id(data)
        elif task.text is not None:
            source = task.text
            doc_id = content_id(task.text.encode("utf-8"))
        else:
            return _failure(task, None, "InputError", "the row holds no document (no text)")
        with _deadline(options.time_limit):
            article = clean(source, skip=options.skip, time_limit=options.time_limit)
    except CopydeskError as exc:
        return _failure(task, doc_id, type(exc).__name__, str(exc))
    except Exception as exc:
        # A bug of copydesk's met on this document: recorded, so the batch goes on.
        return _failure(task, doc_id, "InternalError", f"{type(exc).__name__}: {exc}")
    row = article.to_dict()
    if not options.with_edits:
        del row["edits"], row["removed"]
    row = {"id": doc_id, "source": task.key, "kind": article.kind, "ocr": article.ocr, **row}
    return Outcome(task.seq, task.key, True, json.dumps(row, ensure_ascii=False))


def warm_up() -> None:
    """Load the word tables before a worker's first document, not during it (each engine's
    workers call this as they start)."""
    clean("Warm up\n\nThe word tables load once, before the first document.")


def crashed(task: Task) -> Outcome:
    """The error row of a document whose worker process died restoring it, alone."""
    return _failure(
        task,
        None,
        "WorkerCrashed",
        "the worker process died while restoring this document (a crash in a library, or"
        " killed for lack of memory); it was tried alone",
    )


def _failure(task: Task, doc_id: str | None, error: str, message: str) -> Outcome:
    row = {"id": doc_id, "source": task.key, "error": error, "message": message}
    return Outcome(task.seq, task.key, False, json.dumps(row, ensure_ascii=False))


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Bound the whole restoration, stages included, not only the reading (which
    ``clean`` bounds itself): a pathological document must not hold a worker forever.

    A timer signal can only be set from a process's main thread; elsewhere (a thread pool)
    the reader's own limit is all there is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise InputTimeoutError(
            f"gave up after {seconds:g} s: raise --time-limit for documents this large"
        )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
