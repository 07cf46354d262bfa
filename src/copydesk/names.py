"""Bylines and author names: find who wrote an article in a broken rendition of it.

A byline in a PDF text dump or an OCR pass is one line such as ``By Stella Kim and Jennifer
Jett`` or ``BY DANIEL KAHN GILLMOR | APRIL 5, 2018``. :func:`parse_byline` reads such a line
into author names and the span it covers, so that the caller can move the line out of the body
and hand what follows the span (a date, say) to another module. :func:`proper_case` gives
names printed in capitals the case they are spelled with, and :func:`looks_like_name` tells a
bare name from other short lines.

Choices made here, all heuristics from a small closed vocabulary (no word-frequency data):

* Only a line that *starts* with ``By`` (any case, optionally after a lead-in such as
  ``Written by`` or ``Story and photos by``) is a byline; a bare name is not. Lines longer than
  :data:`MAX_LINE_WORDS` words are prose.
* The byline ends at a hard separator (``|``, a dash, a bullet, a tab, a run of three spaces),
  at a date (``April 5, 2018``, ``Monday, April 5``), at a number, or at ``Updated`` /
  ``Published`` / ``Posted``; what follows is not part of the span.
* After the names come roles: a part (between commas, ``and``, ``&``) holding a job-title or
  organization word (``Senior Staff Technologist``, ``Bloomberg News``) or lower-case words
  other than name particles. Once a role has started, only a part introduced by ``and``/``&``
  can start a new name (``By A, Staff Writer, and B``). The span covers trailing roles.
* A person name is 1-5 name words (capitalized words, initials) plus particles (``van``,
  ``de la``, ``al-``...) and a suffix (``Jr.``, ``III``). A one-word name is accepted only when
  it is the whole byline (``By Banksy``); elsewhere a name needs two words, which keeps
  ``By Tuesday, the army had left`` and ``By Contrast, ...`` out.
* A leading honorific (``Dr.``, ``Prof.``, ``Mr.``, ``Mrs.``, ``Ms.``, ``Mx.``, ``Rev.``) is
  dropped from the name but stays inside the span: the author list holds names, not forms of
  address. ``Sir`` and ``Dame`` are kept, being part of how the name is styled.
* Organization bylines (``By The Associated Press``, ``By AP``, ``By Reuters Staff``) are
  returned as one name, as printed, or title-cased when printed in capitals
  (``THE ASSOCIATED PRESS`` -> ``The Associated Press``; acronyms stay in capitals); a
  lower-case ``the`` before a known agency is printed ``The``.
* Names printed in mixed case are kept exactly as printed (``DeShawn``, ``McKenzie``,
  ``Le Guin``); only names printed all in capitals are re-cased.
* ``Mc`` is always followed by a capital (``McDonald``); ``Mac`` only for the short list
  :data:`MAC_NAMES` (``MacLeod``, ``MacDonald``), since ``Macy``, ``Mack`` and ``Machado`` are
  not ``Mac`` + name; any other ``MAC...`` is cased like a plain word (``Mackey``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from copydesk.dates import find_date

__all__ = [
    "MAC_NAMES",
    "MAX_LINE_WORDS",
    "Byline",
    "looks_like_name",
    "parse_byline",
    "proper_case",
]

#: A line with more words than this is prose, even when it starts with "By".
MAX_LINE_WORDS = 20

#: Most name words (not counting particles and suffixes) in one person's name.
MAX_NAME_WORDS = 5

#: Surnames printed ``Mac`` + capital when re-cased from capitals; other ``MAC...`` words are
#: cased like plain words (``MACY`` -> ``Macy``, ``MACKENZIE`` -> ``Mackenzie``).
MAC_NAMES = frozenset(
    {
        "macarthur",
        "macdonald",
        "macdougall",
        "macfarlane",
        "macgregor",
        "macintyre",
        "maclean",
        "macleod",
        "macmillan",
        "macneil",
        "macpherson",
        "macqueen",
    }
)

# Name particles: lower-case inside a name, never a name word on their own.
_PARTICLES = frozenset(
    {"van", "von", "de", "da", "del", "della", "der", "den", "di", "du", "des", "dos", "das"}
    | {"do", "bin", "ibn", "bint", "ter", "ten", "y", "la", "le", "las", "los", "zu"}
)
# Particles re-cased to lower case inside a name printed in capitals. "Di" is left out: it is
# mostly capitalized (Di Maio). la/le/las/los only after another particle (de la Tour, but
# Le Guin, La Fontaine).
_ARTICLE_PARTICLES = frozenset({"la", "le", "las", "los"})
_LOWER_PARTICLES = _PARTICLES - _ARTICLE_PARTICLES - {"di"}
# Hyphenated or apostrophe prefixes written in lower case: al-Assad, el-Sisi, d'Alembert.
_PREFIXES = frozenset({"al", "el", "ad", "ash", "as", "at", "an", "ud", "d", "l"})
_HONORIFICS = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "rev", "reverend"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_ROMAN = frozenset({"ii", "iii", "iv", "vi", "vii", "viii"})

_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "you"})
# Grammar words: never part of a name. Words that are also common first names (May, Will,
# Can) are left out so that "BY WILL HUTTON" reads.
_FUNCTION_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "i",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "him",
        "them",
        "us",
        "me",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "had",
        "has",
        "have",
        "having",
        "does",
        "did",
        "would",
        "should",
        "could",
        "shall",
        "must",
        "not",
        "no",
        "nor",
        "than",
        "then",
        "there",
        "here",
        "now",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "while",
        "why",
        "how",
        "if",
        "so",
        "but",
        "or",
        "yet",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "off",
        "on",
        "onto",
        "out",
        "over",
        "to",
        "under",
        "up",
        "upon",
        "with",
        "within",
        "without",
        "about",
        "after",
        "before",
        "since",
        "until",
        "during",
        "through",
        "all",
        "any",
        "each",
        "every",
        "more",
        "most",
        "some",
        "such",
        "very",
        "too",
        "also",
        "only",
        "just",
        "both",
        "either",
        "neither",
        "many",
        "much",
        "few",
        "several",
        "other",
        "another",
        "same",
        "own",
        "and",
    }
    | _PRONOUNS
)
_DAY_NAMES = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)
# Words that may open a capitalized phrase after "By" but never a name: "By Christmas Eve",
# "By Election Day", "BY SHEER LUCK". Checked on the first word of the first part only.
_LEAD_STOP = frozenset(
    {
        "contrast",
        "comparison",
        "far",
        "way",
        "law",
        "default",
        "design",
        "accident",
        "mistake",
        "hand",
        "day",
        "night",
        "noon",
        "midnight",
        "dusk",
        "morning",
        "evening",
        "afternoon",
        "tonight",
        "today",
        "tomorrow",
        "yesterday",
        "mid",
        "early",
        "late",
        "midday",
        "sunrise",
        "sunset",
        "nightfall",
        "lunchtime",
        "christmas",
        "easter",
        "thanksgiving",
        "halloween",
        "spring",
        "winter",
        "definition",
        "nature",
        "virtue",
        "extension",
        "itself",
        "using",
        "making",
        "taking",
        "doing",
        "getting",
        "adding",
        "comparing",
        "combining",
        "following",
        "focusing",
        "working",
        "bringing",
        "creating",
        "analogy",
        "coincidence",
        "necessity",
        "choice",
        "election",
        "sheer",
        "pure",
        "popular",
        "force",
        "car",
        "train",
        "plane",
        "air",
        "sea",
        "email",
        "mail",
        "phone",
        "telephone",
        "letter",
        "heart",
        "rule",
        "order",
        "request",
        "invitation",
        "appointment",
        "proxy",
        "birth",
        "trade",
        "week",
        "year",
        "decade",
        "century",
        "weekend",
        "tradition",
        "convention",
        "means",
        "one",
        "two",
        "three",
    }
    | _DAY_NAMES
)
# Words that make a part a role (job title, desk, organization) rather than a name. Words that
# are also common surnames or first names (Dean, Bishop, Guest, Court, Sun, Star) are left out.
_ROLE_WORDS = frozenset(
    {
        "staff",
        "senior",
        "junior",
        "editor",
        "editors",
        "editorial",
        "reporter",
        "reporters",
        "correspondent",
        "correspondents",
        "writer",
        "writers",
        "technologist",
        "engineer",
        "developer",
        "designer",
        "project",
        "department",
        "dept",
        "university",
        "college",
        "institute",
        "school",
        "center",
        "centre",
        "news",
        "times",
        "press",
        "post",
        "contributor",
        "contributors",
        "contributing",
        "columnist",
        "columnists",
        "analyst",
        "fellow",
        "professor",
        "director",
        "chief",
        "deputy",
        "associate",
        "associated",
        "assistant",
        "managing",
        "executive",
        "special",
        "bureau",
        "producer",
        "photographer",
        "critic",
        "researcher",
        "scientist",
        "author",
        "founder",
        "president",
        "ceo",
        "chair",
        "chairman",
        "chairwoman",
        "member",
        "manager",
        "officer",
        "host",
        "desk",
        "team",
        "board",
        "service",
        "services",
        "agency",
        "agencies",
        "foundation",
        "council",
        "association",
        "society",
        "committee",
        "group",
        "journal",
        "magazine",
        "herald",
        "tribune",
        "gazette",
        "daily",
        "weekly",
        "review",
        "report",
        "reports",
        "network",
        "media",
        "lab",
        "laboratory",
        "program",
        "programme",
        "initiative",
        "fund",
        "office",
        "ministry",
        "ambassador",
        "secretary",
        "minister",
        "commissioner",
        "counsel",
        "attorney",
        "lawyer",
        "economist",
        "historian",
        "journalist",
        "blogger",
        "freelance",
        "freelancer",
        "visiting",
        "emeritus",
        "opinion",
        "politics",
        "business",
        "science",
        "sciences",
        "technology",
        "health",
        "sports",
        "culture",
        "affairs",
        "international",
        "national",
        "global",
        "political",
        "foreign",
        "intern",
        "coordinator",
        "advocate",
        "policy",
        "union",
        "company",
        "inc",
        "corp",
        "ltd",
        "llc",
        "party",
        "campaign",
        "studies",
        "research",
        "newsroom",
        "wire",
        "wires",
        "graphics",
        "data",
        "investigations",
        "investigative",
        "video",
        "audio",
        "podcast",
        "digital",
        "online",
        "medicine",
        "hospital",
        "clinic",
        "institution",
        "commission",
        "administration",
        "government",
        "museum",
        "library",
        "partner",
        "partners",
        "consultant",
        "strategist",
        "adviser",
        "advisor",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "candidate",
        "student",
        "lecturer",
        "independent",
        "guardian",
        "telegraph",
        "observer",
        "chronicle",
        "globe",
        "mirror",
        "express",
        "examiner",
        "inquirer",
        "register",
        "bulletin",
        "monitor",
        "courier",
        "dispatch",
        "sentinel",
    }
)
# Last words of an organization byline that starts with "The" (The New York Times).
_ORG_WORDS = _ROLE_WORDS | frozenset({"sun", "star", "nation", "atlantic", "staff", "record"})
# Words that may follow a news agency's name in an organization byline (Reuters Staff).
_ORG_TAIL = frozenset(
    {
        "staff",
        "reports",
        "report",
        "wire",
        "wires",
        "service",
        "services",
        "news",
        "desk",
        "team",
        "newsroom",
        "bureau",
        "agencies",
        "editors",
    }
)
# Organizations that sign articles, as lower-case word tuples.
_KNOWN_ORGS = frozenset(
    {
        ("ap",),
        ("associated", "press"),
        ("reuters",),
        ("afp",),
        ("agence", "france-presse"),
        ("agence", "france", "presse"),
        ("bloomberg",),
        ("upi",),
        ("united", "press", "international"),
        ("xinhua",),
        ("dpa",),
        ("efe",),
        ("ansa",),
        ("kyodo",),
        ("yonhap",),
        ("tass",),
        ("pti",),
        ("ians",),
        ("aap",),
        ("canadian", "press"),
        ("press", "association"),
        ("staff",),
        ("news", "services"),
        ("wire", "services"),
        ("news", "agencies"),
        ("agencies",),
        ("cnn",),
        ("bbc",),
        ("npr",),
    }
)
# Agency names that are never a word of a person's name, even in a line printed in capitals.
_AGENCY_WORDS = frozenset(
    {
        "ap",
        "afp",
        "upi",
        "efe",
        "ansa",
        "pti",
        "ians",
        "aap",
        "dpa",
        "cnn",
        "bbc",
        "npr",
        "reuters",
        "xinhua",
    }
)
# Acronyms kept in capitals when an organization name printed in capitals is title-cased.
_ACRONYMS = frozenset(
    {
        "ap",
        "afp",
        "upi",
        "efe",
        "ansa",
        "tass",
        "pti",
        "ians",
        "aap",
        "dpa",
        "pa",
        "cnn",
        "bbc",
        "npr",
        "pbs",
        "abc",
        "cbs",
        "nbc",
        "cnbc",
        "aclu",
        "nyt",
        "wsj",
        "usa",
        "uk",
        "us",
        "eu",
        "un",
        "nhk",
        "ap's",
    }
)
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "at", "a", "an", "to", "&"})
# Lower-case words that may start a role right after a name (By Jane Doe for The Guardian).
_CONNECTORS = frozenset({"for", "at", "of", "in", "from", "with", "on"})
# Words of a sentence rather than a role: a part holding one makes the line prose.
_PROSE_WORDS = frozenset(
    {
        "had",
        "has",
        "have",
        "was",
        "were",
        "is",
        "are",
        "will",
        "would",
        "could",
        "should",
        "did",
        "does",
        "said",
        "says",
        "been",
        "be",
        "can",
        "cannot",
    }
    | _PRONOUNS
)
# First words of a place (a dateline after the name), not of a person's name.
_PLACE_STARTS = frozenset(
    {
        "new",
        "los",
        "las",
        "san",
        "santa",
        "fort",
        "port",
        "mount",
        "north",
        "south",
        "east",
        "west",
        "upper",
        "lower",
        "great",
        "united",
        "saint",
        "st",
    }
)
_MONTHS = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)
_WEEKDAYS = frozenset(
    {
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    }
    | _DAY_NAMES
)
_DATE_WORDS = frozenset({"updated", "published", "posted", "modified"})
# Tokens left dangling before a cut-off date ("By Jane Doe on | April 5").
_TRAILING_JUNK = frozenset(
    {
        ",",
        ";",
        "&",
        "and",
        "on",
        "at",
        "in",
        "since",
        "from",
        "until",
        "of",
        "for",
        "by",
        "the",
        "-",
        "",
    }
)
_ABBREVIATIONS = frozenset({"inc", "corp", "co", "ltd", "jr", "sr", "st", "dept", "univ"})

_LEAD_RE = re.compile(
    r"[ \t]*(?:(?:[-–—•*·]|//)\s*)?"
    r"(?P<lead>(?:(?:written|words|story|text|reporting|reported|report|article|column|essay"
    r"|analysis|commentary|interview|posted)"
    r"(?:\s+(?:and|&)\s+(?:photos?|photographs?|pictures?|images?|illustrations?))?\s+)?by)"
    r"(?::\s*|[ \t]+)",
    re.IGNORECASE,
)
_HARD_STOP_RE = re.compile(r"\s*(?:\||[—–•·]|\s-\s|\t| {3,})")
# A name glued to the date after it (``Lucas Nolan22 Dec 2016``, as extraction from a
# page that set them side by side gives) is cut where its letters meet the digits.
_TOKEN_RE = re.compile(r"[,;&]|[^\W\d_]+(?=\d)|[^\s,;&]+")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_INITIALS_RE = re.compile(r"(?:[^\W\d_]{1,2}\.-?)+")
_PIECE_SPLIT_RE = re.compile(r"(['’\-])")


@dataclass(frozen=True, slots=True)
class Byline:
    """The authors named by a byline, and where the byline is in the text it was read from.

    ``names`` are properly cased author names (or one organization) in the printed order;
    ``text[start:end]`` runs from ``By`` (or its lead-in) to the end of the last name or role.
    """

    names: list[str]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower().strip(".:()'\"’")


@dataclass(frozen=True, slots=True)
class _Part:
    toks: tuple[_Tok, ...]
    conj: bool


@dataclass(frozen=True, slots=True)
class _Person:
    name: str
    words: int
    rest: tuple[_Tok, ...]


def parse_byline(text: str) -> Byline | None:
    """Recognize a byline line and return the author names; None when the line is not a byline.

    Exists so that renditions which lost all markup still yield the article's authors, and so
    that the byline line can be taken out of the body: ``start``/``end`` give the span from
    ``By`` to the last name or role, leaving a date after ``|`` to the caller. Only the first
    line of ``text`` is read.

    >>> parse_byline("BY JANE DOE AND JOHN ROE")
    Byline(names=['Jane Doe', 'John Roe'], start=0, end=24)
    >>> line = "BY DANIEL KAHN GILLMOR | APRIL 5, 2018"
    >>> b = parse_byline(line)
    >>> b.names, line[b.start:b.end]
    (['Daniel Kahn Gillmor'], 'BY DANIEL KAHN GILLMOR')
    >>> parse_byline("By Daniel Kahn Gillmor, Senior Staff Technologist, ACLU Speech").names
    ['Daniel Kahn Gillmor']
    >>> parse_byline("By The Associated Press").names
    ['The Associated Press']
    >>> parse_byline("By the time the sun rose, the army had left.") is None
    True
    >>> parse_byline("by Lucas Nolan22 Dec 2016651").names
    ['Lucas Nolan']
    """
    newline = text.find("\n")
    line = text if newline < 0 else text[:newline]
    if len(line.split()) > MAX_LINE_WORDS:
        return None
    match = _LEAD_RE.match(line)
    if match is None:
        return None
    stop = _HARD_STOP_RE.search(line, match.end())
    seg_end = len(line) if stop is None else stop.start()
    tokens = _cut_at_date(_tokenize(line, match.end(), seg_end))
    parts = _split_parts(tokens)
    if not parts:
        return None
    read = _read_parts(parts)
    if read is None:
        return None
    names, end = read
    return Byline(names=names, start=match.start("lead"), end=end)


# A byline without "By" names its writers and then says who they write for: a role after
# a comma ("Jane Doe and John Roe, Staff Writers") or a news agency or paper after a bar
# ("Jane Doe | Reuters"). At most this many words of such a tail.
CREDIT_TAIL_WORDS = 5
_NAME_LIST_SPLIT = re.compile(r",\s+|\s+(?:and|AND|&)\s+")
_BAR = re.compile(r"\s+\|\s+")


def parse_unled_byline(text: str) -> Byline | None:
    """Read a byline printed without ``By``: names, then the writers' role after a comma or
    who they write for after a bar. ``None`` for anything else, a bare name included (only
    the place it stands in can make a bare name a byline).

    Newspapers print their staff's and the agencies' bylines so; without the tail the same
    names could be anyone mentioned in the head.

    >>> parse_unled_byline("Ann Lee and Bo Diaz, Staff Writers").names
    ['Ann Lee', 'Bo Diaz']
    >>> parse_unled_byline("Ann Lee, Bo Diaz and Cy Ng, Staff Writers").names
    ['Ann Lee', 'Bo Diaz', 'Cy Ng']
    >>> b = parse_unled_byline("LAURIE OAKES | AP | 13 March 2015")
    >>> b.names, "LAURIE OAKES | AP | 13 March 2015"[b.end:]
    (['Laurie Oakes'], ' | 13 March 2015')
    >>> parse_unled_byline("Jane Doe | March 3, 2019")
    Byline(names=['Jane Doe'], start=0, end=8)
    >>> parse_unled_byline("Rob Ewaschuk, Staff Writer | Sunday, March 4, 2018").names
    ['Rob Ewaschuk']
    >>> parse_unled_byline("Ann Lee"), parse_unled_byline("Paris, France")
    (None, None)
    >>> parse_unled_byline("Politics | The Daily Ledger") is None
    True
    """
    newline = text.find("\n")
    line = text if newline < 0 else text[:newline]
    if len(line.split()) > MAX_LINE_WORDS:
        return None
    bar = _BAR.search(line)
    if bar is not None:  # names[, role] | who they write for [| date], or names | date
        named, tail = line[: bar.start()], line[bar.end() :]
        names_part, comma, role = named.rpartition(", ")
        if comma and _names_a_staff_role(role):
            named = names_part
        following = _BAR.search(tail)
        tail = tail[: following.start()] if following else tail
        dated = (found := find_date(tail)) is not None and found.start == 0
        # A date after the names is the caller's to read: the byline ends at the bar.
        end = bar.start() if dated else bar.end() + len(tail)
        if not (dated or _writes_for(tail)):
            return None
    else:  # names, role
        named, comma, tail = line.rpartition(", ")
        if not comma or not _names_a_staff_role(tail):
            return None
        end = len(line.rstrip())
    names = [part.strip() for part in _NAME_LIST_SPLIT.split(named) if part.strip()]
    if not names or not all(looks_like_name(name) for name in names):
        return None
    cased = [proper_case(" ".join(name.split())) for name in names]
    return Byline(names=cased, start=len(line) - len(line.lstrip()), end=end)


def _writes_for(tail: str) -> bool:
    """Does ``tail`` name whom a byline's writers write for (``Reuters``, ``The Daily Ledger``)?"""
    words = _WORD_RE.findall(tail)
    return (
        1 <= len(words) <= CREDIT_TAIL_WORDS
        and not tail.rstrip().endswith((".", "!", "?"))
        and all(word[:1].isupper() or word.lower() in _SMALL_WORDS for word in words)
    )


