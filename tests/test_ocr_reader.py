"""The OCR reader: images of typeset pages, read by tesseract, restored by copydesk.

The pages are typeset by ``pdf_factory`` and rendered as a scanner would give them, so
every word on them is known. OCR is not exact: paragraphs are compared with rapidfuzz.
Each OCR costs one to three seconds, so few pages are read, and short ones where the
test is not about the text.
"""

from __future__ import annotations

import io
import os
import time

import pytest
from PIL import Image
from rapidfuzz import fuzz

import copydesk
from copydesk.readers.ocr import ocr_page_image, read_image

pytest.importorskip("fpdf")
pytest.importorskip("pypdfium2")

from pdf_factory import (  # after the skips: fpdf2 is a test-only dependency
    article_pdf,
    article_pdf_and_truth,
    article_truth,
    many_pages_pdf,
    needs_tesseract,
    page_image,
    tiff_pages,
)

SHORT = {
    "pages": 1,
    "caption": False,
    "paragraphs": [
        "The river rose eleven feet in a single night, and by morning the water had"
        " reached the second step of the town hall.",
        "“We are not leaving,” said Margaret Ellison, who has run the hardware store on"
        " Water Street since 1987.",
    ],
}


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def first_page() -> tuple[copydesk.Article, list[str], str]:
    """Page 1 of the default two-page article at 200 dpi, restored: (article, the
    paragraphs typeset on that page, the title)."""
    pdf, truth = article_pdf_and_truth()
    article = copydesk.clean(page_image(pdf, 0, dpi=200))
    return article, truth.paragraphs, truth.title


@needs_tesseract
def test_png_page_paragraphs_match_the_typeset_ones(
    first_page: tuple[copydesk.Article, list[str], str],
) -> None:
    article, typeset, _ = first_page
    got = article.paragraphs
    assert len(got) >= 5
    # The page ends where it ends: its last paragraph may run on to page 2.
    for restored, original in zip(got[:-1], typeset, strict=False):
        assert fuzz.ratio(restored, original) >= 95, (restored, original)
    last = got[-1]
    assert fuzz.ratio(last, typeset[len(got) - 1][: len(last)]) >= 95
    body = " ".join(got)
    assert fuzz.ratio(body, " ".join(typeset)[: len(body)]) >= 97


@needs_tesseract
def test_png_page_front_matter_is_found(
    first_page: tuple[copydesk.Article, list[str], str],
) -> None:
    article, _, title = first_page
    assert article.title is not None
    assert fuzz.ratio(article.title, title) >= 95
    assert article.authors == ["Jane Doe"]
    assert not any("MARC ROUSSEL" in p or "Jane Doe" in p for p in article.paragraphs)


@needs_tesseract
@pytest.mark.parametrize("fmt", ["JPEG", "TIFF"])
def test_jpeg_and_tiff_pages_are_read(fmt: str) -> None:
    truth = article_truth(**SHORT)
    article = copydesk.clean(page_image(article_pdf(**SHORT), 0, dpi=150, fmt=fmt))
    assert fuzz.ratio(article.title or "", truth.title) >= 95
    assert len(article.paragraphs) == len(truth.paragraphs)
    for restored, original in zip(article.paragraphs, truth.paragraphs, strict=True):
        assert fuzz.ratio(restored, original) >= 95, (restored, original)


@needs_tesseract
def test_multi_page_tiff_pages_are_separated_by_form_feeds() -> None:
    tiff = tiff_pages(many_pages_pdf(2), dpi=150)
    draft = read_image(tiff, "scan.tif", deadline=time.monotonic() + 60)
    pages = draft.source.split("\f")
    assert len(pages) == 2
    for number, text in enumerate(pages, 1):
        assert (
            fuzz.ratio(text.strip(), f"Line {number} of 2: the river rose again on page {number}.")
            >= 95
        )
    assert {line.page for line in draft.lines if line.text} == {0, 1}
    assert draft.facts.ocr is True


