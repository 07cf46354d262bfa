"""What an evaluation found: per-scenario means, the worst cases, and what went wrong in
each, as a table for people and as JSON for programs."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from copydesk.evaluation.metrics import FIELDS, body_paragraphs, norm, same_time, words

SHOWN = 3  # leaked or lost paragraphs quoted per worst case
QUOTE = 90  # characters of each quoted paragraph
# A paragraph whose words are mostly missing from the other side is leaked (in the
# output only) or lost (in the truth only); one that shares most of them is the same
# paragraph, joined, split or repaired differently.
FOREIGN = 0.5
CONTEXT = 40  # characters shown on each side of where a paragraph departs from the truth


@dataclass
class CaseResult:
    """One case's scores, and what went wrong in it."""

    case: str
    scenario: str
    scores: dict[str, float]
    error: str = ""  # why there was no prediction to score (then every score is 0)
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.case,
            "scenario": self.scenario,
            "error": self.error,
            **self.scores,
            "problems": self.problems,
        }


def find_problems(pred: Mapping[str, Any], truth: Mapping[str, Any]) -> list[str]:
    """A short account of where a prediction departs from the truth: the fields it got
    wrong, the paragraphs that leaked in and those that were lost, and how many others
    differ in their breaks or spelling.

    >>> truth = {"title": "A Day", "paragraphs": ["The cat sat on the mat."],
    ...          "annotated": ["title", "paragraphs"]}
    >>> for line in find_problems({"title": "Home", "paragraphs": [
    ...         "Subscribe to our newsletter", "The cat sat on the mat."]}, truth):
    ...     print(line)
    title: got 'Home', expected 'A Day'
    leaked 1 paragraph: 'Subscribe to our newsletter'
    """
    annotated = set(truth.get("annotated", []))
    out: list[str] = []
    for name in ("title", "dek", "bio"):
        if (
            name in annotated
            and norm(pred.get(name)).casefold() != norm(truth.get(name)).casefold()
        ):
            out.append(f"{name}: got {_quote(pred.get(name))}, expected {_quote(truth.get(name))}")
    for name in ("authors", "published"):
        if name in annotated and _differs(pred.get(name), truth.get(name), name):
            out.append(f"{name}: got {pred.get(name)!r}, expected {truth.get(name)!r}")
    if annotated & {"paragraphs", "paragraphs_prefix"}:
        got, true = body_paragraphs(pred, truth)
        leaked = _foreign(got, true)
        lost = _foreign(true, got)
        if leaked:
            out.append(_listing("leaked", leaked))
        if lost:
            out.append(_listing("lost", lost))
        exact, foreign = set(true), set(leaked)
        reworked = [p for p in got if p not in exact and p not in foreign]
        if reworked:
            out.append(
                f"{len(reworked)} of {len(got)} paragraphs hold the right words but not"
                " exactly as published (joined, split, or spelled differently), first:"
                f" {_first_difference(reworked[0], true)}"
            )
    for name in ("captions", "links"):
        if name in annotated:
            got_n = len(pred.get(name) or [])
            true_n = len(truth.get(name) or [])
            if got_n != true_n:
                out.append(f"{name}: got {got_n}, expected {true_n}")
    return out


def _differs(pred: object, truth: object, name: str) -> bool:
    if name == "authors":

        def names(x: object) -> set[str]:
            return {norm(a).casefold() for a in x} if isinstance(x, list) else set()

        return names(pred) != names(truth)
    return same_time(pred, truth if isinstance(truth, str) else "") < 1.0


def _first_difference(paragraph: str, truth: list[str]) -> str:
    """Where ``paragraph`` first departs from the true paragraph most like it, with a
    little of what comes before.

    >>> _first_difference("a b c d", ["a b c", "x y"])
    "got 'a b c d', expected 'a b c'"
    """
    best = process.extractOne(paragraph, truth, scorer=fuzz.ratio)
    expected = best[0] if best else ""
    at = next(
        (k for k, (a, b) in enumerate(zip(paragraph, expected, strict=False)) if a != b),
        min(len(paragraph), len(expected)),
    )
    start = max(0, at - CONTEXT)

    def excerpt(text: str) -> str:
        cut = text[start : at + CONTEXT]
        return ("…" if start else "") + cut + ("…" if at + CONTEXT < len(text) else "")

    return f"got {excerpt(paragraph)!r}, expected {excerpt(expected)!r}"


