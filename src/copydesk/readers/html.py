"""Reader for HTML pages: the article found by trafilatura, its fields read from the page.

An HTML page already says what the article's paragraphs, headline and links are; what it
does not say is which part of the page is the article. trafilatura finds that part (its
body tree: ``p``, ``head``, ``list``/``item``, ``quote``, ``table``, ``code``, ``ref``,
``graphic``) and reads the page's metadata. This reader turns each block of that tree into
one paragraph, and reads from the page itself what trafilatura leaves out or gets only in
part: every name of a byline (``By Jane Doe and John Roe``), the publication time with its
offset, photo captions with their credits, and a standfirst printed under the headline.

The draft it makes has the paragraphs, one per line, as its source text: offsets of later
edits point into that text, not into the HTML. The stages that look for structure in flat
text (furniture, front matter, the article inside a printed page, ...) are not run.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice
from typing import Any
from urllib.parse import urljoin, urlsplit

from copydesk.dates import find_date, is_dateline
from copydesk.draft import Draft, Medium
from copydesk.errors import EmptyInputError, InputError, NotTextError
from copydesk.model import Caption
from copydesk.names import MAX_LINE_WORDS, parse_byline
from copydesk.readers.text import decode, read_text
from copydesk.shapes import CREDIT_LABEL, trailing_credit

__all__ = ["read_html"]

STAGES = frozenset({"unicode", "paragraphs", "lists", "words"})

ARTICLE_SHARE = 0.8  # of the body's text, held by the page element that is the article
FRONT_BLOCKS = 4  # leading blocks searched for a repeated headline, byline or dateline
BYLINE_TAIL_WORDS = 8  # after a byline paragraph's names: a date and a place, not a sentence
DEK_WORDS = (4, 80)  # a standfirst is a sentence or two, never a heading or an essay

_WS = re.compile(r"\s+")
_LB = "\x00"  # stands for a <br> while a block's text is put together: never in page text
_PARA_MARK = "\ue000"  # two <br> in a row on the page (see _mark_paragraph_breaks)
_DOUBLE_LB = re.compile(r"\x00\s*\x00[\s\x00]*")  # two <br> in a row part a paragraph
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# What browsers read for these labels (WHATWG Encoding): pages labelled Latin-1 are cp1252.
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}

# Page elements whose text may be one block of the body.
_TEXT_TAGS = frozenset(
    {"p", "li", "pre", "blockquote", "td", "h2", "h3", "h4", "h5", "h6", "div", "dd"}
)
# Tags of trafilatura's body tree that only hold other blocks.
_CONTAINERS = frozenset({"body", "div", "quote", "list", "table", "section", "note"})
# Page regions that are not the article, whatever they hold.
_OFF_ARTICLE_TAGS = frozenset({"nav", "aside", "footer", "script", "style", "noscript", "form"})
_OFF_ARTICLE_CLASS = re.compile(r"related|recommend|promo|newsletter|share|social|comment", re.I)
_MARK_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# Words of the class or id of a standfirst, and of a byline (which is not one).
_DEK_MARKS = frozenset(
    {"dek", "deck", "standfirst", "strapline", "subtitle", "subhead", "subheadline"}
    | {"summary", "excerpt", "description", "intro", "lede", "teaser"}
)
_BYLINE_MARKS = frozenset({"byline", "author", "authors", "contributor", "writer", "by"})
_NOT_DEK_TAGS = frozenset({"meta", "script", "style", "time", "figcaption", "figure", "a"})
_BLOCK_TAGS = frozenset(
    {"p", "div", "section", "header", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6"}
    | {"figure", "table", "blockquote"}
)
_CAPTION_HINT = re.compile(r"caption", re.I)
_CREDIT_HINT = re.compile(r"credit|copyright|photographer|attribution|source|byline", re.I)
_PUBLISHED_KEYS = (
    "article:published_time",
    "og:published_time",
    "article:published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "date",
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(slots=True)
class Block:
    """One paragraph of the article as the page set it: its text and the links in it."""

    text: str
    links: list[str] = field(default_factory=list)


def read_html(data: bytes, name: str = "input") -> Draft:
    """Read the article of an HTML page into a draft whose structure is already known.

    Raises :class:`~copydesk.errors.EmptyInputError` for a page without article text and
    :class:`~copydesk.errors.NotTextError` for bytes that no HTML parser can read, each with
    a message that says what to give instead.
    """
    text = decode_html(data, name)
    tree = _parse(text, name)
    document = _extract(tree, name)
    if document is None:
        raise EmptyInputError(_no_text(name))
    base = _base_url(tree, _attr(document, "url"))
    blocks = body_blocks(document.body, base)
    title = _title(tree, _attr(document, "title"))

    scope = _article_scope(tree, blocks, title)
    kept = _article_end(blocks, scope)
    blocks, scope = blocks[:kept], scope.narrowed(kept)
    captions, caption_keys = _captions(tree, scope, document.body, base)
    dek = _dek(tree, scope, title, _attr(document, "description"), blocks)
    byline_names = _page_byline(tree, scope)
    published = _published(tree, scope) or _iso(_attr(document, "date"))

    blocks, front_names, front_date = _strip_front(blocks, title)
    caption_keys |= {_key(c.text) for c in captions}
    blocks = [b for b in blocks if _key(b.text) not in caption_keys]
    if not blocks:
        raise EmptyInputError(_no_text(name))

    source = "\n\n".join(block.text for block in blocks)
    draft = read_text(source)
    draft.facts.medium = Medium.HTML
    draft.facts.one_paragraph_per_line = True
    draft.stages = STAGES
    draft.title = title
    draft.dek = dek
    draft.authors = byline_names or front_names or split_authors(_attr(document, "author"))
    draft.published = published or front_date
    draft.captions = captions
    draft.links = _dedup(url for block in blocks for url in block.links)
    return draft


def _no_text(name: str) -> str:
    return (
        f"{name}: no article text found in this HTML page; give the article's own page, or its text"
    )


# -- decoding and parsing -------------------------------------------------------------------


def decode_html(data: bytes, name: str = "input") -> str:
    """Decode an HTML page the way a browser would: a BOM, then the page's declared charset,
    then UTF-8, then a guess.

    A page declares its encoding inside itself, and that declaration is right far more often
    than any guess from the bytes; a page labelled Latin-1 is read as cp1252, as browsers do.

    >>> decode_html(b'<meta charset="iso-8859-1"><p>Caf\\xe9 \\x93ok\\x94')
    '<meta charset="iso-8859-1"><p>Café “ok”'
    >>> decode_html("<p>Lévy".encode())
    '<p>Lévy'
    """
    if not data.strip():
        raise EmptyInputError(f"{name} is empty: give the article's HTML page, or its text")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    declared = _declared_charset(data)
    if declared is not None:
        return data.decode(declared, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode(data, name)


def _declared_charset(data: bytes) -> str | None:
    """The codec a page names in its ``<meta charset>`` (or ``http-equiv``), if Python
    knows it and it can be read from ASCII-compatible bytes."""
    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    label = match.group(1).decode("ascii", errors="replace").lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    # A page whose bytes let us read its meta tag as ASCII is not UTF-16/32, whatever it says.
    return None if codec.startswith(("utf-16", "utf-32")) else codec


def _parse(text: str, name: str) -> Any:
    """The page as an lxml tree; an unreadable page is an input error, not a traceback."""
    from trafilatura.utils import load_html

    # lxml refuses a str that still carries an XML encoding declaration; the text is
    # decoded already, so the declaration says nothing any more.
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        tree = load_html(text)
    except Exception as exc:  # lxml and trafilatura raise many kinds; all mean the same
        raise NotTextError(f"{name}: cannot parse it as HTML ({exc}); give its text") from exc
    if tree is None or not _clean(tree.text_content()):
        raise EmptyInputError(_no_text(name))
    _mark_paragraph_breaks(tree)
    return tree


def _mark_paragraph_breaks(tree: Any) -> None:
    """Mark where two ``<br>`` in a row part paragraphs, as older pages part them.

    trafilatura keeps one line break of the two inside a paragraph, and one line break is
    only a turn of the line: a mark in the text (a private-use character, which nothing
    else on the page uses and which :func:`_key` ignores) keeps the paragraph break.
    """
    for br in tree.iter("br"):
        previous = br.getprevious()
        if previous is None or previous.tag != "br" or (previous.tail or "").strip():
            continue
        br.tail = _PARA_MARK + (br.tail or "")


def _extract(tree: Any, name: str) -> Any:
    """trafilatura's document for the page (body tree and metadata), or None without text."""
    from trafilatura import bare_extraction

    try:
        return bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=True,
            include_links=True,
            favor_precision=True,
        )
    except Exception as exc:  # a page trafilatura chokes on is still the user's input error
        raise InputError(
            f"{name}: cannot find the article in this HTML page ({type(exc).__name__}); "
            "give the article's text instead"
        ) from exc


