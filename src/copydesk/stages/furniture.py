"""Stage: page furniture out — running heads and feet, page numbers, print stamps, URL lines.

Furniture is recognized by what makes it furniture: it repeats at the same place on
many pages, or it has the shape of a page number or a browser's print stamp and sits at a
page's edge. A line that appears once, away from the edges, is never taken for a running
head. Lines that are only a URL are links, not body text.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from copydesk.draft import BODY, Draft, Line, text_size

EDGE = 4  # how many non-blank lines at the top and bottom of a page count as its edges

_DIGITS = re.compile(r"\d+")

PAGE_NUMBER = re.compile(
    r"""^(?:
        [-–—]?\s*\d{1,4}\s*[-–—]?                      # 12, - 12 -
      | (?:page|p\.|pg\.?)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?   # Page 3, Page 3 of 7
      | \d{1,4}\s*(?:of|/)\s*\d{1,4}                  # 3 of 7, 2/9
      | .{1,60}?\s[|•·]\s*\d{1,4}                     # SITE | 3
      | \d{1,4}\s*[|•·]\s.{1,60}                      # 3 | SITE
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
PRINT_STAMP = re.compile(
    r"""^(?:
        \d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?(?:\s+.*)?   # 11/23/26, 10:01 AM
      | (?:file|https?)://\S+(?:\s+\d{1,4}/\d{1,4})?                    # file:///x.html 2/9
      | about:blank(?:\s+\d{1,4}/\d{1,4})?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_HOST = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")
_FILE = re.compile(r"\.(?:s?html?|php|aspx?|jsp|cgi|pdf|txt)$", re.IGNORECASE)
URL_ONLY = re.compile(r"^(?:file|https?)://\S+$")
PAGE_COUNT = re.compile(r"^\d{1,4}\s*/\s*\d{1,4}$")
DATE_STAMP = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?", re.IGNORECASE)
URL_LINE = re.compile(
    r"^(?:\[?(?P<note>\d{1,3})[.)\]]\s*)?(?:<)?(?P<url>(?:https?://|www\.)\S+?)(?:>)?[.,;]?$"
)


def shape(text: str) -> str:
    """What a line looks like with its numbers blanked: pages differ only in the numbers.

    >>> shape("Page 12 of 30") == shape("page 3 of 30")
    True
    """
    return " ".join(_DIGITS.sub("#", text.casefold()).split())


def is_page_number(text: str) -> bool:
    """True for the page-number lines that publications and browsers print.

    >>> [is_page_number(t) for t in ("12", "Page 3 of 7", "2/9", "A MERICAN CI VIL | 1")]
    [True, True, True, True]
    >>> is_page_number("In 1997, President Bill Clinton imposed a trade embargo")
    False
    """
    return bool(PAGE_NUMBER.match(text))


def hosts_in(url: str) -> list[str]:
    """The host names in a URL, including those of a page kept in a web archive.

    >>> hosts_in("https://web.archive.org/web/2015/https://www.aclu.org/blog/x.html 3/12")
    ['web.archive.org', 'www.aclu.org']
    """
    parts = url.split()[0].split("/") if url.strip() else []
    return [p for p in parts if _HOST.match(p) and not _FILE.search(p) and not p.isdigit()]


def _pages(lines: list[Line]) -> dict[int, list[Line]]:
    pages: dict[int, list[Line]] = defaultdict(list)
    for line in lines:
        if not line.blank:
            pages[line.page].append(line)
    return pages


def _edges(page: list[Line]) -> list[tuple[Line, int]]:
    """The edge lines of a page with their distance from the nearer edge (0 = outermost)."""
    n = len(page)
    picked: dict[int, tuple[Line, int]] = {}
    for i in range(min(EDGE, n)):
        for k in (i, n - 1 - i):
            if k not in picked or picked[k][1] > i:
                picked[k] = (page[k], i)
    return list(picked.values())


def _is_stamp(line: Line, page: list[Line]) -> bool:
    """A bare URL at a page's edge is a browser's print stamp only with the page count
    beside it (``URL 2/9``, or ``2/9`` on the next line); otherwise it is a link."""
    if not URL_ONLY.match(line.text):
        return True
    k = page.index(line)
    return any(PAGE_COUNT.match(other.text) for other in page[k + 1 : k + 3])


def remove_furniture(draft: Draft) -> None:
    """Mark running heads/feet, page numbers and print stamps; move URL lines to links."""
    pages = _pages(draft.lines)
    edge_lines = {page: _edges(lines) for page, lines in pages.items()}
    shapes = {line.index: shape(line.text) for lines in edge_lines.values() for line, _ in lines}
    repeated = _repeated_shapes(edge_lines, shapes, len(pages))
    measured_size = text_size(draft.lines)

    stamps = 0
    for lines in edge_lines.values():
        for line, depth in lines:
            if line.role != BODY:
                continue
            if PRINT_STAMP.match(line.text) and _is_stamp(line, pages[line.page]):
                if DATE_STAMP.match(line.text):
                    stamps += 1
                elif hosts := hosts_in(line.text):
                    draft.hints["site"] = " ".join(hosts)
                draft.set_role(line, "print stamp")
            elif shapes[line.index] in repeated:
                draft.set_role(line, "running head")
            elif depth <= 1 and is_page_number(line.text):
                draft.set_role(line, "page number")
            elif depth == 0 and measured_size and _set_as_running_head(draft, line, measured_size):
                draft.set_role(line, "running head")
    if stamps and stamps >= max(1, len(pages) // 2):
        draft.kind = "web-print"
        _note_page_title(draft, edge_lines)
        _remove_broken_off_titles(draft, edge_lines)

    notes: set[int] = set()
    known = set(draft.links)  # for a linear scan of inputs with many links
    for line in draft.lines:
        # URL_LINE needs "http" or "www." to match: most lines fail that cheaper test.
        if not ("http" in line.text or "www." in line.text) or line.role != BODY:
            continue
        if match := URL_LINE.match(line.text):
            draft.set_role(line, "link")
            if match.group("note"):
                notes.add(int(match.group("note")))
            url = match.group("url")
            if url not in known:
                known.add(url)
                draft.links.append(url)
    draft.hints["footnotes"] = notes


HEAD_SIZE = 0.9  # a running head is set at most this size of the text's type
HEAD_WORDS = 8
_CODE_MARKS = re.compile(r"^[$#>%]\s|[{}();=<>\[\]]")


def _set_as_running_head(draft: Draft, line: Line, text_size: float) -> bool:
    """Is this outermost line of a page past the first set as a running head or foot: in
    smaller type than the text, a few words that end no sentence, with space between it and
    the text? Pages repeat a running head, but a two-page article shows it once."""
    box = line.box
    if line.page == 0 or box is None or not 0 < box.size <= HEAD_SIZE * text_size:
        return False
    words = line.text.split()
    if not 0 < len(words) <= HEAD_WORDS or line.text.rstrip("”\"’')")[-1:] in ".!?":
        return False
    if _CODE_MARKS.search(line.text):
        return False  # a line of code, set small: the text's own
    lines = draft.lines
    before = lines[line.index - 1] if line.index > 0 else None
    after = lines[line.index + 1] if line.index + 1 < len(lines) else None
    # A head stands apart above the page's text, a foot below it.
    return (after is not None and after.blank) or (before is not None and before.blank)


def _repeated_shapes(
    edge_lines: dict[int, list[tuple[Line, int]]], shapes: dict[int, str], n_pages: int
) -> set[str]:
    """Shapes found at the edges of at least half the pages (and of two pages at least).

    ``shapes`` holds the :func:`shape` of each edge line by its index.
    """
    if n_pages < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in edge_lines.values():
        counts.update({shapes[line.index] for line, _ in lines})
    floor = max(2, (n_pages + 1) // 2)
    return {s for s, n in counts.items() if n >= floor and len(s) > 1}


_WORDS = re.compile(r"\w+")
# The separators between the parts of a page title: "Headline | Site", "Headline - Site".
TITLE_SPLIT = re.compile(r"\s+[^\w\s'\"“”‘’()]+\s+")


def _remove_broken_off_titles(draft: Draft, edge_lines: dict[int, list[tuple[Line, int]]]) -> None:
    """The page title of a print stamp that OCR broke off the stamp onto a line of its own,
    at a page's edge, is furniture like the rest of the stamp: a page title naming the site
    is no headline (the match is on words alone, as OCR reads the separators anew each time).
    """
    title = str(draft.hints.get("page_title", ""))
    if len(TITLE_SPLIT.split(title)) < 2:
        return  # a page title that is the headline alone may well be printed as one
    words = _WORDS.findall(title.casefold())
    for lines in edge_lines.values():
        for line, depth in lines:
            if line.role == BODY and depth <= 2 and _WORDS.findall(line.text.casefold()) == words:
                draft.set_role(line, "running head")


def _note_page_title(draft: Draft, edge_lines: dict[int, list[tuple[Line, int]]]) -> None:
    """A browser prints the page's <title> in its header: remember it for the headline."""
    titles: Counter[str] = Counter()
    for lines in edge_lines.values():
        for line, depth in lines:
            if line.role == "running head" and depth <= 2 and not is_page_number(line.text):
                titles[line.text] += 1
            elif line.role == "print stamp" and (m := DATE_STAMP.match(line.text)):
                rest = line.text[m.end() :].strip()
                if rest:
                    titles[rest] += 1
    if titles:
        draft.hints["page_title"] = titles.most_common(1)[0][0]