def _names_a_staff_role(tail: str) -> bool:
    """Does ``tail`` give the writers' role (``Staff Writers``, ``Special Correspondent``)?"""
    words = _WORD_RE.findall(tail)
    return (
        1 <= len(words) <= CREDIT_TAIL_WORDS
        and not tail.rstrip().endswith((".", "!", "?"))
        and bool({word.lower().removesuffix("s") for word in words} & _BYLINE_ROLES)
    )


def proper_case(name: str) -> str:
    """Case a name printed in capitals as spelled: 'BERNARD-HENRI LÉVY' -> 'Bernard-Henri Lévy'.

    Exists because bylines and captions are often set in capitals, while the author list
    must hold names as their owners spell them. Particles stay lower-case inside a name
    (``de la``, ``van``, ``al-``), ``Mc`` and ``O'`` are followed by a capital, ``Mac`` only for
    :data:`MAC_NAMES`, initials and roman numerals stay in capitals. A name that already has
    lower-case letters was cased by someone who knew, and is returned unchanged.

    >>> proper_case("BERNARD-HENRI LÉVY")
    'Bernard-Henri Lévy'
    >>> proper_case("JEAN-LUC DE LA TOUR")
    'Jean-Luc de la Tour'
    >>> proper_case("SEAN O'NEIL"), proper_case("JOHN MCDONALD"), proper_case("ANNE MACLEOD")
    ("Sean O'Neil", 'John McDonald', 'Anne MacLeod')
    >>> proper_case("MARTIN LUTHER KING JR."), proper_case("DeShawn Jones")
    ('Martin Luther King Jr.', 'DeShawn Jones')
    """
    if any(ch.islower() for ch in name):
        return name
    pieces = re.split(r"(\s+)", name)
    words = [p for p in pieces if p and not p.isspace()]
    out: list[str] = []
    index = 0
    previous_low = ""
    for piece in pieces:
        if not piece or piece.isspace():
            out.append(piece)
            continue
        low = piece.lower()
        inner = 0 < index < len(words) - 1
        if inner and (
            low in _LOWER_PARTICLES
            or (low in _ARTICLE_PARTICLES and previous_low in _LOWER_PARTICLES)
        ):
            out.append(low)
        else:
            out.append(_case_word(piece, first=index == 0))
        previous_low = low
        index += 1
    return "".join(out)


