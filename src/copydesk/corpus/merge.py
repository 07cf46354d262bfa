"""Merge several renditions of one article into the one best article.

Each rendition (a PDF, a text dump, an OCR'd scan, a paste of the first paragraphs) is
restored by :func:`copydesk.clean` on its own; each keeps some of the conversion's slips.
Where they disagree, the others can tell which reading is the article's. The method:

1. **The base** is the longest complete body: the rendition with the most body text (the
   renditions within :data:`LENGTH_TIE` of the longest count as equally long, and among
   those the one not cut off, not read by OCR, holding fewest words no other rendition
   holds, needing fewest repairs is taken; see :func:`pick_base`). A body is *cut off*
   when its reader warned that it is partial or its last paragraph stops mid-sentence; a
   cut-off base is completed from the rendition whose text goes on furthest past its end
   (its *continuation*, logged as a choice). A base that is not cut off is taken as
   whole: what another holds past its end is not added. The base's paragraphs are the
   *pivot* every rendition is aligned to.
2. **Alignment.** Each rendition's body, as a list of word tokens (white-space separated,
   with a token for each paragraph break), is aligned to the pivot's with
   :func:`rapidfuzz.distance.Indel.opcodes` (longest common subsequence: unlike
   Levenshtein it never pairs two unrelated words as a "substitution"); a run of as many
   words read otherwise is then taken word for word. One alignment of the whole body
   handles paragraphs split or joined differently. A rendition *covers* only what it
   aligns to: not the pivot's text before its first or after its last matching word (a
   partial rendition, a page of a scan), and not a pivot paragraph where it holds other
   text, less than :data:`COVER_SIMILARITY` alike (furniture in the paragraph's place).
   Where it does not cover, it has no say. (A paragraph it lacks outright, with nothing
   in its place, it does cover: it reads nothing there.)
3. **Differing spans.** The differences of all renditions, in pivot coordinates, are
   joined into spans; each rendition that covers a span has a *reading* of it (what it
   holds there, possibly nothing). Spans where every covering rendition reads alike are
   skipped; every other span is a :class:`Choice`, decided by :func:`choose`:

   - a *local* difference (a few words within a paragraph, or a paragraph break made or
     not; see :func:`is_local`) goes to the reading of a majority (more than half of the
     renditions covering it, three or more of them); otherwise to the reading whose words
     are all known over one with a word wordfreq never saw; otherwise to a reading of a
     rendition not read by OCR; otherwise to that of the rendition that needed fewer
     repairs per character (edits other than plain line unwraps: how broken it was);
     otherwise the base's reading stays;
   - anything larger (a paragraph one side lacks, a long stretch) is a different text,
     not a different reading: only a majority (as above) changes the base there. So
     text the base lacks is added only when most renditions hold it (or as the
     continuation of a cut-off base), and none of the base's is dropped otherwise.

Nothing is invented: every token of the merged body is a token of some rendition, taken
with the white space that followed it there. White space is compared where it falls (a
glued ``Ilove`` against ``I love``), not what it is (a no-break space, two spaces).

The merged article's other fields (title, dek, authors, date, captions, bio, links) are
the base's, each filled from the best-ranked other rendition where the base lacks it.
Its ``edits``, ``removed``, ``source``, ``warnings`` and ``kind`` are the base's own: they
account for how the base's input was restored, and their offsets point into that input
(``source``); the merge's changes are not edits of any one input and are logged in
:attr:`Merged.choices` instead. ``ocr`` is true when any of the merged text came from a
rendition read by OCR.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from copydesk.errors import OptionError
from copydesk.lexicon import words_of, zipf
from copydesk.model import Article

PARA = "\n"  # the token of a paragraph break: white space, so no word token can equal it
# Bodies this close in length count as equally long, and the cleaner one is the base: a
# few characters more are as likely a leaked line or OCR noise as more article.
LENGTH_TIE = 0.98
# A pivot paragraph a rendition's aligned text matches less than this well (rapidfuzz
# ratio, 0-100) is one it lacks: what aligns there is other text, not another reading.
COVER_SIMILARITY = 50.0
# The longest reading that is still a slip of conversion within a paragraph (a misread,
# glued, dropped or doubled word, a line of type lost): about one line of type.
LOCAL_TOKENS = 12
# Edits that only undo the hard wrapping of lines: every text rendition needs them, so
# they say nothing of how broken it was.
ROUTINE_EDITS = frozenset({"unwrap"})

_SENTENCE_END = re.compile(r"[.!?…][”’\"')\]]*$")
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True, slots=True)
class Reading:
    """What some renditions hold at one span: ``text`` (``¶`` for a paragraph break, ``""``
    for nothing) and the names of the renditions that read it so."""

    text: str
    renditions: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "renditions": list(self.renditions)}


@dataclass(frozen=True, slots=True)
class Choice:
    """One differing span: its readings, the one taken, and the rule that took it.

    ``paragraph`` is the 1-based number of the merged paragraph the span falls in;
    ``rule`` is one of ``majority``, ``known words``, ``not OCR``, ``fewer repairs``,
    ``tie`` (no rule told the readings apart: the base's stays), ``kept`` (a larger
    difference without a majority: the base's stays) and ``continuation`` (a cut-off
    base completed from another rendition).
    """

    paragraph: int
    readings: tuple[Reading, ...]
    taken: int
    rule: str
    why: str

    @property
    def taken_text(self) -> str:
        return self.readings[self.taken].text

    def to_dict(self) -> dict[str, Any]:
        return {
            "paragraph": self.paragraph,
            "readings": [r.to_dict() for r in self.readings],
            "taken": self.taken_text,
            "rule": self.rule,
            "why": self.why,
        }

    def line(self) -> str:
        """The choice on one line: paragraph, readings with their renditions, what was
        taken and why.

        >>> Choice(4, (Reading("Haqqgani’s", ("a.txt",)), Reading("Haqqani’s", ("b.txt",))),
        ...        1, "known words", "'Haqqgani’s' is unknown to wordfreq").line()
        "¶4: 'Haqqgani’s' [a.txt] | 'Haqqani’s' [b.txt] → 'Haqqani’s' (known words: 'Haqqgani’s' is unknown to wordfreq)"
        """  # noqa: E501
        readings = " | ".join(
            f"{_show(r.text)} [{', '.join(r.renditions) or 'none'}]" for r in self.readings
        )
        return f"¶{self.paragraph}: {readings} → {_show(self.taken_text)} ({self.rule}: {self.why})"


@dataclass(slots=True)
class Merged:
    """The merged article, the renditions it was merged from, and a log of every choice."""

    article: Article
    renditions: list[str]
    base: str
    choices: list[Choice] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The article as plain data, with a ``merge`` entry: renditions, base, choices."""
        return {
            **self.article.to_dict(),
            "merge": {
                "renditions": list(self.renditions),
                "base": self.base,
                "choices": [c.to_dict() for c in self.choices],
            },
        }

    def explain(self) -> str:
        """A readable log: the renditions, the base, and every choice, one per line."""
        out = [f"merged {len(self.renditions)} renditions: {', '.join(self.renditions)}"]
        out.append(f"base: {self.base} (the longest complete body)")
        out.append(f"choices: {len(self.choices)}")
        out += [f"  {choice.line()}" for choice in self.choices]
        return "\n".join(out)


