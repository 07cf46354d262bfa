"""Stage: front matter into fields — headline, dek, kicker, byline, dateline.

The head of an article is read around its anchors (:mod:`copydesk.anchors`): the byline
(``By ...``) and the dateline. What stands above them is headline and dek, and a section
kicker may stand above the headline; where a PDF measured the type, the headline is the
largest type there. On a web print the headline is the one the web-page stage matched to
the page's title, and the byline and date are looked for around it. Captions are the
captions stage's, which runs before this one.
"""

from __future__ import annotations

import re

from copydesk.anchors import HEAD_DEPTH, HEAD_WINDOW, find_anchors
from copydesk.dates import find_date, is_dateline, leading_date
from copydesk.draft import BODY, SAME_SIZE, Draft, Line, Role, same_size, text_size
from copydesk.layout import percentile
from copydesk.lexicon import common_words, join_wrapped, words_of, zipf
from copydesk.names import looks_like_name, names_a_role, parse_byline, parse_unled_byline
from copydesk.shapes import BULLET_GLYPHS, DROP_CAP, SENTENCE_END
from copydesk.titles import title_without_site


def extract_front_matter(draft: Draft) -> None:
    """Fill title, dek, authors and published from the head of the body."""
    if draft.web_print:
        _web_front(draft)
        return
    head = [line for line in draft.lines if line.text and line.role is BODY][:HEAD_WINDOW]
    if not head:
        return
    anchors = _anchors(draft, head)
    if not draft.authors:
        _byline_at_end(draft)
    # Where the reader measured the type, the headline is the largest type at the top,
    # wherever the byline and the date stand (above it, beside it, under it, or nowhere).
    if _title_and_dek_by_type(draft, head[: HEAD_DEPTH + 1]):
        return
    start = _page_top(draft, head)
    below = [k for k in anchors if k >= start]
    if not below:
        heading_end = _heading_at(draft, head, start)
        # _page_top stops at a line of the body: no byline or date stands at ``start``.
        if heading_end is None or start == 0:
            _title_without_anchor(draft, head[start:])
            return
        # Labels or a date above it mark the heading as the article's headline.
        draft.title = join_wrapped([line.text for line in head[start:heading_end]])
        for line in head[start:heading_end]:
            draft.set_role(line, Role.TITLE)
        return
    first = min(below)
    if first > HEAD_DEPTH:
        return  # too deep to be the head of the article: leave the text alone
    _title_and_dek(draft, head[start : first + 1])
    if draft.dek is None and draft.title is not None:
        _dek_under_anchors(draft, head, first)


END_REACH = 12  # lines from the end of the body searched for a byline printed there


def _byline_at_end(draft: Draft) -> None:
    """A byline printed after the text (``— By Jane Doe``, ``Jane Doe | Reuters``), on a
    line of its own among the body's last lines, names the authors when the head did not."""
    tail = [line for line in draft.lines if line.role is BODY and line.text][-END_REACH:]
    for line in reversed(tail):
        text = line.text.lstrip("—–- ")
        byline = parse_byline(text) or parse_unled_byline(text)
        if byline is not None and byline.names and not text[byline.end :].strip(" |,"):
            draft.authors = list(byline.names)
            draft.set_role(line, Role.BYLINE)
            return


# A masthead line: the paper's name, the date and the edition in a few short pieces set
# apart by separators ("THE DAILY LEDGER · Thursday, January 19, 2017 · Late Edition").
_SEPARATOR = re.compile(r"\s+[·|•]\s+")
_CAPS_SEPARATOR = re.compile(r"\s+[·|•\-–—]\s+|:\s+")
_SEPARATOR_END = re.compile(r"\s[·|•]\s*$")
_CAPS_DASH = re.compile(r"\s+[·|•\-–—]\s+")
MASTHEAD_PIECE_WORDS = 6  # the most words of one piece of a masthead line