def _attr(document: Any, key: str) -> str:
    value = getattr(document, key, None)
    return value if isinstance(value, str) else ""


# -- the body -------------------------------------------------------------------------------


def body_blocks(body: Any, base: str | None = None) -> list[Block]:
    """The paragraphs of trafilatura's body tree, in reading order.

    A paragraph, subhead, code block and table row is one block each; a list gives a block
    per item, a quote a block per paragraph in it. Two ``<br>`` in a row inside a paragraph
    part it, as they do on the page; one ``<br>`` is a space.

    >>> from lxml import etree
    >>> body = etree.fromstring(
    ...     '<body><head>Sub</head><p>One <ref target="/a">link</ref>.<lb/><lb/>Two'
    ...     '</p><list><item>x</item><item>y</item></list></body>')
    >>> [(b.text, b.links) for b in body_blocks(body, "https://ex.org/s/p")]
    [('Sub', []), ('One link.', ['https://ex.org/a']), ('Two', []), ('x', []), ('y', [])]
    """
    return [block for block in _walk(body, base) if block.text]


def _walk(element: Any, base: str | None) -> Iterator[Block]:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "graphic":
        return
    if tag in _CONTAINERS or (tag == "item" and _has_blocks(element)):
        # Text set straight inside a container (a quote without <p>) is a block of its own.
        if element.text and element.text.strip():
            yield Block(_clean(element.text))
        for child in element:
            yield from _walk(child, base)
            if child.tail and child.tail.strip():
                yield Block(_clean(child.tail))
        return
    if tag == "row":
        cells = [_inline(cell, base) for cell in element]
        yield Block(
            _clean(" ".join(" ".join(pieces) for pieces, _ in cells)),
            [url for _, links in cells for url in links],
        )
        return
    pieces, links = _inline(element, base)
    for piece in pieces:
        # The links go with the first piece: which piece held which is lost, and it matters
        # only for their order.
        yield Block(piece, links)
        links = []


