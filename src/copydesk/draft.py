"""The working state that stages pass along: input lines with their roles, and the fields.

A reader makes a :class:`Draft` and records in its :class:`Facts` what it learned about
the document as a whole (how it was read, the link annotations of a PDF); the classify
step adds what the pages show (a web page printed from a browser, its printed page title
and address, the printed link notes); each stage then reads the draft and annotates it:
a line's :class:`Role` says what it turned out to be, and the fields fill in. At the end
:meth:`Draft.to_article` turns it into the public :class:`~copydesk.model.Article`.

Everything one stage tells a later one is a typed field here, never a loose value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from operator import attrgetter
from typing import NamedTuple

from copydesk.model import Article, Caption, Edit, Removal
from copydesk.traced import Traced

_BY_SPAN = attrgetter("start", "end")  # sort key of edits and removals


class Role(StrEnum):
    """What a line of the input turned out to be. Every line starts in the body; a stage
    that finds it is something else gives it its role and takes it out of the body."""

    BODY = "body"
    # The head of the article and its fields.
    TITLE = "title"
    DEK = "dek"
    KICKER = "kicker"  # a section label above the headline
    MASTHEAD = "masthead"  # a newspaper's name, date and edition atop its page
    BYLINE = "byline"
    DATELINE = "dateline"
    CAPTION = "caption"
    PULL_QUOTE = "pull quote"  # a sentence of the text set again in large type
    PHOTO_CREDIT = "photo credit"  # a credit without a caption of its own
    IMAGE_FILE = "image file name"  # printed in place of a web page's picture
    IMAGE_ALT_TEXT = "image alt text"
    LINK = "link"  # a printed web address, which goes to the links
    # The furniture of printed pages.
    RUNNING_HEAD = "running head"
    PAGE_NUMBER = "page number"
    PRINT_STAMP = "print stamp"  # a browser's header or footer: date, page title, address
    # The web page around an article printed from a browser.
    PAGE_BEFORE = "page before article"
    PAGE_AFTER = "page after article"
    SLIDE_SHOW = "slide show"
    WEB_FURNITURE = "web furniture"  # share buttons, menus, players inside the article
    # Notices printed with the article (copyright, "appeared in print").
    NOTICE = "notice"


BODY = Role.BODY
# Each role's name as a plain string, the reason a line in that role was taken out (an
# enum's ``value`` is looked up through a descriptor: slow for a line at a time).
_REASONS: dict[Role, str] = {role: role.value for role in Role}


class Medium(StrEnum):
    """How the text was got: which reader read it."""

    TEXT = "text"
    PDF = "pdf"
    IMAGE = "image"
    HTML = "html"


class Layout(StrEnum):
    """What the document is, as the classify step tells from its pages."""

    PLAIN = "plain"  # text with no pages: a paste, an HTML page's text
    TYPESET = "typeset"  # pages of a publication: a PDF, or text cut into pages
    WEB_PRINT = "web-print"  # a web page printed from a browser (its header and footer)


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


class Line:
    """One line of the input as a reader found it.

    ``role`` starts as ``"body"``; stages set it to what the line turned out to be (a running
    head, the title, a caption, ...). Only body lines go on to become paragraphs. Each line
    is the one line of the input it stands for, so lines compare by identity (which is also
    much faster than comparing their fields).

    A plain class rather than a dataclass: a reader makes one for every line of every
    input, and mypyc compiles a constructor written out (a dataclass's is generated as
    Python at run time, and is then slower compiled than not).
    """

    __slots__ = ("box", "end", "indent", "index", "page", "role", "start", "text", "trace")

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        page: int,
        index: int,
        indent: int = 0,
        role: Role = BODY,
        trace: Traced | None = None,
        box: Box | None = None,
    ) -> None:
        self.text = text
        self.start = start
        self.end = end  # input offset just past the line; repairs of the text do not move it
        self.page = page
        self.index = index
        self.indent = indent
        self.role = role
        self.trace = trace
        self.box = box  # where a PDF reader found the line on its page

    def __repr__(self) -> str:
        return (
            f"Line({self.text!r}, start={self.start}, end={self.end}, page={self.page},"
            f" index={self.index}, role={self.role.value!r})"
        )

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


def lines_containing(
    lines: list[Line], needles: tuple[str, ...], *, fold_case: bool = True
) -> list[int]:
    """The indices (in order) of the lines whose lower-cased text contains any of
    ``needles`` (lower-case strings without line breaks), or whose text as it stands does
    (``fold_case=False``).

    A substring search over all lines joined, one per needle, runs in C at memory speed:
    far faster than a test of each line where few lines hold a needle.

    >>> lines = [Line(t, 0, len(t), 0, i) for i, t in enumerate(["a Photo", "", "x", "PHOTO"])]
    >>> lines_containing(lines, ("photo", "credit"))
    [0, 3]
    """
    texts = [line.text for line in lines]
    joined = "\n".join(texts)
    if fold_case:
        joined = joined.lower()
        if len(joined) != len(texts) + sum(map(len, texts)) - 1:
            # Lower-casing changed a length (İ becomes two characters): test line by line.
            return [i for i, text in enumerate(texts) if any(n in text.lower() for n in needles)]
    found: set[int] = set()
    for needle in needles:
        at = joined.find(needle)
        line = counted = 0  # the line of the hit at ``counted``: line breaks counted so far
        while at >= 0:
            line += joined.count("\n", counted, at)
            counted = at
            found.add(line)
            end = joined.find("\n", at)  # the line's other hits add nothing
            at = joined.find(needle, end + 1) if end >= 0 else -1
    return sorted(found)


@dataclass(slots=True)
class Facts:
    """What is known of the document as a whole, before any stage runs: set by its reader
    and by the classify step (:mod:`copydesk.classify`), read by the stages."""

    medium: Medium = Medium.TEXT
    layout: Layout = Layout.PLAIN
    ocr: bool = False  # some of the text was read by OCR
    ocr_confidence: float | None = None  # tesseract's mean word confidence, 0-100
    # The reader knows the paragraphs (HTML): one per line, nothing is wrapped.
    one_paragraph_per_line: bool = False
    # A PDF's link annotations: (index of the line under each, its address), in order.
    link_annotations: list[tuple[int, str]] = field(default_factory=list)
    # Pictures a PDF draws: (page, box) of each, in points from the page's top left.
    image_boxes: list[tuple[int, Box]] = field(default_factory=list)
    # The browser's header and footer on a web print: what each line at a page's edge is
    # (a print stamp, a running head, a page number), by line index.
    page_edges: dict[int, Role] = field(default_factory=dict)
    page_title: str = ""  # the page's <title>, as the browser printed it in its header
    site: str = ""  # the host names of the page's address, printed in its footer
    # Numbers of the link notes printed at the foot of a page (``3. https://...``).
    footnotes: frozenset[int] = frozenset()


@dataclass(slots=True)
class ArticleBounds:
    """Where the web-page stage found the article inside a printed web page (indices of
    :attr:`Draft.lines`)."""

    first: int  # the article's first line (its headline's, where it has one)
    last: int  # its last line
    headline: list[int] = field(default_factory=list)  # the headline's lines
    first_prose: int | None = None  # the first line of running prose after the headline


@dataclass(slots=True)
class Draft:
    """Everything known about the article so far."""

    source: str
    lines: list[Line]
    facts: Facts = field(default_factory=Facts)
    article: ArticleBounds | None = None  # set by the web-page stage on a web print
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
    # The only stages this draft needs, where its reader already found the structure.
    stages: frozenset[str] | None = None
    warnings: list[str] = field(default_factory=list)  # what the reader could not do

    def body_lines(self) -> list[Line]:
        """The lines still in the body that hold text."""
        return [line for line in self.lines if line.text and line.role == BODY]

    def blank_between(self, a: Line, b: Line) -> bool:
        """Does a blank line stand between line ``a`` and the later line ``b``?"""
        return any(line.blank for line in self.lines[a.index + 1 : b.index])

    @property
    def web_print(self) -> bool:
        return self.facts.layout is Layout.WEB_PRINT

    def set_role(self, line: Line, role: Role, rule: str | None = None) -> None:
        """Take a line out of the body, recording where it went: the reason recorded is the
        name of the ``rule`` that took it out, or else its role."""
        if line.role is not BODY:
            return
        line.role = role
        if line.text:
            # tuple.__new__ makes the named tuple in C (its constructor is Python code).
            reason = rule or _REASONS[role]
            self.removed.append(tuple.__new__(Removal, (reason, line.start, line.end, line.text)))

    def relabel(self, line: Line, role: Role) -> None:
        """Give a line another role, whether it is in the body or already out of it (a byline
        found among the share buttons around it); its removal record follows."""
        if line.role is BODY:
            self.set_role(line, role)
            return
        for k in range(len(self.removed) - 1, -1, -1):
            removal = self.removed[k]
            if removal.start == line.start and removal.end == line.end:
                self.removed[k] = removal._replace(reason=_REASONS[role])
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
            kind=(Layout.WEB_PRINT if self.web_print else self.facts.medium).value,
            ocr=self.facts.ocr,
        )
