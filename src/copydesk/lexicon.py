"""Word statistics: how common a word is in English, from wordfreq's shipped tables.

Repairs ask "is this a word people write?" rather than consult hand lists. The table is
loaded once, on first use, and looked up directly, which is far faster than tokenizing
each query.
"""

from __future__ import annotations

import re
from functools import cache

WORD = re.compile(r"[^\W\d_][\w'’-]*")  # a word: a letter, then letters, digits, ' or -
# The same pattern for ASCII text, where the engine tests plain ranges instead of Unicode
# categories: the same words, found faster.
_ASCII_WORD = re.compile(WORD.pattern, re.ASCII)


def words_of(text: str) -> list[str]:
    """The words of ``text`` (see :data:`WORD`).

    >>> words_of("Lévy’s rock-solid 3 cases, o'clock")
    ['Lévy’s', 'rock-solid', 'cases', "o'clock"]
    """
    return (_ASCII_WORD if text.isascii() else WORD).findall(text)


def _buckets() -> list[list[str]]:
    """wordfreq's English list: bucket ``i`` holds the words of frequency 10^(-i/100).

    Read past wordfreq's own cache of it: the buckets are needed once, to build the table
    below, and a cache would keep 320,000 strings in lists that every full garbage
    collection of the process walks through (about 40 ms each time).
    """
    from wordfreq import get_frequency_list

    read = getattr(get_frequency_list, "__wrapped__", get_frequency_list)
    buckets: list[list[str]] = read("en")
    return buckets


@cache
def _table() -> dict[str, float]:
    # On the Zipf scale a bucket's words stand at 9 - i/100: no logarithm per word needed.
    # A dict of strings and floats is one the garbage collector does not track.
    table: dict[str, float] = {}
    for i, bucket in enumerate(_buckets()):
        if bucket:
            table.update(dict.fromkeys(bucket, round(9.0 - i / 100, 2)))
    return table


@cache
def common_words(floor: float = 3.0) -> dict[str, None]:
    """The words at least as common as ``floor``, for fast membership tests.

    A dict used as a set: the garbage collector tracks every set but not a dict of strings,
    so these tables of tens of thousands of words cost nothing in collections.

    >>> "the" in common_words(6.0), "resistance" in common_words(6.0)
    (True, False)
    """
    return dict.fromkeys(word for word, zipf in _table().items() if zipf >= floor)


def zipf(word: str) -> float:
    """The Zipf frequency of ``word`` (case-folded): about 7 for 'the', 0 for a non-word.

    >>> zipf("resistance") > 4 > zipf("resis")
    True
    >>> zipf("Haqqgani")
    0.0
    """
    table = _table()
    found = table.get(word)
    if found is not None:
        return found
    return table.get(word.casefold().replace("’", "'"), 0.0)


def is_word(word: str, floor: float = 2.5) -> bool:
    """True when ``word`` is common enough to be taken as a real word.

    >>> is_word("feeder"), is_word("tance")
    (True, False)
    """
    return zipf(word) >= floor


def keep_line_end_hyphen(head: str, tail: str) -> bool:
    """Decide whether ``head-`` at a line end followed by ``tail`` is a compound's hyphen.

    Typesetters break long words with a hyphen; compounds also break at theirs. Word
    statistics tell them apart: when the joined word is common, or when a half is no word
    at all, the hyphen was a break; when both halves are words and the joined form is not,
    it is a compound.

    >>> keep_line_end_hyphen("resis", "tance"), keep_line_end_hyphen("filter", "feeder")
    (False, True)
    >>> keep_line_end_hyphen("long", "running"), keep_line_end_hyphen("some", "thing")
    (True, False)
    """
    joined = zipf(head + tail)
    if joined >= 3.0:
        return False
    halves = min(zipf(head), zipf(tail))
    if halves < 2.0:
        return False  # a half is no word: the hyphen broke a word
    return joined < halves


# Hyphens at a line's end: the hyphen-minus, the Unicode hyphen, the soft hyphen, and
# pdfium's mark for a hyphen it could not tell (U+FFFE).
_LINE_END_HYPHENS = "-\u2010\u00ad\ufffe"


def join_wrapped(texts: list[str]) -> str:
    """Lines of one heading, caption or dek as one text: a word broken at a line's end is
    made whole, its hyphen kept where the word has one of its own (by word statistics, as
    :func:`keep_line_end_hyphen`); other lines are joined by a space.

    >>> join_wrapped(["WHERE DO STRAINED U.S.-", "ISRAELI TIES GO", "NOW"])
    'WHERE DO STRAINED U.S.-ISRAELI TIES GO NOW'
    >>> join_wrapped(["at the Bar\u2010", "celona testing lab"])
    'at the Barcelona testing lab'
    >>> join_wrapped(["Oscar Dress --", "STOLEN!"])
    'Oscar Dress -- STOLEN!'
    >>> join_wrapped(["Snopes Fact\ufffe", "Checker David Emery"])
    'Snopes Fact-Checker David Emery'
    """
    out = ""
    for text in texts:
        before = out[-2:-1]
        if (
            out[-1:] in _LINE_END_HYPHENS
            and (before.isalpha() or before == ".")
            and text[:1].isalpha()
        ):
            head = out[:-1].rsplit(" ", 1)[-1]
            tail = text.split(" ", 1)[0]
            keep = head[-1:] == "." or keep_line_end_hyphen(head, tail)
            out = out[:-1] + ("-" if keep else "") + text
        else:
            out = f"{out} {text}" if out else text
    return out
