"""Reader for PDFs, through pypdfium2: text with the layout it was set in.

A born-digital PDF knows more than its text: where each line stands, how large and in
which weight its type is set. The reader keeps that on each line (:class:`~copydesk.draft.Box`)
so that the stages can use it where it decides better than text can: a paragraph ends
where its last line stops short of the column's edge by more than the next line's first
word, a first-line indent marks a new paragraph, and a gap wider than the line pitch
stands between blocks.

Pages are read one at a time and let go, so memory does not grow with the page count.
Pages without a text layer (scans) are read by OCR, page by page, and measured from the
boxes of the words tesseract reads (:mod:`copydesk.readers.ocr_layout`): a scanned page's
lines carry their layout as a born-digital page's do.
"""

from __future__ import annotations

import bisect
import ctypes
import math
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from copydesk.draft import Box, Draft, Medium
from copydesk.errors import EmptyInputError, EncryptedInputError, InputTimeoutError, NotTextError
from copydesk.readers.text import read_text
from copydesk.shapes import DROP_CAP, LIST_MARKER

MAX_PAGES = 2000  # a longer document is read up to here, with a warning: no article is longer
BLOCK_GAP = 1.3  # a vertical gap of this many line pitches stands between blocks
SAME_LINE = 0.5  # pieces whose heights overlap this much stand on one printed line
OCR_DPI = 300  # the finest a scanned page is rendered at for OCR
URL_BUFFER = 2048  # bytes: room for most web addresses at the first try
DROP_CAP_SCALE = 2.5  # a drop cap is set at least this many times the size of its text
SUPERSCRIPT = 0.8  # type this much smaller than the line's is set above or below it
INDENT_MAX = 6  # ems: a line starting further right of its column's edge is no indented line
WORD_GAP = 0.15  # a gap this wide (in ems) between two pieces of a line is a space
MARKER_GAP = 3  # ems: a list marker stands at most this far left of its item's text
_BREAKS = re.compile(r"[\r\n\f\v\x1c-\x1e\x85\u2028\u2029]")
# pdfium marks a bold font by its weight and an italic one by flag bit 7 of the PDF font
# descriptor (ISO 32000, Table 123).
BOLD_WEIGHT = 600
ITALIC_FLAG = 1 << 6
_ITALIC_NAME = re.compile(rb"Italic|Oblique|It$|-It\b", re.IGNORECASE)
_BOLD_NAME = re.compile(rb"Bold|Black|Heavy", re.IGNORECASE)
_FONT_NAME = ctypes.create_string_buffer(256)  # a font's name: one buffer, filled per piece


@dataclass(slots=True)
class _Piece:
    """A run of text pdfium put on one line, with where it stands on the page."""

    text: str
    box: Box
    # The extent of its last character: pdfium runs a word hyphenated at a line's end on
    # into the next line, so a piece may end a line lower than it began.
    tail_top: float = 0.0
    tail_bottom: float = 0.0