# Roles printed on the line under a bare byline ("BuzzFeed News Reporter", "Games Editor",
# "Software Engineer" on a company blog).
_BYLINE_ROLES = frozenset(
    {
        "reporter",
        "editor",
        "writer",
        "correspondent",
        "columnist",
        "contributor",
        "critic",
        "producer",
        "journalist",
        "blogger",
        "engineer",
        "developer",
        "designer",
    }
)
ROLE_LINE_WORDS = 6


def names_a_role(text: str) -> bool:
    """Tell whether a short line gives a writer's role, as sites print under a bare name.

    >>> names_a_role("BuzzFeed News Reporter"), names_a_role("Seattle Times business reporter")
    (True, True)
    >>> names_a_role("Games Editor"), names_a_role("Contributors")
    (True, False)
    """
    words = _WORD_RE.findall(text.lower())
    if not 1 <= len(words) <= ROLE_LINE_WORDS or text.rstrip().endswith((".", "!", "?")):
        return False
    return any(word in _BYLINE_ROLES for word in words)  # one writer's: "Editors" heads a list


def looks_like_name(text: str) -> bool:
    """Tell whether a short line is a person's name: 2-4 name words, no role or grammar word.

    Exists for bylines printed without ``By`` (the name alone on a line under the headline),
    which :func:`parse_byline` deliberately refuses; a caller that knows where a byline should
    be can use this to accept the bare name. It is a shape test against a small stop list,
    so a capitalized two-word phrase that is not a common word ("Sheer Luck") still passes.

    >>> looks_like_name("Daniel Kahn Gillmor"), looks_like_name("Nelson D. Schwartz")
    (True, True)
    >>> looks_like_name("Bernard-Henri Lévy"), looks_like_name("JEAN-LUC DE LA TOUR")
    (True, True)
    >>> looks_like_name("Technology"), looks_like_name("The New York Times")
    (False, False)
    """
    stripped = text.strip()
    if not stripped or any(ch in stripped for ch in ",;&|"):
        return False
    tokens = _tokenize(stripped, 0, len(stripped))
    if tokens[0].low in _LEAD_STOP or any(t.low == "and" for t in tokens):
        return False
    person = _read_person(tokens, _is_caps(tokens))
    return person is not None and not person.rest and 2 <= person.words <= 4


