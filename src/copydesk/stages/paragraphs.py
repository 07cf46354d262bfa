"""Stage: paragraphs rebuilt from hard-wrapped lines.

Extracted text keeps the line breaks of the page and loses the paragraph breaks. Type still
tells where they were: a line that ends with a sentence and leaves room for the next word
ends its paragraph; a line that stops mid-sentence goes on, even across a page break with
running heads or a block of link URLs between its halves. Whether blank lines separate
paragraphs in this input or only columns and pages is measured per document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise, repeat
from typing import NamedTuple

from copydesk.draft import BODY, Draft, Line, same_size
from copydesk.layout import lines_of_code, percentile, text_width
from copydesk.lexicon import keep_line_end_hyphen, zipf
from copydesk.model import Edit
from copydesk.shapes import (
    BULLET_GLYPHS,
    DROP_CAP,
    HYPHENS,
    SOFT_HYPHENS,
    UNKNOWN_HYPHEN,
)
from copydesk.traced import Anchor, Traced

_GLYPHS = re.escape(BULLET_GLYPHS)
_SENTENCE_START = re.compile(
    rf"""^(?:[“"‘'(\[¿¡]*[A-Z\d\u00C0-\u00DE\u0391-\u03A9\u0410-\u042F]|[{_GLYPHS}*–—-]\s)"""
)
_BULLET = re.compile(rf"^(?:[{_GLYPHS}*]|-\s|\^\s)")  # '^' opens a reference-list item
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+[^\s\d]")
_WORD_TAIL = re.compile(r"([^\W\d_]+)([-‐‑\u00ad\x02\ufffe])$")
_WORD_HEAD = re.compile(r"^([^\W\d_]+)")
# A period after these is an abbreviation's, not a sentence's, when a name or number follows.
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Mx|Dr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Cpl|Maj|Adm|Cmdr|St|Mt|Ft|Prof|Rev|Hon"
    r"|No|Nos|Vol|Fig|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|(?<![\w.])[A-Z])\.$"
)


# What this stage logs: lines joined with a space, joined without one (a dash, a drop
# cap), joined across a hyphen it took out, and paragraph breaks it put in.
EDIT_KINDS = frozenset({"unwrap", "join", "dehyphenate", "paragraph break"})


@dataclass(frozen=True, slots=True)
class Gap:
    """What lies between two body lines (whether a blank line does), and whether the first
    of the two itself stands after a blank line."""

    blank: bool
    blank_before_a: bool = False


# The four gaps there are, made once: a document has a gap between every two lines.
_GAPS = ((Gap(False, False), Gap(False, True)), (Gap(True, False), Gap(True, True)))


class LineFacts(NamedTuple):
    """What the break decisions ask of one line, worked out once."""

    width: int  # estimated set width of the line
    word: int  # width of a space and its first word
    syllable: int  # width of a space, its first word's first syllable and a hyphen
    terminal: bool  # ends a sentence
    abbreviated: bool  # ends with an abbreviation's period (Aug., Mr., J.)
    opens: bool  # starts a sentence
    code: bool
    drop_cap: bool
    listed: bool  # starts with a bullet or a list number
    apart: bool  # set in another type than the text (a subhead in bold), as measured


@dataclass(slots=True)
class Measure:
    """Per-document facts the break decisions depend on."""

    width: int
    hyphenates: bool
    blank_separates: bool
    indent_marks: bool
    line_end_only_hyphens: frozenset[str]
    unwrapped: bool = False  # one paragraph per line: text copied from a page, not printed


