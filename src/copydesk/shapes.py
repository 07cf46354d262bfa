"""Shapes of text that several readers and stages recognize: one vocabulary, defined once.

A list bullet, a drop cap, a hyphen at a line's end, a photo credit, a web address: each
is known by its shape wherever it stands, and each part of copydesk that looks for one
imports it from here, so that the readers and the stages never disagree about what a
bullet or a credit is.
"""

from __future__ import annotations

import re

# -- list items ------------------------------------------------------------------------------

#: The glyphs that typesetters and browsers draw as list bullets. The middle dot is one too:
#: text extraction turns many bullet fonts into it.
BULLET_GLYPHS = "•·◦▪▫■□●○‣⁃∙►▸"
#: Characters people type as bullets in plain text (``* item``, ``- item``, ``+ item``).
TYPED_BULLETS = "*-+"
_GLYPHS = re.escape(BULLET_GLYPHS)

#: A bullet glyph at the start of a line, with the space after it.
BULLET = re.compile(rf"^[{_GLYPHS}]\s*")
#: A list item: a list number (``1.``, ``2)``), a bullet glyph or a typed bullet, then space.
LIST_ITEM = re.compile(rf"^(?:\d{{1,3}}[.)]|[{_GLYPHS}*-])\s")
#: A list item typed as text: a number, or a typed bullet (``+ Added Slime Block``).
TYPED_ITEM = re.compile(rf"^(?:\d{{1,3}}[.)]|[{re.escape(TYPED_BULLETS)}])\s")
#: What a PDF draws apart from its item as a list marker: a bullet glyph, a dash, a number
#: or letter with its period or bracket.
LIST_MARKER = re.compile(rf"[{_GLYPHS}–—*-]|\(?(?:\d{{1,3}}|[a-zA-Z])[.)]|\(\d{{1,3}}\)")


# -- drop caps and hyphens -------------------------------------------------------------------

#: A drop cap's letter on a line of its own (with its quotation mark, or the apostrophe of
#: "I've" set as large).
DROP_CAP = re.compile(r"^[“\"‘']?[A-Z][’']?$")

#: pdfium's mark of a hyphen at a line's end that it cannot tell the word's own or the
#: typesetter's: the word stage settles it.
UNKNOWN_HYPHEN = "\ufffe"
#: Every character a line may end with where a word or a compound was broken.
HYPHENS = frozenset("-‐‑\u00ad\x02" + UNKNOWN_HYPHEN)
#: The soft hyphen, and pdfium's mark for a soft break: always the typesetter's.
SOFT_HYPHENS = frozenset("\u00ad\x02")

# -- photo credits ---------------------------------------------------------------------------

#: The words a credit starts with, lower-case: lines holding none of them hold no credit.
CREDIT_KEYS = ("photo", "credit", "image", "picture", "illustration")
_PICTURE = (
    r"(?:PHOTO(?:GRAPH)?|Photo(?:graph)?|IMAGE|Image|PICTURE|Picture|ILLUSTRATION|Illustration)"
)
_CREDIT_WORD = r"(?:Credit|CREDIT|Photo\s+credit|PHOTO\s+CREDIT)"

