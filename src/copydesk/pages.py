"""What stands at the edges of printed pages: running heads and feet, page numbers, and the
header and footer a browser prints (the date, the page's title, its address).

Furniture is recognized by what makes it furniture: it repeats at the same place on many
pages, or it has the shape of a page number or of a browser's print stamp and sits at a
page's edge. A line that appears once, away from the edges, is never taken for a running
head. The classify step reads the edges once (:func:`read_edges`); the furniture stage
takes out what it found.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter

from copydesk.draft import Line, Role, text_size
from copydesk.shapes import URL_ONLY, hosts_in

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
PAGE_COUNT = re.compile(r"^\d{1,4}\s*/\s*\d{1,4}$")
DATE_STAMP = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?", re.IGNORECASE)

HEAD_SIZE = 0.9  # a running head is set at most this size of the text's type
HEAD_WORDS = 8  # the most words of a running head (a section and a title)
# The share of pages whose edges must show a browser's dated print stamp for the document
# to be a web print: a browser stamps every page, a publication none (half allows for a
# stamp that extraction lost or OCR misread).
STAMPED_PAGES = 0.5
_CODE_MARKS = re.compile(r"^[$#>%]\s|[{}();=<>\[\]]")

Edges = dict[int, list[tuple[Line, int]]]  # page -> its edge lines, each with its depth


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


def edges_of(lines: list[Line]) -> Edges:
    """The edge lines of each page with text, each with its distance from the nearer edge
    of its page (0: outermost), counted in non-blank lines.

    Readers number pages in order, so a page's lines stand together: only its first and
    last few are looked at, not every line of the page.

    >>> lines = [Line(t, 0, len(t), p, i) for i, (t, p) in enumerate(
    ...     [("Head", 0), ("a", 0), ("", 0), ("b", 0), ("1", 0), ("Head", 1), ("c", 1)])]
    >>> {page: [(line.text, depth) for line, depth in edge]
    ...  for page, edge in edges_of(lines).items()}
    {0: [('Head', 0), ('1', 0), ('a', 1), ('b', 1)], 1: [('Head', 0), ('c', 0)]}
    """
    numbers = [line.page for line in lines]
    edges: Edges = {}
    start = 0
    while start < len(lines):
        number = numbers[start]
        end = bisect_right(numbers, number, start)
        head = _first_with_text(lines, range(start, end))
        tail = _first_with_text(lines, range(end - 1, start - 1, -1))
        if head and tail and head[-1].index >= tail[-1].index:  # a short page: they meet
            page = [line for line in lines[start:end] if line.text]
            head, tail = page[:EDGE], page[::-1][:EDGE]
        if head:
            edges[number] = _edges(head, tail)
        start = end
    return edges


def _first_with_text(lines: list[Line], order: range) -> list[Line]:
    """The first :data:`EDGE` lines with text, in ``order``."""
    found: list[Line] = []
    for k in order:
        if lines[k].text:
            found.append(lines[k])
            if len(found) == EDGE:
                break
    return found


def _edges(head: list[Line], tail: list[Line]) -> list[tuple[Line, int]]:
    """A page's edge lines from its top and its foot, outermost first, each once at its
    distance from the nearer edge."""
    picked: dict[int, tuple[Line, int]] = {}
    for i in range(len(head)):
        for line in (head[i], tail[i]):
            if line.index not in picked or picked[line.index][1] > i:
                picked[line.index] = (line, i)
    return list(picked.values())


def _is_stamp(line: Line, lines: list[Line]) -> bool:
    """A bare URL at a page's edge is a browser's print stamp only with the page count
    beside it (``URL 2/9``, or ``2/9`` on the next line); otherwise it is a link."""
    if not URL_ONLY.match(line.text):
        return True
    following: list[Line] = []
    k = line.index + 1
    while k < len(lines) and lines[k].page == line.page and len(following) < 2:
        if lines[k].text:
            following.append(lines[k])
        k += 1
    return any(PAGE_COUNT.match(other.text) for other in following)


class PageEdges:
    """What the edges of a document's pages hold, read once by :func:`read_edges`."""

    __slots__ = ("dated_stamps", "edges", "roles", "site")

    def __init__(
        self,
        edges: Edges,
        roles: dict[int, Role],
        dated_stamps: int,
        site: str,
    ) -> None:
        self.edges = edges  # the pages with text, each with its edge lines
        self.roles = roles  # line index -> PRINT_STAMP, RUNNING_HEAD or PAGE_NUMBER
        self.dated_stamps = dated_stamps  # print stamps that carry the date of printing
        self.site = site  # hosts of the last address a print stamp gave

    @property
    def stamped(self) -> bool:
        """Did a browser print these pages: a dated stamp on enough of them?"""
        need = max(1, int(len(self.edges) * STAMPED_PAGES))
        return self.dated_stamps > 0 and self.dated_stamps >= need

    def page_title(self) -> str:
        """The page's <title> that a browser prints in its header: the running head (or
        the rest of a dated stamp) seen most often near the top or foot of the pages."""
        titles: Counter[str] = Counter()
        for lines in self.edges.values():
            for line, depth in lines:
                role = self.roles.get(line.index)
                if role is Role.RUNNING_HEAD and depth <= 2 and not is_page_number(line.text):
                    titles[line.text] += 1
                elif role is Role.PRINT_STAMP and (m := DATE_STAMP.match(line.text)):
                    rest = line.text[m.end() :].strip()
                    if rest:
                        titles[rest] += 1
        return titles.most_common(1)[0][0] if titles else ""