# -- reading a byline -------------------------------------------------------------------------


def _tokenize(line: str, start: int, end: int) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(line, start, end)]


def _cut_at_date(tokens: list[_Tok]) -> list[_Tok]:
    """Drop a date or time stamp, and whatever follows it, from the byline's tokens."""
    cut = next((i for i in range(len(tokens)) if _starts_date(tokens, i)), len(tokens))
    if 0 < cut < len(tokens) and tokens[cut].low in _DATE_WORDS and tokens[cut - 1].low == "last":
        cut -= 1
    kept = tokens[:cut]
    while kept and kept[-1].low in _TRAILING_JUNK:
        kept.pop()
    return kept


def _starts_date(tokens: list[_Tok], i: int) -> bool:
    """Tell whether a date or time stamp starts at ``tokens[i]`` (5, Updated, April 5, Monday,)."""
    tok = tokens[i]
    if tok.text[0].isdigit() or tok.low in _DATE_WORDS:
        return True
    after = [t for t in tokens[i + 1 : i + 3] if t.text != ","]
    next_text = after[0].text if after else ""
    if tok.low in _MONTHS:
        return next_text[:1].isdigit()
    if tok.low in _WEEKDAYS:
        return next_text[:1].isdigit() or next_text.lower().rstrip(".") in _MONTHS
    return False


