"""Measured lines from tesseract's words: where each line of a scan stands, and its type.

A scanned page has no text layer to say how its type is set, but the pixels show it:
tesseract gives each word's box, and from those this module makes, for each line it read,
a :class:`~copydesk.draft.Box` in PDF points, top-down, as the PDF reader measures a line
of a born-digital page. The PDF reader then lays a scanned page out as it lays out a
born-digital one (reading order, columns, blocks, indents), and the stages read the
headline by its size and paragraph ends by the lines' widths on scans too.

The size of type is read from a word's height, which depends on its letters: a word of
x-height letters only (``cove``) stands about half an em tall, one with a capital or an
ascender (``The``) three quarters, one that also reaches below the baseline (``They``)
about one em. Each word's height over its letters' share of the em is one reading of the
size; a line's size is the median of its words' readings. Lines set one under another
at the leading of their type and read near are one size (a headline's few lines among
them), and a page's sizes are then taken together where they lie close
(:func:`grouped_sizes`): the lines of one paragraph come out in one size, as they were
set, and a headline in its own.

A scan is seldom straight: the page's slope is read from the lines' baselines and the boxes
turned back (:func:`skew`), else a column's left edge would drift across the page and every
long word's box would stand taller than its type. And a scan is seldom clean: specks
glued to a word's box are trimmed off it (:func:`trimmed`), and dirt that tesseract read
as marks or words at a line's ends is left out of the line (:func:`without_strays`). Nor
does tesseract always keep columns apart: a line it read across the gutter is cut there,
and a block it read across two columns is given column by column.
"""

from __future__ import annotations

import bisect
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray

from copydesk.draft import Box

POINTS_PER_INCH = 72.0
# Grey levels (0-255) darker than this are ink: lighter than the middle, since the thin
# strokes of a serif face scanned at 150 dpi come out mid-grey, and a descender cut off at
# its thinnest row would be trimmed away with the specks (see trimmed). A letter's edge
# is where the grey is half dark: a blurred scan spreads light grey beyond it.
INK = 170
EDGE = 128
# Letters by what they reach once a word's detached marks are trimmed (dots, accents,
# quotes, specks: see trimmed): above the x-height (capitals and digits are found by their
# category), below the baseline, a little below it.
_RISING = frozenset("bdfhklß&%$#@/\\()[]{}|")
# Letters and marks whose height above the x-height, or gap from the letters, depends on
# the font: a t, the dots of i and j, quotes.
_UNSURE = frozenset("tij'\"‘’“”`´^~°*")
# Capitals whose tails reach below the baseline in some faces and not in others.
_TAILED = frozenset("JQ")
_FALLING = frozenset("gjpqy()[]{}|")
_DIPPING = frozenset(",;")
# A word's height as a share of its type's size (the em), by the letters it holds,
# measured on tesseract's boxes of the generated layouts' body text (bench/layouts,
# straightened and trimmed): the middle of DejaVu Sans and Serif and Liberation Serif,
# which differ by five per cent either way. A page's text is one font, so its lines
# compare alike.
_FULL = 0.92  # capitals or ascenders, and descenders (``They``)
_RISER = 0.73  # capitals or ascenders only (``The``, ``NEWS``)
_FALLER = 0.73  # x-height letters and descenders (``gray``)
_X_HEIGHT = 0.53  # x-height letters only (``cove``)
_DIP = 0.09  # what a comma adds below the baseline
_ANY = 0.8  # a word of letters of any kind: between the x-height's share and the full one
LONE_LINE = 1.5  # a line read this near a line beside it, roughly, is in its size
# The baseline of a line of type lies this share of its size above the bottom of its
# descenders, and its box (as pdfium measures one: the font's ascent and descent) reaches
# so far above and below the baseline.
_DESCENDER = 0.21
ASCENT = 0.9
DESCENT = 0.25
# The page's slope: measured on lines of at least this many words without descenders,
# and believed up to this far down per unit across (5 degrees: a scan turned further is
# one to straighten before reading; a wilder slope is a misreading).
SLOPE_WORDS = 3
MAX_SLOPE = 0.09
# A word's reading of the size counts when tesseract was this sure of the word (0-100):
# a speck read as a letter has the height of the speck.
SURE_OF_SIZE = 60
# Dirt at a line's ends, measured in the height of the line's words (ink of an ascender
# and a descender, or of capitals: about an em): a speck is smaller than SPECK both ways
# and stands apart; a scratch is as flat, and stands apart by FLAT_GAP or more (a dash
# set in the text stands one space from its word, a third of that). Words beyond a gap of
# STRAY_GAP (a gutter between columns, which tesseract may read across as one line, is
# about 1.5) are dirt when tesseract was on the whole less sure of them than STRAY_CONF,
# or they are all smaller than SMALL (an x-height letter is 0.6).
SPECK = 0.3
FLAT_GAP = 1.0
STRAY_GAP = 3.0
STRAY_CONF = 50
SMALL = 0.5
# A space at least this many ems wide, which ends where COLUMN_LINES lines or more start,
# is a gutter between columns (5 mm in the generated layouts, 1.3 to 1.7 ems; a space of
# justified type is a third of an em, seldom one).
GUTTER = 0.9
COLUMN_LINES = 3
INDENTS = 6  # ems: an edge where lines start this close right of another is an indent
# Sizes of lines within this share of each other, in a run, are one size measured twice
# (the spread of a line's reading on a clean scan is about 3 per cent; draft.SAME_SIZE
# takes 5 as one size); a group's size is the median of its lines' readings, weighted by
# their letters.
SIZE_STEP = 0.06
# Lines set one under another at most this many of their sizes apart (text and headlines
# are set at 1.0 to 1.4; a dek or a byline stands further under a headline), whose sizes
# are read within RUN_STEP of each other, are one size (see _runs).
RUN_LEADING = 1.6
RUN_STEP = 0.12
LEADING_JITTER = 0.1  # steps between a run's lines this close to their median are even
SIZE_DIGITS = 1  # sizes are given to a tenth of a point, as the stages compare them


