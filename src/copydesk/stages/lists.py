"""Stage: list markers off list items.

A published list shows its bullets and numbers as formatting; the items are the text.
Extraction turns the formatting into characters (``•``, ``1.``) at the start of each
item. Bullets are taken off any paragraph; numbers only off a run of consecutively numbered
paragraphs, since a lone "1." may be the text itself.
"""

from __future__ import annotations

import re

from copydesk.draft import Draft
from copydesk.shapes import BULLET
from copydesk.traced import Traced

_NUMBER = re.compile(r"^(\d{1,3})[.)]\s+")


def remove_list_markers(draft: Draft) -> None:
    """Strip bullets and the numbers of numbered runs from the start of paragraphs."""
    paras = draft.paragraphs
    marks: dict[int, int] = {}
    for i, para in enumerate(paras):
        if bullet := BULLET.match(para.text):
            marks[i] = bullet.end()
    i = 0
    while i < len(paras):
        run = _numbered_run(paras, i) if _NUMBER.match(paras[i].text) else []
        for k, end in enumerate(run):
            marks[i + k] = end
        i += max(len(run), 1)
    for i, end in sorted(marks.items()):
        para = paras[i]
        draft.record("list marker", para, 0, end, "")
        paras[i] = para.replace([(0, end, "")])


def _numbered_run(paras: list[Traced], start: int) -> list[int]:
    """Marker lengths of paragraphs numbered n, n+1, n+2 ... from ``start`` (two at least;
    a list may continue from an earlier page)."""
    ends: list[int] = []
    expected: int | None = None
    for k in range(start, len(paras)):
        match = _NUMBER.match(paras[k].text)
        if not match or (expected is not None and int(match.group(1)) != expected):
            break
        ends.append(match.end())
        expected = int(match.group(1)) + 1
    return ends if len(ends) >= 2 else []
