"""Throughput of copydesk's PDF path in process, on one core, beside bare pypdfium2.

    python bench/pdf_speed.py [--set ../shared/bench/dev] [--rounds 5] [--limit N]
    python bench/pdf_speed.py --no-reader          # leave out the reader-alone row
    python bench/pdf_speed.py --ocr-pages 0        # no OCR timing
    python bench/pdf_speed.py --ocr-dpi 300 --ocr-pages 3
    python bench/pdf_speed.py --check              # exit 1 when a target is missed

Reads every ``input.pdf`` of the set (sorted by case name; ``--limit`` keeps the first N)
into memory and counts its pages, then passes over them all once untimed to warm up.
It then times, for N rounds, three ways of going through the same PDFs, one after the
other within each round so that a burst of load from other tenants of the host falls on
all three alike:

- ``bare``: pypdfium2's text extraction alone: ``PdfDocument(bytes)``, and for each page
  ``get_textpage().get_text_range()``, each object closed after use;
- ``reader``: ``copydesk.readers.read(bytes)``, extraction and layout into a draft
  (the share of the PDF path that is not the stages);
- ``clean``: ``copydesk.clean(bytes)``, the whole PDF path, extraction included (the
  kind is told from the bytes).

It prints pages/s for each (median round and best round), how many times slower than
bare each is, and PASS/FAIL against the targets: at least 50 pages/s per core for
``clean``, and within 3x of bare extraction. The targets are informative: the exit status
is 0 either way unless ``--check`` is given.

With ``--ocr-pages K`` (default 6; 0 skips it) it renders the first page of the first K
PDFs at each resolution of ``--ocr-dpi`` (default 200 and 300 dpi) and times copydesk's
OCR of each page image (``copydesk.readers.ocr.ocr_page_image``, which prepares the image
and runs tesseract): seconds per page, median, min and max. Rendering is timed apart.
Skipped, with a message, when tesseract is not installed.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from speed import pin_to_one_core  # bench/speed.py, beside this script

import copydesk
from copydesk.errors import CopydeskError
from copydesk.readers import read

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_SET = REPO.parent / "shared" / "bench" / "dev"
MIN_PAGES_PER_SECOND = 50.0  # the target for the PDF path, per core
MAX_TIMES_BARE = 3.0  # the target: no more than this many times bare extraction's time
PROG = "pdf_speed"


@dataclass(frozen=True, slots=True)
class Pdf:
    name: str
    data: bytes
    pages: int


@dataclass(slots=True)
class Timing:
    """One way through the PDFs: each round's total and each PDF's time in each round."""

    label: str
    run: Callable[[bytes], object]
    totals: list[float]
    per_pdf: dict[str, list[float]]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def resolve_set(path: Path) -> Path:
    """The set folder: as given, else (a relative path) taken from the repository's root."""
    if path.is_dir() or path.is_absolute():
        return path
    return REPO / path if (REPO / path).is_dir() else path


def load_pdfs(set_dir: Path, limit: int | None) -> list[Pdf]:
    if not set_dir.is_dir():
        raise SystemExit(f"{PROG}: error: no benchmark set at {set_dir}; give one with --set")
    manifest = set_dir / "manifest.jsonl"
    if manifest.is_file():
        cases = [json.loads(x) for x in manifest.read_text().splitlines() if x.strip()]
        paths = sorted((c["case"], set_dir / c["pdf"]) for c in cases if c.get("pdf"))
    else:
        paths = [(p.parent.name, p) for p in sorted(set_dir.glob("**/input.pdf"))]
    if limit is not None:
        paths = paths[: max(0, limit)]
    if not paths:
        raise SystemExit(f"{PROG}: error: no PDF cases under {set_dir}")
    pdfs: list[Pdf] = []
    for name, path in paths:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SystemExit(f"{PROG}: error: cannot read {path} ({exc.strerror})") from None
        document = pdfium.PdfDocument(data)
        try:
            pdfs.append(Pdf(name, data, len(document)))
        finally:
            document.close()
    return pdfs