def _split_parts(tokens: list[_Tok]) -> list[_Part]:
    """Split tokens at commas, semicolons, ``and`` and ``&``; remember which parts follow a
    conjunction."""
    parts: list[_Part] = []
    current: list[_Tok] = []
    conj = False
    for tok in tokens:
        is_conj = tok.text == "&" or tok.low == "and"
        if tok.text in {",", ";"} or is_conj:
            if current:
                parts.append(_Part(tuple(current), conj))
                current = []
                conj = False
            conj = conj or is_conj
        else:
            current.append(tok)
    if current:
        parts.append(_Part(tuple(current), conj))
    return parts


def _read_parts(parts: list[_Part]) -> tuple[list[str], int] | None:
    """Read names and roles from the parts of a byline; None when it is not a byline."""
    names: list[str] = []
    end = 0
    in_role = False
    for index, part in enumerate(parts):
        toks = part.toks
        caps = _is_caps(toks)
        if index == 0:
            first = _read_first(part, sole=len(parts) == 1)
            if first is None:
                return None
            names.append(first[0])
            in_role = first[1]
            end = _end_of(toks[-1])
            continue
        if names and not in_role and len(toks) == 1 and toks[0].low in _SUFFIXES:
            suffix = _case_word(toks[0].text, first=False) if caps else toks[0].text
            names[-1] = f"{names[-1]}, {suffix}"
            end = _end_of(toks[-1])
            continue
        if part.conj or not in_role:
            org = _read_org(toks, caps, generic=False) if part.conj else None
            if org is not None:
                names.append(org)
                in_role = False
                end = _end_of(toks[-1])
                continue
            person = _read_person(toks, caps)
            if (
                person is not None
                and person.words >= 2
                and (part.conj or toks[0].low not in _PLACE_STARTS)
                and _role_ok(person.rest, caps)
            ):
                names.append(person.name)
                in_role = bool(person.rest)
                end = _end_of(toks[-1])
                continue
        if _is_prose(toks, caps):
            return None
        in_role = True
        end = _end_of(toks[-1])
    return names, end