class Voter(NamedTuple):
    """What the rules know of a rendition: its name, whether OCR read any of it, and the
    repairs (edits other than line unwraps) it needed per 1,000 characters of body."""

    name: str
    ocr: bool
    repairs: float


# Readings of one span, each with the renditions that read it so.
Candidates = Sequence[tuple[Sequence[str], Sequence[Voter]]]


# --------------------------------------------------------------------------- public API


def merge(sources: Sequence[str | os.PathLike[str]], **clean_options: Any) -> Merged:
    """Restore each file of ``sources`` with :func:`copydesk.clean` and merge them.

    ``clean_options`` (``skip``, ``password``, ``time_limit``) go to every clean; its
    errors (a file missing, unreadable, empty) propagate with their messages.
    """
    from copydesk.api import clean

    _check_count(len(sources))
    names = [os.fspath(source) for source in sources]
    return merge_articles([(name, clean(Path(name), **clean_options)) for name in names])


def merge_articles(renditions: Sequence[tuple[str, Article]]) -> Merged:
    """Merge restored renditions of one article, each given with its name, into one.

    >>> from copydesk.model import Article
    >>> a = Article(paragraphs=["Sirajuddin Haqqgani’s claims were false.", "More text."])
    >>> b = Article(paragraphs=["Sirajuddin Haqqani’s claims were false."])
    >>> merged = merge_articles([("a", a), ("b", b)])
    >>> merged.article.paragraphs
    ['Sirajuddin Haqqani’s claims were false.', 'More text.']
    >>> print(merged.choices[0].line())
    ¶1: 'Haqqgani’s' [a] | 'Haqqani’s' [b] → 'Haqqani’s' (known words: 'Haqqgani’s' is unknown to wordfreq)
    """  # noqa: E501
    _check_count(len(renditions))
    prepared = [_prepare(k, name, article) for k, (name, article) in enumerate(renditions)]
    profiles = [r.profile for r in prepared]
    near = near_longest(profiles)
    if len(near) > 1:
        # Only bodies about as long need it, and it takes an alignment of each with each.
        for k in near:
            profiles[k] = profiles[k]._replace(unsupported=_unsupported(prepared[k], prepared))
    base = prepared[pick_base(profiles)]
    pivot, pivot_seps = list(base.tokens), list(base.seps)
    choices: list[Choice] = []
    suppliers: set[int] = {base.index}
    if base.profile.cut_off:
        continuation = _continuation(base, prepared)
        if continuation is not None:
            donor, start = continuation
            pivot += donor.tokens[start:]
            pivot_seps += donor.seps[start:]
            suppliers.add(donor.index)
            tail = Reading(_text(donor.tokens[start:]), (donor.name,))
            choices.append(
                Choice(
                    base.tokens.count(PARA) + 1,
                    (Reading("", (base.name,)), tail),
                    1,
                    "continuation",
                    f"the base {_cut_how(base.article)}; {donor.name} goes on past its end",
                )
            )
    tokens, seps, made, used = _merge_tokens(pivot, pivot_seps, prepared)
    choices += made
    suppliers |= used
    article = _merged_article(base, prepared, _paragraphs(tokens, seps))
    article.ocr = any(prepared[k].article.ocr for k in suppliers)
    return Merged(article, [r.name for r in prepared], base.name, choices)


