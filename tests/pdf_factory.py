"""Small test PDFs and page images, built in memory, with the truth they were built from.

The PDF reader and the OCR reader are tested on documents whose every word is known:
an article typeset here with fpdf2 (headline, dek, byline, dateline, a photo with its
caption and credit, body paragraphs in one or two justified columns over a set number of
pages, running heads, page numbers, a bio, a link), and the same pages rendered to images
with pypdfium2 as a scanner would give them. Everything is deterministic (a fixed creation
date, a seeded text generator), so a test that fails fails the same way every time.

    pdf = article_pdf(columns=2, pages=3, soft_hyphen=True)
    truth = article_truth(columns=2, pages=3, soft_hyphen=True)  # same keywords
    truth.paragraphs, truth.title, truth.published, truth.pages

fpdf2's core fonts (Times, Helvetica) are used, with cp1252 encoding for curly quotes and
dashes: no font file needed, so the PDFs are the same on any machine.
"""

from __future__ import annotations

import copy
import hashlib
import io
import random
import re
import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, Literal
from zoneinfo import ZoneInfo

import pytest
from fpdf import FPDF
from fpdf.enums import Align

__all__ = [
    "DEFAULT_BIO",
    "DEFAULT_BYLINE",
    "DEFAULT_CAPTION",
    "DEFAULT_CREDIT",
    "DEFAULT_DATELINE",
    "DEFAULT_DEK",
    "DEFAULT_TITLE",
    "ArticleTruth",
    "article_pdf",
    "article_pdf_and_truth",
    "article_truth",
    "body_paragraphs",
    "encrypted_pdf",
    "many_pages_pdf",
    "mixed_pdf",
    "needs_tesseract",
    "page_count",
    "page_image",
    "page_texts",
    "scanned_pdf",
    "tiff_pages",
    "truncated_pdf",
]

CREATED = datetime(2021, 8, 23, 16, 56, 0, tzinfo=UTC)  # every PDF's creation date

DEFAULT_TITLE = "The River Town That Refused to Move"
DEFAULT_DEK = (
    "Millbrook flooded three times in ten years. Its residents voted to stay, and to build"
    " a wall instead."
)
DEFAULT_BYLINE = "By Jane Doe"
DEFAULT_DATELINE = "Aug. 23, 2021 12:56 pm ET"
DEFAULT_CAPTION = "Volunteers stack sandbags along Water Street in Millbrook, July 2021."
DEFAULT_CREDIT = "MARC ROUSSEL"
DEFAULT_BIO = (
    "Ms. Doe is a staff reporter who covers climate, infrastructure and rural America from"
    " Burlington, Vt."
)

