"""The seed article: a WSJ opinion piece as a broken text rendition (000), and its first five
paragraphs as published (003).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

import copydesk
from copydesk import Article

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
BROKEN = SEEDS / "000_9a75605a1331ce5d.txt"
PUBLISHED = SEEDS / "003_4ae584b06e6ae996.txt"

pytestmark = pytest.mark.skipif(
    not (BROKEN.is_file() and PUBLISHED.is_file()), reason=f"seed articles not found in {SEEDS}"
)

WORD = re.compile(r"\w+")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def article() -> Article:
    return copydesk.clean(BROKEN)


def test_first_five_paragraphs_as_published(article: Article) -> None:
    published = [norm(p) for p in PUBLISHED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    assert len(published) == 5
    # The broken rendition itself spells the name "Haqqgani" (a typo in that copy, not a
    # conversion error copydesk could know to fix), so the expectation carries it too.
    assert "Haqqgani" in BROKEN.read_text(encoding="utf-8")
    expected = [p.replace("Haqqani", "Haqqgani") for p in published]
    assert [norm(p) for p in article.paragraphs[:5]] == expected


def test_fields(article: Article) -> None:
    assert article.title == "The Afghan Who Won’t Surrender to the Taliban"
    assert article.dek == (
        "Ahmad Massoud leads the resistance in the province of Panjshir. "
        "Can he and his fighters hold out?"
    )
    assert article.authors == ["Bernard-Henri Lévy"]
    assert article.published == "2021-08-23T12:56:00-04:00"
    assert [(c.text, c.credit) for c in article.captions] == [
        ("Ahmad Massoud in Panjshir province, September 2020.", "MARC ROUSSEL")
    ]
    assert article.bio == (
        "Mr. Lévy is author of “The Will to See: Dispatches From a World of Misery and Hope,” "
        "forthcoming in October."
    )


def test_the_rest_of_the_article_is_there(article: Article) -> None:
    assert len(article.paragraphs) == 12
    assert article.paragraphs[-1].startswith("Still, his message to the West")
    # The dash that opened a line is joined to the word before it, as printed.
    assert article.paragraphs[-1].endswith(
        "a shield against barbarism—not only for the Afghan people, "
        "but also for free people the world over.”"
    )


def test_page_break_paragraph_is_rejoined(article: Article) -> None:
    joined = [p for p in article.paragraphs if "Even when the conflict was at its height." in p]
    assert len(joined) == 1
    assert joined[0].startswith("Rumors have also circulated")
    assert joined[0].endswith("of giving up.”")


def test_url_lines_are_links_not_body(article: Article) -> None:
    urls = [
        line.strip()
        for line in BROKEN.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("https://")
    ]
    assert len(urls) == 3
    assert article.links == urls
    for paragraph in article.paragraphs:
        assert "https://" not in paragraph
        assert "wsj.com" not in paragraph


def _output_text(article: Article) -> str:
    fields = [article.title or "", article.dek or "", article.bio or ""]
    fields += article.authors + article.paragraphs + article.links
    fields += [f"{c.text} {c.credit or ''}" for c in article.captions]
    return "\n".join(fields)


# Words of the input that are print labels, not article text: kept out of the fields on
# purpose, and only where copydesk recorded the line as that field.
LABELS = {"byline": {"By"}, "caption": {"PHOTO"}}


def _accounted_for(article: Article, word: str, start: int, end: int, output: set[str]) -> bool:
    """Is the input word at ``start:end`` a label or dateline, or changed by an edit?"""
    removal = next((r for r in article.removed if r.start <= start and end <= r.end), None)
    if removal is not None and (
        removal.reason == "dateline" or word in LABELS.get(removal.reason, ())
    ):
        return True
    inside = [e for e in article.edits if start <= e.start and e.end <= end]
    fixed = word
    for edit in sorted(inside, key=lambda e: e.start, reverse=True):
        fixed = fixed[: edit.start - start] + edit.after + fixed[edit.end - start :]
    return fixed != word and set(WORD.findall(fixed)) <= output


def test_nothing_lost(article: Article) -> None:
    """Every word of the input is in some output field, or copydesk accounts for it.

    A word of the input may be missing from the output only when
    - it is inside a line copydesk recorded as the dateline (that line's content is
      ``published``, checked above) or it is the label of a byline or caption line ("By",
      "PHOTO"); or
    - an edit changed it (its span lies within the word, as with a glued "Ilove" split in
      two), and the word with that edit applied is in the output.
    Counts are compared, not just the vocabulary, so a word dropped in one place cannot hide
    behind the same word elsewhere.
    """
    source = article.source
    assert source == BROKEN.read_text(encoding="utf-8")
    # Nothing was dropped as page furniture or boilerplate: every removal is a field.
    assert {r.reason for r in article.removed} <= {
        "title",
        "dek",
        "byline",
        "dateline",
        "caption",
        "link",
        "bio",
    }
    output_words = Counter(WORD.findall(_output_text(article)))
    missing = Counter(WORD.findall(source)) - output_words
    accounted: Counter[str] = Counter()
    for match in WORD.finditer(source):
        word, start, end = match.group(), match.start(), match.end()
        if missing[word] and _accounted_for(article, word, start, end, set(output_words)):
            accounted[word] += 1
    unaccounted = {word: n - accounted[word] for word, n in missing.items() if n > accounted[word]}
    assert unaccounted == {}
    # The seed has exactly these: the byline label, the dateline, the credit label, and
    # the glued "Ilove".
    assert set(missing) == {"By", "Aug", "23", "202112", "56", "pm", "ET", "PHOTO", "Ilove"}
    assert any(e.kind == "glued words" and e.after == " " for e in article.edits)
    assert "“I love three things in this world,”" in article.paragraphs[4]


def test_edits_point_into_the_source(article: Article) -> None:
    """Every edit's offsets are a span of the input and ``before`` is that span's text.

    This holds for every kind of edit copydesk makes (checked over the dev set too): an
    insertion has an empty ``before`` at an empty span.
    """
    assert article.edits
    kinds = set()
    for edit in article.edits:
        assert 0 <= edit.start <= edit.end <= len(article.source), edit
        assert article.source[edit.start : edit.end] == edit.before, edit
        kinds.add(edit.kind)
    assert {"unwrap", "paragraph break", "ellipsis", "glued words", "join"} <= kinds


def test_removals_point_into_the_source(article: Article) -> None:
    """Every removal's offsets are a span of the input holding its text (white space aside)."""
    for removal in article.removed:
        assert 0 <= removal.start <= removal.end <= len(article.source), removal
        assert norm(article.source[removal.start : removal.end]) == norm(removal.text), removal


def test_removals_quote_the_source_verbatim(article: Article) -> None:
    for removal in article.removed:
        assert article.source[removal.start : removal.end] == removal.text, removal


def test_ellipses_repaired(article: Article) -> None:
    body = "\n".join(article.paragraphs)
    assert ". .." not in body
    assert "freedom. . . . No surrender" in body
    assert "I learned . . . at King’s College" in body
