"""Publication dates in damaged text lines: find them, and tell datelines from body text.

Renditions of an article (pdftotext dumps, OCR, pastes) carry the publication date in
many spellings, often damaged: ``Aug.23,202112:56 pm ET`` (spaces lost), ``J A N .  1 3 ,
2 0 1 7`` (letter-spaced), ``Updated 3:14 p.m. ET, Thu March 5, 2015`` (time first).
:func:`find_date` reads one such date and gives it back as ISO 8601 with the span it
covered; :func:`is_dateline` says whether a line is nothing but such a date, so that the
caller can lift it out of the body.

Only the standard library is used: compiled regexes for the shapes, :mod:`zoneinfo` for the
UTC offset of zones such as ``ET`` whose offset depends on daylight saving time.

Not supported, on purpose: a month and year without a day (``January 2017``), a year alone,
relative dates (``2 hours ago``), compact numeric dates (``20190221``), times written with
a dot (``9.05pm``) and zone names spelt out (``Eastern Time``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

__all__ = ["DateMatch", "find_date", "is_dateline"]


@dataclass(frozen=True, slots=True)
class DateMatch:
    """One date found in a line: its span there and its value in ISO 8601.

    ``iso`` is ``2017-01-13`` for a date alone, ``2019-02-21T09:05:00`` with a time but no
    zone, ``2021-08-23T12:56:00-04:00`` with a time and a known zone. The span covers the
    whole expression: a weekday just before the date, and a time and zone before or after it.

    >>> DateMatch(0, 13, "2017-01-13").iso
    '2017-01-13'
    """

    start: int
    end: int
    iso: str


# ---------------------------------------------------------------------------------------
# Vocabulary

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# Zones whose offset does not change with the season (minutes east of UTC).
_FIXED_ZONES = {
    "UTC": 0, "GMT": 0, "UT": 0, "Z": 0,
    "BST": 60, "IST": 330, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180, "MSK": 180,
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300,
    "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
    "AKST": -540, "AKDT": -480, "HST": -600,
    "AEST": 600, "AEDT": 660, "ACST": 570, "ACDT": 630, "AWST": 480,
    "NZST": 720, "NZDT": 780, "JST": 540, "KST": 540, "HKT": 480, "SGT": 480,
}  # fmt: skip

# Zones named by region: standard or daylight time, depending on the date.
_REGIONAL_ZONES = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
    "AET": "Australia/Sydney",
}

_ZONE_NAMES = frozenset(_FIXED_ZONES) | frozenset(_REGIONAL_ZONES)

# Words a dateline may hold besides the date itself (compared in lower case).
_DATELINE_WORDS = frozenset(
    {
        "updated", "update", "published", "posted", "last", "modified", "first", "originally",
        "date", "dated", "released", "issued", "created", "edited", "revised", "on", "at", "and",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    }
)  # fmt: skip
_TIME_WORDS = frozenset({"a", "p", "m", "am", "pm", "noon", "midnight"})

# ---------------------------------------------------------------------------------------
# Regex pieces

_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# A month name starts a word, or follows a lower-case letter when spaces were lost
# ("onJanuary"); it never sits inside a word ("Omar", "Summary").
_MONTH_START = r"(?:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))"
_MONTH_END = r"(?![A-Za-z])\.?"
_ORDINAL = r"(?i:st|nd|rd|th)?"
# A year is four digits, which may be glued to a following time ("202112:56").
_YEAR_END = r"(?:(?!\d)|(?=\d{1,2}:\d{2}))"
_NUM_START = r"(?<![\d/.:-])"

_DATE = re.compile(
    rf"""
      {_NUM_START}(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})(?!\d)
    | {_NUM_START}(?P<sy>\d{{4}})(?P<ss>[/.])(?P<sm>\d{{1,2}})(?P=ss)(?P<sd>\d{{1,2}})(?![\d/])
    | {_NUM_START}(?P<n1>\d{{1,2}})(?P<ns>[/.-])(?P<n2>\d{{1,2}})(?P=ns)(?P<n3>\d{{4}}|\d{{2}})
      (?![\d/-]|\.\d)
    | {_MONTH_START}(?P<m1>{_MONTH}){_MONTH_END}\s*(?P<d1>\d{{1,2}}){_ORDINAL}(?![\d:])
      \s*,?\s*(?P<y1>\d{{4}}){_YEAR_END}
    | (?<![\d.:/])(?P<d2>\d{{1,2}}){_ORDINAL}\s*(?:(?i:of)\s+)?
      {_MONTH_START}(?P<m2>{_MONTH}){_MONTH_END}\s*,?\s*(?P<y2>\d{{4}}){_YEAR_END}
    """,
    re.VERBOSE,
)

# Month and day without a year: a date only when the caller knows the year.
_YEARLESS = re.compile(
    rf"""
    (?:
        {_MONTH_START}(?P<m1>{_MONTH}){_MONTH_END}\s*(?P<d1>\d{{1,2}}){_ORDINAL}(?![\d:])
      | (?<![\d.:/])(?P<d2>\d{{1,2}}){_ORDINAL}\s*(?:(?i:of)\s+)?
        {_MONTH_START}(?P<m2>{_MONTH}){_MONTH_END}
    )
    (?!\s*,?\s*\d{{3}})
    """,
    re.VERBOSE,
)

_WEEKDAY = (
    r"(?i:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?"
    r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?)"
)
_WEEKDAY_BEFORE = re.compile(rf"(?<![A-Za-z])(?P<wd>{_WEEKDAY})(?![a-z])\.?\s*,?\s*$")

_AMPM = r"(?P<{name}>[AaPp])\.?[Mm]\.?(?![a-z])"
_TIME = rf"""
    (?P<t>
        (?P<h>\d{{1,2}}):(?P<mi>\d{{2}})(?::(?P<s>\d{{2}})(?:[.,]\d{{1,6}})?)?(?!\d)
        (?:\s{{0,2}}{_AMPM.format(name="ap")})?
      | (?P<h2>\d{{1,2}})\s{{0,2}}{_AMPM.format(name="ap2")}
      | (?P<noon>(?i:(?:12\s?)?noon|midnight))(?![A-Za-z])
    )