# The body text is drawn from these sentences, a few to a paragraph, in an order fixed by
# a seeded generator: plain newspaper prose with long words (for hyphenation), figures,
# quotations and curly apostrophes, all within cp1252.
_SENTENCES = (
    "The river rose eleven feet in a single night, and by morning the water had reached the"
    " second step of the town hall.",
    "Millbrook has flooded three times in the past decade, each time worse than the last.",
    "State engineers offered the town a choice that most residents considered impossible.",
    "They could accept a federal buyout and move to higher ground, or they could stay and"
    " pay for protection themselves.",
    "“We are not leaving,” said Margaret Ellison, who has run the hardware store on Water"
    " Street since 1987.",
    "Her grandfather opened the store after the great flood of 1927 destroyed the first one.",
    "The town meeting that followed lasted nearly six hours and drew more than four hundred"
    " people.",
    "When the vote was counted, residents had chosen by a margin of two to one to build a"
    " concrete floodwall.",
    "The wall will cost an estimated $14.2 million, roughly eight times the town’s annual budget.",
    "Federal infrastructure grants are expected to cover about half of that amount.",
    "The remainder will come from a bond that residents will repay over thirty years.",
    "Critics of the plan argue that walls merely push the water onto neighboring"
    " communities downstream.",
    "“A wall is a promise that the river will behave,” said Thomas Reyes, a hydrologist at"
    " the state university.",
    "Environmental organizations have asked the state to commission an independent review.",
    "The administration has so far declined, citing the urgency of the situation.",
    "Insurance premiums in the flood zone have more than doubled since 2019.",
    "Several families have already sold their houses at a considerable loss.",
    "Others say they cannot afford to leave even if they wanted to.",
    "The elementary school was closed for four months after the last flood.",
    "Its students were taught in the basement of the Congregational church, which stayed dry.",
    "Construction is scheduled to begin next spring and to last at least two years.",
    "During that time, the main road through town will be reduced to a single lane.",
    "Business owners worry that tourists will simply drive past to the next village.",
    "The town’s manager, Paul Okafor, said the disruption was a price worth paying.",
    "“Every year we wait is another year we gamble with people’s livelihoods,” he said.",
    "Climate scientists expect storms of this intensity to become considerably more"
    " frequent in New England.",
    "Rainfall records at the county airport have been broken four times since 2011.",
    "Older residents remember a time when the river froze solid every winter.",
    "Now the ice rarely lasts more than a few weeks, and spring runoff arrives earlier.",
    "The engineering firm hired by the town has designed a wall that can be raised later.",
    "Removable steel panels will close the gaps where streets cross the embankment.",
    "Volunteers will be trained to install the panels whenever a warning is issued.",
    "A similar system has protected the city of Grand Forks since the early 2000s.",
    "Not every community has the resources or the political will to follow that example.",
    "In the neighboring village of Eastford, residents accepted the buyout two years ago.",
    "Their houses were demolished, and the land has been returned to wetland.",
    "“It was the hardest decision of my life,” said Linda Carver, who grew up there.",
    "She now lives in an apartment forty minutes away and rarely visits.",
    "Researchers who study managed retreat say such choices will become common.",
    "They estimate that millions of Americans live in places that will be uninhabitable"
    " within a generation.",
    "Millbrook’s decision has drawn attention from towns across the region.",
    "Delegations from three states have visited to study the plan and its financing.",
    "Ms. Ellison says she receives letters from strangers who admire the town’s resolve.",
    "Some of them enclose checks, which she forwards to the floodwall committee.",
    "On a recent afternoon, the river ran low and clear beneath the iron bridge.",
    "Children fished from the bank where the water had stood six feet deep in July.",
    "The high-water mark is still visible on the brick wall of the old mill.",
    "Someone has painted the date beside it, in careful white letters.",
)

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_DATELINE = re.compile(
    r"(?P<month>[A-Za-z]+)\.? (?P<day>\d{1,2}), (?P<year>\d{4})"
    r"(?: (?P<hour>\d{1,2}):(?P<minute>\d{2}) ?(?P<ampm>[ap])\.?m\.?(?: ET)?)?"
)

# Letter paper, in millimetres.
_PAGE_W, _PAGE_H = 215.9, 279.4
_MARGIN = 19.0
_BODY_SIZE = 10.0
_LINE_HEIGHT = 1.25  # times the type size
_INDENT = 4.0  # first-line indent of a paragraph, mm
_PARA_SPACE = 2.5  # space between paragraphs when they are not indented, mm
_GUTTER = 6.0
_DROP_CAP_SIZE = 47.0
_DROP_CAP_LINES = 3
_PHOTO_H = 62.0

# The OCR tests need the tesseract program, which is no Python package.
needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-eng)",
)


@dataclass(frozen=True)
class ArticleTruth:
    """What an :func:`article_pdf` holds, as the article's editors published it.

    ``paragraphs`` are the body paragraphs exactly as typeset (without soft hyphens and
    with the drop cap's letter in its place); ``published`` is the dateline in ISO 8601;
    ``pages`` is the number of pages the PDF came out with.
    """

    title: str
    dek: str
    byline: str
    authors: list[str]
    dateline: str
    published: str | None
    captions: list[tuple[str, str]]  # (caption text, credit)
    credit_line: str | None  # the credit as printed: "PHOTO: MARC ROUSSEL"
    paragraphs: list[str]
    bio: str | None
    links: list[str]
    link_anchor: str | None  # the words of the body the link annotation covers
    running_head: str | None
    page_numbers: bool
    columns: int
    pages: int
    soft_hyphen: bool
    drop_cap: bool
    spacing: str

    @property
    def body(self) -> str:
        """The paragraphs joined by blank lines: what a whole-body comparison wants."""
        return "\n\n".join(self.paragraphs)


