"""Tests of the unicode stage (:mod:`copydesk.stages.normalize`): tests/data/unicode.jsonl.

Each line of the data file is one JSON object: ``input`` (a line of text), ``expected``
(the line after the stage), ``kinds`` (the kind of each edit the stage logs, in order;
none for a "must not change" case) and ``why``.

ftfy decides what to fix; the stage's quick test (:func:`may_need_fixing`) only spares it
lines it would leave alone. The tests check that it never spares one ftfy would change.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import ftfy
import pytest
from bench_data import DEV
from ftfy.badness import is_bad

import copydesk
from copydesk.readers.text import read_text
from copydesk.stages.normalize import (
    _ONE_CHAR,
    C1_CONTROL,
    EDIT_KINDS,
    FIXER_KINDS,
    MOJIBAKE,
    NORMALIZATION,
    OTHER,
    explain_unicode,
    fix_unicode,
    may_need_fixing,
    normalize_unicode,
)

DATA = Path(__file__).parent / "data" / "unicode.jsonl"
CASES: list[dict[str, Any]] = [
    json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()
]
# ftfy as the stage runs it, with no quick test in front
FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_line_breaks=False, explain=False)


def params(cases: list[dict[str, Any]]) -> list[Any]:
    return [pytest.param(case, id=case["why"][:60]) for case in cases]


@pytest.mark.parametrize("case", params(CASES))
def test_line(case: dict[str, Any]) -> None:
    fixed, changes = explain_unicode(case["input"])
    assert fixed == case["expected"], case["why"]
    assert [kind for *_, kind in changes] == case["kinds"], case["why"]
    assert fix_unicode(case["input"]) == fixed
    assert fixed == ftfy.fix_text(case["input"], config=FTFY), "ftfy decides"
    rebuilt: list[str] = []  # the changed spans rebuild the fixed line
    last = 0
    for start, end, after, _ in changes:
        rebuilt += [case["input"][last:start], after]
        last = end
    assert "".join([*rebuilt, case["input"][last:]]) == fixed


@pytest.mark.parametrize("case", params(CASES))
def test_stage_logs_named_edits_at_true_offsets(case: dict[str, Any]) -> None:
    """Through the stage and then through the whole restorer: one edit per changed span,
    of the kinds named, each pointing at the very text it replaced in the input."""
    draft = read_text(case["input"] + "\n")
    normalize_unicode(draft)
    assert draft.lines[0].text == case["expected"], case["why"]
    assert [edit.kind for edit in draft.edits] == case["kinds"], case["why"]

    text = f"Headline\n\nBy Jane Doe\n\nThe article begins.\n{case['input']}\nIt ends here.\n"
    article = copydesk.clean(text)
    kinds = [edit.kind for edit in article.edits if edit.kind in EDIT_KINDS]
    assert kinds == case["kinds"], case["why"]
    for edit in article.edits:
        assert article.source[edit.start : edit.end] == edit.before, edit
    if not case["kinds"]:
        assert case["input"] in article.to_text(), case["why"]


def test_edit_kinds_name_every_ftfy_step() -> None:
    """Every fixer ftfy can report (bar the two turned off) has a name of its own, and
    EDIT_KINDS holds all of them: a fixer a later ftfy adds fails here, not in a log."""
    assert set(ftfy.FIXERS) - {"uncurl_quotes", "fix_line_breaks"} == set(FIXER_KINDS)
    assert {*FIXER_KINDS.values(), MOJIBAKE, C1_CONTROL, NORMALIZATION, OTHER} == EDIT_KINDS
    assert all(kind == kind.lower() and "_" not in kind for kind in EDIT_KINDS)
    tested = {kind for case in CASES for kind in case["kinds"]}
    assert tested <= EDIT_KINDS
    assert {
        "mojibake",
        "ligature",
        "html entity",
        "control character",
        "c1 control",
        "full-width form",
        "unicode normalization",
    } <= tested
    assert any(not case["kinds"] for case in CASES)  # "must not change" cases


def test_mojibake_test_needs_two_non_ascii_characters_side_by_side() -> None:
    """may_need_fixing runs ftfy's mojibake test only where two non-ASCII characters stand
    side by side. That holds if every character that ftfy's test takes for mojibake alone
    among ASCII ones is one that _ONE_CHAR sends to ftfy anyway: checked here for every
    character of the Basic Multilingual Plane, in every ASCII context ftfy's test looks at
    (a line's start, letters, digits, punctuation, spaces)."""
    missed = []
    for code in range(0x80, 0x10000):
        char = chr(code)
        if 0xD800 <= code < 0xE000 or _ONE_CHAR.match(char):
            continue
        contexts = " ".join(f"{left}{char}{right}" for left in "aZ.1 " for right in " aZ.1")
        if is_bad(f"{char} {contexts} a{char}"):
            missed.append(f"U+{code:04X} {unicodedata.name(char, '?')}")
    assert not missed, f"ftfy finds mojibake in these alone: {missed}"


def _mojibake_lines() -> list[str]:
    """Words with the non-ASCII characters of news text, as they are and as UTF-8 read as
    Windows-1252 or Latin-1, in a sentence."""
    chars = [chr(c) for c in (*range(0xA0, 0x250), *range(0x2010, 0x2030), 0x20AC, 0x2122)]
    lines = []
    for char in chars:
        if not char.isprintable():
            continue
        data = char.encode("utf-8")
        for broken in (char, data.decode("sloppy-windows-1252"), data.decode("latin-1")):
            lines.append(f"The word ab{broken}cd was printed, as was {broken}.")
    return lines


def test_quick_test_spares_ftfy_no_line_it_would_change() -> None:
    changed = 0
    for line in _mojibake_lines():
        fixed = ftfy.fix_text(line, config=FTFY)
        assert may_need_fixing(line) or fixed == line, line
        assert fix_unicode(line) == fixed, line
        changed += fixed != line
    assert changed > 500  # the mojibake was there to find


@pytest.mark.skipif(not DEV.is_dir(), reason="the benchmark is not beside the repository")
def test_quick_test_on_the_dev_set() -> None:
    """Over every line of the dev set's text: what the quick test spares, ftfy leaves."""
    spared = 0
    for path in sorted(DEV.glob("cases/*/input.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not may_need_fixing(line) and not (line.isascii() and line.isprintable()):
                assert ftfy.fix_text(line, config=FTFY) == line, f"{path.parent.name}: {line}"
                spared += 1
    assert spared > 1000
