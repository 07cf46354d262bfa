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

import re
from collections.abc import Callable

from copydesk.anchors import HEAD_DEPTH, HEAD_WINDOW, find_anchors, reads_as_anchor
from copydesk.dates import is_dateline
from copydesk.draft import (
    BODY,
    SAME_SIZE,
    Box,
    Draft,
    Line,
    Role,
    lines_containing,
    same_size,
    text_size,
)
from copydesk.layout import percentile
from copydesk.lexicon import join_wrapped, words_of
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
    named_credit,
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
    else:
        _captions_by_images(draft, free)
    _credited_captions(draft, free)
    if not draft.web_print:
        _named_credit_captions(draft, free)
    if not draft.web_print and not draft.captions:
        _caption_across_columns(draft)


# -- captions beside a picture, on a measured page ------------------------------------------

PICTURE_WIDTH = 72.0  # points: narrower pictures are icons, rules or a drop cap's ornament
PICTURE_HEIGHT = 36.0
CAPTION_GAP = 2.0  # the most space (in the caption's type sizes) between a picture and its caption
CAPTION_LEADING = 1.0  # the most space between two lines of one caption (in its type size)
CAPTION_LINES = 8  # the most lines of one caption


def _captions_by_images(draft: Draft, free: Free) -> None:
    """Where the reader measured the page (a PDF), a caption is the block of lines set in
    smaller type than the text right under or over a picture, within its width; a last
    line in smaller type still, or in a credit's shape, is its credit."""
    pictures = [
        (page, box)
        for page, box in draft.facts.image_boxes
        if box.x1 - box.x0 >= PICTURE_WIDTH and box.bottom - box.top >= PICTURE_HEIGHT
    ]
    if not pictures:
        return
    body_size = text_size(line for line in draft.lines if line.role is BODY)
    if body_size is None:
        return
    on_page: dict[int, list[Line]] = {}
    for line in draft.lines:
        if line.text and line.box is not None and line.box.size > 0:
            on_page.setdefault(line.page, []).append(line)
    for page, picture in pictures:
        lines = on_page.get(page, [])
        for block in (_block_under(lines, picture), _block_over(lines, picture)):
            if not block or not all(free(line) for line in block):
                continue
            size = block[0].box.size if block[0].box is not None else body_size
            if size >= body_size * (1 - SAME_SIZE):
                continue  # in the text's type: the text goes on under the picture
            _take_picture_caption(draft, _with_credit_line(draft, block, free))
            break


def _with_credit_line(draft: Draft, block: list[Line], free: Free) -> list[Line]:
    """The caption block and, when the next line read is a credit set on a line of its
    own (a few words, in the caption's type or smaller, right under it), that line too."""
    last = block[-1]
    nxt = next((line for line in draft.lines[last.index + 1 :] if line.text), None)
    if nxt is None or nxt.page != last.page or not free(nxt) or nxt in block:
        return block
    box, last_box = nxt.box, last.box
    if box is None or last_box is None or box.size > last_box.size * (1 + SAME_SIZE):
        return block
    close = 0 <= box.top - last_box.bottom <= CAPTION_LEADING * box.size
    if close and 1 <= len(nxt.text.split()) <= CREDIT_WORDS and not SENTENCE_END.search(nxt.text):
        return [*block, nxt]
    return block


def _overlaps(line: Line, x0: float, x1: float) -> bool:
    """Does the line stand (in part) between ``x0`` and ``x1`` across the page?"""
    box = line.box
    return box is not None and box.x0 < x1 and box.x1 > x0


def _block_under(lines: list[Line], picture: Box) -> list[Line]:
    """The lines set right under the picture, one after another in one type size."""
    below = sorted((line for line in lines if _top(line) >= picture.bottom - 1), key=_top)
    return _one_block(below, picture, downwards=True)


def _block_over(lines: list[Line], picture: Box) -> list[Line]:
    """The lines set right over the picture, one after another in one type size."""
    above = sorted((line for line in lines if _bottom(line) <= picture.top + 1), key=_bottom)
    return list(reversed(_one_block(list(reversed(above)), picture, downwards=False)))