def _read_first(part: _Part, *, sole: bool) -> tuple[str, bool] | None:
    """Read the first part: a person's name (maybe with a role after it) or an organization.

    Returns the name and whether a role follows it, or None when the line is not a byline.
    """
    toks = part.toks
    caps = _is_caps(toks)
    org = _read_org(toks, caps, generic=True)
    if org is not None:
        return org, False
    person = _read_person(toks, caps)
    if person is None:
        return None
    lead = next((t for t in toks if t.low not in _HONORIFICS), toks[0])
    if lead.low in _LEAD_STOP:
        return None
    if person.words < 2 and not (sole and not person.rest):
        return None
    if person.rest:
        first_rest = person.rest[0].low
        if first_rest in _FUNCTION_WORDS and first_rest not in _CONNECTORS:
            return None
        if not _role_ok(person.rest, caps):
            return None
    return person.name, bool(person.rest)


def _read_person(toks: tuple[_Tok, ...] | list[_Tok], caps: bool) -> _Person | None:
    """Read a person's name from the start of a part; the tokens after it are returned as
    ``rest``. None when the part does not start with a name."""
    i = 0
    if len(toks) > 1 and toks[0].low in _HONORIFICS and toks[0].text[:1].isupper():
        i = 1
    taken: list[tuple[str, str]] = []  # (text as printed, kind)
    words = 0
    while i < len(toks):
        tok = toks[i]
        kind = _name_kind(tok.text, caps, first=not taken)
        if kind is None:
            break
        text = tok.text
        stripped = kind == "word" and text.endswith(".")
        if stripped:
            text = text[:-1]
        if kind in {"word", "initial"}:
            words += 1
            if words > MAX_NAME_WORDS:
                return None
        taken.append((text, kind))
        i += 1
        if stripped:
            break
    while taken and taken[-1][1] == "particle":
        taken.pop()
        i -= 1
    if words == 0:
        return None
    name = " ".join(text for text, _ in taken)
    if caps:
        name = proper_case(name)
    return _Person(name=name, words=words, rest=tuple(toks[i:]))


