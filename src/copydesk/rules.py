"""Named rules that take whole lines out of the body, and the registry that runs them.

A line that is not the article's text (a share button, a copyright notice) is recognized
by its wording. Each such wording is a :class:`LineRule` with a name; the name is what
``removed`` and ``--explain`` give as the reason the line went, so that a user who sees a
line taken out can find the one rule that took it. A :class:`LineRules` registry runs its
rules as one compiled pattern, which is as fast as one hand-joined expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import compress


@dataclass(frozen=True, slots=True)
class LineRule:
    """One wording that marks a line as something other than the article's text."""

    name: str  # the reason given in ``removed``
    pattern: str  # a regular expression that must match the whole line
    why: str  # one line: what such a line is and where it comes from


class LineRules:
    """An ordered registry of line rules, matched in one pass.

    >>> rules = LineRules(
    ...     (LineRule("advertisement", r"advertisement", "an ad's label"),
    ...      LineRule("copyright notice", r"(?:©|copyright)\\s.*", "the publisher's notice")),
    ...     flags=re.IGNORECASE)
    >>> list(rules.matches(["ADVERTISEMENT", "Text.", "© 2021 The Times"]))
    [(0, 'advertisement'), (2, 'copyright notice')]
    """

    def __init__(self, rules: tuple[LineRule, ...], flags: int = 0) -> None:
        names = [rule.name for rule in rules]
        if len(set(names)) != len(names):
            raise ValueError(f"line rules must have distinct names: {names}")
        self.rules = rules
        self._names = {f"r{k}": rule.name for k, rule in enumerate(rules)}
        alternatives = "|".join(f"(?P<r{k}>{rule.pattern})" for k, rule in enumerate(rules))
        self._pattern = re.compile(rf"^(?:{alternatives})$", flags)

    def matches(self, texts: list[str]) -> Iterator[tuple[int, str]]:
        """The position in ``texts`` and the rule's name of each text a rule matches: one
        pass of the pattern over them all, in C (most texts match none).

        """
        found = list(map(self._pattern.match, texts))
        for k in compress(range(len(found)), found):  # the matched ones, picked out in C
            group = found[k].lastgroup  # type: ignore[union-attr]
            if group is not None:
                yield k, self._names[group]

    def __iter__(self) -> Iterator[LineRule]:
        return iter(self.rules)
