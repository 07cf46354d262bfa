"""The PDF reader (pypdfium2), through the public API (``copydesk.clean``) and the command line.

Every PDF here is typeset by ``pdf_factory`` from a known article, so each assertion compares
what copydesk restores with what was typeset: the paragraphs (whole, in order, nothing else
in the body), the head of the article, the caption and its credit, the bio and the link; the
running heads and page numbers out of the body; words hyphenated at a line's end whole again;
a drop cap's letter back on its word. Scanned pages go through OCR (tesseract) and are
compared fuzzily. Bad input (encrypted, truncated, endless, slow) gives one line that says
what to do, or a partial article with a warning.

The bodies are given to the factory as paragraphs (``body_paragraphs(n)``), which typesets
each article once; every article is built and restored once per test session.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import copydesk
from copydesk.cli import main

pytest.importorskip("fpdf")
pytest.importorskip("pypdfium2")

import pypdfium2 as pdfium
from pdf_factory import (  # after the skips: fpdf2 is a test-only dependency
    ArticleTruth,
    article_pdf_and_truth,
    article_truth,
    body_paragraphs,
    encrypted_pdf,
    many_pages_pdf,
    mixed_pdf,
    needs_tesseract,
    page_texts,
    scanned_pdf,
    truncated_pdf,
)

COLUMNS = [1, 2, 3]
BODY = body_paragraphs(30)  # three pages in one, two or three columns
TWO_PAGE_BODY = body_paragraphs(18)  # two pages: the running head is printed once, on page 2
LINK = "https://www.example.org/millbrook/floodwall-plan"
PASSWORD = "sandbag-2021"
# pdfium's mark for a hyphen a word was broken at, at a line's end (it joins the word).
BROKEN = "\ufffe"

VARIANTS: dict[str, dict[str, Any]] = {
    "plain": {"paragraphs": BODY},
    "spaced": {"paragraphs": BODY, "spacing": "space"},
    "soft hyphen": {"paragraphs": BODY, "soft_hyphen": True},
    "drop cap": {"paragraphs": BODY, "drop_cap": True},
    "link": {"paragraphs": BODY, "link": LINK},
    "two pages": {"paragraphs": TWO_PAGE_BODY},
}


def norm(text: str) -> str:
    """Whitespace collapsed: line ends and double spaces are not what is compared."""
    return " ".join(text.split())


@cache
def case(variant: str, columns: int) -> tuple[bytes, ArticleTruth, copydesk.Article]:
    """The PDF of a variant, its truth, and what ``copydesk.clean`` restores from it."""
    pdf, truth = article_pdf_and_truth(columns=columns, **VARIANTS[variant])
    return pdf, truth, copydesk.clean(pdf)


def body_of(article: copydesk.Article) -> str:
    return "\n".join(article.paragraphs)


def missing(article: copydesk.Article, truth: ArticleTruth) -> list[str]:
    """The truth's paragraphs not found, whole, among the article's."""
    got = {norm(p) for p in article.paragraphs}
    return [p for p in truth.paragraphs if norm(p) not in got]


def printed_lines(pdf: bytes) -> list[tuple[int, float, str]]:
    """The lines of a PDF as pdfium reads them, straight from pypdfium2 (not through
    copydesk): (page, height of the first character's top above the page's foot, text)."""
    out: list[tuple[int, float, str]] = []
    document = pdfium.PdfDocument(pdf)
    try:
        for number in range(len(document)):
            page = document[number]
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
                at = 0
                for line in text.split("\r\n"):
                    start = at
                    at += len(line) + 2
                    if line.strip():
                        first = start + len(line) - len(line.lstrip())
                        out.append((number, textpage.get_charbox(first)[3], line))
            finally:
                textpage.close()
                page.close()
    finally:
        document.close()
    return out


def cut_paragraphs(pdf: bytes, truth: ArticleTruth) -> tuple[set[int], set[int]]:
    """The truth's paragraphs (by index) that the page cuts at a column's foot, and those
    it cuts at a page's foot: where the text goes on higher up the page or on the next
    page, and the last line before and the first line after are in one paragraph (the
    two together are found in that paragraph, and in no other)."""
    paragraphs = [norm(p) for p in truth.paragraphs]
    lines = [
        line
        for line in printed_lines(pdf)
        if line[2].strip() != truth.running_head and not line[2].strip().isdigit()
    ]
    at_column, at_page = set(), set()
    for (page_a, top_a, text_a), (page_b, top_b, text_b) in itertools.pairwise(lines):
        if page_b != page_a:
            cuts = at_page
        elif top_b > top_a + 1:
            cuts = at_column
        else:
            continue
        pair = norm(f"{text_a} {text_b}".replace(BROKEN, ""))
        found = [k for k, p in enumerate(paragraphs) if pair in p]
        if len(found) == 1:
            cuts.update(found)
    return at_column, at_page


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_one_line_error(code: int, out: str, err: str) -> str:
    """The CLI failed with one ``copydesk: error:`` line and nothing else; return it."""
    assert code == 1, (code, err)
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("copydesk: error:"), err
    assert "Traceback" not in err
    return lines[0]


# --- columns, reading order, paragraphs cut by the page ---------------------------------------


@pytest.mark.parametrize("variant", ["plain", "spaced", "soft hyphen", "drop cap"])
@pytest.mark.parametrize("columns", COLUMNS)
def test_every_paragraph_comes_out_whole(columns: int, variant: str) -> None:
    _, truth, article = case(variant, columns)
    assert truth.pages == 3  # the body runs over two page breaks
    assert missing(article, truth) == []


@pytest.mark.parametrize("variant", ["plain", "spaced"])
@pytest.mark.parametrize("columns", COLUMNS)
def test_paragraphs_in_reading_order_and_nothing_else(columns: int, variant: str) -> None:
    _, truth, article = case(variant, columns)
    assert [norm(p) for p in article.paragraphs] == [norm(p) for p in truth.paragraphs]


@pytest.mark.parametrize("columns", COLUMNS)
def test_paragraph_cut_across_columns_and_pages_is_rejoined(columns: int) -> None:
    pdf, truth, article = case("plain", columns)
    at_column, at_page = cut_paragraphs(pdf, truth)
    # The typesetting cuts paragraphs where this test is meant to look.
    assert at_page, "no paragraph runs across a page break: the test would prove nothing"
    if columns > 1:
        assert at_column, "no paragraph runs across a column break"
    got = [norm(p) for p in article.paragraphs]
    for k in sorted(at_column | at_page):
        assert norm(truth.paragraphs[k]) in got, truth.paragraphs[k]
        # Its two halves are not left apart either.
        whole = norm(truth.paragraphs[k])
        assert [p for p in got if p != whole and p in whole] == []


@pytest.mark.parametrize("columns", COLUMNS)
def test_head_of_the_article_and_bio(columns: int) -> None:
    _, truth, article = case("plain", columns)
    assert article.title == truth.title
    assert article.dek == truth.dek
    assert article.authors == truth.authors
    assert article.published == truth.published
    assert article.bio == truth.bio
    body = body_of(article)
    for text in (truth.title, truth.byline, truth.dateline, truth.dek[:40], truth.bio or ""):
        assert text not in body


@pytest.mark.parametrize("columns", COLUMNS)
def test_caption_with_its_credit(columns: int) -> None:
    _, truth, article = case("plain", columns)
    assert truth.captions and truth.credit_line
    assert article.captions == [
        copydesk.Caption(text=text, credit=credit) for text, credit in truth.captions
    ]
    body = body_of(article)
    removed = {norm(r.text) for r in article.removed}
    for text, credit in truth.captions:
        assert text not in body
        assert credit not in body
        assert norm(text) in removed
    assert truth.credit_line in removed


@pytest.mark.parametrize("columns", COLUMNS)
def test_edits_and_removals_point_into_the_source(columns: int) -> None:
    _, _, article = case("plain", columns)
    assert article.edits and article.removed
    for edit in article.edits:
        assert article.source[edit.start : edit.end] == edit.before, edit
    for removal in article.removed:
        assert article.source[removal.start : removal.end] == removal.text, removal


# --- running heads and page numbers ------------------------------------------------------------


@pytest.mark.parametrize("variant", ["plain", "two pages"])
@pytest.mark.parametrize("columns", COLUMNS)
def test_running_head_and_page_numbers_out_of_the_body(columns: int, variant: str) -> None:
    _, truth, article = case(variant, columns)
    assert truth.running_head is not None and truth.page_numbers
    body = body_of(article)
    assert truth.running_head not in body
    assert not any(p.strip().isdigit() for p in article.paragraphs)
    # The running head stands on every page after the first, the number on every page.
    heads = [r for r in article.removed if r.text.strip() == truth.running_head]
    assert len(heads) == truth.pages - 1, article.removed
    numbers = {r.text.strip() for r in article.removed if r.text.strip().isdigit()}
    assert numbers == {str(n) for n in range(1, truth.pages + 1)}
    # Nothing of them is glued to the text they interrupt.
    assert missing(article, truth) == []


# --- hyphens -----------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", COLUMNS)
def test_soft_hyphen_at_a_line_end_gives_the_word_back_whole(columns: int) -> None:
    pdf, truth, article = case("soft hyphen", columns)
    # The words the typesetter broke at a line's end, as pdfium marks them.
    broken = {word for text in page_texts(pdf) for word in re.findall(rf"\w+{BROKEN}\w+", text)}
    assert broken, "no word was hyphenated at a line end: the test would prove nothing"
    # The bio is set in the same hyphenated type.
    assert article.bio == truth.bio
    body = "\n".join([*article.paragraphs, article.bio or ""])
    for word in sorted(broken):
        head, tail = word.split(BROKEN)
        assert re.search(rf"\b{head}{tail}\b", body), word.replace(BROKEN, "-")
        assert f"{head}-{tail}" not in body
        assert f"{head}- {tail}" not in body
        assert f"{head} {tail}" not in body
    assert "\u00ad" not in body and BROKEN not in body


@pytest.mark.parametrize("variant", ["plain", "soft hyphen"])
@pytest.mark.parametrize("columns", COLUMNS)
def test_hyphenated_compounds_keep_their_hyphen(columns: int, variant: str) -> None:
    # fpdf2 breaks lines at spaces and soft hyphens only, never after a hard hyphen, so no
    # compound stands at a line's end: the compounds of the text must come out unchanged.
    _, truth, article = case(variant, columns)
    compounds = {c for p in truth.paragraphs for c in re.findall(r"\b\w+(?:-\w+)+\b", p)}
    assert compounds, "the truth has no hyphenated compound"
    body = body_of(article)
    for compound in sorted(compounds):
        assert compound in body, compound
        assert compound.replace("-", "") not in body, compound


# --- drop cap ----------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", COLUMNS)
def test_drop_cap_goes_back_on_its_word(columns: int) -> None:
    _, truth, article = case("drop cap", columns)
    first = truth.paragraphs[0]
    word = first.split()[0]
    assert len(word) > 1
    assert article.paragraphs, "no paragraphs"
    assert article.paragraphs[0].split()[0] == word  # "Delegations", not "D elegations"
    assert norm(article.paragraphs[0]) == norm(first)
    assert article.title == truth.title
    assert word[0] not in [p.strip() for p in article.paragraphs]
    assert not re.search(rf"\b{word[0]}\s+{word[1:]}\b", body_of(article))


# --- link --------------------------------------------------------------------------------------


def test_link_annotation_is_in_links() -> None:
    _, truth, article = case("link", 1)
    assert truth.links == [LINK] and truth.link_anchor
    assert article.links == truth.links
    # The words it covers stay in the body; the URL is not printed there.
    assert truth.link_anchor in body_of(article)
    assert LINK not in body_of(article)


# --- scans ---------------------------------------------------------------------------------------


@needs_tesseract
def test_scanned_pdf_is_read_by_ocr() -> None:
    from rapidfuzz import fuzz

    pdf, truth = article_pdf_and_truth(pages=1, paragraphs=body_paragraphs(4))
    scan = scanned_pdf(pdf, dpi=150)
    assert all(not text.strip() for text in page_texts(scan))  # images only
    article = copydesk.clean(scan)
    assert fuzz.ratio(article.title or "", truth.title) >= 95
    assert article.authors == truth.authors
    assert article.published == truth.published
    assert len(article.paragraphs) == len(truth.paragraphs)
    for restored, original in zip(article.paragraphs, truth.paragraphs, strict=True):
        assert fuzz.ratio(restored, original) >= 95, (restored, original)
    assert len(article.captions) == 1
    assert fuzz.ratio(article.captions[0].text, truth.captions[0][0]) >= 95
    assert fuzz.ratio(article.captions[0].credit or "", truth.captions[0][1]) >= 90


@needs_tesseract
def test_mixed_pdf_text_pages_and_a_scanned_page() -> None:
    from rapidfuzz import fuzz, process

    pdf, truth, _ = case("plain", 1)
    mixed = mixed_pdf(pdf, scanned=(1,))
    texts = [norm(text.replace(BROKEN, "")) for text in page_texts(mixed)]
    assert texts[0] and texts[2] and not texts[1]  # the second page is an image
    article = copydesk.clean(mixed)
    got = [norm(p) for p in article.paragraphs]
    assert article.title == truth.title
    assert article.authors == truth.authors
    # A paragraph printed wholly on a page with text comes out exactly; one that was
    # scanned, or runs on to or from the scan, closely.
    places = []
    for paragraph in map(norm, truth.paragraphs):
        if paragraph in texts[0] or paragraph in texts[2]:
            assert paragraph in got, paragraph
        match = process.extractOne(paragraph, got, scorer=fuzz.ratio)
        assert match is not None and match[1] >= 95, (paragraph, match)
        places.append(match[2])
    assert places == sorted(places)  # in order
    assert len(got) == len(truth.paragraphs)
    assert truth.running_head is not None
    assert not any(truth.running_head in p for p in got)


# --- encrypted PDFs ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def encrypted() -> tuple[bytes, ArticleTruth]:
    return encrypted_pdf(PASSWORD), article_truth(pages=1)


def test_encrypted_pdf_without_password_says_to_give_it(
    encrypted: tuple[bytes, ArticleTruth],
) -> None:
    with pytest.raises(copydesk.EncryptedInputError) as caught:
        copydesk.clean(encrypted[0])
    message = str(caught.value)
    assert "--password" in message
    assert "\n" not in message


def test_encrypted_pdf_with_its_password(encrypted: tuple[bytes, ArticleTruth]) -> None:
    pdf, truth = encrypted
    article = copydesk.clean(pdf, password=PASSWORD)
    assert article.title == truth.title
    assert article.authors == truth.authors
    assert [norm(p) for p in article.paragraphs] == [norm(p) for p in truth.paragraphs]


def test_encrypted_pdf_with_a_wrong_password(encrypted: tuple[bytes, ArticleTruth]) -> None:
    with pytest.raises(copydesk.EncryptedInputError) as caught:
        copydesk.clean(encrypted[0], password=PASSWORD + "x")
    assert "\n" not in str(caught.value)


def test_cli_encrypted_pdf(
    encrypted: tuple[bytes, ArticleTruth], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf, truth = encrypted
    path = tmp_path / "locked.pdf"
    path.write_bytes(pdf)
    line = assert_one_line_error(*run(["clean", str(path)], capsys))
    assert "--password" in line and str(path) in line
    assert_one_line_error(*run(["clean", str(path), "--password", "wrong"], capsys))
    code, out, err = run(["clean", str(path), "--password", PASSWORD, "--format", "json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["title"] == truth.title
    assert [norm(p) for p in data["paragraphs"]] == [norm(p) for p in truth.paragraphs]


# --- broken, empty, endless and slow PDFs ------------------------------------------------------


def test_truncated_pdf_is_one_line_error() -> None:
    with pytest.raises(copydesk.NotTextError) as caught:
        copydesk.clean(truncated_pdf())
    message = str(caught.value)
    assert "\n" not in message
    assert "truncated" in message or "damaged" in message


def test_cli_truncated_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(truncated_pdf())
    line = assert_one_line_error(*run(["clean", str(path)], capsys))
    assert str(path) in line


def test_pdf_without_text_or_images_is_empty_input() -> None:
    from fpdf import FPDF

    blank = FPDF()
    blank.add_page()
    with pytest.raises(copydesk.EmptyInputError) as caught:
        copydesk.clean(bytes(blank.output()))
    assert "\n" not in str(caught.value)


@pytest.fixture(scope="module")
def five_thousand_pages() -> bytes:
    return many_pages_pdf(5000)


def _pages_read(source: str, total: int) -> list[int]:
    return [int(k) for k in re.findall(rf"Line (\d+) of {total}:", source)]


def test_five_thousand_pages_give_a_partial_article_with_a_warning(
    five_thousand_pages: bytes,
) -> None:
    article = copydesk.clean(five_thousand_pages)
    read = _pages_read(article.source, 5000)
    assert read, "nothing was read"
    assert read == list(range(1, len(read) + 1))  # the first pages, in order
    assert len(read) < 5000
    assert len(article.warnings) == 1, article.warnings
    warning = article.warnings[0]
    assert "5000" in warning and str(len(read)) in warning
    assert "\n" not in warning


def test_cli_five_thousand_pages_warns(
    five_thousand_pages: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(five_thousand_pages)
    code, _, err = run(["clean", str(path), "--format", "json"], capsys)
    assert code == 0, err
    warnings = [line for line in err.splitlines() if line.startswith("copydesk: warning:")]
    assert len(warnings) == 1 and "5000" in warnings[0], err


def test_tiny_time_limit_is_a_timeout_error() -> None:
    pdf, _, _ = case("plain", 1)
    with pytest.raises(copydesk.InputTimeoutError) as caught:
        copydesk.clean(pdf, time_limit=1e-9)
    message = str(caught.value)
    assert "--time-limit" in message and "\n" not in message


def test_cli_tiny_time_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "article.pdf"
    path.write_bytes(case("plain", 1)[0])
    line = assert_one_line_error(*run(["clean", str(path), "--time-limit", "1e-9"], capsys))
    assert "--time-limit" in line


def test_time_limit_reached_midway_gives_a_partial_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pdf = many_pages_pdf(10)
    # A clock that moves a second each time it is read: each page takes a second.
    ticks = itertools.count()
    start = time.monotonic()
    monkeypatch.setattr(time, "monotonic", lambda: start + next(ticks))
    article = copydesk.clean(pdf, time_limit=3.5, skip=["furniture"])
    monkeypatch.undo()
    read = _pages_read(article.source, 10)
    assert read and read == list(range(1, len(read) + 1)) and len(read) < 10, read
    assert any("time limit" in w for w in article.warnings), article.warnings
    # What was read is restored, and nothing else.
    assert norm(" ".join(article.paragraphs)) == " ".join(
        f"Line {k} of 10: the river rose again on page {k}." for k in read
    )


# --- the kind is told by the content -----------------------------------------------------------


def test_pdf_named_txt_is_read_as_a_pdf(tmp_path: Path) -> None:
    pdf, truth, article = case("plain", 2)
    path = tmp_path / "article.txt"
    path.write_bytes(pdf)
    from_path = copydesk.clean(path)
    assert from_path.to_dict() == article.to_dict()
    assert missing(from_path, truth) == []


def test_cli_pdf_named_txt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf, truth, _ = case("plain", 2)
    path = tmp_path / "article.txt"
    path.write_bytes(pdf)
    code, out, err = run(["clean", str(path), "--format", "json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["title"] == truth.title
    assert data["authors"] == truth.authors
    assert data["published"] == truth.published
    assert data["captions"] == [{"text": t, "credit": c} for t, c in truth.captions]
    assert data["bio"] == truth.bio
    assert [norm(p) for p in data["paragraphs"]] == [norm(p) for p in truth.paragraphs]


def test_cli_text_format_prints_the_body(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf, truth, _ = case("plain", 3)
    path = tmp_path / "article.pdf"
    path.write_bytes(pdf)
    code, out, err = run(["clean", str(path)], capsys)
    assert code == 0 and err == ""
    printed = [norm(line) for line in out.splitlines() if line.strip()]
    assert printed == [norm(p) for p in truth.paragraphs]


# A note on the author that no wording rule takes for one (no name, no "is a writer"):
# only its italic type, under text set in roman, tells it from the text.
UNNAMED_BIO = (
    "Senior fellow at the Institute for River Studies, and adviser to the town council"
    " on its flood defences since 2015."
)


def test_italic_note_at_the_end_is_the_bio() -> None:
    pdf, truth = article_pdf_and_truth(columns=2, paragraphs=body_paragraphs(18), bio=UNNAMED_BIO)
    article = copydesk.clean(pdf)
    assert article.bio == truth.bio == UNNAMED_BIO
    assert UNNAMED_BIO not in body_of(article)
    assert not missing(article, truth)


def test_same_note_in_plain_text_stays_in_the_body() -> None:
    """Must not change: without the type, the note reads as the text's last paragraph."""
    paragraphs = body_paragraphs(3)
    text = "\n\n".join(["A Headline Over the Text", "By Jane Doe", *paragraphs, UNNAMED_BIO])
    article = copydesk.clean(text)
    assert article.bio is None
    assert article.paragraphs[-1] == UNNAMED_BIO


def test_the_pictures_a_page_draws_are_facts_of_the_draft(tmp_path: Path) -> None:
    """The PDF reader says where each picture is drawn (top-down points, as lines' boxes
    are), leaving out icons too small to be a photo."""
    from fpdf import FPDF
    from PIL import Image

    from copydesk.readers import read

    picture = tmp_path / "photo.png"
    Image.new("RGB", (40, 30), (90, 120, 150)).save(picture)
    pdf = FPDF(unit="pt", format=(600, 800))
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.set_xy(72, 72)
    pdf.multi_cell(400, 14, "The bridge reopened on Tuesday, and the first cars crossed it.")
    pdf.image(str(picture), x=100, y=200, w=300, h=200)
    pdf.image(str(picture), x=500, y=700, w=10, h=8)  # an icon
    draft = read(bytes(pdf.output()))
    ((page, box),) = draft.facts.image_boxes
    assert page == 0
    assert (box.x0, box.x1, box.top, box.bottom) == pytest.approx((100, 400, 200, 400), abs=0.5)