def _name_kind(raw: str, caps: bool, *, first: bool) -> str | None:
    """Classify a token as a name ``word``, ``initial``, ``particle`` or ``suffix``; None when
    it cannot be part of a name."""
    low = raw.lower().rstrip(".")
    if low in _ROLE_WORDS or low in _AGENCY_WORDS:
        return None
    if not first and low in _SUFFIXES:
        return "suffix"
    if low in _PARTICLES:
        if not first and (caps or raw.islower() or raw[:1].isupper()):
            return "particle"
        if first and not raw[:1].isupper():
            return None
    if "." in raw and _INITIALS_RE.fullmatch(raw) and raw[0].isupper():
        return "initial"
    if low in _FUNCTION_WORDS:
        return None
    if len(raw) == 1 and raw.isupper():
        return "initial"
    core = raw[:-1] if raw.endswith(".") else raw
    if not _WORD_RE.fullmatch(core):
        return None
    if caps:
        return "word"
    if len(core) > 1 and core.isupper():
        return None  # an acronym in a mixed-case line
    pieces = re.split(r"['’\-]", core)
    if core[0].isupper():
        return "word"
    if pieces[0] in _PREFIXES and len(pieces) > 1 and pieces[1][:1].isupper():
        return "word"
    return None


def _read_org(toks: tuple[_Tok, ...], caps: bool, *, generic: bool) -> str | None:
    """Read a part as an organization byline (By The Associated Press, By Reuters Staff)."""
    words = [t.text for t in toks]
    if words[-1].endswith(".") and words[-1].lower().rstrip(".") not in _ABBREVIATIONS:
        words[-1] = words[-1][:-1]
    lows = [w.lower() for w in words]
    if not all(_WORD_RE.fullmatch(w.rstrip(".")) for w in words):
        return None
    # "The"/"the" before a known agency (By the Associated Press) is printed "The".
    skip = 1 if lows[0] == "the" and len(lows) > 1 else 0
    found = any(
        tuple(lows[skip:size]) in _KNOWN_ORGS and all(w in _ORG_TAIL for w in lows[size:])
        for size in range(len(lows), skip, -1)
    )
    if found and skip:
        words[0] = "THE" if caps else "The"
    if not found and lows[0] == "the" and len(words) >= 2 and (caps or words[0] == "The"):
        found = lows[-1] in _ORG_WORDS and all(
            (caps or w[:1].isupper() or lw in _SMALL_WORDS)
            and (lw not in _FUNCTION_WORDS or lw in _SMALL_WORDS)
            for w, lw in zip(words[1:], lows[1:], strict=True)
        )
    if not found and generic and len(words) >= 2:
        found = (
            (caps or words[0][:1].isupper())
            and lows[0] not in _FUNCTION_WORDS
            and all(w in _ORG_TAIL for w in lows[1:])
        )
    if not found:
        return None
    joined = " ".join(words)
    return _title_case_org(joined) if caps else joined