# How much of the measured column a line plus the next word may fill and still count as
# room to spare: the width estimate is only an estimate. Each was chosen by a sweep over
# the dev set's text inputs (para_f1), within the bounds that reading the page suggests.
SLACK = 0.99  # after a sentence's end: the next word would have fitted on the line
SLACK_UNTERMINATED = 0.9  # after a line that ends no sentence (a subhead): it stops well short
SLACK_LOWER = 0.85  # before a lower-case start, which goes on the sentence unless far short
RAGGED = 0.02  # more room in unjustified type, whose lines fall short of the measure
LONG_RUN = 4  # lines after which a full line ending a sentence more likely ends a paragraph
SLACK_LONG_RUN = 1.03  # ... and the room asked of it then (a line a little too full will do)
SLACK_QUOTE = 1.1  # before a quotation, which more often opens a paragraph
# Printed and extracted lines stop short of this many characters: when a third of the lines
# run longer, nothing wrapped them and each line is a paragraph (text copied from a page).
PRINTED_LINE_MAX = 200
UNWRAPPED_SHARE = 1 / 3
# First-line indents mark paragraphs when at most this share of lines is indented: more,
# and the indents are something else (text indented by its extractor, quotations). Indents
# measured on the page are trusted further: short paragraphs make many first lines.
INDENT_SHARE = 0.1
INDENT_SHARE_MEASURED = 0.35
# Type is hyphenated when this many line ends (and this share of the lines) break a word
# that goes on in lower case: a few compounds broken at their hyphen do not make it so.
HYPHENATED_LINES = 3
HYPHENATED_SHARE = 0.02
# A line of text (not a heading or a list item) for measuring the column: this many spaces.
MEASURED_LINE_SPACES = 3
COLUMN_PERCENTILE = 0.9  # the column's width: the line width that this share of lines reach
# Blank lines separate this input's paragraphs when two clear paragraph ends at least, and
# this share of them, have one.
BLANK_ENDS = 2
BLANK_SHARE = 0.6
HYPHENATE_MIN = 5  # shortest word a hyphenating typesetter breaks, and
SYLLABLE = 3  # the shortest start of it that it leaves on the line


def rebuild_paragraphs(draft: Draft) -> None:
    """Join the body lines of the draft into paragraphs, logging every join and break."""
    body, gaps = _body_and_gaps(draft.lines)
    if not body:
        return
    hyphenates = _hyphenates(body)
    facts = line_facts([line.text for line in body], hyphenates)
    measured = body[0].box is not None or body[-1].box is not None  # by a PDF reader
    if measured:
        # A printed web page sets code, links and widgets in type of their own: only a
        # typeset page's change of type marks a subhead.
        facts = _measured_facts(body, facts, styled=not draft.web_print)
    measure = _measure(body, gaps, facts, hyphenates, draft.facts.one_paragraph_per_line, measured)
    current: list[Line] = [body[0]]
    paragraphs: list[list[Line]] = []
    after_drop_cap = False
    # Gap k lies between body lines k and k + 1.
    for k, gap in enumerate(gaps):
        a, b, fa, fb = body[k], body[k + 1], facts[k], facts[k + 1]
        # Lines set beside a drop cap are short for it, not because a paragraph ends.
        if after_drop_cap and not fa.terminal:
            broken = False
        else:
            broken = _is_break(a, b, fa, fb, gap, measure, len(current))
        after_drop_cap = fa.drop_cap
        if broken:
            paragraphs.append(current)
            current = [b]
            if not gap.blank:
                draft.edits.append(_edit(draft, a, b, "paragraph break", "\n\n"))
        else:
            current.append(b)
    paragraphs.append(current)
    draft.paragraphs = [_join_lines(draft, lines, measure) for lines in paragraphs]


def line_facts(texts: list[str], hyphenates: bool = False) -> list[LineFacts]:
    """Work out once what the break decisions ask of each line (in type that is hyphenated,
    or not).

    Each fact is worked out for all lines at once, mostly by C-level maps over the texts:
    this runs for every line of every input.

    >>> f = line_facts(["the end."])[0]
    >>> f.terminal, f.opens, f.code
    (True, False, False)
    """
    words = [text.split(" ", 1)[0] for text in texts]
    word_widths = [width + SPACE for width in map(_word_width, words)]
    syllable_widths = word_widths
    if hyphenates:
        syllable_widths = list(map(_syllable_width, words, word_widths))
    abbreviated = [
        text[-1:] == "." and _ABBREVIATION.search(text[-ABBREVIATION_TAIL:]) is not None
        for text in texts
    ]
    terminal = [
        not abbr and ends_sentence(text) for text, abbr in zip(texts, abbreviated, strict=True)
    ]
    # The named tuples are made by tuple.__new__ over zipped columns: all in C, where
    # calling LineFacts(...) would run its Python constructor once per line.
    return list(
        map(
            tuple.__new__,
            repeat(LineFacts),
            zip(
                map(text_width, texts),
                word_widths,
                syllable_widths,
                terminal,
                abbreviated,
                [match is not None for match in map(_SENTENCE_START.match, texts)],
                lines_of_code(texts),
                [len(text) <= 3 and DROP_CAP.match(text) is not None for text in texts],
                [
                    not text[:1].isalpha()
                    and (_BULLET.match(text) or _NUMBERED.match(text)) is not None
                    for text in texts
                ],
                [False] * len(texts),  # apart: only a measured page tells
                strict=True,
            ),
        )
    )


