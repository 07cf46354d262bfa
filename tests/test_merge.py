"""Merging renditions of one article: the seed pair, the cases of tests/data/merge.jsonl, the
rules one by one, and the arguments."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import copydesk
from copydesk import Article, CopydeskError, Edit, InputNotFoundError, OptionError
from copydesk.corpus.merge import (
    PARA,
    Merged,
    Voter,
    choose,
    merge,
    merge_articles,
    tokenize,
)

DATA = Path(__file__).parent / "data" / "merge.jsonl"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
BROKEN = SEEDS / "000_9a75605a1331ce5d.txt"
PUBLISHED = SEEDS / "003_4ae584b06e6ae996.txt"
needs_seeds = pytest.mark.skipif(
    not (BROKEN.is_file() and PUBLISHED.is_file()), reason=f"seed articles not found in {SEEDS}"
)

BODY = [
    "The council met on Tuesday to discuss the new budget for the town and its schools.",
    "Members voted to raise taxes by two percent, the first rise in a decade, after a long debate.",
    "The mayor said the money would go to roads, parks and the library, which needs a new roof.",
    "Residents who spoke at the meeting were divided, but most said they understood the need.",
]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def words(paragraphs: list[str]) -> set[str]:
    return {token for token in tokenize(paragraphs)[0] if token != PARA}


def assert_nothing_invented(merged: Merged, articles: list[Article]) -> None:
    """Every token of the merged body is a token of some rendition."""
    given: set[str] = set()
    for article in articles:
        given |= words(article.paragraphs)
    assert words(merged.article.paragraphs) <= given


def swap(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


def swapped(paragraphs: list[str], old: str, new: str) -> list[str]:
    """The paragraphs with ``old`` read as ``new`` once, in the paragraph that has it."""
    assert any(old in p for p in paragraphs)
    return [p.replace(old, new, 1) for p in paragraphs]


# ------------------------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seed_merge() -> Merged:
    return merge([BROKEN, PUBLISHED])


@needs_seeds
def test_seed_first_five_paragraphs_as_published(seed_merge: Merged) -> None:
    published = [norm(p) for p in PUBLISHED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    assert len(published) == 5
    assert "Haqqani" in published[3]
    assert [norm(p) for p in seed_merge.article.paragraphs[:5]] == published
    assert "Haqqani’s" in seed_merge.article.paragraphs[3]
    assert "Haqqgani" not in "\n".join(seed_merge.article.paragraphs)


@needs_seeds
def test_seed_rest_is_the_broken_renditions(seed_merge: Merged) -> None:
    broken = copydesk.clean(BROKEN)
    assert len(broken.paragraphs) > 5
    assert seed_merge.article.paragraphs[5:] == broken.paragraphs[5:]
    assert len(seed_merge.article.paragraphs) == len(broken.paragraphs)


@needs_seeds
def test_seed_fields_of_the_base(seed_merge: Merged) -> None:
    broken = copydesk.clean(BROKEN)
    article = seed_merge.article
    assert seed_merge.base == str(BROKEN)
    assert article.title == broken.title == "The Afghan Who Won’t Surrender to the Taliban"
    assert article.authors == broken.authors == ["Bernard-Henri Lévy"]
    assert article.published == broken.published == "2021-08-23T12:56:00-04:00"
    assert (article.dek, article.bio, article.links) == (broken.dek, broken.bio, broken.links)
    assert article.captions == broken.captions
    # The edits and removals are the base's own, pointing into its input.
    assert article.edits == broken.edits and article.removed == broken.removed
    assert article.source == broken.source
    assert (article.kind, article.ocr) == ("text", False)


@needs_seeds
def test_seed_same_in_the_other_order(seed_merge: Merged) -> None:
    other = merge([PUBLISHED, BROKEN])
    assert other.article.to_dict() == seed_merge.article.to_dict()
    assert other.base == seed_merge.base
    assert [c.to_dict() for c in other.choices] == [c.to_dict() for c in seed_merge.choices]
    assert other.renditions == [str(PUBLISHED), str(BROKEN)]


@needs_seeds
def test_seed_choice_is_logged_with_its_reason(seed_merge: Merged) -> None:
    assert len(seed_merge.choices) == 1
    choice = seed_merge.choices[0]
    assert choice.paragraph == 4
    assert [(r.text, r.renditions) for r in choice.readings] == [
        ("Haqqgani’s", (str(BROKEN),)),
        ("Haqqani’s", (str(PUBLISHED),)),
    ]
    assert (choice.taken_text, choice.rule) == ("Haqqani’s", "known words")
    assert "Haqqgani’s" in choice.why and "unknown" in choice.why
    log = seed_merge.explain().splitlines()
    assert any(
        line.strip().startswith("¶4:") and "→ 'Haqqani’s' (known words" in line for line in log
    )
    assert f"base: {BROKEN}" in log[1]


@needs_seeds
def test_seed_to_dict(seed_merge: Merged) -> None:
    data = seed_merge.to_dict()
    assert data["paragraphs"] == seed_merge.article.paragraphs
    assert data["title"] == seed_merge.article.title
    assert data["merge"]["renditions"] == [str(BROKEN), str(PUBLISHED)]
    assert data["merge"]["base"] == str(BROKEN)
    [choice] = data["merge"]["choices"]
    assert choice["taken"] == "Haqqani’s" and choice["rule"] == "known words"
    assert choice["readings"][1] == {"text": "Haqqani’s", "renditions": [str(PUBLISHED)]}
    json.dumps(data)  # plain data throughout


# ------------------------------------------------------------------------- the data file


def _cases() -> list[dict[str, Any]]:
    with DATA.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _restored(case: dict[str, Any]) -> list[tuple[str, Article]]:
    renditions = []
    for k, text in enumerate(case["renditions"]):
        article = copydesk.clean(text)
        article.ocr = bool(case.get("ocr", [False] * len(case["renditions"]))[k])
        renditions.append((f"r{k + 1}", article))
    return renditions


@pytest.mark.parametrize("case", _cases(), ids=lambda case: case["name"])
def test_data_case(case: dict[str, Any]) -> None:
    renditions = _restored(case)
    merged = merge_articles(renditions)
    assert merged.article.paragraphs == case["expected"], case["why"]
    if "rules" in case:
        assert [c.rule for c in merged.choices] == case["rules"], merged.explain()
    assert_nothing_invented(merged, [article for _, article in renditions])
    # The order the renditions are given in changes nothing but the list of them.
    backwards = merge_articles(renditions[::-1])
    assert backwards.article.to_dict() == merged.article.to_dict()
    assert backwards.base == merged.base


def test_data_file_covers_the_rules() -> None:
    rules = {rule for case in _cases() for rule in case.get("rules", [])}
    assert {"majority", "known words", "not OCR", "fewer repairs", "tie", "kept"} <= rules
    assert any(case.get("rules") == [] for case in _cases())


# --------------------------------------------------------------------------- must not change


def test_identical_renditions_make_no_choices() -> None:
    article = Article(title="Budget", paragraphs=list(BODY))
    merged = merge_articles([("a", article), ("b", Article(paragraphs=list(BODY)))])
    assert merged.choices == []
    assert merged.article.paragraphs == BODY
    assert merged.explain().splitlines()[2] == "choices: 0"


def test_white_space_of_the_base_is_kept() -> None:
    odd = ["The council\u00a0met on  Tuesday.", "Members voted."]
    merged = merge_articles([("a", Article(paragraphs=odd)), ("b", Article(paragraphs=odd[:1]))])
    assert merged.article.paragraphs == odd
    assert merged.choices == []


def test_a_rendition_that_only_lacks_paragraphs_changes_nothing() -> None:
    for partial in (BODY[:2], BODY[1:], BODY[:1] + BODY[2:], BODY[2:3]):
        merged = merge_articles(
            [("full", Article(paragraphs=list(BODY))), ("part", Article(paragraphs=list(partial)))]
        )
        assert merged.article.paragraphs == BODY, partial
        assert all(c.rule == "kept" for c in merged.choices), merged.explain()


def test_other_text_in_place_of_a_paragraph_has_no_say() -> None:
    leak = "Sign up for our newsletter and never miss a story from the town hall again."
    lines = [BODY[0], "The mayor sad the money would go to roads, parks and the library."]
    other = Article(paragraphs=[BODY[0], leak, *BODY[2:]])
    third = Article(paragraphs=lines)
    merged = merge_articles([("base", Article(paragraphs=list(BODY))), ("o", other), ("t", third)])
    assert merged.article.paragraphs == BODY
    # Where "o" holds the leak it has no say: the base and "t" alone cover paragraph 2
    # (which "t" lacks), and all three cover paragraph 3 ("t" misreads a word).
    assert [c.rule for c in merged.choices] == ["kept", "majority"]
    assert merged.choices[0].readings[1].renditions == ("t",)
    assert "newsletter" not in merged.explain()


# ----------------------------------------------------------------------------------- rules


def test_majority_of_three() -> None:
    base = Article(paragraphs=swapped(BODY, "roads", "toads"))  # longest, cleanest
    merged = merge_articles(
        [
            ("base", base),
            ("b", Article(paragraphs=BODY[:3], ocr=True)),
            ("c", Article(paragraphs=BODY[1:3], ocr=True)),
        ]
    )
    assert merged.article.paragraphs == BODY
    [choice] = merged.choices
    assert (choice.rule, choice.taken_text, choice.why) == (
        "majority",
        "roads,",
        "2 of 3 renditions read it so",
    )
    assert merged.article.ocr  # the word taken came from a rendition read by OCR


def test_no_majority_with_two() -> None:
    a, b = Voter("a", False, 1.0), Voter("b", False, 0.0)
    assert choose([(["cat"], [a]), (["cot"], [b])], ["cat"]) == (
        1,
        "fewer repairs",
        "its rendition needed 0.0 repairs per 1,000 characters, the other 1.0",
    )


def test_no_majority_in_a_split_vote() -> None:
    a, b, c, d = (Voter(n, False, 0.0) for n in "abcd")
    taken, rule, _ = choose([(["cat"], [a, b]), (["cot"], [c, d])], ["cot"])
    assert (taken, rule) == (1, "tie")


def test_known_word_over_unknown() -> None:
    published = Article(paragraphs=[swap(BODY[0], "budget", "budgct"), *BODY[1:]])
    merged = merge_articles([("pdf", published), ("paste", Article(paragraphs=BODY[:1]))])
    assert merged.article.paragraphs == BODY
    [choice] = merged.choices
    assert (choice.rule, choice.taken_text) == ("known words", "budget")
    assert "'budgct' is unknown to wordfreq" in choice.line()


def test_known_words_come_before_cleanliness() -> None:
    ocr = Voter("scan", True, 5.0)
    clean = Voter("text", False, 0.0)
    assert choose([(["librarv"], [clean]), (["library"], [ocr])], ["librarv"])[:2] == (
        1,
        "known words",
    )


def test_clean_rendition_over_ocr() -> None:
    scan = Article(paragraphs=swapped(BODY, "the money", "tbe money"), ocr=True)
    text = Article(paragraphs=BODY[2:3])
    merged = merge_articles([("scan.png", scan), ("paste.txt", text)])
    assert merged.base == "scan.png"
    assert merged.article.paragraphs == BODY
    [choice] = merged.choices
    assert (choice.rule, choice.taken_text) == ("not OCR", "the")
    assert merged.article.ocr  # the rest of the body is the scan's


def test_clean_base_keeps_its_reading_against_ocr() -> None:
    scan = Article(paragraphs=[swap(BODY[2], "the money", "tbe money")], ocr=True)
    merged = merge_articles([("text", Article(paragraphs=list(BODY))), ("scan", scan)])
    assert merged.article.paragraphs == BODY
    assert [c.rule for c in merged.choices] == ["not OCR"]
    assert not merged.article.ocr


def test_fewer_repairs_per_character() -> None:
    repairs = [Edit("glued words", 0, 0, "", " "), Edit("ellipsis", 9, 12, ". ..", ". . .")]
    unwraps = [Edit("unwrap", k, k + 1, "\n", " ") for k in range(40)]
    broken = Article(paragraphs=swapped(BODY, "two", "tow"), edits=repairs)
    wrapped = Article(paragraphs=BODY[:2], edits=unwraps)
    merged = merge_articles([("broken", broken), ("wrapped", wrapped)])
    assert merged.article.paragraphs == BODY
    [choice] = merged.choices
    assert (choice.rule, choice.taken_text) == ("fewer repairs", "two")


def test_tie_keeps_the_base() -> None:
    a, b = Article(paragraphs=list(BODY)), Article(paragraphs=[swap(BODY[0], "new ", "")])
    merged = merge_articles([("b", b), ("a", a)])
    assert merged.base == "a"
    assert merged.article.paragraphs == BODY
    assert [c.rule for c in merged.choices] == ["tie"]


def test_larger_differences_need_a_majority() -> None:
    a, b = Voter("a", False, 9.0), Voter("b", False, 0.0)
    long = ["word"] * 13
    assert choose([(long, [a]), ([], [b])], long, local=False)[:2] == (0, "kept")
    c = Voter("c", False, 0.0)
    assert choose([(long, [a]), ([], [b, c])], long, local=False)[:2] == (1, "majority")


def test_cut_off_base_is_completed() -> None:
    cut = Article(paragraphs=[*BODY[:3], "Residents who spoke at the meeting were divided, but"])
    end = Article(paragraphs=BODY[2:])
    merged = merge_articles([("pdf", cut), ("page2", end)])
    assert merged.base == "pdf"
    assert merged.article.paragraphs == BODY
    assert merged.choices[0].rule == "continuation"
    assert merged.choices[0].taken_text == "most said they understood the need."


def test_whole_base_is_not_extended() -> None:
    extra = Article(paragraphs=[*BODY[2:], "Write to the editor at letters@example.com today."])
    merged = merge_articles([("full", Article(paragraphs=list(BODY))), ("extra", extra)])
    assert merged.article.paragraphs == BODY


def test_empty_fields_are_filled_from_the_others() -> None:
    base = Article(paragraphs=list(BODY), authors=[])
    other = Article(
        title="Council raises taxes",
        authors=["Jane Doe"],
        published="2024-01-02",
        paragraphs=BODY[:1],
        links=["https://example.com/budget"],
    )
    merged = merge_articles([("body", base), ("front", other)])
    assert merged.article.title == "Council raises taxes"
    assert merged.article.authors == ["Jane Doe"]
    assert merged.article.published == "2024-01-02"
    assert merged.article.links == ["https://example.com/budget"]
    assert merged.article.authors is not other.authors  # copies, not shared lists
    assert base.title is None  # the inputs are left as they were


# ------------------------------------------------------------------------------- arguments


@pytest.mark.parametrize("count", [0, 1])
def test_at_least_two_renditions(count: int) -> None:
    renditions = [("a", Article(paragraphs=list(BODY)))][:count]
    with pytest.raises(OptionError, match="at least two renditions"):
        merge_articles(renditions)
    with pytest.raises(OptionError, match="give two or more files"):
        merge([Path("a.txt")][:count])


def test_merge_files(tmp_path: Path) -> None:
    first, second = tmp_path / "pdf.txt", tmp_path / "paste.txt"
    first.write_text("\n\n".join(swapped(BODY, "budget", "budgct")), encoding="utf-8")
    second.write_text(BODY[0], encoding="utf-8")
    merged = merge([first, str(second)])
    assert merged.renditions == [str(first), str(second)]
    assert merged.article.paragraphs == BODY


def test_merge_passes_clean_options_on(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Ilove the town. " + BODY[0], encoding="utf-8")
    second.write_text("Ilove the town.", encoding="utf-8")
    assert merge([first, second]).article.paragraphs[0].startswith("I love")
    kept = merge([first, second], skip=["words"]).article.paragraphs[0]
    assert kept.startswith("Ilove")
    with pytest.raises(OptionError):
        merge([first, second], skip=["nonsense"])


def test_errors_of_clean_propagate(tmp_path: Path) -> None:
    present = tmp_path / "a.txt"
    present.write_text(BODY[0], encoding="utf-8")
    with pytest.raises(InputNotFoundError) as caught:
        merge([present, tmp_path / "missing.txt"])
    assert isinstance(caught.value, CopydeskError)
    assert "missing.txt" in str(caught.value)
