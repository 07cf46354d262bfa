"""Stage: pull quotes out of the body.

A magazine or newspaper sets a sentence of the article again, in large type between its
paragraphs, to catch the eye: a pull quote. Extracted, it is a second copy of words the
article already holds, cut into the text where it stood on the page. It is known by that
alone: a run of lines that stands apart (it starts a sentence after one ends, and the text
starts a new one after it) and holds a whole sentence or more that the article prints again
elsewhere, once, inside its text. The copy inside a paragraph stays; the run that stands
apart goes to ``removed``. Nothing is taken that the text does not hold twice.

>>> from copydesk.draft import Line
>>> texts = ["The river rose in the night. The council voted to rebuild",
...          "the old bridge by spring. Its span fell in the flood.",
...          "“The council voted to rebuild",
...          "the old bridge by spring.”",
...          "Work starts on Monday."]
>>> draft = Draft(source="", lines=[Line(t, 0, 0, 0, i) for i, t in enumerate(texts)])
>>> remove_pull_quotes(draft)
>>> [line.role.value for line in draft.lines]
['body', 'body', 'pull quote', 'pull quote', 'body']
"""

from __future__ import annotations

import re
from collections import Counter

from copydesk.draft import BODY, SAME_SIZE, Draft, Line, Role, text_size

PULL_QUOTE_WORDS = 6  # the fewest words of a pull quote: a shorter repeat is the text's own
PULL_QUOTE_LINES = 8  # the most lines of one pull quote

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_HYPHEN_BREAK = re.compile(r"[-‐\u00ad]\n(?=[^\W\d_])")
_OPENERS = "“\"‘'("
_CLOSERS = "”\"’')"


def _words(text: str) -> str:
    """The words of ``text``, case-folded, between single spaces (and one at each end)."""
    return " " + " ".join(_WORD.findall(text.casefold().replace("’", "'"))) + " "


def remove_pull_quotes(draft: Draft) -> None:
    """Take out runs of body lines that stand apart and repeat a sentence the article
    prints elsewhere."""
    lines = [line for line in draft.lines if line.role is BODY and line.text]
    runs = _runs_apart(lines)
    if not runs:
        return
    # The article's words in reading order, a hyphen at a line's end undone: the copy in
    # the text may break its words where the pull quote does not.
    article = _words(_HYPHEN_BREAK.sub("", "\n".join(line.text for line in lines)))
    # Where each line's words start among the article's: a copy that starts and ends on
    # a line's edges stands apart; the one inside a paragraph does not.
    edges = {0}
    count = 0
    for words in (_words(_HYPHEN_BREAK.sub("", line.text)) for line in lines):
        count += words.count(" ") - 1
        edges.add(count)
    body_size = text_size(lines)
    quotes = [
        _words(_HYPHEN_BREAK.sub("", "\n".join(line.text for line in lines[k:end])))
        for k, end in runs
    ]
    standing = Counter(quotes)
    for (k, end), quote in zip(runs, quotes, strict=True):
        # Printed twice, once inside the text: a sentence printed apart twice, or printed
        # more often, is the article's own repetition (a list of references, a refrain).
        # Set in larger type than the text, the copy inside the text may fill its lines.
        copies = _aligned(article, quote, edges)
        larger = _set_larger(lines[k:end], body_size)
        if (
            quote.count(" ") - 1 >= PULL_QUOTE_WORDS
            and standing[quote] == 1
            and _reads_as_prose(lines[k:end])
            and (copies == [True, False] or (larger and len(copies) == 2))
            and _set_apart(lines[k:end], body_size)
        ):
            for line in lines[k:end]:
                draft.set_role(line, Role.PULL_QUOTE)


def _runs_apart(lines: list[Line]) -> list[tuple[int, int]]:
    """Runs of lines (start, end) that could be set apart from the text: each starts a
    sentence after a line that ends one, ends a sentence at its last line, and is followed
    by a line that starts another, within :data:`PULL_QUOTE_LINES` lines."""
    out: list[tuple[int, int]] = []
    for k in range(len(lines)):
        if not ((k == 0 or _ends_sentence(lines[k - 1].text)) and _starts_sentence(lines[k].text)):
            continue
        for end in range(k + 1, min(k + PULL_QUOTE_LINES, len(lines)) + 1):
            if _ends_sentence(lines[end - 1].text):
                if end == len(lines) or _starts_sentence(lines[end].text):
                    out.append((k, end))
                break
    return out


def _aligned(article: str, quote: str, edges: set[int]) -> list[bool]:
    """For each copy of the words ``quote`` in ``article`` (both as :func:`_words` gives
    them; the space between two copies in a row belongs to both), whether it starts and
    ends at a line's edge (``edges``: word counts at which lines start), sorted with the
    aligned copies first.

    >>> _aligned(" x a b y a b ", " a b ", {0, 1, 3, 5, 6})
    [True, False]
    """
    size = quote.count(" ") - 1
    out = []
    for match in re.finditer(re.escape(quote.rstrip()) + "(?= )", article):
        start = article.count(" ", 0, match.start())
        out.append(start in edges and start + size in edges)
    return sorted(out, reverse=True)


PROSE_SHARE = 0.5  # the least share of a pull quote's words that start in lower case


def _reads_as_prose(run: list[Line]) -> bool:
    """Is the run a sentence of prose (most words in lower case), not an entry of a list
    of references or a menu (``Te Ara: The Encyclopedia of New Zealand. Retrieved ...``)?"""
    words = _WORD.findall(" ".join(line.text for line in run))
    return bool(words) and sum(word[0].islower() for word in words) >= PROSE_SHARE * len(words)


def _set_apart(run: list[Line], body_size: float | None) -> bool:
    """Could the run be a pull quote by its marks and type: a run that closes a quotation
    it did not open is the end of a longer one; and, where
    the reader measured the type, set larger than the text?"""
    first, last = run[0].text.lstrip()[:1], run[-1].text.rstrip()[-1:]
    if last in _CLOSERS and first not in _OPENERS:
        return False
    measured = any(line.box is not None and line.box.size > 0 for line in run)
    return not measured or body_size is None or _set_larger(run, body_size)


def _set_larger(run: list[Line], body_size: float | None) -> bool:
    """Did the reader measure the run's type larger than the text's?"""
    sizes = [line.box.size for line in run if line.box is not None and line.box.size > 0]
    return body_size is not None and bool(sizes) and min(sizes) > body_size * (1 + SAME_SIZE)


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in ".!?…"


def _starts_sentence(text: str) -> bool:
    first = text.lstrip(_OPENERS)[:1]
    return first.isupper() or first.isdigit()


__all__ = ["remove_pull_quotes"]
