"""Stage: the article found inside a page printed from a browser.

A printed web page holds navigation, share buttons, related links, comments and a site
footer around the article. The article is where prose is dense: lines of many words that
run on into each other or end in sentences, with short lines (subheads, list items) only
between them. Its start is pinned by the headline, which the browser also printed in the
page header as the page's title; its end by the first section heading of what follows an
article on the web (comments, related stories). Everything outside goes to ``removed``.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from copydesk.draft import BODY, Draft, Line

_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
_TITLE_SPLIT = re.compile(r"\s+[|•·]\s+|\s+[-–—:]\s+")
_TERMINAL = re.compile(r"""[.!?…:;,][”"’')\]]*$""")
_SHARE = re.compile(
    r"^(?:(?:share|tweet|email|e-mail|print|facebook|twitter|reddit|linkedin|pinterest|whatsapp|"
    r"flipboard|pocket|comments?|\d+\s+comments?|save|copy link|advertisement|menu|search|home|"
    r"close|skip to .*|jump to .*|sign in|log in|subscribe|newsletter|more|next|previous|"
    r"back to top|more ▾|edit)\s*)+$",
    re.IGNORECASE,
)
# Section headings that follow an article on the web: the article does not run past them.
_AFTER_ARTICLE = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|discussion)(?:\s*\(\d+\))?$"
    r"|^(?:leave a (?:reply|comment)|add a comment|post a comment|show comments"
    r"|join the (?:conversation|discussion)|related(?: (?:articles?|stories|posts|content|coverage|links))?"
    r"|more (?:from|on|stories|in|like this)\b.*|recommended(?: for you| stories)?"
    r"|you (?:may|might) (?:also )?like.*|most (?:popular|read|viewed|shared)(?: now)?"
    r"|trending(?: now)?|what'?s trending.*|read next|up next|next on .*|sponsored(?: content)?"
    r"|promoted(?: stories)?|around the web|from the web|popular (?:now|stories)"
    r"|about the author|share this(?: article| story| post)?|filed under.*|tags?|topics)\s*:?$",
    re.IGNORECASE,
)
PROSE_WORDS = 6
HEADLINE_MATCH = 86


def find_article(draft: Draft) -> None:
    """For a web print, keep the article's lines in the body and remove the page around it."""
    if draft.kind != "web-print":
        return
    lines = [line for line in draft.lines if line.role == BODY and not line.blank]
    if not lines:
        return
    prose = prose_lines(lines)
    headline = _find_headline(lines, str(draft.hints.get("page_title", "")), prose)
    floor = headline[-1] + 1 if headline else 0
    scores = [
        (-50.0 if i >= floor and _AFTER_ARTICLE.match(line.text) else _score(line, prose[i]))
        for i, line in enumerate(lines)
    ]
    start, end = _densest_run(scores[floor:])
    start, end = start + floor, end + floor
    if headline is not None:
        start = headline[0]
        draft.hints["headline_lines"] = [lines[i].index for i in headline]
    draft.hints["first_prose_line"] = next(
        (lines[i].index for i in range(start, end + 1) if prose[i] and i not in (headline or [])),
        None,
    )
    for i, line in enumerate(lines):
        if i < start:
            draft.set_role(line, "page before article")
        elif i > end:
            draft.set_role(line, "page after article")
        elif _SHARE.match(line.text):
            draft.set_role(line, "web furniture")


def prose_lines(lines: list[Line]) -> list[bool]:
    """Which lines read as running prose: many words, mostly lower-case, and either ending
    a sentence or running on into (or out of) a neighbouring line."""
    out: list[bool] = []
    for i, line in enumerate(lines):
        words = _WORDS.findall(line.text)
        if len(words) < PROSE_WORDS or _SHARE.match(line.text):
            out.append(False)
            continue
        lower = sum(1 for word in words if word[0].islower()) / len(words)
        ends = bool(_TERMINAL.search(line.text))
        runs_on = not ends and i + 1 < len(lines) and lines[i + 1].text[:1].islower()
        runs_in = i > 0 and line.text[:1].islower() and not _TERMINAL.search(lines[i - 1].text)
        out.append(lower >= 0.35 and (ends or runs_on or runs_in))
    return out


def _score(line: Line, prose: bool) -> float:
    """Positive for a line of prose, negative for a line of navigation."""
    if prose:
        return float(len(_WORDS.findall(line.text)))
    if _SHARE.match(line.text):
        return -4.0
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


def _find_headline(lines: list[Line], page_title: str, prose: list[bool]) -> list[int] | None:
    """The line(s) where the headline is printed: the best match of the page title (or its
    longest part, without the site name) that stands above the first run of prose."""
    if not page_title:
        return None
    truncated = page_title.rstrip().endswith(("…", "..."))
    parts = [_norm(part) for part in _TITLE_SPLIT.split(page_title.rstrip(" .…"))]
    titles = sorted({p for p in parts if len(p.split()) >= 3} | {_norm(page_title.rstrip(" .…"))})
    titles = [t for t in titles if t]
    if not titles:
        return None
    best: tuple[float, int, list[int]] | None = None
    for i in range(len(lines) - 1):
        if prose[i] and i > 0 and prose[i - 1]:
            continue  # inside running prose: not where a headline stands
        for span in ([i], [i, i + 1]):
            text = _norm(" ".join(lines[k].text for k in span))
            if not text:
                continue
            for title in titles:
                candidate = text[: len(title)] if truncated else text
                score = fuzz.ratio(candidate, title)
                if score >= HEADLINE_MATCH and (best is None or (score, -i) > (best[0], -best[1])):
                    if _prose_follows(prose, span[-1] + 1):
                        best = (score, i, span)
    return best[2] if best else None


def _prose_follows(prose: list[bool], start: int, reach: int = 40) -> bool:
    """Does running prose begin within ``reach`` lines after ``start``?"""
    window = prose[start : start + reach]
    return any(a and b for a, b in zip(window, window[1:], strict=False))