def _reads_as_masthead(text: str) -> bool:
    """Is the line a masthead's: a few short pieces between separators, none of them text?

    >>> _reads_as_masthead("THE DAILY LEDGER · Thursday, January 19, 2017 · Late Edition")
    True
    >>> _reads_as_masthead("Evening Courier · Final"), _reads_as_masthead("Cats | a study")
    (True, False)
    >>> _reads_as_masthead("THE SENTINEL: JULY 4, 2019"), _reads_as_masthead("RUSSIA: A SHIP")
    (True, False)
    >>> _reads_as_masthead("THE SENTINEL - FINAL"), _reads_as_masthead("Brexit - What Next")
    (True, False)
    >>> _reads_as_masthead("FIREFOX — CUSTOMIZE AND")
    False
    """
    pieces = _SEPARATOR.split(text.strip())
    if len(pieces) < 2 and text.isupper():
        # In capitals a dash parts the pieces too (OCR reads a "·" so), and a colon with a
        # date or a number: a headline in capitals may have a colon (RUSSIA: A SHIP ...).
        numbered = any(ch.isdigit() for ch in text)
        pieces = (_CAPS_SEPARATOR if numbered else _CAPS_DASH).split(text.strip())
        if not numbered and len(pieces) >= 2:
            # Without a number, a dash parts a masthead of a name and an edition
            # ("THE SENTINEL - FINAL"), not a headline that goes on ("FIREFOX — MAKE IT AND").
            last = words_of(pieces[-1])
            small = bool(last) and last[-1].casefold() in common_words(MINOR_ZIPF)
            if len(last) > KICKER_WORDS or small:
                return False
    if len(pieces) < 2:
        return False
    for piece in pieces:
        words = words_of(piece)
        if not words and not any(ch.isdigit() for ch in piece):
            return False
        long_or_text = len(words) > MASTHEAD_PIECE_WORDS or any(w[0].islower() for w in words)
        if long_or_text and find_date(piece) is None:
            return False
    return True


DEK_MEASURE = 0.2  # a dek set in its own type runs this much longer or shorter than the text


def _dek_under_anchors(draft: Draft, head: list[Line], first: int) -> None:
    """A dek printed under the byline: a block of a few lines that reads as one, either
    closed by the dateline under it or set in lines of another length than the text's
    (another size of type, or across the columns)."""
    k = first + 1
    while k < len(head) and head[k].role in _ANCHOR_ROLES:
        k += 1
    end = k
    while end < len(head) and head[end].role is BODY and end - k <= DEK_LINES:
        if end > k and draft.blank_between(head[end - 1], head[end]):
            break
        end += 1
    block = head[k:end]
    if not block or len(block) > DEK_LINES or not _reads_as_dek(block):
        return
    if any(line.text[:1] in BULLET_GLYPHS for line in block):
        return  # a list of the article's highlights, not a dek
    closed = (
        end < len(head)
        and head[end].role in _ANCHOR_ROLES
        and not draft.blank_between(block[-1], head[end])
    )
    if not closed:
        text = [line for line in head[end:] if line.role is BODY][:DEK_TEXT_LINES]
        if len(text) < DEK_TEXT_LINES // 2 or not SENTENCE_END.search(block[-1].text):
            return
        measure = percentile([len(line.text) for line in text], COLUMN_SHARE)
        longest = max(len(line.text) for line in block)
        if not measure or abs(longest - measure) <= DEK_MEASURE * measure:
            return  # set like the text: the text's first paragraph
    draft.dek = join_wrapped([line.text for line in block])
    for line in block:
        draft.set_role(line, Role.DEK)


DEK_TEXT_LINES = 20  # lines of the text below a dek that give the text's measure
COLUMN_SHARE = 0.9  # the text's measure: the line length that this share of its lines reach


PAPER_NAME_WORDS = 4  # the most words of a paper's name printed atop its page


def _names_the_paper(draft: Draft, head: list[Line], k: int) -> bool:
    """Is ``head[k]``, the text's first line, the paper's name atop its page: a few words
    in capitals or title case, set apart by a blank line, over a masthead line or a label
    (``The Weekly Review`` / ``THE WEEKLY REVIEW · LATE EDITION``)? Over the byline, such
    a line is the headline."""
    if k != 0 or len(head) < 2:
        return False
    text = head[0].text
    words = words_of(text)
    if not 1 <= len(words) <= PAPER_NAME_WORDS or any(ch in text for ch in _MARKS):
        return False
    if not (text.isupper() or title_case(text)):
        return False
    nxt = head[1]
    return draft.blank_between(head[0], nxt) and (
        _reads_as_masthead(nxt.text) or _is_top_label(nxt)
    )


def _take_label(draft: Draft, line: Line) -> None:
    """A line above the headline: a masthead's (whose date is the article's when no
    dateline gave one) or a section's label."""
    if not _reads_as_masthead(line.text):
        draft.set_role(line, Role.KICKER)
        return
    draft.set_role(line, Role.MASTHEAD)
    if draft.published is None and (found := find_date(line.text)):
        draft.published = found.iso


