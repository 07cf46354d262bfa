"""Text that remembers where each of its characters came from in the input.

Every repair copydesk makes is logged with the span of the input it touched. Rather than
carry one offset per character, a :class:`Traced` string keeps a few *anchors*: positions
where the mapping from its text to the input jumps (a line join, a replaced word). Between
two anchors the mapping is a straight run, so lookups are a bisect and edits are cheap.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

Anchor = tuple[int, int]  # (position in text, position in the input)


class Traced:
    """An immutable string with a map back to input offsets.

    >>> b = Traced.from_anchors("Hello world", [(0, 10), (5, 40)])
    >>> b.text, b.source_span(6, 11)
    ('Hello world', (41, 46))
    >>> c = b.replace([(0, 5, "Howdy")])
    >>> c.text, c.source_span(0, 5), c.source_span(6, 11)
    ('Howdy world', (10, 15), (41, 46))
    """

    __slots__ = ("_anchors", "text")

    def __init__(self, text: str, start: int = 0, anchors: list[Anchor] | None = None):
        self.text = text
        self._anchors: list[Anchor] = [(0, start)] if anchors is None else anchors

    @classmethod
    def from_anchors(cls, text: str, anchors: list[Anchor]) -> Traced:
        """A traced string that takes ``anchors`` (sorted by position, the first at 0) as
        they are, not copied: for builders that make a fresh list for each result."""
        return cls(text, anchors=anchors)

    @property
    def anchors(self) -> Sequence[Anchor]:
        """Where the map to the input jumps: (position in the text, input offset) pairs."""
        return self._anchors

    def __repr__(self) -> str:
        return f"Traced({self.text!r}, at={self.source_offset(0)})"

    def __len__(self) -> int:
        return len(self.text)

    def source_offset(self, pos: int) -> int:
        """The input offset of the character at ``pos`` (or just past the end)."""
        anchors = self._anchors
        i = bisect_right(anchors, (pos, 1 << 62)) - 1
        here, src = anchors[max(i, 0)]
        return src + (pos - here)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The input span covered by ``text[start:end]``."""
        first = self.source_offset(start)
        if end <= start:
            return first, first
        return first, self.source_offset(end - 1) + 1

    def replace(self, changes: Iterable[tuple[int, int, str]]) -> Traced:
        """Replace spans ``[start, end)`` by new text; the spans must not overlap.

        Characters of a replacement map to the input span they replaced, so an edit log
        entry and the text after it agree about where a change happened.
        """
        pieces: list[str] = []
        anchors: list[Anchor] = []
        out = 0
        cursor = 0
        old = self._anchors
        k = 0
        for start, end, new in sorted(changes):
            if start < cursor:
                raise ValueError("overlapping changes")
            # the untouched run [cursor, start)
            k = self._copy_anchors(old, k, cursor, start, out, anchors)
            pieces.append(self.text[cursor:start])
            out += start - cursor
            anchors.append((out, self.source_offset(start)))
            pieces.append(new)
            out += len(new)
            cursor = end
        self._copy_anchors(old, k, cursor, len(self.text), out, anchors)
        pieces.append(self.text[cursor:])
        return Traced.from_anchors("".join(pieces), anchors or [(0, self.source_offset(0))])

    def _copy_anchors(
        self, old: list[Anchor], k: int, start: int, end: int, out: int, into: list[Anchor]
    ) -> int:
        """Append the anchors of the run ``[start, end)`` shifted to output position ``out``."""
        if start >= end:
            return k
        into.append((out, self.source_offset(start)))
        while k < len(old) and old[k][0] <= start:
            k += 1
        while k < len(old) and old[k][0] < end:
            into.append((out + old[k][0] - start, old[k][1]))
            k += 1
        return k
