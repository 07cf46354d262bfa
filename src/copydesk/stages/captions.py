"""Stage: photo captions and their credits out of the body and into ``captions``.

A caption is found by what marks it as one. Most carry a credit (``PHOTO: NAME``,
``Credit NAME``, ``(Photo: NAME)``, ``Photo by NAME`` on a line of its own): the caption
is the credit's line and the block above it, up to a blank line. A web page printed from a
browser also prints an image's file name before its caption, or its alt text right above
the same words. A caption with no credit, set across the columns right under the byline,
is known by standing apart and running longer than the lines of the text.

The stage runs before the front-matter stage, so that a caption set in the article's head
is never read as its headline or dek.
"""

from __future__ import annotations

from collections.abc import Callable

from copydesk.anchors import HEAD_DEPTH, HEAD_WINDOW, find_anchors
from copydesk.dates import is_dateline
from copydesk.draft import BODY, Draft, Line, Role, lines_containing
from copydesk.layout import percentile
from copydesk.lexicon import words_of
from copydesk.model import Caption
from copydesk.names import parse_byline
from copydesk.shapes import (
    CREDIT_KEYS,
    CREDIT_LINE,
    CREDIT_WORDS,
    DANGLING_CREDIT,
    HYPHENS,
    IMAGE_FILE,
    SENTENCE_END,
    close_letter_spacing,
    ends_clause,
    goes_on,
    trailing_credit,
)

CAPTION_REACH = 8  # lines a caption may span above its credit
CAPTION_ABOVE_WORDS = 25  # the most words of a caption above a credit line of its own
CAPTION_WORDS = 60  # the most words of a caption printed after an image's file name
ALT_TEXT_WORDS = 3  # fewer words than this repeat by chance (Share, Share)
SPAN_RATIO = 1.25  # how much longer than the text's lines a line set across columns runs
SPAN_LINES = 2  # the most lines of a caption set across the columns
SPAN_TEXT_BELOW = 5  # lines of text below it to measure the text's lines by
FULL_LINE = 0.9  # the percentile of line lengths that stands for a full line of the text

Free = Callable[[Line], bool]  # may this line become part of a caption?


def find_captions(draft: Draft) -> None:
    """Take captions and credits out of the body into ``captions``."""
    headline = set(draft.article.headline) if draft.article is not None else set()

    def free(line: Line) -> bool:
        # The headline, found by the web-page stage, bounds a caption as a line out of the
        # body does: the front-matter stage has yet to take it out.
        return line.role is BODY and line.index not in headline

    if draft.web_print:
        _web_captions(draft)
    _credited_captions(draft, free)
    if not draft.web_print and not draft.captions:
        _caption_across_columns(draft)


# -- captions marked by a credit -------------------------------------------------------------


def _credited_captions(draft: Draft, free: Free) -> None:
    lines = draft.lines
    # Few lines hold a word that credits start with: find those first.
    after = 0  # lines before this one went into a caption already
    for i in lines_containing(lines, CREDIT_KEYS):
        if i >= after and free(lines[i]):
            credit, text_part, used = _credit_at(lines, i, free)
            if credit is not None:
                _take_caption(draft, i, credit, text_part, used, free)
                after = i + used


def _credit_at(lines: list[Line], i: int, free: Free) -> tuple[str | None, str, int]:
    """The credit on line ``i`` (or starting at its end and going on to the next line),
    the caption text before it on the same line, and how many lines the credit used. Line
    ``i`` holds one of the words credits start with (see :data:`CREDIT_KEYS`)."""
    text = lines[i].text
    found = trailing_credit(text)
    if found is not None:
        text_part, credit = found
        return credit, text_part, 1
    dangling = DANGLING_CREDIT.search(text)
    if dangling and i + 1 < len(lines) and not lines[i + 1].blank and free(lines[i + 1]):
        nxt = lines[i + 1].text
        if len(nxt.split()) <= CREDIT_WORDS and (nxt.isupper() or nxt.istitle()):
            return nxt, text[: dangling.start()].strip(), 2
    return None, "", 0


def _take_caption(draft: Draft, i: int, credit: str, text_part: str, used: int, free: Free) -> None:
    lines = draft.lines
    above = _below_front_lines(_block_above(lines, i, free))
    if text_part:
        # The caption shares the credit's line: lines above belong to it only while its
        # sentence runs on into that line (a finished sentence above is the article's).
        k = len(above)
        while k > 0 and not SENTENCE_END.search(above[k - 1].text):
            k -= 1
        above = above[k:]
    if not above and not text_part:
        # A credit set apart below its caption: the caption is the block above the gap.
        j = i - 1
        while j >= 0 and lines[j].blank:
            j -= 1
        if 0 <= j < i - 1 and free(lines[j]):
            above = _below_front_lines(_block_above(lines, j + 1, free))
    text = " ".join([line.text for line in above] + ([text_part] if text_part else []))
    for line in [*above, *lines[i : i + used]]:
        draft.set_role(line, Role.CAPTION if text else Role.PHOTO_CREDIT)
    if text:
        draft.captions.append(Caption(text=text, credit=close_letter_spacing(credit)))


def _below_front_lines(block: list[Line]) -> list[Line]:
    """The lines of ``block`` after its last byline or dateline: a caption set under the
    head of the article starts below them (text without blank lines runs them together)."""
    cut = 0
    for k, line in enumerate(block):
        byline = parse_byline(line.text)
        if (byline is not None and byline.names) or is_dateline(line.text):
            cut = k + 1
    return block[cut:]


