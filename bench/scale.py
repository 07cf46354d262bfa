"""Does copydesk's cost grow linearly with the size of one input? Time and peak memory.

    python bench/scale.py [--set ../shared/bench/dev]      # text 1, 10, 100; PDF 10, 100, 1000
    python bench/scale.py --text-1000                       # also 1,000 articles (~15 MB)
    python bench/scale.py --text-sizes 1,10,100,1000 --pdf-pages 10,100,1000,2000
                                                            # (copydesk reads 2,000 pages at most)
    python bench/scale.py --skip-pdf --rounds 1
    python bench/scale.py --json scale.json                 # also write the figures

Builds inputs of growing size from the set, each restored as ONE document:

- text: the set's ``input.txt`` files in manifest order (cycling when more are asked for
  than the set holds), joined with a form feed (a page break) between them;
- PDF: the set's ``input.pdf`` files in manifest order, their pages imported into a new
  PDF (pypdfium2 ``PdfDocument.import_pages``) until it has the number of pages asked for,
  saved to a temporary folder and restored with ``copydesk.clean(Path(pdf))``.

Each size is restored in a fresh subprocess of this interpreter, pinned to one core: it
first cleans a tiny input of the same kind (imports, word tables, pdfium: loaded there and
left out of the timing), notes its resident memory (the baseline), then times one
``copydesk.clean`` of the input. With ``--rounds N`` each size is restored in N such
subprocesses and the median time is shown.

Memory is read on Linux from ``/proc/self/status``: the peak (``VmHWM``) is reset after the
warm-up (``/proc/self/clear_refs``), so the peak shown is that of the timed clean alone.
``ru_maxrss`` will not do for this, in the child (``RUSAGE_SELF``) nor in the parent
(``RUSAGE_CHILDREN``, ``os.wait4``): Linux starts a child's ``ru_maxrss`` at the RSS of the
parent that spawned it, and this parent holds the PDFs it built (over 100 MB). Elsewhere the
script falls back to ``ru_maxrss`` and says so.

The table gives, per size: MB of input, seconds, MB/s (text) or pages/s (PDF), seconds per
article or page, setup seconds (interpreter start, imports, warm-up, reading the input),
baseline, peak and grown RSS, and the paragraphs restored. Below it, for text and PDF, the
time per unit and per MB at the largest size over the smallest (about 1.0 when the cost is
linear) and the exponent k of time ~ size^k between the two largest sizes. Prints figures;
asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from speed import interpreter, pin_to_one_core  # bench/speed.py, beside this script

import copydesk

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_SET = Path(__file__).resolve().parents[2] / "shared" / "bench" / "dev"
MB = 1_000_000
PROG = "scale"
UNITS = {"text": "articles", "pdf": "pages"}


@dataclass(frozen=True, slots=True)
class Case:
    """One benchmark case of the set: its name and its renditions (either may be absent)."""

    name: str
    txt: Path | None
    pdf: Path | None


@dataclass(slots=True)
class Row:
    """The figures for one input size (times are the median over the rounds)."""

    kind: str
    count: int
    megabytes: float
    seconds: float
    seconds_all: list[float]
    setup_seconds: float
    baseline_mb: float
    warm_up_peak_mb: float
    peak_mb: float
    grew_mb: float
    memory_from: str
    paragraphs: int
    ocr: bool
    warnings: list[str]


def resolve_set(path: Path) -> Path:
    """The set folder: as given, else (a relative path) taken from the repository's root."""
    if path.is_dir() or path.is_absolute():
        return path
    return REPO / path if (REPO / path).is_dir() else path


def load_cases(set_dir: Path) -> list[Case]:
    if not set_dir.is_dir():
        raise SystemExit(f"{PROG}: error: no benchmark set at {set_dir}; give one with --set")
    manifest = set_dir / "manifest.jsonl"
    if not manifest.is_file():
        raise SystemExit(f"{PROG}: error: {set_dir} has no manifest.jsonl; give a set with --set")
    rows = [json.loads(x) for x in manifest.read_text(encoding="utf-8").splitlines() if x.strip()]
    cases = [
        Case(
            row["case"],
            set_dir / row["txt"] if row.get("txt") else None,
            set_dir / row["pdf"] if row.get("pdf") else None,
        )
        for row in rows
    ]
    missing = [
        str(path)
        for c in cases
        for path in (c.txt, c.pdf)
        if path is not None and not path.is_file()
    ]
    if missing:
        raise SystemExit(
            f"{PROG}: error: {len(missing)} inputs named in {manifest} are missing,"
            f" e.g. {missing[0]}"
        )
    return cases


