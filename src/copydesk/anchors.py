"""The anchors of an article's head: its byline and its dateline.

What stands above them is headline and dek; what stands right under them may be a caption
set across the columns. The front-matter stage reads the head around them, the captions
stage looks under them: both find them here, the same way.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from copydesk.dates import DateMatch, find_date, is_dateline
from copydesk.draft import Line
from copydesk.names import Byline, parse_byline, parse_unled_byline

HEAD_WINDOW = 30  # non-blank body lines searched for the byline and dateline
# An anchor found deeper than this many lines into the body is not in the article's head
# (a name quoted in the text): the head is then left alone.
HEAD_DEPTH = 12


class Anchors(NamedTuple):
    """Where the byline and the dateline stand among the head's lines, and what they say.
    A date printed on the byline's own line has the byline's position."""

    byline_at: int | None = None
    byline: Byline | None = None
    date_at: int | None = None
    date: DateMatch | None = None

    @property
    def positions(self) -> list[int]:
        return [i for i in (self.byline_at, self.date_at) if i is not None]


def find_anchors(head: list[Line]) -> Anchors:
    """The first byline (with names) and the first dateline among ``head``.

    >>> lines = [Line(t, 0, len(t), 0, i) for i, t in enumerate(
    ...     ["A Headline", "By Jane Doe", "March 3, 2021", "Text."])]
    >>> found = find_anchors(lines)
    >>> found.byline_at, found.byline.names, found.date_at, found.date.iso
    (1, ['Jane Doe'], 2, '2021-03-03')
    """
    byline_at = date_at = None
    byline = date = None
    for i, line in enumerate(head):
        if byline_at is None:
            found_byline, on_line = _byline_of(line.text)
            if found_byline is not None:
                byline_at, byline = i, found_byline
                if date_at is None and on_line is not None:
                    date_at, date = i, on_line
                continue
        if date_at is None and (found := _dateline_of(line.text)):
            date_at, date = i, found
        if byline_at is not None and date_at is not None:
            break
    return Anchors(byline_at, byline, date_at, date)


def reads_as_anchor(text: str) -> bool:
    """Is the line a byline (with names) or a dateline?

    >>> reads_as_anchor("Jane Doe | Reuters"), reads_as_anchor("March 3, 2021")
    (True, True)
    >>> reads_as_anchor("The bridge at dawn")
    False
    """
    return _byline_of(text)[0] is not None or _dateline_of(text) is not None


# The head of an article is read by more than one stage (the captions stage looks under
# it, the front-matter stage reads it): the answers for a line are kept, not worked out
# again. Both are pure functions of the text, and their results are frozen.
@lru_cache(maxsize=4096)
def _byline_of(text: str) -> tuple[Byline | None, DateMatch | None]:
    """The byline (with names) a line holds, with ``By`` or with the writers' role or paper
    after the names, and the date printed after it on the line."""
    byline = parse_byline(text) or parse_unled_byline(text)
    if byline is None or not byline.names:
        return None, None
    return byline, find_date(text[byline.end :])


@lru_cache(maxsize=4096)
def _dateline_of(text: str) -> DateMatch | None:
    """The date of a line that is a dateline."""
    return find_date(text) if is_dateline(text) else None
