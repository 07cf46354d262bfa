"""Page edges (copydesk.pages): the lines at the top and foot of each page.

:func:`copydesk.pages.edges_of` looks only at each page's first and last lines; here it is
checked against the plain definition (every non-blank line of a page, the first and last
few of them) on pages of every length, with blank lines anywhere, drawn from a fixed seed.
"""

from __future__ import annotations

import random

from copydesk.draft import Line
from copydesk.pages import EDGE, edges_of


def reference_edges(lines: list[Line]) -> dict[int, list[tuple[Line, int]]]:
    """The edges as defined: of each page's non-blank lines, the first and last ``EDGE``,
    each at its distance from the nearer edge, outermost first, top before foot."""
    pages: dict[int, list[Line]] = {}
    for line in lines:
        if line.text:
            pages.setdefault(line.page, []).append(line)
    out: dict[int, list[tuple[Line, int]]] = {}
    for number, page in pages.items():
        n = len(page)
        picked: dict[int, tuple[Line, int]] = {}
        for i in range(min(EDGE, n)):
            for k in (i, n - 1 - i):
                if k not in picked or picked[k][1] > i:
                    picked[k] = (page[k], i)
        out[number] = list(picked.values())
    return out


def random_document(rng: random.Random) -> list[Line]:
    lines: list[Line] = []
    for page in range(rng.randint(1, 4)):
        for _ in range(rng.choice([0, 1, 2, 3, 5, 7, 8, 9, 12, 30])):
            text = "" if rng.random() < 0.3 else f"line {len(lines)}"
            lines.append(Line(text, 0, len(text), page, len(lines)))
    return lines


def test_edges_are_those_of_the_definition_on_pages_of_every_length() -> None:
    rng = random.Random(14)
    for _ in range(2000):
        lines = random_document(rng)
        assert edges_of(lines) == reference_edges(lines)