def _has_blocks(element: Any) -> bool:
    return any(child.tag in ("list", "p", "quote", "table") for child in element)


def _inline(element: Any, base: str | None) -> tuple[list[str], list[str]]:
    """The text of one block, parted where two ``<lb/>`` meet, and the links in it."""
    parts: list[str] = []
    links: list[str] = []

    def visit(el: Any) -> None:
        if el.tag == "lb":
            parts.append(_LB)
        elif el.tag == "ref":
            url = _absolute(el.get("target"), base)
            if url is not None:
                links.append(url)
        if el.text and el.tag != "lb":
            parts.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                visit(child)
            if child.tail:
                parts.append(child.tail)
        if el.tag in ("cell", "item"):
            parts.append(" ")

    visit(element)
    pieces = _DOUBLE_LB.split("".join(parts).replace(_PARA_MARK, _LB + _LB))
    return [text for piece in pieces if (text := _clean(piece.replace(_LB, " ")))], links


def _absolute(url: str | None, base: str | None) -> str | None:
    """A link's absolute http(s) URL, or None for anchors, mail and script links.

    >>> _absolute("/a?b=1#c", "https://ex.org/x/y"), _absolute("#top", "https://ex.org/")
    ('https://ex.org/a?b=1#c', None)
    >>> _absolute("mailto:a@b.c", None), _absolute("rel/page", None)
    (None, None)
    """
    if not url or url.startswith("#"):
        return None
    url = url.strip()
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return url


