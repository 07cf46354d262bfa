"""Throughput of copydesk in process, on one core.

    python bench/speed.py [--set ../shared/bench/dev] [--rounds 3]
    python bench/speed.py --big 25         # one synthetic 25 MB input: time and peak memory
    python bench/speed.py --scaling        # the same for 1, 5 and 25 MB: is it linear?
    python bench/speed.py --big 5 --trace  # also peak Python allocations (tracemalloc, slower)
    python bench/speed.py --profile 25     # also the 25 functions that take the most time

Reads every ``input.txt`` of the set, cleans each once to warm up, then times
``copydesk.clean(text)`` over all of them for N rounds and prints MB/s and articles/s
(median of the rounds) and the slowest single case. Decoding and file reading are left
out: the text is read before timing. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import platform
import pstats
import resource
import statistics
import sys
import sysconfig
import time
import tracemalloc
from pathlib import Path

import copydesk
from copydesk.cli import BUILD

HERE = Path(__file__).resolve().parent
DEFAULT_SET = HERE.parent.parent / "shared" / "bench" / "dev"
MB = 1_000_000


def pin_to_one_core() -> str:
    """Run on one core where the OS allows it; say which."""
    if hasattr(os, "sched_setaffinity"):
        cores = sorted(os.sched_getaffinity(0))
        # The last core: Linux serves most interrupts and housekeeping on core 0.
        os.sched_setaffinity(0, {cores[-1]})
        return f"pinned to core {cores[-1]} (of {len(cores)} available)"
    return "not pinned (no sched_setaffinity here); copydesk runs on one thread anyway"


def load_inputs(set_dir: Path) -> list[tuple[str, str]]:
    manifest = set_dir / "manifest.jsonl"
    if manifest.is_file():
        cases = [json.loads(x) for x in manifest.read_text().splitlines() if x.strip()]
        paths = [(c["case"], set_dir / c["txt"]) for c in cases if c.get("txt")]
    else:
        paths = [(p.parent.name, p) for p in sorted(set_dir.glob("**/input.txt"))]
    if not paths:
        raise SystemExit(f"no input.txt under {set_dir}")
    return [(name, path.read_text(encoding="utf-8")) for name, path in paths]


def throughput(inputs: list[tuple[str, str]], rounds: int) -> None:
    size = sum(len(text.encode("utf-8")) for _, text in inputs)
    for _, text in inputs:  # warm up: imports, regex compilation, word lists
        copydesk.clean(text)
    totals: list[float] = []
    times: dict[str, list[float]] = {name: [] for name, _ in inputs}
    for _ in range(rounds):
        gc.collect()
        total = 0.0
        for name, text in inputs:
            start = time.perf_counter()
            copydesk.clean(text)
            elapsed = time.perf_counter() - start
            total += elapsed
            times[name].append(elapsed)
        totals.append(total)
    median = statistics.median(totals)
    # Each article's median over the rounds, summed: a burst of load from other tenants
    # of the host lands on a few articles of one round and is voted out, where it would
    # stretch that round's total.
    typical = sum(statistics.median(spent) for spent in times.values())
    slowest = {name: max(spent) for name, spent in times.items()}
    worst = max(slowest, key=lambda name: slowest[name])
    worst_size = next(len(t.encode("utf-8")) for n, t in inputs if n == worst)
    print(f"{len(inputs)} articles, {size / MB:.2f} MB of text, {rounds} rounds")
    print(f"  per round: median {median:.2f} s (min {min(totals):.2f}, max {max(totals):.2f})")
    print(
        f"  throughput per core: {size / MB / median:.2f} MB/s,"
        f" {len(inputs) / median:.1f} articles/s"
    )
    print(
        f"  per article (median of the rounds, summed): {typical:.2f} s,"
        f" {size / MB / typical:.2f} MB/s, {len(inputs) / typical:.1f} articles/s"
    )
    # On a shared host other tenants only ever add time: the best round shows what the
    # code costs, the median what a user of this host got.
    best = min(totals)
    print(f"  best round: {size / MB / best:.2f} MB/s, {len(inputs) / best:.1f} articles/s")
    print(f"  mean per article: {1000 * median / len(inputs):.1f} ms")
    print(f"  slowest case: {worst} ({worst_size / 1000:.0f} KB) {1000 * slowest[worst]:.0f} ms")


def profile(inputs: list[tuple[str, str]], top: int) -> None:
    """One more round under cProfile: the functions that take the most time of their own,
    and the share of the round each takes. The profiler slows Python-level calls more than
    C-level ones, so the shares are a guide, not a measurement (of compiled code it sees
    only the calls into and out of the compiled modules)."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _, text in inputs:
        copydesk.clean(text)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)  # type: ignore[attr-defined]
    print(f"profile of one round ({total:.2f} s under the profiler): own time, calls, function")
    for (path, line, name), (_, calls, own, _cumulative, _) in rows[:top]:
        where = f"{Path(path).name}:{line}" if line else path
        print(f"  {100 * own / total:5.1f}% {own:6.2f} s {calls:9d}  {name} ({where})")


