"""Stage: words repaired, conservatively, with word statistics rather than hand lists.

Each fix is a small pure function from a paragraph's text to the changes it proposes,
``(start, end, replacement)``; :data:`WORD_FIXES` is their ordered registry. A fix never
invents a word: every word it outputs is an input word, or a join or split of input words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain

from copydesk.draft import Draft
from copydesk.layout import looks_like_code
from copydesk.lexicon import common_words, keep_line_end_hyphen, zipf
from copydesk.shapes import UNKNOWN_HYPHEN

Change = tuple[int, int, str]

_DOTS = re.compile(r"(?<![.…])\.(?: ?\.){2,}(?![.…])")


def fix_ellipses(text: str) -> Iterator[Change]:
    """Respace ellipses that extraction broke (``. ..``) as spaced dots.

    Dots set apart by thin spaces come out of PDFs unevenly spaced. Three dots after a
    word are an ellipsis that stands apart from it; four are a period and an ellipsis.
    Dots spaced evenly (``...`` or ``. . .``) are the author's style and stay.

    >>> from copydesk.stages.words import apply
    >>> apply(fix_ellipses, "freedom. . .. No")
    'freedom. . . . No'
    >>> apply(fix_ellipses, "I learned. .. at King's")
    "I learned . . . at King's"
    >>> apply(fix_ellipses, "Wait... what? And . . . this. Since 2015. ... ever")
    'Wait... what? And . . . this. Since 2015. ... ever'
    """
    if ".." not in text and ". ." not in text:
        return  # no run of three dots without two of them close together
    for match in _DOTS.finditer(text):
        run = match.group()
        if "..." in run or " ." * (run.count(".") - 1) == run[1:]:
            continue
        dots = run.count(".")
        spaced = " ".join("." * dots)
        start = match.start()
        attached = start > 0 and not text[start - 1].isspace()
        if dots == 3 and attached and text[start - 1].isalnum():
            spaced = " " + spaced
        yield start, match.end(), spaced


_LETTERS = re.compile(r"[^\W\d_]{4,}")
# The same runs in text whose letters are all ASCII (curly quotes and dashes aside), where
# the engine checks a plain range instead of Unicode categories at every character: much
# faster.
_ASCII_LETTERS = re.compile(r"[A-Za-z]{4,}")
_NON_ASCII_LETTER = re.compile(r"[^\x00-\x7f\W\d_]")
_TOKEN = re.compile(r"(?<![\w'’@#/.-])[^\W\d_]{4,}(?![\w'’@/-]|\.\w)")


def _glued_splits(text: str) -> dict[str, int]:
    """The rare tokens of ``text`` that split into two common words, with where to split."""
    # A token people write now and then (init, zipf 2.7) is a word, not two.
    common = common_words(KNOWN_WORD)
    ascii_letters = text.isascii() or not _NON_ASCII_LETTER.search(text)
    letters = _ASCII_LETTERS if ascii_letters else _LETTERS
    # Most words of a text stand between spaces as known words of letters alone, and such a
    # word holds no other token: split on spaces (fast), drop those, search the rest.
    unknown = " ".join(set(text.split()).difference(_known_letter_words()))
    rare = {
        token
        for token in set(letters.findall(unknown)).difference(_common_any_case())
        if token[1:].islower() and token.lower() not in common
    }
    return {token: cut for token in rare if (cut := best_split(token)) is not None}


def split_glued_words(text: str) -> Iterator[Change]:
    """Split two words that lost the space between them, when the evidence is overwhelming.

    Extraction drops spaces (``Ilove``). A token is split only when it is itself rare and
    splits into two common words; names and brand spellings with an inner capital
    (``McDonald``, ``iPhone``) and rare proper names (``Haqqgani``) are left alone.

    >>> from copydesk.stages.words import apply
    >>> apply(split_glued_words, "“Ilove three things")
    '“I love three things'
    >>> apply(split_glued_words, "Haqqgani, Panjshir, McDonald, iPhone, cannot")
    'Haqqgani, Panjshir, McDonald, iPhone, cannot'
    """
    splits = _glued_splits(text)
    if not splits:
        return
    for match in _TOKEN.finditer(text):
        cut = splits.get(match.group())
        if cut is not None:
            yield match.start() + cut, match.start() + cut, " "


@cache
def _common_any_case() -> dict[str, None]:
    """The known words as written and capitalized (The, This): a token in this set is known
    without lowering it, so one set difference drops nearly every token of a text."""
    common = common_words(KNOWN_WORD)
    capitalized = (cap for word in common if (cap := word.capitalize()).lower() == word)
    return dict.fromkeys(chain(common, capitalized))


@cache
def _known_letter_words() -> dict[str, None]:
    """The known words (as in :func:`_common_any_case`) written in letters alone: such a
    word is at most one token of :data:`_LETTERS`, and a known one."""
    return dict.fromkeys(filter(str.isalpha, _common_any_case()))


@lru_cache(maxsize=65536)
def best_split(token: str) -> int | None:
    """Where to split ``token`` into two words, or None.

    Reading the token as two words must be far likelier than reading it as one: the
    product of the halves' frequencies must beat the token's own frequency by two orders of
    magnitude (frequencies on the Zipf scale, where 9 is every word).

    >>> best_split("Ilove"), best_split("inthe"), best_split("Haqqgani"), best_split("changesets")
    (1, 2, None, None)
    >>> best_split("Hedone"), best_split("Gorea"), best_split("upkeeping")
    (None, None, None)
    """
    whole = max(zipf(token), 0.0)
    # A capital marks a name (ask for stronger evidence), unless it is the capital of 'I'.
    capital = token[0].isupper()
    best: tuple[float, int] | None = None
    # Two halves can only reach the lowest floor (2.5) if each is at least this common,
    # since no word is commoner than 'the' (7.7): a cheap set test prunes the rest.
    candidates = common_words(2.5 + 9.0 - 7.8)
    lowered = token.lower()
    for i in range(1, len(token)):
        if lowered[:i] not in candidates or lowered[i:] not in candidates:
            continue
        head, tail = token[:i], token[i:]
        z_head, z_tail = zipf(head), zipf(tail)
        single = len(head) == 1 or len(tail) == 1
        floor = 3.0 if single else (3.5 if capital else 2.5)
        if (len(head) == 1 and z_head < 7.0) or (len(tail) == 1 and z_tail < 7.0):
            continue  # only 'a' and 'I' stand alone as one-letter words
        pair = z_head + z_tail - 9.0
        if pair >= max(whole + SPLIT_MARGIN, floor) and (best is None or pair > best[0]):
            best = (pair, i)
    return best[1] if best else None


# Reading a token as two words must be this much likelier (on the Zipf scale: a hundred
# times) than reading it as one; set high, since a wrong split invents a word boundary.
SPLIT_MARGIN = 2.0
KNOWN_WORD = 2.5  # a token at least this common (init, 2.7) is a word people write, not two


_SPACE_BEFORE = re.compile(r"(?<=\w) +(?=[,;](?:\s|$))")
_MULTI_SPACE = re.compile(r"(?<=\S)[ \t\u00a0]{2,}(?=\S)")


def fix_spacing(text: str) -> Iterator[Change]:
    """Remove spaces before commas and semicolons, and collapse runs of spaces.

    >>> from copydesk.stages.words import apply
    >>> apply(fix_spacing, "words , and  more ; end")
    'words, and more; end'
    """
    if " ," in text or " ;" in text:
        for match in _SPACE_BEFORE.finditer(text):
            yield match.start(), match.end(), ""
    if "  " in text or "\t" in text or "\u00a0" in text:
        for match in _MULTI_SPACE.finditer(text):
            yield match.start(), match.end(), " "


# pdfium writes U+FFFE where a word was hyphenated and cannot tell whether the hyphen was
# the word's own (co-founder) or the typesetter's (resis-tance).
_UNKNOWN_HYPHEN = re.compile(rf"([^\W\d_]+){UNKNOWN_HYPHEN}([^\W\d_]+)")


def fix_hyphen_marks(text: str) -> Iterator[Change]:
    """Settle the hyphens an extractor marked as unknown, with word statistics.

    >>> from copydesk.stages.words import apply
    >>> apply(fix_hyphen_marks, "a co\ufffefounder of the resis\ufffetance, one\ufffetenth")
    'a co-founder of the resistance, one-tenth'
    """
    if UNKNOWN_HYPHEN not in text:
        return
    for match in _UNKNOWN_HYPHEN.finditer(text):
        head, tail = match.group(1), match.group(2)
        mark = match.end(1)
        yield mark, mark + 1, "-" if keep_line_end_hyphen(head, tail) else ""


@dataclass(frozen=True, slots=True)
class WordFix:
    """One repair in the registry: its name (the edit kind it logs), its function, and the
    marks without which it finds nothing.

    Most documents need most fixes nowhere, and most paragraphs of the rest need them
    nowhere either: one search of the whole text for the marks spares a call per paragraph.
    ``marks`` is a fixed set of strings, or a function that finds a document's own marks
    (the rare tokens that might be glued words). No marks at all: it may apply anywhere.
    """

    name: str
    find: Callable[[str], Iterator[Change]]
    marks: tuple[str, ...] | Callable[[str], Collection[str]] = ()

    def marks_in(self, text: str) -> Collection[str] | None:
        """The marks found in ``text`` (``None``: the fix has none and may apply anywhere).
        A part of ``text`` can only need the fix where it holds one of them."""
        if callable(self.marks):
            return self.marks(text)
        if not self.marks:
            return None
        return [mark for mark in self.marks if mark in text]

    def could_apply(self, text: str) -> bool:
        """False only when the fix finds nothing in ``text`` or any part of it."""
        found = self.marks_in(text)
        return found is None or len(found) > 0


WORD_FIXES: tuple[WordFix, ...] = (
    WordFix("hyphen mark", fix_hyphen_marks, (UNKNOWN_HYPHEN,)),
    WordFix("ellipsis", fix_ellipses, ("..", ". .")),
    WordFix("glued words", split_glued_words, lambda text: _glued_splits(text).keys()),
    WordFix("spacing", fix_spacing, (" ,", " ;", "  ", "\t", "\u00a0")),
)


def apply(fix: Callable[[str], Iterator[Change]], text: str) -> str:
    """Apply one fix to plain text (for tests and doctests)."""
    out, cursor = [], 0
    for start, end, new in sorted(fix(text)):
        out.append(text[cursor:start])
        out.append(new)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def repair_words(draft: Draft) -> None:
    """Run every word fix over every paragraph of prose (code is left as written)."""
    originals = [para.text for para in draft.paragraphs]

    # Whether a paragraph is code (judged by its text before any fix) is asked only of the
    # few paragraphs that a fix would change: the test is costly and most need no fix.
    @cache
    def is_code(i: int) -> bool:
        return looks_like_code(originals[i])

    whole = "\n".join(originals)  # what the marks are looked for in, until a fix changes it
    for fix in WORD_FIXES:
        marks = fix.marks_in(whole)
        if marks is not None and not marks:
            continue
        changed = False
        for i, para in enumerate(draft.paragraphs):
            if marks is not None and not any(mark in para.text for mark in marks):
                continue
            proposed = list(fix.find(para.text))
            if not proposed or is_code(i):
                continue  # nearly every paragraph needs no fix: ask no more of it
            changes = _disjoint(proposed)
            for start, end, new in changes:
                draft.record(fix.name, para, start, end, new)
            draft.paragraphs[i] = para.replace(changes)
            changed = True
        if changed:
            whole = "\n".join(p.text for p in draft.paragraphs)


def _disjoint(changes: list[Change]) -> list[Change]:
    """The changes in order, leaving out any that overlaps one kept before it."""
    kept: list[Change] = []
    for change in sorted(changes):
        if kept and change[0] < kept[-1][1]:
            continue
        kept.append(change)
    return kept
