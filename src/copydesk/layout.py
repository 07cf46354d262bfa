"""How wide a line of text would be when set in type, without the PDF to measure it.

Paragraph breaks in extracted text are lost, but the type still tells where they were:
a line ends early when the next word would have fitted on it. Counting characters misjudges
that (``illicit`` is narrower than ``MOMMA``), so widths are estimated from the advance
widths of a common text face (Times, in thousandths of an em).
"""

from __future__ import annotations

import re
from collections import defaultdict

# Characters the table below does not list are set about as wide as an average lower-case
# letter. A defaultdict (each such character is added once, when first met) lets
# text_width look each character up with a plain subscript, much faster than dict.get
# with a default.
_WIDTHS: defaultdict[str, int] = defaultdict(lambda: 500)
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
    ('"“”', 444),
    ("—", 1000),
    ("–", 500),
    (" .,:;", 250),
):
    for _ch in _chars:
        _WIDTHS[_ch] = _width
_WIDTHS["m"] = 778


_SAME_WIDTH = str.maketrans(
    {"’": "(", "‘": "(", "“": "c", "”": "c", "—": "nn", "–": "n", "‐": "(", "‑": "(", "…": "n"}
)
SHORT = 16  # below this length a lookup per character beats the byte tables' setup
_HIGH = bytes(_WIDTHS[chr(i)] >> 8 for i in range(256))
_LOW = bytes(_WIDTHS[chr(i)] & 0xFF for i in range(256))


def text_width(text: str) -> int:
    """Estimated set width of ``text`` in thousandths of an em.

    >>> text_width("illicit") < text_width("MOMMA")
    True
    """
    if len(text) < SHORT:
        return sum(map(_WIDTHS.__getitem__, text))
    if not text.isascii():
        # Typographic punctuation stands in for ASCII of the same width.
        text = text.translate(_SAME_WIDTH)
        if not text.isascii():
            return sum(map(_WIDTHS.__getitem__, text))
    # Two byte-wise table lookups (high and low byte of each width) summed in C, instead
    # of a dictionary lookup per character.
    data = text.encode("ascii")
    return (sum(data.translate(_HIGH)) << 8) + sum(data.translate(_LOW))


def percentile(values: list[int], fraction: float) -> int:
    """The value below which ``fraction`` of ``values`` lie (0 for no values).

    >>> percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)
    10
    """
    if not values:
        return 0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


# A whole word between spaces (or the ends of the text), with its quotes and punctuation.
_PLAIN_WORD = re.compile(
    r"""(?<!\S)[“"‘'(]*[A-Za-z\u00C0-\u024F][a-z\u00DF-\u024F'’-]*[,.;:!?”"’')]*(?!\S)"""
)
_CODE_END = ("{", "}", "};", "});", ");", "=>")
_CODE_START = re.compile(r"^(?:\$ |> |# |//|/\*|\*/|[{}\]])")
_CODE_START_CHARS = frozenset("$>#/*{}]")  # the first characters _CODE_START can match
_CODE_CHARS = re.compile(r"[{}\[\]()<>=;|&*/\\$#@_`^~]")


_CODE_HINT = re.compile(r"[{}\[\]<>=;|&*\\$#@_`^~]")
# A word character right before "(": written paren first, so that the engine jumps from
# paren to paren instead of trying a word character at every position.
_CALL = re.compile(r"\((?<=\w\()")


def looks_like_code(text: str) -> bool:
    """True for a line of program code, a shell session or a table rule, not prose.

    Code is set line by line as written; it must not be reflowed into the prose around it.

    >>> looks_like_code('fetch("/data.json").then(function(res) {')
    True
    >>> looks_like_code("$ hg init public"), looks_like_code("SELECT avg(n)")
    (True, True)
    >>> looks_like_code("(ab)use your source control system by committing half-working code")
    False
    """
    stripped = text.strip()
    if not stripped:
        return False
    if stripped.endswith(_CODE_END) or (
        stripped[0] in _CODE_START_CHARS and _CODE_START.match(stripped)
    ):
        return True
    if stripped.endswith(";") and any(ch in stripped for ch in "(){}=["):
        return True
    if (
        stripped.count(" ") >= 3
        and not _CODE_HINT.search(stripped)
        and ("(" not in stripped or not _CALL.search(stripped))
    ):
        return False  # words and spaces, no symbol of code: prose
    tokens = len(stripped.split())
    plain = len(_PLAIN_WORD.findall(stripped))
    if plain < 0.5 * tokens:
        return True
    return _CODE_CHARS.search(stripped) is not None and (
        len(_CODE_CHARS.findall(stripped)) > 0.08 * len(stripped)
    )