#: A labelled credit at the end of a line: ``PHOTO: NAME``, ``Photograph by: NAME``,
#: ``Credit NAME``, ``Photo credit | NAME``.
CREDIT = re.compile(
    rf"""(?:^|(?<=\s))(?:
        {_PICTURE}(?:\s+(?:credit|CREDIT|by|BY))?\s*[:|]
      | {_CREDIT_WORD}\s*[:|]?
    )\s*(?P<credit>\S.*?)\s*$""",
    re.VERBOSE,
)
#: A credit in brackets at the end of a caption: ``(Photo: NAME)``, ``(Photos by NAME)``.
PAREN_CREDIT = re.compile(
    r"\((?:Photo(?:graph)?|Image|Credit|Picture|Illustration)s?(?: by)?:?"
    r"\s*(?P<credit>[^()]+)\)\s*$"
)
#: An unlabelled credit at the end of a caption: a name or an agency in capitals in
#: brackets (``(WIKIPEDIA)``, ``(JANE DOE/AP)``), or a name and its agency around a slash
#: (``JANE DOE/REUTERS``, ``Jane Doe/AFP``, ``BBC NEWS/ Bloomberg`` across a line break).
#: Words before the slash are capitalized; a word ending in a period ends the caption's
#: sentence, not the credit (initials aside).
NAMED_CREDIT = re.compile(
    r"""(?:\((?P<bracketed>[A-Z][A-Z0-9 .,&'’/—–-]{3,80})\)
      | (?<![\w/])(?P<slashed>
          (?:[A-Z](?:[\w'’-]+|\.)\s+){0,4}[A-Z][\w'’-]*  # the name: capitalized words
          \s?/\s?[A-Z][\w.'’&-]*(?:,?\s+(?:[A-Z][\w.'’&-]*|[—–&]|via))*)  # the agency
    )\s*$""",
    re.VERBOSE,
)
#: A credit whose name went on to the next line: ``PHOTO:`` or ``Photo:`` at a line's end. A
#: mixed-case word without its colon is a word of the text (``..., Photo / Sparks Outrage``).
DANGLING_CREDIT = re.compile(r"(?:^|\s)(?:(?:PHOTO|CREDIT|IMAGE):?|(?:Photo|Credit|Image):)\s*$")
#: A photo's credit on a line of its own under it (``Photo by James Martin/CNET``).
CREDIT_LINE = re.compile(
    r"^(?i:(?:top |lead )?(?:photo(?:graph)?|image|picture|illustration)s?\s*(?:by|:)"
    r"|credit:)\s+[A-Z][^.!?]{1,60}$"
)
#: The label in front of a credit that a page marked as one (``Photo by``, ``Credit:``, ``©``).
CREDIT_LABEL = re.compile(
    r"^(?:(?:photo(?:graph)?|image|picture|illustration|video)s?(?:\s+credit)?(?:\s+by)?"
    r"|credits?|source|©)\s*[:|]?\s*",
    re.IGNORECASE,
)
CREDIT_WORDS = 12  # the most words of a photo credit: a longer "credit" is a sentence


def trailing_credit(text: str) -> tuple[str, str] | None:
    """Split a caption that ends with its credit into the caption and the credit.

    >>> trailing_credit("A dock at dusk. PHOTO: MARC ROUSSEL")
    ('A dock at dusk.', 'MARC ROUSSEL')
    >>> trailing_credit("A dock at dusk. (Photo: AP)")
    ('A dock at dusk.', 'AP')
    >>> trailing_credit("A dock at dusk.") is None
    True
    """
    match = CREDIT.search(text) or PAREN_CREDIT.search(text)
    if match is None:
        return None
    credit = match.group("credit").strip()
    if not 1 <= len(credit.split()) <= CREDIT_WORDS:
        return None
    return text[: match.start()].strip(), credit


NAMED_CREDIT_LETTERS = 5  # fewer capitals in brackets are an acronym of the text: (NASA)


def named_credit(text: str) -> tuple[str, str] | None:
    """Split a caption that ends with an unlabelled credit (see :data:`NAMED_CREDIT`)
    into the caption and the credit.

    >>> named_credit("Sony’s PlayStation VR. (YAHOO)")
    ('Sony’s PlayStation VR.', 'YAHOO')
    >>> named_credit("The president at the White House. JIM WATSON/AFP")
    ('The president at the White House.', 'JIM WATSON/AFP')
    >>> named_credit("fighting for gun laws BBC NEWS/ Bloomberg")
    ('fighting for gun laws', 'BBC NEWS/Bloomberg')
    >>> named_credit("said the agency (NASA)"), named_credit("a test of A/B")
    (None, None)
    >>> named_credit("maps the logic to LUT/FF cells and outputs a netlist.") is None
    True
    """
    match = NAMED_CREDIT.search(text)
    if match is None:
        return None
    credit = match.group("bracketed") or match.group("slashed") or ""
    if match.group("bracketed") and sum(ch.isalpha() for ch in credit) < NAMED_CREDIT_LETTERS:
        return None
    credit = re.sub(r"\s*/\s*", "/", credit.strip())
    caption = text[: match.start()].strip()
    if not caption or not 1 <= len(credit.split()) <= CREDIT_WORDS:
        return None
    if match.group("slashed") and len(credit.split("/")[0]) < 2:
        return None  # "A/B": a letter is no name
    return caption, credit