def read_pdf(
    data: bytes, name: str = "input", *, password: str | None = None, deadline: float
) -> Draft:
    """Read a PDF into a draft whose lines carry their layout.

    Raises :class:`EncryptedInputError` for a PDF that needs a password it was not given,
    :class:`NotTextError` for one that cannot be opened, :class:`EmptyInputError` for one
    without text (even after OCR).
    """
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        raise _open_error(exc, name, password) from None
    warnings: list[str] = []
    try:
        pages = len(document)
        if pages > MAX_PAGES:
            warnings.append(f"{name} has {pages} pages: only the first {MAX_PAGES} were read")
            pages = MAX_PAGES
        texts: list[str | None] = []
        boxes: list[Box | None] = []
        links: list[tuple[int, str]] = []  # (the line a link annotation lies on, its URL)
        images: list[tuple[int, Box]] = []  # (page, where a picture is drawn on it)
        scans: list[range] = []  # the lines of each page read by OCR
        for number in range(pages):
            if time.monotonic() > deadline:
                if not texts:
                    raise InputTimeoutError(
                        f"{name}: reading took longer than the time limit; give a higher"
                        " --time-limit"
                    )
                warnings.append(
                    f"{name}: the time limit was reached on page {number + 1} of {pages};"
                    " the rest was not read (give a higher --time-limit)"
                )
                break
            if number:
                texts.append(None)  # a form feed: the next page
                boxes.append(None)
            page = document[number]
            try:
                pieces = list(_page_pieces(page))
                scanned = not pieces and _has_images(page)
                first_line = len(texts)
                laid_out = (
                    _scanned_lines(page, deadline, name) if scanned else _layout_lines(pieces)
                )
                for text, box in laid_out:
                    texts.append(text)
                    boxes.append(box)
                if scanned:
                    scans.append(range(first_line, len(texts)))
                    continue  # the scan is the page, not a picture on it; it links nowhere
                images.extend((number, box) for box in _image_boxes(page))
                page_lines: _PageLines | None = None
                for url, area in _link_annotations(document, page):
                    page_lines = page_lines or _PageLines(boxes, first_line)
                    at = page_lines.under(area)
                    if at is not None:
                        links.append((at, url))
            finally:
                page.close()
    finally:
        document.close()
    if scans:
        _calibrate_scans(boxes, texts, scans)
    draft, starts = measured_draft(texts, boxes)
    if not draft.source.strip():
        raise EmptyInputError(
            f"{name}: this PDF holds no text, not even by OCR; give a PDF of the article"
        )
    if links:
        line_at = {line.start: line.index for line in draft.lines}
        draft.facts.link_annotations = [
            (line_at[starts[at]], url) for at, url in links if starts[at] in line_at
        ]
    draft.facts.medium = Medium.PDF
    draft.facts.image_boxes = images
    draft.warnings.extend(warnings)
    if scans:
        draft.facts.ocr = True
    return draft


def _open_error(exc: Exception, name: str, password: str | None) -> Exception:
    message = str(exc).strip().rstrip(".")
    if "password" in message.lower() or "security" in message.lower():
        if password is None:
            return EncryptedInputError(
                f"{name} is an encrypted PDF: give its password with --password"
                " (or clean(..., password=...))"
            )
        return EncryptedInputError(f"{name}: the password given does not open this PDF")
    return NotTextError(
        f"{name} is a damaged or truncated PDF that cannot be opened ({message});"
        " get a complete copy of the file"
    )


def measured_draft(texts: list[str | None], boxes: list[Box | None]) -> tuple[Draft, list[int]]:
    """The draft of laid-out lines (``None``: a page break; ``""``: a blank line between
    blocks), each line with its box, and where each line starts in the draft's source."""
    source, starts = _assemble(texts)
    draft = read_text(source)
    by_start = dict(zip(starts, boxes, strict=True))
    for line in draft.lines:
        box = by_start.get(line.start)
        if box is not None and line.text:
            line.box = box
            line.indent = box.indent
    return draft, starts


def _assemble(texts: list[str | None]) -> tuple[str, list[int]]:
    """The text of the lines (``None`` is a page break) and where each line starts in it."""
    parts: list[str] = []
    starts: list[int] = []
    at = 0
    for text in texts:
        starts.append(at)
        part = "\f" if text is None else text + "\n"
        if text is None and parts and parts[-1].endswith("\n"):
            parts[-1] = parts[-1][:-1]  # the form feed ends the page's last line itself
            at -= 1
            starts[-1] = at
        parts.append(part)
        at += len(part)
    return "".join(parts), starts