def _page_top(draft: Draft, head: list[Line]) -> int:
    """Where the article's own head begins among ``head`` (the text's first lines): after
    the masthead lines atop a newspaper's page, the byline and date set above the
    headline, and the labels (a section, a kicker) over a heading. The masthead's date is
    the article's when no dateline gives one."""
    start = 0
    labelled = False  # one label stands over a headline: a second is the headline's line
    while start < len(head):
        line = head[start]
        if start and head[start - 1].role is Role.MASTHEAD and _SEPARATOR_END.search(
            head[start - 1].text
        ):
            _take_label(draft, line)  # a masthead line broken after a separator goes on
            start += 1
            continue
        if line.role is not BODY:
            pass  # a byline or a date above the headline: a label over it came before
        elif _reads_as_masthead(line.text) or _names_the_paper(draft, head, start):
            _take_label(draft, line)
            labelled = False
        elif (
            _is_top_label(line)
            and _heading_below(draft, head, start + 1)
            # A second label is one only when it does not go on as the headline's line
            # ("ONE HUNDRED" / "TWO: What Kind of Wordchain?").
            and not (labelled and _continues_below(head, start))
        ):
            draft.set_role(line, Role.KICKER)
            labelled = True
        elif not DROP_CAP.match(line.text):
            break  # a drop cap read first stays in the body, for the paragraphs stage
        start += 1
    return start


def _is_top_label(line: Line) -> bool:
    """Could ``line`` be a label over the headline (a section's name, a kicker): a word or
    two, and no quotation or other mark that a headline's words carry?

    >>> _is_top_label(Line("Arts & Leisure", 0, 14, 0, 0))
    True
    >>> _is_top_label(Line("'Neutral' Snopes", 0, 16, 0, 0))
    False
    """
    text = line.text
    return (
        _label_words(text) is not None
        and not any(ch in text for ch in _MARKS)
        and not any(ch.isdigit() for ch in text)  # "3 SURPRISING" starts a headline
    )


_MARKS = "'’‘\"“”:#?!"  # marks of a headline's words, not of a section's name


def _continues_heading(text: str, following: str) -> bool:
    """Does a heading's line ``text`` go on in the line ``following``: in lower case, or in
    the same capitals or title case after a line that ends no sentence?

    >>> _continues_heading("Open Verilog Flow for Silego", "GreenPak4 Programmable Logic")
    True
    >>> _continues_heading("It ended.", "The Text")
    False
    """
    if _goes_on(text, following):
        return True
    if SENTENCE_END.search(text) or not text[-1:].isalnum():
        return False
    return (text.isupper() and following.isupper()) or (title_case(text) and title_case(following))


def _continues_below(head: list[Line], k: int) -> bool:
    """Does the line ``head[k]`` go on as a heading into the line right under it?"""
    return k + 1 < len(head) and head[k + 1].role is BODY and _continues_heading(
        head[k].text, head[k + 1].text
    )


_ABBREVIATED = re.compile(r"(?:\b\w\.){2,}$")  # N.Y.C., U.S. at a line's end
HEADLINE_LINES = 6  # the most lines a headline wraps onto (in a narrow column)


def _heading_below(draft: Draft, head: list[Line], k: int) -> bool:
    """Does a heading stand at ``head[k]``, or under the byline and dates there?"""
    while k < len(head) and head[k].role in _ANCHOR_ROLES:
        k += 1
    return _heading_at(draft, head, k) is not None


def _heading_at(draft: Draft, head: list[Line], k: int) -> int | None:
    """Where a heading that starts at ``head[k]`` ends (one past its last line), or None
    when none does: a block of up to :data:`HEADLINE_LINES` lines of the body that go on
    into each other, ending in no sentence, that does not read as a dek. The text's long
    first paragraph goes on for more lines; a drop cap starts the text."""
    if k >= len(head) or head[k].role is not BODY or DROP_CAP.match(head[k].text):
        return None
    end = k + 1
    while end < len(head) and end - k <= HEADLINE_LINES:
        nxt, last = head[end], head[end - 1]
        if nxt.role is not BODY or DROP_CAP.match(nxt.text):
            break
        if not _continues_heading(last.text, nxt.text):
            break
        if draft.blank_between(last, nxt) and not draft.facts.ocr:
            break  # OCR sets a blank line between lines of large type; a page does not
        end += 1
    block = head[k:end]
    joined = " ".join(line.text for line in block)
    headline_case = joined.isupper() or title_case(joined)
    # A question is a headline's as often as a dek's: it does not make the block a dek.
    dek_like = _reads_as_dek(block) and not headline_case and not joined.endswith("?")
    if len(block) > HEADLINE_LINES or dek_like:
        return None
    ending = block[-1].text
    if ending.endswith((",", ";", ":")) or (
        ending.endswith(".") and not _ABBREVIATED.search(ending)
    ):
        return None  # ends a sentence, unless on an abbreviation's period (N.Y.C.)
    following = next((line for line in head[end:] if line.role is BODY), None)
    if following is not None and following.text[:1].islower():
        return None  # the sentence goes on past a gap (a page break, a block of links)
    return end



