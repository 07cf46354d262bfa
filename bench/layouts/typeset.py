"""An article set in a drawn layout: HTML and CSS for WeasyPrint, and the truth as printed.

:func:`compose` writes the page (headline, labels, byline, date, photo and caption, body
in columns, pull quote, running heads and feet, jump lines, bio, link notes) and the truth
of what it printed; :func:`render` typesets it. The truth is the article as this layout
published it: the headline as set (in capitals, if the layout sets it so), the date as
printed (with the time and zone only where they are printed), the paragraphs set, the
link URLs printed. Bylines are the one exception: names set in capitals are still the
names as written (the dev set's convention, and what a reader would copy).
"""

from __future__ import annotations

import base64
import html
import io
import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from layouts.articles import Article
from layouts.spec import AGENCIES, PAGE_SIZES, PUBLICATIONS, SECTIONS, Layout

# The short words a headline in title case leaves in lower case (a style guide's list:
# this is the typesetter's side, not copydesk's).
SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "or",
        "over",
        "the",
        "to",
        "up",
        "with",
        "via",
    ]
)
AP_MONTHS = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Zones a date line may be printed in: the zone's name and how it is labelled in and out
# of summer time.
ZONES = (
    ("America/New_York", "ET", "ET"),
    ("America/New_York", "EST", "EDT"),
    ("Europe/London", "GMT", "BST"),
    ("UTC", "UTC", "UTC"),
    ("Europe/Berlin", "CET", "CEST"),
)
SUBHEAD_WORDS = 10  # a paragraph this short, ending in no punctuation, is set as a subhead
STAFF = ("Staff Writer", "Staff Writers")


@dataclass
class Composed:
    """A page ready to typeset, the truth it prints, and the features it really shows
    (a drawn photo is left out when the article has no caption, and so on)."""

    html: str
    truth: dict[str, Any]
    features: dict[str, str]
    notes: list[str] = field(default_factory=list)


def title_case(text: str) -> str:
    """Headline-style capitals: every word but the short ones, words in capitals kept.

    >>> title_case("the rise of the fetch API in a web of promises")
    'The Rise of the Fetch API in a Web of Promises'
    """
    words = text.split(" ")
    out = []
    for k, word in enumerate(words):
        bare = word.strip("“”\"'‘’()[]:,.!?")
        first_or_last = k == 0 or k == len(words) - 1
        if not bare or any(ch.isupper() for ch in bare[1:]) or bare.isupper():
            out.append(word)
        elif bare.lower() in SMALL_WORDS and not first_or_last:
            out.append(word.replace(bare, bare.lower(), 1))
        else:
            out.append(word.replace(bare, bare[0].upper() + bare[1:], 1))
    return " ".join(out)


def is_subhead(text: str) -> bool:
    """A short block that ends in no punctuation reads as a subhead.

    >>> is_subhead("Feature detection"), is_subhead("It works.")
    (True, False)
    """
    return len(text.split()) <= SUBHEAD_WORDS and text[-1:].isalnum() and text[:1].isupper()


def byline_text(authors: list[str], form: str, agency: str) -> str:
    """The byline in one of the forms newspapers print.

    >>> byline_text(["Ann Lee", "Bo Diaz"], "caps", "AP")
    'BY ANN LEE AND BO DIAZ'
    >>> byline_text(["Ann Lee"], "staff", "AP"), byline_text(["Ann Lee"], "agency", "AP")
    ('Ann Lee, Staff Writer', 'Ann Lee | AP')
    """
    names = authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + " and " + authors[-1]
    if form == "caps":
        return f"BY {names.upper()}"
    if form == "staff":
        return f"{names}, {STAFF[len(authors) > 1]}"
    if form == "agency":
        return f"{names} | {agency}"
    return f"By {names}"


def parse_published(value: str) -> tuple[date, datetime | None]:
    """The date of an ISO 8601 value, and its moment where it has a time with an offset."""
    if "T" in value:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is not None:
            return moment.date(), moment
        return moment.date(), None
    return date.fromisoformat(value[:10]), None


def clock(moment: datetime, style: str) -> str:
    """A time of day as a date line prints it: ``2:05 p.m.``, ``14:05`` or ``2:05 PM``."""
    if style == "24h":
        return moment.strftime("%H:%M")
    hour = moment.hour % 12 or 12
    half = "a.m." if moment.hour < 12 else "p.m."
    if style == "ampm":
        half = half.replace(".", "").upper()
    return f"{hour}:{moment.minute:02d} {half}"


