"""Tesseract, run on one page image: the words it reads, as text and as measured lines.

Both readers of scans call it: the image reader (:mod:`copydesk.readers.ocr`) for a PNG,
JPEG or TIFF, the PDF reader (:mod:`copydesk.readers.pdf`) for a page without a text
layer. The image is prepared as tesseract reads best (greyscale, at a useful size), read
under the caller's deadline, and its words kept where tesseract was sure of some word in
their line; :mod:`copydesk.readers.ocr_layout` measures the lines from the words' boxes.

Tesseract runs as a separate program (through pytesseract), on one thread: a page of text
at 200 to 300 dpi takes 2.5 to 6 seconds.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from copydesk.draft import Box
from copydesk.errors import InputError, InputTimeoutError, NotTextError, OCRUnavailableError
from copydesk.readers.ocr_layout import Word, measured_lines, without_strays

if TYPE_CHECKING:
    from PIL import Image

LANGUAGE = "eng"
# Automatic page segmentation without orientation detection: columns, headings and
# captions come out as separate blocks, each with its lines as printed.
PAGE_SEGMENTATION = 3
SMALL_PAGE = 1500  # px: a page image less tall than this is upscaled 2x before OCR
TARGET_DPI = 300  # a scan finer than MAX_DPI is scaled down to this
MAX_DPI = 450
MAX_SIDE = 12_000  # px: the longest side tesseract is given
# Words tesseract is this sure of (0-100) are text; a line with none of them is noise
# read into a photo, a rule or a smudge.
CONFIDENT = 50
# A word counts as read when tesseract is this sure of it and it has three letters or more:
# a photo yields a few short, doubtful "words" (a, 3D, STM32F, |).
SURE = 60
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-eng"
_TSV_WORD_LEVEL = 5

_env_lock = threading.Lock()
_env_users = 0
_env_saved: str | None = None


@dataclass(frozen=True, slots=True)
class PageText:
    """The text of one page image and how sure tesseract was of its words."""

    text: str
    words: int  # words kept
    confident_words: int  # words of three letters or more read with confidence (SURE)
    confidence: float  # mean word confidence, 0-100 (0 when no words)


def ocr_page_image(
    image: Image.Image,
    *,
    deadline: float,
    dpi: float | None = None,
    name: str = "input",
    time_limit: float | None = None,
) -> str:
    """The text of one page image, as tesseract reads it ("" when it finds none): its
    lines as printed, a blank line between its blocks, without their measures (which
    :func:`ocr_page_lines` gives).

    ``dpi`` is the image's resolution when known (a rendered PDF page's is); ``name`` and
    ``time_limit`` only make the timeout's message say which input and what limit.
    """
    return _ocr(image, deadline=deadline, dpi=dpi, name=name, time_limit=time_limit).text


def ocr_page_lines(
    image: Image.Image,
    *,
    deadline: float,
    dpi: float | None = None,
    name: str = "input",
    time_limit: float | None = None,
) -> list[tuple[str, Box]]:
    """The lines of one page image as tesseract reads them, each with its box in points
    from the image's top left (at ``dpi``; at :data:`TARGET_DPI` where it is not known),
    its type size and the width of its first word, as the PDF reader measures a line of
    a born-digital page (see :mod:`copydesk.readers.ocr_layout`). The lines in which
    tesseract was sure of no word are left out, as from :func:`ocr_page_image`'s text.
    """
    return ocr_measured(image, deadline=deadline, dpi=dpi, name=name, time_limit=time_limit)[1]


def ocr_measured(
    image: Image.Image,
    *,
    deadline: float,
    dpi: float | None = None,
    name: str = "input",
    time_limit: float | None = None,
) -> tuple[PageText, list[tuple[str, Box]]]:
    """The text of one page image and its lines measured (see :func:`ocr_page_lines`),
    from one reading by tesseract."""
    import numpy as np

    data, prepared, dpi = _read(image, deadline=deadline, dpi=dpi, name=name, time_limit=time_limit)
    lines = _confident_lines(data)
    measured = measured_lines(
        [words for _, words in lines],
        dpi or TARGET_DPI,
        np.asarray(prepared, dtype=np.uint8),
        [block for (block, _), _ in lines],
    )
    return _page_text(data), measured


def not_an_image(name: str, exc: BaseException) -> NotTextError:
    from PIL import UnidentifiedImageError

    if isinstance(exc, UnidentifiedImageError):
        reason = "its data is damaged or in a format Pillow does not know"
    else:
        reason = " ".join(str(exc).split())[:160] or type(exc).__name__
    return NotTextError(
        f"{name} is not an image copydesk can read: {reason}; give a PNG, JPEG or TIFF of the page"
    )


def _ocr(
    image: Image.Image,
    *,
    deadline: float,
    dpi: float | None = None,
    name: str = "input",
    time_limit: float | None = None,
) -> PageText:
    """The text of one page image (see :func:`_read`)."""
    data, _, _ = _read(image, deadline=deadline, dpi=dpi, name=name, time_limit=time_limit)
    return _page_text(data)


def _read(
    image: Image.Image,
    *,
    deadline: float,
    dpi: float | None = None,
    name: str = "input",
    time_limit: float | None = None,
) -> tuple[dict[str, list[Any]], Image.Image, float | None]:
    """Prepare one page image and read it with tesseract (see :func:`_prepare`): its
    words (tesseract's TSV, as a dict of columns), the image it read (whose pixels their
    boxes count) and that image's resolution, where known."""
    _check_time(deadline, name, time_limit)
    if dpi is None:
        dpi = _dpi_of(image)
    try:
        prepared, dpi = _prepare(image, dpi)
    except Exception as exc:  # an exotic pixel format Pillow cannot convert
        raise not_an_image(name, exc) from None
    config = f"--psm {PAGE_SEGMENTATION}"
    if dpi is not None:
        config += f" --dpi {round(dpi)}"
    remaining = _check_time(deadline, name, time_limit)
    return _tesseract(prepared, config, remaining, name, time_limit), prepared, dpi


