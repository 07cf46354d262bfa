"""Truth sets: articles as published, beside the renditions to restore them from.

A truth set is a folder in the benchmark format (docs/evaluation.md): either a
``manifest.jsonl`` that lists the cases (``case``, ``scenario``, ``truth`` and the inputs
``pdf`` and ``txt``, paths relative to the folder), or, without one, every folder below it
that holds a ``truth.json``, its renditions beside it as ``input.pdf``, ``input.txt``,
``input.html`` or an image.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from copydesk.errors import TruthSetError
from copydesk.evaluation.metrics import ANNOTATIONS

MANIFEST = "manifest.jsonl"
TRUTH = "truth.json"
DEFAULT_SCENARIO = "cases"  # the scenario of cases that name none
# Which rendition --input auto restores, best first: a PDF carries what its text dump lost.
INPUT_PREFERENCE = (
    ".pdf", ".html", ".htm", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".txt",
)  # fmt: skip
INPUT_CHOICES = ("auto", "pdf", "txt")


@dataclass(frozen=True)
class Case:
    """One rendition of one article: its name, its scenario, the truth and its inputs."""

    name: str
    scenario: str
    truth: dict[str, Any]
    inputs: tuple[Path, ...]  # the renditions on disk, in INPUT_PREFERENCE order
    rendering: str | None = None  # how the manifest says the rendition was made, if it does

    def input(self, choice: str = "auto") -> Path | None:
        """The rendition to restore: ``auto`` the first of :data:`INPUT_PREFERENCE`;
        ``pdf`` or ``txt`` that kind, falling back to the other where a case has only
        one (as the benchmark's scorer does: the seed case has no PDF)."""
        if choice not in INPUT_CHOICES:
            raise TruthSetError(f"unknown input kind {choice!r}: choose from auto, pdf, txt")
        wanted = {"pdf": ".pdf", "txt": ".txt"}.get(choice)
        for path in self.inputs:
            if wanted is None or path.suffix.lower() == wanted:
                return path
        return self.inputs[0] if self.inputs else None


def load_truth_set(
    root: str | os.PathLike[str], *, only: str | None = None, limit: int = 0
) -> list[Case]:
    """The cases of the truth set at ``root``, in its order; ``only`` keeps the scenarios
    (or renderings) it names, comma-separated; ``limit`` keeps the first so many."""
    root = Path(root)
    if not root.is_dir():
        raise TruthSetError(f"{root} is not a folder: give the folder that holds the truth set")
    cases = _from_manifest(root) if (root / MANIFEST).is_file() else _from_folders(root)
    if not cases:
        raise TruthSetError(
            f"{root} holds no {MANIFEST} and no folder with a {TRUTH}: see docs/evaluation.md"
            " for the format of a truth set"
        )
    if only:
        keep = {name.strip() for name in only.split(",") if name.strip()}
        cases = [c for c in cases if c.scenario in keep or c.rendering in keep]
        if not cases:
            raise TruthSetError(f"no case of {root} is in {only!r}: name scenarios it has")
    if limit < 0:
        raise TruthSetError(f"the limit must be 0 (all) or more, not {limit}")
    return cases[:limit] if limit else cases


def _from_manifest(root: Path) -> list[Case]:
    cases: list[Case] = []
    manifest = root / MANIFEST
    for number, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{manifest}, line {number}"
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise TruthSetError(f"{where} is not JSON ({exc.msg}): fix or remove it") from exc
        if not isinstance(entry, dict) or not isinstance(entry.get("case"), str):
            raise TruthSetError(f'{where} names no case: each line needs a "case"')
        folder = root / "cases" / entry["case"]
        truth_path = root / entry["truth"] if entry.get("truth") else folder / TRUTH
        truth = read_truth(truth_path)
        inputs = [root / entry[k] for k in ("pdf", "txt") if entry.get(k)]
        inputs = [p for p in inputs if p.is_file()] or _inputs_in(truth_path.parent)
        scenario = entry.get("scenario") or truth.get("scenario") or DEFAULT_SCENARIO
        rendering = entry.get("rendering")
        cases.append(Case(entry["case"], str(scenario), truth, tuple(_ordered(inputs)), rendering))
    return cases


def _from_folders(root: Path) -> list[Case]:
    cases: list[Case] = []
    for truth_path in sorted(root.rglob(TRUTH)):
        folder = truth_path.parent
        truth = read_truth(truth_path)
        name = folder.relative_to(root).as_posix() if folder != root else root.name
        scenario = str(truth.get("scenario") or DEFAULT_SCENARIO)
        cases.append(Case(name, scenario, truth, tuple(_ordered(_inputs_in(folder)))))
    return cases


def _inputs_in(folder: Path) -> list[Path]:
    return [p for p in folder.glob("input.*") if p.suffix.lower() in INPUT_PREFERENCE]


def _ordered(paths: list[Path]) -> list[Path]:
    return sorted(paths, key=lambda p: INPUT_PREFERENCE.index(p.suffix.lower()))


def read_truth(path: Path) -> dict[str, Any]:
    """One ``truth.json``, checked: a JSON object whose ``annotated`` lists the fields it
    knows."""
    try:
        truth = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise TruthSetError(f"{path} does not exist: the manifest names it as a truth") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TruthSetError(f"{path} is not a JSON file ({exc}): fix it or leave it out") from exc
    if not isinstance(truth, dict):
        raise TruthSetError(f"{path} is not a JSON object: see docs/evaluation.md")
    annotated = truth.get("annotated")
    if not isinstance(annotated, list) or not all(isinstance(a, str) for a in annotated):
        raise TruthSetError(
            f'{path} has no "annotated" list: name the fields this truth knows, such as'
            ' ["title", "paragraphs"]'
        )
    unknown = set(annotated) - ANNOTATIONS
    if unknown:
        raise TruthSetError(
            f"{path} annotates unknown fields {', '.join(sorted(unknown))}: choose from"
            f" {', '.join(sorted(ANNOTATIONS))}"
        )
    return truth
