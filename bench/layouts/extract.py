"""The ways people get text out of a PDF, and the scan that OCR reads.

- ``pdftotext``: poppler's default mode (what the dev set's ``input.txt`` is);
- ``pdftotext-raw``: poppler's ``-raw`` mode, in content-stream order (columns run together
  where the typesetter wrote them so);
- ``pdfium``: pdfium's text (pypdfium2), pages joined by form feeds;
- ``ocr``: the pages rendered to images, degraded as a scanner and a photocopier degrade
  them (a slight rotation, blur, speckle noise, JPEG compression), put back into a PDF of
  images (what copydesk's PDF path then reads through OCR), and read by tesseract (the
  text path's input).

Every degradation is drawn from the seed: the same seed scans the same way.
"""

from __future__ import annotations

import io
import random
import subprocess
from dataclasses import dataclass
from pathlib import Path

EXTRACTORS = ("pdftotext", "pdftotext-raw", "pdfium", "ocr")


@dataclass(frozen=True)
class Scan:
    """How the pages were scanned: resolution, rotation, blur, noise, JPEG quality."""

    dpi: int
    degrees: float
    blur: float
    noise: float
    quality: int

    @classmethod
    def draw(cls, seed: int) -> Scan:
        rng = random.Random(f"scan-{seed}")
        return cls(
            dpi=rng.choice((150, 200, 200, 250)),
            degrees=round(rng.uniform(-1.2, 1.2), 2),
            blur=round(rng.choice((0.0, 0.0, rng.uniform(0.3, 1.0))), 2),
            noise=round(rng.uniform(0.0, 0.06), 3),
            quality=rng.randint(30, 85),
        )


def pdftotext(pdf: Path, *, raw: bool = False) -> str:
    """poppler's text of ``pdf`` (``-raw``: in content-stream order)."""
    args = ["pdftotext", "-enc", "UTF-8", *(["-raw"] if raw else []), str(pdf), "-"]
    try:
        done = subprocess.run(args, capture_output=True, check=True, timeout=120)
    except FileNotFoundError as error:
        raise SystemExit(
            "pdftotext not found: install poppler-utils (Debian) or poppler"
        ) from error
    return done.stdout.decode("utf-8")


def pdfium_text(pdf: Path) -> str:
    """pdfium's text of each page, pages joined by form feeds (as pdftotext joins them)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_bounded().replace("\r\n", "\n"))
            textpage.close()
            page.close()
        return "\f".join(pages)
    finally:
        document.close()


def scan_pages(pdf: Path, scan: Scan, seed: int) -> list[object]:
    """The pages as a scanner gives them: grey images, turned, blurred, speckled, JPEG'd."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    document = pdfium.PdfDocument(str(pdf))
    images: list[object] = []
    try:
        for number, page in enumerate(document):
            image = page.render(scale=scan.dpi / 72).to_pil().convert("L")
            page.close()
            image = image.rotate(scan.degrees, resample=Image.Resampling.BICUBIC, fillcolor=255)
            if scan.blur:
                image = image.filter(ImageFilter.GaussianBlur(scan.blur))
            if scan.noise:
                image = _speckle(image, scan.noise, seed * 1000 + number)
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=scan.quality)
            buffer.seek(0)
            scanned = Image.open(buffer)
            scanned.load()
            scanned.info["dpi"] = (scan.dpi, scan.dpi)
            images.append(scanned)
    finally:
        document.close()
    return images


def _speckle(image: object, amount: float, seed: int) -> object:
    """Grain over the page and dark and light specks on ``amount`` of it, drawn by numpy
    from the seed (PIL's own noise comes from C's generator, which no seed repeats)."""
    import numpy as np
    from PIL import Image

    assert isinstance(image, Image.Image)
    rng = np.random.default_rng(seed)
    pixels = np.asarray(image, dtype=np.float32)
    pixels = pixels + rng.normal(0.0, 255 * amount, pixels.shape)
    specks = rng.random(pixels.shape)
    pixels[specks < amount / 20] = 0.0
    pixels[specks > 1 - amount / 20] = 255.0
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")


def images_to_pdf(images: list[object], dpi: int) -> bytes:
    """A PDF of page images, as a scanner writes one."""
    buffer = io.BytesIO()
    first, *rest = images
    first.save(buffer, "PDF", save_all=True, append_images=rest, resolution=float(dpi))  # type: ignore[attr-defined]
    return buffer.getvalue()


def ocr_text(images: list[object]) -> str:
    """tesseract's reading of the pages, joined by form feeds."""
    import pytesseract

    return "\f".join(pytesseract.image_to_string(image, lang="eng") for image in images)  # type: ignore[arg-type]


def extract(pdf: Path, extractor: str, seed: int) -> tuple[str, bytes | None, dict[str, object]]:
    """The text ``extractor`` gets from ``pdf``; for ``ocr`` also the scanned PDF, which
    replaces the typeset one as the case's PDF. The third value says how it was read."""
    if extractor == "pdftotext":
        return pdftotext(pdf), None, {}
    if extractor == "pdftotext-raw":
        return pdftotext(pdf, raw=True), None, {}
    if extractor == "pdfium":
        return pdfium_text(pdf), None, {}
    if extractor == "ocr":
        scan = Scan.draw(seed)
        images = scan_pages(pdf, scan, seed)
        return ocr_text(images), images_to_pdf(images, scan.dpi), {"scan": scan.__dict__}
    raise ValueError(f"extractor: choose from {', '.join(EXTRACTORS)}, not {extractor!r}")