def _check_count(count: int) -> None:
    if count < 2:
        raise OptionError(
            f"merge needs at least two renditions of the article, got {count}: "
            "give two or more files of the same article"
        )


# ------------------------------------------------------------------- renditions, the base


class Profile(NamedTuple):
    """How a rendition ranks as a base: its body's length, whether it is cut off, its
    cleanliness (OCR, repairs per 1,000 characters), and how many of its words no other
    rendition holds (counted only where bodies are about as long)."""

    length: int
    cut_off: bool
    ocr: bool
    repairs: float
    name: str
    unsupported: int = 0


@dataclass(frozen=True, slots=True)
class _Rendition:
    index: int
    name: str
    article: Article
    tokens: tuple[str, ...]
    seps: tuple[str, ...]
    profile: Profile

    @property
    def voter(self) -> Voter:
        return Voter(self.name, self.profile.ocr, self.profile.repairs)


def _prepare(index: int, name: str, article: Article) -> _Rendition:
    tokens, seps = tokenize(article.paragraphs)
    profile = Profile(
        sum(len(p) for p in article.paragraphs),
        is_cut_off(article),
        article.ocr,
        repairs_per_1000(article),
        name,
    )
    return _Rendition(index, name, article, tuple(tokens), tuple(seps), profile)


def tokenize(paragraphs: Iterable[str]) -> tuple[list[str], list[str]]:
    """The word tokens of a body, with :data:`PARA` between paragraphs, and the white space
    that followed each token (``""`` at a paragraph's end), to write it back as it was.

    >>> tokenize(["Ahmad  Massoud is", "Here."])
    (['Ahmad', 'Massoud', 'is', '\\n', 'Here.'], ['  ', ' ', '', '', ''])
    """
    tokens: list[str] = []
    seps: list[str] = []
    for paragraph in paragraphs:
        parts = re.findall(r"(\S+)(\s*)", paragraph.strip())
        if not parts:
            continue
        if tokens:
            tokens.append(PARA)
            seps.append("")
        for token, sep in parts:
            tokens.append(token)
            seps.append(sep)
    return tokens, seps


def _paragraphs(tokens: Sequence[str], seps: Sequence[str]) -> list[str]:
    """The body back from tokens: each paragraph's tokens joined by the white space that
    followed them in their rendition (a space where a token ended a paragraph there).

    >>> _paragraphs(["a", "b", PARA, PARA, "c"], ["", " ", "", "", ""])
    ['a b', 'c']
    """
    paragraphs: list[str] = []
    current: list[str] = []
    for token, sep in zip(tokens, seps, strict=True):
        if token == PARA:
            if current:
                paragraphs.append("".join(current[:-1]))
            current = []
            continue
        current += [token, sep or " "]
    if current:
        paragraphs.append("".join(current[:-1]))
    return paragraphs


