"""The links stage: link annotations count only on the article's own lines."""

from __future__ import annotations

from copydesk.draft import Role
from copydesk.readers.text import read_text
from copydesk.stages.links import add_annotated_links


def test_links_on_the_article_kept_and_on_the_page_around_it_not() -> None:
    draft = read_text("Home News Sport\nThe council met on Tuesday and voted.\nShare on X\n")
    nav, text, share = draft.lines[:3]
    draft.set_role(nav, Role.PAGE_BEFORE)
    draft.set_role(share, Role.WEB_FURNITURE)
    draft.links.append("https://example.org/printed")
    draft.facts.link_annotations = [
        (nav.index, "https://example.org/news"),
        (text.index, "https://example.org/minutes"),
        (text.index, "https://example.org/printed"),  # printed as well: listed once
        (share.index, "https://x.com/share"),
    ]
    add_annotated_links(draft)
    assert draft.links == ["https://example.org/printed", "https://example.org/minutes"]


def test_no_annotations_no_change() -> None:
    draft = read_text("Some text.\n")
    add_annotated_links(draft)
    assert draft.links == []
