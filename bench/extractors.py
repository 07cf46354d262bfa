"""copydesk on text that other extractors made of the same PDFs.

    python bench/extractors.py                       # pdftotext -layout and pypdfium2's text
    python bench/extractors.py --ocr 13              # also tesseract's text of 13 cases
    python bench/extractors.py --keep /tmp/sets      # keep the truth sets it builds

The dev set's text inputs are pdftotext's default output. People also run ``pdftotext
-layout`` (which keeps columns side by side), take pypdfium2's text, or OCR a printout.
This script re-extracts every dev PDF those ways into truth sets of the benchmark format
(the same truth.json files, linked), restores them with ``copydesk eval``'s machinery and
prints the metrics per scenario beside those of the set's own text. ``--ocr N`` renders the
pages of the first N cases (as many of each rendering, in manifest order) at 200 dpi and
runs tesseract on them (about 2 s a page). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from copydesk.evaluation import evaluate

HERE = Path(__file__).resolve().parent
DEFAULT_SET = HERE.parent.parent / "shared" / "bench" / "dev"
OCR_DPI = 200
# pdfium is not thread-safe: its calls are made one at a time, while the extractors' own
# processes (pdftotext, tesseract) run two at a time.
PDFIUM = threading.Lock()


def pdftotext_layout(pdf: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def pdfium_text(pdf: Path) -> str:
    with PDFIUM:
        document = pdfium.PdfDocument(str(pdf))
        pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
        document.close()
    return "\f".join(pages).replace("\r\n", "\n")


def tesseract_text(pdf: Path) -> str:
    pages = []
    with tempfile.TemporaryDirectory() as scratch:
        with PDFIUM:
            document = pdfium.PdfDocument(str(pdf))
            images = []
            for i in range(len(document)):
                images.append(Path(scratch) / f"{i}.png")
                document[i].render(scale=OCR_DPI / 72).to_pil().save(images[-1])
            document.close()
        for image in images:
            done = subprocess.run(
                ["tesseract", str(image), "-", "--psm", "3"],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            )
            pages.append(done.stdout)
    return "\f".join(pages)


def build(
    name: str,
    extract: Callable[[Path], str],
    cases: list[dict[str, Any]],
    root: Path,
    out: Path,
) -> Path:
    """A truth set at ``out/name`` whose inputs are ``extract`` of each case's PDF."""
    target = out / name

    def one(case: dict[str, Any]) -> str:
        folder = target / "cases" / case["case"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "input.txt").write_text(extract(root / case["pdf"]), encoding="utf-8")
        truth = folder / "truth.json"
        if not truth.exists():
            shutil.copyfile(root / case["truth"], truth)
        entry = {k: case[k] for k in ("case", "scenario", "rendering")}
        entry |= {
            "txt": f"cases/{case['case']}/input.txt",
            "truth": f"cases/{case['case']}/truth.json",
        }
        return json.dumps(entry)

    with ThreadPoolExecutor(max(1, min(2, os.cpu_count() or 1))) as pool:
        rows = list(pool.map(one, cases))
    (target / "manifest.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return target


def own_text_set(cases: list[dict[str, Any]], root: Path, out: Path) -> Path:
    """The same cases with the set's own text (pdftotext's default mode), for comparison."""
    target = out / "pdftotext"
    target.mkdir(parents=True, exist_ok=True)
    rows = [
        json.dumps(
            {k: case[k] for k in ("case", "scenario", "rendering")}
            | {"txt": str(root / case["txt"]), "truth": str(root / case["truth"])}
        )
        for case in cases
    ]
    (target / "manifest.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return target


def pick(cases: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """About ``count`` cases, as many of each rendering, in manifest order."""
    renderings = sorted({c["rendering"] for c in cases})
    each = max(1, count // len(renderings))
    chosen = [c for r in renderings for c in [c for c in cases if c["rendering"] == r][:each]]
    return chosen[:count]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--set", type=Path, default=DEFAULT_SET, help="benchmark set folder")
    ap.add_argument("--ocr", type=int, default=0, metavar="N", help="also OCR N cases")
    ap.add_argument("--keep", type=Path, help="build the truth sets here and keep them")
    ap.add_argument("--workers", type=int, help="processes for restoring (default: all cores)")
    args = ap.parse_args(argv)
    manifest = args.set / "manifest.jsonl"
    if not manifest.is_file():
        raise SystemExit(f"no manifest.jsonl in {args.set}: give --set a benchmark set")
    lines = manifest.read_text(encoding="utf-8").splitlines()
    cases = [c for c in map(json.loads, filter(str.strip, lines)) if c.get("pdf")]
    extractors: list[tuple[str, Callable[[Path], str], list[dict[str, Any]]]] = []
    if shutil.which("pdftotext"):
        extractors.append(("pdftotext-layout", pdftotext_layout, cases))
    else:
        print("pdftotext not found: its -layout rows are left out (apt-get install poppler-utils)")
    extractors.append(("pypdfium2", pdfium_text, cases))
    if args.ocr:
        if shutil.which("tesseract"):
            extractors.append(("tesseract", tesseract_text, pick(cases, args.ocr)))
        else:
            print("tesseract not found: the OCR rows are left out")
    out = args.keep or Path(tempfile.mkdtemp(prefix="copydesk-extractors-"))
    try:
        for name, extract, chosen in extractors:
            sets = [(name, build(name, extract, chosen, args.set, out))]
            if len(chosen) < len(cases):  # a sample: the set's own text of it, to compare
                sets.append(
                    (
                        f"{name}: the same cases, pdftotext",
                        own_text_set(chosen, args.set, out / name),
                    )
                )
            for label, truth_set in sets:
                report = evaluate(truth_set, run=True, workers=args.workers)
                print(f"== {label} ({len(chosen)} cases)")
                print(report.table())
                print()
    finally:
        if args.keep is None:
            shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
