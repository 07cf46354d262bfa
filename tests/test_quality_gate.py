"""The quality gate: copydesk on every dev case of ../shared/bench, scored with the
benchmark's own scorer, must not fall below the floors in ``quality_floors.json``.

Each case is restored twice: from its text and from its PDF (a case without a PDF, from
its text). The floors are a baseline ({input: {scenario: {metric: floor}}}), set a little
under the measured per-scenario means. Raise them when quality rises; never lower them to
make this pass. To see the current figures: ``python bench/quality.py --input pdf``.
"""

from __future__ import annotations

import json
import math
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from bench_data import BENCH, DEV, load_scorer

import copydesk

FLOORS = Path(__file__).parent / "quality_floors.json"

needs_bench = pytest.mark.skipif(
    not (DEV / "manifest.jsonl").is_file() or not (BENCH / "score.py").is_file(),
    reason=f"benchmark data not found at {BENCH} (check out ../shared beside the repo)",
)


INPUTS = ("txt", "pdf")


def load_floors(kind: str) -> dict[str, dict[str, float]]:
    data = json.loads(FLOORS.read_text(encoding="utf-8"))
    floors: dict[str, dict[str, float]] = data[kind]
    return floors


@pytest.fixture(scope="module", params=INPUTS)
def kind(request: pytest.FixtureRequest) -> str:
    value: str = request.param
    return value


@pytest.fixture(scope="module")
def means(kind: str) -> dict[str, dict[str, float]]:
    """Per-scenario means of every metric over the dev set (``kind`` inputs, in process)."""
    scorer = load_scorer()
    cases = [json.loads(x) for x in (DEV / "manifest.jsonl").read_text().splitlines() if x.strip()]
    assert cases, "empty manifest"
    rows: dict[str, list[dict[str, float]]] = defaultdict(list)
    for case in cases:
        truth = json.loads((DEV / case["truth"]).read_text(encoding="utf-8"))
        try:
            source = case.get(kind) or case["txt"]
            pred: dict[str, Any] = copydesk.clean(DEV / source).to_dict()
        except copydesk.CopydeskError:
            pred = {}  # scored as zero on every field, as score.py does
        rows[case["scenario"]].append(scorer.score_case(pred, truth))
    return {
        scenario: {
            metric: statistics.fmean(r[metric] for r in rs if metric in r)
            for metric in scorer.FIELDS
            if any(metric in r for r in rs)
        }
        for scenario, rs in rows.items()
    }


def test_floors_file_is_well_formed() -> None:
    data = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert "_note" in data
    assert set(INPUTS) <= set(data)
    for scenario, metrics in (item for kind in INPUTS for item in load_floors(kind).items()):
        assert isinstance(metrics, dict), scenario
        for metric, floor in metrics.items():
            assert isinstance(floor, int | float) and 0 <= floor <= 1, (scenario, metric)


@needs_bench
def test_quality_does_not_fall_below_the_floors(
    kind: str, means: dict[str, dict[str, float]]
) -> None:
    floors = load_floors(kind)
    failures = []
    lines = [f"{'scenario':<10} {'metric':<10} {'measured':>9} {'floor':>7}"]
    for scenario, metrics in sorted(floors.items()):
        for metric, floor in metrics.items():
            measured = means.get(scenario, {}).get(metric, math.nan)
            bad = not measured >= floor - 1e-9  # a metric no longer measured fails too
            if bad:
                failures.append(f"{scenario}/{metric}")
            flag = "  <-- below floor" if bad else ""
            lines.append(f"{scenario:<10} {metric:<10} {measured:>9.3f} {floor:>7.2f}{flag}")
    assert not failures, f"quality ({kind} inputs) fell below the floors:\n" + "\n".join(lines)


@needs_bench
def test_every_measured_metric_has_a_floor(kind: str, means: dict[str, dict[str, float]]) -> None:
    """A new scenario or metric in the benchmark gets a floor too (add it to the JSON)."""
    floors = load_floors(kind)
    unguarded = [
        f"{scenario}/{metric} = {value:.3f}"
        for scenario, metrics in means.items()
        for metric, value in metrics.items()
        if metric not in floors.get(scenario, {})
    ]
    assert not unguarded, "no floor for: " + ", ".join(unguarded)
