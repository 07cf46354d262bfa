"""Scanned pages measured: the lines OCR reads carry their place on the page and their type.

A scan is the article of ``pdf_factory`` rendered to an image and put back into a PDF, so
the born-digital PDF it was made from says where each line stands and how large its type
is: the scan's lines are compared with those. The measuring itself (``ocr_layout``) is
tested on tesseract's words drawn by hand, where nothing needs tesseract.
"""

from __future__ import annotations

import time
from functools import cache
from typing import Any

import numpy as np
import pytest

import copydesk
from copydesk.draft import Draft, Line, text_size
from copydesk.readers import tesseract
from copydesk.readers.ocr_layout import Word, grouped_sizes, measured_lines, without_strays
from copydesk.readers.pdf import read_pdf

pytest.importorskip("fpdf")
pytest.importorskip("pypdfium2")

from pdf_factory import (  # after the skips: fpdf2 is a test-only dependency
    ArticleTruth,
    article_pdf_and_truth,
    body_paragraphs,
    mixed_pdf,
    needs_tesseract,
    scanned_pdf,
)

DPI = 300  # the resolution words are drawn at below


def _word(text: str, left: float, baseline: float, height: float, *, conf: float = 95) -> Word:
    """A word as tesseract boxes it: ``height`` is the ink's, standing on ``baseline``
    (reaching below it by a fifth of that where the word has a descender)."""
    below = 0.2 * height if any(c in "gjpqy" for c in text) else 0.0
    return Word(text, conf, left, baseline + below - height, 20 * len(text), height)


@cache
def _scan() -> tuple[Draft, Draft, ArticleTruth]:
    """A page of the article, read born-digital and read from its scan."""
    pdf, truth = article_pdf_and_truth(pages=1, paragraphs=body_paragraphs(4))
    deadline = time.monotonic() + 120
    return read_pdf(pdf, deadline=deadline), read_pdf(scanned_pdf(pdf), deadline=deadline), truth


def _same_line(line: Line, lines: list[Line]) -> Line | None:
    """The line of ``lines`` that reads as ``line`` does (OCR misreads a letter or two)."""
    from rapidfuzz import fuzz, process

    found = process.extractOne(line.text, [other.text for other in lines], scorer=fuzz.ratio)
    return lines[found[2]] if found is not None and found[1] >= 90 else None


# --- measuring tesseract's words ---------------------------------------------------------


def test_words_of_every_shape_read_one_size() -> None:
    """Capitals, ascenders, descenders and x-height letters stand at different heights:
    divided by their share of the em, one size comes out of each."""
    size_px = 10 * DPI / 72  # 10 pt type
    words = [
        _word("cove", 0, 100, 0.53 * size_px),
        _word("The", 100, 100, 0.73 * size_px),
        _word("gray", 200, 100, 0.73 * size_px),
        _word("They", 300, 100, 0.92 * size_px),
        _word("NEWS", 400, 100, 0.73 * size_px),
    ]
    for word in words:
        [(_, box)] = measured_lines([[word]], DPI)
        assert box.size == pytest.approx(10, abs=0.15), word.text


def test_a_headline_measures_larger_than_text_and_its_lines_alike() -> None:
    head = 28 * DPI / 72
    text = 10 * DPI / 72
    lines = [
        [_word("Millbrook", 0, 100, 0.73 * head), _word("Holds", 250, 100, 0.73 * head)],
        # A headline's second line read a little taller (a descender above touched it).
        [_word("Where", 0, 220, 0.79 * head), _word("It", 250, 220, 0.79 * head)],
        [_word("The", 0, 300, 0.73 * text), _word("river", 120, 300, 0.73 * text)],
        [_word("rose", 0, 342, 0.53 * text), _word("again.", 120, 342, 0.92 * text)],
    ]
    boxes = [box for _, box in measured_lines(lines, DPI)]
    assert boxes[0].size == boxes[1].size == pytest.approx(28, rel=0.05)
    assert boxes[2].size == boxes[3].size == pytest.approx(10, rel=0.05)
    assert boxes[0].top < boxes[1].top < boxes[2].top < boxes[3].top
    assert boxes[0].word == pytest.approx(20 * len("Millbrook") * 72 / DPI)


def test_a_tilted_scan_is_straightened() -> None:
    """Lines falling 1 px in 50 (a scan turned a little over a degree): the lines' left
    edges line up again, and their words' boxes measure the type, not the slope."""
    lines = []
    for k in range(6):
        words = ["the", "old", "mill", "by", "the", "river"]
        line = []
        for i, text in enumerate(words):
            left = 60 + 100 * i - 0.02 * 40 * k  # the column's edge leans left going down
            line.append(_word(text, left, 100 + 40 * k + 0.02 * left, 30 + 0.02 * 80))
        lines.append(line)
    boxes = [box for _, box in measured_lines(lines, DPI)]
    assert max(box.x0 for box in boxes) - min(box.x0 for box in boxes) < 0.5
    assert len({box.size for box in boxes}) == 1