def is_cut_off(article: Article) -> bool:
    """True when a body is known to be partial: its reader warned (a page it could not
    read, a time limit), or its last paragraph stops mid-sentence.

    >>> is_cut_off(Article(paragraphs=["It ends.”"])), is_cut_off(Article(paragraphs=["It was at"]))
    (False, True)
    """
    if article.warnings or not article.paragraphs:
        return True
    return not _SENTENCE_END.search(article.paragraphs[-1].rstrip())


def _cut_how(article: Article) -> str:
    return "is partial, its reader warned" if article.warnings else "stops mid-sentence"


def repairs_per_1000(article: Article) -> float:
    """How broken a rendition was: its repairs (edits other than line unwraps) per 1,000
    characters of body. A clean text needs none; a PDF dump many.

    >>> from copydesk.model import Edit
    >>> edits = [Edit("unwrap", 0, 1, "\\n", " "), Edit("glued words", 5, 5, "", " ")]
    >>> repairs_per_1000(Article(paragraphs=["x" * 500], edits=edits))
    2.0
    """
    length = sum(len(p) for p in article.paragraphs)
    repairs = sum(1 for edit in article.edits if edit.kind not in ROUTINE_EDITS)
    return 1000.0 * repairs / max(length, 1)


def near_longest(profiles: Sequence[Profile]) -> list[int]:
    """The indexes of the bodies within :data:`LENGTH_TIE` of the longest.

    >>> near_longest([Profile(1000, False, False, 0.0, "a"), Profile(990, True, False, 0.0, "b"),
    ...               Profile(900, False, False, 0.0, "c")])
    [0, 1]
    """
    longest = max(p.length for p in profiles)
    return [k for k, p in enumerate(profiles) if p.length >= LENGTH_TIE * longest]


def pick_base(profiles: Sequence[Profile]) -> int:
    """The index of the base: the longest body, the cleaner of bodies about as long.

    Bodies within :data:`LENGTH_TIE` of the longest are equally long; among them the one
    not cut off wins, then one not read by OCR, then the one with fewest words no other
    rendition holds (a leaked line, a running head: text a merge could not take out
    again), then the one with fewer repairs, then the longer, then the name first in sort
    order (so the order given does not matter).

    >>> pick_base([Profile(2238, False, False, 0.0, "b"), Profile(5900, False, False, 1.2, "a")])
    1
    >>> pick_base([Profile(1000, False, True, 0.0, "a"), Profile(990, False, False, 3.0, "b")])
    1
    """
    return min(
        near_longest(profiles),
        key=lambda k: (
            profiles[k].cut_off,
            profiles[k].ocr,
            profiles[k].unsupported,
            profiles[k].repairs,
            -profiles[k].length,
            profiles[k].name,
            k,
        ),
    )


def _unsupported(rendition: _Rendition, renditions: Sequence[_Rendition]) -> int:
    """How many of a rendition's words no other rendition holds where it aligns to it."""
    held = [False] * len(rendition.tokens)
    for other in renditions:
        if other.index != rendition.index and rendition.tokens and other.tokens:
            for op in Indel.opcodes(rendition.tokens, other.tokens):
                if op.tag == "equal":
                    held[op.src_start : op.src_end] = [True] * (op.src_end - op.src_start)
    return sum(
        1 for token, h in zip(rendition.tokens, held, strict=True) if not h and token != PARA
    )


def _rank(voter: Voter) -> tuple[bool, float, str]:
    """Cleanest first: the order in which renditions supply a reading's text and fill
    fields the base lacks."""
    return (voter.ocr, voter.repairs, voter.name)


# --------------------------------------------------------------------------- alignment


@dataclass(slots=True)
class _Aligned:
    """One rendition aligned to the pivot.

    ``lo[p]``/``hi[p]`` are the rendition's token positions before/after what it inserts
    at pivot position ``p`` (``None`` inside a difference); ``diffs`` are its differences
    as pivot ranges (an insertion as an empty range); ``holes`` are the pivot ranges it
    does not cover; ``tail`` is where its text past the pivot's end starts, if it has any.
    """

    lo: list[int | None]
    hi: list[int | None]
    diffs: list[tuple[int, int]] = field(default_factory=list)
    holes: list[tuple[int, int]] = field(default_factory=list)
    tail: int | None = None


Run = tuple[bool, int, int, int, int]  # equal?, pivot start and end, rendition start and end