def date_text(day: date, moment: datetime | None, form: str, zone_label: str) -> str:
    """The date (and time, given ``moment``) in one of the forms of print.

    >>> date_text(date(2017, 1, 19), None, "ap", "")
    'Jan. 19, 2017'
    >>> date_text(date(2017, 1, 19), datetime(2017, 1, 19, 14, 5), "dmy", "GMT")
    '19 January 2017 14:05 GMT'
    """
    weekday = WEEKDAYS[day.weekday()]
    if form == "ap":
        text = f"{AP_MONTHS[day.month - 1]} {day.day}, {day.year}"
        return text if moment is None else f"{text} {clock(moment, 'ap')} {zone_label}"
    if form == "iso":
        text = day.isoformat()
        return text if moment is None else f"{text} {clock(moment, '24h')} {zone_label}"
    if form == "dmy":
        text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
        return text if moment is None else f"{text} {clock(moment, '24h')} {zone_label}"
    text = f"{weekday}, {MONTHS[day.month - 1]} {day.day}, {day.year}"
    return text if moment is None else f"{text} at {clock(moment, 'ampm')} {zone_label}"


def photo_data_uri(seed: int) -> str:
    """A made-up photograph (a gradient and a few shapes), the same for the same seed."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", (480, 320))
    pixels = ImageDraw.Draw(image)
    top = tuple(rng.randint(60, 200) for _ in range(3))
    for y in range(320):
        shade = tuple(max(0, c - y // 4) for c in top)
        pixels.line([(0, y), (480, y)], fill=shade)
    for _ in range(6):
        x, y, r = rng.randint(0, 480), rng.randint(0, 320), rng.randint(20, 90)
        pixels.ellipse(
            [x - r, y - r, x + r, y + r], fill=tuple(rng.randint(0, 255) for _ in range(3))
        )
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _pull_quote(paragraphs: list[str], rng: random.Random) -> tuple[int, str] | None:
    """A sentence of the body to set again in large type, and after which paragraph."""
    options = []
    for k, text in enumerate(paragraphs[2:-1], start=2):
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z“])", text):
            if 50 <= len(sentence) <= 160 and sentence[-1] in ".!?" and sentence != text:
                options.append((k, sentence))
    return rng.choice(options) if options else None


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def compose(article: Article, layout: Layout) -> Composed:
    """The HTML page of ``article`` set in ``layout``, and its truth."""
    rng = random.Random(f"text-{layout.seed}")  # words the layout adds: labels, names
    publication = rng.choice(PUBLICATIONS)
    section = rng.choice(SECTIONS)
    agency = rng.choice(AGENCIES)
    zone_name, winter_label, summer_label = rng.choice(ZONES)
    features = layout.features()

    # The body: the first paragraphs of the article.
    paragraphs = article.paragraphs[: layout.paragraphs_set]
    # Blocks as set: subheads are set as headings, the rest as paragraphs. Subheads set in
    # capitals are printed in capitals (the text itself, as the truth has it, not CSS).
    blocks = [("subhead" if is_subhead(p) and k > 0 else "p", p) for k, p in enumerate(paragraphs)]
    if layout.subheads == "caps":
        blocks = [(kind, text.upper() if kind == "subhead" else text) for kind, text in blocks]
        paragraphs = [text for _, text in blocks]

    headline = article.title
    if layout.headline_case == "title":
        headline = title_case(headline)
    elif layout.headline_case == "capitals":
        headline = headline.upper()

    dek = article.dek if layout.dek else None
    features["dek"] = str(dek is not None)

    authors = article.authors
    byline = byline_text(authors, layout.byline, agency) if authors else None
    features["byline"] = layout.byline if byline else "none"
    features["byline_place"] = layout.byline_place if byline else "none"

    # The date, in the zone the layout prints times in.
    published: str | None = None
    printed_date: str | None = None
    date_form = layout.date_form
    if article.published:
        day, moment = parse_published(article.published)
        if moment is not None and layout.date_time and date_form != "edition":
            local = moment.astimezone(ZoneInfo(zone_name))
            summer = bool(local.dst())
            label = summer_label if summer else winter_label
            day = local.date()
            printed_date = date_text(day, local, date_form, label)
            published = local.replace(second=0, microsecond=0).isoformat()
        else:
            printed_date = date_text(day, None, "long" if date_form == "edition" else date_form, "")
            published = day.isoformat()
            features["date_time"] = "False"
    else:
        features["date_form"] = "none"
        features["date_time"] = "False"
    edition_line = layout.edition_line or (date_form == "edition" and printed_date is not None)
    features["edition_line"] = str(edition_line)

    caption = article.captions[0] if article.captions else None
    photo = layout.photo if caption else "none"
    features["photo"] = photo
    if photo == "none":
        features["caption_place"] = features["credit"] = "none"

    pull = _pull_quote(paragraphs, rng) if layout.pull_quote else None
    features["pull_quote"] = str(pull is not None)
    features["subheads"] = (
        layout.subheads if any(kind == "subhead" for kind, _ in blocks) else "none"
    )

    links = article.links[:4] if layout.links != "none" else []
    features["links"] = layout.links if links else "none"
    bio = article.bio if layout.bio != "none" else None
    features["bio"] = layout.bio if bio else "none"

    # -- the page's HTML --------------------------------------------------------------
    parts: list[str] = []
    if edition_line:
        edition_date = printed_date if date_form == "edition" and printed_date else ""
        bits = [
            publication,
            edition_date,
            rng.choice(("Late Edition", "Final", "Vol. CLXX No. 59,123")),
        ]
        parts.append(f'<div class="edition">{" · ".join(_esc(b) for b in bits if b)}</div>')
    if layout.over_headline == "kicker":
        parts.append(f'<div class="kicker">{_esc(section)}</div>')
    elif layout.over_headline == "section":
        parts.append(f'<div class="section">{_esc(section.upper())}</div>')
    # Where the date goes: in the edition line, above the headline, beside a byline that
    # stands under the headline, or on a line of its own under the byline and dek.
    date_place = "none"
    if printed_date:
        date_place = "edition-line" if date_form == "edition" else layout.date_place
        if date_place == "with-byline" and (not byline or layout.byline_place == "end"):
            date_place = "own-line"
    features["date_place"] = date_place
    dateline = f'<div class="dateline">{_esc(printed_date or "")}</div>'
    if date_place == "above-headline":
        parts.append(dateline)
    parts.append(f"<h1>{_esc(headline)}</h1>")
    byline_html = ""
    if byline:
        text = f"{byline} | {printed_date}" if date_place == "with-byline" else byline
        byline_html = f'<div class="byline">{_esc(text)}</div>'
    if layout.byline_place == "after-headline" and byline_html:
        parts.append(byline_html)
    if dek:
        parts.append(f'<div class="dek">{_esc(dek)}</div>')
    if layout.byline_place == "after-dek" and byline_html:
        parts.append(byline_html)
    if date_place == "own-line":
        parts.append(dateline)

    figure = ""
    truth_captions: list[dict[str, Any]] = []
    if caption is not None and photo != "none":
        credit = str(caption.get("credit") or "")
        text = str(caption["text"])
        credit_html = ""
        if layout.credit == "parens" and credit:
            caption_html = f"{_esc(text)} ({_esc(credit)})"
        elif layout.credit == "slash" and credit:
            credit = credit if "/" in credit else f"{credit}/{agency}"
            caption_html = f"{_esc(text)} {_esc(credit)}"
        elif layout.credit == "caps" and credit:
            credit = credit.upper()
            caption_html = f"{_esc(text)} PHOTO: {_esc(credit)}"
        else:
            caption_html = _esc(text)
            if credit:
                credit_html = f'<div class="credit">{_esc(credit)}</div>'
        image = f'<img src="{photo_data_uri(layout.seed)}" alt="">'
        cap = f"<figcaption>{caption_html}</figcaption>{credit_html}"
        inner = f"{cap}{image}" if layout.caption_place == "above" else f"{image}{cap}"
        figure = f'<figure class="{photo}">{inner}</figure>'
        truth_captions.append({"text": text, "credit": credit or None})
    if photo == "top":
        parts.append(figure)

    body: list[str] = []
    notes: list[str] = []
    # Link notes: each URL's mark after a paragraph that is not a subhead.
    anchors = {}
    prose_indices = [k for k, (kind, _) in enumerate(blocks) if kind == "p"]
    for n, url in enumerate(links):
        if prose_indices:
            anchors.setdefault(prose_indices[(n * 3 + 1) % len(prose_indices)], []).append(url)
    first_prose = True
    for k, (kind, text) in enumerate(blocks):
        if kind == "subhead":
            body.append(f'<h3 class="sub-{layout.subheads}">{_esc(text)}</h3>')
            continue
        marks = ""
        for url in anchors.get(k, []):
            if layout.links == "footnotes":
                marks += f'<span class="fn">{_esc(url)}</span>'
            else:
                notes.append(url)
                marks += f"<sup>{len(notes)}</sup>"
        css = "first" if first_prose else ""
        if first_prose and layout.drop_cap:
            css += f" drop{layout.drop_cap}"
        first_prose = False
        opening = _esc(text)
        if "drop" in css and text[:1].isalpha():
            # The initial set large and floated, as its own box: the text flows beside it.
            opening = f'<span class="initial">{_esc(text[0])}</span>{_esc(text[1:])}'
        body.append(f'<p class="{css.strip()}">{opening}{marks}</p>')
        if photo == "inside" and k == min(3, len(blocks) - 2):
            body.append(figure)
        if pull is not None and k == pull[0]:
            quoted = pull[1] if pull[1][:1] in '“"' else f"“{pull[1]}”"
            body.append(f'<blockquote class="pull">{_esc(quoted)}</blockquote>')
    if byline and layout.byline_place == "end":
        body.append(byline_html.replace('class="byline"', 'class="byline end"'))
    if bio:
        if layout.bio == "rule":
            body.append('<hr class="bio-rule">')
        body.append(f'<p class="bio {layout.bio}">{_esc(bio)}</p>')
    if notes:
        items = "".join(f"<li>{_esc(url)}</li>" for url in notes)
        body.append(f'<ol class="endnotes">{items}</ol>')

    page_css = _page_css(layout, publication, section, rng)
    css = _css(layout) + page_css
    lang = ' lang="en"'
    page = (
        f"<!doctype html><html{lang}><head><meta charset='utf-8'><style>{css}</style></head>"
        f"<body><header>{''.join(parts)}</header>"
        f"<main>{''.join(body)}</main></body></html>"
    )
    truth = {
        "title": headline,
        "dek": dek,
        "authors": list(authors),
        "published": published,
        "paragraphs": paragraphs,
        "captions": truth_captions,
        "bio": bio,
        "links": links,
        "annotated": [
            "title",
            "dek",
            "authors",
            "published",
            "paragraphs",
            "captions",
            "bio",
            "links",
        ],
    }
    return Composed(page, truth, features)


def _margin_box(position: str, where: str, content: str, side: str | None) -> str:
    """A CSS margin box (``@top-left`` ...) with ``content``; ``outside`` alternates."""
    if position == "outside":
        position = "left" if side == "left" else "right"
    return f"@{where}-{position} {{ content: {content}; }}"


def _page_css(layout: Layout, publication: str, section: str, rng: random.Random) -> str:
    """Page size, margins, running heads and feet, page numbers and jump lines."""
    width, height = PAGE_SIZES[layout.page]
    letter = section[0].upper()
    label = {
        "plain": "counter(page)",
        "page": '"Page " counter(page)',
        "section": f'"{letter}" counter(page)',
    }[layout.page_label]
    head_text = '"' + rng.choice((publication, section, publication.upper())) + '"'
    foot_text = '"' + rng.choice((publication, section.upper(), "")) + '"'
    rules = []
    for side in ("left", "right"):
        boxes = []
        head_pos = layout.running_head
        foot_pos = layout.running_foot
        head = head_text if head_pos != "none" else None
        foot = foot_text if foot_pos != "none" and foot_text != '""' else None
        if layout.page_number in ("head", "both"):
            head = f'{head} "  ·  " {label}' if head else label
            head_pos = head_pos if head_pos != "none" else "center"
        if layout.page_number in ("foot", "both"):
            foot = f'{foot} "  |  " {label}' if foot else label
            foot_pos = foot_pos if foot_pos != "none" else "center"
        if head:
            boxes.append(_margin_box(head_pos, "top", head, side))
        if foot:
            boxes.append(_margin_box(foot_pos, "bottom", foot, side))
        rules.append(f"@page :{side} {{ {' '.join(boxes)} }}")
    margin = layout.margin_mm
    out = [
        f"@page {{ size: {width}mm {height}mm; margin: {margin + 4}mm {margin}mm;"
        f" font-family: '{layout.body_font}'; font-size: {layout.body_pt - 1}pt; }}",
        *rules,
    ]
    if layout.jump_lines:
        target = f"{letter}{rng.randint(2, 24)}"
        out.append(f'@page :first {{ @bottom-left {{ content: "Continued on Page {target}"; }} }}')
        out.append(f'@page :nth(2) {{ @top-left {{ content: "Continued from Page {letter}1"; }} }}')
    return "\n".join(out)


def _css(layout: Layout) -> str:
    """The type: body, headline, labels, columns, captions, pull quote, drop caps."""
    pt = layout.body_pt
    lead = round(pt * 1.3, 2)
    indent = "1.3em" if layout.paragraph_mark in ("indent", "both") else "0"
    space = "0.55em" if layout.paragraph_mark in ("space", "both") else "0"
    align = "justify" if layout.justify else "left"
    hyphens = "auto" if layout.hyphenate else "manual"
    subhead = {
        "bold": "font-weight: bold;",
        "caps": "letter-spacing: 0.04em; font-size: 0.9em;",
        "italic": "font-style: italic; font-weight: bold;",
    }[layout.subheads]
    return f"""