def bare(data: bytes) -> int:
    """pypdfium2's text extraction of every page, nothing more; the characters read."""
    document = pdfium.PdfDocument(data)
    chars = 0
    try:
        for number in range(len(document)):
            page = document[number]
            textpage = page.get_textpage()
            chars += len(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        document.close()
    return chars


def warm_up(pdfs: list[Pdf]) -> tuple[list[Pdf], list[str], list[str]]:
    """One untimed pass of each way; the PDFs copydesk cleans, those it could not
    (with why), and those on which the reader turned to OCR."""
    kept: list[Pdf] = []
    failed: list[str] = []
    ocr: list[str] = []
    for pdf in pdfs:
        bare(pdf.data)
        try:
            draft = read(pdf.data)
            copydesk.clean(pdf.data)
        except CopydeskError as exc:
            failed.append(f"{pdf.name}: {exc}")
            continue
        if draft.facts.ocr:
            ocr.append(pdf.name)
        kept.append(pdf)
    return kept, failed, ocr


def time_rounds(pdfs: list[Pdf], timings: list[Timing], rounds: int) -> None:
    for _ in range(rounds):
        for timing in timings:
            gc.collect()
            total = 0.0
            for pdf in pdfs:
                start = time.perf_counter()
                timing.run(pdf.data)
                elapsed = time.perf_counter() - start
                total += elapsed
                timing.per_pdf[pdf.name].append(elapsed)
            timing.totals.append(total)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(pdfs: list[Pdf], timings: list[Timing], rounds: int) -> bool:
    """Print the table and the targets; whether both targets were met (median rounds)."""
    pages = sum(pdf.pages for pdf in pdfs)
    base = timings[0]
    base_median, base_best = statistics.median(base.totals), min(base.totals)
    print(f"{rounds} rounds over {len(pdfs)} PDFs, {pages} pages")
    print(
        f"{'path':<8} {'median s':>9} {'best s':>8} {'pages/s':>9} {'best p/s':>9}"
        f" {'ms/page':>8} {'x bare':>7} {'best x':>7}"
    )
    for timing in timings:
        median, best = statistics.median(timing.totals), min(timing.totals)
        print(
            f"{timing.label:<8} {median:9.3f} {best:8.3f} {pages / median:9.1f}"
            f" {pages / best:9.1f} {1000 * median / pages:8.2f}"
            f" {median / base_median:7.2f} {best / base_best:7.2f}"
        )
    print("pages/s and x bare from the median round; best p/s and best x from the best round")
    clean = timings[-1]
    # Each PDF's median over the rounds: the slowest per page, where the time goes.
    per_page = {
        pdf.name: statistics.median(clean.per_pdf[pdf.name]) / max(pdf.pages, 1) for pdf in pdfs
    }
    bare_per_page = {
        pdf.name: statistics.median(base.per_pdf[pdf.name]) / max(pdf.pages, 1) for pdf in pdfs
    }
    pages_of = {pdf.name: pdf.pages for pdf in pdfs}
    print("slowest PDFs per page (clean, median of the rounds):")
    for name in sorted(per_page, key=lambda n: -per_page[n])[:3]:
        print(
            f"  {name:<28} {pages_of[name]:3d} pages {1000 * per_page[name]:7.1f} ms/page"
            f" ({per_page[name] / max(bare_per_page[name], 1e-9):.1f}x bare)"
        )
    median = statistics.median(clean.totals)
    rate = pages / median
    times_bare = median / base_median
    fast = rate >= MIN_PAGES_PER_SECOND
    close = times_bare <= MAX_TIMES_BARE
    print(
        f"{verdict(fast)}  clean {rate:.1f} pages/s per core (target >= {MIN_PAGES_PER_SECOND:g})"
    )
    print(
        f"{verdict(close)}  clean {times_bare:.2f}x bare pypdfium2 extraction"
        f" (target <= {MAX_TIMES_BARE:g}x)"
    )
    return fast and close


def tesseract_missing() -> str | None:
    """Why OCR cannot be timed here, or None when it can."""
    try:
        import pytesseract
    except ImportError:
        return "pytesseract is not installed"
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        return "tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-eng)"
    return None


def render(pdf: Pdf, dpi: int) -> tuple[Any, float]:
    """The first page of the PDF as a PIL image at ``dpi``, and the seconds it took."""
    start = time.perf_counter()
    document = pdfium.PdfDocument(pdf.data)
    try:
        page = document[0]
        try:
            image = page.render(scale=dpi / 72).to_pil()
        finally:
            page.close()
    finally:
        document.close()
    return image, time.perf_counter() - start


def ocr_speed(pdfs: list[Pdf], count: int, resolutions: list[int]) -> None:
    print()
    why = tesseract_missing()
    if why is not None:
        print(f"OCR: skipped: {why}")
        return
    import pytesseract

    from copydesk.readers.ocr import ocr_page_image

    chosen = pdfs[:count]
    print(
        f"OCR: first page of {len(chosen)} PDFs ({', '.join(p.name for p in chosen)}),"
        f" tesseract {pytesseract.get_tesseract_version()}, one thread"
    )
    warm, _ = render(chosen[0], resolutions[0])
    try:  # untimed: tesseract's program and language data into the page cache
        ocr_page_image(warm, deadline=time.monotonic() + 600, dpi=resolutions[0])
    except CopydeskError as exc:
        print(f"OCR: skipped: {exc}")
        return
    print(
        f"{'dpi':>4} {'pages':>5} {'pixels':>11} {'render s':>9}"
        f" {'median s':>9} {'min s':>7} {'max s':>7} {'chars':>6}"
    )
    for dpi in resolutions:
        spent: list[float] = []
        renders: list[float] = []
        chars = 0
        size = (0, 0)
        for pdf in chosen:
            image, rendered = render(pdf, dpi)
            size = image.size
            renders.append(rendered)
            start = time.perf_counter()
            try:
                text = ocr_page_image(image, deadline=time.monotonic() + 600, dpi=dpi)
            except CopydeskError as exc:
                print(f"  {pdf.name} at {dpi} dpi: {exc}")
                continue
            spent.append(time.perf_counter() - start)
            chars += len(text)
        if not spent:
            continue
        print(
            f"{dpi:4d} {len(spent):5d} {size[0]:5d}x{size[1]:<5d}"
            f" {statistics.median(renders):9.3f} {statistics.median(spent):9.2f}"
            f" {min(spent):7.2f} {max(spent):7.2f} {chars // len(spent):6d}"
        )
    print("seconds per page of OCR (image preparation and tesseract), rendering apart;")
    print("pixels: the last page's size; chars: mean characters read per page")


def parse_dpi(value: str) -> list[int]:
    try:
        resolutions = [int(x) for x in value.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of dpi: {value!r}") from None
    if not resolutions or any(not 50 <= dpi <= 1200 for dpi in resolutions):
        raise argparse.ArgumentTypeError(f"give resolutions from 50 to 1200 dpi: {value!r}")
    return resolutions


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--set", type=Path, default=DEFAULT_SET, help="benchmark set folder")
    ap.add_argument("--rounds", type=int, default=5, help="timed rounds over the set (default 5)")
    ap.add_argument("--limit", type=int, metavar="N", help="only the first N PDF cases by name")
    ap.add_argument(
        "--no-reader", action="store_true", help="leave out the reader-alone row (faster)"
    )
    ap.add_argument(
        "--ocr-pages", type=int, default=6, metavar="K", help="pages to OCR (default 6; 0 skips)"
    )
    ap.add_argument(
        "--ocr-dpi",
        type=parse_dpi,
        default=[200, 300],
        metavar="DPI[,DPI]",
        help="resolutions to render the OCR pages at (default 200,300)",
    )
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args(argv)
    set_dir = resolve_set(args.set).resolve()
    pdfs = load_pdfs(set_dir, args.limit)
    pinned = pin_to_one_core()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(
        f"copydesk {copydesk.__version__}, Python {sys.version.split()[0]},"
        f" pypdfium2 {pdfium.version.PYPDFIUM_INFO} (pdfium {pdfium.version.PDFIUM_INFO})"
    )
    print(f"{cpu_model()}, {os.cpu_count()} CPUs, {pinned}, load average {load}")
    print(f"set {set_dir}: {len(pdfs)} PDFs, {sum(p.pages for p in pdfs)} pages")
    kept, failed, ocr = warm_up(pdfs)
    for line in failed:
        print(f"  left out (copydesk cannot clean it): {line}")
    if ocr:
        print(f"  note: the reader OCR'd pages of {len(ocr)} PDFs: {', '.join(ocr)}")
    if not kept:
        raise SystemExit(f"{PROG}: error: copydesk cleaned none of the PDFs")
    timings = [Timing("bare", bare, [], {p.name: [] for p in kept})]
    if not args.no_reader:
        timings.append(Timing("reader", read, [], {p.name: [] for p in kept}))
    timings.append(Timing("clean", copydesk.clean, [], {p.name: [] for p in kept}))
    rounds = max(1, args.rounds)
    time_rounds(kept, timings, rounds)
    met = report(kept, timings, rounds)
    if args.ocr_pages > 0:
        ocr_speed(pdfs, args.ocr_pages, args.ocr_dpi)
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