def runs(pivot: Sequence[str], tokens: Sequence[str]) -> list[Run]:
    """The alignment as runs: equal runs, and between them one run for each whole
    difference (rapidfuzz's inserts and deletes next to each other joined).

    >>> runs("a b c d".split(), "a X c d Y".split())
    [(True, 0, 1, 0, 1), (False, 1, 2, 1, 2), (True, 2, 4, 2, 4), (False, 4, 4, 4, 5)]
    """
    out: list[Run] = []
    if not pivot or not tokens:
        return [(False, 0, len(pivot), 0, len(tokens))] if pivot or tokens else []
    for op in Indel.opcodes(pivot, tokens):
        equal = op.tag == "equal"
        if out and not equal and not out[-1][0]:
            _, i1, _, j1, _ = out[-1]
            out[-1] = (False, i1, op.src_end, j1, op.dest_end)
        else:
            out.append((equal, op.src_start, op.src_end, op.dest_start, op.dest_end))
    return out


def _align(pivot: Sequence[str], tokens: Sequence[str]) -> _Aligned:
    n, m = len(pivot), len(tokens)
    if tuple(pivot) == tuple(tokens):
        return _Aligned(list(range(n + 1)), list(range(n + 1)))
    aligned = _Aligned([None] * (n + 1), [None] * (n + 1))
    found = runs(pivot, tokens)
    equal = [k for k, run in enumerate(found) if run[0]]
    if not equal:
        aligned.holes.append((0, n))  # nothing in common: it has no say anywhere
        return aligned
    for run in found:
        _map(aligned, run)
    if aligned.lo[n] is None:  # the end, unless something is inserted there
        aligned.lo[n] = m
    if aligned.hi[n] is None:
        aligned.hi[n] = m
    for run in found[equal[0] : equal[-1]]:
        if not run[0]:
            aligned.diffs += _differences(pivot, tokens, run)
    # Before the first and after the last word they share, a rendition either starts late
    # or stops early (it has no say there), holds text of its own (a header, a leak: not
    # added), or reads the same stretch otherwise (a difference like any other).
    for edge in (found[: equal[0]], found[equal[-1] + 1 :]):
        for run in edge:
            _, i1, i2, j1, j2 = run
            ours, theirs = pivot[i1:i2], tokens[j1:j2]
            if ours and theirs and PARA not in ours and PARA not in theirs:
                aligned.diffs += _differences(pivot, tokens, run)
            else:
                aligned.holes.append((i1, i2))
    if found[equal[-1]][2] == n and found[equal[-1]][4] < m:
        aligned.tail = found[equal[-1]][4]
    _uncovered_paragraphs(aligned, pivot, tokens)
    aligned.diffs = [
        (a, b) for a, b in aligned.diffs if not _meets((a, b), aligned.holes, [a] if a == b else [])
    ]
    return aligned


def _map(aligned: _Aligned, run: Run) -> None:
    """Record where a run puts the rendition's tokens against the pivot's positions."""
    same, i1, i2, j1, j2 = run
    lo, hi = aligned.lo, aligned.hi
    if same or i2 - i1 == j2 - j1:
        # Token for token: an equal run, or as many tokens read otherwise (substitutions,
        # each its own difference, so that each can have its own majority).
        for p in range(i1, i2):
            if lo[p] is None:
                lo[p] = j1 + p - i1
            hi[p] = j1 + p - i1
    else:
        if lo[i1] is None:
            lo[i1] = j1
        hi[i1] = j2 if i1 == i2 else j1


def _differences(pivot: Sequence[str], tokens: Sequence[str], run: Run) -> list[tuple[int, int]]:
    _, i1, i2, j1, j2 = run
    if i1 < i2 and i2 - i1 == j2 - j1:
        return [(p, p + 1) for p in range(i1, i2) if pivot[p] != tokens[j1 + p - i1]]
    return [(i1, i2)]