def _measured_facts(
    body: list[Line], facts: list[LineFacts], *, styled: bool = True
) -> list[LineFacts]:
    """The facts of lines whose reader measured them on the page (a PDF): their widths
    from the column's left edge and their first words' widths as set, in the same unit
    (36ths of an em of their type) as the estimates they replace; and (``styled``) which
    lines are set in another weight or size than most of the text."""
    out = list(facts)
    style = _text_style(body) if styled else None
    for k, line in enumerate(body):
        box = line.box
        if box is None or box.size <= 0:
            continue
        em = box.size / 36
        width = round((box.x1 - box.x0) / em) + box.indent * 18
        apart = style is not None and (box.bold != style[0] or not same_size(box.size, style[1]))
        out[k] = facts[k]._replace(width=width, word=round(box.word / em) + SPACE, apart=apart)
    return out


def _text_style(body: list[Line]) -> tuple[bool, float] | None:
    """The weight (bold or not) and size that most of the text's characters are set in."""
    styles: Counter[tuple[bool, float]] = Counter()
    for line in body:
        if line.box is not None and line.box.size > 0:
            styles[(line.box.bold, round(line.box.size, 1))] += len(line.text)
    return styles.most_common(1)[0][0] if styles else None


def _syllable_width(word: str, word_width: int) -> int:
    """The width of a space, the first syllable of ``word`` and a hyphen: what a hyphenating
    typesetter needs to start a lower-case word of five letters or more at a line's end."""
    core = word.lstrip("“\"‘'(")
    if len(core) >= HYPHENATE_MIN and core[:SYLLABLE].isalpha() and core[0].islower():
        return text_width(word[: len(word) - len(core) + SYLLABLE] + "-") + SPACE
    return word_width


TAIL = 16  # how much of a line's end the hyphenated-word pattern needs to see
# How much of a line's end the abbreviation pattern needs to see: the longest abbreviation
# with its period (Sept.) and the character before it.
ABBREVIATION_TAIL = 6
_SENTENCE_END = frozenset(".!?…:")
_CLOSERS = "”\"’')]"
SPACE = text_width(" ")
_word_width = lru_cache(maxsize=1 << 16)(text_width)  # first words repeat: the, a, and, ...


def ends_sentence(text: str) -> bool:
    """Does ``text`` end a sentence: a period, ``!``, ``?``, ``…`` or a colon, or one of
    the first four inside closing quotes or brackets? Not a comma inside quotes: “…you,”
    he said goes on.

    >>> ends_sentence("he said."), ends_sentence("“Go!”"), ends_sentence("“you,”")
    (True, True, False)
    >>> ends_sentence("as follows:"), ends_sentence("(as follows:)")
    (True, False)
    """
    core = text.rstrip(_CLOSERS)
    if len(core) == len(text):
        return text[-1:] in _SENTENCE_END
    return core[-1:] in _SENTENCE_END and core[-1:] != ":"


def _body_and_gaps(lines: list[Line]) -> tuple[list[Line], list[Gap]]:
    """The body lines that hold text, and what lies between each of them and the next
    (lines taken out of the body, a running head or a block of links, are passed over)."""
    body: list[Line] = []
    gaps: list[Gap] = []
    blank = after_blank = False
    for line in lines:
        if not line.text:
            blank = True
        elif line.role == BODY:
            if body:
                gaps.append(_GAPS[blank][after_blank])
            after_blank = blank or not body
            body.append(line)
            blank = False
    return body, gaps


def _hyphenates(body: list[Line]) -> bool:
    """Is the type hyphenated: do words break at line ends now and then?"""
    texts = [line.text for line in body]
    broken = sum(
        1
        for a, b in pairwise(texts)
        if b[:1].islower() and a[-1:] in HYPHENS and _WORD_TAIL.search(a[-TAIL:])
    )
    return broken >= max(HYPHENATED_LINES, HYPHENATED_SHARE * len(body))