def _check_time(deadline: float, name: str, time_limit: float | None) -> float:
    """The seconds left before ``deadline``; none left is an InputTimeoutError."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _timeout(name, time_limit)
    return remaining


def _timeout(name: str, time_limit: float | None) -> InputTimeoutError:
    limit = f" ({time_limit:g} s)" if time_limit is not None else ""
    return InputTimeoutError(
        f"{name}: OCR took longer than the time limit{limit}; give a higher --time-limit"
        " or fewer pages"
    )


def _dpi_of(image: Image.Image) -> float | None:
    """The resolution an image file records, when it is a believable one for a page.

    JPEGs without a density say 1 dpi, screenshots 72 or 96: only 100 to 1200 dpi is
    passed on; otherwise tesseract estimates it from the size of the type.
    """
    value = image.info.get("dpi")
    if not isinstance(value, tuple) or not value:
        return None
    try:
        dpi = float(value[1] if len(value) > 1 else value[0])
    except (TypeError, ValueError):
        return None
    return dpi if 100 <= dpi <= 1200 else None


def _prepare(image: Image.Image, dpi: float | None) -> tuple[Image.Image, float | None]:
    """The image as tesseract reads best: greyscale, at a useful size.

    Transparency is flattened onto white (transparent pixels would otherwise turn
    black), a JPEG's EXIF rotation applied, 16-bit and CMYK images brought to 8-bit grey.
    A small image (under :data:`SMALL_PAGE` px tall) is upscaled 2x, since tesseract
    misreads type less than about 20 px high; a scan finer than :data:`MAX_DPI` is
    scaled down to :data:`TARGET_DPI`, which reads as well and much faster.
    """
    from PIL import Image, ImageOps

    image = ImageOps.exif_transpose(image) or image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda value: value * (1 / 256)).convert("L")
    elif image.mode == "F":
        image = image.convert("L")
    if image.mode != "L":
        image = image.convert("L")
    scale = 1.0
    if image.height < SMALL_PAGE:
        scale = 2.0
    elif dpi is not None and dpi > MAX_DPI:
        scale = TARGET_DPI / dpi
    if max(image.size) * scale > MAX_SIDE:
        scale = MAX_SIDE / max(image.size)
    if scale != 1.0:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.LANCZOS)
        if dpi is not None:
            dpi *= scale
    return image, dpi


def _tesseract(
    image: Image.Image, config: str, timeout: float, name: str, time_limit: float | None
) -> dict[str, list[Any]]:
    """Tesseract's words (TSV, as a dict of columns), with its failures made copydesk's."""
    import pytesseract

    try:
        with _one_thread():
            result: dict[str, list[Any]] = pytesseract.image_to_data(
                image,
                lang=LANGUAGE,
                config=config,
                output_type=pytesseract.Output.DICT,
                timeout=timeout,
            )
    except pytesseract.TesseractNotFoundError:
        # The input is fine: this machine lacks the program (the same for every image).
        raise OCRUnavailableError(
            f"{name}: reading it needs OCR by the program tesseract, which is not installed"
            f" (or not on PATH): install it ({INSTALL_HINT}) and try again"
        ) from None
    except pytesseract.TesseractError as exc:
        message = " ".join(str(exc.message).split())
        if "language" in message.lower() or "traineddata" in message.lower():
            raise OCRUnavailableError(
                f"{name}: tesseract has no English language data: install it"
                f" ({INSTALL_HINT}) and try again"
            ) from None
        raise InputError(f"{name}: OCR failed ({message[:160]})") from None
    except RuntimeError as exc:  # pytesseract's own timeout: "Tesseract process timeout"
        if "timeout" in str(exc).lower():
            raise _timeout(name, time_limit) from None
        raise
    return result


@contextmanager
def _one_thread() -> Iterator[None]:
    """Run tesseract with ``OMP_THREAD_LIMIT=1`` unless the user set a limit.

    Without a limit tesseract's nested OpenMP regions start more threads than there are
    cores, and they spin while they wait: on two cores a full page took 11 s that way,
    3 s with one thread (and 3 s with two, for half again the CPU time). pytesseract
    passes ``os.environ`` to tesseract and offers no other way to set its environment,
    so the variable is set for the duration of the calls (counted, for calls from
    several threads) and then taken away again.
    """
    global _env_users, _env_saved
    with _env_lock:
        if _env_users == 0:
            _env_saved = os.environ.get("OMP_THREAD_LIMIT")
            if _env_saved is None:
                os.environ["OMP_THREAD_LIMIT"] = "1"
        _env_users += 1
    try:
        yield
    finally:
        with _env_lock:
            _env_users -= 1
            if _env_users == 0 and _env_saved is None:
                os.environ.pop("OMP_THREAD_LIMIT", None)


def _page_text(data: dict[str, list[Any]]) -> PageText:
    """Text from tesseract's words: lines as printed, a blank line between paragraphs.

    This is what tesseract's own text output holds, less the lines in which it was sure
    of no word (noise read into a photo or a rule).

    >>> data = {"level": [5] * 4, "block_num": [1, 1, 1, 2], "par_num": [1, 1, 1, 1],
    ...         "line_num": [1, 1, 2, 1], "text": ["Hello", "world", "again", "~"],
    ...         "conf": [96, 95, 91, 12], "left": [0, 60, 0, 0], "top": [0, 0, 20, 40],
    ...         "width": [50, 50, 50, 5], "height": [12, 12, 12, 3]}
    >>> _page_text(data)
    PageText(text='Hello world\\nagain', words=3, confident_words=3, confidence=94.0)
    """
    out: list[str] = []
    paragraph: tuple[int, int] | None = None
    words = confident = 0
    total = 0.0
    for par, line in _confident_lines(data):
        if paragraph is not None:
            out.append("\n\n" if par != paragraph else "\n")
        paragraph = par
        out.append(" ".join(word.text for word in line))
        words += len(line)
        total += sum(word.conf for word in line)
        confident += sum(
            1 for word in line if word.conf >= SURE and sum(c.isalpha() for c in word.text) >= 3
        )
    return PageText("".join(out), words, confident, round(total / words, 1) if words else 0.0)


def _confident_lines(data: dict[str, list[Any]]) -> list[tuple[tuple[int, int], list[Word]]]:
    """Tesseract's lines, each with its block and paragraph and its words, in its order;
    the lines in which it was sure of no word (:data:`CONFIDENT`) left out, and the specks
    and stray marks at the others' ends (:func:`~copydesk.readers.ocr_layout.without_strays`)."""
    lines: list[tuple[tuple[int, int], list[Word]]] = []
    key: tuple[int, int, int] | None = None
    for i, level in enumerate(data["level"]):
        text = str(data["text"][i]).strip()
        if level != _TSV_WORD_LEVEL or not text:
            continue
        where = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        if where != key:
            lines.append((where[:2], []))
            key = where
        lines[-1][1].append(
            Word(
                text,
                float(data["conf"][i]),
                float(data["left"][i]),
                float(data["top"][i]),
                float(data["width"][i]),
                float(data["height"][i]),
            )
        )
    confident = [
        (par, words) for par, words in lines if max(word.conf for word in words) >= CONFIDENT
    ]
    return [(par, without_strays(words)) for par, words in confident]


__all__ = ["PageText", "not_an_image", "ocr_measured", "ocr_page_image", "ocr_page_lines"]
