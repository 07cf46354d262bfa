"""Score copydesk on generated layouts, per layout feature: where it is weak has an address.

    python bench/layouts/report.py OUT [--input pdf,txt] [--workers 2] [--save FILE]
    python bench/layouts/report.py OUT --against BEFORE.json   # the change per feature

Restores every case of the truth set ``OUT`` (written by ``generate.py``) with
``copydesk eval``'s machinery, once per input kind, and prints the means per scenario,
then, for each feature of the layouts (``columns``, ``credit``, ``headline_lines``, ...),
the means of the cases with each of its values. ``--save`` keeps every case's scores;
``--against`` a saved file prints the difference of each mean. Prints figures; asserts
nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from copydesk.evaluation import evaluate

METRICS = (
    "body_sim",
    "para_f1",
    "token_p",
    "title",
    "dek",
    "authors",
    "published",
    "captions",
    "bio",
    "links",
)
Scores = dict[str, dict[str, Any]]  # input kind -> case -> {"scenario", "features", metric: value}


def score(out: Path, inputs: list[str], workers: int) -> Scores:
    """Every case's scores, per input kind."""
    rows = [json.loads(x) for x in (out / "manifest.jsonl").read_text().splitlines() if x.strip()]
    features = {row["case"]: row.get("features", {}) for row in rows}
    scores: Scores = {}
    for kind in inputs:
        report = evaluate(out, run=True, input=kind, workers=workers, progress=sys.stderr.isatty())
        print(f"== {kind} input: {report.note}")
        print(report.table())
        scores[kind] = {
            r.case: {
                "scenario": r.scenario,
                "features": features.get(r.case, {}),
                "error": r.error,
                **r.scores,
            }
            for r in report.results
        }
    return scores


def feature_means(cases: dict[str, Any], min_n: int) -> dict[str, dict[str, float]]:
    """For each ``feature=value`` (and each scenario as ``scenario=...``) with at least
    ``min_n`` cases: ``n`` and the mean of each metric its cases have."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for result in cases.values():
        groups[f"scenario={result['scenario']}"].append(result)
        for name, value in result["features"].items():
            groups[f"{name}={value}"].append(result)
    out: dict[str, dict[str, float]] = {}
    for key in sorted(groups, key=_feature_order):
        members = groups[key]
        if len(members) < min_n:
            continue
        row: dict[str, float] = {"n": len(members)}
        for metric in METRICS:
            values = [m[metric] for m in members if metric in m]
            if values:
                row[metric] = statistics.fmean(values)
        out[key] = row
    return out


def _feature_order(key: str) -> tuple[int, str, str]:
    name, _, value = key.partition("=")
    return (0 if name == "scenario" else 1, name, value.zfill(3) if value.isdigit() else value)


def table(means: dict[str, dict[str, float]], against: dict[str, dict[str, float]] | None) -> str:
    width = max([len("feature=value"), *map(len, means)])
    head = f"{'feature=value':<{width}}  {'n':>4}  " + "  ".join(f"{m:>9}" for m in METRICS)
    lines = [head]
    last_feature = ""
    for key, row in means.items():
        feature = key.partition("=")[0]
        if feature != last_feature and last_feature:
            lines.append("")
        last_feature = feature
        cells = []
        for metric in METRICS:
            if metric not in row:
                cells.append(f"{'-':>9}")
            elif against is not None and metric in against.get(key, {}):
                cells.append(f"{row[metric] - against[key][metric]:+9.3f}")
            else:
                cells.append(f"{row[metric]:9.3f}")
        lines.append(f"{key:<{width}}  {int(row['n']):>4}  " + "  ".join(cells))
    return "\n".join(lines)


def weakest(means: dict[str, dict[str, float]], count: int) -> list[str]:
    """The feature values that fall furthest below their scenario's mean on a metric."""
    gaps = []
    for key, row in means.items():
        if key.startswith("scenario="):
            continue
        for metric in METRICS:
            overall = [
                means[s][metric] for s in means if s.startswith("scenario=") and metric in means[s]
            ]
            if metric in row and overall:
                gaps.append(
                    (
                        row[metric] - statistics.fmean(overall),
                        key,
                        metric,
                        row[metric],
                        int(row["n"]),
                    )
                )
    gaps.sort()
    return [
        f"{key:<32} {metric:<9} {value:.3f} ({gap:+.3f}, n={n})"
        for gap, key, metric, value, n in gaps[:count]
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path, help="a truth set written by generate.py")
    parser.add_argument(
        "--input", default="pdf,txt", help="input kinds, comma-separated (default pdf,txt)"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--min-n", type=int, default=5, help="leave out feature values with fewer cases"
    )
    parser.add_argument("--save", type=Path, help="write every case's scores here (JSON)")
    parser.add_argument(
        "--scores", type=Path, help="read the scores from a --save file instead of restoring"
    )
    parser.add_argument(
        "--against", type=Path, help="a --save file: print each mean's change from it"
    )
    args = parser.parse_args(argv)
    if args.scores is not None:
        scores: Scores = json.loads(args.scores.read_text())
    else:
        if not (args.out / "manifest.jsonl").is_file():
            parser.error(f"{args.out} holds no manifest.jsonl: write one with generate.py")
        scores = score(args.out, [x for x in args.input.split(",") if x], args.workers)
    if args.save is not None:
        args.save.write_text(json.dumps(scores))
    before: Scores | None = json.loads(args.against.read_text()) if args.against else None
    for kind, cases in scores.items():
        means = feature_means(cases, args.min_n)
        print(f"\n== per feature, {kind} input ({len(cases)} cases)")
        print(table(means, None))
        if before is not None and kind in before:
            print(f"\n== change from {args.against}, {kind} input")
            print(table(means, feature_means(before[kind], args.min_n)))
        print(f"\n== weakest feature values, {kind} input")
        print("\n".join(weakest(means, 15)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