_NAMES = (
    "Margaret Ellison", "Thomas Reyes", "Paul Okafor", "Linda Carver", "Daniel Novak",
    "Ruth Brennan", "Samuel Whitfield", "Elena Castillo", "Harold Lindqvist", "Grace Moreau",
    "Peter Hollis", "Anna Kowalski", "Frank Delaney", "Joan Mercer", "Victor Amundsen",
)  # fmt: skip
_ROLES = (
    "a retired teacher", "a dairy farmer", "the owner of the bakery on Main Street",
    "a member of the select board", "a volunteer firefighter", "the town clerk",
    "a nurse at the county hospital", "a civil engineer", "the pastor of the Methodist church",
    "a lawyer who represents several homeowners", "the principal of the elementary school",
)  # fmt: skip
_PLACES = ("Eastford", "Weston", "North Haven", "Riverside", "Cold Spring", "Ashby", "Granville")
_THINGS = (
    "the floodwall", "the federal buyout", "the bond measure", "the new bridge",
    "the pumping station", "the earthen levee", "the relocation plan",
)  # fmt: skip
_STREETS = ("Water Street", "Mill Road", "Church Street", "River Lane", "Depot Street")
_QUOTES = (
    "Nobody here wants to be the last one to leave",
    "The water does not care how long your family has been here",
    "We have done the arithmetic, and it works",
    "I would rather fight for this place than mourn it",
    "Every spring we hold our breath and watch the gauge",
    "People keep asking us when we will give up",
    "There is no version of this that is cheap",
    "My children learned to swim in that river, and now they are afraid of it",
)  # fmt: skip
_NUMBERS = (
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "eleven", "twelve",
    "fifteen", "twenty", "thirty", "forty",
)  # fmt: skip
_MONTHS_NAMED = ("January", "March", "April", "June", "July", "September", "October")
_TEMPLATES = (
    "{name}, {role}, said the town had no real choice but to act.",
    "“{quote},” said {name}, {role}.",
    "{name}, {role}, has lived on {street} for {n} years.",
    "In {place}, residents rejected a similar proposal by {n} votes in {year}.",
    "The river crested at {feet} feet in {month}, the highest level recorded since {year}.",
    "Supporters of {thing} say it will pay for itself within {n} years.",
    "Opponents of {thing} have collected more than {count} signatures.",
    "{name}, {role}, estimated that {count} households would be affected.",
    "Officials in {place} are watching the outcome closely, {name} said.",
    "A study commissioned in {year} warned that {thing} would not be enough on its own.",
    "The state has promised {money} toward {thing}, subject to legislative approval.",
    "{name} keeps a photograph of {street} under water on the wall of the kitchen.",
    "Meetings about {thing} have been held every {weekday} evening since {month}.",
    "The county recorded {n} inches of rain in {month}, nearly double the usual amount.",
    "Some families on {street} have raised their houses on concrete piers.",
    "{name} said the debate over {thing} had divided neighbors and even families.",
    "The last time the river reached {street} was in {year}, according to town records.",
    "A spokesman for the governor said the administration supported {thing}.",
    "Engineers expect {thing} to protect roughly {count} buildings.",
    "In {month}, a delegation from {place} toured the site with {name}.",
)


def _sentences(rng: random.Random) -> Iterator[str]:
    """The handwritten sentences once each, in a seeded order, then sentences made from
    templates, none of them twice."""
    pool = list(_SENTENCES)
    rng.shuffle(pool)
    yield from pool
    seen = set(pool)
    while True:
        name = rng.choice(_NAMES)
        sentence = rng.choice(_TEMPLATES).format(
            name=name,
            role=rng.choice(_ROLES),
            place=rng.choice(_PLACES),
            thing=rng.choice(_THINGS),
            street=rng.choice(_STREETS),
            quote=rng.choice(_QUOTES),
            n=rng.choice(_NUMBERS),
            feet=rng.randint(9, 24),
            count=f"{rng.randint(2, 95) * 10:,}",
            year=rng.randint(1927, 2019),
            month=rng.choice(_MONTHS_NAMED),
            weekday=rng.choice(("Monday", "Tuesday", "Wednesday", "Thursday")),
            money=f"${rng.randint(11, 95) / 10:.1f} million",
        )
        if sentence not in seen:
            seen.add(sentence)
            yield sentence[0].upper() + sentence[1:]


def body_paragraphs(count: int, *, seed: int = 7) -> list[str]:
    """``count`` paragraphs of three to five sentences, the same for the same arguments,
    no sentence twice.

    >>> body_paragraphs(2) == body_paragraphs(2)
    True
    >>> sentences = " ".join(body_paragraphs(200)).split(". ")
    >>> len(sentences) > 700 and len(set(sentences)) == len(sentences)
    True
    """
    rng = random.Random(seed)
    sentences = iter(_sentences(random.Random(seed + 1)))
    paragraphs: list[str] = []
    while len(paragraphs) < count:
        size = rng.randint(3, 5)
        paragraphs.append(" ".join(next(sentences) for _ in range(size)))
    return paragraphs


