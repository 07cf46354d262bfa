"""Reader for text renditions: pdftotext output, OCR output, a paste.

It decodes bytes in whatever encoding they came in and cuts the text into lines, keeping
each line's offset in the decoded text and its page (a form feed starts a new page).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import islice

from copydesk.draft import Draft, Line
from copydesk.errors import EmptyInputError, NotTextError
from copydesk.readers.columns import may_have_columns, reading_order

_LINE = re.compile(r"[^\n\r\f]*(?:\r\n|\n|\r|\f|$)")
# Line breaks that str.splitlines() honours but this reader keeps inside a line.
_OTHER_BREAKS = ("\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")

# Signatures of formats that are not text, with what to tell the user.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF, not text: extract its text first (pdftotext FILE out.txt) and clean that"),
    (b"\x89PNG", "a PNG image, not text: run OCR on it first"),
    (b"\xff\xd8\xff", "a JPEG image, not text: run OCR on it first"),
    (b"GIF8", "a GIF image, not text"),
    (b"II*\x00", "a TIFF image, not text: run OCR on it first"),
    (b"MM\x00*", "a TIFF image, not text: run OCR on it first"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX/EPUB), not text: extract its text first"),
    (b"\x1f\x8b", "a gzip archive, not text: decompress it first"),
    (b"\x7fELF", "an executable, not text"),
)


def decode(data: bytes, name: str = "input") -> str:
    """Decode bytes of unknown encoding into text.

    UTF-8 (with or without a BOM) and UTF-16/32 with a BOM are taken at their word;
    anything else goes to charset-normalizer. Binary data is refused rather than
    turned into garbage.

    >>> decode("Lévy".encode("cp1252"))
    'Lévy'
    >>> decode(b"\\xef\\xbb\\xbfplain")
    'plain'
    """
    if not data.strip():
        raise EmptyInputError(f"{name} is empty: give a file that holds the article's text")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise NotTextError(f"{name} is {what}")
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _guess(data, name)
    if _looks_binary(text):
        raise NotTextError(f"{name} looks like binary data, not text: give a text file")
    return text


def _guess(data: bytes, name: str) -> str:
    """Decode bytes that are not UTF-8.

    Text that is mostly ASCII with a few high bytes is a Western single-byte encoding far
    more often than a CJK one (where most bytes are high); charset-normalizer decides the
    rest.
    """
    high = sum(1 for byte in data[:65536] if byte >= 0x80)
    if high < 0.3 * min(len(data), 65536):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise NotTextError(f"{name} is not text in any encoding copydesk knows: give a text file")
    return data.decode(best.encoding, errors="replace")


def _looks_binary(text: str) -> bool:
    """Binary data decodes with NULs and control characters that text never has."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\n\r\t\f\x02")
    return "\x00" in sample or controls > len(sample) * 0.01 + 2


def read_text(text: str) -> Draft:
    """Cut decoded text into lines with offsets and page numbers.

    >>> d = read_text("a\\r\\nb\\fc")
    >>> [(line.text, line.start, line.page) for line in d.lines]
    [('a', 0, 0), ('b', 3, 0), ('c', 5, 1)]
    """
    if not text.strip():
        raise EmptyInputError("the input holds no text: give a file that holds the article's text")
    if may_have_columns(text):
        return Draft(source=text, lines=_lines_in_reading_order(text))
    lines: list[Line] = []
    page = 0
    start = 0
    for raw in _raw_lines(text):
        body = raw.rstrip("\r\n\f")
        unindented = body.lstrip()
        indent = len(body) - len(unindented)
        line = unindented.rstrip()
        at = start + indent
        lines.append(Line(line, at, at + len(line), page, len(lines), indent))
        start += len(raw)
        if raw.endswith("\f"):
            page += 1
    return Draft(source=text, lines=_drop_cap_placed(lines))


DROP_CAP_TOP = 3  # a drop cap read first is among the text's first lines with text
DROP_CAP_REACH = 40  # lines after it searched for the word it begins
_LOWER_HEAD = re.compile(r"[a-z]+")