def build_text(texts: list[Path], count: int, out: Path) -> int:
    """``count`` of the articles in order, cycling, joined by form feeds; bytes written."""
    parts = [texts[i % len(texts)].read_text(encoding="utf-8") for i in range(count)]
    data = "\f".join(parts).encode("utf-8")
    out.write_bytes(data)
    return len(data)


def build_pdf(sources: list[Path], pages: int, out: Path) -> int:
    """The pages of ``sources`` in order, cycling, until ``pages``; bytes written."""
    document = pdfium.PdfDocument.new()
    try:
        i = 0
        while len(document) < pages:
            source = pdfium.PdfDocument(sources[i % len(sources)])
            try:
                # The last source is cut short so that every size has exactly its pages.
                take = min(len(source), pages - len(document))
                document.import_pages(source, list(range(take)))
            finally:
                source.close()
            i += 1
        document.save(out)
    finally:
        document.close()
    return out.stat().st_size


def pages_without_text(path: Path) -> int:
    """Pages of the PDF with no text at all: those copydesk would OCR (if they hold images)."""
    document = pdfium.PdfDocument(path)
    try:
        empty = 0
        for number in range(len(document)):
            page = document[number]
            textpage = page.get_textpage()
            empty += textpage.count_chars() <= 0
            textpage.close()
            page.close()
        return empty
    finally:
        document.close()


def maxrss_mb() -> float:
    """This process's ``ru_maxrss`` in MB: Linux reports KiB, macOS bytes."""
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss / MB if sys.platform == "darwin" else maxrss * 1024 / MB


def proc_memory() -> tuple[float, float] | None:
    """Resident memory now and its peak (MB) from ``/proc/self/status``; None without it."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            fields = dict(line.split(":", 1) for line in status if ":" in line)
        # Reported in kB (KiB, despite the name).
        return (
            int(fields["VmRSS"].split()[0]) * 1024 / MB,
            int(fields["VmHWM"].split()[0]) * 1024 / MB,
        )
    except (OSError, KeyError, ValueError):
        return None


def reset_peak() -> bool:
    """Bring the peak RSS (``VmHWM``) down to the RSS now (Linux 4.0 and later)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
            clear.write("5")
    except OSError:
        return False
    return proc_memory() is not None


def child(kind: str, path: Path, warm: Path) -> int:
    """Restore one input in this fresh process and print its figures as one JSON line."""
    # The same kind as the input, so that what its path loads lazily (word tables,
    # pdfium's library) is loaded here and not charged to the timed clean.
    copydesk.clean(warm.read_text(encoding="utf-8") if kind == "text" else warm)
    gc.collect()
    warmed = proc_memory()
    exact = warmed is not None and reset_peak()
    if warmed is not None and exact:
        baseline, warm_peak = warmed
    else:
        # The high-water mark since the process began: the warm-up's, or the parent's.
        baseline = warm_peak = maxrss_mb()
    # Text is handed over as str, as speed.py does: decoding is not the subject. A PDF goes
    # by path, as a user would give a long one; its bytes are read inside the clean.
    source: str | Path = path.read_text(encoding="utf-8") if kind == "text" else path
    start = time.perf_counter()
    article = copydesk.clean(source)
    seconds = time.perf_counter() - start
    after = proc_memory() if exact else None
    figures = {
        "seconds": seconds,
        "baseline_mb": baseline,
        "warm_up_peak_mb": warm_peak,
        "peak_mb": after[1] if after is not None else maxrss_mb(),
        "memory_from": "VmHWM reset after the warm-up" if exact else "ru_maxrss",
        "paragraphs": len(article.paragraphs),
        "ocr": article.ocr,
        "warnings": article.warnings,
    }
    print(json.dumps(figures))
    return 0


