"""The working state that stages pass along: input lines with their roles, and the fields.

A reader makes a :class:`Draft`; each stage reads and annotates it; at the end
:meth:`Draft.to_article` turns it into the public :class:`~copydesk.model.Article`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate
from operator import attrgetter
from typing import NamedTuple

from copydesk.model import Article, Caption, Edit, Removal
from copydesk.traced import Traced

BODY = "body"
_BY_SPAN = attrgetter("start", "end")  # sort key of edits and removals


class Box(NamedTuple):
    """Where a line of a PDF stands on its page and how it is set (points, top-down)."""

    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0  # type size; 0 where the reader did not know it
    word: float = 0.0  # width of the line's first word
    bold: bool = False
    italic: bool = False
    indent: int = 0  # half-ems from its column's left edge


@dataclass(slots=True, eq=False)
class Line:
    """One line of the input as a reader found it.

    ``role`` starts as ``"body"``; stages set it to what the line turned out to be (a running
    head, the title, a caption, ...). Only body lines go on to become paragraphs. Each line
    is the one line of the input it stands for, so lines compare by identity (which is also
    much faster than comparing their fields).
    """

    text: str
    start: int
    end: int  # input offset just past the line; repairs of the text do not move it
    page: int
    index: int
    indent: int = 0
    role: str = BODY
    trace: Traced | None = None
    box: Box | None = None  # where a PDF reader found the line on its page

    @property
    def blank(self) -> bool:
        return not self.text

    def traced(self) -> Traced:
        """The line's text with its map back to the input."""
        return self.trace if self.trace is not None else Traced(self.text, self.start)


SAME_SIZE = 0.05  # type sizes this close (relative) are one size, measured twice


def same_size(a: float, b: float) -> bool:
    """Are two measured type sizes one size?

    >>> same_size(14.0, 14.4), same_size(14.0, 16.0)
    (True, False)
    """
    return abs(a - b) <= SAME_SIZE * max(a, b)


def text_size(lines: Iterable[Line]) -> float | None:
    """The type size most characters of ``lines`` are set in, where a reader measured it
    (``None`` where it measured none)."""
    sizes: Counter[float] = Counter()
    for line in lines:
        if line.box is not None and line.box.size > 0:
            sizes[round(line.box.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else None


def lines_containing(lines: list[Line], needles: tuple[str, ...]) -> list[int]:
    """The indices (in order) of the lines whose lower-cased text contains any of
    ``needles`` (lower-case strings without line breaks).

    A substring search over all lines joined, one per needle, runs in C at memory speed:
    far faster than a test of each line where few lines hold a needle.

    >>> lines = [Line(t, 0, len(t), 0, i) for i, t in enumerate(["a Photo", "", "x", "PHOTO"])]
    >>> lines_containing(lines, ("photo", "credit"))
    [0, 3]
    """
    texts = [line.text for line in lines]
    joined = "\n".join(texts).lower()
    if len(joined) != len(texts) + sum(map(len, texts)) - 1:
        # Lower-casing changed a length (İ becomes two characters): test line by line.
        return [i for i, text in enumerate(texts) if any(n in text.lower() for n in needles)]
    starts = list(accumulate((len(text) + 1 for text in texts), initial=0))
    found: set[int] = set()
    for needle in needles:
        at = joined.find(needle)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            found.add(i)
            at = joined.find(needle, starts[i + 1])  # the line's other hits add nothing
    return sorted(found)


@dataclass(slots=True)
class Draft:
    """Everything known about the article so far."""

    source: str
    lines: list[Line]
    kind: str = "text"
    title: str | None = None
    dek: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    captions: list[Caption] = field(default_factory=list)
    bio: str | None = None
    links: list[str] = field(default_factory=list)
    paragraphs: list[Traced] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    hints: dict[str, object] = field(default_factory=dict)
    # The only stages this draft needs, where its reader already found the structure.
    stages: frozenset[str] | None = None
    # One paragraph per line: the reader knows the paragraphs (HTML), nothing is wrapped.
    one_paragraph_per_line: bool = False
    warnings: list[str] = field(default_factory=list)  # what the reader could not do

    def body_lines(self) -> list[Line]:
        """The lines still in the body that hold text."""
        return [line for line in self.lines if line.text and line.role == BODY]

    def set_role(self, line: Line, role: str) -> None:
        """Take a line out of the body, recording where it went."""
        if line.role != BODY:
            return
        line.role = role
        if not line.blank:
            self.removed.append(Removal(role, line.start, line.end, line.text))

    def relabel(self, line: Line, role: str) -> None:
        """Give a line another role, whether it is in the body or already out of it (a byline
        found among the share buttons around it); its removal record follows."""
        if line.role == BODY:
            self.set_role(line, role)
            return
        for k in range(len(self.removed) - 1, -1, -1):
            if self.removed[k].start == line.start and self.removed[k].reason == line.role:
                self.removed[k] = self.removed[k]._replace(reason=role)
                break
        line.role = role

    def record(self, kind: str, traced: Traced, start: int, end: int, after: str) -> None:
        """Log the change of ``traced.text[start:end]`` into ``after``."""
        src_start, src_end = traced.source_span(start, end)
        self.edits.append(Edit(kind, src_start, src_end, traced.text[start:end], after))

    def to_article(self) -> Article:
        self.removed.sort(key=_BY_SPAN)
        self.edits.sort(key=_BY_SPAN)
        return Article(
            title=self.title,
            dek=self.dek,
            authors=list(self.authors),
            published=self.published,
            paragraphs=[p.text for p in self.paragraphs if p.text.strip()],
            captions=list(self.captions),
            bio=self.bio,
            links=list(self.links),
            edits=self.edits,
            removed=self.removed,
            source=self.source,
            warnings=list(self.warnings),
            kind=self.kind,
            ocr=bool(self.hints.get("ocr")),
        )