def _page_pieces(page: Any) -> Iterator[_Piece]:
    """The runs of text on a page, in pdfium's order, each with its box and type."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if count <= 0:
            return
        text = textpage.get_text_range(0, count)
        if len(text) != count:
            # Characters beyond the BMP count twice in pdfium's index: the simple map
            # from text to index fails, so read the page without its layout.
            for line in text.splitlines():
                if line.strip():
                    yield _Piece(_BREAKS.sub(" ", line), Box())
            return
        height = page.get_height()
        at = 0
        for line in text.split("\r\n"):
            start = at
            at += len(line) + 2
            if not line.strip():
                continue
            first = start + len(line) - len(line.lstrip())
            last = start + len(line.rstrip()) - 1
            for a, b in _printed_lines(textpage, text, first, last):
                yield _piece(textpage, text, a, b, height)
    finally:
        textpage.close()


def _printed_lines(textpage: Any, text: str, first: int, last: int) -> Iterator[tuple[int, int]]:
    """The spans of one pdfium line that stand on separate printed lines.

    pdfium now and then runs two printed lines into one (a byline into the first line of
    text). Where the first and last characters stand on one line, so does all between
    (the common case, told by two lookups); otherwise the characters are walked.
    A word that pdfium joined across a line end (marked U+FFFE) is split there again: each
    printed line keeps its own box, and the paragraph stage joins the word.
    """
    _, bottom_first, _, top_first = textpage.get_charbox(first, loose=True)
    top_last = textpage.get_charbox(last, loose=True)[3]
    if abs(top_first - top_last) < 0.5 * max(top_first - bottom_first, 1.0):
        yield first, last
        return
    # Only visible characters are compared: pdfium gives the spaces it made up an empty
    # box, which can stand anywhere.
    start = first
    top = top_first
    for i in range(first + 1, last + 1):
        if text[i].isspace():
            continue
        box = textpage.get_charbox(i, loose=True)
        if abs(box[3] - top) >= 0.5 * max(box[3] - box[1], 1.0):
            yield start, _last_visible(text, start, i - 1)
            start = i
        top = box[3]
    yield start, last


def _last_visible(text: str, start: int, end: int) -> int:
    while end > start and text[end].isspace():
        end -= 1
    return end


def _piece(textpage: Any, text: str, first: int, last: int, height: float) -> _Piece:
    """The piece of text from character ``first`` to ``last``, with its box and type."""
    import pypdfium2.raw as raw

    x0, bottom0, _, top0 = textpage.get_charbox(first, loose=True)
    _, bottom1, x1, top1 = textpage.get_charbox(last, loose=True)
    space = text.find(" ", first, last)
    word_x1 = textpage.get_charbox(space - 1 if space > 0 else last)[2]
    font_flags = ctypes.c_int()
    # The piece's style is its middle character's: a line of text that starts with a word
    # in bold (a lead-in) is not set in bold.
    middle = (first + last) // 2
    flags = ctypes.byref(font_flags)
    raw.FPDFText_GetFontInfo(textpage, middle, _FONT_NAME, len(_FONT_NAME), flags)
    # The base font's name says what its descriptor may not (the standard 14 have none).
    font_name = _FONT_NAME.value
    return _Piece(
        _BREAKS.sub(" ", text[first : last + 1]),
        Box(
            x0=x0,
            x1=x1,
            # Top-down coordinates: the page's top is 0.
            top=height - top0,
            bottom=height - bottom0,
            size=_piece_size(textpage, first, last),
            word=word_x1 - x0,
            bold=raw.FPDFText_GetFontWeight(textpage, middle) >= BOLD_WEIGHT
            or _BOLD_NAME.search(font_name) is not None,
            italic=bool(font_flags.value & ITALIC_FLAG)
            or _ITALIC_NAME.search(font_name) is not None,
        ),
        tail_top=height - top1,
        tail_bottom=height - bottom1,
    )


def _piece_size(textpage: Any, first: int, last: int) -> float:
    """The type size a piece is set in: the middle one of its first, middle and last
    characters' sizes, so that a raised initial (a first letter set large in the line)
    does not make the line's type large."""
    import pypdfium2.raw as raw

    sizes = sorted(
        raw.FPDFText_GetFontSize(textpage, k) for k in (first, (first + last) // 2, last)
    )
    return float(sizes[1])


def _link_annotations(document: Any, page: Any) -> Iterator[tuple[str, Box]]:
    """The web addresses the page's link annotations point to, each with the area it
    covers (top-down, as the lines' boxes)."""
    import pypdfium2.raw as raw

    height = page.get_height()
    position = ctypes.c_int(0)
    link = raw.FPDF_LINK()
    area = raw.FS_RECTF()
    buffer = ctypes.create_string_buffer(URL_BUFFER)
    while raw.FPDFLink_Enumerate(page, ctypes.byref(position), ctypes.byref(link)):
        action = raw.FPDFLink_GetAction(link)
        if not action or raw.FPDFAction_GetType(action) != raw.PDFACTION_URI:
            continue
        # One call fills the buffer with the address, or says how long a buffer it needs.
        size = raw.FPDFAction_GetURIPath(document, action, buffer, len(buffer))
        if size > len(buffer):
            buffer = ctypes.create_string_buffer(size)
            raw.FPDFAction_GetURIPath(document, action, buffer, size)
        if size <= 1 or not raw.FPDFLink_GetAnnotRect(link, ctypes.byref(area)):
            continue
        url = buffer.value.decode("utf-8", "replace").strip()
        if url:
            top, bottom = sorted((height - area.top, height - area.bottom))
            yield (
                url,
                Box(
                    x0=min(area.left, area.right),
                    x1=max(area.left, area.right),
                    top=top,
                    bottom=bottom,
                ),
            )


class _PageLines:
    """A page's lines by their tops, to find the line under an area quickly (a printed
    web page may hold hundreds of links)."""

    def __init__(self, boxes: list[Box | None], first: int) -> None:
        placed = sorted(
            (box.top, k, box) for k, box in enumerate(boxes[first:], first) if box is not None
        )
        self.tops = [top for top, _, _ in placed]
        self.lines = [(k, box) for _, k, box in placed]
        self.tallest = max((box.bottom - box.top for _, box in self.lines), default=0.0)

    def under(self, area: Box) -> int | None:
        """The index of the line that the area covers most of."""
        best: tuple[float, int] | None = None
        end = bisect.bisect_left(self.tops, area.bottom)
        start = bisect.bisect_left(self.tops, area.top - self.tallest)
        for k, box in self.lines[start:end]:
            width = min(area.x1, box.x1) - max(area.x0, box.x0)
            height = min(area.bottom, box.bottom) - max(area.top, box.top)
            if width > 0 and height > 0 and (best is None or width * height > best[0]):
                best = (width * height, k)
        return None if best is None else best[1]


MIN_IMAGE_SIDE = 24.0  # points: a smaller picture is an icon or a rule, not a photo


def _image_boxes(page: Any) -> list[Box]:
    """Where the page draws its pictures (top-down points, as lines' boxes are), the
    small ones (icons, bullets, rules) left out. Counted through pdfium's own calls: the
    wrapper would make a Python object of every text object on the page."""
    import pypdfium2.raw as raw

    handle = page.raw
    height = page.get_height()
    out: list[Box] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for k in range(raw.FPDFPage_CountObjects(handle)):
        obj = raw.FPDFPage_GetObject(handle, k)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_IMAGE:
            continue
        if not raw.FPDFPageObj_GetBounds(
            obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
        ):
            continue
        if min(right.value - left.value, top.value - bottom.value) < MIN_IMAGE_SIDE:
            continue
        out.append(
            Box(x0=left.value, x1=right.value, top=height - top.value, bottom=height - bottom.value)
        )
    return out


def _has_images(page: Any) -> bool:
    import pypdfium2.raw as raw

    return any(obj.type == raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects())


def _scanned_lines(page: Any, deadline: float, name: str) -> list[tuple[str, Box | None]]:
    """The lines of a scanned page, read by OCR and measured (in points from the page's
    top left: the page is rendered whole), laid out as a born-digital page's are."""
    from copydesk.readers.tesseract import ocr_page_lines

    dpi = _scan_dpi(page)
    image = page.render(scale=dpi / 72).to_pil()
    return laid_out_scan(ocr_page_lines(image, deadline=deadline, dpi=dpi, name=name))


MIN_SCAN_DPI = 100  # a scan coarser than this is rendered finer (tesseract's own floor)


def _scan_dpi(page: Any) -> float:
    """The resolution to render a scanned page at for OCR: its scan's own (its largest
    picture's pixels over its area in square inches, square-rooted: a picture set turned
    by a right angle gives its pixels across on the page's height), up to :data:`OCR_DPI`.

    Rendered finer than it was scanned, a page only grows blurred edges between its
    pixels, which tesseract reads worse than the pixels themselves (on the generated
    scans at 150 to 250 dpi, OCR at the scan's resolution found the lines and blocks of
    the page better than at 300 dpi).
    """
    import pypdfium2.raw as raw

    best: tuple[float, float] | None = None  # (area in points, pixels per inch)
    for obj in page.get_objects():
        if obj.type != raw.FPDF_PAGEOBJ_IMAGE:
            continue
        left, bottom, right, top = obj.get_bounds()
        area = (right - left) * (top - bottom)
        if area <= 0:
            continue
        try:
            across, down = obj.get_px_size()
        except Exception:  # an image pdfium cannot decode: its size is not known
            continue
        if best is None or area > best[0]:
            best = (area, 72 * math.sqrt(across * down / area))
    if best is None:
        return OCR_DPI
    return min(max(best[1], MIN_SCAN_DPI), OCR_DPI)


def laid_out_scan(lines: list[tuple[str, Box]]) -> list[tuple[str, Box | None]]:
    """The lines OCR read on a page, each with its box (see
    :func:`~copydesk.readers.tesseract.ocr_page_lines`), laid out as the lines of a born-digital
    page are (:func:`_layout_lines`), once the reading's own faults are mended: lines
    started a little left of their column, lines read in pieces, a page's head and foot
    read among its columns."""
    pieces = [_Piece(_BREAKS.sub(" ", text), box, box.top, box.bottom) for text, box in lines]
    if not pieces:
        return []
    size, _ = _body_type(pieces)
    lefts = _column_lefts(pieces, size)
    pieces = _fragments_joined(_on_column_edges(pieces, lefts, size), lefts, size)
    return list(_layout_lines(_page_ends_placed(pieces, size)))


# A page's head or foot (a running head, a folio, a jump line) is at most this many lines,
# set apart from the rest by a band of white at least PAGE_END_CLEAR ems high across the
# page (lines of text stand a fifth of that apart).
PAGE_END_LINES = 3
PAGE_END_CLEAR = 0.5


def _page_ends_placed(pieces: list[_Piece], size: float) -> list[_Piece]:
    """The lines that stand above, and below, all the rest of a scanned page put first,
    and last.

    Tesseract reads a page's head and foot (the running head, the folio, a jump line) as
    blocks of their own, which it may give among the columns; there the stages would
    find them neither at the page's edge nor apart from the text they interrupt.
    """
    order = sorted(range(len(pieces)), key=lambda k: pieces[k].box.top)
    clear = PAGE_END_CLEAR * size
    head: set[int] = set()
    foot: set[int] = set()
    for n in range(1, min(PAGE_END_LINES, len(pieces) - 1) + 1):
        if not head and max(pieces[k].box.bottom for k in order[:n]) + clear < min(
            pieces[k].box.top for k in order[n:]
        ):
            head = set(order[:n])
        if not foot and min(pieces[k].box.top for k in order[-n:]) > clear + max(
            pieces[k].box.bottom for k in order[:-n]
        ):
            foot = set(order[-n:])
    if not head and not foot:
        return pieces
    ends = head | foot
    return (
        [pieces[k] for k in sorted(head)]
        + [piece for k, piece in enumerate(pieces) if k not in ends]
        + [pieces[k] for k in sorted(foot)]
    )


def _on_column_edges(pieces: list[_Piece], lefts: list[float], size: float) -> list[_Piece]:
    """Lines read from a scan that start a little left of a column's edge (half an em:
    a speck, a letter's overhang, a skew not quite undone) put on it, as a typesetter set
    them: an edge just right of a line's start would measure the column's lines from the
    column to its left, as deeply indented."""
    out = []
    for piece in pieces:
        box = piece.box
        edge = min(lefts, key=lambda x: abs(x - box.x0), default=box.x0)
        if box.size and 0 < edge - box.x0 <= 0.5 * size:
            piece = _Piece(piece.text, box._replace(x0=edge), piece.tail_top, piece.tail_bottom)
        out.append(piece)
    return out


# Pieces of one printed line whose type sizes are within this ratio are one type: a drop
# cap beside a line is set DROP_CAP_SCALE times larger.
FRAGMENT_SIZES = 1.25


def _fragments_joined(pieces: list[_Piece], lefts: list[float], size: float) -> list[_Piece]:
    """Lines that tesseract read in pieces put back together.

    Narrow justified columns have wide spaces, which tesseract may take for the gap
    between two columns: it then gives the words after such a space as a line (even a
    block) of their own, often far from the rest of the line in its reading order. A piece
    that does not start at a column's left edge is such a fragment: it is joined to the
    piece that ends to its left on the same printed line, in the same column and type.
    """
    out: list[_Piece | None] = list(pieces)
    for k in sorted(range(len(pieces)), key=lambda i: pieces[i].box.x0):
        fragment = out[k]
        if fragment is None or not fragment.box.size:
            continue
        box = fragment.box
        edge = max((x for x in lefts if x <= box.x0), default=None)
        if edge is None or any(abs(box.x0 - x) <= 0.5 * size for x in lefts):
            continue  # a column's line (or a line of its own, left of every column)
        best: tuple[float, int] | None = None
        for i, piece in enumerate(out):
            if (
                piece is not None
                and i != k
                and edge - 0.25 * size <= piece.box.x0
                and piece.box.x1 <= box.x0 + 1
                and max(piece.box.size, box.size) <= FRAGMENT_SIZES * min(piece.box.size, box.size)
                and _overlaps(piece, fragment)
                and (best is None or piece.box.x1 > best[0])
            ):
                best = (piece.box.x1, i)
        if best is not None:
            line = out[best[1]]
            assert line is not None
            out[best[1]] = _Piece(
                line.text + " " + fragment.text,
                line.box._replace(x1=box.x1),
                line.tail_top,
                line.tail_bottom,
            )
            out[k] = None
    return [piece for piece in out if piece is not None]


# The type of a scan is read from its pixels within a few per cent, by ratios of letter
# heights that differ from face to face (ocr_layout): a scan's text type within this share
# of the text type of the document's born-digital pages is that type.
SCAN_CALIBRATION = 0.12


def _calibrate_scans(boxes: list[Box | None], texts: list[str | None], scans: list[range]) -> None:
    """Scale the type sizes read from scanned pages to the document's born-digital pages,
    where it has both and their text type is near: a page scanned into a PDF of text is a
    page of the same publication, set in the same type, and the sizes measured exactly on
    its other pages make its lines' widths (in ems) and sizes compare with theirs."""
    scanned = {k for lines in scans for k in lines}
    digital: Counter[float] = Counter()
    read: Counter[float] = Counter()
    for k, (box, text) in enumerate(zip(boxes, texts, strict=True)):
        if box is not None and box.size > 0 and text:
            (read if k in scanned else digital)[round(box.size, 1)] += len(text)
    if not digital or not read:
        return
    exact, measured = digital.most_common(1)[0][0], read.most_common(1)[0][0]
    if abs(exact - measured) > SCAN_CALIBRATION * exact:
        return
    for k in sorted(scanned):
        box = boxes[k]
        if box is not None:
            boxes[k] = box._replace(size=round(box.size * exact / measured, 1))


def _layout_lines(pieces: list[_Piece]) -> Iterator[tuple[str, Box | None]]:
    """Printed lines from pdfium's pieces, with blank lines where a gap
    wider than the line pitch stands between blocks, as in pdftotext's output.

    pdfium breaks a printed line at a superscript (a footnote number) and at a change of
    rise; pieces that stand on one line are joined back. Each line's indent is measured
    from the left edge of its column.
    """
    lines = _join_same_line(_markers_placed(_drop_caps_placed(pieces)))
    if not lines:
        return
    lines = _in_reading_order(lines)
    size, pitch = _body_type(lines)
    lefts = _column_lefts(lines, size)
    previous: _Piece | None = None
    for line in lines:
        box = line.box
        if previous is not None and box.size:
            # A step down the page of more than a line and a half (of the larger type of
            # the two lines) is space between blocks; a step up is a new column.
            step = box.top - previous.tail_top
            if step > BLOCK_GAP * pitch * max(box.size, previous.box.size) / size:
                yield "", None
        left = max((x for x in lefts if x <= box.x0 + 0.25 * size), default=box.x0)
        indent = round((box.x0 - left) / (box.size / 2)) if box.size else 0
        yield line.text, box._replace(indent=max(0, indent))
        previous = line


@dataclass(slots=True)
class _Run:
    """Lines that pdfium gives one after another, each lower on the page than the last."""

    lines: list[_Piece]
    top: float
    bottom: float
    x0: float
    x1: float

    def add(self, line: _Piece) -> None:
        self.lines.append(line)
        self.bottom = max(self.bottom, line.tail_bottom, line.box.bottom)
        self.x0 = min(self.x0, line.box.x0)
        self.x1 = max(self.x1, line.box.x1)

    def above(self, other: _Run) -> bool:
        """Does this run stand wholly above ``other``, in the same column?"""
        return self.bottom <= other.top + 1 and self.x0 < other.x1 and other.x0 < self.x1


def _in_reading_order(lines: list[_Piece]) -> list[_Piece]:
    """The page's lines in reading order.

    pdfium gives text in the order it was drawn. A typesetter draws a column from top to
    bottom and then the next one, but a browser may paint a page's footer or sidebar before
    the text above it. Runs of lines that go down the page are kept as they are; a run that
    stands wholly above an earlier one in the same column is moved in front of it.
    """
    runs: list[_Run] = []
    for line in lines:
        box = line.box
        if runs and box.top >= runs[-1].lines[-1].tail_top - 0.5 * max(box.size, 1.0):
            runs[-1].add(line)
        else:
            runs.append(_Run([], box.top, box.bottom, box.x0, box.x1))
            runs[-1].add(line)
    if len(runs) == 1:
        return lines
    placed: list[_Run] = []
    for run in runs:
        at = next((k for k, earlier in enumerate(placed) if run.above(earlier)), len(placed))
        placed.insert(at, run)
    return [line for run in placed for line in run.lines]


def _drop_caps_placed(pieces: list[_Piece]) -> list[_Piece]:
    """A drop cap (one letter, set far larger than the text beside it) put on a line of
    its own just above the line it begins, as pdftotext gives it and the paragraph stage
    reads it: pdfium gives it where it was drawn, often above the headline."""
    out = list(pieces)
    k = 0
    while k < len(out):
        cap = out[k]
        text = cap.text.strip()
        beside: list[tuple[float, int]] = []
        if len(text) <= 3 and DROP_CAP.match(text) and cap.box.size:
            beside = [
                (piece.box.top, i)
                for i, piece in enumerate(out)
                if i != k
                and piece.box.size
                and piece.box.size * DROP_CAP_SCALE <= cap.box.size
                and piece.box.x0 >= cap.box.x0 - 1
                and _within_height(cap.box, piece.box)
            ]
        # A drop cap stands beside two lines or more; a large letter alone (an icon, a
        # logo) is no drop cap.
        if len(beside) < 2:
            k += 1
            continue
        # The lines set beside it are indented for it, not for a new paragraph: they are
        # measured from its left edge (their first pieces: the rest of a line stays put).
        for i, piece in enumerate(out):
            if (
                i != k
                and cap.box.x1 - 1 <= piece.box.x0 <= cap.box.x1 + cap.box.size
                and _within_height(cap.box, piece.box)
            ):
                out[i] = _Piece(
                    piece.text, piece.box._replace(x0=cap.box.x0), piece.tail_top, piece.tail_bottom
                )
        first = min(beside)[1]  # the highest line beside it: the one it begins
        del out[k]
        first -= first > k
        bottom = cap.box.top + out[first].box.bottom - out[first].box.top
        out.insert(first, _Piece(text, cap.box._replace(bottom=bottom), cap.box.top, bottom))
        k += 1
    return out


def _within_height(cap: Box, line: Box) -> bool:
    """Does ``line`` stand within the height of the large letter ``cap`` (for at least
    half its own height)?"""
    overlap = min(cap.bottom, line.bottom) - max(cap.top, line.top)
    return overlap >= 0.5 * (line.bottom - line.top)


def _markers_placed(pieces: list[_Piece]) -> list[_Piece]:
    """List bullets and numbers put at the start of their items' first lines.

    A page often draws the markers of a list after (or before) its text: pdfium then gives
    them as pieces of their own, away from the lines they mark. A marker goes in front of
    the piece that starts just right of it on the same printed line.
    """
    markers = [
        k
        for k, piece in enumerate(pieces)
        if piece.box.size and len(piece.text) <= 5 and LIST_MARKER.match(piece.text.strip())
    ]
    if not markers:
        return pieces
    out: list[_Piece | None] = list(pieces)
    for k in markers:
        marker = pieces[k]
        best: tuple[float, int] | None = None
        for i, piece in enumerate(pieces):
            gap = piece.box.x0 - marker.box.x1
            if (
                i != k
                and out[i] is not None
                and piece.box.size
                and -1 <= gap <= MARKER_GAP * piece.box.size
                and _overlaps(marker, piece)
                and (best is None or gap < best[0])
            ):
                best = (gap, i)
        if best is None or best[1] == k + 1:
            continue  # no item beside it, or already in its place: left as it is
        item = pieces[best[1]]
        out[best[1]] = _Piece(
            marker.text.strip() + " " + item.text.lstrip(),
            item.box._replace(x0=marker.box.x0),
            item.tail_top,
            item.tail_bottom,
        )
        out[k] = None
    return [piece for piece in out if piece is not None]


def _overlaps(a: _Piece, b: _Piece) -> bool:
    """Do ``a`` and ``b`` stand on one printed line (their heights overlap by half)?"""
    overlap = min(a.box.bottom, b.box.bottom) - max(a.box.top, b.box.top)
    return overlap > SAME_LINE * min(a.box.bottom - a.box.top, b.box.bottom - b.box.top)


def _join_same_line(pieces: list[_Piece]) -> list[_Piece]:
    out: list[_Piece] = []
    for piece in pieces:
        if out and _same_line(out[-1], piece):
            last = out[-1]
            # The space that pdfium leaves out where a superscript ends.
            superscript = last.box.size > 0 and _ends_small(last, piece)
            wide = piece.box.x0 - last.box.x1 > WORD_GAP * piece.box.size
            gap = " " if superscript and wide else ""
            out[-1] = _Piece(
                last.text + (gap if not last.text.endswith(" ") else "") + piece.text,
                last.box._replace(x1=piece.box.x1),
                piece.tail_top,
                piece.tail_bottom,
            )
        else:
            out.append(piece)
    return out


def _ends_small(a: _Piece, b: _Piece) -> bool:
    """Does ``a`` end in smaller type than ``b`` begins with (a footnote number)?"""
    return (a.tail_bottom - a.tail_top) < SUPERSCRIPT * (b.box.bottom - b.box.top)


def _same_line(a: _Piece, b: _Piece) -> bool:
    """Does ``b`` go on the printed line where ``a`` ends, just right of it?"""
    size = max(a.box.size, b.box.size)
    if not (a.box.size and b.box.size) or b.box.x0 < a.box.x1 - 1 or b.box.x0 - a.box.x1 > 2 * size:
        return False
    overlap = min(a.tail_bottom, b.box.bottom) - max(a.tail_top, b.box.top)
    return overlap > SAME_LINE * min(a.tail_bottom - a.tail_top, b.box.bottom - b.box.top)


def _body_type(lines: list[_Piece]) -> tuple[float, float]:
    """The size of the running text's type (the commonest) and its line pitch (the
    commonest step from one line's top to the next one's)."""
    sizes = Counter(round(line.box.size, 1) for line in lines if line.box.size)
    if not sizes:
        return 10.0, 12.0
    size = sizes.most_common(1)[0][0]
    steps = Counter(
        round(b.box.top - a.box.top)
        for a, b in pairwise(lines)
        if round(a.box.size, 1) == size == round(b.box.size, 1) and b.box.top > a.box.top
    )
    pitch = float(steps.most_common(1)[0][0]) if steps else size * 1.2
    return size, pitch


def _column_lefts(lines: list[_Piece], size: float) -> list[float]:
    """Left edges where three or more lines start: the columns' edges.

    A paragraph's first line indented by the same amount each time also starts three
    lines or more at one place; an edge a few ems right of a busier one is that indent,
    not a column (a column is far wider than an indent).
    """
    starts = Counter(round(line.box.x0) for line in lines if line.box.size)
    edges: list[float] = []
    for x, n in sorted(starts.items(), key=lambda item: (-item[1], item[0])):
        if n < 3:
            break
        if not any(0 < x - edge <= INDENT_MAX * size for edge in edges):
            edges.append(float(x))
    return sorted(edges)


__all__ = ["laid_out_scan", "measured_draft", "read_pdf"]