def run_child(kind: str, path: Path, warm: Path) -> tuple[dict[str, Any], float]:
    """One fresh subprocess for one input: its figures and its wall time."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, str(path), str(warm)]
    start = time.perf_counter()
    # stderr goes straight through: a traceback in the child shows as it would in the parent.
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(
            f"{PROG}: error: the subprocess for {kind} {path.name} failed"
            f" (exit status {done.returncode})"
        )
    lines = done.stdout.strip().splitlines()
    if not lines:
        raise SystemExit(f"{PROG}: error: the subprocess for {kind} {path.name} printed nothing")
    return json.loads(lines[-1]), wall


def measure(kind: str, count: int, path: Path, warm: Path, rounds: int) -> Row:
    seconds: list[float] = []
    setups: list[float] = []
    baselines: list[float] = []
    peaks: list[float] = []
    warm_peaks: list[float] = []
    figures: dict[str, Any] = {}
    for _ in range(rounds):
        figures, wall = run_child(kind, path, warm)
        seconds.append(figures["seconds"])
        setups.append(wall - figures["seconds"])
        baselines.append(figures["baseline_mb"])
        peaks.append(figures["peak_mb"])
        warm_peaks.append(figures["warm_up_peak_mb"])
    # Memory hardly varies between rounds; the worst round is what a user must provide.
    baseline, top = min(baselines), max(peaks)
    return Row(
        kind=kind,
        count=count,
        megabytes=path.stat().st_size / MB,
        seconds=statistics.median(seconds),
        seconds_all=seconds,
        setup_seconds=statistics.median(setups),
        baseline_mb=baseline,
        warm_up_peak_mb=max(warm_peaks),
        peak_mb=top,
        grew_mb=max(0.0, top - baseline),
        memory_from=figures["memory_from"],
        paragraphs=figures["paragraphs"],
        ocr=figures["ocr"],
        warnings=figures["warnings"],
    )


def print_header() -> None:
    print(
        f"{'kind':<4} {'size':>6} {'unit':<8} {'MB in':>7} {'seconds':>8} {'rate':>14}"
        f" {'s/unit':>8} {'setup s':>7} {'base RSS':>8} {'peak RSS':>8} {'grew MB':>7}"
        f" {'paras':>5}"
    )


def print_row(row: Row) -> None:
    if row.kind == "text":
        rate = f"{row.megabytes / row.seconds:7.2f} MB/s"
    else:
        rate = f"{row.count / row.seconds:6.1f} pages/s"
    print(
        f"{row.kind:<4} {row.count:6d} {UNITS[row.kind]:<8} {row.megabytes:7.2f}"
        f" {row.seconds:8.3f} {rate:>14} {row.seconds / row.count:8.4f} {row.setup_seconds:7.2f}"
        f" {row.baseline_mb:8.0f} {row.peak_mb:8.0f} {row.grew_mb:7.0f} {row.paragraphs:5d}"
    )


def print_ratios(rows: list[Row]) -> None:
    """Largest against smallest size: time per unit and per MB; the exponent at the top."""
    if len(rows) < 2:
        return
    small, large = rows[0], rows[-1]
    unit = UNITS[small.kind][:-1]
    per_unit = (large.seconds / large.count) / (small.seconds / small.count)
    per_mb = (large.seconds / large.megabytes) / (small.seconds / small.megabytes)
    below, top = rows[-2], rows[-1]
    # Between the two largest sizes a fixed cost per document weighs least: a k above 1
    # there is work that grows faster than the input.
    k = math.log(top.seconds / below.seconds) / math.log(top.count / below.count)
    print(
        f"{small.kind}: time per {unit} at {large.count} over {small.count}:"
        f" {per_unit:.2f}; per MB: {per_mb:.2f}; k from {below.count} to {top.count}: {k:.2f}"
    )


def parse_sizes(value: str) -> list[int]:
    try:
        sizes = sorted({int(x) for x in value.split(",") if x.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of whole numbers: {value!r}") from None
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError(f"give sizes of 1 or more: {value!r}")
    return sizes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--set", type=Path, default=DEFAULT_SET, help="benchmark set folder")
    ap.add_argument(
        "--text-sizes",
        type=parse_sizes,
        default=[1, 10, 100],
        metavar="N[,N]",
        help="articles per text input (default 1,10,100)",
    )
    ap.add_argument(
        "--text-1000", action="store_true", help="add 1,000 articles (~15 MB; seconds more)"
    )
    ap.add_argument(
        "--pdf-pages",
        type=parse_sizes,
        default=[10, 100, 1000],
        metavar="N[,N]",
        help="pages per PDF input (default 10,100,1000)",
    )
    ap.add_argument("--skip-pdf", action="store_true", help="text inputs only")
    ap.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="fresh subprocesses per size; the median time is shown (default 3)",
    )
    ap.add_argument("--json", type=Path, metavar="OUT", help="also write the figures to OUT")
    # The subprocess's entry point: KIND INPUT WARMUP.
    ap.add_argument("--child", nargs=3, metavar=("KIND", "INPUT", "WARM"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        kind, path, warm = args.child
        return child(kind, Path(path), Path(warm))

    started = time.perf_counter()
    set_dir = resolve_set(args.set).resolve()
    cases = load_cases(set_dir)
    text_sizes: list[int] = sorted({*args.text_sizes, *([1000] if args.text_1000 else [])})
    pdf_sizes: list[int] = [] if args.skip_pdf else args.pdf_pages
    rounds = max(1, args.rounds)
    print(f"copydesk {copydesk.__version__}, {interpreter()}")
    # Children inherit the affinity: every size runs on the same core.
    print(f"pypdfium2 {pdfium.version.PYPDFIUM_INFO}, {pin_to_one_core()}")
    print(
        f"each size restored in a fresh subprocess ({sys.executable}), {rounds} per size,"
        " after a warm-up clean of a tiny input of its kind"
    )
    print(f"set {set_dir}: {len(cases)} cases")

    rows: list[Row] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="copydesk-scale-") as tmp:
        folder = Path(tmp)
        # The set's last article warms up the text path, the first page of its last PDF
        # the PDF path: enough to load what is lazily loaded, and (up to a size that cycles
        # through the set) no part of the timed inputs, whose words it would cache.
        texts = [c.txt for c in cases if c.txt is not None]
        pdfs = [c.pdf for c in cases if c.pdf is not None]
        if not texts or (pdf_sizes and not pdfs):
            raise SystemExit(f"{PROG}: error: the set at {set_dir} has no input.txt or input.pdf")
        warm_text = texts[-1]
        built = time.perf_counter()
        inputs: list[tuple[str, int, Path, Path]] = []
        for count in text_sizes:
            path = folder / f"text-{count}.txt"
            build_text(texts, count, path)
            inputs.append(("text", count, path, warm_text))
        if pdf_sizes:
            warm_pdf = folder / "warm-up.pdf"
            build_pdf(pdfs[-1:], 1, warm_pdf)
            for pages in pdf_sizes:
                path = folder / f"pdf-{pages}.pdf"
                build_pdf(pdfs, pages, path)
                empty = pages_without_text(path)
                if empty:
                    notes.append(f"{path.name}: {empty} pages without a text layer (OCR'd)")
                inputs.append(("pdf", pages, path, warm_pdf))
        print(f"inputs built in {time.perf_counter() - built:.1f} s in {folder}")
        if text_sizes and len(texts) < max(text_sizes):
            notes.append(
                f"text inputs above {len(texts)} articles repeat articles (cycled): the"
                " restorer's word caches see repeats there"
            )
        print()
        print_header()
        for kind, count, path, warm in inputs:
            row = measure(kind, count, path, warm, rounds)
            rows.append(row)
            print_row(row)
            if row.ocr:
                notes.append(f"{kind} {count}: copydesk OCR'd some of it")
            notes.extend(f"{kind} {count}: {w}" for w in row.warnings)
    print("seconds: median of the rounds for one clean; s/unit: seconds per article or page")
    print("setup s: the rest of the subprocess (interpreter, imports, warm-up, reading the input)")
    if rows and rows[0].memory_from == "ru_maxrss":
        print("base RSS, peak RSS: ru_maxrss after the warm-up and after the clean (MB): no")
        print("  /proc here, so both are high-water marks since the subprocess (or its parent)")
        print("  began; a clean that stays under the warm-up's mark shows no growth")
    else:
        print("base RSS: resident after the warm-up (MB); peak RSS: the peak during the timed")
        print("  clean alone (VmHWM, reset after the warm-up)")
    print("grew MB: peak minus base, the input itself included; paras: paragraphs restored")
    print()
    for kind in ("text", "pdf"):
        print_ratios([row for row in rows if row.kind == kind])
    print("(1.00 and k = 1.00: linear; above: the cost grows faster than the input; k is the")
    print(" fairer test: at the smallest size a fixed cost per document and cold word caches")
    print(" weigh most, and a few articles or pages may not be typical of the set)")
    for note in notes:
        print(f"note: {note}")
    total = time.perf_counter() - started
    print(f"whole run: {total:.1f} s")
    if args.json is not None:
        args.json.write_text(
            json.dumps(
                {
                    "copydesk": copydesk.__version__,
                    "interpreter": interpreter(),
                    "set": str(set_dir),
                    "subprocess_per_size": True,
                    "rounds": rounds,
                    "rows": [asdict(row) for row in rows],
                    "notes": notes,
                    "seconds_total": total,
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
