"""Typeset the dev articles in drawn layouts: a truth set in the benchmark's format.

    python bench/layouts/generate.py OUT --split tune --count 200 [--jobs 2]
    python bench/layouts/generate.py OUT --split report --count 600 --extractors ocr

Case ``k`` of a split is drawn from seed ``SEED_BASE[split] + k`` (tune: 0, 1, ...;
report: 1000000, ...): its layout, its article (from the split's articles), the words the
layout adds and the scan's degradation. The same command writes the same cases on any
machine with the same fonts and WeasyPrint. ``OUT`` gets ``manifest.jsonl`` and
``cases/<case>/{input.pdf,input.txt,truth.json,layout.json}``, which ``copydesk eval OUT``
and ``score.py --set OUT`` read; ``report.py OUT`` scores it per feature.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from layouts.articles import SEED_BASE, SPLITS, Article, load_articles
from layouts.extract import EXTRACTORS, extract
from layouts.spec import draw
from layouts.typeset import compose, render


def pages_bucket(pages: int) -> str:
    """Page counts as the report groups them."""
    return str(pages) if pages <= 2 else "3-4" if pages <= 4 else "5+"


def make_case(
    out: Path, split: str, seed: int, articles: list[Article], extractors: tuple[str, ...]
) -> dict[str, object]:
    """Draw, typeset, extract and write the case of ``seed``; its manifest row."""
    layout = draw(seed, extractors=extractors)
    article = random.Random(f"article-{seed}").choice(articles)
    composed = compose(article, layout)
    pdf, measured = render(composed.html)
    name = f"{split}-{seed:07d}"
    folder = out / "cases" / name
    folder.mkdir(parents=True, exist_ok=True)
    typeset_pdf = folder / "typeset.pdf"
    typeset_pdf.write_bytes(pdf)
    text, scanned, how = extract(typeset_pdf, layout.extractor, seed)
    if scanned is not None:
        (folder / "input.pdf").write_bytes(scanned)
    else:
        typeset_pdf.rename(folder / "input.pdf")
    typeset_pdf.unlink(missing_ok=True)
    (folder / "input.txt").write_text(text, encoding="utf-8")
    (folder / "truth.json").write_text(json.dumps(composed.truth, ensure_ascii=False, indent=1))
    features = composed.features | {
        "pages": pages_bucket(measured["pages"]),
        "headline_lines": str(min(measured["headline_lines"], 4)),
    }
    (folder / "layout.json").write_text(
        json.dumps(
            {"layout": layout.to_dict(), "features": features, "measured": measured, **how},
            indent=1,
        )
    )
    return {
        "case": name,
        "doc": article.doc,
        "rendering": "layout",
        "scenario": "ocr" if layout.extractor == "ocr" else "typeset",
        "pdf": f"cases/{name}/input.pdf",
        "txt": f"cases/{name}/input.txt",
        "truth": f"cases/{name}/truth.json",
        "seed": seed,
        "split": split,
        "features": features,
    }


def generate(
    out: Path, split: str, count: int, start: int, jobs: int, extractors: tuple[str, ...]
) -> int:
    articles = load_articles(split)
    seeds = [SEED_BASE[split] + start + k for k in range(count)]
    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, object]] = []
    began = time.monotonic()
    failures = 0
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(make_case, out, split, seed, articles, extractors) for seed in seeds]
        for done, (seed, future) in enumerate(zip(seeds, futures, strict=True), start=1):
            try:
                rows.append(future.result())
            except Exception as error:  # a layout the engine cannot set: say so, go on
                failures += 1
                print(f"seed {seed}: not made: {type(error).__name__}: {error}", file=sys.stderr)
            if done % 10 == 0 or done == len(seeds):
                rate = done / (time.monotonic() - began)
                print(f"{done}/{len(seeds)} cases, {rate:.1f}/s", file=sys.stderr)
    manifest = out / "manifest.jsonl"
    old = [json.loads(x) for x in manifest.read_text().splitlines()] if manifest.is_file() else []
    made = {row["case"] for row in rows}
    keep = [row for row in old if row["case"] not in made]
    with manifest.open("w") as stream:
        for row in sorted(keep + rows, key=lambda r: str(r["case"])):
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} cases written to {out} ({failures} failed)")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path, help="folder to write the truth set into")
    parser.add_argument("--split", choices=SPLITS, default="tune")
    parser.add_argument("--count", type=int, default=50, help="how many cases (default 50)")
    parser.add_argument("--start", type=int, default=0, help="first case number (default 0)")
    parser.add_argument("--jobs", type=int, default=2, help="processes (default 2)")
    parser.add_argument(
        "--extractors",
        default=",".join(EXTRACTORS),
        help=f"comma-separated, drawn from per case (default {','.join(EXTRACTORS)})",
    )
    args = parser.parse_args(argv)
    extractors = tuple(x for x in args.extractors.split(",") if x)
    unknown = set(extractors) - set(EXTRACTORS)
    if unknown or not extractors:
        parser.error(f"--extractors: choose from {', '.join(EXTRACTORS)}")
    if args.count < 1 or args.jobs < 1 or args.start < 0:
        parser.error("--count and --jobs must be at least 1, --start at least 0")
    return generate(args.out, args.split, args.count, args.start, args.jobs, extractors)


if __name__ == "__main__":
    sys.exit(main())
