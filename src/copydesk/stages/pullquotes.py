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
from copydesk.layout import percentile

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
    if draft.web_print:
        return  # a web page repeats its lede and teasers in ways a print pull quote does not
    lines = [line for line in draft.lines if line.role is BODY and line.text]
    # Set in larger type, a pull quote's lines hold fewer characters than the text's: the
    # runs whose lines all fall well short of the text's measure are the ones to look at.
    measure = percentile([len(line.text) for line in lines], MEASURE_SHARE)
    runs = _runs_apart(lines, SHORT_LINES * measure)
    if not runs:
        return
    # A pull quote of a line alone opens with a quotation mark; shorter runs are no quote.
    runs = [
        (k, end)
        for k, end in runs
        if (end - k > 1 or lines[k].text[:1] in _OPENERS)
        and sum(len(line.text.split()) for line in lines[k:end]) >= PULL_QUOTE_WORDS
    ]
    if not runs:
        return
    flat = " ".join(line.text for line in lines)
    runs = [(k, end) for k, end in runs if flat.count(_opening(lines[k].text)) >= 2]
    if not runs:
        return
    body_size = text_size(lines)
    runs = [
        (k, end)
        for k, end in runs
        if _reads_as_prose(lines[k:end]) and _set_apart(lines[k:end], body_size)
    ]
    if not runs:
        return
    # The article's words in reading order, a hyphen at a line's end undone: the copy in
    # the text may break its words where the pull quote does not.
    article = _words(_HYPHEN_BREAK.sub("", "\n".join(line.text for line in lines)))
    quotes = [
        _words(_HYPHEN_BREAK.sub("", "\n".join(x.text for x in lines[k:end]))) for k, end in runs
    ]
    standing = Counter(quotes)
    edges: set[int] | None = None
    for (k, end), quote in zip(runs, quotes, strict=True):
        # Printed twice, once inside the text: a sentence printed apart twice, or printed
        # more often, is the article's own repetition (a list of references, a refrain).
        if quote.count(" ") - 1 < PULL_QUOTE_WORDS or standing[quote] > 1:
            continue
        starts = _starts(article, quote)
        if len(starts) != 2:
            continue
        if edges is None:
            edges = _line_edges(lines)
        size = quote.count(" ") - 1
        aligned = sorted((s in edges and s + size in edges for s in starts), reverse=True)
        # Set in larger type than the text, the copy inside the text may fill its lines.
        if aligned == [True, False] or _set_larger(lines[k:end], body_size):
            for line in lines[k:end]:
                draft.set_role(line, Role.PULL_QUOTE)


OPENING_WORDS = 3  # the first words of a run looked for again in the text
MEASURE_SHARE = 0.9  # the text's measure: the line length that this share of lines reach
SHORT_LINES = 0.8  # a pull quote's lines run shorter than this share of the measure


def _opening(text: str) -> str:
    """The first words of a line, without the quotation mark that opens a pull quote.

    >>> _opening("“The council voted to rebuild")
    'The council voted'
    """
    return " ".join(text.lstrip(_OPENERS).split()[:OPENING_WORDS])


def _line_edges(lines: list[Line]) -> set[int]:
    """Where each line's words start among the article's (as word counts): a copy that
    starts and ends on a line's edges stands apart; the one inside a paragraph does not."""
    edges = {0}
    count = 0
    for line in lines:
        count += _words(_HYPHEN_BREAK.sub("", line.text)).count(" ") - 1
        edges.add(count)
    return edges


def _starts(article: str, quote: str) -> list[int]:
    """Where (as word counts) each copy of the words ``quote`` starts in ``article`` (both
    as :func:`_words` gives them; the space between two copies in a row belongs to both).

    >>> _starts(" x a b y a b ", " a b ")
    [1, 4]
    """
    needle = quote.rstrip()
    out = []
    at = article.find(needle)
    while at >= 0:
        if article.startswith(" ", at + len(needle)):
            out.append(article.count(" ", 0, at))
        at = article.find(needle, at + 1)
    return out


def _runs_apart(lines: list[Line], short: float = float("inf")) -> list[tuple[int, int]]:
    """Runs of lines (start, end) that could be set apart from the text: each starts a
    sentence after a line that ends one, ends a sentence at its last line, and is followed
    by a line that starts another, within :data:`PULL_QUOTE_LINES` lines all shorter than
    ``short``."""
    texts = [line.text for line in lines]
    out: list[tuple[int, int]] = []
    # Only a short line can open a run: most lines are full ones, passed over in bulk.
    for k in [k for k, text in enumerate(texts) if len(text) < short]:
        if (k and not _ends_sentence(texts[k - 1])) or not _starts_sentence(texts[k]):
            continue
        for end in range(k + 1, min(k + PULL_QUOTE_LINES, len(lines)) + 1):
            last = texts[end - 1]
            if len(last) >= short:
                break
            if _ends_sentence(last):
                if end == len(lines) or _starts_sentence(texts[end]):
                    out.append((k, end))
                break
    return out


_STOPS = frozenset(".!?…")


PROSE_SHARE = 0.5  # the least share of a pull quote's words that start in lower case


def _reads_as_prose(run: list[Line]) -> bool:
    """Is the run a sentence of prose (most words in lower case), not an entry of a list
    of references or a menu (``Te Ara: The Encyclopedia of New Zealand. Retrieved ...``)?"""
    words = _WORD.findall(" ".join(line.text for line in run))
    return bool(words) and sum(word[0].islower() for word in words) >= PROSE_SHARE * len(words)


def _set_apart(run: list[Line], body_size: float | None) -> bool:
    """Could the run be a pull quote by its marks and type: a run that closes a quotation
    it did not open is the end of a longer one; and, where the reader measured the type,
    set larger than the text?"""
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