def _anchors(draft: Draft, head: list[Line]) -> list[int]:
    """Find the byline and the dateline among ``head``; fill authors and published; return
    their positions in ``head``."""
    found = find_anchors(head)
    if found.byline_at is not None and found.byline is not None:
        draft.authors = list(found.byline.names)
        draft.set_role(head[found.byline_at], Role.BYLINE)
    if found.date_at is not None and found.date is not None:
        draft.published = found.date.iso
        draft.set_role(head[found.date_at], Role.DATELINE)  # a no-op on the byline's line
    return found.positions


WEB_REACH_UP = 6  # lines above the headline where a web page may print the byline
WEB_REACH_DOWN = 15  # lines past the first prose line searched for a byline or dateline
BELOW_NAME_WORDS = 14  # a line below the first prose line with more words is text, no byline
DEK_LINES = 4  # the most lines of a dek printed between the headline and the byline
# Lines near a web page's headline that may hold its byline or date: the body's, and the
# share buttons and follow links that sites set them among.
_HEAD_ROLES = frozenset({BODY, Role.WEB_FURNITURE})
_ANCHOR_ROLES = frozenset({Role.BYLINE, Role.DATELINE})
# The reason given for what stands between a web page's headline and its text that is not
# the article's (share buttons, a photo's controls, "Updated 2 hours ago").
WEB_HEAD_RULE = "head of the web page"


def _web_front(draft: Draft) -> None:
    """The head of a printed web page: headline (found by the webpage stage), then byline,
    date and dek near it; what else stands between the headline and the prose goes."""
    lines = draft.lines
    bounds = draft.article
    headline = bounds.headline if bounds is not None else []
    prose_at = bounds.first_prose if bounds is not None else None
    page_title, site = draft.facts.page_title, draft.facts.site
    if headline:
        title_lines = [lines[i] for i in headline]
        draft.title = join_wrapped([line.text for line in title_lines])
        if draft.title == page_title:  # the page's <title> printed again, site name and all
            draft.title = title_without_site(page_title, site) or draft.title
        for line in title_lines:
            draft.set_role(line, Role.TITLE)
        top = headline[0]
    else:
        top = prose_at if prose_at is not None else 0
        if page_title:
            # The headline is not printed apart from the browser's header: its <title>
            # is the best account of it there is.
            draft.title = title_without_site(page_title, site) or None
    if prose_at is None:
        return
    window = [line for line in lines if line.role == BODY and not line.blank]
    above = [line for line in window if line.index < top][-WEB_REACH_UP:]
    between = [line for line in window if top < line.index < prose_at]
    below = [line for line in window if line.index >= prose_at][:WEB_REACH_DOWN]
    # A site often sets the byline among share buttons and follow links, which the webpage
    # stage took out as widgets: those lines near the head are searched too.
    last = below[-1].index if below else prose_at
    widgets = [line for line in lines[top + 1 : last + 1] if line.role is Role.WEB_FURNITURE]
    near = sorted([*between, *below, *widgets], key=lambda line: line.index) + above
    candidates = [
        line for line in near if not (line in below and len(words_of(line.text)) > BELOW_NAME_WORDS)
    ]
    # An explicit byline ("By ...") wins over a bare name; a bare name counts only beside
    # a date, right under the headline or right above the writer's role.
    for line in near:
        if line.role in _HEAD_ROLES and _take_byline(draft, line):
            break
    else:
        near_date = _near_dates(candidates)
        for k, line in enumerate(candidates):
            placed = k in near_date or (between and line is between[0]) or _role_below(lines, line)
            if placed and line.role in _HEAD_ROLES and _take_name(draft, line):
                break
    for line in candidates:
        if draft.published is not None:
            break
        dateline = line.role in _HEAD_ROLES and is_dateline(line.text)
        if dateline and (found := find_date(line.text)):
            draft.published = found.iso
            draft.relabel(line, Role.DATELINE)
    for line in near:
        if draft.published is not None:
            break
        if line.role in _HEAD_ROLES:
            _take_leading_date(draft, line)
    byline_below = next((line for line in below if line.role in _ANCHOR_ROLES), None)
    if byline_below is not None:
        dek = [line for line in below if line.index < byline_below.index and line.role == BODY]
        if dek and len(dek) <= DEK_LINES:
            draft.dek = join_wrapped([line.text for line in dek])
            for line in dek:
                draft.set_role(line, Role.DEK)
    kept = _lead_in(draft, between)
    for line in [*above, *between]:
        if line not in kept:
            draft.set_role(line, Role.PAGE_BEFORE, WEB_HEAD_RULE)


