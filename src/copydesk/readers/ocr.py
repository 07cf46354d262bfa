"""Reader for images of pages (PNG, JPEG, TIFF), by OCR with tesseract.

Tesseract gives each word it reads with its box on the page (:mod:`copydesk.readers.tesseract`).
The reader keeps the lines in which it was sure of a word, measures each (where it stands,
how large its type is: :mod:`copydesk.readers.ocr_layout`), and lays the page out as the
PDF reader lays out a born-digital page (:func:`~copydesk.readers.pdf.laid_out_scan`):
lines as printed, a blank line between blocks, a form feed between the pages of a
multi-page TIFF, and each line's box, by which the stages read the headline's size and
where paragraphs end.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from copydesk.draft import Box, Draft, Medium
from copydesk.errors import EmptyInputError
from copydesk.readers.tesseract import (
    PageText,
    not_an_image,
    ocr_measured,
    ocr_page_image,
    ocr_page_lines,
)

if TYPE_CHECKING:
    from PIL import Image

# An image holds text when tesseract is sure (tesseract.SURE) of at least this many words
# of three letters or more: a photo yields a few short, doubtful "words" (a, 3D, STM32F, |).
MIN_WORDS = 2
LOW_CONFIDENCE = 60  # below this mean word confidence the text gets a warning


def read_image(
    data: bytes, name: str = "input", *, deadline: float, time_limit: float | None = None
) -> Draft:
    """Read an article from an image of its page(s) by OCR.

    Every frame of a multi-page TIFF is a page; the pages' lines are joined with form
    feeds, which copydesk's text reader takes as page breaks. ``deadline`` is a
    :func:`time.monotonic` time by which OCR must be done, else
    :class:`~copydesk.errors.InputTimeoutError`; ``time_limit`` is only for its message.

    Raises :class:`~copydesk.errors.NotTextError` for bytes Pillow cannot read as an
    image, :class:`~copydesk.errors.EmptyInputError` when OCR finds no text, and
    :class:`~copydesk.errors.OCRUnavailableError` when tesseract (or its English
    language data) is not installed.
    """
    from copydesk.readers.pdf import laid_out_scan, measured_draft

    pages: list[PageText] = []
    texts: list[str | None] = []
    boxes: list[Box | None] = []
    for image in _frames(data, name):
        page, lines = ocr_measured(image, deadline=deadline, name=name, time_limit=time_limit)
        if pages:
            texts.append(None)  # a form feed: the next page
            boxes.append(None)
        pages.append(page)
        for text, box in laid_out_scan(lines):
            texts.append(text)
            boxes.append(box)
    if sum(page.confident_words for page in pages) < MIN_WORDS:
        what = "these images" if len(pages) > 1 else "this image"
        raise EmptyInputError(
            f"{name}: OCR found no text on {what}; give a scan or photo of the article's"
            " page, sharp and upright (200-300 dpi)"
        )
    draft, _ = measured_draft(texts, boxes)
    draft.facts.medium = Medium.IMAGE
    draft.facts.ocr = True
    words = sum(page.words for page in pages)
    confidence = sum(page.confidence * page.words for page in pages) / max(words, 1)
    draft.facts.ocr_confidence = round(confidence, 1)
    if confidence < LOW_CONFIDENCE:
        draft.warnings.append(
            f"{name}: OCR was unsure of many words (mean confidence {confidence:.0f}%);"
            " a sharper scan at 300 dpi would read better"
        )
    return draft


def _frames(data: bytes, name: str) -> Iterator[Image.Image]:
    """Each frame of the image (one, or each page of a multi-page TIFF), loaded.

    Pillow reads lazily and fails late (a truncated file opens, then fails to load), so
    each frame is loaded here, where a failure still means the file is not an image.
    Pillow's warnings about damaged metadata are silenced: the pixels are what counts.
    """
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            image = Image.open(io.BytesIO(data))
            count = getattr(image, "n_frames", 1)
    except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError, ... alike
        raise not_an_image(name, exc) from None
    for index in range(count):
        try:
            with warnings.catch_warnings(), _truncated_images_refused():
                warnings.simplefilter("ignore")
                image.seek(index)
                image.load()
                frame = image.copy()
        except Exception as exc:
            raise not_an_image(name, exc) from None
        yield frame


@contextmanager
def _truncated_images_refused() -> Iterator[None]:
    """Pillow's switch to load truncated images is the process's: a library that sets it
    (WeasyPrint does, on import) would make a cut-off file read as a page with a hole.
    While copydesk loads an image, a truncated one fails, whoever set the switch."""
    from PIL import ImageFile

    saved = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = saved


__all__ = ["PageText", "ocr_page_image", "ocr_page_lines", "read_image"]