body {{ font-family: '{layout.body_font}'; font-size: {pt}pt; line-height: {lead}pt; }}
header {{ margin-bottom: 5mm; }}
h1 {{ font-family: '{layout.headline_font}'; font-size: {round(pt * layout.headline_scale, 1)}pt;
      line-height: 1.12; margin: 2mm 0 3mm; font-weight: bold; }}
.edition {{ font-size: 0.85em; border-bottom: 1.5pt solid black; padding-bottom: 1mm;
            margin-bottom: 3mm; text-transform: uppercase; letter-spacing: 0.05em; }}
.kicker {{ font-variant: small-caps; color: #a00; font-size: 1.1em; }}
.section {{ font-weight: bold; letter-spacing: 0.12em; border-bottom: 0.6pt solid #555;
            font-size: 0.9em; }}
.dek {{ font-size: 1.3em; line-height: 1.3; margin: 2mm 0 3mm; color: #222; }}
.byline, .dateline {{ font-size: 0.9em; margin: 1mm 0; }}
.byline.end {{ text-align: right; font-style: italic; margin-top: 3mm; }}
main {{ columns: {layout.columns}; column-gap: 5mm; text-align: {align}; hyphens: {hyphens}; }}
p {{ margin: 0 0 {space}; text-indent: {indent}; orphans: 2; widows: 2; }}
p.first {{ text-indent: 0; }}
h3 {{ font-size: 1em; margin: 3mm 0 1mm; {subhead} }}
figure {{ margin: 2mm 0 4mm; }}
figure.top {{ width: 100%; }}
img {{ width: 100%; }}
figure.inside img, figure.top img {{ width: {100 if layout.columns > 1 else 65}%; }}
figcaption, .credit {{ font-size: 0.8em; line-height: 1.25;
                       font-family: '{layout.headline_font}'; }}
.credit {{ text-align: right; font-size: 0.7em; }}
blockquote.pull {{ font-size: 1.5em; line-height: 1.25; margin: 3mm 0; padding: 2mm 0;
                   border-top: 1pt solid; border-bottom: 1pt solid; text-align: left; }}
p.drop1 .initial {{ font-size: 1.8em; font-weight: bold; }}
p.drop2 .initial {{ float: left; font-size: {lead * 2 * 0.95}pt; line-height: {lead * 2}pt;
                   margin: 0 1mm 0 0; }}
p.drop3 .initial {{ float: left; font-size: {lead * 3 * 0.95}pt; line-height: {lead * 3}pt;
                   margin: 0 1mm 0 0; }}
hr.bio-rule {{ border: none; border-top: 0.6pt solid; margin: 4mm 0 2mm; }}
p.bio {{ text-indent: 0; margin-top: 3mm; }}
p.bio.italic {{ font-style: italic; }}
.fn {{ float: footnote; font-size: 0.75em; }}
/* An address is never hyphenated: a long one breaks anywhere, with no hyphen added. */
.fn, ol.endnotes {{ hyphens: manual; overflow-wrap: anywhere; }}
::footnote-call {{ font-size: 0.7em; vertical-align: super; }}
ol.endnotes {{ font-size: 0.8em; padding-left: 5mm; text-align: left; }}
"""


def render(page_html: str) -> tuple[bytes, dict[str, int]]:
    """The PDF of the page, and what the layout engine measured: pages, headline lines."""
    from weasyprint import HTML

    document = HTML(string=page_html).render()
    measured = {"pages": len(document.pages), "headline_lines": _lines_of(document, "h1")}
    return document.write_pdf(), measured


def _lines_of(document: Any, tag: str) -> int:
    """How many lines the first ``tag`` element was set on (WeasyPrint's box tree)."""
    from weasyprint.formatting_structure import boxes

    def walk(box: Any) -> int | None:
        if getattr(box, "element_tag", None) == tag and isinstance(box, boxes.BlockBox):
            return sum(1 for child in box.children if isinstance(child, boxes.LineBox))
        for child in getattr(box, "children", []):
            found = walk(child)
            if found is not None:
                return found
        return None

    for page in document.pages:
        found = walk(page._page_box)
        if found is not None:
            return found
    return 0