def _uncovered_paragraphs(aligned: _Aligned, pivot: Sequence[str], tokens: Sequence[str]) -> None:
    """Add as holes the pivot paragraphs whose aligned text is another text altogether."""
    lo, hi = aligned.lo, aligned.hi
    for s, e in paragraph_spans(pivot):
        for h1, h2 in aligned.holes:
            if h1 <= s and e <= h2:
                break  # wholly uncovered already
            if h1 <= s < h2:
                s = h2
            if h1 < e <= h2:
                e = h1
        else:
            if s >= e:
                continue
            # What it holds from the nearest places before and after the paragraph that it
            # maps (a difference may straddle the paragraph's edges).
            a, b = s, e
            while a > 0 and hi[a] is None:
                a -= 1
            while b < len(pivot) and lo[b] is None:
                b += 1
            start, end = hi[a], lo[b]
            if start is None or end is None:
                continue
            ours = " ".join(pivot[s:e])
            theirs = " ".join(t for t in tokens[start:end] if t != PARA)
            # Nothing at all there is a paragraph it lacks, a reading like any other (which
            # only a majority may take); other text there is not a reading of this one.
            if theirs and fuzz.ratio(ours, theirs) < COVER_SIMILARITY:
                aligned.holes.append((s, e))


def paragraph_spans(tokens: Sequence[str]) -> list[tuple[int, int]]:
    """The token ranges of the paragraphs, paragraph breaks left out.

    >>> paragraph_spans(["a", "b", PARA, "c"])
    [(0, 2), (3, 4)]
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for k, token in enumerate(tokens):
        if token == PARA:
            spans.append((start, k))
            start = k + 1
    if start < len(tokens):
        spans.append((start, len(tokens)))
    return spans


def _meets(span: tuple[int, int], holes: Iterable[tuple[int, int]], points: Iterable[int]) -> bool:
    """Does a span (its tokens, and the insertion points it holds) touch any hole?

    A hole holds its tokens and every insertion point from its start to its end: a
    rendition that stops at a point cannot say what is inserted there.

    >>> _meets((3, 5), [(5, 9)], ()), _meets((3, 5), [(5, 9)], [5]), _meets((4, 4), [(0, 4)], [4])
    (False, True, True)
    """
    a, b = span
    points = list(points)
    return any(max(a, h1) < min(b, h2) or any(h1 <= p <= h2 for p in points) for h1, h2 in holes)


def _continuation(
    base: _Rendition, renditions: Sequence[_Rendition]
) -> tuple[_Rendition, int] | None:
    """The rendition that goes on furthest past the cut-off base's end (the cleanest of
    those going on as far), and where its text past that end starts; None when none does."""
    going_on: list[tuple[int, _Rendition, int]] = []
    for other in renditions:
        if other.index == base.index:
            continue
        tail = _align(base.tokens, other.tokens).tail
        if tail is not None and any(t != PARA for t in other.tokens[tail:]):
            going_on.append((len(other.tokens) - tail, other, tail))
    if not going_on:
        return None
    furthest = max(length for length, _, _ in going_on)
    _, donor, start = min(
        (g for g in going_on if g[0] == furthest), key=lambda g: _rank(g[1].voter)
    )
    return donor, start


# ----------------------------------------------------------------------------- merging


def _merge_tokens(
    pivot: list[str], pivot_seps: list[str], renditions: Sequence[_Rendition]
) -> tuple[list[str], list[str], list[Choice], set[int]]:
    """The merged tokens and white space, the choices made, and which renditions supplied
    text."""
    alignments = [_align(pivot, r.tokens) for r in renditions]
    tokens: list[str] = []
    seps: list[str] = []
    choices: list[Choice] = []
    used: set[int] = set()
    paragraph = 1
    done = 0
    for a, b in join_spans([d for aligned in alignments for d in aligned.diffs]):
        paragraph += pivot[done:a].count(PARA)
        tokens += pivot[done:a]
        seps += pivot_seps[done:a]
        done = b
        ours = tuple(pivot[a:b])
        readings = _readings((a, b), ours, renditions, alignments)
        if len(readings) == 1:
            tokens += ours
            seps += pivot_seps[a:b]
            continue
        candidates = list(readings.items())
        taken, rule, why = choose(
            [(reading, [r.voter for r, _ in held]) for reading, held in candidates],
            ours,
            local=is_local(readings),
        )
        chosen, held = candidates[taken]
        if chosen == ours:
            tokens += ours
            seps += pivot_seps[a:b]
        else:
            supplier, (start, end) = min(held, key=lambda h: _rank(h[0].voter))
            tokens += supplier.tokens[start:end]
            seps += supplier.seps[start:end]
            used.add(supplier.index)
        shown = tuple(
            Reading(_text(reading), tuple(r.name for r, _ in held)) for reading, held in candidates
        )
        choices.append(Choice(paragraph, shown, taken, rule, why))
        paragraph += chosen.count(PARA)
    tokens += pivot[done:]
    seps += pivot_seps[done:]
    return tokens, seps, choices, used


Held = list[tuple[_Rendition, tuple[int, int]]]  # renditions with where they read it


def _readings(
    span: tuple[int, int],
    ours: tuple[str, ...],
    renditions: Sequence[_Rendition],
    alignments: Sequence[_Aligned],
) -> dict[tuple[str, ...], Held]:
    """What each rendition that covers a span of the pivot reads there, the pivot's own
    reading first (even if no rendition holds it).

    A span of pivot tokens holds what is inserted inside it but not at its edges (an
    insertion there is a span of its own); an insertion span holds just that.
    """
    a, b = span
    readings: dict[tuple[str, ...], Held] = {ours: []}
    for rendition, aligned in zip(renditions, alignments, strict=True):
        if _meets(span, aligned.holes, [a] if a == b else []):
            continue
        start, end = (aligned.lo[a], aligned.hi[a]) if a == b else (aligned.hi[a], aligned.lo[b])
        if start is None or end is None:
            continue  # a boundary inside its own difference: it has no say
        readings.setdefault(rendition.tokens[start:end], []).append((rendition, (start, end)))
    return readings


def join_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join the differences of all renditions into the spans decided one at a time.

    Overlapping differences are one span, and so is an insertion inside another's
    difference; differences that merely meet stay apart (an insertion at a difference's
    edge too), so that each keeps its own majority.

    >>> join_spans([(3, 5), (5, 7), (9, 9), (8, 10), (12, 14), (13, 15), (15, 15)])
    [(3, 5), (5, 7), (8, 10), (12, 15), (15, 15)]
    """
    joined: list[tuple[int, int]] = []
    for a, b in sorted(set(spans)):
        if joined and joined[-1][0] < joined[-1][1] and a < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], b))
        else:
            joined.append((a, b))
    return joined