def _foreign(paragraphs: list[str], other: list[str]) -> list[str]:
    """The paragraphs most of whose words the other side does not hold at all."""
    vocabulary = set(words(" ".join(other)))
    out = []
    for paragraph in paragraphs:
        found = words(paragraph)
        if found and sum(w in vocabulary for w in found) < FOREIGN * len(found):
            out.append(paragraph)
    return out


def _listing(what: str, paragraphs: list[str]) -> str:
    shown = "; ".join(_quote(p) for p in paragraphs[:SHOWN])
    more = f" (and {len(paragraphs) - SHOWN} more)" if len(paragraphs) > SHOWN else ""
    plural = "s" * (len(paragraphs) != 1)
    return f"{what} {len(paragraphs)} paragraph{plural}: {shown}{more}"


def _quote(text: object) -> str:
    if not isinstance(text, str) or not text:
        return "nothing"
    text = norm(text)
    return repr(text if len(text) <= QUOTE else text[: QUOTE - 1] + "…")


@dataclass
class Report:
    """Every case's result, with the means per scenario and over all cases."""

    results: list[CaseResult]
    note: str = ""  # how the predictions were made (restored here, read from a folder)

    def means(self) -> dict[str, dict[str, float]]:
        """For each scenario and for ``all``: ``n`` and the mean of each metric that any of
        its cases has."""
        groups: dict[str, list[CaseResult]] = defaultdict(list)
        for result in self.results:
            groups[result.scenario].append(result)
        out: dict[str, dict[str, float]] = {}
        # Scenarios in the order the set first lists them, as the benchmark's scorer has it.
        for name, members in [*groups.items(), ("all", self.results)]:
            row: dict[str, float] = {"n": len(members)}
            for metric in FIELDS:
                values = [r.scores[metric] for r in members if metric in r.scores]
                if values:
                    row[metric] = statistics.fmean(values)
            out[name] = row
        return out

    def worst(self, count: int, by: str = "body_sim") -> list[CaseResult]:
        """The ``count`` cases that score lowest on ``by`` (those it does not apply to left
        out), worst first."""
        scored = [r for r in self.results if by in r.scores]
        return sorted(scored, key=lambda r: (r.scores[by], r.case))[:count]

    def table(self) -> str:
        """The means as the benchmark's scorer prints them."""
        means = self.means()
        width = max(len("scenario"), *map(len, means))
        lines = [f"{'scenario':<{width}}  {'n':>4}  " + "  ".join(f"{f:>9}" for f in FIELDS)]
        for name, row in means.items():
            cells = [f"{row[f]:9.3f}" if f in row else f"{'-':>9}" for f in FIELDS]
            lines.append(f"{name:<{width}}  {int(row['n']):>4}  " + "  ".join(cells))
        return "\n".join(lines)

    def failures(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for result in self.results:
            if result.error:
                counts[result.error.split(":")[0]] += 1
        return dict(sorted(counts.items(), key=lambda kv: -kv[1]))

    def text(self, worst: int = 5, by: str = "body_sim") -> str:
        """The whole report for a terminal: the table, failures, and the worst cases."""
        parts = [self.table()]
        if self.note:
            parts.append(self.note)
        failed = self.failures()
        if failed:
            parts.append("failed cases: " + ", ".join(f"{k} x{v}" for k, v in failed.items()))
        cases = self.worst(worst, by)
        if cases:
            parts.append(f"\nworst {len(cases)} by {by}:")
            for result in cases:
                # The metrics it fell short on; body_sim always, the headline figure.
                figures = "  ".join(
                    f"{m} {result.scores[m]:.3f}"
                    for m in FIELDS
                    if m in result.scores and (m == "body_sim" or result.scores[m] < 1.0)
                )
                parts.append(f"  {result.case} ({result.scenario})  {figures}")
                if result.error:
                    parts.append(f"    no prediction: {result.error}")
                parts.extend(f"    {problem}" for problem in result.problems)
        return "\n".join(parts)

    def to_dict(self, worst: int = 5, by: str = "body_sim") -> dict[str, Any]:
        """The report as JSON data: the means, every case, and the names of the worst."""
        return {
            "means": self.means(),
            "cases": [r.to_dict() for r in self.results],
            "worst": {"by": by, "cases": [r.case for r in self.worst(worst, by)]},
            "note": self.note,
        }
