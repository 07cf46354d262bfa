"""Stage: page furniture out — running heads and feet, page numbers, print stamps, URL lines.

The classify step has read the pages' edges (:mod:`copydesk.pages`): this stage takes out
what it found there. On a web print it also takes out the page title that OCR broke off a
print stamp onto a line of its own. Lines that are only a web address are links, not body
text: they go to ``links``.
"""

from __future__ import annotations

import re

from copydesk.draft import BODY, Draft, Role, lines_containing
from copydesk.pages import edges_of
from copydesk.shapes import URL_LINE, URL_MARKS
from copydesk.titles import TITLE_SPLIT

_WORDS = re.compile(r"\w+")
# How far from a page's edge (in non-blank lines) a print stamp's broken-off title may stand.
BROKEN_OFF_DEPTH = 2
BROKEN_OFF_RULE = "broken-off page title"


def remove_furniture(draft: Draft) -> None:
    """Take out running heads and feet, page numbers and print stamps; move URL lines to
    the links."""
    lines = draft.lines
    for index, role in draft.facts.page_edges.items():
        draft.set_role(lines[index], role)
    if draft.web_print:
        _remove_broken_off_titles(draft)
    known = set(draft.links)  # for a linear scan of inputs with many links
    for i in lines_containing(lines, URL_MARKS, fold_case=False):
        line = lines[i]
        if line.role is not BODY:
            continue
        match = URL_LINE.match(line.text) or URL_START.match(line.text)
        if match is None:
            continue
        url = match.group("url")
        pieces = [line]
        # An address too long for its column goes on over the next lines, broken at a slash
        # or anywhere: lines of address characters alone that only an address would hold.
        for nxt in lines[i + 1 : i + 1 + URL_LINES]:
            if nxt.role is not BODY or not _goes_on_address(url, nxt.text):
                break
            url += nxt.text
            pieces.append(nxt)
        whole = URL_LINE.match(url) if len(pieces) > 1 else match
        if whole is None or whole.re is URL_START:
            continue  # "http://" and nothing after it that reads as the rest
        for piece in pieces:
            draft.set_role(piece, Role.LINK)
        url = whole.group("url")
        if url not in known:
            known.add(url)
            draft.links.append(url)


URL_LINES = 4  # the most lines an address goes on over
# A line that is the start of an address and no more (``1. http://``).
URL_START = re.compile(r"^(?:\[?\d{1,3}[.)\]]\s*)?(?P<url>https?://)$")
_ADDRESS_PIECE = re.compile(r"^[\w\-.~%/?#=&+:;,@!$*()\[\]']+$")


def _goes_on_address(url: str, text: str) -> bool:
    """Is ``text`` the rest of the address ``url``, broken onto its line: address
    characters only, no new address or note, and marked as an address's (a slash, a dot,
    an underscore, a digit, ``=`` or ``?``) unless the address broke after a slash?

    >>> _goes_on_address("http://fakehost/wiki/", "Free_software")
    True
    >>> _goes_on_address("https://example.com/a", "Residents")
    False
    >>> _goes_on_address("http://a.b/", "2.")
    False
    """
    if not _ADDRESS_PIECE.match(text) or text.startswith(("http", "www.")):
        return False
    if re.match(r"^\d{1,3}[.)]$", text):
        return False  # the next note's number
    if url.endswith(("/", "//")):
        return True
    return any(mark in text for mark in "/._=?#&%") or any(ch.isdigit() for ch in text)


def _remove_broken_off_titles(draft: Draft) -> None:
    """The page title of a print stamp that OCR broke off the stamp onto a line of its own,
    at a page's edge, is furniture like the rest of the stamp: a page title naming the site
    is no headline (the match is on words alone, as OCR reads the separators anew each time).
    """
    title = draft.facts.page_title
    if len(TITLE_SPLIT.split(title)) < 2:
        return  # a page title that is the headline alone may well be printed as one
    words = _WORDS.findall(title.casefold())
    for page in edges_of(draft.lines).values():
        for line, depth in page:
            if (
                line.role is BODY
                and depth <= BROKEN_OFF_DEPTH
                and _WORDS.findall(line.text.casefold()) == words
            ):
                draft.set_role(line, Role.RUNNING_HEAD, BROKEN_OFF_RULE)
