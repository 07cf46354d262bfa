"""Stage: Unicode repairs (mojibake, ligatures, control characters) with ftfy."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache

import ftfy

from copydesk.draft import Draft, Line
from copydesk.traced import Traced

# What ftfy would act on in a line that is not plain ASCII: the characters mojibake is
# made of (Latin-1 and Windows-1252 high characters after a wrong decode), C1 controls,
# ligatures, full-width forms, entities, and control characters.
_SUSPECT = re.compile(
    r"[\u0080-\u00bf\u00c2\u00c3\u00e2\u00c5\u00ce\u00cf\u00d0\u00d1\u00d8\u00d9\ufb00-\ufb06"
    r"\uff01-\uff5e\ufffd\x00-\x08\x0b-\x1f\x7f\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    r"\u0192\u02c6\u02dc\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    r"[\u0080-\u00ff\u0152-\u02dc\u2013-\u2122]|&[#\w]+;|[\ufb00-\ufb06\uff01-\uff5e\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


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
    if text.isascii():
        if text.isprintable():
            return text
    elif not _SUSPECT.search(text):
        return text  # curly quotes, dashes and accents alone need no fixing
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
        for tag, i1, i2, j1, j2 in SequenceMatcher(
            None, old.text, fixed, autojunk=False
        ).get_opcodes()
        if tag != "equal"
    ]
    for start, end, after in changes:
        draft.record("unicode", old, start, end, after)
    line.trace = old.replace(changes)
    line.text = line.trace.text
    if line.text != fixed:  # defensive: the diff must rebuild the fixed text exactly
        line.trace = Traced(fixed, line.start)
        line.text = fixed