def _one_block(ordered: list[Line], picture: Box, *, downwards: bool) -> list[Line]:
    """From the line nearest the picture (across it), the lines that follow it closely,
    going away from the picture, in the caption's column (a credit may be set to its right
    edge), in the size of the first or smaller."""
    edge = picture.bottom if downwards else picture.top
    block: list[Line] = []
    reference = 0.0  # the caption's type size
    for line in ordered:
        box = line.box
        assert box is not None
        if not block:
            if not _overlaps(line, picture.x0, picture.x1):
                continue
            gap = (box.top - edge) if downwards else (edge - box.bottom)
            if gap > CAPTION_GAP * box.size:
                return []
            block.append(line)
            reference = box.size
            continue
        first, last = block[0].box, block[-1].box
        assert first is not None and last is not None
        if not _overlaps(line, min(first.x0, picture.x0), max(first.x1, picture.x1)):
            continue  # another column, beside the caption
        gap = (box.top - last.bottom) if downwards else (last.top - box.bottom)
        if gap > CAPTION_LEADING * box.size:
            break
        if box.size > reference * (1 + SAME_SIZE):
            # Over a picture, a credit may stand between it and its caption, set smaller:
            # the caption's type is the next size up, once.
            if downwards or len(block) > 1 or not _credit_shaped(block[0].text):
                break
            reference = box.size
        block.append(line)
        if len(block) > CAPTION_LINES:
            return []
    return block


def _credit_shaped(text: str) -> bool:
    """Does a line read as a photo's credit: a few words, in capitals or a name's shape?

    >>> _credit_shaped("SILICON EXPOSED"), _credit_shaped("Jane Doe/AFP")
    (True, True)
    >>> _credit_shaped("SLG46620V block diagram (from device datasheet)")
    False
    """
    if len(text.split()) > CREDIT_WORDS:
        return False
    return text.isupper() or named_credit("x " + text) is not None


def _joined(lines: list[Line]) -> str:
    """The lines of a caption as one text, words broken at a line's end made whole."""
    return join_wrapped([line.text for line in lines])


def _top(line: Line) -> float:
    return line.box.top if line.box is not None else 0.0


def _bottom(line: Line) -> float:
    return line.box.bottom if line.box is not None else 0.0


def _take_picture_caption(draft: Draft, block: list[Line]) -> None:
    """Record a caption block found by its picture, its credit split off: the last lines
    set smaller than the first, or a credit at the end of its text."""
    first_size = block[0].box.size if block[0].box is not None else 0.0
    cut = len(block)
    while cut > 1 and (box := block[cut - 1].box) is not None:
        if same_size(box.size, first_size):
            break
        cut -= 1
    text = _joined(block[:cut])
    credit = _joined(block[cut:]) or None
    if credit is None and (found := trailing_credit(text) or named_credit(text)) is not None:
        text, credit = found
    for line in block:
        draft.set_role(line, Role.CAPTION)
    draft.captions.append(
        Caption(text=text, credit=close_letter_spacing(credit) if credit else None)
    )


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


def _named_credit_captions(draft: Draft, free: Free) -> None:
    """Captions that end with an unlabelled credit: a name in brackets or around a slash
    (``(WIKIPEDIA)``, ``JIM WATSON/AFP``), on the caption's last line or broken onto the
    line after it, where the caption's block ends there."""
    lines = draft.lines
    after = 0
    for i in lines_containing(lines, ("/", ")"), fold_case=False):
        if i < after or not free(lines[i]):
            continue
        # The credit on this line, or broken across it and the next or the one before
        # ("... laws BBC NEWS/" + "Bloomberg", "... (SILICON" + "EXPOSED)"). Most lines
        # with a slash or a bracket end in neither shape: asked first, it spares the search.
        text = lines[i].text
        tries = []
        if text.endswith(")") or _SLASHED_END.search(text):
            tries += [(i, 1), (i - 1, 2)]
        if text.endswith("/") or (text.rfind("(") > text.rfind(")")):
            tries.append((i, 2))
        for start, used in tries:
            pair = lines[start : start + used]
            if start < 0 or len(pair) < used or not all(free(line) and line.text for line in pair):
                continue
            if used == 2 and len(pair[1].text.split()) > CREDIT_WORDS:
                continue
            found = named_credit(" ".join(line.text for line in pair))
            if (
                found is not None
                and _block_ends(lines, start + used)
                and _credit_alone(found[1])
                and not _LIST_ENTRY.match(found[0])
                and found[0][-1:] not in "[(/"
                # Broken across two lines, the credit begins on the first of them.
                and (used == 1 or len(found[0]) <= len(pair[0].text))
            ):
                caption, credit = found
                # What of the caption stands on the credit's first line: its text part.
                text_part = caption[: len(pair[0].text)].strip()
                _take_caption(draft, start, credit, text_part, used, free, runs_on_only=True)
                after = start + used
                break


