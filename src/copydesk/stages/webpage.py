"""Stage: the article found inside a page printed from a browser.

A printed web page holds navigation, share buttons, related links, comments and a site
footer around the article. The article is where prose is dense: lines of many words
ending in sentences, with short lines (subheads, list items) only between them. Its start
is pinned by the headline, which the browser also printed in the page header as the
page's title. Everything outside goes to ``removed`` with the reason.
"""

from __future__ import annotations

import re

from copydesk.draft import BODY, Draft, Line

_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
_TITLE_SPLIT = re.compile(r"\s+[|–—•·:-]\s+|\s+-\s+")
_SHARE = re.compile(
    r"^(?:(?:share|tweet|email|e-mail|print|facebook|twitter|reddit|linkedin|pinterest|whatsapp|"
    r"comments?|\d+\s+comments?|save|copy link|advertisement|menu|search|home|close|skip to .*|"
    r"jump to .*|sign in|log in|subscribe|newsletter|more|next|previous|back to top)\s*)+$",
    re.IGNORECASE,
)
PROSE_WORDS = 8


def find_article(draft: Draft) -> None:
    """For a web print, keep the article's lines in the body and remove the page around it."""
    if draft.kind != "web-print":
        return
    lines = [line for line in draft.lines if line.role == BODY and not line.blank]
    if not lines:
        return
    scores = [_score(line) for line in lines]
    start, end = _densest_run(scores)
    headline = _find_headline(lines, str(draft.hints.get("page_title", "")), start, end)
    if headline is not None:
        start = headline[0]
        draft.hints["headline_lines"] = [lines[i].index for i in headline]
    for i, line in enumerate(lines):
        if i < start:
            draft.set_role(line, "page before article")
        elif i > end:
            draft.set_role(line, "page after article")
        elif _SHARE.match(line.text):
            draft.set_role(line, "web furniture")


def _score(line: Line) -> float:
    """Positive for a line of prose, negative for a line of navigation."""
    words = len(_WORDS.findall(line.text))
    if _SHARE.match(line.text):
        return -4.0
    if words >= PROSE_WORDS:
        return float(words)
    if words >= 4 and line.text.rstrip()[-1:] in ".!?:”\"’)":
        return float(words) / 2
    return -2.0


def _densest_run(scores: list[float]) -> tuple[int, int]:
    """The run of lines with the largest total score (Kadane's maximum subarray)."""
    best = (float("-inf"), 0, 0)
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = score, i
        else:
            total += score
        if total > best[0]:
            best = (total, start, i)
    return best[1], best[2]


def _norm(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def _find_headline(lines: list[Line], page_title: str, start: int, end: int) -> list[int] | None:
    """The line(s) where the headline is printed: the match nearest above the prose."""
    if not page_title:
        return None
    titles = {_norm(part) for part in _TITLE_SPLIT.split(page_title) if len(part) > 3}
    titles.add(_norm(page_title))
    titles.discard("")
    hits: list[list[int]] = []
    for i in range(min(end + 1, len(lines))):
        one = _norm(lines[i].text)
        if not one:
            continue
        if one in titles:
            hits.append([i])
        elif i + 1 < len(lines) and _norm(lines[i].text + " " + lines[i + 1].text) in titles:
            hits.append([i, i + 1])
    above = [hit for hit in hits if hit[0] <= start + 2]
    if above:
        return above[-1]
    return hits[0] if hits else None
