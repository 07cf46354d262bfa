"""Stage: Unicode repairs (mojibake, ligatures, control characters) with ftfy."""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import cache

import ftfy

from copydesk.draft import Draft, Line
from copydesk.traced import Traced


@cache
def _config() -> ftfy.TextFixerConfig:
    # Curly quotes are what editors publish: keep them. Line breaks are ours to handle.
    return ftfy.TextFixerConfig(uncurl_quotes=False, fix_line_breaks=False, explain=False)


def fix_unicode(text: str) -> str:
    """Repair mojibake, ligatures and stray control characters in one line.

    Text extracted from PDFs carries ligature glyphs (``ﬁ``) and, after a wrong decode,
    mojibake (``AfghanistanÃ¢Â€Â™s``). ftfy undoes both; curly quotes are kept.

    >>> fix_unicode("ﬁnal Lâ€™s")
    'final L’s'
    >>> fix_unicode("“quoted”")
    '“quoted”'
    """
    if text.isascii() and text.isprintable():
        return text
    return ftfy.fix_text(text, config=_config())


def normalize_unicode(draft: Draft) -> None:
    """Apply :func:`fix_unicode` to every line, logging each line it changed."""
    for line in draft.lines:
        fixed = fix_unicode(line.text)
        if fixed != line.text:
            _retrace(draft, line, fixed)


def _retrace(draft: Draft, line: Line, fixed: str) -> None:
    old = line.traced()
    changes = [
        (i1, i2, fixed[j1:j2])
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, old.text, fixed, autojunk=False).get_opcodes()
        if tag != "equal"
    ]
    for start, end, after in changes:
        draft.record("unicode", old, start, end, after)
    line.trace = old.replace(changes)
    line.text = line.trace.text
    if line.text != fixed:  # defensive: the diff must rebuild the fixed text exactly
        line.trace = Traced(fixed, line.start)
        line.text = fixed
