"""Data-file test cases for the restorer's stages: tests/data/stages/<stage>.jsonl.

Each line holds an input, what is expected of it, and why. Word fixes are tested on their
own (``fix`` names one in :data:`copydesk.stages.words.WORD_FIXES`); the other stages
through :func:`copydesk.clean`, checking the article fields the case names. "must not
change" cases say so in their ``why``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import copydesk
from copydesk.readers.text import read_text
from copydesk.stages.words import WORD_FIXES, apply

DATA = Path(__file__).parent / "data" / "stages"
FIXES = {fix.name: fix.find for fix in WORD_FIXES}
QUICK_TESTS = {fix.name: fix.could_apply for fix in WORD_FIXES}


def cases(name: str) -> list[Any]:
    rows = [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()]
    return [pytest.param(row, id=row["why"][:60]) for row in rows if row]


@pytest.mark.parametrize("case", cases("words.jsonl"))
def test_word_fix(case: dict[str, Any]) -> None:
    assert apply(FIXES[case["fix"]], case["input"]) == case["expected"], case["why"]
    if case["input"] != case["expected"]:
        # The quick test that lets a document skip the fix must let this text through,
        # also inside a longer document.
        assert QUICK_TESTS[case["fix"]](case["input"])
        assert QUICK_TESTS[case["fix"]]("Some other paragraph.\n" + case["input"])


@pytest.mark.parametrize(
    "case",
    [
        *cases("furniture.jsonl"),
        *cases("paragraphs.jsonl"),
        *cases("frontmatter.jsonl"),
        *cases("backmatter.jsonl"),
        *cases("webpage.jsonl"),
        *cases("captions.jsonl"),
        *cases("pullquotes.jsonl"),
        *cases("lists.jsonl"),
        *cases("columns.jsonl"),
    ],
)
def test_stage_case(case: dict[str, Any]) -> None:
    article = copydesk.clean(case["input"]).to_dict()
    for field, expected in case["expected"].items():
        assert article[field] == expected, f"{field}: {case['why']}"


def test_lines_read_across_columns_point_back_to_the_input() -> None:
    """Lines read column by column are out of the input's order, but each still points at
    its own place in it, and so does every edit made from them."""
    two_columns = cases("columns.jsonl")[0].values[0]["input"]
    draft = read_text(two_columns)
    starts = [line.start for line in draft.lines if line.text]
    assert starts != sorted(starts)  # read out of order: the columns were found
    for line in draft.lines:
        assert two_columns[line.start : line.end] == line.text
    article = copydesk.clean(two_columns)
    for edit in article.edits:
        assert edit.start <= edit.end and two_columns[edit.start : edit.end] == edit.before


def test_every_fix_has_cases() -> None:
    tested = {json.loads(line)["fix"] for line in (DATA / "words.jsonl").read_text().splitlines()}
    assert tested == set(FIXES)
