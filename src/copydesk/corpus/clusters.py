"""``copydesk versions``: the renditions of each article in a corpus, as clusters.

The inputs are restored first (by the batch engine, on all cores), unless they are already
a batch's output (a JSONL or Parquet table of articles), which is read as it is. The
clusters come from :func:`copydesk.corpus.versions.find_versions` over the bodies.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from copydesk.corpus.batch import Summary, run_batch
from copydesk.corpus.inputs import TABLE_SUFFIXES
from copydesk.corpus.versions import find_versions
from copydesk.errors import InputError, OptionError

ARTICLE_COLUMNS = frozenset({"id", "source", "paragraphs"})  # what marks a batch's output


@dataclass(frozen=True, slots=True)
class VersionsSummary:
    documents: int
    clusters: int
    shared: int  # clusters of two renditions or more
    seconds: float
    restored: Summary | None  # the batch that restored the inputs, if one ran

    def __str__(self) -> str:
        return (
            f"{self.documents} articles, {self.clusters} clusters ({self.shared} with two"
            f" renditions or more) in {self.seconds:.1f} s"
        )


def run_versions(
    inputs: Sequence[str],
    out: str | os.PathLike[str],
    *,
    workers: int | None = None,
    threshold: float | None = None,
    progress: bool = False,
) -> VersionsSummary:
    """Find the renditions of each article among ``inputs``; write one JSON line per
    cluster to ``out``: ``{"cluster", "size", "members": [{"id", "source", "title"}]}``.
    Every article is in exactly one cluster (one of its own if it has no other rendition).
    Restored inputs are kept beside ``out`` (``NAME.articles.jsonl``); documents that
    could not be restored are in no cluster, and that batch's errors file names them."""
    out = Path(out)
    if out.suffix != ".jsonl":
        raise OptionError(f"{out}: the clusters are written as JSON lines: name it *.jsonl")
    started = time.monotonic()
    restored = None
    if inputs and all(_is_article_table(Path(spec)) for spec in inputs):
        rows = [row for spec in inputs for row in read_articles(Path(spec))]
    else:
        # Kept beside the clusters: the articles themselves, for merging or a second look.
        articles = out.with_name(out.stem + ".articles.jsonl")
        restored = run_batch(inputs, articles, workers=workers, progress=progress, overwrite=True)
        rows = list(read_articles(articles))
    # A document listed twice (two copies of one file) is one article, seen once.
    members: dict[str, dict[str, Any]] = {}
    bodies: list[tuple[str, str]] = []
    for row in rows:
        name = str(row["source"])
        if name in members:
            continue
        members[name] = {"id": row["id"], "source": name, "title": row.get("title")}
        bodies.append((name, "\n\n".join(row.get("paragraphs") or [])))
    if threshold is None:
        clusters = find_versions(bodies)
    else:
        clusters = find_versions(bodies, threshold=threshold)
    tmp = out.with_name(f".{out.name}.tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for number, cluster in enumerate(clusters):
            line = {
                "cluster": number,
                "size": len(cluster),
                "members": [members[k] for k in cluster],
            }
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    os.replace(tmp, out)
    return VersionsSummary(
        documents=len(bodies),
        clusters=len(clusters),
        shared=sum(len(c) > 1 for c in clusters),
        seconds=time.monotonic() - started,
        restored=restored,
    )


def _is_article_table(path: Path) -> bool:
    """Is this file a batch's output (a table of restored articles)?"""
    if not path.is_file() or not path.name.endswith(TABLE_SUFFIXES):
        return False
    return _columns(path) >= ARTICLE_COLUMNS


def _columns(path: Path) -> set[str]:
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return set(pq.read_schema(path).names)
    with path.open(encoding="utf-8") as lines:
        first = lines.readline()
    try:
        row = json.loads(first)
    except json.JSONDecodeError:
        return set()
    return set(row) if isinstance(row, dict) else set()


def read_articles(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a batch's output, JSONL or Parquet."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(batch_size=1024):
            yield from batch.to_pylist()
        return
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}: not a JSON line ({exc})") from exc