def _role_ok(rest: tuple[_Tok, ...], caps: bool) -> bool:
    return not rest or not _is_prose(rest, caps)


def _is_prose(toks: tuple[_Tok, ...], caps: bool) -> bool:
    """Tell whether a part that is not a name reads as a sentence rather than a role."""
    if toks[0].low in {"who", "whose"}:
        return False
    return any(t.low in _PROSE_WORDS and (caps or t.text.islower()) for t in toks)


def _is_caps(toks: tuple[_Tok, ...] | list[_Tok]) -> bool:
    letters = [ch for t in toks for ch in t.text if ch.isalpha()]
    return len(letters) >= 2 and not any(ch.islower() for ch in letters)


def _end_of(tok: _Tok) -> int:
    """End of a token in the span, leaving out a sentence's full stop or a trailing colon."""
    text = tok.text
    if text.endswith((":", ";")):
        return tok.end - 1
    if text.endswith(".") and not text.endswith(".."):
        core = text[:-1]
        if (
            core.lower() in _ABBREVIATIONS
            or core.lower() in _HONORIFICS
            or _INITIALS_RE.fullmatch(text)
            or len(core) == 1
        ):
            return tok.end
        return tok.end - 1
    return tok.end


# -- casing -----------------------------------------------------------------------------------


def _case_word(word: str, *, first: bool) -> str:
    """Case one word of a name printed in capitals (hyphen and apostrophe pieces too)."""
    pieces = _PIECE_SPLIT_RE.split(word)
    out: list[str] = []
    for i, piece in enumerate(pieces):
        if piece in {"'", "’", "-"}:
            out.append(piece)
            continue
        low = piece.lower()
        after_apostrophe = i > 0 and pieces[i - 1] in {"'", "’"}
        is_prefix = i == 0 and len(pieces) > 2 and pieces[1] == "-" and low in {"al", "el"}
        if after_apostrophe and len(piece) == 1:
            out.append(low)  # a possessive or contraction: 'S
        elif is_prefix and not first:
            out.append(low)
        else:
            out.append(_case_piece(piece, first=first and i == 0))
    return "".join(out)


def _case_piece(piece: str, *, first: bool) -> str:
    low = piece.lower()
    if "." in piece:
        return ".".join(_case_piece(p, first=first) if len(p) > 1 else p for p in piece.split("."))
    if not first and low in _ROMAN:
        return piece
    if len(low) >= 4 and low.startswith("mc") and low[2].isalpha():
        return "Mc" + low[2].upper() + low[3:]
    if low in MAC_NAMES:
        return "Mac" + low[3].upper() + low[4:]
    return low[:1].upper() + low[1:]


def _title_case_org(text: str) -> str:
    """Title-case an organization name printed in capitals, keeping acronyms in capitals."""
    out: list[str] = []
    for i, word in enumerate(text.split(" ")):
        low = word.lower()
        letters = [ch for ch in low if ch.isalpha()]
        if low.rstrip(".") in _ACRONYMS or (len(letters) > 1 and not set(letters) & set("aeiouy")):
            out.append(word)
        elif i > 0 and low in _SMALL_WORDS:
            out.append(low)
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in low.split("-")))
    return " ".join(out)