def _measure(
    body: list[Line],
    gaps: list[Gap],
    facts: list[LineFacts],
    hyphenates: bool,
    unwrapped: bool,
    measured: bool,
) -> Measure:
    widths = [
        fact.width
        for line, fact in zip(body, facts, strict=True)
        if not fact.code and line.text.count(" ") >= MEASURED_LINE_SPACES
    ]
    width = percentile(widths, COLUMN_PERCENTILE) or max(f.width for f in facts)
    # Do blank lines separate paragraphs here? Look at the clear paragraph ends.
    ends = blank_after = 0
    for k, gap in enumerate(gaps):
        fa, fb = facts[k], facts[k + 1]
        if fa.terminal and fb.opens and _fits(fa, fb, width, SLACK, False):
            ends += 1
            blank_after += gap.blank
    indented = sum(1 for line in body if line.indent > 0)
    indent_share = INDENT_SHARE_MEASURED if measured else INDENT_SHARE
    long_lines = sum(1 for line in body if len(line.text) > PRINTED_LINE_MAX)
    return Measure(
        width=width,
        hyphenates=hyphenates,
        blank_separates=ends >= BLANK_ENDS and blank_after >= BLANK_SHARE * ends,
        indent_marks=0 < indented <= indent_share * len(body),
        line_end_only_hyphens=_line_end_only_hyphens(body),
        unwrapped=unwrapped or long_lines >= UNWRAPPED_SHARE * len(body),
    )


def _line_end_only_hyphens(body: list[Line]) -> frozenset[str]:
    """Hyphen characters that occur only at line ends: the typesetter's discretionary marks.

    A renderer that hyphenates with U+2010 while the text spells compounds with U+002D shows
    its own breaks by that character alone.
    """
    texts = [line.text for line in body]
    at_end = {text[-1] for text in texts if text[-1:] in HYPHENS}
    inside = "\n".join(text[:-1] for text in texts)
    # The plain hyphen-minus is every text's own hyphen, and pdfium's unknown one may be:
    # neither is taken for the typesetter's mark.
    plain = {"-", UNKNOWN_HYPHEN}
    return frozenset((at_end - {ch for ch in HYPHENS if ch in inside} - plain) | SOFT_HYPHENS)