def _base_url(tree: Any, page_url: str) -> str | None:
    """What relative links on the page resolve against: ``<base href>``, else the page's
    own (canonical) URL."""
    for base in tree.iter("base"):
        href = base.get("href")
        if href:
            return urljoin(page_url, str(href).strip())
    return page_url or None


def _title(tree: Any, extracted: str) -> str | None:
    """trafilatura's title, or the page's headline where that title still carries the
    site's name around it (``Headline | Site``)."""
    title = _clean(extracted)
    key = _key(title)
    for h1 in islice(tree.iter("h1"), 3):
        text = _clean(h1.text_content())
        head = _key(text)
        if (
            len(head.split()) >= 2
            and head != key
            and (key.startswith(head + " ") or key.endswith(" " + head))
        ):
            return text
    return title or None


def _strip_front(
    blocks: list[Block], title: str | None
) -> tuple[list[Block], list[str], str | None]:
    """Take the headline, byline and dateline off the head of the body, where the page set
    them inside the article; return the byline's names and the date too."""
    names: list[str] = []
    when: str | None = None
    dropped: set[int] = set()
    for i, block in enumerate(blocks[:FRONT_BLOCKS]):
        key = _key(block.text)
        if title and key == _key(title):
            dropped.add(i)
            continue
        byline = parse_byline(block.text)
        if byline is not None and len(block.text[byline.end :].split()) <= BYLINE_TAIL_WORDS:
            names = names or byline.names
            found = find_date(block.text[byline.end :])
            when = when or (found.iso if found else None)
            dropped.add(i)
            continue
        if is_dateline(block.text):
            found = find_date(block.text)
            when = when or (found.iso if found else None)
            dropped.add(i)
            continue
        if len(block.text.split()) > MAX_LINE_WORDS:
            break  # the text has started
    return [b for i, b in enumerate(blocks) if i not in dropped], names, when


# -- where the article is on the page -------------------------------------------------------


@dataclass(slots=True)
class Scope:
    """Where the article is on the page: the page element of each body block, and the
    stretch of the page (in document order) from the headline to the last of them."""

    order: dict[Any, int]
    elements: list[Any]  # per body block, its page element (None where not found)
    headline: Any  # the page's <h1> that holds the title, or None
    start: int = 0
    end: int = -1
    anchor: Any = None  # the page element of the first body block found, or None

    def __post_init__(self) -> None:
        found = [e for e in self.elements if e is not None]
        if not found:
            self.start, self.end, self.anchor = 0, len(self.order), None
            return
        self.anchor = found[0]
        first = self.order[found[0]]
        if self.headline is not None and self.order[self.headline] < first:
            first = self.order[self.headline]
        last = max(found, key=self.order.__getitem__)
        self.start, self.end = first, self.last_inside(last)

    def last_inside(self, element: Any) -> int:
        """The document position of the last element inside ``element``."""
        return self.order[element] + sum(1 for _ in element.iter()) - 1

    def holds(self, element: Any) -> bool:
        return self.start <= self.order.get(element, -1) <= self.end

    def narrowed(self, count: int) -> Scope:
        """The scope of the first ``count`` body blocks only."""
        if count == len(self.elements):
            return self
        return Scope(self.order, self.elements[:count], self.headline)


def _article_scope(tree: Any, blocks: list[Block], title: str | None) -> Scope:
    """Find the body's paragraphs on the page, and the headline above them.

    Captions, the byline and the standfirst are read from the page inside this stretch
    only: related stories and teasers around it carry their own.
    """
    order: dict[Any, int] = {}
    texts: dict[str, Any] = {}
    headline: Any = None
    title_key = _key(title) if title else ""
    for i, element in enumerate(tree.iter()):
        order[element] = i
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _TEXT_TAGS:
            if tag == "div" and any(isinstance(c.tag, str) for c in element):
                continue
            texts.setdefault(_key(element.text_content()), element)
        elif tag == "h1" and headline is None and _key(element.text_content()) == title_key:
            headline = element
    return Scope(order, [texts.get(_key(b.text)) for b in blocks], headline)


