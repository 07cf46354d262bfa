"""Throughput of ``copydesk batch``: 1 and N workers, the local engine beside Ray.

    python bench/batch.py                      # dev text inputs x 10, 1 and 2 workers, local
    python bench/batch.py --copies 5 --ray     # also the Ray engine at the most workers

The dev set's text inputs are written, ``--copies`` times over, into one JSONL table (a
text column), so a run lasts long enough for start-up to matter little; each engine and
worker count then restores the whole table into a fresh output. Times are wall-clock for
the whole command as a user runs it (workers' start-up, journal and final write included).
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from copydesk.corpus.batch import default_workers, run_batch

HERE = Path(__file__).resolve().parent
DEFAULT_SET = HERE.parent.parent / "shared" / "bench" / "dev"
MB = 1_000_000


def make_table(dev: Path, copies: int, folder: Path) -> tuple[Path, int, int]:
    """One JSONL table of the set's text inputs, ``copies`` times; (path, rows, bytes)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(dev.glob("cases/*/input.txt"))]
    table = folder / "inputs.jsonl"
    with table.open("w", encoding="utf-8") as f:
        for _ in range(copies):
            for text in texts:
                f.write(json.dumps({"text": text}) + "\n")
    return table, copies * len(texts), copies * sum(len(t.encode()) for t in texts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--set", type=Path, default=DEFAULT_SET, help="benchmark set folder")
    ap.add_argument("--copies", type=int, default=10, help="times each input is repeated")
    ap.add_argument("--workers", type=int, default=default_workers(), help="the most workers")
    ap.add_argument("--ray", action="store_true", help="also run the Ray engine")
    args = ap.parse_args(argv)
    if not (args.set / "cases").is_dir():
        print(f"no benchmark set at {args.set}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        table, docs, size = make_table(args.set, args.copies, folder)
        print(f"{docs} documents ({args.copies} x the set's text inputs), {size / MB:.1f} MB")
        runs = [("local", 1), ("local", args.workers)] if args.workers > 1 else [("local", 1)]
        if args.ray:
            runs.append(("ray", args.workers))
        print(f"{'engine':<7}{'workers':>8}{'seconds':>9}{'docs/s':>9}{'MB/s':>7}"
              f"{'x 1 worker':>11}{'peak MB/worker':>16}")  # fmt: skip
        base = None
        for engine, workers in runs:
            out = folder / f"{engine}-{workers}.jsonl"
            started = time.perf_counter()
            summary = run_batch([str(table)], out, workers=workers, engine=engine)
            seconds = time.perf_counter() - started
            assert summary.done + summary.failed == docs
            base = base or seconds
            print(
                f"{engine:<7}{workers:>8}{seconds:>9.1f}{docs / seconds:>9.1f}"
                f"{size / MB / seconds:>7.2f}{base / seconds:>11.2f}{summary.peak_worker_mb:>16.0f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
