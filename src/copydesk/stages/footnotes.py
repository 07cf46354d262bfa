"""Stage: footnote markers out of the text when their notes were printed as links.

Typeset articles turn links into numbered notes (``web bug1`` in the text, ``1. https://...``
at the foot of the page). The notes go to ``links``; the markers glued to the words that
carried the links are taken out, but only numbers that have a printed note.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from copydesk.draft import Draft
from copydesk.lexicon import zipf

_MARKER = re.compile(r"(?<=[^\W\d_]{2})(\d{1,3})(?=[\s.,;:!?)”\"’]|$)")


def find_markers(text: str, notes: set[int]) -> Iterator[tuple[int, int, str]]:
    """Footnote numbers glued to the end of a word, for numbers that have a note.

    >>> list(find_markers("one web bug1 designed, cookies3 your (process4.) MP3", {1, 3, 4}))
    [(11, 12, ''), (30, 31, ''), (45, 46, '')]
    """
    for match in _MARKER.finditer(text):
        if int(match.group(1)) not in notes:
            continue
        word_start = match.start()
        while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] in "'’-"):
            word_start -= 1
        word = text[word_start : match.start()]
        if word.isupper() and len(word) <= 4:
            continue  # MP3, G7, A4: the number belongs to the name
        if zipf(word + match.group(1)) > zipf(word):
            continue
        yield match.start(), match.end(), ""


def remove_footnote_marks(draft: Draft) -> None:
    """Take out footnote markers that point at printed notes, logging each one."""
    notes = draft.hints.get("footnotes")
    if not isinstance(notes, set) or not notes:
        return
    for i, para in enumerate(draft.paragraphs):
        changes = list(find_markers(para.text, notes))
        if changes:
            for start, end, new in changes:
                draft.record("footnote marker", para, start, end, new)
            draft.paragraphs[i] = para.replace(changes)