def synthetic(inputs: list[tuple[str, str]], megabytes: float) -> str:
    """Dev inputs concatenated (page breaks between) until the text reaches the size."""
    parts: list[str] = []
    size, i = 0, 0
    while size < megabytes * MB:
        text = inputs[i % len(inputs)][1]
        parts.append(text)
        size += len(text.encode("utf-8")) + 1
        i += 1
    return "\f".join(parts)


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MB if sys.platform == "darwin" else peak * 1024 / MB


def big(inputs: list[tuple[str, str]], megabytes: float, trace: bool) -> None:
    """Clean one synthetic input of that size and print time and memory."""
    text = synthetic(inputs, megabytes)
    size = len(text.encode("utf-8")) / MB
    gc.collect()
    before = rss_mb()
    start = time.perf_counter()
    copydesk.clean(text)
    elapsed = time.perf_counter() - start
    peak = rss_mb()
    traced = ""
    if trace:
        gc.collect()
        tracemalloc.start()
        copydesk.clean(text)
        traced = f" {tracemalloc.get_traced_memory()[1] / MB:10.0f}"
        tracemalloc.stop()
    print(
        f"{size:9.1f} {elapsed:8.2f} {size / elapsed:6.2f} {elapsed / size:9.2f}"
        f" {peak:9.0f} {max(0.0, peak - before):9.0f}{traced}"
    )


def interpreter() -> str:
    """Which CPython build runs the benchmark.

    The same code runs a third faster on a build optimized with profile data and link-time
    optimization (what Debian and python.org ship) than on a plain build (what pyenv makes
    unless told otherwise): the figures are only comparable on one build.
    """
    build = "libpython as a shared library" if _libpython_shared() else "libpython built in"
    compiler = platform.python_compiler()
    return f"Python {platform.python_version()} ({sys.executable}, {build}, {compiler})"


def host_reference() -> str:
    """The time of a fixed pure-Python loop (best of five), printed beside the figures.

    Shared hosts differ, and one host differs from hour to hour: the same code and
    interpreter have run a third slower on one day than on another. Throughput read beside
    this reference tells a slower host from slower code.
    """

    def loop() -> float:
        start = time.process_time()
        total = 0
        for i in range(2_000_000):
            total += i & 7
        return time.process_time() - start

    best = min(loop() for _ in range(5))
    return f"host reference: 2M-iteration Python loop in {1000 * best:.0f} ms (best of 5)"


def _libpython_shared() -> bool:
    """Does this process run the interpreter from a shared ``libpython`` (position-independent
    code, called through the PLT: slower) rather than from its own executable?"""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            return any("libpython" in line for line in maps)
    except OSError:  # not Linux: say what the build was configured with
        return bool(sysconfig.get_config_var("Py_ENABLE_SHARED"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--set", type=Path, default=DEFAULT_SET, help="benchmark set folder")
    ap.add_argument("--rounds", type=int, default=3, help="timed rounds over the set (default 3)")
    ap.add_argument("--big", type=float, metavar="MB", help="time one synthetic input of MB")
    ap.add_argument("--scaling", action="store_true", help="synthetic inputs of 1, 5 and 25 MB")
    ap.add_argument(
        "--profile", type=int, default=0, metavar="N", help="also print the top N functions"
    )
    ap.add_argument(
        "--trace",
        action="store_true",
        help="with --big/--scaling: also measure peak Python allocations (tracemalloc; slow)",
    )
    args = ap.parse_args(argv)
    print(f"copydesk {copydesk.__version__} ({BUILD}), {interpreter()}, {pin_to_one_core()}")
    print(host_reference())
    inputs = load_inputs(args.set)
    if args.big is None and not args.scaling:
        throughput(inputs, max(1, args.rounds))
        if args.profile:
            profile(inputs, args.profile)
        return 0
    copydesk.clean(inputs[0][1])  # warm up
    sizes = [args.big] if args.big is not None else [1.0, 5.0, 25.0]
    header = f"{'input MB':>9} {'seconds':>8} {'MB/s':>6} {'s per MB':>9}"
    header += f" {'peak RSS':>9} {'RSS grew':>9}"
    print(header + (f" {'traced MB':>10}" if args.trace else ""))
    for megabytes in sorted(sizes):
        big(inputs, megabytes, args.trace)
    print("peak RSS: the whole process's high-water mark so far (MB), input text included;")
    print("RSS grew: how much that mark rose during this clean")
    if args.trace:
        print("traced MB: peak Python allocations during one clean (tracemalloc)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
