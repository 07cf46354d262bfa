"""Stage: Unicode repairs (mojibake, ligatures, control characters) with ftfy.

ftfy decides what is broken; this stage only spares it the lines it would leave as they
are (most of them), with a test built from ftfy's own tables (:func:`may_need_fixing`),
and logs each span ftfy changed under the name of the ftfy step that changed it
(:data:`EDIT_KINDS`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import cache

import ftfy
from ftfy import chardata
from ftfy.badness import is_bad

from copydesk.draft import Draft, Line
from copydesk.traced import Traced

# -- what ftfy's steps are called in the edit log --------------------------------------------

MOJIBAKE = "mojibake"  # text encoded in one encoding, decoded in another (once or more)
C1_CONTROL = "c1 control"  # a Windows-1252 character read as a Latin-1 control character
NORMALIZATION = "unicode normalization"  # a letter and its combining accent made one (NFC)
#: A step of ftfy that this stage does not name (one a later ftfy may add).
OTHER = "unicode"

#: ftfy's fixers (the names its explanations give them) and what their edits are called.
#: ``uncurl_quotes`` and ``fix_line_breaks`` are turned off (see :func:`_config`).
FIXER_KINDS: dict[str, str] = {
    "unescape_html": "html entity",
    "decode_inconsistent_utf8": MOJIBAKE,  # mojibake in a line that is not all mojibake
    "restore_byte_a0": MOJIBAKE,  # parts of a mojibake fix, between its encode and decode
    "replace_lossy_sequences": MOJIBAKE,
    "fix_c1_controls": C1_CONTROL,
    "fix_latin_ligatures": "ligature",
    "fix_character_width": "full-width form",
    "fix_surrogates": "surrogate",
    "remove_terminal_escapes": "terminal escape",
    "remove_control_chars": "control character",
}

#: Every kind of edit this stage logs.
EDIT_KINDS: frozenset[str] = frozenset(
    {*FIXER_KINDS.values(), MOJIBAKE, C1_CONTROL, NORMALIZATION, OTHER}
)

# -- which lines ftfy would change -----------------------------------------------------------


def _char_class(codes: set[int]) -> str:
    """A regex character class of the code points, in ranges.

    >>> _char_class({0x41, 0x42, 0x43, 0x61, 0xFB01})
    '[A-Caﬁ]'
    """
    parts: list[str] = []
    run: list[int] = []
    for code in sorted(codes):
        if run and code == run[-1] + 1:
            run.append(code)
            continue
        if run:
            parts.append(_char_range(run[0], run[-1]))
        run = [code]
    if run:
        parts.append(_char_range(run[0], run[-1]))
    return "[" + "".join(parts) + "]"


def _char_range(first: int, last: int) -> str:
    """One range of a character class, escaped.

    >>> _char_range(0x41, 0x41), _char_range(0x41, 0x43)
    ('A', 'A-C')
    """
    low = re.escape(chr(first))
    return low if first == last else f"{low}-{re.escape(chr(last))}"


# A character that ftfy changes wherever it stands: a C1 or other control character
# (terminal escapes begin with one), a surrogate, a ligature, a full-width or half-width
# form; and the four characters that ftfy's mojibake detector (ftfy.badness.BADNESS_RE)
# takes for mojibake with nothing but ASCII around them: Ã and Â (from "é" and a no-break
# space read as Windows-1252), Œ and œ. Built from ftfy's own tables, so that it follows
# ftfy's fixers.
_ONE_CHAR = re.compile(
    _char_class(
        {*range(0x80, 0xA0), *range(0xD800, 0xE000), *map(ord, "ÃÂŒœ")}
        | set(chardata.CONTROL_CHARS)
        | set(chardata.LIGATURES)
        | set(chardata.WIDTH_MAP)
    )
)
# Every other pattern of ftfy's mojibake detector needs two non-ASCII characters side by
# side (tests/test_unicode.py checks this against ftfy, character by character).
_TWO_NON_ASCII = re.compile(r"[^\x00-\x7f][^\x00-\x7f]")


def may_need_fixing(text: str) -> bool:
    """Might ftfy change this line? False only where it surely would not.

    ftfy changes a line that holds an HTML entity (ftfy's pattern of one), a character it
    always fixes (:data:`_ONE_CHAR`; printable ASCII holds none), text not in composed form
    (NFC), or what its own mojibake test finds; that test is costly, and only run where two
    non-ASCII characters stand side by side, which it needs.

    >>> may_need_fixing("plain text"), may_need_fixing("AT&amp;T"), may_need_fixing("a\\x00b")
    (False, True, True)
    >>> may_need_fixing("AT&T"), may_need_fixing("“Curly” quotes — Lévy"), may_need_fixing("Ä‡")
    (False, False, True)
    """
    if "&" in text and chardata.HTML_ENTITY_RE.search(text) is not None:
        return True
    if text.isascii():
        return not text.isprintable() and _ONE_CHAR.search(text) is not None
    if _ONE_CHAR.search(text) is not None or not unicodedata.is_normalized("NFC", text):
        return True
    return _TWO_NON_ASCII.search(text) is not None and is_bad(text)


# -- fixing and explaining -------------------------------------------------------------------


@cache
def _config() -> ftfy.TextFixerConfig:
    """ftfy's settings: curly quotes are what editors publish, so they are kept; line breaks
    are the reader's and the paragraph stage's to handle.

    >>> _config().uncurl_quotes, _config().fix_line_breaks, _config().explain
    (False, False, True)
    """
    return ftfy.TextFixerConfig(uncurl_quotes=False, fix_line_breaks=False, explain=True)


def fix_unicode(text: str) -> str:
    """Repair mojibake, ligatures and stray control characters in one line.

    Text extracted from PDFs carries ligature glyphs (``ﬁ``) and, after a wrong decode,
    mojibake (``AfghanistanÃ¢Â€Â™s``). ftfy undoes both; curly quotes are kept.

    >>> fix_unicode("Ä‡"), fix_unicode("ﬁnal Lâ€™s"), fix_unicode("“quoted”")
    ('ć', 'final L’s', '“quoted”')
    """
    return explain_unicode(text)[0]


def explain_unicode(text: str) -> tuple[str, list[tuple[int, int, str, str]]]:
    """The line as ftfy fixes it, and its changes: ``(start, end, after, kind)`` for each
    changed span ``text[start:end]``, kind naming the ftfy step that changed it.

    >>> explain_unicode("Dragan NikoliÄ‡ ﬁled")
    ('Dragan Nikolić filed', [(13, 15, 'ć', 'mojibake'), (16, 17, 'fi', 'ligature')])
    >>> explain_unicode("Lévy")
    ('Lévy', [])
    """
    if not may_need_fixing(text):
        return text, []
    fixed, plan = ftfy.fix_and_explain(text, config=_config())
    if fixed == text:
        return text, []
    steps = _replay(text, [(action, parameter) for action, parameter in plan or []])
    if not steps or steps[-1][1] != fixed:  # defensive: a plan that does not replay
        steps = [(OTHER, fixed)]
    where = _where_changed(text, steps)
    changes: list[tuple[int, int, str, str]] = []
    for start, end, after in _diff(text, fixed):
        kinds = [kind for a, b, kind in where if _overlap(start, end, a, b)]
        changes.append((start, end, after, kinds[0] if kinds else OTHER))
    return fixed, changes


def _replay(text: str, plan: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """ftfy's plan carried out step by step: the kind of each step and the text after it.

    An encoding fix (encode, transcode the bytes, decode) is one step.

    >>> _replay("Ã©tÃ© ﬁ", [("apply", "decode_inconsistent_utf8"),
    ...                     ("apply", "fix_latin_ligatures")])
    [('mojibake', 'été ﬁ'), ('ligature', 'été fi')]
    >>> _replay("Ã©tÃ©", [("encode", "latin-1"), ("decode", "utf-8")])
    [('mojibake', 'été')]
    >>> _replay("\\x93hi\\x94", [("encode", "latin-1"), ("decode", "windows-1252")])
    [('c1 control', '“hi”')]
    """
    steps: list[tuple[str, str]] = []
    i = 0
    while i < len(plan):
        action, parameter = plan[i]
        if action == "encode":
            end = next((j for j in range(i + 1, len(plan)) if plan[j][0] == "decode"), len(plan))
            group = plan[i : end + 1]
            try:
                text = ftfy.apply_plan(text, group)
            except (UnicodeError, ValueError):
                return []
            # Latin-1 read as the Windows-1252 it was: C1 controls, not mojibake
            c1 = [param for _, param in group] == ["latin-1", "windows-1252"]
            steps.append((C1_CONTROL if c1 else MOJIBAKE, text))
            i = end + 1
            continue
        if action == "normalize" and parameter == "NFC":
            text = unicodedata.normalize("NFC", text)
            steps.append((NORMALIZATION, text))
        elif action in ("apply", "transcode") and parameter in ftfy.FIXERS:
            text = ftfy.apply_plan(text, [(action, parameter)])
            steps.append((FIXER_KINDS.get(parameter, OTHER), text))
        else:
            return []  # a step this stage cannot carry out
        i += 1
    return steps


def _where_changed(text: str, steps: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Each span of ``text`` that a step changed, with the step's kind, in the order of the
    steps: a later step's change is placed on the input it was made from.

    >>> _where_changed("ﬁ Ã©", [("ligature", "fi Ã©"), ("mojibake", "fi é")])
    [(0, 1, 'ligature'), (2, 4, 'mojibake')]
    """
    if len(steps) == 1:
        return [(start, end, steps[0][0]) for start, end, _ in _diff(text, steps[0][1])]
    # where in ``text`` each character of the current text comes from
    origin = [(i, i + 1) for i in range(len(text))]
    where: list[tuple[int, int, str]] = []
    for kind, after in steps:
        moved: list[tuple[int, int]] = []
        for tag, i1, i2, j1, j2 in _opcodes(text, after):
            if tag == "equal":
                moved.extend(origin[i1:i2])
                continue
            if i1 < i2:
                span = (origin[i1][0], origin[i2 - 1][1])
            else:  # an insertion: at the place of the character it precedes
                at = origin[i1][0] if i1 < len(origin) else (origin[-1][1] if origin else 0)
                span = (at, at)
            where.append((*span, kind))
            moved.extend([span] * (j2 - j1))
        origin, text = moved, after
    return where


def _overlap(start: int, end: int, a: int, b: int) -> bool:
    """Do the spans ``[start, end)`` and ``[a, b)`` share a character, or does an empty one
    of them stand inside (or at an end of) the other?

    >>> _overlap(0, 2, 1, 3), _overlap(0, 2, 2, 3), _overlap(2, 2, 0, 2), _overlap(0, 1, 3, 3)
    (True, False, True, False)
    """
    if start < end and a < b:
        return start < b and a < end
    return start <= b and a <= end


def _opcodes(old: str, new: str) -> Sequence[tuple[str, int, int, int, int]]:
    """difflib's opcodes turning ``old`` into ``new`` (no junk heuristic: exact spans).

    >>> _opcodes("ﬁne", "fine")
    [('replace', 0, 1, 0, 2), ('equal', 1, 3, 2, 4)]
    """
    return SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def _diff(old: str, new: str) -> list[tuple[int, int, str]]:
    """The changes turning ``old`` into ``new``: ``(start, end, replacement)``, in order.

    >>> _diff("ﬁne ﬂy", "fine fly")
    [(0, 1, 'fi'), (4, 5, 'fl')]
    """
    return [(i1, i2, new[j1:j2]) for tag, i1, i2, j1, j2 in _opcodes(old, new) if tag != "equal"]


# -- the stage -------------------------------------------------------------------------------


def normalize_unicode(draft: Draft) -> None:
    """Apply ftfy's repairs to every line, logging each span it changed.

    >>> from copydesk.readers.text import read_text
    >>> draft = read_text("Dragan NikoliÄ‡ ﬁled\\n")
    >>> normalize_unicode(draft)
    >>> draft.lines[0].text
    'Dragan Nikolić filed'
    >>> [(e.kind, e.before, e.after) for e in draft.edits]
    [('mojibake', 'Ä‡', 'ć'), ('ligature', 'ﬁ', 'fi')]
    """
    for line in draft.lines:
        if may_need_fixing(line.text):
            fixed, changes = explain_unicode(line.text)
            if changes:
                _retrace(draft, line, fixed, changes)


def _retrace(
    draft: Draft, line: Line, fixed: str, changes: list[tuple[int, int, str, str]]
) -> None:
    """Log the changes of a line (offsets into the input) and make ``fixed`` its text.

    >>> from copydesk.readers.text import read_text
    >>> draft = read_text("x ﬁ")
    >>> _retrace(draft, draft.lines[0], "x fi", [(2, 3, "fi", "ligature")])
    >>> draft.lines[0].text, draft.edits
    ('x fi', [Edit(kind='ligature', start=2, end=3, before='ﬁ', after='fi')])
    """
    old = line.traced()
    for start, end, after, kind in changes:
        draft.record(kind, old, start, end, after)
    line.trace = old.replace([(start, end, after) for start, end, after, _ in changes])
    line.text = line.trace.text
    if line.text != fixed:  # defensive: the diff must rebuild the fixed text exactly
        line.trace = Traced(fixed, line.start)
        line.text = fixed