def _fits(a: LineFacts, b: LineFacts, width: int, slack: float, hyphenates: bool) -> bool:
    """Would the first word of ``b`` (or, where the type is hyphenated, its first
    syllable and a hyphen) have fitted at the end of ``a``?

    Extraction sometimes runs two printed lines into one; then only the overflow counts.
    """
    used = a.width
    if used > width * 1.15:
        used -= width * int(used // width)
    return used + (b.syllable if hyphenates else b.word) <= width * slack


def _is_break(
    a: Line, b: Line, fa: LineFacts, fb: LineFacts, gap: Gap, measure: Measure, run: int
) -> bool:
    """Does a paragraph end between line ``a`` and line ``b``?"""
    if fa.drop_cap:
        return False
    if fa.apart != fb.apart:
        return True  # the type changes: a subhead in bold starts or ends
    width, hyphenates = measure.width, measure.hyphenates
    if fa.code and fb.code:
        return False  # a block of code stays one block
    if measure.unwrapped:
        return True  # no line was wrapped: each ends its paragraph
    if fb.code:
        return fa.terminal or _fits(fa, fb, width, SLACK, hyphenates)
    if fa.code:
        return fb.opens or gap.blank
    if fb.listed and (fa.terminal or fa.listed or _fits(fa, fb, width, SLACK, hyphenates)):
        return True
    if not fb.opens:
        # A lower-case start goes on the sentence, whatever lies between, unless the line
        # before ended a sentence well short of the margin ("cors" mode is ...).
        return fa.terminal and _fits(fa, fb, width, SLACK_LOWER, hyphenates)
    if gap.blank and (measure.blank_separates or fa.terminal):
        return True  # space above a new sentence: a paragraph break more often than not
    if measure.indent_marks and b.indent > a.indent and fa.terminal:
        return True
    if fa.abbreviated:
        return False  # "on Aug." / "16": the sentence goes on, however short the line
    if fa.terminal:
        if measure.blank_separates:
            # Blank lines mark this input's paragraphs: without one, only a line that
            # stops well short of the margin ends a paragraph.
            return _fits(fa, fb, width, SLACK_LOWER, hyphenates)
        # After many lines, a full line that ends a sentence more likely ends the paragraph
        # too: give the width estimate the benefit of the doubt.
        slack = SLACK_LONG_RUN if run >= LONG_RUN else SLACK
        if b.text[:1] in '“"‘':
            slack = max(slack, SLACK_QUOTE)  # a quotation more often opens a paragraph
        if not hyphenates:
            slack += RAGGED  # unjustified type: the usual line falls further short
        return _fits(fa, fb, width, slack, hyphenates)
    # No sentence end: only a short line (a subhead, a list item) ends a block; a subhead
    # usually has space above it.
    return _fits(fa, fb, width, SLACK if gap.blank_before_a else SLACK_UNTERMINATED, hyphenates)


def _edit(draft: Draft, a: Line, b: Line, kind: str, after: str) -> Edit:
    """An edit for what lies between the end of ``a`` and the start of ``b`` (nothing, at
    the end of ``a``, where ``b`` stands before it in the input: the next column)."""
    end = max(a.end, b.start)
    edit: Edit = tuple.__new__(Edit, (kind, a.end, end, draft.source[a.end : end], after))
    return edit


def _join_lines(draft: Draft, lines: list[Line], measure: Measure) -> Traced:
    """One paragraph from its lines, each join logged; the text keeps its map to the input."""
    texts: list[str] = []
    anchors: list[Anchor] = []
    out = 0
    for k, line in enumerate(lines):
        if k:
            a = lines[k - 1]
            if len(a.text) > 2 and a.text[-1] not in _JOIN_MARKS and line.text[:1] != "—":
                glue, cut = " ", 0  # the common case, which _glue would answer the same
            else:
                glue, cut = _glue(a.text, line.text, measure)
            if cut:
                texts[-1] = texts[-1][:-cut]
                out -= cut
                while anchors[-1][0] > out:  # a jump inside the cut hyphen goes with it
                    anchors.pop()
            start = a.end - cut
            kind = "dehyphenate" if cut else ("unwrap" if glue == " " else "join")
            # A line read from the next column stands before this one in the input: only
            # the cut hyphen, at this line's end, was replaced.
            end = max(line.start, a.end)
            # tuple.__new__ makes the named tuple in C: one per line of the article.
            draft.edits.append(
                tuple.__new__(Edit, (kind, start, end, draft.source[start:end], glue))
            )
            if glue:
                anchors.append((out, start))
                texts.append(glue)
                out += len(glue)
        if line.trace is None:  # the common case: the line is the input as it stands
            anchors.append((out, line.start))
        else:
            anchors += [(pos + out, src) for pos, src in line.trace.anchors]
        texts.append(line.text)
        out += len(line.text)
    return Traced.from_anchors("".join(texts), anchors)


_JOIN_MARKS = HYPHENS | {"—", "/"}  # line ends after which _glue may join without a space


def _glue(a: str, b: str, measure: Measure) -> tuple[str, int]:
    """How to join line ``a`` to line ``b``: the glue text and how many characters to cut.

    >>> m = Measure(1000, False, False, False, frozenset({"\\u2010"}))
    >>> _glue("resis-", "tance to", m), _glue("filter-", "feeder", m), _glue("L", "ONDON —", m)
    (('', 1), ('', 0), ('', 0))
    """
    if len(a) <= 3 and DROP_CAP.match(a):
        if a[-1] in "’'":
            return "", 0  # I' + ve
        return ("" if _glue_drop_cap(a[-1], b) else " "), 0
    tail = _WORD_TAIL.search(a[-TAIL:]) if a[-1:] in HYPHENS else None
    if tail:
        head = _WORD_HEAD.match(b)
        mark = tail.group(2)
        # pdfium's mark joins a word whatever case goes on (Anglo-American).
        if head and (
            b[0].islower() or mark == UNKNOWN_HYPHEN or mark in measure.line_end_only_hyphens
        ):
            if mark in measure.line_end_only_hyphens:
                return "", 1
            if keep_line_end_hyphen(tail.group(1), head.group(1)):
                return "", 0
            return "", 1
    if a.endswith(("—", "/")) and not a.endswith((" —", " /")):
        return "", 0
    if b.startswith("—") and len(b) > 1 and not b[1].isspace():
        return "", 0
    return " ", 0


def _glue_drop_cap(letter: str, following: str) -> bool:
    """Does a drop cap belong to the first word of the line after it?

    A letter that is no word alone always does (``L`` + ``ONDON``); ``A`` and ``I`` do when
    the joined word is the likelier reading (``A`` + ``fter``, but ``I`` + ``don't``).

    >>> _glue_drop_cap("L", "ONDON —"), _glue_drop_cap("A", "fter the war")
    (True, True)
    >>> _glue_drop_cap("I", "don't")
    False
    """
    if zipf(letter) < 7.0:
        return True
    head = _WORD_HEAD.match(following)
    if not head:
        return False
    word = head.group(1)
    joined = zipf(letter + word)
    return joined >= 3.0 and joined > zipf(word)
