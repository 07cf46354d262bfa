"""Stages: back matter — boilerplate lines out of the body, the author bio into its field.

Publications close an article with an author note ("Mr. Lévy is author of ...") and print
notices around it ("Appeared in the print edition", "Copyright", "Continued on next
page", share and newsletter prompts). The notices are recognized by their wording, the bio
by standing last and opening with an author's name (or a name) and a verb of description.
"""

from __future__ import annotations

import re

from copydesk.draft import BODY, Draft, Role
from copydesk.model import Removal
from copydesk.rules import LineRule, LineRules

#: Notices printed with an article, each a rule whose name is the reason it goes.
NOTICE_RULES = LineRules(
    (
        LineRule(
            "print edition notice",
            r"appeared\ in\ the\ .{0,40}(?:print|edition).*"
            r"|a\ version\ of\ this\ article\ appear.*",
            "where the article ran in print (Appeared in the August 24, 2021, print edition)",
        ),
        LineRule(
            "copyright notice",
            r"(?:copyright|©|\(c\))\s.*|all\ rights\ reserved\.?",
            "the publisher's copyright line",
        ),
        LineRule(
            "continuation line",
            r"continued\ (?:on|from)\ (?:next\ |previous\ )?page.*|\(?continued\)?",
            "a jump line where a page break cut the article (Continued on next page)",
        ),
        LineRule(
            "related heading",
            r"related(?:\ (?:articles?|stories|coverage|content|reading))?\s*:?",
            "the heading of links to other stories",
        ),
        LineRule(
            "read-more prompt",
            r"read\ more(?:\s*:.{0,80}|\s+(?:about|on|from)\b.{0,40})?",
            "a link to another story (Read more: ...)",
        ),
        LineRule(
            "share prompt",
            r"(?:share|tweet|email|print)(?:\ (?:this|the)\ (?:article|story|page))?\s*:?",
            "a sharing button's label (Share this article)",
        ),
        LineRule(
            "newsletter prompt",
            r"(?:sign\ up|subscribe)\ (?:for|to)\ .{0,60}(?:newsletter|updates|digest|briefing).*",
            "an invitation to a newsletter",
        ),
        LineRule(
            "sign-in prompt",
            r"(?:subscribe|sign\ up|log\ in|sign\ in)(?:\ now)?\.?",
            "a subscription or sign-in button's label",
        ),
        LineRule("advertisement", r"advertisement", "the label of an advertisement"),
        LineRule(
            "update notice",
            r"(?:this\ story|this\ article)\ (?:was|has\ been)\ (?:updated|corrected).*",
            "a note that the story was updated or corrected",
        ),
        LineRule("follow prompt", r"follow\ (?:us|@\w+)\ on\ .{1,40}", "a social-media prompt"),
    ),
    flags=re.IGNORECASE | re.VERBOSE,
)

_BIO_VERB = re.compile(
    r"""^(?P<who>(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?[\w.'’-]+(?:\s+[\w.'’-]+){0,3}?)
        (?:\s+\([^()]{1,40}\))?\s+  # the writer's years: Herman Melville (1819–1891)
        (?:is|was|writes|wrote|covers|has\ (?:covered|written|been|reported)|reports|edits
          |teaches)\b""",
    re.VERBOSE | re.IGNORECASE,
)
_BIO_WORDS = re.compile(
    r"\b(?:author|writer|reporter|editor|correspondent|columnist|contributor|professor|"
    r"journalist|producer|fellow|freelance|twitter|@\w+|covers|writes for|staff)\b",
    re.IGNORECASE,
)
BIO_MAX_WORDS = 90  # the longest author note: a longer paragraph is the article's own


def remove_notices(draft: Draft) -> None:
    """Take print notices and share/subscribe prompts out of the body."""
    body = [line for line in draft.lines if line.text and line.role is BODY]
    for k, rule in NOTICE_RULES.matches([line.text for line in body]):
        draft.set_role(body[k], Role.NOTICE, rule)


BIO_REACH = 3  # paragraphs from the end where a bio may stand (extraction may misplace it)


