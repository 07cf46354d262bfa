"""The articles the layouts set: the dev set's typeset truths, whose every field is known.

Each article is kept in one of two splits, fixed by its name: rules are developed on
``tune`` and figures are reported on ``report``, so a rule fitted to an article (or to a
seed) is not credited for it. The split is by a hash of the article's name: adding
articles later does not move the old ones.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEV_SET = HERE.parent.parent.parent / "shared" / "bench" / "dev"
SPLITS = ("tune", "report")
# Seeds are split too: a layout drawn from a tuning seed is never reported.
SEED_BASE = {"tune": 0, "report": 1_000_000}
REPORT_SHARE = 3  # one article in this many goes to the report split


@dataclass(frozen=True)
class Article:
    """One article's truth, as the dev set gives it."""

    doc: str
    title: str
    dek: str | None
    authors: list[str]
    published: str | None
    paragraphs: list[str]
    captions: list[dict[str, Any]]
    bio: str | None
    links: list[str]


def split_of(doc: str) -> str:
    """The split an article belongs to, by a stable hash of its name.

    >>> split_of("nytimes-1") in SPLITS
    True
    """
    digest = hashlib.sha256(doc.encode("utf-8")).digest()
    return "report" if digest[0] % REPORT_SHARE == 0 else "tune"


def load_articles(split: str, dev_set: Path = DEV_SET) -> list[Article]:
    """The articles of ``split``, in name order: each typeset (``print``) case's truth."""
    if split not in SPLITS:
        raise ValueError(f"split: choose from {', '.join(SPLITS)}, not {split!r}")
    manifest = dev_set / "manifest.jsonl"
    if not manifest.is_file():
        raise FileNotFoundError(
            f"no benchmark manifest at {manifest}: is ../shared beside the repo?"
        )
    rows = [json.loads(line) for line in manifest.read_text().splitlines() if line.strip()]
    out = []
    for row in sorted(rows, key=lambda r: r["doc"]):
        if row.get("rendering") != "print" or split_of(row["doc"]) != split:
            continue
        truth = json.loads((dev_set / row["truth"]).read_text())
        out.append(
            Article(
                doc=row["doc"],
                title=truth["title"],
                dek=truth.get("dek"),
                authors=list(truth.get("authors") or []),
                published=truth.get("published"),
                paragraphs=list(truth["paragraphs"]),
                captions=list(truth.get("captions") or []),
                bio=truth.get("bio"),
                links=list(truth.get("links") or []),
            )
        )
    return out