def _drop_cap_placed(lines: list[Line]) -> list[Line]:
    """The lines with a drop cap that an extractor read first (the page draws the floated
    letter before the text) moved before the line whose first word it begins: the first
    line to start in lower case with a word that the letter completes.

    >>> d = _drop_cap_placed([Line(t, 0, 0, 0, i) for i, t in enumerate(
    ...     ["M", "A Headline", "By Jane Doe", "any developers think", "that it works"])])
    >>> [(line.text, line.index) for line in d]  # doctest: +NORMALIZE_WHITESPACE
    [('A Headline', 0), ('By Jane Doe', 1), ('M', 2), ('any developers think', 3),
     ('that it works', 4)]
    """
    from copydesk.lexicon import zipf
    from copydesk.shapes import DROP_CAP

    top = list(islice((k for k, line in enumerate(lines) if line.text), DROP_CAP_TOP))
    cap = next((k for k in top if DROP_CAP.match(lines[k].text)), None)
    if cap is None:
        return lines
    letter = lines[cap].text.strip("“\"‘'’")
    for j in range(cap + 1, min(len(lines), cap + DROP_CAP_REACH)):
        head = _LOWER_HEAD.match(lines[j].text)
        if head is None or zipf(letter + head.group()) < KNOWN_WORD:
            continue  # a dek's line may start in lower case too: the text's is further on
        moved = [*lines[:cap], *lines[cap + 1 : j], lines[cap], *lines[j:]]
        for index, line in enumerate(moved):
            line.index = index
        return moved
    return lines


KNOWN_WORD = 3.0  # the letter and the word's rest make a word at least this common


def _lines_in_reading_order(text: str) -> list[Line]:
    """The lines of text whose pages may be set in two columns side by side (``pdftotext
    -layout``): such a page's lines come column by column, each part of a printed row a line
    of its own, at its own offset in the input.

    >>> rows = ["Left one       Right one", "left two       right two"] * 4
    >>> [(line.text, line.start) for line in read_text("\\n".join(rows)).lines][:2]
    [('Left one', 0), ('left two', 25)]
    """
    lines: list[Line] = []
    start = 0
    pages: list[list[tuple[str, int]]] = [[]]
    for raw in _raw_lines(text):
        pages[-1].append((raw.rstrip("\r\n\f"), start))
        start += len(raw)
        if raw.endswith("\f"):
            pages.append([])
    for page, rows in enumerate(pages):
        order = reading_order([row for row, _ in rows])
        if order is None:
            order = [(r, 0, len(row), 0) for r, (row, _) in enumerate(rows)]
        # Indents count from the column's own left edge: where most of its lines start.
        edges = [_edge(order, 0), _edge(order, 1)]
        for r, s, e, column in order:
            row, at = rows[r]
            part = row[s:e]
            body = part.strip()
            lead = s + len(part) - len(part.lstrip())
            begin = at + lead
            indent = lead - edges[column] if body else 0
            lines.append(Line(body, begin, begin + len(body), page, len(lines), indent))
    return lines


def _edge(order: list[tuple[int, int, int, int]], column: int) -> int:
    """Where most of a column's lines start (0 for a column with none)."""
    starts = Counter(s for _, s, e, col in order if col == column and e > s)
    return starts.most_common(1)[0][0] if starts else 0


def _raw_lines(text: str) -> list[str]:
    """The lines of ``text``, each with the break that ends it (``\\r\\n``, ``\\n``, ``\\r``
    or a form feed).

    >>> _raw_lines("a\\r\\nb\\fc\\vd\\n")
    ['a\\r\\n', 'b\\x0c', 'c\\x0bd\\n']
    """
    if not any(brk in text for brk in _OTHER_BREAKS):
        return text.splitlines(keepends=True)  # the same cut, done in C
    return [match.group() for match in _LINE.finditer(text) if match.group()]
