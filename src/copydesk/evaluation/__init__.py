"""Measure copydesk on articles whose truth is known: ``copydesk eval``.

>>> from copydesk.evaluation import score_case
>>> score_case({"title": "A Day"}, {"title": "a day", "annotated": ["title"]})
{'title': 1.0}
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from copydesk.errors import OptionError, TruthSetError
from copydesk.evaluation.metrics import FIELDS, score_case
from copydesk.evaluation.report import CaseResult, Report, find_problems
from copydesk.evaluation.truth import INPUT_CHOICES, Case, load_truth_set


def evaluate(
    truth_set: str | os.PathLike[str],
    *,
    predictions: str | os.PathLike[str] | None = None,
    run: bool = False,
    input: str = "auto",
    only: str | None = None,
    limit: int = 0,
    workers: int | None = None,
    time_limit: float | None = None,
    save_predictions: str | os.PathLike[str] | None = None,
    progress: bool = False,
) -> Report:
    """Score copydesk against the truth set at ``truth_set``.

    With ``run``, every case's rendition (``input``: ``auto``, ``pdf`` or ``txt``) is
    restored here, on ``workers`` processes, and the articles are kept in
    ``save_predictions`` if given; with ``predictions``, the folder's ``<case>.json`` files
    are scored instead (written by copydesk or by any other tool). A case with no
    prediction scores 0 on every field its truth annotates.
    """
    if run == (predictions is not None):
        raise OptionError("give either --run (restore the inputs here) or --pred FOLDER")
    if input not in INPUT_CHOICES:
        raise OptionError(f"unknown input kind {input!r}: choose from {', '.join(INPUT_CHOICES)}")
    cases = load_truth_set(truth_set, only=only, limit=limit)
    if predictions is not None:
        found = _read_predictions(Path(predictions), cases)
        note = f"predictions read from {predictions}"
    else:
        found, note = _restore(cases, input, workers, time_limit, progress)
        if save_predictions is not None:
            _save(Path(save_predictions), found)
    results = []
    for case in cases:
        pred, error = found.get(case.name, ({}, "no prediction"))
        results.append(
            CaseResult(
                case.name,
                case.scenario,
                score_case(pred, case.truth),
                error,
                find_problems(pred, case.truth),
            )
        )
    return Report(results, note)


def _read_predictions(folder: Path, cases: list[Case]) -> dict[str, tuple[dict[str, Any], str]]:
    if not folder.is_dir():
        raise TruthSetError(f"{folder} is not a folder: give the folder of <case>.json files")
    out: dict[str, tuple[dict[str, Any], str]] = {}
    for case in cases:
        path = folder / f"{case.name}.json"
        try:
            pred = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            out[case.name] = ({}, f"no prediction: {path} does not exist")
            continue
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            out[case.name] = ({}, f"unreadable prediction: {path}: {exc}")
            continue
        if isinstance(pred, dict):
            out[case.name] = (pred, "")
        else:
            out[case.name] = ({}, f"unreadable prediction: {path} is not a JSON object")
    return out


def _restore(
    cases: list[Case], choice: str, workers: int | None, time_limit: float | None, progress: bool
) -> tuple[dict[str, tuple[dict[str, Any], str]], str]:
    """Restore every case's rendition with the batch machinery (all cores, a time limit,
    a worker's crash recorded as that case's failure) and collect the articles by case."""
    from copydesk.corpus.batch import run_batch
    from copydesk.corpus.store import errors_path

    out: dict[str, tuple[dict[str, Any], str]] = {}
    by_input: dict[str, list[str]] = defaultdict(list)
    for case in cases:
        path = case.input(choice)
        if path is None:
            out[case.name] = ({}, "no input: the case's folder holds no rendition to restore")
        else:
            by_input[os.path.normpath(path)].append(case.name)
    if not by_input:
        return out, "no case had an input to restore"
    with tempfile.TemporaryDirectory(prefix="copydesk-eval-") as scratch:
        articles = Path(scratch) / "articles.jsonl"
        summary = run_batch(
            list(by_input),
            articles,
            workers=workers,
            time_limit=time_limit,
            progress=progress,
        )
        for file, failed in ((articles, False), (errors_path(articles), True)):
            if not file.is_file():
                continue
            for line in file.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                error = f"{row['error']}: {row['message']}" if failed else ""
                for name in by_input.get(os.path.normpath(row["source"]), []):
                    out[name] = ({} if failed else row, error)
    done = summary.done + summary.failed
    rate = done / summary.seconds if summary.seconds > 0 else 0.0
    note = (
        f"restored {done} inputs ({choice}) in {summary.seconds:.1f} s on {summary.workers}"
        f" workers: {rate:.1f} cases/s"
    )
    return out, note


def _save(folder: Path, found: dict[str, tuple[dict[str, Any], str]]) -> None:
    """Keep each restored article as ``<case>.json``, the form ``--pred`` reads back."""
    for name, (article, error) in found.items():
        if error:
            continue
        path = folder / f"{name}.json"
        text = json.dumps(article, ensure_ascii=False, indent=1) + "\n"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise OptionError(
                f"cannot keep the articles in {folder} ({exc.strerror}): give --save-pred a"
                " folder you can write to"
            ) from exc


__all__ = [
    "FIELDS",
    "Case",
    "CaseResult",
    "Report",
    "evaluate",
    "find_problems",
    "load_truth_set",
    "score_case",
]