LEAD_IN_WORDS = 4  # a sentence of this many words after the byline already reads as the article
LEAD_IN_HEAD_WORDS = 4  # the most words of a short head kept with such a sentence


def _lead_in(draft: Draft, between: list[Line]) -> list[Line]:
    """Lines after the byline and dateline that already read as the article: sentences
    (``Here's our Year in Review!``) and the short head just above them."""
    last_front = max(
        (k for k, line in enumerate(between) if line.role in _ANCHOR_ROLES), default=-1
    )
    tail = [line for line in between[last_front + 1 :] if line.role == BODY]
    kept: list[Line] = []
    for k, line in enumerate(tail):
        sentence = (
            bool(SENTENCE_END.search(line.text)) and len(words_of(line.text)) >= LEAD_IN_WORDS
        )
        if sentence and not find_date(line.text):
            if (
                k > 0
                and tail[k - 1] not in kept
                and len(words_of(tail[k - 1].text)) <= LEAD_IN_HEAD_WORDS
            ):
                kept.append(tail[k - 1])
            kept.append(line)
    return kept if last_front >= 0 else []


def _near_dates(lines: list[Line]) -> set[int]:
    """Positions in ``lines`` on or next to a line that holds a date."""
    dated = [k for k, line in enumerate(lines) if find_date(line.text)]
    return {k + d for k in dated for d in (-1, 0, 1)}


def _take_byline(draft: Draft, line: Line) -> bool:
    """Read a byline (``By A and B``), and the date printed beside it, off one line."""
    byline = parse_byline(line.text)
    if byline is None or not byline.names:
        return False
    draft.authors = byline.names
    if found := find_date(line.text[byline.end :]):
        draft.published = found.iso
    draft.relabel(line, Role.BYLINE)
    return True


HEAD_NOTE_WORDS = 6  # words after a leading date that make a note (8 min read), not text


def _take_leading_date(draft: Draft, line: Line) -> None:
    """Read the date a line of web furniture starts with (``Oct 18, 2019 · 8 min read``),
    and a byline after it (``on March 10, 2015 by Nikhil Marathe``). A lead paragraph
    that opens with its date (``Feb. 23, 2015 -- Peanut allergies ...``) stays text."""
    found = leading_date(line.text)
    if found is None:
        return
    draft.published = found.iso
    rest = line.text[found.end :].lstrip(" ·•|/-—–,;")
    byline = parse_byline(rest) if rest[:2].lower() == "by" else None
    if byline is not None and byline.names and not draft.authors:
        draft.authors = byline.names
        draft.relabel(line, Role.BYLINE)
    elif byline is not None or len(words_of(rest)) <= HEAD_NOTE_WORDS:
        draft.relabel(line, Role.DATELINE)


ROLE_REACH = 3  # lines below a bare name searched for the writer's role


def _role_below(lines: list[Line], line: Line) -> bool:
    """Does the next line with text give a writer's role (``BuzzFeed News Reporter``)?"""
    following = (nxt for nxt in lines[line.index + 1 : line.index + 1 + ROLE_REACH] if nxt.text)
    nxt = next(following, None)
    return nxt is not None and names_a_role(nxt.text)


# What web pages print around a bare name: a list number, the writer's handle, a follow
# button, a comment count.
_NAME_LEAD = re.compile(r"^\d{1,3}[.)]\s+")
_NAME_TAIL = re.compile(r"(?:,?\s+@\w+|\s+Follow|\s+\d{1,5})+$")


def _take_name(draft: Draft, line: Line) -> bool:
    """Read a bare name (``Jane Doe``, ``Jane Doe - Apr 16, 2015``) off one line.

    >>> d = Draft(source="", lines=[])
    >>> _take_name(d, Line("1. Sarah Archer", 0, 15, 0, 0)), d.authors
    (True, ['Sarah Archer'])
    >>> _take_name(d, Line("Devindra Hardawar, @devindra", 0, 28, 0, 1)), d.authors
    (True, ['Devindra Hardawar'])
    >>> _take_name(d, Line("Software Engineer", 0, 17, 0, 2))
    False
    """
    text = line.text
    found = find_date(text)
    rest = (text[: found.start] + " " + text[found.end :]) if found else text
    rest = _NAME_TAIL.sub("", _NAME_LEAD.sub("", rest.strip(" |-–—•·,")))
    if not rest or not looks_like_name(rest) or names_a_role(rest):
        return False
    draft.authors = [rest]
    if found and draft.published is None:
        draft.published = found.iso
    draft.relabel(line, Role.BYLINE)
    return True


