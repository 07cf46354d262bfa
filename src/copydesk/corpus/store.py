"""Where a batch keeps its results: a journal while it runs, then the output files.

A batch may be killed at any moment (even ``kill -9``). So every finished document is
appended to a journal beside the output as one line, and nothing else is written until the
end; a line cut short by a kill is dropped when the journal is opened again, and its
document is simply done again. The output and the errors file are written whole, to
temporary names, and renamed into place: they are never seen half-written.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from copydesk.corpus.restore import Options, Outcome
from copydesk.errors import OptionError

OUTPUT_SUFFIXES = (".jsonl", ".parquet")
JOURNAL_VERSION = 1
PARQUET_ROWS = 512  # rows per Parquet row group written at once: bounded memory


def errors_path(out: Path) -> Path:
    """The errors file beside an output: ``corpus.parquet`` → ``corpus.errors.jsonl``.

    >>> errors_path(Path("out/corpus.parquet")).as_posix()
    'out/corpus.errors.jsonl'
    """
    return out.with_name(out.stem + ".errors.jsonl")


def journal_path(out: Path) -> Path:
    return out.with_name(out.name + ".journal")


def check_output(out: Path) -> None:
    if out.suffix not in OUTPUT_SUFFIXES:
        raise OptionError(f"{out}: the output must end in .jsonl or .parquet")
    if not out.parent.is_dir():
        raise OptionError(f"{out.parent}: no such folder for the output; create it first")


@dataclass
class Journal:
    """The finished documents of an unfinished batch, one line each:
    ``seq TAB ok TAB key TAB row``, the key and the row as JSON (which escapes tabs and
    line breaks, so a line is always one line)."""

    path: Path
    done: set[str] = field(default_factory=set)
    resumed: int = 0  # documents found done when the journal was opened
    _file: IO[bytes] | None = None

    @classmethod
    def open(cls, out: Path, options: Options, *, overwrite: bool = False) -> Journal:
        """Open the journal of ``out``, resuming it if it is there; start one otherwise."""
        path = journal_path(out)
        journal = cls(path)
        header = json.dumps({"copydesk_batch": JOURNAL_VERSION, "options": options.to_dict()})
        if path.exists():
            journal._resume(header)
        else:
            if out.exists() and not overwrite:
                raise OptionError(
                    f"{out} exists already: give --overwrite to replace it, or another --out"
                )
            with path.open("wb") as new:
                new.write(header.encode() + b"\n")
        journal._file = path.open("ab")
        return journal

    def _resume(self, header: str) -> None:
        with self.path.open("r+b") as old:
            first = old.readline()
            if first.rstrip(b"\n").decode("utf-8", "replace") != header:
                raise OptionError(
                    f"{self.path} holds an unfinished batch run with other options: run the"
                    " same command again to finish it, or delete it to start over"
                )
            good = old.tell()
            for line in old:
                if not line.endswith(b"\n") or line.count(b"\t") < 3:
                    break  # cut short by a kill: this document is done again
                self.done.add(json.loads(line.split(b"\t", 3)[2]))
                good += len(line)
            old.truncate(good)
        self.resumed = len(self.done)

    def add(self, outcomes: list[Outcome]) -> None:
        """Append finished documents; they are on disk once this returns (flushed to the
        system, which keeps them across a kill of this process)."""
        assert self._file is not None
        lines = (
            f"{o.seq}\t{int(o.ok)}\t{json.dumps(o.key, ensure_ascii=False)}\t{o.line}\n"
            for o in outcomes
        )
        self._file.write("".join(lines).encode())
        self._file.flush()
        self.done.update(o.key for o in outcomes)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def entries(self) -> Iterator[tuple[int, bool, str]]:
        """Every finished document in input order: (seq, ok, row as JSON)."""
        index: list[tuple[int, int]] = []  # (seq, offset): rows are read back one at a time
        with self.path.open("rb") as journal:
            journal.readline()
            offset = journal.tell()
            for line in journal:
                index.append((int(line.split(b"\t", 1)[0]), offset))
                offset += len(line)
            index.sort()
            for seq, at in index:
                journal.seek(at)
                _, ok, _, row = journal.readline().rstrip(b"\n").split(b"\t", 3)
                yield seq, ok == b"1", row.decode()


def finish(journal: Journal, out: Path, options: Options) -> tuple[int, int]:
    """Write the output and the errors file from the journal, in input order, each to a
    temporary name renamed into place; then remove the journal. Returns (rows, errors)."""
    journal.close()
    errors = errors_path(out)
    out_tmp = out.with_name(f".{out.name}.tmp")
    errors_tmp = errors.with_name(f".{errors.name}.tmp")
    rows = failed = 0
    with errors_tmp.open("w", encoding="utf-8") as error_file:
        parquet = out.suffix == ".parquet"
        writer = _ParquetWriter(out_tmp, options) if parquet else _JsonlWriter(out_tmp)
        try:
            for _, ok, row in journal.entries():
                if ok:
                    writer.write(row)
                    rows += 1
                else:
                    error_file.write(row + "\n")
                    failed += 1
        finally:
            writer.close()
        error_file.flush()
        os.fsync(error_file.fileno())
    os.replace(out_tmp, out)
    os.replace(errors_tmp, errors)
    journal.path.unlink()
    return rows, failed


class _JsonlWriter:
    def __init__(self, path: Path) -> None:
        self._file = path.open("w", encoding="utf-8")

    def write(self, row: str) -> None:
        self._file.write(row + "\n")

    def close(self) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()


class _ParquetWriter:
    def __init__(self, path: Path, options: Options) -> None:
        import pyarrow.parquet as pq

        self._schema = parquet_schema(options.with_edits)
        self._writer = pq.ParquetWriter(path, self._schema)
        self._rows: list[dict[str, Any]] = []

    def write(self, row: str) -> None:
        self._rows.append(json.loads(row))
        if len(self._rows) >= PARQUET_ROWS:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()


def parquet_schema(with_edits: bool) -> Any:
    """The columns of a Parquet output: those of a JSONL row, typed."""
    import pyarrow as pa

    text = pa.string()
    fields = [
        ("id", text),
        ("source", text),
        ("kind", text),
        ("ocr", pa.bool_()),
        ("title", text),
        ("dek", text),
        ("authors", pa.list_(text)),
        ("published", text),
        ("paragraphs", pa.list_(text)),
        ("captions", pa.list_(pa.struct([("text", text), ("credit", text)]))),
        ("bio", text),
        ("links", pa.list_(text)),
        ("warnings", pa.list_(text)),
    ]
    if with_edits:
        span = [("start", pa.int64()), ("end", pa.int64())]
        edit = [("kind", text), *span, ("before", text), ("after", text)]
        removal = [("reason", text), *span, ("text", text)]
        fields += [("edits", pa.list_(pa.struct(edit))), ("removed", pa.list_(pa.struct(removal)))]
    return pa.schema(fields)
