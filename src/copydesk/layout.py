"""How wide a line of text would be when set in type, without the PDF to measure it.

Paragraph breaks in extracted text are lost, but the type still tells where they were:
a line ends early when the next word would have fitted on it. Counting characters misjudges
that (``illicit`` is narrower than ``MOMMA``), so widths are estimated from the advance
widths of a common text face (Times, in thousandths of an em).
"""

from __future__ import annotations

from itertools import repeat

_WIDTHS: dict[str, int] = {}
for _chars, _width in (
    ("ijlt'|", 278),
    ("frI()[]-‐‑!`’‘", 333),
    ("s", 389),
    ("J", 389),
    ("acez?", 444),
    ("bdghknopquvxy0123456789$#_*", 500),
    ("FPS", 556),
    ("ELTZ", 611),
    ("BCR", 667),
    ("ADGHKNOQUVXY&", 722),
    ("wm", 722),
    ("M", 889),
    ("W", 944),
    ("%@", 833),
    ("\"“”", 444),
    ("—", 1000),
    ("–", 500),
    (" .,:;", 250),
):
    for _ch in _chars:
        _WIDTHS[_ch] = _width
_WIDTHS["m"] = 778


def text_width(text: str) -> int:
    """Estimated set width of ``text`` in thousandths of an em.

    >>> text_width("illicit") < text_width("MOMMA")
    True
    """
    return sum(map(_WIDTHS.get, text, repeat(500)))


def percentile(values: list[int], fraction: float) -> int:
    """The value below which ``fraction`` of ``values`` lie (0 for no values).

    >>> percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)
    9
    """
    if not values:
        return 0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]