def _blocks(lines: list[Line], draft: Draft) -> list[list[Line]]:
    """Group lines that stand together (no blank line between them in the input).

    OCR sets a blank line between lines of large type: a line that goes on in lower case
    after one that ends no sentence is the same headline or dek, blank line or not.
    """
    blocks: list[list[Line]] = []
    for line in lines:
        if blocks and (
            not draft.blank_between(blocks[-1][-1], line)
            or _goes_on(blocks[-1][-1].text, line.text)
            or (draft.facts.ocr and _continues_heading(blocks[-1][-1].text, line.text))
        ):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _goes_on(text: str, following: str) -> bool:
    """Does ``following`` go on with the words of ``text``: after a line that ends no
    sentence or clause, in lower case, or in title case after a headline's long line in
    title case (a kicker's word or two stands alone)?

    >>> _goes_on("makes it easy to", "crash game servers"), _goes_on("A Title", "by Jane")
    (True, True)
    >>> _goes_on("The Deck of Cards That Made Tarot A Global", "Phenomenon")
    True
    >>> _goes_on("It ended.", "then more"), _goes_on("TECHNOLOGY", "This API Is So Fetching")
    (False, False)
    """
    if not text[-1:].isalnum():
        return False
    if following[:1].islower():
        return True
    return (
        len(words_of(text)) >= HEADLINE_LINE_WORDS
        and len(following) < len(text)
        and title_case(text)
        and title_case(following)
    )


HEADLINE_LINE_WORDS = 4  # a line of a headline's first line at least; a kicker has fewer


def _title_and_dek(draft: Draft, lines: list[Line]) -> None:
    """Headline and dek from the lines above the first anchor (byline or dateline), which
    is the last of ``lines``.

    When the anchor's own block has lines above it, they hold headline and dek, and blocks
    further up are a kicker or a masthead; otherwise the blocks above are, from the
    bottom, the dek (when it reads as sentences) and the headline.
    """
    blocks = _blocks(lines, draft)
    above = [line for line in blocks.pop()[:-1] if line.role == BODY]
    blocks = [[line for line in block if line.role == BODY] for block in blocks]
    blocks = [block for block in blocks if block]
    # Text without blank lines runs a drop cap's letter and a section label into the head.
    while above and DROP_CAP.match(above[0].text):
        above = above[1:]  # the first paragraph's letter: the paragraph stage joins it
    while len(above) >= 2 and _reads_as_kicker(above[0], above[1]):
        blocks.append([above.pop(0)])
    if above:
        title_lines, dek_lines = _split_title_dek(above)
        kicker = blocks
    elif not blocks:
        return
    else:
        # Labels (a word or two on a line of their own: the paper, the section) stand above
        # the headline. Of the blocks that are more than labels, the last two are headline
        # and dek, unless the upper one reads as a dek itself; a lone one holds both.
        content = [k for k, block in enumerate(blocks) if not _is_label(block)]
        if len(content) >= 2 and not _reads_as_dek(blocks[content[-2]]):
            title_lines, dek_lines = blocks[content[-2]], blocks[content[-1]]
        else:
            title_lines, dek_lines = _split_title_dek(blocks[content[-1] if content else -1])
        kicker = [block for block in blocks if block[0] not in title_lines + dek_lines]
    for block in kicker:
        for line in block:
            draft.set_role(line, Role.KICKER)
    draft.title = join_wrapped([line.text for line in title_lines])
    for line in title_lines:
        draft.set_role(line, Role.TITLE)
    if dek_lines:
        draft.dek = join_wrapped([line.text for line in dek_lines])
        for line in dek_lines:
            draft.set_role(line, Role.DEK)


HEADLINE_SCALE = 1.3  # a headline is set at least this much larger than the running text


