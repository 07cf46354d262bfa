"""What a layout is: every choice a typesetter makes that copydesk has to see through.

A :class:`Layout` is drawn from a seed alone (:func:`draw`), so the same seed always gives
the same page. Each field is one feature of the page; :meth:`Layout.features` names them
for the per-feature report, so a weakness has an address (``columns=3``,
``credit=parens``, ``extractor=ocr``).
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, fields

# Page sizes in millimetres: A4, US Letter, a tabloid page, A5.
PAGE_SIZES = {"a4": (210, 297), "letter": (216, 279), "tabloid": (280, 430), "a5": (148, 210)}
SERIF_FONTS = ("DejaVu Serif", "Liberation Serif")
SANS_FONTS = ("DejaVu Sans", "Liberation Sans")
# Section labels and kickers of the kind newspapers set above a headline: generic words,
# none taken from the articles.
SECTIONS = (
    "National",
    "World",
    "Business",
    "Opinion",
    "Technology",
    "Science",
    "Culture",
    "Sports",
    "Metro",
    "Health",
    "Politics",
    "Arts & Leisure",
    "Money",
    "Ideas",
)
PUBLICATIONS = (
    "The Daily Ledger",
    "Evening Courier",
    "The Northern Record",
    "Harbor Times",
    "The Weekly Review",
    "Metro Gazette",
    "The Sentinel",
    "Valley Observer",
)
AGENCIES = ("Reuters", "AP", "AFP", "Bloomberg")
# A scan is of a few pages (tesseract reads one in 2 to 6 seconds): an article read by OCR
# is set with at most this many paragraphs.
OCR_PARAGRAPHS = 24


@dataclass(frozen=True)
class Layout:
    """One drawn layout. Every field is a feature the report groups by."""

    seed: int
    page: str  # a key of PAGE_SIZES
    margin_mm: int
    columns: int  # 1-4 columns of body text
    body_font: str
    body_pt: float
    justify: bool
    hyphenate: bool
    paragraph_mark: str  # indent | space | both: how paragraphs are told apart
    headline_case: str  # as-written | title | capitals
    headline_scale: float  # headline size in body sizes: bigger wraps onto more lines
    headline_font: str
    over_headline: str  # none | kicker | section: a label above the headline
    edition_line: bool  # a masthead line (publication, date, edition) atop the first page
    dek: bool  # print the standfirst, where the article has one
    byline: str  # by | caps | staff | agency
    byline_place: str  # after-headline | after-dek | end
    date_form: str  # ap | iso | dmy | long | edition: how the date is written
    date_time: bool  # the time and zone printed too, where the article has a time
    date_place: str  # with-byline | own-line | above-headline
    photo: str  # none | top | inside: where the article's photo stands
    caption_place: str  # below | above the photo
    credit: str  # parens | slash | own-line | caps
    pull_quote: bool
    subheads: str  # bold | caps | italic: how subheads are set
    drop_cap: int  # 0 (none) or the lines a drop cap spans
    running_head: str  # none | left | center | right | outside
    running_foot: str  # none | left | center | right | outside
    page_number: str  # head | foot | both
    page_label: str  # plain | page | section: "3", "Page 3", "A3"
    jump_lines: bool  # "Continued on Page A12" / "Continued from Page A1"
    bio: str  # none | italic | rule
    links: str  # none | footnotes | endnotes
    paragraphs: int  # how many of the article's paragraphs are set (most, for long ones)
    extractor: str  # pdftotext | pdftotext-raw | pdfium | ocr

    @property
    def paragraphs_set(self) -> int:
        """How many of the article's paragraphs are set: at least 6, fewer for a scan."""
        return max(
            6, min(self.paragraphs, OCR_PARAGRAPHS) if self.extractor == "ocr" else self.paragraphs
        )

    def features(self) -> dict[str, str]:
        """Each feature and its value, as the report groups them (numbers as words)."""
        skip = {"seed", "body_pt", "margin_mm", "headline_scale", "paragraphs"}
        out = {f.name: str(getattr(self, f.name)) for f in fields(self) if f.name not in skip}
        out["headline_size"] = (
            "large"
            if self.headline_scale >= 3.2
            else "medium"
            if self.headline_scale >= 2.3
            else "small"
        )
        return out

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def draw(
    seed: int, *, extractors: tuple[str, ...] = ("pdftotext", "pdftotext-raw", "pdfium", "ocr")
) -> Layout:
    """The layout of ``seed``: every choice drawn from ``random.Random(seed)``, in a fixed
    order, so a seed names one layout on every machine.

    >>> draw(7) == draw(7), draw(7) == draw(8)
    (True, False)
    """
    if not extractors:
        raise ValueError("extractors: give at least one")
    rng = random.Random(seed)
    page = rng.choice(sorted(PAGE_SIZES))
    width = PAGE_SIZES[page][0]
    # Narrow pages hold fewer columns: a column is at least about 45 mm wide.
    columns = rng.randint(1, max(1, min(4, (width - 30) // 45)))
    serif = rng.random() < 0.75
    body_font = rng.choice(SERIF_FONTS if serif else SANS_FONTS)
    return Layout(
        seed=seed,
        page=page,
        margin_mm=rng.randint(12, 28),
        columns=columns,
        body_font=body_font,
        body_pt=rng.choice((8.5, 9.0, 9.5, 10.0, 10.5, 11.0)),
        justify=rng.random() < 0.7,
        hyphenate=rng.random() < 0.5,
        paragraph_mark=rng.choice(("indent", "indent", "space", "both")),
        headline_case=rng.choice(("as-written", "as-written", "title", "capitals")),
        headline_scale=round(rng.uniform(1.6, 4.2), 2),
        headline_font=rng.choice(SERIF_FONTS + SANS_FONTS),
        over_headline=rng.choice(("none", "kicker", "section")),
        edition_line=rng.random() < 0.35,
        dek=rng.random() < 0.8,
        byline=rng.choice(("by", "by", "caps", "staff", "agency")),
        byline_place=rng.choice(("after-headline", "after-dek", "after-dek", "end")),
        date_form=rng.choice(("ap", "iso", "dmy", "long", "edition")),
        date_time=rng.random() < 0.5,
        date_place=rng.choice(("with-byline", "own-line", "above-headline")),
        photo=rng.choice(("none", "top", "top", "inside")),
        caption_place=rng.choice(("below", "below", "above")),
        credit=rng.choice(("parens", "slash", "own-line", "caps")),
        pull_quote=rng.random() < 0.3,
        subheads=rng.choice(("bold", "caps", "italic")),
        drop_cap=rng.choice((0, 0, 1, 2, 3)),
        running_head=rng.choice(("none", "left", "center", "right", "outside")),
        running_foot=rng.choice(("none", "left", "center", "right", "outside")),
        page_number=rng.choice(("head", "foot", "foot", "both")),
        page_label=rng.choice(("plain", "page", "section")),
        jump_lines=rng.random() < 0.3,
        bio=rng.choice(("none", "italic", "italic", "rule")),
        links=rng.choice(("none", "footnotes", "endnotes")),
        paragraphs=rng.randint(6, 60),
        extractor=rng.choice(extractors),
    )