def is_local(readings: Iterable[Sequence[str]]) -> bool:
    """True when the readings differ as conversions of one text do: by at most
    :data:`LOCAL_TOKENS` tokens each, within a paragraph (or by a paragraph break alone).

    Anything larger (a paragraph one rendition has and another lacks, a long stretch) is
    a different text, which only a majority may put in or take out.

    >>> is_local([("Haqqgani’s",), ("Haqqani’s",)]), is_local([(PARA,), ()])
    (True, True)
    >>> is_local([("end.", PARA, "Subscribe"), ("end.",)]), is_local([("word",) * 13, ()])
    (False, False)
    """
    for reading in readings:
        if len(reading) > LOCAL_TOKENS:
            return False
        if PARA in reading and any(token != PARA for token in reading):
            return False
    return True


# ------------------------------------------------------------------------------- rules


def choose(
    readings: Candidates,
    base: Sequence[str],
    *,
    local: bool = True,
) -> tuple[int, str, str]:
    """Which reading to take (its index), the rule that decided, and why.

    Each reading comes with the renditions that read it so. The rules, in order, each
    narrowing the readings still in the running:

    1. a majority: a reading held by more than half of the renditions covering the span,
       when three or more cover it;
    2. (local differences only, from here on; a larger one keeps the base's reading)
       known words: when every reading has words, those with the fewest words wordfreq
       never saw;
    3. not OCR: those read by a rendition not read by OCR;
    4. fewer repairs: those of the rendition that needed fewest repairs per character;
    5. a tie: the base's reading, if still in the running, else that of the rendition
       whose name sorts first.

    >>> clean, ocr = Voter("clean", False, 0.0), Voter("ocr", True, 0.0)
    >>> choose([(["tbe"], [ocr]), (["the"], [clean])], ["tbe"])
    (1, 'not OCR', 'read from text by clean; the other only by OCR')
    >>> a, b, c = Voter("a", False, 3.0), Voter("b", False, 1.0), Voter("c", False, 2.0)
    >>> choose([(["cot"], [b]), (["cat"], [a, c])], ["cot"])
    (1, 'majority', '2 of 3 renditions read it so')
    >>> choose([(["Sirajuddin"], [b]), ([], [a])], ["Sirajuddin"], local=False)[1]
    'kept'
    """
    alive = list(range(len(readings)))
    coverers = sum(len(voters) for _, voters in readings)
    if coverers >= 3:
        top = max(alive, key=lambda k: len(readings[k][1]))
        support = len(readings[top][1])
        if 2 * support > coverers:
            return top, "majority", f"{support} of {coverers} renditions read it so"
    ours = _find(readings, base)
    if not local:
        return (
            ours,
            "kept",
            f"more than a slip within a paragraph (text across a paragraph break, or over "
            f"{LOCAL_TOKENS} words): only a majority of three or more renditions changes the "
            "base's reading",
        )
    for rule in (_known_words, _not_ocr, _fewer_repairs):
        alive, why = rule(readings, alive)
        if len(alive) == 1:
            return alive[0], why[0], why[1]
    if ours in alive:
        return ours, "tie", "no rule tells the readings apart: the base's reading stays"
    # Not the first given: the result must not hang on the order of the arguments.
    first = min(alive, key=lambda k: min((v.name for v in readings[k][1]), default=""))
    return first, "tie", "no rule tells the readings apart: that of the first name is taken"


