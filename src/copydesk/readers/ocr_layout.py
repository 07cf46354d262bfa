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
size; a line's size is the median of its words' readings. A page's sizes are then taken
together where they lie close (:func:`grouped_sizes`): the lines of one paragraph come out
in one size, as they were set, and a headline in its own.

A scan is seldom straight: the page's slope is read from the lines' baselines and the boxes
turned back (:func:`skew`), else a column's left edge would drift across the page and every
long word's box would stand taller than its type. And a scan is seldom clean: specks
glued to a word's box are trimmed off it (:func:`trimmed`), and dirt that tesseract read
as marks or words at a line's ends is left out of the line (:func:`without_strays`).
"""

from __future__ import annotations

import statistics
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from copydesk.draft import Box

POINTS_PER_INCH = 72.0
# Grey levels (0-255) darker than this are ink: lighter than the middle, since the thin
# strokes of a serif face scanned at 150 dpi come out mid-grey, and a descender cut off at
# its thinnest row would be trimmed away with the specks (see trimmed).
INK = 170
# Letters by what they reach once a word's detached marks are trimmed (dots, accents,
# quotes, specks: see trimmed): above the x-height (capitals and digits are found by their
# category), below the baseline, a little below it.
_RISING = frozenset("bdfhklß&%$#@/\\()[]{}|")
# Letters and marks whose height above the x-height, or gap from the letters, depends on
# the font: a t, the dots of i and j, quotes.
_UNSURE = frozenset("tij'\"‘’“”`´^~°*")
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
# Sizes of lines within this share of each other, in a run, are one size measured twice
# (the spread of a line's reading on a clean scan is about 3 per cent; draft.SAME_SIZE
# takes 5 as one size); a group's size is the median of its lines' readings, weighted by
# their letters.
SIZE_STEP = 0.06
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
    lines: Sequence[Sequence[Word]], dpi: float, ink: NDArray[np.bool_] | None = None
) -> list[tuple[str, Box]]:
    """Each line's text and its box in points (top-down), with its type size and the
    width of its first word, from its words as tesseract read them at ``dpi``; ``ink`` is
    the image read, ``True`` where it is dark, on which the words' boxes are trimmed."""
    scale = POINTS_PER_INCH / dpi
    if ink is not None:
        lines = [[trimmed(word, ink) for word in line] for line in lines]
    slope = skew(lines)
    placed = [[_placed(word, slope, scale) for word in line] for line in lines if line]
    readings = _line_sizes(placed)
    sizes = grouped_sizes(readings, [sum(len(w.text) for w in line) for line in placed])
    return [
        (" ".join(w.text for w in line), _box(line, size))
        for line, size in zip(placed, sizes, strict=True)
    ]


def trimmed(word: Word, ink: NDArray[np.bool_]) -> Word:
    """The word with its box cut to its longest run of inked rows.

    Tesseract's box holds everything it took for part of the word: a speck of dirt above
    it as well as an i's dot or an accent. These stand apart from the letters by a row of
    white or more, and are cut off; the letters themselves, ascenders and descenders
    joined to them, make the longest run. (The words whose letters' heights hang on their
    dots or accents are not read for the size: see :func:`_share_of_em`.)

    >>> ink = np.zeros((20, 10), dtype=bool)
    >>> ink[2:3, 4:5] = ink[6:15, 1:9] = True  # a speck, then the letters
    >>> trimmed(Word("ox", 95, 0, 0, 10, 20), ink)
    Word(text='ox', conf=95, left=0, top=6, width=10, height=9)
    """
    top, left = max(round(word.top), 0), max(round(word.left), 0)
    block = ink[top : top + round(word.height), left : left + round(word.width)]
    rows: list[bool] = np.any(block, axis=1).tolist()
    best = (0, 0)  # (length, start) of the longest run
    start = 0
    for k, inked in enumerate([*rows, False]):
        if not inked:
            best = max(best, (k - start, start))
            start = k + 1
    length, first = best
    if length == 0:
        return word
    return replace(word, top=top + first, height=length)


def without_strays(line: Sequence[Word]) -> list[Word]:
    """The line less the specks and stray marks tesseract read at its ends.

    Dirt on a scan is read as marks and letters: a speck beside a line as a mark
    (``.``, ``-``, ``:``) far smaller than a letter both ways; a scratch or a rule as
    letters or dashes far flatter than a letter; dirt in the margin, or the grain of a
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
        if max(word.width, word.height) < SPECK * height:  # a speck
            return gap > SPECK * height
        return word.height < SPECK * height and gap > FLAT_GAP * height  # a scratch

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
    apart from the letters, depends on the font.

    >>> _share_of_em("cove"), _share_of_em("The"), _share_of_em("They"), _share_of_em("gray")
    (0.53, 0.73, 0.92, 0.73)
    >>> _share_of_em("—"), _share_of_em("it"), _share_of_em("Étés")
    (0.0, 0.0, 0.73)
    """
    base = "".join(unicodedata.normalize("NFD", c)[:1] for c in text)
    if not any(c.isalnum() for c in base):
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


def _line_sizes(lines: Sequence[Sequence[_Placed]]) -> list[float]:
    """The type size of each line: the median of its words' readings (of the words read
    surely, where there are any).

    A line without a word that says its size (``at it.``, a rule of dashes) is taken to be
    in the size of the line before it in reading order, or else of the line after it: such
    a line is short, and mostly a paragraph's last.
    """
    sizes: list[float | None] = []
    for line in lines:
        readings = [w.size for w in line if w.size and w.sure] or [w.size for w in line if w.size]
        sizes.append(statistics.median(readings) if readings else None)
    known = [k for k, size in enumerate(sizes) if size is not None]
    out: list[float] = []
    for k, size in enumerate(sizes):
        if size is None:
            near = min(known, key=lambda i: (abs(i - k), i > k), default=None)
            if near is not None:
                size = sizes[near]
            else:  # the line's height, as though it held letters of all kinds
                size = (max(w.bottom for w in lines[k]) - min(w.top for w in lines[k])) / _FULL
        assert size is not None
        out.append(size)
    return out


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


def _weighted_median(values: Sequence[float], weights: Sequence[int]) -> float:
    """The value at the middle of the weights (``values`` sorted)."""
    half = sum(max(w, 1) for w in weights) / 2
    seen = 0.0
    for value, weight in zip(values, weights, strict=True):
        seen += max(weight, 1)
        if seen >= half:
            return value
    return values[-1]


def _box(line: Sequence[_Placed], size: float) -> Box:
    """The line's box as pdfium measures a line of type: from the baseline, the font's
    ascent above and descent below (not the ink, which a drop cap or a speck would
    stretch)."""
    level = [w.bottom for w in line if not w.falls and w.letters]
    if level:
        baseline = statistics.median(level)
    else:
        baseline = statistics.median(w.bottom for w in line) - _DESCENDER * size
    first = line[0]
    return Box(
        x0=min(w.x0 for w in line),
        x1=max(w.x1 for w in line),
        top=baseline - ASCENT * size,
        bottom=baseline + DESCENT * size,
        size=size,
        word=first.x1 - first.x0,
    )


__all__ = ["Word", "grouped_sizes", "measured_lines", "skew", "trimmed", "without_strays"]