def _article_end(blocks: list[Block], scope: Scope) -> int:
    """How many blocks the article has: trafilatura sometimes carries on past its end
    into teasers of other stories.

    The article is the deepest page element that holds most of the body's text; blocks at
    the end of the body that the page sets after that element ("Other columns", a teaser's
    standfirst) are other stories. Only the tail is trimmed: a lede set apart above the
    text's element is still the article.
    """
    total = 0
    weight: dict[Any, int] = {}
    for block, element in zip(blocks, scope.elements, strict=True):
        if element is None:
            continue
        total += len(block.text)
        for holder in (element, *element.iterancestors()):
            weight[holder] = weight.get(holder, 0) + len(block.text)
    holders = [e for e, w in weight.items() if w >= ARTICLE_SHARE * total]
    if not holders:
        return len(blocks)
    article = max(holders, key=scope.order.__getitem__)  # they nest: the deepest
    end = scope.last_inside(article)
    keep = len(blocks)
    outside = False
    for i in range(len(blocks) - 1, -1, -1):
        element = scope.elements[i]
        if element is not None and scope.order[element] <= end:
            break
        keep = i
        outside = outside or element is not None
    return keep if outside else len(blocks)


def _off_article(element: Any) -> bool:
    """Inside navigation, an aside, a footer or a related-stories box."""
    for el in element.iterancestors():
        if el.tag in _OFF_ARTICLE_TAGS:
            return True
        if _OFF_ARTICLE_CLASS.search(el.get("class", "") or ""):
            return True
    return False


# -- fields read from the page --------------------------------------------------------------


def _page_byline(tree: Any, scope: Scope) -> list[str]:
    """The names of the byline printed on the page (``By Jane Doe and John Roe``).

    trafilatura keeps the first author link of a shared byline only; the printed byline
    names everyone. The first element marked as a byline whose text reads as one wins:
    inside the article's stretch, else the last one above it (a headline the title did not
    match leaves the stretch starting at the text). Bylines further down are other stories'.
    """
    above: list[str] = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("meta", "link", "script"):
            continue
        if scope.order.get(element, -1) > scope.end:
            break
        if not _marks(element, "class", "id", "rel", "itemprop") & _BYLINE_MARKS:
            continue
        text = _clean(element.text_content())
        if not text or len(text.split()) > MAX_LINE_WORDS:
            continue
        byline = parse_byline(text)
        if byline is None:
            continue
        if scope.holds(element):
            return byline.names
        above = byline.names
    return above


def split_authors(text: str) -> list[str]:
    """trafilatura's author string (``A; B``) as a list of names.

    >>> split_authors("Jane Doe; John Roe"), split_authors("")
    (['Jane Doe', 'John Roe'], [])
    >>> split_authors("By Jane Doe and John Roe")
    ['Jane Doe', 'John Roe']
    """
    names: list[str] = []
    for part in text.split(";"):
        part = _clean(part)
        if not part:
            continue
        byline = parse_byline(part if part.lower().startswith("by ") else f"By {part}")
        names.extend(byline.names if byline is not None else [part])
    return _dedup(names)


def _published(tree: Any, scope: Scope) -> str | None:
    """The publication date (with its time and offset where the page gives them).

    trafilatura gives the day only; the page's metadata (``article:published_time``,
    schema.org ``datePublished``, a ``<time datetime>`` in the article) often gives the
    minute and the zone too. Times elsewhere on the page are other stories': where the page
    has none of these, trafilatura's day is the answer.
    """
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = meta.get("content")
        if key and content and key not in metas:
            metas[key] = content
    for key in _PUBLISHED_KEYS:
        if key in metas and (iso := _iso(metas[key])):
            return iso
    for value in _json_ld_values(tree, "datePublished"):
        if iso := _iso(value):
            return iso
    times = [t for t in tree.iter("time") if t.get("datetime")]
    marked = [t for t in times if (t.get("itemprop") or "").lower() == "datepublished"]
    for element in marked + [t for t in times if scope.holds(t)]:
        if iso := _iso(element.get("datetime")):
            return iso
    return None


