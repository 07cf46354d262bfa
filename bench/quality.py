"""Score copydesk on a benchmark set in process (fast to iterate; same metrics as score.py).

    python bench/quality.py [--set ../shared/bench/dev] [--input txt|pdf] [--only typeset]
                            [--json out.json] [--worst body_sim]

The reference figures come from ../shared/bench/score.py run on the CLI; this script
imports that scorer's metric functions, so the numbers agree.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from types import ModuleType

import copydesk

HERE = Path(__file__).resolve().parent
DEFAULT_SET = HERE.parent.parent / "shared" / "bench" / "dev"


def load_scorer(set_dir: Path) -> ModuleType:
    path = set_dir.parent / "score.py"
    spec = importlib.util.spec_from_file_location("bench_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--set", type=Path, default=DEFAULT_SET)
    ap.add_argument("--only", help="comma-separated scenarios or renderings")
    ap.add_argument(
        "--input",
        choices=("txt", "pdf"),
        default="txt",
        help="which rendering to restore: the text, or the PDF (a case without one: its text)",
    )
    ap.add_argument("--json", type=Path, help="write per-case scores here")
    ap.add_argument("--worst", help="list the ten worst cases on this metric")
    args = ap.parse_args(argv)
    scorer = load_scorer(args.set)
    cases = [json.loads(x) for x in (args.set / "manifest.jsonl").read_text().splitlines() if x]
    if args.only:
        keep = set(args.only.split(","))
        cases = [c for c in cases if c["scenario"] in keep or c["rendering"] in keep]
    rows = []
    started = time.perf_counter()
    for case in cases:
        truth = json.loads((args.set / case["truth"]).read_text())
        try:
            source = case.get(args.input) or case["txt"]
            pred = copydesk.clean(args.set / source).to_dict()
        except copydesk.CopydeskError as exc:
            print(f"{case['case']}: {exc}", file=sys.stderr)
            pred = {}
        rows.append(
            {"case": case["case"], "scenario": case["scenario"], **scorer.score_case(pred, truth)}
        )
    elapsed = time.perf_counter() - started
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        groups[row["scenario"]].append(row)
        groups["all"].append(row)
    fields = scorer.FIELDS
    print(f"{'scenario':<10} {'n':>4} " + " ".join(f"{f:>9}" for f in fields))
    for name in sorted(groups, key=lambda g: g == "all"):
        rs = groups[name]
        cells = []
        for f in fields:
            vals = [r[f] for r in rs if f in r]
            cells.append(f"{statistics.fmean(vals):9.3f}" if vals else f"{'-':>9}")
        print(f"{name:<10} {len(rs):>4} " + " ".join(cells))
    print(f"{len(rows)} cases in {elapsed:.1f} s")
    if args.worst:
        worst = sorted((r for r in rows if args.worst in r), key=lambda r: r[args.worst])[:10]
        for r in worst:
            print(f"  {r[args.worst]:.3f}  {r['case']}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
