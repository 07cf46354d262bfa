"""Word statistics: how common a word is in English, from wordfreq's shipped tables.

Repairs ask "is this a word people write?" rather than consult hand lists. The table is
loaded once, on first use, and looked up directly, which is far faster than tokenizing
each query.
"""

from __future__ import annotations

import math
from functools import cache


@cache
def _table() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return {word: math.log10(freq) + 9.0 for word, freq in get_frequency_dict("en").items()}


@cache
def common_words(floor: float = 3.0) -> frozenset[str]:
    """The words at least as common as ``floor`` (a set, for fast membership tests)."""
    return frozenset(word for word, z in _table().items() if z >= floor)


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