def _title_and_dek_by_type(draft: Draft, lines: list[Line]) -> bool:
    """Headline and dek from the first lines of the article, by their type where the
    reader measured it (a PDF): the headline is the largest type there, the dek the run of
    lines in one smaller size under it (the byline and dateline, already read, aside), and
    what stands above the headline is a kicker, a section label or an edition line. Says
    whether it found them; when the lines carry no sizes, or no type stands out, the text
    decides instead.
    """
    head = [line for line in lines if line.role == BODY and not DROP_CAP.match(line.text)]
    if not head or any(line.box is None or line.box.size <= 0 for line in head):
        return False
    sizes = [line.box.size for line in head if line.box is not None]
    body_size = text_size(line for line in draft.lines if line.role == BODY)
    largest = max(sizes)
    if body_size is None or largest < HEADLINE_SCALE * body_size:
        return False
    top = next(k for k, size in enumerate(sizes) if same_size(size, largest))
    end = top
    while end < len(head) and same_size(sizes[end], largest):
        end += 1
    dek_end = end
    # A dek is set no smaller than the text: smaller type under the headline is a byline
    # or a credit the text did not make out. In the text's own size it is only told from
    # the text by the byline or dateline that stands between them.
    if end < len(head) and body_size * (1 - SAME_SIZE) <= sizes[end] < largest:
        while dek_end < len(head) and same_size(sizes[dek_end], sizes[end]):
            dek_end += 1
            if dek_end < len(head) and _anchor_between(draft, head[dek_end - 1], head[dek_end]):
                break
        in_text_size = same_size(sizes[end], body_size)
        if in_text_size and not _anchor_between(draft, head[dek_end - 1], None):
            dek_end = end
        # Under the byline, only what reads as a dek is one: a subhead may stand there.
        if _anchor_between(draft, head[end - 1], head[end]) and not _reads_as_dek(
            head[end:dek_end]
        ):
            dek_end = end
    for line in head[:top]:
        _take_label(draft, line)
    draft.title = join_wrapped([line.text for line in head[top:end]])
    for line in head[top:end]:
        draft.set_role(line, Role.TITLE)
    if dek_end > end:
        draft.dek = join_wrapped([line.text for line in head[end:dek_end]])
        for line in head[end:dek_end]:
            draft.set_role(line, Role.DEK)
    return True


def _anchor_between(draft: Draft, line: Line, following: Line | None) -> bool:
    """Does the byline or the dateline stand right after ``line``: before ``following``
    (or, without it, before the next line of the body)?"""
    for nxt in draft.lines[line.index + 1 :]:
        if nxt is following or (following is None and nxt.role is BODY and nxt.text):
            return False
        if nxt.role in _ANCHOR_ROLES:
            return True
    return False


KICKER_WORDS = 2  # the most words of a section label above a headline
KNOWN_WORD = 3.0  # pieces of a label that join into a word this common are that word
# A kicker, or a headline in title case over the text, is less than half as long as the
# line under it.
SHORTER_THAN = 2
LETTER_SPACED = 2.5  # the mean length of the pieces of a line of letter-spaced type, at most
LETTER_SPACED_PIECES = 3  # the fewest pieces of such a line (``T echn o l o gy``)


def _is_label(block: list[Line]) -> bool:
    """Is the block a label: one line of a word or two, no sentence (``SPORTS``)?"""
    return len(block) == 1 and _label_words(block[0].text) is not None


def _label_words(text: str) -> list[str] | None:
    """The words of a line that reads as a label (a word or two, letter-spaced small
    capitals read together, no sentence end), or None."""
    pieces = text.split()
    if len(pieces) >= LETTER_SPACED_PIECES and sum(map(len, pieces)) <= LETTER_SPACED * len(pieces):
        text = "".join(pieces)  # small capitals set letter-spaced: "T echn o l o gy"
    elif 2 <= len(pieces) <= LETTER_SPACED_PIECES + 1 and text.isupper():
        joined = "".join(pieces)  # spaced capitals read apart unevenly: "TECHNO LOG Y"
        if zipf(joined) >= KNOWN_WORD and all(zipf(piece) < zipf(joined) for piece in pieces):
            text = joined
    words = words_of(text)
    if 1 <= len(words) <= KICKER_WORDS and not SENTENCE_END.search(text):
        return words
    return None


def _reads_as_kicker(line: Line, following: Line) -> bool:
    """Is ``line`` a section label set above the headline (``Politics``): a word or two,
    much shorter than the headline's line under it?

    >>> head = Line("As Debt Rises, the Government Will Soon", 0, 39, 0, 1)
    >>> _reads_as_kicker(Line("P o l i t ic s", 0, 14, 0, 0), head)
    True
    >>> _reads_as_kicker(Line("T echn o l o gy", 0, 15, 0, 0), head)
    True
    >>> _reads_as_kicker(Line("Why the Debt", 0, 12, 0, 0), head)
    False
    """
    words = _label_words(line.text)
    return words is not None and SHORTER_THAN * len(" ".join(words)) < len(following.text)


def _stands_over(line: Line, following: Line) -> bool:
    """Is ``line`` a headline in title case set right over a much longer line of text?"""
    return (
        title_case(line.text)
        and SHORTER_THAN * len(line.text) < len(following.text)
        and not line.text.endswith((".", ",", ";", ":"))
    )


DEK_WORDS = 12  # a block of this many words under a headline is a dek, sentence or not
DEK_SENTENCE_WORDS = 5  # a sentence of this many words is a dek


