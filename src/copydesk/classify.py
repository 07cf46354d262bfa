"""The classify step: what kind of document this is, told from its pages before any stage
runs.

A page printed from a browser carries the browser's header and footer on every page: the
date and time of printing with the page's <title>, and the page's address with the page
count. Those mark a web print, whose article the web-page stage must find among the page
around it; they also give the page's title (usually the headline) and the site's name.
Links printed as numbered notes (``3. https://...``) tell the footnote stage which markers
in the text point at a note.

Classifying is not a stage: ``--skip`` cannot switch it off, so that skipping one stage
never changes how the others see the document.
"""

from __future__ import annotations

from copydesk.draft import Draft, Layout, Medium
from copydesk.pages import read_edges
from copydesk.shapes import LINK_NOTE, URL_MARKS
from copydesk.stages.normalize import fix_unicode


def classify(draft: Draft) -> None:
    """Fill the draft's facts that its pages show: layout, page edges, page title, site and
    printed link notes."""
    facts = draft.facts
    if facts.medium is Medium.HTML:
        return  # the HTML reader read the page's own structure: no printed pages
    edges = read_edges(draft.lines, measured=facts.medium is Medium.PDF)
    facts.page_edges = edges.roles
    if edges.stamped:
        facts.layout = Layout.WEB_PRINT
        # Read before the text is repaired: the title is repaired as the text will be.
        facts.page_title = fix_unicode(edges.page_title())
        facts.site = edges.site
    elif facts.medium is not Medium.TEXT or len(edges.edges) > 1:
        facts.layout = Layout.TYPESET
    facts.footnotes = frozenset(_printed_notes(draft))


def _printed_notes(draft: Draft) -> set[int]:
    """The numbers of link notes printed as lines of their own (``3. https://...``): each
    address found in the text is tried as the end of such a line (a search of the whole
    text for the note's pattern would try it at every character)."""
    text = "\n".join([line.text for line in draft.lines])
    notes: set[int] = set()
    for mark in URL_MARKS:
        at = text.find(mark)
        while at >= 0:
            match = LINK_NOTE.match(text, text.rfind("\n", 0, at) + 1)
            if match is not None:
                notes.add(int(match.group(1)))
            end = text.find("\n", at)  # the line's other addresses add nothing
            at = text.find(mark, end) if end >= 0 else -1
    return notes