def _json_ld_values(tree: Any, key: str) -> Iterator[str]:
    """Every string value of ``key`` in the page's JSON-LD blocks, in order."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        yield from _find_key(data, key)


def _find_key(data: object, key: str) -> Iterator[str]:
    if isinstance(data, dict):
        value = data.get(key)
        if isinstance(value, str):
            yield value
        for child in data.values():
            yield from _find_key(child, key)
    elif isinstance(data, list):
        for child in data:
            yield from _find_key(child, key)


def _iso(value: str | None) -> str | None:
    """A machine-readable date as ISO 8601: the day alone, or with time and offset.

    >>> _iso("2021-08-23T12:56:00-04:00"), _iso("2021-08-23T16:56:00.000Z")
    ('2021-08-23T12:56:00-04:00', '2021-08-23T16:56:00+00:00')
    >>> _iso("2021-08-23"), _iso("2021-08-23 12:56"), _iso("Aug 23"), _iso("2021-02-30")
    ('2021-08-23', '2021-08-23T12:56:00', None, None)
    """
    if not value:
        return None
    value = value.strip()
    match = _ISO_DATE.match(value)
    if match is None:
        return None
    try:
        day = date.fromisoformat(match.group())
    except ValueError:
        return None
    if len(value) == match.end():
        return day.isoformat()
    try:
        return datetime.fromisoformat(value).isoformat(timespec="seconds")
    except ValueError:
        return day.isoformat()  # a time in a shape Python does not read: the day is sure


def _dek(
    tree: Any, scope: Scope, title: str | None, description: str, blocks: list[Block]
) -> str | None:
    """The standfirst printed between the headline and the text, if the page has one.

    The meta description is often a summary written for search engines, or the first
    paragraph again: it counts only when the page prints it above the text. An element
    marked as a standfirst (``dek``, ``standfirst``, ``subtitle``...) counts as well. Text
    that trafilatura took into the body is the body's (a lede set in bold, say).
    """
    if scope.anchor is None:
        return None
    description_key = _key(description) if description else ""
    title_key = _key(title) if title else ""
    body_keys = {_key(block.text) for block in blocks}
    start = scope.order[scope.anchor]
    for element in tree.iter():
        at = scope.order.get(element, -1)
        if at < scope.start:
            continue
        if at >= start:
            break
        if not isinstance(element.tag, str) or element.tag in _NOT_DEK_TAGS:
            continue
        if any(child.tag in _BLOCK_TAGS for child in element):
            continue  # a box around the byline, the date and the standfirst together
        text = _clean(element.text_content())
        key = _key(text)
        if not key or key in (title_key, *body_keys):
            continue
        if not DEK_WORDS[0] <= len(text.split()) <= DEK_WORDS[1]:
            continue
        marks = _marks(element, "class", "id", "itemprop")
        if key != description_key and not (marks & _DEK_MARKS):
            continue
        if marks & _BYLINE_MARKS or _off_article(element) or _in_figure(element):
            continue
        if parse_byline(text) is None and not is_dateline(text):
            return text
    return None


def _marks(element: Any, *attributes: str) -> frozenset[str]:
    """The words of an element's class, id and such, camel case undone; words joined by a
    dash or an underscore count joined too (``sub-title`` is a ``subtitle``).

    >>> from lxml import html
    >>> sorted(_marks(html.fromstring('<p class="ArticleSubtitle sub-head">'), "class"))
    ['article', 'articlesubtitle', 'head', 'sub', 'subhead', 'subtitle']
    """
    value = " ".join(element.get(a) or "" for a in attributes)
    joined = re.sub(r"(?<=[a-z])[-_](?=[a-z])", "", value.lower())
    words = _MARK_WORD.findall(value) + joined.split()
    return frozenset(w.lower() for w in words)


def _in_figure(element: Any) -> bool:
    return any(el.tag in ("figure", "figcaption") for el in (element, *element.iterancestors()))


def _captions(
    tree: Any, scope: Scope, body: Any, base: str | None
) -> tuple[list[Caption], set[str]]:
    """The captions of the article's pictures, each with its credit where one is set, and
    the text of each caption element as it stands (to know it again in the body).

    trafilatura keeps a picture's address but not its caption: the captions are read from
    the page, where a ``<figcaption>`` (or an element marked as a caption) lies inside the
    article's stretch, or belongs to a picture trafilatura kept.
    """
    kept = {
        url
        for graphic in body.iter("graphic")
        if (url := _absolute(graphic.get("src"), base)) is not None
    }
    captions: list[Caption] = []
    keys: set[str] = set()
    taken: list[Any] = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag != "figcaption" and not _CAPTION_HINT.search(element.get("class", "") or ""):
            continue
        if any(element in t.iter() for t in taken) or _off_article(element):
            continue
        if not (scope.holds(element) or _shows_kept_image(element, kept, base)):
            continue
        caption = split_caption(element)
        if caption is not None:
            taken.append(element)
            captions.append(caption)
            keys.add(_key(element.text_content()))
    seen: set[str] = set()
    unique = []
    for caption in captions:
        if _key(caption.text) not in seen:
            seen.add(_key(caption.text))
            unique.append(caption)
    return unique, keys


def _shows_kept_image(caption: Any, kept: set[str], base: str | None) -> bool:
    figure = caption.getparent()
    if figure is None or not kept:
        return False
    return any(_absolute(img.get("src"), base) in kept for img in figure.iter("img"))


def split_caption(element: Any) -> Caption | None:
    """A caption element's text and credit: the credit is a part marked as one (``<span
    class="credit">``, ``<cite>``, ``<small>``), or a trailing ``Photo: NAME``.

    >>> from lxml import html
    >>> split_caption(html.fromstring(
    ...     '<figcaption>A dock. <span class="credit">Photo: M. Santos</span></figcaption>'))
    Caption(text='A dock.', credit='M. Santos')
    >>> split_caption(html.fromstring('<figcaption>A dock. (Photo: AP)</figcaption>'))
    Caption(text='A dock.', credit='AP')
    >>> split_caption(html.fromstring('<figcaption>The pier at dusk</figcaption>'))
    Caption(text='The pier at dusk', credit=None)
    """
    credit_parts: list[str] = []
    text_parts: list[str] = []

    def visit(el: Any, in_credit: bool) -> None:
        marks = " ".join(el.get(a, "") or "" for a in ("class", "itemprop"))
        in_credit = in_credit or el.tag in ("cite", "small") or bool(_CREDIT_HINT.search(marks))
        if el.tag in ("script", "style", "button") or "visually-hidden" in marks:
            (credit_parts if in_credit else text_parts).append(" ")
        else:
            if el.text:
                (credit_parts if in_credit else text_parts).append(el.text)
            for child in el:
                if isinstance(child.tag, str):
                    visit(child, in_credit)
                if child.tail:
                    (credit_parts if in_credit else text_parts).append(child.tail)
        (credit_parts if in_credit else text_parts).append(" ")

    visit(element, False)
    text = _clean("".join(text_parts))
    credit = _clean("".join(credit_parts))
    if not credit and (found := trailing_credit(text)):
        text, credit = _clean(found[0]), _clean(found[1])
    credit = CREDIT_LABEL.sub("", credit).strip()
    if not text:
        return None
    return Caption(text=text, credit=credit or None)


# -- small helpers --------------------------------------------------------------------------


def _clean(text: str | None) -> str:
    """Text with every run of white space one space, and none at the ends."""
    return _WS.sub(" ", text.replace(_PARA_MARK, " ")).strip() if text else ""


def _key(text: str) -> str:
    """What two renderings of one text have in common: its words, case-folded.

    >>> _key("  The Pier,\\n at Dusk. ") == _key("the pier at dusk")
    True
    """
    return " ".join(re.findall(r"\w+", text.casefold()))


def _dedup(items: Iterable[str]) -> list[str]:
    """The items in order, each once."""
    return list(dict.fromkeys(items))