def _reads_as_dek(block: list[Line]) -> bool:
    """Does a block under the headline read as its dek: long, or a sentence?"""
    text = " ".join(line.text for line in block)
    words = len(words_of(text))
    return words >= DEK_WORDS or (words >= DEK_SENTENCE_WORDS and bool(SENTENCE_END.search(text)))


# A line longer than the headline's first line by this ratio (and a few characters more) is
# set in smaller type: the dek's.
DEK_LINE_RATIO = 1.25
DEK_LINE_SLACK = 4
DEK_FIRST_SENTENCE_WORDS = 6  # a sentence of this many words after a headline starts the dek


SMALL_WORD_ZIPF = 6.6  # as common as "of", "and", "the", "to", "in", "at", "by", "with"


def _ends_on_small_word(text: str) -> bool:
    """Does the line end on one of the commonest small words, on which no headline ends?

    >>> _ends_on_small_word("REWRITING RULES OF"), _ends_on_small_word("Gun Laws")
    (True, False)
    """
    words = words_of(text)
    return bool(words) and zipf(words[-1]) >= SMALL_WORD_ZIPF and len(words[-1]) <= 4


def _split_title_dek(block: list[Line]) -> tuple[list[Line], list[Line]]:
    """Split one block into headline lines and dek lines.

    Headline type is large: its lines hold few characters, so a line much longer than the
    headline's first line has begun the dek; so has a sentence after a headline that ends
    without one.
    """
    first = block[0]
    title = [first]
    for line in block[1:]:
        if _ends_on_small_word(title[-1].text) and _continues_heading(title[-1].text, line.text):
            title.append(line)  # a headline's line that ends on "of" or "and" goes on
            continue
        longer = len(line.text) > len(first.text) * DEK_LINE_RATIO + DEK_LINE_SLACK
        if longer:
            break
        if title_case(title[-1].text) and title_case(line.text):
            # A headline in title case goes on in title case; the dek is set in sentence
            # case. This holds even past a line that ends in an abbreviation (N.Y.C.).
            title.append(line)
            continue
        sentence = (
            bool(SENTENCE_END.search(line.text))
            and len(words_of(line.text)) >= DEK_FIRST_SENTENCE_WORDS
        )
        if sentence and not SENTENCE_END.search(title[-1].text):
            break
        if SENTENCE_END.search(title[-1].text) and not title[-1].text.endswith("?"):
            break
        title.append(line)
    return title, block[len(title) :]


# A headline in title case leaves its small words in lower case: the commonest words of the
# language (the, of, and, to, in, on ...), by word statistics rather than a style guide.
MINOR_ZIPF = 6.0  # as common as "the", "of", "and", "to", "in", "on"
TITLE_CASE_SHARE = 0.8  # the least share of the other words that are capitalized


def title_case(text: str) -> bool:
    """Is the line set in title case (the words capitalized but for the small ones)?

    >>> title_case("Wreaks Havoc on What’s Underneath N.Y.C."), title_case("Sparks Controversy")
    (True, True)
    >>> title_case("New York’s aging below-street infrastructure is tough to maintain")
    False
    >>> title_case("You Get Them"), title_case("and how it was")
    (True, False)
    """
    minor = common_words(MINOR_ZIPF)
    every = words_of(text)
    # A line of small words alone ("You Get Them") is title case when they are capitalized.
    words = [word for word in every if word.casefold() not in minor] or every
    return bool(words) and sum(word[0].isupper() for word in words) >= TITLE_CASE_SHARE * len(words)


# A headline with no byline or dateline under it: a first block of a few lines and words,
# with at least this many times its words in the text after it.
LONE_HEADLINE_LINES = 3
LONE_HEADLINE_WORDS = 20
LONE_HEADLINE_BODY = 3


def _title_without_anchor(draft: Draft, head: list[Line]) -> None:
    """With no byline or dateline, take a short first block as the headline when the body
    that follows it is clearly longer."""
    blocks = _blocks(head, draft)
    if blocks and len(blocks[0]) >= 2 and _stands_over(blocks[0][0], blocks[0][1]):
        # A headline over the text with no blank line between (text copied from a page).
        blocks = [blocks[0][:1], blocks[0][1:], *blocks[1:]]
    if len(blocks) < 2:
        return
    first = blocks[0]
    text = " ".join(line.text for line in first)
    words = len(words_of(text))
    if (
        len(first) <= LONE_HEADLINE_LINES
        and 1 <= words <= LONE_HEADLINE_WORDS
        and not text.endswith((".", ",", ";", ":"))
    ):
        following = sum(len(words_of(line.text)) for b in blocks[1:] for line in b)
        if following >= LONE_HEADLINE_BODY * words:
            draft.title = text
            for line in first:
                draft.set_role(line, Role.TITLE)
