"""Tests of copydesk.names against the cases in tests/data/bylines.jsonl.

Each line of the data file is a JSON object with ``input`` and ``why``, and either ``names``
(the authors :func:`parse_byline` must return, or null when the line is not a byline; an
optional ``span`` is the text the byline must cover) or ``proper_case`` (what
:func:`proper_case` must return for ``input``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from copydesk.names import Byline, looks_like_name, parse_byline, proper_case

DATA = Path(__file__).parent / "data" / "bylines.jsonl"


def _load() -> list[dict[str, Any]]:
    with DATA.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


CASES = _load()
BYLINES = [case for case in CASES if "names" in case]
CASINGS = [case for case in CASES if "proper_case" in case]


def _id(case: dict[str, Any]) -> str:
    return repr(case["input"])[:60]


@pytest.mark.parametrize("case", BYLINES, ids=[_id(c) for c in BYLINES])
def test_parse_byline(case: dict[str, Any]) -> None:
    text: str = case["input"]
    byline = parse_byline(text)
    if case["names"] is None:
        assert byline is None, case["why"]
        return
    assert byline is not None, case["why"]
    assert byline.names == case["names"], case["why"]
    assert 0 <= byline.start < byline.end <= len(text)
    assert (
        text[byline.start : byline.end]
        .lower()
        .lstrip()
        .startswith(("by", "written", "words", "story"))
    )
    if "span" in case:
        assert text[byline.start : byline.end] == case["span"], case["why"]


@pytest.mark.parametrize("case", CASINGS, ids=[_id(c) for c in CASINGS])
def test_proper_case(case: dict[str, Any]) -> None:
    assert proper_case(case["input"]) == case["proper_case"], case["why"]


def test_data_file_has_enough_cases() -> None:
    assert len(BYLINES) >= 35
    assert sum(case["names"] is None for case in BYLINES) >= 10
    assert len(CASINGS) >= 5


def test_span_is_relative_to_the_text_given() -> None:
    text = "  BY JANE DOE | APRIL 5, 2018\nThe body starts here."
    byline = parse_byline(text)
    assert byline == Byline(names=["Jane Doe"], start=2, end=13)


def test_only_the_first_line_is_read() -> None:
    assert parse_byline("By Jane Doe\nand John Roe wrote this") == Byline(["Jane Doe"], 0, 11)


def test_proper_case_is_idempotent() -> None:
    for case in CASINGS:
        once = proper_case(case["input"])
        assert proper_case(once) == once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Daniel Kahn Gillmor", True),
        ("Bernard-Henri Lévy", True),
        ("Nelson D. Schwartz", True),
        ("JEAN-LUC DE LA TOUR", True),
        ("Technology", False),
        ("The New York Times", False),
        ("Staff Writer", False),
        ("Jane Doe and John Roe", False),
        ("the army had left", False),
        ("", False),
    ],
)
def test_looks_like_name(text: str, expected: bool) -> None:
    assert looks_like_name(text) is expected
