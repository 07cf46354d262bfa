"""Stage: footnote markers out of the text when their notes were printed as links.

Typeset articles turn links into numbered notes (``web bug1`` in the text, ``1. https://...``
at the foot of the page). The notes go to ``links``; the markers glued to the words that
carried the links are taken out, but only numbers that have a printed note.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection

from copydesk.draft import Draft
from copydesk.lexicon import zipf

# Both patterns start at the digit and look back for the letter before it, so that the
# engine skips from digit to digit instead of trying a letter or a lookbehind at every
# character of the text.
# A marker follows a word, its closing bracket or quote, or the sentence's end after it
# (``away.1``).
_DIGIT_AFTER = re.compile(r"\d(?:(?<=[^\W\d_\s]\d)|(?<=[^\W\d_\s][\])”\"’.,;:!?]\d))")
_MARKER = re.compile(
    r"(?=\d)(?:(?<=[^\W\d_]{2})|(?<=[^\W\d_][\])”\"’.,;:!?]))(\d{1,3})(?=[\s.,;:!?)”\"’]|$)"
)


def find_markers(texts: list[str], notes: Collection[int]) -> list[list[tuple[int, int, str]]]:
    """Footnote numbers glued to the end of words, per text, for numbers that have a note.

    Markers run in order through the article (1, 2, 3 ...) and each is used once, while a
    number that is part of a name (``GreenPak4``) recurs or breaks the order.

    >>> find_markers(["a web bug1 designed, cookies3 your (process4.) MP3"], {1, 3, 4})
    [[(9, 10, ''), (28, 29, ''), (43, 44, '')]]
    >>> find_markers(["Aotearoa [aɔˈtɛaɾɔa]3) is"], {3})
    [[(20, 21, '')]]
    >>> find_markers(["its span away.1 Then", "version 2.1 of it"], {1})
    [[(14, 15, '')], []]
    >>> find_markers(["GreenPak4 is tiny; the GreenPak4 chip, downloads1 page"], {1, 4})
    [[(48, 49, '')]]
    """
    found: list[tuple[int, re.Match[str], str]] = []
    tokens: Counter[str] = Counter()
    for i, text in enumerate(texts):
        if not _DIGIT_AFTER.search(text):
            continue
        for match in _MARKER.finditer(text):
            word_start = match.start()
            while word_start > 0 and (
                text[word_start - 1].isalpha() or text[word_start - 1] in "'’-"
            ):
                word_start -= 1
            token = text[word_start : match.end()]
            tokens[token] += 1
            found.append((i, match, text[word_start : match.start()]))
    out: list[list[tuple[int, int, str]]] = [[] for _ in texts]
    last = 0
    for i, match, word in found:
        number = int(match.group(1))
        token = word + match.group(1)
        if number not in notes or number <= last or tokens[token] > 1:
            continue
        if word and zipf(token) > zipf(word):
            continue  # the digits belong to the word (mp3)
        out[i].append((match.start(), match.end(), ""))
        last = number
    return out


def remove_footnote_marks(draft: Draft) -> None:
    """Take out footnote markers that point at printed notes, logging each one."""
    notes = draft.facts.footnotes
    if not notes:
        return
    per_text = find_markers([para.text for para in draft.paragraphs], notes)
    for i, changes in enumerate(per_text):
        if changes:
            para = draft.paragraphs[i]
            for start, end, new in changes:
                draft.record("footnote marker", para, start, end, new)
            draft.paragraphs[i] = para.replace(changes)
