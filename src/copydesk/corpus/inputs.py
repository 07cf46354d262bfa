"""What a batch reads: files, folders, globs, and tables (JSONL or Parquet) of documents.

Every document becomes one :class:`Task` with a key that names it among the inputs (its
path, or ``table.jsonl:LINE``): the key is how a resumed batch knows what it has done.
Inputs are listed in a fixed order (folders and globs sorted), so the same command lists
the same tasks in the same order every time.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from copydesk.errors import InputError, InputNotFoundError, OptionError

# What a folder is searched for: the kinds of file copydesk reads. Anything else there
# (truth files, notes, images of logos...) is left alone unless named on its own.
DOCUMENT_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".pdf", ".html", ".htm", ".xhtml", ".png", ".jpg", ".jpeg",
     ".tif", ".tiff", ".webp", ".bmp", ".gif"}
)  # fmt: skip
TABLE_SUFFIXES = (".jsonl", ".parquet")
TEXT_COLUMNS = ("text", "path")  # the columns a table may name its documents by, in order


@dataclass(frozen=True, slots=True)
class Task:
    """One document to restore: where it came from, and the file or the text itself."""

    seq: int  # its place among all the inputs: the output keeps this order
    key: str  # names it among the inputs: a path, or ``table:LINE``
    path: str | None = None  # a file to read ...
    text: str | None = None  # ... or the text, from a table's text column


@dataclass(frozen=True, slots=True)
class Plan:
    """The tasks of a batch, listed lazily (a table's rows are read as they are needed),
    with their number known up front for the progress bar."""

    specs: tuple[str, ...]
    column: str | None = None

    def __iter__(self) -> Iterator[Task]:
        seen: set[str] = set()
        seq = 0
        for spec in self.specs:
            for task in _expand(spec, self.column):
                if task.key in seen:
                    continue  # one file named twice (itself and its folder) is one input
                seen.add(task.key)
                yield Task(seq, task.key, task.path, task.text)
                seq += 1

    def count(self) -> int:
        """How many tasks the plan holds (a table's rows are counted, not read)."""
        return sum(1 for _ in self._keys())

    def _keys(self) -> Iterator[str]:
        seen: set[str] = set()
        for spec in self.specs:
            for key in _expand_keys(spec):
                if key not in seen:
                    seen.add(key)
                    yield key


def plan(specs: Sequence[str], column: str | None = None) -> Plan:
    """Check the inputs named on the command line and plan the batch.

    Every name must find something: a missing file or a glob that matches nothing is an
    error before any work starts, not a document that failed.
    """
    if not specs:
        raise OptionError("no input given: name files, folders, globs or a JSONL/Parquet table")
    for spec in specs:
        if _is_glob(spec):
            if not glob.glob(spec, recursive=True):
                raise InputNotFoundError(f"{spec}: the pattern matches no file; check it")
        elif not os.path.exists(spec):
            raise InputNotFoundError(f"{spec}: no such file or folder; check the path")
        elif spec.endswith(TABLE_SUFFIXES):
            _table_column(Path(spec), column)  # fails now if the table names no documents
    return Plan(tuple(specs), column)


def _is_glob(spec: str) -> bool:
    return any(ch in spec for ch in "*?[") and not os.path.exists(spec)


def _files(spec: str) -> list[str]:
    """The files a name stands for, in a fixed order: the file, a folder's documents
    (recursively, hidden ones left out), or a glob's matches."""
    if _is_glob(spec):
        found = sorted(glob.glob(spec, recursive=True))
        return [f for f in found if os.path.isfile(f)]
    if os.path.isdir(spec):
        out: list[str] = []
        for root, dirs, names in os.walk(spec):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            out += [
                os.path.join(root, name)
                for name in sorted(names)
                if not name.startswith(".") and Path(name).suffix.lower() in DOCUMENT_SUFFIXES
            ]
        return out
    return [spec]


def _expand(spec: str, column: str | None) -> Iterator[Task]:
    for file in _files(spec):
        if file.endswith(TABLE_SUFFIXES) and not os.path.isdir(spec):
            yield from _table_rows(Path(file), column)
        else:
            yield Task(0, os.path.normpath(file), path=file)


def _expand_keys(spec: str) -> Iterator[str]:
    for file in _files(spec):
        if file.endswith(TABLE_SUFFIXES) and not os.path.isdir(spec):
            yield from (f"{file}:{n}" for n in range(1, _table_rows_count(Path(file)) + 1))
        else:
            yield os.path.normpath(file)


def _table_column(path: Path, column: str | None) -> str:
    """The column that holds each row's document: the one asked for, or ``text``, or
    ``path``."""
    names = _table_columns(path)
    if column is not None:
        if column not in names:
            raise OptionError(
                f"{path} has no column {column!r} (it has {', '.join(sorted(names)) or 'none'})"
            )
        return column
    for name in TEXT_COLUMNS:
        if name in names:
            return name
    raise OptionError(
        f"{path} has no 'text' or 'path' column: name the column that holds the documents"
        " with --column"
    )


def _table_columns(path: Path) -> set[str]:
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        try:
            return set(pq.read_schema(path).names)
        except Exception as exc:  # pyarrow raises several types for a file that is no Parquet
            raise InputError(f"{path}: not a readable Parquet file ({exc})") from exc
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if line.strip():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}: its first row is not JSON ({exc})") from exc
                if not isinstance(row, dict):
                    raise InputError(f"{path}: its rows must be JSON objects")
                return set(row)
    return set()


def _table_rows_count(path: Path) -> int:
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(path).metadata.num_rows)
    with path.open("rb") as data:
        return sum(1 for _ in data)


def _table_rows(path: Path, column: str | None) -> Iterator[Task]:
    """One task per row; a row whose document is missing or not a string still becomes a
    task (with no text), so it is reported as failed rather than lost."""
    name = _table_column(path, column)
    by_path = name == "path"
    for number, value in _column_values(path, name):
        key = f"{path}:{number}"
        if by_path and isinstance(value, str):
            file = value if os.path.isabs(value) else str(path.parent / value)
            yield Task(0, key, path=file)
        else:
            yield Task(0, key, text=value if isinstance(value, str) else None)


def _column_values(path: Path, name: str) -> Iterator[tuple[int, object]]:
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        number = 0
        for batch in pq.ParquetFile(path).iter_batches(batch_size=256, columns=[name]):
            for value in batch.column(0).to_pylist():
                number += 1
                yield number, value
        return
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, 1):
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                row = None
            yield number, row.get(name) if isinstance(row, dict) else None
