"""How wide a line of text would be when set in type, without the PDF to measure it.

Paragraph breaks in extracted text are lost, but the type still tells where they were:
a line ends early when the next word would have fitted on it. Counting characters misjudges
that (``illicit`` is narrower than ``MOMMA``), so widths are estimated from the advance
widths of a common text face, Times, whose widths all fall on a grid of 1/36 em.
"""

from __future__ import annotations

import re
from collections import defaultdict

# Advance widths in 36ths of an em. Characters the table does not list are set about as
# wide as an average lower-case letter. A defaultdict (each such character is added once,
# when first met) lets text_width look each character up with a plain subscript, much
# faster than dict.get with a default.
_WIDTHS: defaultdict[str, int] = defaultdict(lambda: 18)
for _chars, _width in (
    ("ijlt'|", 10),
    ("frI()[]-‐‑!`’‘", 12),
    ("sJ", 14),
    ("acez?", 16),
    ('"“”', 16),
    ("bdghknopquvxy0123456789$#_*–", 18),
    ("FPS", 20),
    ("ELTZ", 22),
    ("BCR", 24),
    ("ADGHKNOQUVXY&wm", 26),
    ("M", 32),
    ("W", 34),
    ("%@", 30),
    ("—", 36),
    (" .,:;", 9),
):
    for _ch in _chars:
        _WIDTHS[_ch] = _width
_WIDTHS["m"] = 28

DEFAULT_WIDTH = 18
_BYTE_WIDTHS = bytes(_WIDTHS[chr(i)] for i in range(128)) + bytes(128)
# In UTF-8 each character beyond ASCII has one lead byte (0xC2 to 0xF4): counting that
# byte at the default width, and no other, sets every such character at the default width.
_UTF8_WIDTHS = _BYTE_WIDTHS[:128] + bytes(66) + bytes([DEFAULT_WIDTH] * 62)
# Typographic punctuation is what most lines beyond ASCII hold: its own widths are added.
_PUNCTUATION = tuple(
    (ch, _WIDTHS[ch] - DEFAULT_WIDTH) for ch in "’‘“”—‐‑" if _WIDTHS[ch] != DEFAULT_WIDTH
)


def text_width(text: str) -> int:
    """Estimated set width of ``text`` in 36ths of an em.

    >>> text_width("illicit") < text_width("MOMMA")
    True
    >>> text_width("a “quote” — and more") == text_width('a "quote" - and more') + 24
    True
    """
    # A byte-wise table lookup summed in C, instead of a dictionary lookup per character.
    if text.isascii():
        return sum(text.encode("ascii").translate(_BYTE_WIDTHS))
    width = sum(text.encode("utf-8").translate(_UTF8_WIDTHS))
    for ch, extra in _PUNCTUATION:
        if ch in text:
            width += extra * text.count(ch)
    return width


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


# A line of words without a character of code (nor a // comment): prose, once it has a few
# words. Every pattern of code below needs one of these characters or the //.
_PROSE_CHARS = re.compile(r"(?!//)[^{}\[\]<>=;|&*\\$#@_`^~(]*")
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
    if stripped.count(" ") >= 3 and _PROSE_CHARS.fullmatch(stripped):
        return False  # the quick answer for nearly every line of an article
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


def lines_of_code(texts: list[str]) -> list[bool]:
    """:func:`looks_like_code` for each of ``texts``, with its quick answer for prose (a few
    words and no character of code) given here without a call per line.

    >>> lines_of_code(["a line of plain prose here", "x = f(y);"])
    [False, True]
    """
    return [
        not (text.count(" ") >= 3 and text == text.strip() and _PROSE_CHARS.fullmatch(text))
        and looks_like_code(text)
        for text in texts
    ]
