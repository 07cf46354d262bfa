"""Where the tests find the benchmark beside the repository, and its reference scorer."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench"
DEV = BENCH / "dev"


def load_scorer() -> ModuleType:
    """``../shared/bench/score.py`` as a module: the metrics every figure is checked against."""
    spec = importlib.util.spec_from_file_location("bench_score", BENCH / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