_SPACED_CAPS = re.compile(r"\b(?:[A-Z] ){2,}[A-Z]\b")
_BROKEN_CAPS = re.compile(r"\b([A-Z]{2,}) ((?:[A-Z] )+[A-Z])\b(?= |$)")


def close_letter_spacing(credit: str) -> str:
    """Credits set in letter-spaced capitals come out as ``GET T Y``: close the gaps.

    >>> close_letter_spacing("AGENCE FRANCE-PRESSE — GET T Y IMAGES")
    'AGENCE FRANCE-PRESSE — GETTY IMAGES'
    """

    def close(match: re.Match[str]) -> str:
        return match.group().replace(" ", "")

    return _SPACED_CAPS.sub(close, _BROKEN_CAPS.sub(close, credit))


#: A line that is an image's file name, as a web page prints it in place of the image.
IMAGE_FILE = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|svg|avif|tiff?)$", re.IGNORECASE)

# -- web addresses ---------------------------------------------------------------------------

#: A line that is one web (or file) address and nothing else.
URL_ONLY = re.compile(r"^(?:file|https?)://\S+$")
#: A line that is a printed link: an address, maybe numbered as a note (``3. https://...``).
URL_LINE = re.compile(
    r"^(?:\[?(?P<note>\d{1,3})[.)\]]\s*)?(?:<)?(?P<url>(?:https?://|www\.)\S+?)(?:>)?[.,;]?$"
)
#: Link notes printed as lines of their own (``3. https://...``), found in the lines of a
#: document joined by line breaks: :data:`URL_LINE` with its note number, line by line.
LINK_NOTE = re.compile(
    r"^\[?(\d{1,3})[.)\]][^\S\n]*<?(?:https?://|www\.)\S*?>?[.,;]?$", re.MULTILINE
)
_HOST = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")
_FILE = re.compile(r"\.(?:s?html?|php|aspx?|jsp|cgi|pdf|txt)$", re.IGNORECASE)


#: What a line must hold for :data:`URL_LINE` to match it: a cheap test that spares the
#: pattern most lines.
URL_MARKS = ("http", "www.")


def hosts_in(url: str) -> list[str]:
    """The host names in a URL, including those of a page kept in a web archive.

    >>> hosts_in("https://web.archive.org/web/2015/https://www.aclu.org/blog/x.html 3/12")
    ['web.archive.org', 'www.aclu.org']
    """
    parts = url.split()[0].split("/") if url.strip() else []
    return [p for p in parts if _HOST.match(p) and not _FILE.search(p) and not p.isdigit()]


# -- sentences -------------------------------------------------------------------------------

#: Closing quotation marks and brackets, which may follow a sentence's last mark.
CLOSERS = "”\"’')]"
#: A sentence's end: its mark, then closing quotes or brackets.
SENTENCE_END = re.compile(r"[.!?…][”\"’')]*$")
_CLAUSE_END = frozenset(".!?…:;,")
_WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")


def ends_clause(text: str) -> bool:
    """Does the line end a sentence or a clause (inside closing quotes or brackets, too)?

    >>> ends_clause("and so on,"), ends_clause("“Go.”"), ends_clause("Home")
    (True, True, False)
    """
    return text.rstrip(CLOSERS)[-1:] in _CLAUSE_END


def goes_on(text: str) -> bool:
    """Does this line carry on a sentence (lower-case start, words rather than a name)?
    Its first word must be a word: an address (``your@email.com``) carries nothing on.

    >>> goes_on("and so it went"), goes_on("your@email.com SUBMIT"), goes_on("iPhone")
    (True, False, False)
    """
    if not text[:1].islower():
        return False
    first = text.split(" ", 1)[0].rstrip(CLOSERS + ",.;:!?")
    if not _WORD.match(first):
        return False
    return " " in text or ends_clause(text)
