"""Tests of copydesk.dates against the cases in tests/data/dates.jsonl.

Each line of the data file is one JSON object. A find_date case has ``input``, ``expected``
(an ISO 8601 string, or null for "no date here") and ``why``, and may have ``span`` (the
text the match must cover) and ``default_year``. An is_dateline case has ``input``,
``dateline`` (true or false) and ``why``.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from copydesk.dates import DateMatch, find_date, is_dateline

DATA = Path(__file__).parent / "data" / "dates.jsonl"


def _cases(key: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.strip():
            case = json.loads(line)
            if key in case:
                cases.append(case)
    return cases


FIND_CASES = _cases("expected")
FOUND_CASES = [case for case in FIND_CASES if case["expected"] is not None]
DATELINE_CASES = _cases("dateline")


def _ids(cases: list[dict[str, Any]]) -> list[str]:
    return [case["input"] for case in cases]


@pytest.mark.parametrize("case", FIND_CASES, ids=_ids(FIND_CASES))
def test_find_date(case: dict[str, Any]) -> None:
    found = find_date(case["input"], default_year=case.get("default_year"))
    if case["expected"] is None:
        assert found is None, case["why"]
        return
    assert found is not None, case["why"]
    assert found.iso == case["expected"], case["why"]
    if "span" in case:
        assert case["input"][found.start : found.end] == case["span"], case["why"]


@pytest.mark.parametrize("case", FOUND_CASES, ids=_ids(FOUND_CASES))
def test_span_alone_reads_the_same(case: dict[str, Any]) -> None:
    """The span cut out of the line is the whole date: read alone it gives the same value."""
    found = find_date(case["input"], default_year=case.get("default_year"))
    assert found is not None
    alone = find_date(case["input"][found.start : found.end], default_year=case.get("default_year"))
    assert alone is not None
    assert alone.iso == found.iso


@pytest.mark.parametrize("case", DATELINE_CASES, ids=_ids(DATELINE_CASES))
def test_is_dateline(case: dict[str, Any]) -> None:
    assert is_dateline(case["input"]) is case["dateline"], case["why"]


def test_data_file_has_both_groups() -> None:
    assert len(FIND_CASES) >= 30
    assert len(DATELINE_CASES) >= 8
    assert any(case["expected"] is None for case in FIND_CASES)
    assert any(case["dateline"] is False for case in DATELINE_CASES)


def test_date_match_is_frozen() -> None:
    match = DateMatch(0, 10, "2019-02-21")
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.iso = "2019-02-22"  # type: ignore[misc]


def test_long_body_line_without_date() -> None:
    line = "In 1940, about 12,000 people lived in the 3 towns; by the 1990s it was 45,312. " * 20
    assert find_date(line) is None
    assert not is_dateline(line)