# A line that ends with a name after a slash (JIM WATSON/AFP, NEWS/ Bloomberg).
_SLASHED_END = re.compile(r"/\s?[A-Z][\w.'’&-]*(?:,?\s+(?:[A-Z][\w.'’&-]*|[—–&]|via))*$")
# An entry of a list of references or notes: no caption, whatever its brackets hold.
_LIST_ENTRY = re.compile(r"^\s*(?:\d{1,4}[.)]|[\^•*])\s")
_CREDIT_STOP_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "to", "a", "an", "year"})


def _credit_alone(credit: str) -> bool:
    """Without a picture to stand by, only a credit in a name's capitals, with no digits,
    no sentence's end and no small words (``UNDERSTATEMENT OF THE YEAR``), is taken for
    one: text in brackets or around a slash is far more often the article's.

    >>> _credit_alone("JIM WATSON/AFP"), _credit_alone("MP2/MP2"), _credit_alone("Aotearo/New")
    (True, False, False)
    """
    name = credit.split("/")[0]
    words = {word.casefold() for word in credit.replace("/", " ").split()}
    return (
        name.isupper()
        and not any(ch.isdigit() for ch in credit)
        and not credit.endswith(".")
        and not words & _CREDIT_STOP_WORDS
    )


def _block_ends(lines: list[Line], k: int) -> bool:
    """Does a block of text end before line ``k``: a blank line, the end, or a new
    sentence (a capital, a quotation mark, a digit) starting there?"""
    if k >= len(lines) or lines[k].blank:
        return True
    return lines[k].text[:1].isupper() or lines[k].text[:1] in "“\"‘'(0123456789"


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


def _take_caption(
    draft: Draft,
    i: int,
    credit: str,
    text_part: str,
    used: int,
    free: Free,
    *,
    runs_on_only: bool = False,
) -> None:
    """Record the caption whose credit is on line ``i`` (and ``used - 1`` lines after it),
    with ``text_part`` of the caption on the credit's line and the lines above that belong
    to it (``runs_on_only``: only those that the caption's sentence runs on from, in lower
    case: without a blank line to bound it, a block above may be the article's head)."""
    lines = draft.lines
    if runs_on_only:
        above = _run_above(lines, i, text_part, free)
    else:
        above = _below_front_lines(_block_above(lines, i, free))
    if runs_on_only:
        pass
    elif text_part:
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


def _run_above(lines: list[Line], i: int, text_part: str, free: Free) -> list[Line]:
    """The lines above line ``i`` that a caption ending there (``text_part`` of it on that
    line) takes: back to the end of the text's sentence before it, within reach, not
    crossing a heading, a byline or a dateline."""
    above: list[Line] = []
    j = i - 1
    while j >= 0 and len(above) < CAPTION_REACH:
        line = lines[j]
        if line.blank or not free(line):
            break
        if (SENTENCE_END.search(line.text) and (above or text_part)) or (
            _set_as_heading(line.text) or reads_as_anchor(line.text)
        ):
            break
        above.insert(0, line)
        j -= 1
    if len(above) == CAPTION_REACH:
        return []  # no sentence's end within reach: the caption cannot be bounded
    return above


HEADING_SHARE = 0.8  # the least share of a heading's longer words that are capitalized
HEADING_WORDS = 4  # the fewest words of a line whose capitals tell a heading
HEADING_CAPS_WORDS = 2  # ... the fewest words of one set in capitals


def _set_as_heading(text: str) -> bool:
    """Is the line set as a heading (in capitals, or with its longer words capitalized)?

    >>> _set_as_heading("SAMANTHA AND THE"), _set_as_heading("Obama Admits Gun Laws Failed")
    (True, True)
    >>> _set_as_heading("Logic Devices"), _set_as_heading("Logic devices")
    (True, False)
    >>> _set_as_heading("telecommunications service providers to store")
    False
    """
    words = words_of(text)
    if text.isupper():
        return len(words) >= HEADING_CAPS_WORDS
    if len(words) < HEADING_WORDS:
        # A short line: a heading's (its last line, "Logic Devices") when every word is
        # capitalized.
        return len(words) >= HEADING_CAPS_WORDS and all(word[0].isupper() for word in words)
    longer = [word for word in words if len(word) > 3]
    return bool(longer) and sum(w[0].isupper() for w in longer) >= HEADING_SHARE * len(longer)


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