def test_grouped_sizes_keep_sizes_apart_and_readings_of_one_together() -> None:
    readings = [9.9, 10.1, 10.3, 12.9, 13.2, 8.0, 24.0]
    sizes = grouped_sizes(readings, [40] * len(readings))
    assert sizes[0] == sizes[1] == sizes[2]
    assert sizes[3] == sizes[4] != sizes[0]
    assert len(set(sizes)) == 4


def test_trimmed_cuts_a_speck_off_a_word() -> None:
    from copydesk.readers.ocr_layout import trimmed

    grey = np.full((60, 100), 255, dtype=np.uint8)
    grey[20:50, 10:90] = 0  # the letters
    grey[3:6, 40:43] = 0  # a speck above them, inside tesseract's box
    word = trimmed(Word("Mill", 95, 0, 0, 100, 60), grey)
    assert (word.top, word.height) == (20, 30)


def test_specks_and_dirt_at_a_line_end_are_not_words() -> None:
    words = [
        Word("-", 60, 0, 40, 2, 2),  # a speck before the line
        Word("Water", 96, 40, 10, 120, 32),
        Word("Street.", 95, 175, 10, 140, 32),
        Word("ie", 12, 700, 5, 40, 30),  # dirt in the margin, read as letters
    ]
    assert [word.text for word in without_strays(words)] == ["Water", "Street."]
    # A dash set close to its word stays.
    words = [Word("wait", 96, 0, 10, 80, 24), Word("—", 90, 95, 20, 40, 3)]
    assert [word.text for word in without_strays(words)] == ["wait", "—"]


def test_lines_tesseract_was_sure_of_no_word_in_are_left_out() -> None:
    data: dict[str, list[Any]] = {
        "level": [5, 5, 5],
        "block_num": [1, 1, 2],
        "par_num": [1, 1, 1],
        "line_num": [1, 1, 1],
        "text": ["River", "Street", "~"],
        "conf": [95, 91, 20],
        "left": [0, 120, 0],
        "top": [0, 0, 80],
        "width": [100, 110, 30],
        "height": [30, 30, 20],
    }
    lines = tesseract._confident_lines(data)
    assert [[word.text for word in words] for _, words in lines] == [["River", "Street"]]


# --- scanned pages -----------------------------------------------------------------------


@needs_tesseract
def test_scanned_lines_stand_where_the_typeset_lines_stand() -> None:
    digital, scanned, _ = _scan()
    assert scanned.facts.ocr is True
    lines = [line for line in scanned.lines if line.text]
    assert lines and all(line.box is not None and line.box.size > 0 for line in lines)
    matched = 0
    for line in digital.lines:
        if len(line.text) < 30 or line.box is None:
            continue
        other = _same_line(line, lines)
        if other is None or other.box is None:
            continue
        matched += 1
        assert other.box.x0 == pytest.approx(line.box.x0, abs=2), line.text
        assert other.box.x1 == pytest.approx(line.box.x1, abs=3), line.text
        assert other.box.size == pytest.approx(line.box.size, rel=0.12), line.text
        assert other.indent == line.indent, line.text
    assert matched >= 10


@needs_tesseract
def test_a_scanned_headline_is_measured_larger_than_the_text() -> None:
    from rapidfuzz import fuzz

    _, scanned, truth = _scan()
    body = text_size(scanned.lines)
    assert body is not None and body == pytest.approx(10, rel=0.12)
    head = [
        line
        for line in scanned.lines
        if len(line.text) > 10 and fuzz.partial_ratio(line.text, truth.title) >= 90
    ]
    assert head and all(line.box is not None for line in head)
    sizes = {line.box.size for line in head if line.box is not None}
    assert len(sizes) == 1  # the headline's lines in one size
    assert sizes.pop() > 1.8 * body  # 24 pt over 10


@needs_tesseract
@pytest.mark.parametrize(
    "title",
    [
        pytest.param("The river rose eleven feet in one night. The town stayed.", id="sentences"),
        pytest.param(
            "Why Millbrook, a River Town of 4,000, Refused to Move When the State Offered It"
            " a Way Out",
            id="long",
        ),
    ],
)
def test_the_front_matter_of_a_scan_finds_the_headline_by_its_type(title: str) -> None:
    """Read as text alone, these headlines pass for text and the dek under them for the
    headline; measured, the headline is the largest type on the page."""
    from rapidfuzz import fuzz

    pdf, truth = article_pdf_and_truth(pages=1, paragraphs=body_paragraphs(4), title=title)
    article = copydesk.clean(scanned_pdf(pdf, dpi=150))
    assert fuzz.ratio(article.title or "", truth.title) >= 95
    assert fuzz.ratio(article.dek or "", truth.dek) >= 95
    assert article.authors == truth.authors


@needs_tesseract
def test_a_scanned_page_among_text_pages_is_measured_in_their_type() -> None:
    pdf, _ = article_pdf_and_truth(pages=3, paragraphs=body_paragraphs(30))
    draft = read_pdf(mixed_pdf(pdf, scanned=(1,)), deadline=time.monotonic() + 120)
    text = text_size([line for line in draft.lines if line.page != 1])
    scanned = text_size([line for line in draft.lines if line.page == 1])
    assert text == scanned == 10.0
