"""Stage: the web addresses that a PDF's link annotations give the article's own lines.

A PDF saved from a browser or typeset with live links keeps each link's address in an
annotation over its words, not in the text. The reader notes which line each one lies on
(``draft.facts.link_annotations``); once the other stages have told the article from the page
around it, the links on the article's lines join ``links``. Links of the navigation, the
share buttons and the footer do not.
"""

from __future__ import annotations

from copydesk.draft import BODY, Draft, Role

# Roles of lines that belong to the article (the body, its head, its captions and notes).
ARTICLE_ROLES = frozenset(
    {BODY, Role.TITLE, Role.DEK, Role.BYLINE, Role.DATELINE, Role.CAPTION, Role.LINK}
)


def add_annotated_links(draft: Draft) -> None:
    """Add the addresses of link annotations on the article's lines to ``links``, in the
    order they stand, each once."""
    known = set(draft.links)
    for index, url in draft.facts.link_annotations:
        if draft.lines[index].role in ARTICLE_ROLES and url not in known:
            known.add(url)
            draft.links.append(url)


__all__ = ["add_annotated_links"]