"""
_ZONE_ALTERNATION = "|".join(sorted(_ZONE_NAMES - {"Z"}, key=lambda name: (-len(name), name)))
# A zone name must not run on into an upper-case word ("ETHIOPIA"), but may be glued to a
# capitalised one ("ETThu") when spaces were lost.
_ZONE = rf"""
    (?P<z>
        \s{{0,2}}(?P<lp>\()?
        (?:(?P<uz>UTC|GMT)(?P<zo>[+-]\d{{1,2}}(?::?\d{{2}})?)|(?P<zn>{_ZONE_ALTERNATION}))
        (?(lp)\))(?![a-z]|[A-Z]{{2}})
      | \s?(?P<zz>Z)(?![A-Za-z])
      | \s?(?P<off>[+-]\d{{2}}(?::?\d{{2}})?)(?![\d:])
    )?
"""
_SEP_AFTER = r"(?:T|(?:\s*(?:[,|·•@–—-]|[Aa][Tt](?![a-z]))){0,3}\s*)"
_SEP_BEFORE = r"(?:\s*(?:[,|·•@–—-]|[Oo][Nn](?![a-z]))){0,3}\s*"

_TIME_AFTER = re.compile(_SEP_AFTER + _TIME + _ZONE, re.VERBOSE)
_TIME_BEFORE = re.compile(r"(?<![\d:.])" + _TIME + _ZONE + _SEP_BEFORE + "$", re.VERBOSE)
_LOOSE_TIME = re.compile(r"(?<![\d:.])" + _TIME + _ZONE, re.VERBOSE)

_DIGIT = re.compile(r"\d")
# Where a year may be: 1800-2199, or two digits after a slash ("11/23/26"). Starting with
# a literal lets the regex engine skip to candidates fast.
_YEAR_HINT = re.compile(r"1(?=[89]\d\d)|2(?=[01]\d\d)|/(?=\d\d(?!\d))")
# How far a date reaches before and after the start of its year.
_REACH_BACK = 40
_REACH_AHEAD = 16
_SEPS = ("-", "/", ".")
_SPACED_RUN = re.compile(r"(?<!\S)\S(?: \S){2,}(?!\S)")
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[^\W\d_]+")
_SEPARATORS = re.compile(r"[\s|,:;.\-–—·•/()\[\]@*]*")

_YMD = tuple[int, int, int]


# ---------------------------------------------------------------------------------------
# Public functions


def find_date(text: str, *, default_year: int | None = None) -> DateMatch | None:
    """Find the first publication-style date (with optional time and zone) in a line of text.

    Datelines are how a rendition tells when an article was published, and they survive
    extraction in damaged shapes; this reads them whatever the damage and returns the span,
    so the caller can cut the date out of a longer line (a byline, say). A month and day
    without a year count only when ``default_year`` is given. A year alone is not a date.

    >>> find_date("Aug.23,202112:56 pm ET")
    DateMatch(start=0, end=22, iso='2021-08-23T12:56:00-04:00')
    >>> line = "BY DANIEL KAHN GILLMOR | APRIL 5, 2018"
    >>> match = find_date(line)
    >>> line[match.start:match.end], match.iso
    ('APRIL 5, 2018', '2018-04-05')
    >>> find_date("Published: Monday, 21 February 2019, 09:05 GMT").iso
    '2019-02-21T09:05:00+00:00'
    >>> find_date("March 5", default_year=2015).iso
    '2015-03-05'
    >>> find_date("He played in 1940, then retired.") is None
    True
    """
    if _DIGIT.search(text) is None:
        return None
    found = next(_scan(text, default_year), None)
    if found is not None:
        return found
    spaced = _despace(text)
    if spaced is None:
        return None
    squeezed, index = spaced
    found = next(_scan(squeezed, default_year), None)
    if found is None:
        return None
    return DateMatch(index[found.start], index[found.end - 1] + 1, found.iso)


def is_dateline(text: str) -> bool:
    """True when the line is essentially a dateline, False for body text mentioning a date.

    The date (with its time and zone) and words such as ``Updated``, ``Published``,
    ``Posted``, ``on``, weekday names, ``|`` and other separators must cover the whole line.

    A dateline is furniture to lift out of the article body; a sentence that mentions a date
    is body text and must stay. A byline with a date (``By Jane Doe | April 5, 2018``) is not
    a dateline either: the caller cuts the date out of it with :func:`find_date`.

    >>> is_dateline("Updated 3:14 p.m. ET, Thu March 5, 2015")
    True
    >>> is_dateline("J A N .  1 3 ,  2 0 1 7")
    True
    >>> is_dateline("He was born on Sept. 9, 2001, in Kabul and later moved.")
    False
    >>> is_dateline("By Jane Doe | April 5, 2018")
    False
    """
    if _DIGIT.search(text) is None:
        return False
    line = text
    found = list(_scan(line, None))
    if not found:
        spaced = _despace(text)
        if spaced is None:
            return False
        line = spaced[0]
        found = list(_scan(line, None))
        if not found:
            return False
    pieces: list[str] = []
    pos = 0
    for match in found:
        pieces.append(line[pos : match.start])
        pos = match.end
    pieces.append(line[pos:])
    rest = " ".join(pieces)
    # Body text fails here at its first word, before the costlier search for stray times.
    if not _only_dateline_words(rest, _DATELINE_WORDS | _TIME_WORDS):
        return False
    rest = _LOOSE_TIME.sub(" ", rest)
    if not _only_dateline_words(rest, _DATELINE_WORDS):
        return False
    return _SEPARATORS.fullmatch(_WORD.sub("", rest)) is not None


# What may follow a date that heads a line of web-page furniture: a separator, then
# anything (``· 8 min read``, ``| Tagged with``, ``-- Life-threatening ...``), or a byline.
_AFTER_HEAD_DATE = re.compile(r"\s*(?:$|[·•|/]|--|[—–]|[,;]?\s*by\b)", re.IGNORECASE)


def leading_date(text: str) -> DateMatch | None:
    """The date a line starts with, when the rest of the line is set off from it.

    Web pages print the date at the head of a line of furniture: ``Oct 18, 2019 · 8 min
    read``, ``On 6/13/2018 by @lazharichir``, ``Feb. 23, 2015 -- Life-threatening ...``. A
    sentence that starts with a date runs on without a separator and is not one.

    >>> leading_date("Oct 18, 2019 · 8 min read").iso
    '2019-10-18'
    >>> leading_date("Tuesday 15 October 2019 by Bradley M. Kuhn").iso
    '2019-10-15'
    >>> leading_date("March 18, 2015 Tunisian security forces secure the area") is None
    True
    """
    found = find_date(text)
    if found is None or not _only_dateline_words(text[: found.start], _DATELINE_WORDS):
        return None
    return found if _AFTER_HEAD_DATE.match(text, found.end) else None


def _only_dateline_words(text: str, allowed: frozenset[str]) -> bool:
    return all(
        word.group() in _ZONE_NAMES or word.group().lower() in allowed
        for word in _WORD.finditer(text)
    )


# ---------------------------------------------------------------------------------------
# Scanning


def _scan(text: str, default_year: int | None) -> Iterator[DateMatch]:
    """Every date in ``text``, left to right, without overlaps."""
    if _DIGIT.search(text) is None:
        return
    pos = 0
    while (core := _find_core(text, pos, default_year)) is not None:
        start, end, ymd = core
        match = _extend(text, pos, start, end, ymd)
        yield match
        pos = max(end, match.end)


def _find_core(text: str, pos: int, default_year: int | None) -> tuple[int, int, _YMD] | None:
    """The first valid bare date (no weekday, no time) at or after ``pos``.

    Searching a whole line with :data:`_DATE` costs a lookbehind at every character, so the
    search runs only in a window around each place a year could be (:data:`_YEAR_HINT`),
    and keeps a match only if it holds that place: every yeared date holds one.
    """
    found: tuple[int, int, _YMD] | None = None
    for hint in _YEAR_HINT.finditer(text, pos):
        if not _may_hold_date(text, pos, hint.start()):
            continue
        found = _core_near(text, pos, hint.start(), hint.end())
        if found is not None:
            break
    if default_year is None:
        return found
    limit = len(text) if found is None else found[0]
    at = pos
    while (m := _YEARLESS.search(text, at)) is not None and m.start() < limit:
        ymd = _undated(m, default_year)
        if ymd is not None:
            return (m.start(), m.end(), ymd)
        at = m.start() + 1
    return found


def _may_hold_date(text: str, pos: int, at: int) -> bool:
    """Cheap test of a year hint: a date separator next to it, or a month name before it."""
    if text[at] == "/":
        return True
    if text[at + 4 : at + 5] in _SEPS and text[at + 5 : at + 6].isdigit():
        return True
    if text[at - 1 : at] in _SEPS and text[max(at - 2, 0) : at - 1].isdigit():
        return True
    before = text[max(pos, at - _REACH_BACK) : at].lower()
    return any(month in before for month in _MONTHS)


def _core_near(text: str, pos: int, hint_start: int, hint_end: int) -> tuple[int, int, _YMD] | None:
    """The first valid :data:`_DATE` match that holds the hint, searched near it."""
    at = max(pos, hint_start - _REACH_BACK)
    stop = min(len(text), hint_end + _REACH_AHEAD)
    while (m := _DATE.search(text, at, stop)) is not None and m.start() <= hint_start:
        if m.end() >= hint_end:
            ymd = _dated(m)
            if ymd is not None:
                return (m.start(), m.end(), ymd)
        at = m.start() + 1
    return None


def _undated(m: re.Match[str], year: int) -> _YMD | None:
    """Month and day of a :data:`_YEARLESS` match in ``year``, or None when no real date."""
    month = m.group("m1") or m.group("m2")
    if month.islower():  # "may 5" is a verb and a number
        return None
    ymd = (year, _MONTHS[month[:3].lower()], int(m.group("d1") or m.group("d2")))
    return ymd if _valid(*ymd) else None


def _dated(m: re.Match[str]) -> _YMD | None:
    """Year, month and day of a :data:`_DATE` match, or None when it is no real date."""
    g = m.group
    if g("iy") is not None:
        ymd = (int(g("iy")), int(g("im")), int(g("id")))
    elif g("sy") is not None:
        ymd = (int(g("sy")), int(g("sm")), int(g("sd")))
    elif g("n1") is not None:
        first, second, year_text, sep = int(g("n1")), int(g("n2")), g("n3"), g("ns")
        if len(year_text) == 2:
            if sep != "/":
                return None
            year = int(year_text) + (2000 if int(year_text) < 70 else 1900)
        else:
            year = int(year_text)
        # Dots are European, day first; slashes and dashes are US, month first. A number
        # above 12 settles it either way.
        if sep == ".":
            day, month = first, second
            if month > 12 >= day:
                day, month = month, day
        else:
            month, day = first, second
            if month > 12 >= day:
                day, month = month, day
        ymd = (year, month, day)
    elif g("m1") is not None:
        ymd = (int(g("y1")), _MONTHS[g("m1")[:3].lower()], int(g("d1")))
    else:
        ymd = (int(g("y2")), _MONTHS[g("m2")[:3].lower()], int(g("d2")))
    return ymd if _valid(*ymd) else None


def _valid(year: int, month: int, day: int) -> bool:
    if not 1800 <= year <= 2100:
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _extend(text: str, lo: int, start: int, end: int, ymd: _YMD) -> DateMatch:
    """Grow a bare date with the weekday before it and a time (and zone) after or before it."""
    year, month, day = ymd
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    weekday = _WEEKDAY_BEFORE.search(text, max(lo, start - 16), start)
    if weekday is not None:
        name = weekday.group("wd")
        if name.istitle() or name.isupper():  # "sat" in lower case is a verb
            start = weekday.start()
    after = True
    timed = _TIME_AFTER.match(text, end)
    hms = _hms(timed) if timed is not None else None
    if hms is None:
        after = False
        timed = _TIME_BEFORE.search(text, max(lo, start - _REACH_BACK), start)
        hms = _hms(timed) if timed is not None else None
    if timed is None or hms is None:
        return DateMatch(start, end, iso)
    hour, minute, second = hms
    iso += f"T{hour:02d}:{minute:02d}:{second:02d}"
    offset = _offset(timed, datetime(year, month, day, hour, minute, second))
    if offset is not None:
        sign = "+" if offset >= 0 else "-"
        iso += f"{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
    if after:
        end = timed.end("z") if offset is not None else timed.end("t")
    else:
        start = timed.start("t")
    return DateMatch(start, end, iso)


def _hms(m: re.Match[str]) -> tuple[int, int, int] | None:
    """Hour, minute and second of a time match, or None when it is no real time."""
    g = m.group
    if g("noon") is not None:
        return (0, 0, 0) if g("noon").lower() == "midnight" else (12, 0, 0)
    if g("h") is not None:
        hour, minute, second, ampm = int(g("h")), int(g("mi")), int(g("s") or 0), g("ap")
    else:
        hour, minute, second, ampm = int(g("h2")), 0, 0, g("ap2")
    if ampm is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm in "Pp" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def _offset(m: re.Match[str], local: datetime) -> int | None:
    """Minutes east of UTC of the zone after a time, at that local time; None if unknown."""
    g = m.group
    name = g("zn")
    if name is not None:
        if name in _REGIONAL_ZONES:
            delta = local.replace(tzinfo=ZoneInfo(_REGIONAL_ZONES[name])).utcoffset()
            return None if delta is None else int(delta.total_seconds()) // 60
        return _FIXED_ZONES[name]
    if g("zz") is not None:
        return 0
    numeric = g("zo") or g("off")
    if numeric is None:
        return None
    sign = -1 if numeric[0] == "-" else 1
    digits = numeric[1:].replace(":", "")
    if ":" in numeric[1:]:
        hours_text, minutes_text = numeric[1:].split(":")
    elif len(digits) > 2:
        hours_text, minutes_text = digits[:-2], digits[-2:]
    else:
        hours_text, minutes_text = digits, "0"
    hours, minutes = int(hours_text), int(minutes_text)
    if hours > 14 or minutes > 59:
        return None
    return sign * (hours * 60 + minutes)


def _despace(text: str) -> tuple[str, list[int]] | None:
    """Undo letter-spacing ("J A N .  1 3"): the squeezed line and, per character, its index.

    A single space between two one-character tokens goes; any other gap becomes one space.
    None when the line shows no run of letter-spaced characters.
    """
    if _SPACED_RUN.search(text) is None:
        return None
    chars: list[str] = []
    index: list[int] = []
    previous: re.Match[str] | None = None
    for token in _TOKEN.finditer(text):
        if previous is not None:
            gap = text[previous.end() : token.start()]
            if not (gap == " " and len(previous.group()) == 1 and len(token.group()) == 1):
                chars.append(" ")
                index.append(previous.end())
        chars.extend(token.group())
        index.extend(range(token.start(), token.end()))
        previous = token
    return "".join(chars), index
