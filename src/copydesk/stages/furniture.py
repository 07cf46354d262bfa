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
        if line.role is BODY and (match := URL_LINE.match(line.text)):
            draft.set_role(line, Role.LINK)
            url = match.group("url")
            if url not in known:
                known.add(url)
                draft.links.append(url)


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