@needs_tesseract
def test_ocr_page_image_reads_a_rendered_page() -> None:
    image = Image.open(io.BytesIO(page_image(article_pdf(**SHORT), 0, dpi=150)))
    text = ocr_page_image(image, deadline=time.monotonic() + 60, dpi=150)
    assert "\f" not in text
    assert text.splitlines()[0] == "The River Town That Refused to Move"
    assert "" in text.splitlines()  # blocks apart, as copydesk's stages expect


@needs_tesseract
@pytest.mark.parametrize(
    "image",
    [
        pytest.param(Image.new("L", (1700, 2200), 255), id="blank page"),
        pytest.param(Image.new("RGB", (64, 48), "white"), id="tiny blank"),
        pytest.param(
            Image.radial_gradient("L").resize((900, 600)).rotate(17, fillcolor=90), id="photo"
        ),
    ],
)
def test_image_without_text_is_empty_input(image: Image.Image) -> None:
    with pytest.raises(copydesk.EmptyInputError, match="OCR found no text on this image"):
        copydesk.clean(_png(image))


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, id="png header, garbage"),
        pytest.param(b"\xff\xd8\xff\xe0" + b"not a jpeg" * 50, id="jpeg header, garbage"),
        pytest.param(b"II*\x00" + b"\x00" * 64, id="tiff header, garbage"),
    ],
)
def test_garbage_with_an_image_header_is_not_text(data: bytes) -> None:
    with pytest.raises(copydesk.NotTextError, match="not an image copydesk can read"):
        copydesk.clean(data)


def test_truncated_image_is_not_text() -> None:
    png = page_image(article_pdf(**SHORT), 0, dpi=100)
    with pytest.raises(copydesk.NotTextError, match="truncated"):
        copydesk.clean(png[: len(png) // 2])


@needs_tesseract
def test_tiny_time_limit_times_out() -> None:
    png = page_image(article_pdf(**SHORT), 0, dpi=150)
    started = time.monotonic()
    with pytest.raises(copydesk.InputTimeoutError, match="took longer than the time limit"):
        copydesk.clean(png, time_limit=0.001)
    assert time.monotonic() - started < 2


@needs_tesseract
def test_time_limit_stops_tesseract_midway() -> None:
    # Long enough to start tesseract, far too short for it to read a full page.
    png = page_image(article_pdf(), 0, dpi=300)
    before = os.environ.get("OMP_THREAD_LIMIT")
    started = time.monotonic()
    with pytest.raises(copydesk.InputTimeoutError, match=r"time limit \(0.4 s\)"):
        read_image(png, "page.png", deadline=time.monotonic() + 0.4, time_limit=0.4)
    assert time.monotonic() - started < 2
    assert os.environ.get("OMP_THREAD_LIMIT") == before


def test_missing_tesseract_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    monkeypatch.setattr(
        pytesseract.pytesseract,
        "get_tesseract_version",
        lambda *args, **kwargs: pytesseract.pytesseract.Version("5.3.0"),
    )
    png = page_image(article_pdf(**SHORT), 0, dpi=100)
    with pytest.raises(
        copydesk.OCRUnavailableError, match="apt-get install tesseract-ocr tesseract-ocr-eng"
    ) as raised:
        copydesk.clean(png)
    assert not isinstance(raised.value, copydesk.InputError)  # the input is fine


def test_missing_language_data_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import pytesseract

    def no_english(*args: object, **kwargs: object) -> None:
        raise pytesseract.TesseractError(
            1, "Error opening data file /usr/share/tesseract-ocr/5/tessdata/eng.traineddata"
        )

    monkeypatch.setattr(pytesseract, "image_to_data", no_english)
    png = _png(Image.new("L", (600, 400), 255))
    with pytest.raises(copydesk.OCRUnavailableError, match="no English language data"):
        copydesk.clean(png)