def _block_above(lines: list[Line], i: int, free: Free) -> list[Line]:
    """The body lines right above line ``i`` up to a blank line (none if too many)."""
    above: list[Line] = []
    j = i - 1
    while j >= 0 and len(above) < CAPTION_REACH:
        line = lines[j]
        if line.blank or not free(line):
            break
        above.append(line)
        j -= 1
    if j >= 0 and len(above) == CAPTION_REACH:
        return []  # no blank line above within reach: not a caption block we can bound
    above.reverse()
    return above


# -- captions of a printed web page ----------------------------------------------------------

# Roles the web-page stage gives lines inside the article's run of lines, or after it.
_WEB_PAGE_ROLES = frozenset({BODY, Role.SLIDE_SHOW, Role.WEB_FURNITURE, Role.PAGE_AFTER})


def _web_captions(draft: Draft) -> None:
    """Captions inside the article that the web-page stage found on a printed web page:
    after an image's file name, above a credit line, under an image's alt text."""
    bounds = draft.article
    if bounds is None:
        return
    lines = [
        line for line in draft.lines[bounds.first :] if line.text and line.role in _WEB_PAGE_ROLES
    ]
    end = next((i for i, line in enumerate(lines) if line.index == bounds.last), len(lines) - 1)
    for i in range(end + 1):
        line = lines[i]
        if line.role is not BODY:
            continue
        if IMAGE_FILE.match(line.text):
            draft.set_role(line, Role.IMAGE_FILE)
            _caption_after_image(draft, lines, i)
        elif CREDIT_LINE.match(line.text):
            _credited_caption(draft, lines, i)
        elif i < end and _alt_text_of(line.text, lines[i + 1].text):
            # An image's alt text printed right above the same words as its caption.
            draft.set_role(line, Role.IMAGE_ALT_TEXT)
            draft.set_role(lines[i + 1], Role.CAPTION)
            draft.captions.append(Caption(text=lines[i + 1].text, credit=None))


def _caption_after_image(draft: Draft, lines: list[Line], i: int) -> None:
    """A web page prints an image's caption on the line after the image's file name."""
    if i + 1 >= len(lines):
        return
    nxt = lines[i + 1]
    words = len(words_of(nxt.text))
    if nxt.role is not BODY or words < 3 or words > CAPTION_WORDS or IMAGE_FILE.match(nxt.text):
        return
    if i + 2 < len(lines) and goes_on(lines[i + 2].text):
        return  # the text runs on: a paragraph, not a caption
    draft.set_role(nxt, Role.CAPTION)
    draft.captions.append(Caption(text=nxt.text, credit=None))


def _credited_caption(draft: Draft, lines: list[Line], i: int) -> None:
    """A credit line is a caption; the line right above it, set apart from the text above
    (a blank line, or a sentence's end), is the caption it credits."""
    credit = lines[i]
    parts = [credit]
    if i > 0:
        above = lines[i - 1]
        set_apart = i == 1 or (
            above.index == credit.index - 1
            and (draft.lines[above.index - 1].blank or ends_clause(lines[i - 2].text))
        )
        if above.role is BODY and set_apart and len(words_of(above.text)) <= CAPTION_ABOVE_WORDS:
            parts.insert(0, above)
    for line in parts:
        draft.set_role(line, Role.CAPTION)
    draft.captions.append(Caption(text=" ".join(line.text for line in parts), credit=None))


def _alt_text_of(text: str, caption: str) -> bool:
    """Is ``text`` an image's alt text printed above its caption ``caption``: the same
    words, which the caption may end with a credit or a period?

    >>> _alt_text_of("Glass cloche terrariums", "Glass cloche terrariums (Lucy Akins)")
    True
    >>> _alt_text_of("He said no.", "He said no more about it, and left the room at once.")
    False
    """
    core = text.rstrip(" .")
    if not caption.startswith(core) or len(words_of(core)) < ALT_TEXT_WORDS:
        return False
    extra = caption[len(core) :].strip()
    return len(words_of(caption)) <= CAPTION_WORDS and (
        not extra.strip(".") or (extra.startswith("(") and extra.endswith(")"))
    )


# -- a caption across the columns, under the head --------------------------------------------


def _caption_across_columns(draft: Draft) -> None:
    """A caption without a credit, set under the head across the columns of the text: a
    block of a line or two, apart from what surrounds it, longer than the lines below."""
    head = [line for line in draft.lines if line.text and line.role is BODY][:HEAD_WINDOW]
    anchors = find_anchors(head).positions
    if not anchors or min(anchors) > HEAD_DEPTH:
        return
    start = max(anchors) + 1
    block: list[Line] = []
    for line in head[start:]:
        if block and draft.blank_between(block[-1], line):
            break
        block.append(line)
    rest = head[start + len(block) :]
    if not 1 <= len(block) <= SPAN_LINES or len(rest) < SPAN_TEXT_BELOW:
        return
    if block[0].index > 0 and not draft.lines[block[0].index - 1].blank:
        return  # not set apart from the head above
    measure = percentile([len(line.text) for line in rest], FULL_LINE)
    if max(len(line.text) for line in block) <= SPAN_RATIO * measure:
        return
    if rest[0].text[:1].islower() or block[-1].text.endswith(tuple(HYPHENS)):
        return  # the text runs on: a paragraph, not a caption
    text = " ".join(line.text for line in block)
    for line in block:
        draft.set_role(line, Role.CAPTION)
    draft.captions.append(Caption(text=text, credit=None))


__all__ = ["find_captions"]