def extract_bio(draft: Draft) -> None:
    """Move the author note that closes the article into ``bio``.

    The note is the last paragraph, or one of the last few when it names an author
    (extraction of columns can put a page's last lines after it).
    """
    paras = draft.paragraphs
    if len(paras) < 2:
        return
    for k in range(len(paras) - 1, max(len(paras) - 1 - BIO_REACH, 0), -1):
        text = paras[k].text.strip()
        last = k == len(paras) - 1
        if (last and _set_apart_in_italics(draft, k)) or (
            is_bio(text, draft.authors) and (last or _names_author(text, draft.authors))
        ):
            para = paras.pop(k)
            draft.bio = text
            start, end = para.source_span(0, len(para.text))
            draft.removed.append(Removal("bio", start, end, draft.source[start:end]))
            return
    # Set in the same type as the text, the note may have been run on into the last
    # paragraph: it is its last sentences, from the one that names the author.
    final = paras[-1]
    at = bio_start(final.text, draft.authors)
    if at is not None:
        draft.bio = final.text[at:].strip()
        start, end = final.source_span(at, len(final.text))
        draft.removed.append(Removal("bio", start, end, draft.source[start:end]))
        paras[-1] = final.replace([(at, len(final.text), "")])


ITALIC_TEXT_SHARE = 0.2  # text set mostly in roman has at most this share of italic lines


def _set_apart_in_italics(draft: Draft, k: int) -> bool:
    """Is paragraph ``k`` a short note set wholly in italics under text set in roman, as
    publications set the author's note? Only a reader that measured the type (a PDF) can
    tell."""
    para = draft.paragraphs[k]
    if len(para.text.split()) > BIO_MAX_WORDS:
        return False
    start, end = para.source_span(0, len(para.text))
    body = [line for line in draft.lines if line.role == BODY and line.text]
    if not body or body[-1].box is None:
        return False
    own = [line for line in body if start <= line.start < end]
    if not own or not all(line.box is not None and line.box.italic for line in own):
        return False
    italic = sum(1 for line in body if line.box is not None and line.box.italic)
    return italic - len(own) <= ITALIC_TEXT_SHARE * (len(body) - len(own))


_SENTENCE_BREAK = re.compile(r"""[.!?][”"’)]?( +)(?=[A-Z“"])""")


def bio_start(text: str, authors: list[str]) -> int | None:
    """Where an author note run on into the end of a paragraph starts, if it does: the
    last sentence start from which the rest reads as a note naming one of ``authors``.

    >>> text = "The safety net was found lacking. Garcia is a reporter at CNNMoney."
    >>> text[: bio_start(text, ["Ahiza Garcia"])]
    'The safety net was found lacking.'
    >>> bio_start("He left at noon. Garcia was sure of it.", ["Ahiza Garcia"]) is None
    True
    >>> text = "So I hope she stays. John C. Welch is a staff writer for Medium."
    >>> text[: bio_start(text, ["John C. Welch"])]
    'So I hope she stays.'
    """
    found = None
    for match in reversed(list(_SENTENCE_BREAK.finditer(text))):
        tail = text[match.end() :]
        if len(tail.split()) > BIO_MAX_WORDS:
            break
        if _names_author(tail, authors) and is_bio(tail, authors) and _BIO_WORDS.search(tail):
            found = match.start(1)  # the spaces between go with the note
        elif found is not None:
            break  # the longest such run of sentences: "John C. Welch is", not "Welch is"
    return found


NAME_REACH = 5  # the words at a note's start where it names the author
PERSON_WORDS = 5  # the most words of a name with its title (Mr., Dr.) and initials


def _names_author(text: str, authors: list[str]) -> bool:
    """Does ``text`` name one of ``authors`` (by last name) in its first words?"""
    head = " ".join(text.split()[:NAME_REACH]).casefold()
    return any(author.casefold().split()[-1] in head for author in authors if author.split())


def is_bio(text: str, authors: list[str]) -> bool:
    """True when ``text`` reads as a note about the author.

    >>> is_bio("Mr. Lévy is author of “The Will to See.”", ["Bernard-Henri Lévy"])
    True
    >>> is_bio("Mr. Obama is expected to travel on Friday.", ["Jane Doe"])
    False
    >>> is_bio("Jane Roe is a staff writer for The Daily.", [])
    True
    """
    if len(text.split()) > BIO_MAX_WORDS:
        return False
    match = _BIO_VERB.match(text)
    if not match:
        return False
    who = match.group("who").casefold()
    for author in authors:
        parts = author.casefold().split()
        if parts and (parts[-1] in who.split() or author.casefold() in who):
            return True
    return bool(_BIO_WORDS.search(text)) and _looks_like_person(match.group("who"))


def _looks_like_person(who: str) -> bool:
    words = who.replace(".", ". ").split()
    return 1 <= len(words) <= PERSON_WORDS and all(w[:1].isupper() for w in words)