def read_edges(lines: list[Line], *, measured: bool) -> PageEdges:
    """Tell what each line at a page's edge is: a browser's print stamp, a running head or
    foot (repeated at the edges of half the pages, or set small and apart), a page number.
    ``measured``: whether the reader measured the type (a PDF), which sets a running head
    apart by its size."""
    edges = edges_of(lines)
    shapes: dict[int, str] = {}
    repeated: set[str] = set()
    if len(edges) > 1:  # a line repeats at the edges of two pages at least
        shapes = {line.index: shape(line.text) for page in edges.values() for line, _ in page}
        repeated = _repeated_shapes(edges, shapes)
    measured_size = text_size(lines) if measured else None
    roles: dict[int, Role] = {}
    stamps = 0
    site = ""
    for page in edges.values():
        for line, depth in page:
            if line.role is not Role.BODY:
                continue
            if PRINT_STAMP.match(line.text) and _is_stamp(line, lines):
                if DATE_STAMP.match(line.text):
                    stamps += 1
                elif hosts := hosts_in(line.text):
                    site = " ".join(hosts)
                roles[line.index] = Role.PRINT_STAMP
            elif repeated and shapes[line.index] in repeated:
                roles[line.index] = Role.RUNNING_HEAD
            elif depth <= 1 and is_page_number(line.text):
                roles[line.index] = Role.PAGE_NUMBER
            elif depth == 0 and measured_size and _set_as_running_head(lines, line, measured_size):
                roles[line.index] = Role.RUNNING_HEAD
    return PageEdges(edges, roles, stamps, site)


def _set_as_running_head(lines: list[Line], line: Line, text_size: float) -> bool:
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
    before = lines[line.index - 1] if line.index > 0 else None
    after = lines[line.index + 1] if line.index + 1 < len(lines) else None
    # A head stands apart above the page's text, a foot below it.
    return (after is not None and after.blank) or (before is not None and before.blank)


# A shape must be found on the edges of this share of the pages (and of two at least) to be
# a running head: a publication repeats its heads on every page, a text its words rarely.
REPEATED_PAGES = 0.5


def _repeated_shapes(edges: Edges, shapes: dict[int, str]) -> set[str]:
    """Shapes found at the edges of at least half the pages (and of two pages at least).

    ``shapes`` holds the :func:`shape` of each edge line by its index.
    """
    counts: Counter[str] = Counter()
    for page in edges.values():
        counts.update({shapes[line.index] for line, _ in page})
    floor = max(2, math.ceil(len(edges) * REPEATED_PAGES))
    return {s for s, n in counts.items() if n >= floor and len(s) > 1}