def authors_of(byline: str) -> list[str]:
    """The names in a byline.

    >>> authors_of("By Jane Doe and John Roe")
    ['Jane Doe', 'John Roe']
    """
    names = re.sub(r"^\s*by\s+", "", byline, flags=re.IGNORECASE)
    return [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+", names) if n.strip()]


def published_of(dateline: str) -> str | None:
    """The dateline as an ISO 8601 time, US Eastern when it says ``ET`` or has a time.

    >>> published_of("Aug. 23, 2021 12:56 pm ET")
    '2021-08-23T12:56:00-04:00'
    >>> published_of("Sept. 9, 2001")
    '2001-09-09'
    """
    match = _DATELINE.search(dateline)
    if not match:
        return None
    month = _MONTHS.get(match["month"][:3].lower())
    if month is None:
        return None
    year, day = int(match["year"]), int(match["day"])
    if match["hour"] is None:
        return f"{year:04d}-{month:02d}-{day:02d}"
    hour = int(match["hour"]) % 12 + (12 if match["ampm"].lower() == "p" else 0)
    when = datetime(
        year, month, day, hour, int(match["minute"]), tzinfo=ZoneInfo("America/New_York")
    )
    return when.isoformat()


def _soft_hyphenate(text: str, min_length: int = 7) -> str:
    """Put soft hyphens (U+00AD) into long words, so fpdf2 can break them at a line end:
    before a consonant that starts a syllable (a vowel after it, a vowel or a consonant
    after a vowel before it), at least three letters from either end.

    >>> _soft_hyphenate("environmental considerably").replace("\\u00ad", "|")
    'envi|ron|men|tal con|si|de|rably'
    """

    def split(match: re.Match[str]) -> str:
        word = match.group()
        if len(word) < min_length:
            return word
        out = [word[0]]
        last = 0
        for i in range(1, len(word)):
            vowel = [c in "aeiouy" for c in word[i - 2 : i + 2].lower()]
            if (
                i - last >= 3 - (last > 0)
                and len(word) - i >= 3
                and vowel[-1]
                and not vowel[-2]
                and (vowel[1] or vowel[0])
            ):
                out.append("\u00ad")
                last = i
            out.append(word[i])
        return "".join(out)

    return re.sub(r"[A-Za-z]+", split, text)


class _ArticlePDF(FPDF):
    """FPDF with a running head on every page after the first and a folio at each foot."""

    def __init__(self, running_head: str | None, page_numbers: bool) -> None:
        super().__init__(orientation="P", unit="mm", format="Letter")
        self.running_head = running_head
        self.page_numbers = page_numbers
        self.core_fonts_encoding = "cp1252"
        self.set_creation_date(CREATED)
        self.set_margins(_MARGIN, _MARGIN + 6, _MARGIN)
        self.set_auto_page_break(True, margin=_MARGIN + 4)
        self.set_title("copydesk test article")
        self.set_creator("copydesk tests/pdf_factory.py")
        self.set_producer("fpdf2")

    def header(self) -> None:
        if self.page_no() == 1 or not self.running_head:
            return
        self.set_font("Helvetica", "B", 8)
        self.set_text_color(60)
        self.set_xy(_MARGIN, 12)
        self.cell(0, 4, self.running_head, align="L")
        self.set_draw_color(120)
        self.set_line_width(0.2)
        self.line(_MARGIN, 17.5, _PAGE_W - _MARGIN, 17.5)
        self.set_text_color(0)
        self.set_xy(_MARGIN, self.t_margin)

    def footer(self) -> None:
        if not self.page_numbers:
            return
        self.set_font("Helvetica", "", 9)
        self.set_text_color(0)
        self.set_xy(_MARGIN, _PAGE_H - 14)
        self.cell(_PAGE_W - 2 * _MARGIN, 4, str(self.page_no()), align="C")


@dataclass(frozen=True)
class _Spec:
    columns: int
    running_head: str | None
    page_numbers: bool
    caption: bool
    drop_cap: bool
    soft_hyphen: bool
    title: str
    dek: str
    byline: str
    dateline: str
    bio: str | None
    link: str | None
    spacing: str
    password: str | None = None


def _front(pdf: _ArticlePDF, spec: _Spec) -> None:
    """Headline, dek, byline, dateline, and the photo with its caption and credit."""
    width = _PAGE_W - 2 * _MARGIN
    pdf.set_xy(_MARGIN, _MARGIN)
    pdf.set_font("Times", "B", 24)
    pdf.multi_cell(width, 10, spec.title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Times", "", 14)
    pdf.multi_cell(width, 6.5, spec.dek, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 9)
    pdf.cell(width, 4.5, spec.byline, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 8.5)
    pdf.cell(width, 4.5, spec.dateline, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    if spec.caption:
        pdf.set_fill_color(175)
        pdf.rect(_MARGIN, pdf.y, width, _PHOTO_H, style="F")
        pdf.set_y(pdf.y + _PHOTO_H + 1.5)
        pdf.set_font("Times", "I", 8.5)
        pdf.multi_cell(width, 3.8, DEFAULT_CAPTION, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 6.5)
        pdf.cell(width, 3.5, f"PHOTO: {DEFAULT_CREDIT}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    else:
        pdf.ln(2)


def _drop_cap(pdf: _ArticlePDF, text: str, width: float) -> str:
    """Set the first letter of ``text`` in large type at the top left of the body, with
    the words of the next lines beside it; return the rest of the paragraph.

    The lines beside the letter are drawn before the columns open (so they come first in
    the page's content, as the letter does), justified, without soft hyphens, ending at a
    word boundary; the columns then leave their room free.
    """
    top = pdf.y
    pitch = _BODY_SIZE * _LINE_HEIGHT / pdf.k
    pdf.set_font("Times", "B", _DROP_CAP_SIZE)
    letter_w = pdf.get_string_width(text[0]) + 1.5
    # Baseline on the third line's: the cap height spans the lines beside the letter.
    baseline = top + (_DROP_CAP_LINES - 0.5) * pitch + 0.3 * _BODY_SIZE / pdf.k
    pdf.text(_MARGIN, baseline, text[0])
    pdf.set_font("Times", "", _BODY_SIZE)
    lines = pdf.multi_cell(
        width - letter_w, pitch, text[1:], align="J", dry_run=True, output="LINES"
    )
    words = text[1:].split(" ")
    taken = len(" ".join(lines[:_DROP_CAP_LINES]).split())
    beside = " ".join(words[:taken])
    pdf.set_xy(_MARGIN + letter_w, top)
    pdf.multi_cell(width - letter_w, pitch, beside, align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(top)
    return " ".join(words[taken:])


def _typeset(spec: _Spec, paragraphs: Sequence[str]) -> tuple[bytes, int, str | None]:
    """Build the PDF; return its bytes, its page count and the link's anchor words."""
    pdf = _ArticlePDF(spec.running_head, spec.page_numbers)
    if spec.password is not None:
        pdf.set_encryption(owner_password=spec.password + "-owner", user_password=spec.password)
    pdf.add_page()
    _front(pdf, spec)
    width = (_PAGE_W - 2 * _MARGIN - (spec.columns - 1) * _GUTTER) / spec.columns
    indent = _INDENT if spec.spacing == "indent" else 0.0
    space = 0.0 if spec.spacing == "indent" else _PARA_SPACE
    anchor: str | None = None
    rest: str | None = None
    skip = 0.0  # room left above the next paragraph: the lines beside a drop cap
    if spec.drop_cap and paragraphs and len(paragraphs[0]) > 1:
        rest = _drop_cap(pdf, paragraphs[0], width)
        skip = _DROP_CAP_LINES * _BODY_SIZE * _LINE_HEIGHT / pdf.k + space

    def prose(text: str) -> str:
        return _soft_hyphenate(text) if spec.soft_hyphen else text

    with pdf.text_columns(
        ncols=spec.columns,
        gutter=_GUTTER,
        text_align=Align.J,
        line_height=_LINE_HEIGHT,
        l_margin=_MARGIN,
        r_margin=_MARGIN,
    ) as cols:
        for number, text in enumerate(paragraphs):
            pdf.set_font("Times", "", _BODY_SIZE)
            if number == 0 and rest is not None:
                if rest:
                    with cols.paragraph(top_margin=skip, bottom_margin=space) as par:
                        par.write(prose(rest))
                    skip = 0.0
                continue
            first_indent = indent if number > 0 else 0.0  # the first is set flush
            with cols.paragraph(
                first_line_indent=first_indent, top_margin=skip, bottom_margin=space
            ) as par:
                skip = 0.0
                if spec.link and number == min(1, len(paragraphs) - 1):
                    # The link covers the paragraph's last sentence, as an inline link would.
                    cut = text.rfind(". ", 0, len(text) - 2)
                    head, anchor = (text[: cut + 2], text[cut + 2 :]) if cut > 0 else ("", text)
                    if head:
                        par.write(prose(head))
                    par.write(prose(anchor), link=spec.link)
                else:
                    par.write(prose(text))
        if spec.bio:
            pdf.set_font("Times", "I", _BODY_SIZE - 0.5)
            with cols.paragraph(top_margin=max(4.0, skip)) as par:
                par.write(prose(spec.bio))
    return bytes(pdf.output()), pdf.pages_count, anchor


@lru_cache(maxsize=64)
def _article(
    spec: _Spec, pages: int, paragraphs: tuple[str, ...] | None
) -> tuple[bytes, ArticleTruth]:
    if paragraphs is not None:
        body = list(paragraphs)
        data, count, anchor = _typeset(spec, body)
    else:
        body, data, count, anchor = _fill(spec, pages)
    truth = ArticleTruth(
        title=spec.title,
        dek=spec.dek,
        byline=spec.byline,
        authors=authors_of(spec.byline),
        dateline=spec.dateline,
        published=published_of(spec.dateline),
        captions=[(DEFAULT_CAPTION, DEFAULT_CREDIT)] if spec.caption else [],
        credit_line=f"PHOTO: {DEFAULT_CREDIT}" if spec.caption else None,
        paragraphs=body,
        bio=spec.bio,
        links=[spec.link] if spec.link and anchor else [],
        link_anchor=anchor,
        running_head=spec.running_head if count > 1 else None,
        page_numbers=spec.page_numbers,
        columns=spec.columns,
        pages=count,
        soft_hyphen=spec.soft_hyphen,
        drop_cap=spec.drop_cap,
        spacing=spec.spacing,
    )
    return data, truth


def _fill(spec: _Spec, pages: int) -> tuple[list[str], bytes, int, str | None]:
    """The most generated paragraphs that fit on ``pages`` pages (bio included)."""
    pool = body_paragraphs(40 * pages + 10)

    def build(n: int) -> tuple[bytes, int, str | None]:
        return _typeset(spec, pool[:n])

    # About nine paragraphs fill a page; search from there.
    lo, lo_result = 1, build(1)
    if lo_result[1] > pages:
        return pool[:1], *lo_result
    hi = max(2, 9 * pages - 4)
    hi_result = build(hi)
    while hi_result[1] <= pages:
        lo, lo_result = hi, hi_result
        hi *= 2
        hi_result = build(hi)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        result = build(mid)
        if result[1] <= pages:
            lo, lo_result = mid, result
        else:
            hi = mid
    return pool[:lo], *lo_result


def _spec(
    columns: int,
    running_head: str | None,
    page_numbers: bool,
    caption: bool,
    drop_cap: bool,
    soft_hyphen: bool,
    title: str,
    dek: str,
    byline: str,
    dateline: str,
    bio: str | None,
    link: str | None,
    spacing: str,
    password: str | None = None,
) -> _Spec:
    if columns not in (1, 2, 3):
        raise ValueError("columns must be 1, 2 or 3")
    if spacing not in ("indent", "space"):
        raise ValueError("spacing must be 'indent' or 'space'")
    return _Spec(
        columns, running_head, page_numbers, caption, drop_cap, soft_hyphen,
        title, dek, byline, dateline, bio, link, spacing, password,
    )  # fmt: skip


def article_pdf_and_truth(
    *,
    columns: int = 1,
    pages: int = 2,
    running_head: str | None = "THE DAILY PLANET",
    page_numbers: bool = True,
    caption: bool = True,
    drop_cap: bool = False,
    soft_hyphen: bool = False,
    title: str = DEFAULT_TITLE,
    dek: str = DEFAULT_DEK,
    byline: str = DEFAULT_BYLINE,
    dateline: str = DEFAULT_DATELINE,
    paragraphs: Iterable[str] | None = None,
    bio: str | None = DEFAULT_BIO,
    link: str | None = None,
    spacing: Literal["indent", "space"] = "indent",
) -> tuple[bytes, ArticleTruth]:
    """A typeset article and the truth it was typeset from (the keywords: see
    :func:`article_pdf`)."""
    spec = _spec(
        columns, running_head, page_numbers, caption, drop_cap, soft_hyphen,
        title, dek, byline, dateline, bio, link, spacing,
    )  # fmt: skip
    data, truth = _article(spec, pages, None if paragraphs is None else tuple(paragraphs))
    return data, copy.deepcopy(truth)  # the cached truth stays as built, whatever a test does


def article_pdf(**kwargs: Any) -> bytes:
    """A typeset article, as a newspaper's PDF would have it.

    Page 1: the headline (24 pt bold Times), the dek (14 pt), the byline and dateline
    (Helvetica), a grey rectangle for a photo with its caption (italic) and credit
    ("PHOTO: MARC ROUSSEL") beneath; then body paragraphs in 10 pt Times, justified, in
    ``columns`` columns, with first-line indents (``spacing="indent"``) or space between
    paragraphs (``spacing="space"``); the bio in italic at the end. Every page after the
    first has ``running_head`` at its top; every page has its number at its foot.

    Keywords (all optional): ``columns`` (1, 2 or 3), ``pages`` (how many pages the
    generated body fills; with ``paragraphs`` given, the article runs as long as they
    need, see ``truth.pages``), ``running_head`` (None: none), ``page_numbers``,
    ``caption`` (the photo, its caption and credit), ``drop_cap`` (the first letter of the
    body in 47 pt bold beside its first three lines), ``soft_hyphen`` (soft hyphens in
    long words, so lines end in hyphenated words), ``title``, ``dek``, ``byline``,
    ``dateline``, ``paragraphs``, ``bio`` (None: none), ``link`` (a URL: a link
    annotation over the last sentence of the second paragraph), ``spacing``.

    The same keywords given to :func:`article_truth` give what it holds.
    """
    return article_pdf_and_truth(**kwargs)[0]


def article_truth(**kwargs: Any) -> ArticleTruth:
    """What :func:`article_pdf` typeset with the same keywords."""
    return article_pdf_and_truth(**kwargs)[1]


def encrypted_pdf(password: str, **kwargs: Any) -> bytes:
    """The article of ``article_pdf(pages=1, **kwargs)``, encrypted (RC4, 128 bits) with
    ``password`` as its user password (``password + "-owner"`` is the owner password);
    ``article_truth(pages=1, **kwargs)`` is what it holds."""
    kwargs.setdefault("pages", 1)
    truth = article_truth(**kwargs)
    spec = _spec(
        truth.columns, kwargs.get("running_head", "THE DAILY PLANET"), truth.page_numbers,
        bool(truth.captions), truth.drop_cap, truth.soft_hyphen, truth.title, truth.dek,
        truth.byline, truth.dateline, truth.bio, kwargs.get("link"), truth.spacing, password,
    )  # fmt: skip
    return _typeset(spec, truth.paragraphs)[0]


def truncated_pdf() -> bytes:
    """The default article PDF cut in half: a header, some objects, no cross-reference
    table or trailer."""
    data = article_pdf()
    return data[: len(data) // 2]


def many_pages_pdf(n: int) -> bytes:
    """``n`` pages of one line each ("Line k of n: ..."), quick to build even for 5000."""
    pdf = FPDF(unit="pt", format="Letter")
    pdf.set_creation_date(CREATED)
    pdf.set_auto_page_break(False)
    pdf.set_font("Times", "", 11)
    for k in range(1, n + 1):
        pdf.add_page()
        pdf.text(72, 90, f"Line {k} of {n}: the river rose again on page {k}.")
    return bytes(pdf.output())


# -- Images of pages -------------------------------------------------------------------


def _render(text_pdf: bytes, index: int, dpi: int, grey: bool = True) -> Any:
    """Page ``index`` of a PDF as a PIL image at ``dpi``."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(text_pdf)
    try:
        page = document[index]
        try:
            image = page.render(scale=dpi / 72, grayscale=grey).to_pil()
        finally:
            page.close()
    finally:
        document.close()
    return image.convert("L") if grey else image.convert("RGB")


def page_count(pdf_bytes: bytes, password: str | None = None) -> int:
    """How many pages pdfium finds in a PDF."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf_bytes, password=password)
    try:
        return len(document)
    finally:
        document.close()


def page_texts(pdf_bytes: bytes, password: str | None = None) -> list[str]:
    """The text layer of each page as pdfium reads it ("" for a page of images)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf_bytes, password=password)
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


def page_image(text_pdf: bytes, page: int = 0, dpi: int = 200, fmt: str = "PNG") -> bytes:
    """Page ``page`` of a PDF rendered at ``dpi`` as PNG, JPEG or TIFF bytes (greyscale,
    with the resolution recorded in the file, as a scanner writes it)."""
    image = _render(text_pdf, page, dpi)
    out = io.BytesIO()
    fmt = fmt.upper()
    if fmt in ("JPG", "JPEG"):
        image.save(out, "JPEG", quality=90, dpi=(dpi, dpi))
    elif fmt in ("TIF", "TIFF"):
        image.save(out, "TIFF", compression="tiff_deflate", dpi=(dpi, dpi))
    elif fmt == "PNG":
        image.save(out, "PNG", dpi=(dpi, dpi))
    else:
        raise ValueError(f"unknown image format {fmt!r}: PNG, JPEG or TIFF")
    return out.getvalue()


def tiff_pages(text_pdf: bytes, pages: Iterable[int] | None = None, dpi: int = 200) -> bytes:
    """Several pages of a PDF as one multi-page TIFF (all pages when ``pages`` is None)."""
    indices = list(range(page_count(text_pdf))) if pages is None else list(pages)
    images = [_render(text_pdf, i, dpi) for i in indices]
    out = io.BytesIO()
    images[0].save(
        out, "TIFF", save_all=True, append_images=images[1:], compression="tiff_deflate",
        dpi=(dpi, dpi),
    )  # fmt: skip
    return out.getvalue()


def _image_pages_pdf(images: Sequence[Any], sizes: Sequence[tuple[float, float]]) -> bytes:
    """A PDF of one full-page image per page, no text layer."""
    pdf = FPDF(unit="pt")
    pdf.set_creation_date(CREATED)
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    for image, (width, height) in zip(images, sizes, strict=True):
        pdf.add_page(format=(width, height))
        pdf.image(image, x=0, y=0, w=width, h=height)
    return bytes(pdf.output())


def _page_sizes(pdf_bytes: bytes) -> list[tuple[float, float]]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf_bytes)
    try:
        return [document.get_page_size(i) for i in range(len(document))]
    finally:
        document.close()


def scanned_pdf(text_pdf: bytes | None = None, dpi: int = 150) -> bytes:
    """Each page of ``text_pdf`` (default: the default article) rendered at ``dpi`` and
    put back as a full-page greyscale image: a scan, with no text layer."""
    if text_pdf is None:
        text_pdf = article_pdf()
    sizes = _page_sizes(text_pdf)
    images = [_render(text_pdf, i, dpi) for i in range(len(sizes))]
    return _image_pages_pdf(images, sizes)


def mixed_pdf(
    text_pdf: bytes | None = None, scanned: Iterable[int] = (1,), dpi: int = 150
) -> bytes:
    """``text_pdf`` (default: the default article) with the pages numbered in ``scanned``
    (from 0; default the second) replaced by scans of themselves; the rest keep their
    text layer."""
    import pypdfium2 as pdfium

    if text_pdf is None:
        text_pdf = article_pdf()
    sizes = _page_sizes(text_pdf)
    wanted = sorted(set(scanned))
    if any(not 0 <= i < len(sizes) for i in wanted):
        raise ValueError(f"scanned pages {wanted} out of range: the PDF has {len(sizes)}")
    scans = pdfium.PdfDocument(
        _image_pages_pdf([_render(text_pdf, i, dpi) for i in wanted], [sizes[i] for i in wanted])
    )
    source = pdfium.PdfDocument(text_pdf)
    mixed = pdfium.PdfDocument.new()
    try:
        for i in range(len(sizes)):
            if i in wanted:
                mixed.import_pages(scans, [wanted.index(i)])
            else:
                mixed.import_pages(source, [i])
        out = io.BytesIO()
        mixed.save(out)
    finally:
        mixed.close()
        source.close()
        scans.close()
    return _fixed_id(out.getvalue())


def _fixed_id(data: bytes) -> bytes:
    """pdfium writes a random /ID into the trailer: replace it with a hash of the rest (of
    the same length, so no offset moves) to make the bytes the same on every run."""
    ids = list(re.finditer(rb"/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]", data))
    if not ids:
        return data
    digest = hashlib.md5(re.sub(rb"<[0-9A-Fa-f]{32}>", b"", data), usedforsecurity=False)
    fixed = digest.hexdigest().upper().encode()
    out = bytearray(data)
    for match in ids:
        for group in (1, 2):
            out[match.start(group) : match.end(group)] = fixed
    return bytes(out)