_Rule = tuple[list[int], tuple[str, str]]  # the readings still in the running; rule, why


def _find(readings: Candidates, base: Sequence[str]) -> int:
    wanted = tuple(base)
    return next((k for k, (reading, _) in enumerate(readings) if tuple(reading) == wanted), 0)


def _known_words(readings: Candidates, alive: list[int]) -> _Rule:
    words = {k: words_of(" ".join(readings[k][0])) for k in alive}
    if not all(words.values()):
        return alive, ("", "")  # a word against none: nothing to compare word for word
    unknown = {k: [w for w in words[k] if not is_known(w)] for k in alive}
    fewest = min(len(u) for u in unknown.values())
    kept = [k for k in alive if len(unknown[k]) == fewest]
    dropped = sorted({w for k in alive if k not in kept for w in unknown[k]})
    why = ", ".join(repr(w) for w in dropped) + (" is" if len(dropped) == 1 else " are")
    return kept, ("known words", f"{why} unknown to wordfreq")


def _not_ocr(readings: Candidates, alive: list[int]) -> _Rule:
    text = [k for k in alive if any(not v.ocr for v in readings[k][1])]
    if not text or len(text) == len(alive):
        return alive, ("", "")
    names = ", ".join(sorted({v.name for k in text for v in readings[k][1] if not v.ocr}))
    return text, ("not OCR", f"read from text by {names}; the other only by OCR")


def _fewer_repairs(readings: Candidates, alive: list[int]) -> _Rule:
    best = {k: min((v.repairs for v in readings[k][1]), default=float("inf")) for k in alive}
    least = min(best.values())
    kept = [k for k in alive if best[k] == least]
    if len(kept) == len(alive):
        return alive, ("", "")
    others = min(best[k] for k in alive if k not in kept)
    return kept, (
        "fewer repairs",
        f"its rendition needed {least:.1f} repairs per 1,000 characters, the other {others:.1f}",
    )


def is_known(word: str) -> bool:
    """True when wordfreq has seen the word at all (a possessive by its stem, a compound by
    its parts): a word it never saw is likelier a slip of conversion than a rare name.

    >>> is_known("Haqqani’s"), is_known("Haqqgani’s"), is_known("battle-hardened")
    (True, False, True)
    """
    if zipf(word) > 0:
        return True
    stem = _POSSESSIVE.sub("", word)
    if stem != word and zipf(stem) > 0:
        return True
    parts = [part for part in re.split(r"[-‐‑]", stem) if part]
    return len(parts) > 1 and all(zipf(part) > 0 for part in parts)


# ------------------------------------------------------------------------------ article


def _merged_article(base: _Rendition, renditions: Sequence[_Rendition], body: list[str]) -> Article:
    """The base's article with the merged body, its empty fields filled from the others
    (cleanest first)."""
    others = sorted((r for r in renditions if r.index != base.index), key=lambda r: _rank(r.voter))
    article = dataclasses.replace(base.article, paragraphs=body)
    for name in ("title", "dek", "published", "bio", "authors", "captions", "links"):
        if not getattr(article, name):
            donor = next((r.article for r in others if getattr(r.article, name)), None)
            if donor is not None:
                value = getattr(donor, name)
                setattr(article, name, list(value) if isinstance(value, list) else value)
    article.authors = list(article.authors)
    article.captions = list(article.captions)
    article.links = list(article.links)
    article.edits = list(article.edits)
    article.removed = list(article.removed)
    article.warnings = list(article.warnings)
    return article


def _text(tokens: Sequence[str]) -> str:
    """A reading as shown in the log: tokens spaced, a paragraph break as ``¶``.

    >>> _text(["end.", PARA, "So"]), _text([])
    ('end. ¶ So', '')
    """
    return " ".join("¶" if token == PARA else token for token in tokens)


def _show(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