@dataclass(frozen=True, slots=True)
class Word:
    """One word as tesseract read it: its text, how sure it was (0-100), its box (pixels
    of the image read, from the top left)."""

    text: str
    conf: float
    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class _Placed:
    """A word's box in points, turned straight, and its reading of the type size."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # 0 where its letters say nothing of the size (a dash)
    letters: bool  # holds a letter or a digit (which stand on the baseline)
    falls: bool  # reaches below it
    sure: bool


def measured_lines(
    lines: Sequence[Sequence[Word]],
    dpi: float,
    grey: NDArray[np.uint8] | None = None,
    blocks: Sequence[int] | None = None,
) -> list[tuple[str, Box]]:
    """Each line's text and its box in points (top-down), with its type size and the
    width of its first word, from its words as tesseract read them at ``dpi``, in its
    reading order; ``grey`` is the image read (grey levels), on which the words' boxes
    are trimmed, ``blocks`` the block tesseract found each line in."""
    scale = POINTS_PER_INCH / dpi
    if grey is not None:
        lines = [[trimmed(word, grey) for word in line] for line in lines]
    slope = skew(lines)
    placed = [[_placed(word, slope, scale) for word in line] for line in lines]
    placed = _split_at_gutters(placed, range(len(placed)) if blocks is None else blocks)
    readings = _line_sizes(placed)
    baselines = [_baseline(line, size) for line, size in zip(placed, readings, strict=True)]
    weights = [sum(len(w.text) for w in line) for line in placed]
    runs = _runs(placed, readings, baselines, weights)
    run_sizes = grouped_sizes(
        [_size_of(run, readings, weights) for run in runs],
        [sum(weights[k] for k in run) for run in runs],
    )
    sizes = [0.0] * len(placed)
    for run, size in zip(runs, run_sizes, strict=True):
        for k in run:
            sizes[k] = size
    _even_leading(runs, run_sizes, baselines)
    return [
        (" ".join(w.text for w in line), _box(line, size, baseline))
        for line, size, baseline in zip(placed, sizes, baselines, strict=True)
    ]


def trimmed(word: Word, grey: NDArray[np.uint8]) -> Word:
    """The word with its box cut to its longest run of inked rows, and that run to the
    rows where the ink is darker than the middle grey.

    Tesseract's box holds everything it took for part of the word: a speck of dirt above
    it as well as an i's dot or an accent. These stand apart from the letters by a row of
    white or more, and are cut off; the letters themselves, ascenders and descenders
    joined to them, make the longest run. (The words whose letters' heights hang on their
    dots or accents are not read for the size: see :func:`_share_of_em`.) Light grey
    joins the letters' thin strokes (:data:`INK`), but a blurred scan spreads it beyond
    their edges, which lie where the grey is half dark (:data:`EDGE`).

    >>> grey = np.full((20, 10), 255, dtype=np.uint8)
    >>> grey[2:3, 4:5] = grey[6:15, 1:9] = 0  # a speck, then the letters
    >>> grey[5, 1:9] = grey[15, 1:9] = 150  # their blurred edges
    >>> trimmed(Word("ox", 95, 0, 0, 10, 20), grey)
    Word(text='ox', conf=95, left=0, top=6, width=10, height=9)
    """
    top, left = max(round(word.top), 0), max(round(word.left), 0)
    block = grey[top : top + round(word.height), left : left + round(word.width)]
    rows: list[bool] = np.any(block < INK, axis=1).tolist()
    best = (0, 0)  # (length, start) of the longest run
    start = 0
    for k, inked in enumerate([*rows, False]):
        if not inked:
            best = max(best, (k - start, start))
            start = k + 1
    length, first = best
    if length == 0:
        return word
    dark: list[bool] = np.any(block[first : first + length] < EDGE, axis=1).tolist()
    if any(dark):
        last = first + len(dark) - dark[::-1].index(True)
        first += dark.index(True)
        length = last - first
    return replace(word, top=top + first, height=length)


def without_strays(line: Sequence[Word]) -> list[Word]:
    """The line less the specks and stray marks tesseract read at its ends.

    Dirt on a scan is read as marks and letters: a speck beside a line as a mark
    (``.``, ``-``, ``:``) far smaller than a letter both ways, or (beside large type) as
    marks or small letters that tesseract is unsure of; a scratch or a rule as letters or
    dashes far flatter than a letter; dirt in the margin, or the grain of a
    photo beside the text, as a run of words that tesseract is unsure of (or of small
    letters) far from the line's text. Any of them would stretch the line's box over the
    margin, and its text would end in them, not in its last word's period. Each is told by
    its size against the height of the line's words, and by the gap between it and the
    line (a period or a dash set close to its word stays, and so does a column that
    tesseract read on into across the gutter: it is sure of its words).

    >>> words = [Word(t, c, x, 0, w, h) for t, c, x, w, h in [
    ...     (".", 64, 0, 2, 2), ("For", 96, 31, 63, 29), ("whatever", 95, 106, 177, 34),
    ...     ("reason.", 96, 300, 136, 27), ("os", 42, 490, 72, 3), ("eet", 7, 711, 128, 28),
    ...     ("Ge", 53, 900, 30, 46)]]
    >>> [word.text for word in without_strays(words)]
    ['For', 'whatever', 'reason.']
    """
    heights = [word.height for word in line if any(c.isalnum() for c in word.text)]
    if not heights:
        return list(line)
    height = statistics.median(heights)
    words = list(line)

    def gap(k: int) -> float:  # between word k - 1 and word k
        return words[k].left - (words[k - 1].left + words[k - 1].width)

    def dirt(word: Word, gap: float) -> bool:
        if max(word.width, word.height) < SPECK * height and gap > SPECK * height:  # a speck
            return True
        if word.height < SPECK * height and gap > FLAT_GAP * height:  # a scratch
            return True
        # Marks, or small letters, that tesseract was unsure of: a speck beside large type.
        letters = any(c.isalnum() for c in word.text)
        return word.conf < STRAY_CONF and (not letters or word.height < SMALL * height)

    def unsure(run: list[Word]) -> bool:
        return sum(word.conf for word in run) / len(run) < STRAY_CONF or all(
            word.height < SMALL * height for word in run
        )

    def clean_ends() -> None:
        while len(words) > 1 and dirt(words[-1], gap(len(words) - 1)):
            words.pop()
        while len(words) > 1 and dirt(words[0], gap(1)):
            words.pop(0)

    clean_ends()
    wide = [k for k in range(1, len(words)) if gap(k) > STRAY_GAP * height]
    end = next((k for k in wide if unsure(words[k:])), len(words))
    start = next((k for k in reversed(wide) if k < end and unsure(words[:k])), 0)
    if (start, end) != (0, len(words)):
        words = words[start:end]
        clean_ends()  # the specks that stood between the text and the dirt
    return words


def skew(lines: Iterable[Sequence[Word]]) -> float:
    """How far the page's lines fall (pixels down per pixel across; negative: they rise):
    the median slope of the baselines of lines of :data:`SLOPE_WORDS` words or more
    without descenders, each fitted by least squares through its words' bottoms.

    >>> words = enumerate(["The", "old", "mill"])
    >>> line = [Word(word, 95, 100 * k, 10 + 2 * k, 80, 30) for k, word in words]
    >>> round(skew([line]), 3)
    0.02
    """
    slopes: list[float] = []
    for line in lines:
        points = [
            (word.left + word.width / 2, word.top + word.height)
            for word in line
            if word.conf >= SURE_OF_SIZE and not _falls(word.text)
        ]
        if len(points) < SLOPE_WORDS:
            continue
        mean_x = sum(x for x, _ in points) / len(points)
        mean_y = sum(y for _, y in points) / len(points)
        spread = sum((x - mean_x) ** 2 for x, _ in points)
        if spread > 0:
            slopes.append(sum((x - mean_x) * (y - mean_y) for x, y in points) / spread)
    if not slopes:
        return 0.0
    slope = statistics.median(slopes)
    return slope if abs(slope) <= MAX_SLOPE else 0.0


def _falls(text: str) -> bool:
    return any(c in _FALLING for c in text)


def _share_of_em(text: str) -> float:
    """The share of an em a word of ``text`` stands tall (0 where its letters do not say).

    A word whose only letters above the x-height are t's, or dots, accents and quotes
    (``it``, ``été``, ``“so``) says nothing: how far they reach, and whether they stand
    apart from the letters, depends on the font; nor does one with a J or a Q, whose tail
    reaches below the baseline in some faces.

    >>> _share_of_em("cove"), _share_of_em("The"), _share_of_em("They"), _share_of_em("gray")
    (0.53, 0.73, 0.92, 0.73)
    >>> _share_of_em("—"), _share_of_em("it"), _share_of_em("Étés"), _share_of_em("Just")
    (0.0, 0.0, 0.73, 0.0)
    """
    base = "".join(unicodedata.normalize("NFD", c)[:1] for c in text)
    if not any(c.isalnum() for c in base) or any(c in _TAILED for c in base):
        return 0.0
    rises = any(c in _RISING or c.isupper() or c.isdigit() for c in base)
    if not rises and (base != text or any(c in _UNSURE for c in base)):
        return 0.0
    falls = _falls(base)
    if rises and falls:
        return _FULL
    share = _RISER if rises else _FALLER if falls else _X_HEIGHT
    return share + _DIP if any(c in _DIPPING for c in text) else share


def _placed(word: Word, slope: float, scale: float) -> _Placed:
    """The word's box turned back by the page's slope, in points, and its reading of the
    size. A box around a word that slopes stands taller than the word by the width times
    the slope: that is taken off its height."""
    cx = word.left + word.width / 2
    cy = word.top + word.height / 2
    # A small turn about the image's top left corner: the baselines become level and the
    # columns' edges upright.
    cx, cy = cx + slope * cy, cy - slope * cx
    height = max(word.height - abs(slope) * word.width, word.height / 2)
    share = _share_of_em(word.text)
    return _Placed(
        word.text,
        (cx - word.width / 2) * scale,
        (cx + word.width / 2) * scale,
        (cy - height / 2) * scale,
        (cy + height / 2) * scale,
        height * scale / share if share else 0.0,
        any(c.isalnum() for c in word.text),
        _falls(word.text) or any(c in _DIPPING for c in word.text),
        word.conf >= SURE_OF_SIZE,
    )


def _split_at_gutters(
    lines: Sequence[Sequence[_Placed]], blocks: Sequence[int]
) -> list[list[_Placed]]:
    """The lines, those that tesseract read across the gutter between two columns cut
    there, and the lines of each block given column by column.

    Where columns stand close, tesseract may read a line of one and the line beside it
    in the next as one line, or the lines of two columns as one block, line by line
    across. A line is cut where a space of :data:`GUTTER` ems or more ends at the left
    edge of a column (where :data:`COLUMN_LINES` lines or more start); the lines of a
    block, and the parts of its lines, are then given as the columns are read, column by
    column, each in tesseract's order.

    >>> def line(x0, words):
    ...     return [_Placed(w, x0 + 30 * k, x0 + 30 * k + 25, 0, 7, 10, True, False, True)
    ...             for k, w in enumerate(words.split())]
    >>> lines = [line(50, "a b c d"), line(50, "e f g h"), line(170, "x y z"),
    ...          line(50, "i j k"), line(170, "w v u"), line(170, "t s")]
    >>> lines[1][2:] = line(170, "g h")
    >>> parts = _split_at_gutters(lines, [1, 1, 1, 3, 3, 4])
    >>> [" ".join(w.text for w in part) for part in parts]
    ['a b c d', 'e f', 'g h', 'x y z', 'i j k', 'w v u', 't s']
    """
    sizes = _line_sizes(lines)
    starts = Counter(round(line[0].x0) for line in lines if line)
    edges = sorted(x for x, n in starts.items() if n >= COLUMN_LINES)
    size = statistics.median(sizes) if sizes else 0.0
    # The columns' left edges: an edge a few ems right of another is an indent in it.
    columns = [x for k, x in enumerate(edges) if k == 0 or x - edges[k - 1] > INDENTS * size]
    out: list[list[_Placed]] = []
    block: list[list[_Placed]] = []  # the parts of the lines of one block
    for k, (line, size) in enumerate(zip(lines, sizes, strict=True)):
        cuts = [
            i
            for i in range(1, len(line))
            if line[i].x0 - line[i - 1].x1 >= GUTTER * size
            and any(abs(line[i].x0 - edge) <= 0.5 * size for edge in edges)
        ]
        block.extend(list(line[a:b]) for a, b in pairwise([0, *cuts, len(line)]) if b > a)
        if k + 1 == len(lines) or blocks[k + 1] != blocks[k]:
            out.extend(sorted(block, key=lambda part: bisect.bisect(columns, part[0].x0 + size)))
            block = []
    return out


def _line_sizes(lines: Sequence[Sequence[_Placed]]) -> list[float]:
    """The type size of each line: the median of its words' readings (of the words read
    surely, where there are any).

    A line without a word that says its size (``at it.``, ``Just-released``, a rule of
    dashes) is short, and set in the size of a line beside it: of the lines before and
    after it in reading order, the one whose size its height comes nearer (its height
    read as though it held letters of every kind), where it comes within
    :data:`LONE_LINE` of it; else that rough reading is its size.
    """
    sizes: list[float | None] = []
    for line in lines:
        readings = [w.size for w in line if w.size and w.sure] or [w.size for w in line if w.size]
        sizes.append(statistics.median(readings) if readings else None)
    out: list[float] = []
    for k, size in enumerate(sizes):
        if size is None:
            inked = [w.bottom - w.top for w in lines[k] if w.letters] or [
                w.bottom - w.top for w in lines[k]
            ]
            rough = statistics.median(inked) / _ANY if inked else 0.0
            beside = [
                near
                for near in (_known(sizes, k, -1), _known(sizes, k, 1))
                if near is not None
                and rough > 0
                and max(near, rough) <= LONE_LINE * min(near, rough)
            ]
            size = min(beside, key=lambda near: max(near, rough) / min(near, rough), default=rough)
        out.append(size)
    return out


def _known(sizes: Sequence[float | None], k: int, step: int) -> float | None:
    """The first size known from line ``k`` on, going ``step`` by ``step``."""
    k += step
    while 0 <= k < len(sizes):
        if sizes[k] is not None:
            return sizes[k]
        k += step
    return None


def grouped_sizes(readings: Sequence[float], weights: Sequence[int]) -> list[float]:
    """The lines' sizes, readings that lie close taken as one size.

    The readings are sorted and cut where one is more than :data:`SIZE_STEP` larger than
    the one before; each group's size is its weighted median reading.

    >>> grouped_sizes([10.1, 9.8, 24.5, 10.3, 23.9, 8.1], [50, 50, 20, 50, 20, 30])
    [10.1, 10.1, 23.9, 10.1, 23.9, 8.1]
    """
    order = sorted(range(len(readings)), key=lambda k: readings[k])
    out = [0.0] * len(readings)
    group: list[int] = []
    for k in [*order, -1]:
        if group and (k < 0 or readings[k] > readings[group[-1]] * (1 + SIZE_STEP)):
            size = round(
                _weighted_median([readings[i] for i in group], [weights[i] for i in group]),
                SIZE_DIGITS,
            )
            for i in group:
                out[i] = size
            group = []
        if k >= 0:
            group.append(k)
    return out


def _size_of(lines: list[int], readings: Sequence[float], weights: Sequence[int]) -> float:
    """The median of the readings of ``lines``, weighted by their letters."""
    ordered = sorted(lines, key=readings.__getitem__)
    return _weighted_median([readings[k] for k in ordered], [weights[k] for k in ordered])


def _weighted_median(values: Sequence[float], weights: Sequence[int]) -> float:
    """The value at the middle of the weights (``values`` sorted)."""
    half = sum(max(w, 1) for w in weights) / 2
    seen = 0.0
    for value, weight in zip(values, weights, strict=True):
        seen += max(weight, 1)
        if seen >= half:
            return value
    return values[-1]


def _baseline(line: Sequence[_Placed], size: float) -> float:
    """Where the line's letters stand: the median bottom of its words without descenders
    (of all its words, less a descender's depth, where each has one)."""
    level = [w.bottom for w in line if not w.falls and w.letters]
    if level:
        return statistics.median(level)
    return statistics.median(w.bottom for w in line) - _DESCENDER * size


def _runs(
    lines: Sequence[Sequence[_Placed]],
    readings: Sequence[float],
    baselines: Sequence[float],
    weights: Sequence[int],
) -> list[list[int]]:
    """The lines in runs that are set in one size: each line of a run stands under the
    one before it, across the same stretch of the page, at most :data:`RUN_LEADING` of
    its size lower, and its size is read within :data:`RUN_STEP` of the run's.

    The lines of a headline are few, of few words each, and set close: an ascender of
    one touching a descender of the line above stretches a word's height, and a line's
    reading can be out by more than two sizes set apart differ (:data:`SIZE_STEP`). Set
    one under another at the leading of their type, and read near, they are one size.
    """
    runs: list[list[int]] = []
    for k, line in enumerate(lines):
        if runs:
            run = runs[-1]
            last = run[-1]
            size = _size_of(run, readings, weights)
            step = baselines[k] - baselines[last]
            across = _x0(line) < _x1(lines[last]) and _x0(lines[last]) < _x1(line)
            near = max(size, readings[k]) <= (1 + RUN_STEP) * min(size, readings[k])
            if across and near and 0 < step <= RUN_LEADING * max(size, readings[k]):
                run.append(k)
                continue
        runs.append([k])
    return runs


def _even_leading(runs: list[list[int]], sizes: list[float], baselines: list[float]) -> None:
    """Set the lines of each run at one leading where they were read at nearly one: the
    leading of their size on the page.

    Type is set at an even leading, but a baseline read from pixels is out by a pixel or
    two either way; the layout counts the steps from line to line to find the text's
    leading (and the blank space between blocks, which is wider), and jittered steps fall
    apart into neighbouring counts. A step between two lines of a run within
    :data:`LEADING_JITTER` of the median step of the runs in its size is that step.

    >>> baselines = [100.0, 112.6, 124.7, 137.4, 160.0, 172.3]
    >>> _even_leading([[0, 1, 2, 3], [4, 5]], [9.0, 9.0], baselines)
    >>> [round(b, 1) for b in baselines]
    [100.0, 112.5, 124.9, 137.4, 160.0, 172.4]
    """
    steps: dict[float, list[float]] = {}
    for run, size in zip(runs, sizes, strict=True):
        steps.setdefault(size, []).extend(baselines[b] - baselines[a] for a, b in pairwise(run))
    leading = {size: statistics.median(found) for size, found in steps.items() if found}
    for run, size in zip(runs, sizes, strict=True):
        for a, b in pairwise(run):
            step = baselines[b] - baselines[a]
            if abs(step - leading[size]) <= LEADING_JITTER * leading[size]:
                baselines[b] = baselines[a] + leading[size]


def _x0(line: Sequence[_Placed]) -> float:
    return min(w.x0 for w in line)


def _x1(line: Sequence[_Placed]) -> float:
    return max(w.x1 for w in line)


def _box(line: Sequence[_Placed], size: float, baseline: float) -> Box:
    """The line's box as pdfium measures a line of type: from the baseline, the font's
    ascent above and descent below (not the ink, which a drop cap or a speck would
    stretch)."""
    first = line[0]
    return Box(
        x0=_x0(line),
        x1=_x1(line),
        top=baseline - ASCENT * size,
        bottom=baseline + DESCENT * size,
        size=size,
        word=first.x1 - first.x0,
    )


__all__ = ["Word", "grouped_sizes", "measured_lines", "skew", "trimmed", "without_strays"]
