"""Reading order of text laid out in two columns, as ``pdftotext -layout`` and some OCR
engines write it: each printed row holds a line of the left column, a gutter of spaces,
and a line of the right column.

Read row by row, such text interleaves two streams of prose line by line. The gutter is
a run of character positions in the middle of the page that few rows cover, with many
rows holding text on each side of it; the page is then read as it was printed: each band
of rows between full-width lines (a headline, a rule set across both columns), left
column first, then right.
Every part keeps its place in the input, so offsets still point back to it.
"""

from __future__ import annotations

import re
from collections import Counter

# A row holds two columns' text only with at least this many spaces between them.
GUTTER = 3
# A row with a gutter, or with a right column's line alone on it (set far in).
_GUTTERED_ROW = re.compile(rf"\S {{{GUTTER},}}\S|^ {{12,}}\S", re.MULTILINE)
_WORD = re.compile(r"\S+")
# A page is set in columns when, of its rows that hold text, this share (and at least
# MIN_BOTH) hold text left of one gutter and as many hold text right of it, with the gutter
# in the middle part of the page and few rows crossing it.
BOTH_SHARE = 0.3
MIN_BOTH = 6
CROSSING_SHARE = 0.15
MIDDLE = (0.25, 0.75)
# How far left of the right column's usual edge one of its lines may start: the layout
# places each line from its measured position, rounded to a character cell.
SLIP = 3

# (row, start, end, column): a part of a row by character offsets, and the column it is
# in (0: the left one, or a line set across both; 1: the right one).
Span = tuple[int, int, int, int]


def may_have_columns(text: str) -> bool:
    """Cheap first test: could any page of ``text`` be set in columns at all?

    >>> may_have_columns("plain text\\nwrapped as usual"), may_have_columns("a    b")
    (False, True)
    >>> may_have_columns("left line\\n                     right line")
    True
    """
    # Both kinds of row hold three spaces in a row: most texts have none, and the substring
    # test answers for them many times faster than the pattern would.
    return "   " in text and _GUTTERED_ROW.search(text) is not None


def reading_order(rows: list[str]) -> list[Span] | None:
    """The parts of one page's rows in reading order, or ``None`` when the page is not set
    in two columns. A part ``(row, start, end, column)`` is ``rows[row][start:end]``; a row
    blank across the page is kept as an empty part in each column. A row where only one
    column has text is no break in the other.

    >>> rows = ["Left one       Right one", "left two       right two", "",
    ...         "left three     right three", "               right four"] * 2
    >>> [rows[r][s:e] for r, s, e, _ in reading_order(rows)][:5]
    ['Left one', 'left two', '', 'left three', 'Left one']
    """
    words = [[(m.start(), m.end()) for m in _WORD.finditer(row)] for row in rows]
    gutter = _find_gutter(words)
    if gutter is None:
        return None
    g0, g1 = gutter
    out: list[Span] = []
    left: list[Span] = []
    right: list[Span] = []

    def flush() -> None:
        # Blank rows are a break in both columns, but the right column's share of the
        # blank rows before its first line and after its last separates nothing.
        texted = [k for k, part in enumerate(right) if part[2] > part[1]]
        out.extend(left)
        if texted:
            out.extend(right[texted[0] : texted[-1] + 1])
        left.clear()
        right.clear()

    for r, found in enumerate(words):
        if not found:  # a row blank across the page: a break in both columns
            left.append((r, 0, 0, 0))
            right.append((r, 0, 0, 1))
            continue
        cut = _split_at(found, g0, g1)
        if cut is not None:
            left.append((r, found[0][0], found[cut - 1][1], 0))
            right.append((r, found[cut][0], found[-1][1], 1))
        elif found[-1][1] <= g1:  # the left column's line (it may reach into the gutter)
            left.append((r, found[0][0], found[-1][1], 0))
        elif found[0][0] >= g0:
            right.append((r, found[0][0], found[-1][1], 1))
        else:  # set across the gutter: a full-width line ends the band above it
            flush()
            out.append((r, found[0][0], found[-1][1], 0))
    flush()
    return out


def _split_at(found: list[tuple[int, int]], g0: int, g1: int) -> int | None:
    """Where a row's words part into the two columns: the index of the first word of the
    right column, after a gap of at least :data:`GUTTER` spaces that reaches the gutter's
    end (the one nearest its middle); ``None`` where the row holds no such gap.

    >>> _split_at([(0, 4), (5, 9), (20, 25)], 12, 18), _split_at([(0, 4), (5, 9)], 12, 18)
    (2, None)
    >>> _split_at([(0, 9), (13, 18)], 10, 18) is None  # a caption and its credit, set across
    True
    """
    middle = (g0 + g1) / 2
    best: tuple[float, int] | None = None
    for k in range(1, len(found)):
        gap_start, gap_end = found[k - 1][1], found[k][0]
        # The right column's line starts where the gutter ends; a gap that ends short of
        # it is inside a line set across (a caption and its credit, a table's cells).
        if gap_end - gap_start >= GUTTER and gap_start <= g1 and gap_end >= g1 - SLIP:
            distance = abs((gap_start + gap_end) / 2 - middle)
            if best is None or distance < best[0]:
                best = (distance, k)
    return None if best is None else best[1]


def _find_gutter(words: list[list[tuple[int, int]]]) -> tuple[int, int] | None:
    """The gutter of a page whose rows' words are ``words``: a run of character positions in
    the middle of the page that few rows cover, with many rows holding text on its left and
    as many on its right; as (where it starts, where the right column's lines start)."""
    texted = [found for found in words if found]
    if len(texted) < MIN_BOTH:
        return None
    width = max(found[-1][1] for found in texted)
    # How many rows have a word over each position: a difference array, summed.
    cover = [0] * (width + 1)
    for found in texted:
        for start, end in found:
            cover[start] += 1
            cover[end] -= 1
    running = 0
    covered = []
    for delta in cover[:width]:
        running += delta
        covered.append(running)
    limit = CROSSING_SHARE * len(texted)
    low, high = int(MIDDLE[0] * width), int(MIDDLE[1] * width)
    best: tuple[int, int, int] | None = None  # (rows with text both sides, start, end)
    x = low
    while x < high:
        if covered[x] > limit:
            x += 1
            continue
        end = x
        while end < width and covered[end] <= limit:
            end += 1
        if end - x >= GUTTER:
            # pdftotext sets the two columns' lines on rows of their own where their
            # baselines differ: a column shows as rows with text on its side of the gutter.
            on_left = sum(1 for found in texted if found[0][1] <= x)
            on_right = sum(1 for found in texted if found[-1][0] >= end)
            both = min(on_left, on_right)
            if best is None or both > best[0]:
                best = (both, x, end)
        x = end + 1
    if best is None:
        return None
    both, start, end = best
    if both < max(MIN_BOTH, BOTH_SHARE * len(texted)):
        return None
    return start, _right_edge(texted, start, end)


def _right_edge(texted: list[list[tuple[int, int]]], g0: int, g1: int) -> int:
    """Where the right column's lines start: the commonest start of text after the gutter
    (an indented first line starts further in, a caption's credit set across further out)."""
    starts: Counter[int] = Counter()
    for found in texted:
        if found[0][0] >= g0:
            starts[found[0][0]] += 1
            continue
        for k in range(1, len(found)):
            gap_start, gap_end = found[k - 1][1], found[k][0]
            if gap_end - gap_start >= GUTTER and gap_start <= g1 and gap_end >= g0:
                starts[gap_end] += 1
                break
    return starts.most_common(1)[0][0] if starts else g1
