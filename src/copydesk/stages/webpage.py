"""Stage: the article found inside a page printed from a browser.

A printed web page holds navigation, share buttons, related links, comments and a site
footer around the article. The article is where prose is dense: lines of many words that
run on into each other or end in sentences, with short lines (subheads, list items) only
between them. Its start is pinned by the headline, which the browser also printed in the
page header as the page's title; its end by the first section heading of what follows an
article on the web (comments, related stories). Everything outside goes to ``removed``.
"""

from __future__ import annotations

import itertools
import re
from operator import itemgetter

from rapidfuzz import fuzz, process

from copydesk.dates import is_dateline
from copydesk.draft import ArticleBounds, Draft, Line, Role, same_size, text_size
from copydesk.lexicon import common_words, words_of
from copydesk.names import parse_byline
from copydesk.rules import LineRule, LineRules
from copydesk.shapes import LIST_ITEM, TYPED_ITEM, ends_clause, goes_on
from copydesk.titles import norm, title_variants

_CONTROL_WORDS = (
    r"share|tweet|email|e-mail|print|facebook|twitter|reddit|linkedin|pinterest|whatsapp"
    r"|flipboard|pocket"
)
_PAGE_WORDS = (
    r"comments?|\d+\s+comments?|save|copy link|advertisement|menu|search|home|close"
    r"|skip to .*|jump to .*|sign in|log in|subscribe|newsletter|more|next|previous"
    r"|back to top|more ▾|edit|reply|report|flag|permalink"
)
#: Lines of the page's own controls, set among the article's lines: each takes its line out
#: as web furniture, under its name.
WIDGET_RULES = LineRules(
    (
        LineRule(
            "share buttons",
            rf"(?:(?:{_CONTROL_WORDS})\s*)+",
            "the labels of a row of share buttons (Share, Tweet, Email)",
        ),
        LineRule(
            "page controls",
            rf"(?:(?:{_CONTROL_WORDS}|{_PAGE_WORDS})\s*)+",
            "a page's menus, buttons and comment counts (Menu, Search, 12 Comments, Reply)",
        ),
        LineRule(
            "click-to-share prompt",
            r"\d*(?:click|tap) to (?:share|email|print|tweet|post)\b.{0,60}",
            "a sharing button's label (Click to share on Twitter)",
        ),
        LineRule(
            "share link",
            r"(?:share|post|send) (?:on|to|via) \w+(?: \(opens in new window\))?",
            "a sharing link's label (Share on Facebook)",
        ),
    ),
    flags=re.IGNORECASE,
)
# Section headings that follow an article on the web: the article does not run past them.
# Headings of what follows an article on the web. Comments and share prompts only ever
# follow it (the article ends there); related-story boxes may also stand inside it.
_COMMENTS = re.compile(
    r"^(?:(?:view|show|read|see|load|hide)\s+(?:all\s+)?)?(?:\d+\s+)?"
    r"(?:comments|replies)(?:\s*\(\d+\))?\s*:?$"
    r"|^(?:there (?:are|is) )?\d+\s+(?:comments?|responses?|repl(?:y|ies)|thoughts? on\b.{0,80})"
    r"\s*:?$"
    r"|^(?:leave a (?:reply|comment)|add a comment|post a comment|write a comment"
    r"|join the (?:conversation|discussion))\s*:?$",
    re.IGNORECASE,
)
_AFTER_ARTICLE = re.compile(
    r"^(?:related(?: (?:articles?|stories|posts|content|coverage|links|news))?"
    r"|more (?:from|on|stories|in|like this|news|articles)\b.{0,40}"
    r"|recommended\b.{0,30}|latest (?:news|stories|articles|posts)"
    r"|you (?:may|might) (?:also )?like.*|most (?:popular|read|viewed|shared)\b.{0,40}"
    r"|trending(?: now)?|what'?s trending.*|read next|up next|next on .*|sponsored(?: content)?"
    r"|promoted(?: stories)?|around the web|from the web|popular (?:now|stories|posts)"
    r"|about the author|share this(?: article| story| post)?|like this|filed under.*|tags?|topics)"
    r"\s*:?$",
    re.IGNORECASE,
)
# The thresholds below were set by reading the web prints of the dev set; where a figure
# says "dev set", it was chosen from a sweep there.
PROSE_WORDS = 6  # the fewest words of a line of prose (a shorter line is a label or a title)
RUN_ON_WORDS = 4  # a line of this many words that runs on into prose is prose
LONG_LINE_WORDS = 10  # a line of this many words that stops mid-sentence runs on, whatever
RUN_IN_WORDS = 3  # the words of a line that a prose line goes on from
# Prose is held together by function words (the, of, and, to ...): the commonest words.
FUNCTION_ZIPF = 6.0  # a function word is at least this common (the, of, and, to, in)
FUNCTION_SHARE = 0.1  # the least share of function words in a line of prose
LOWER_SHARE = 0.35  # the least share of lower-case words in a line of prose (not a list of names)
HEAD_MARGIN = 6  # lines above the headline left for the front-matter stage to read
HEADLINE_MATCH = 86  # the least similarity (0-100) of a line to a form of the page title (dev set)
HEADLINE_LINES = 3  # a headline in large type wraps onto this many lines at most
PROSE_REACH = 80  # lines after the headline within which the article's prose begins
HEADLINE_SHORTEST = 0.7  # the shortest text, as a share of a form of the title, that may match it
HEADLINE_LONGEST = 1.3  # the longest, as a share of the form of the title it matches
# Without a page title: how far above the article's prose a byline may stand, and what the
# lines above it may hold to be its headline.
BYLINE_REACH = 15  # lines above the first prose line searched for a byline or dateline
HEADLINE_LINE_WORDS = 12  # the most words of a line of a headline
HEADLINE_WORDS = (2, 25)  # the fewest and most words of a headline


def find_article(draft: Draft) -> None:
    """For a web print, keep the article's lines in the body and remove the page around it."""
    if not draft.web_print:
        return
    lines = draft.body_lines()
    if not lines:
        return
    texts = [line.text for line in lines]
    words = [words_of(text) for text in texts]
    widget_rules = dict(WIDGET_RULES.matches(texts))  # line -> the rule its wording meets
    prose = _in_the_text_type(lines, prose_lines(texts, words, widget_rules))
    site = draft.facts.site
    apart = _set_apart(draft, lines)
    headline = _find_headline(lines, apart, draft.facts.page_title, prose, site)
    floor = headline[-1] + 1 if headline else 0
    counts = [len(found) for found in words]
    scores = _scores(lines, counts, prose, floor)
    stop = _comments_start(lines, counts, prose, floor)
    start, end = _densest_run(scores[floor:stop])
    start, end = start + floor, end + floor
    if headline is None:
        headline = _headline_above_byline(lines, apart, start, widget_rules)
    if headline is not None:
        start = headline[0]
    first_prose = next(
        (i for i in range(start, end + 1) if prose[i] and i not in (headline or [])), None
    )
    draft.article = ArticleBounds(
        first=lines[start].index,
        last=lines[end].index,
        headline=[lines[i].index for i in headline or []],
        first_prose=None if first_prose is None else lines[first_prose].index,
    )
    # The head of the article (headline to first prose) is the front-matter stage's to read.
    first_prose = next((i for i in range(start, end + 1) if prose[i]), start)
    widgets = _widget_runs(lines, prose, first_prose, end)
    slides = _galleries(lines, start, end)
    for i, line in enumerate(lines):
        if i < start - HEAD_MARGIN * (headline is not None):
            draft.set_role(line, Role.PAGE_BEFORE)
        elif i < start:
            pass  # may hold the byline: the front-matter stage decides
        elif i > end:
            draft.set_role(line, Role.PAGE_AFTER)
        elif i in slides:
            draft.set_role(line, Role.SLIDE_SHOW)
        elif rule := widget_rules.get(i):
            draft.set_role(line, Role.WEB_FURNITURE, rule)
        elif i in widgets:
            draft.set_role(line, Role.WEB_FURNITURE, WIDGET_RULE_RUN)


def prose_lines(texts: list[str], words: list[list[str]], widgets: dict[int, str]) -> list[bool]:
    """Which lines read as running prose: many words, mostly lower-case, and either ending
    a sentence or running on into (or out of) a neighbouring line. A line that runs on into
    prose is prose too, however many names it holds. ``words``: the words of each line;
    ``widgets``: the lines that are the page's controls."""
    function_words = common_words(FUNCTION_ZIPF)
    out: list[bool] = []
    runs_on_flags: list[bool] = []
    counts = list(map(len, words))
    ending = list(map(ends_clause, texts))
    # Only a line that starts in lower case goes on a sentence: asked first, for all lines
    # at once, it spares most lines the call.
    lower_start = [text[:1].islower() for text in texts]
    last = len(texts) - 1
    for i in range(len(texts)):
        ends = ending[i]
        runs_on = not ends and i < last and lower_start[i + 1] and goes_on(texts[i + 1])
        # A long line that stops mid-sentence runs on, whatever the next line starts with.
        runs_on_flags.append(
            (runs_on and counts[i] >= RUN_ON_WORDS) or (not ends and counts[i] >= LONG_LINE_WORDS)
        )
        if counts[i] < PROSE_WORDS or i in widgets:
            out.append(False)
            continue
        runs_in = (
            i > 0
            and lower_start[i]
            and not ending[i - 1]
            and counts[i - 1] >= RUN_IN_WORDS
            and goes_on(texts[i])
        )
        if not (ends or runs_on or runs_in):
            out.append(False)
            continue
        found = words[i]
        lower = sum(map(str.islower, map(itemgetter(0), found))) / len(found)
        glue = sum(map(function_words.__contains__, map(str.lower, found))) / len(found)
        out.append(lower >= LOWER_SHARE and glue >= FUNCTION_SHARE)
    for i in range(len(texts) - 2, -1, -1):
        if not out[i] and runs_on_flags[i] and out[i + 1]:
            out[i] = True
    return out


def _in_the_text_type(lines: list[Line], prose: list[bool]) -> list[bool]:
    """Where the reader measured the type (a PDF), prose is only prose in the article's
    type: the size that most of the prose is set in. Teasers of other stories read as
    prose too, but a page sets them in a type of their own."""
    size = text_size(line for line, is_prose in zip(lines, prose, strict=True) if is_prose)
    if size is None:
        return prose
    return [
        is_prose and (line.box is None or line.box.size <= 0 or same_size(line.box.size, size))
        for line, is_prose in zip(lines, prose, strict=True)
    ]


WIDGET_RUN = 6  # consecutive lines of a few words each: a player's controls, a menu
WIDGET_LINE_WORDS = 4  # the most words of a line of such a run
# A run is the article's list or table when this share of its lines are typed list items or
# cells of figures.
LISTED_SHARE = 0.6
WIDGET_RULE_RUN = "widget run"  # the reason such a run of lines is removed


def _widget_runs(lines: list[Line], prose: list[bool], start: int, end: int) -> set[int]:
    """Lines inside the article that belong to long runs of short non-prose lines; a run
    whose lines are typed list items (``1. Finland``, ``+ Added Slime Block``) or cells of
    figures (``17.8 MB``) is a list or a table of the article, not a widget."""
    out: set[int] = set()
    run: list[int] = []
    for i in range(start, end + 2):
        short = i <= end and not prose[i] and len(lines[i].text.split()) <= WIDGET_LINE_WORDS
        if short and not ends_clause(lines[i].text):
            run.append(i)
            continue
        typed = sum(1 for k in run if TYPED_ITEM.match(lines[k].text) or _is_cell(lines[k].text))
        if len(run) >= WIDGET_RUN and typed < LISTED_SHARE * len(run):
            out.update(run)
        run = []
    return out


_SLIDE = re.compile(r"^(\d{1,3}) ?/ ?(\d{1,3}) +\S")  # "4/50 I'll keep working, says Mayer"
GALLERY_SLIDES = 3  # the fewest numbered slides (n/N) in order that make a slide show
WIDGET_WORDS = 6  # words of a heading or a control, not of a line of text


def _galleries(lines: list[Line], start: int, end: int) -> set[int]:
    """Lines of a slide show inside the article's run: slides numbered ``n/N`` in order,
    each with its caption and credit up to the next slide (the last one with as many
    lines as the others had). Captions of a gallery read as prose; their numbering does not.
    """
    slides = [
        (i, int(m.group(1)), int(m.group(2)))
        for i in range(start, end + 1)
        if (m := _SLIDE.match(lines[i].text))
    ]
    out: set[int] = set()
    run: list[tuple[int, int, int]] = []
    for slide in [*slides, (len(lines), 0, -1)]:  # a sentinel closes the last run
        if run and slide[2] == run[-1][2] and run[-1][1] < slide[1] <= slide[2]:
            run.append(slide)
            continue
        if len(run) >= GALLERY_SLIDES:
            gaps = sorted(b[0] - a[0] for a, b in itertools.pairwise(run))
            last = min(run[-1][0] + gaps[len(gaps) // 2], end + 1)
            first = run[0][0]
            heading = lines[first - 1].text if first > start else ""
            if heading and len(words_of(heading)) <= WIDGET_WORDS and not ends_clause(heading):
                first -= 1  # the slide show's own heading ("Business news in pictures")
            out.update(range(first, last))
        run = [slide]
    return out


# The scores of lines for the densest run of prose: a line of prose scores its words.
JUNK = -2.0  # a line of navigation: a few of them may stand inside the article
LONG_JUNK = 5  # after this many such lines in a row, each further one costs
JUNK_RUN = -6.0  # ... this much: a long run of navigation ends the article (dev set)
AFTER_ARTICLE = -150.0  # a heading of what follows articles (related stories, tags): a wall
COMMENTS_AFTER = 150  # words of prose before a comments heading can end the article


def _comments_start(lines: list[Line], counts: list[int], prose: list[bool], floor: int) -> int:
    """Where the comments (or the share prompt that closes an article) begin, once the
    article's prose has begun: the article cannot run past it."""
    words = 0
    for i in range(floor, len(lines)):
        if words >= COMMENTS_AFTER and _COMMENTS.match(lines[i].text):
            return i
        if prose[i]:
            words += counts[i]
    return len(lines)


def _scores(lines: list[Line], counts: list[int], prose: list[bool], floor: int) -> list[float]:
    """Positive for a line of prose (its words), negative for a line of navigation, more
    so deep in a long run of it (the article is over), and far more for a heading of what
    follows an article."""
    out: list[float] = []
    run = 0
    for i, line in enumerate(lines):
        if i >= floor and _AFTER_ARTICLE.match(line.text):
            out.append(AFTER_ARTICLE)
        elif prose[i]:
            out.append(float(counts[i]))
            run = 0
            continue
        elif _is_cell(line.text):
            out.append(0.0)  # a cell of a table of figures: the article's, if prose is around
            continue
        else:
            run += 1
            out.append(JUNK_RUN if run > LONG_JUNK else JUNK)
    return out


# A short line that holds a measure (71.1 MB, 13.4 MB (-81%), 2,300 km, $35): a table's cell.
_TABLE_CELL = re.compile(r"\d(?:[.,]\d+)?\s?(?:%|[kMGT]?B\b|km\b|kg\b|mi\b|ms\b)|[$€£]\d")
TABLE_CELL_CHARS = 30  # the longest cell of a table of figures


def _is_cell(text: str) -> bool:
    """Is the line a cell of a table of figures (``13.4 MB (-81%)``, ``$35``)?"""
    return len(text) <= TABLE_CELL_CHARS and _TABLE_CELL.search(text) is not None


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


def _find_headline(
    lines: list[Line], apart: list[bool], page_title: str, prose: list[bool], site: str
) -> list[int] | None:
    """The line(s) where the headline is printed: the best match of a form of the page
    title (longer forms and spans win ties) that is printed above a run of prose."""
    if not page_title:
        return None
    truncated = page_title.rstrip().endswith(("…", "..."))
    variants = title_variants(page_title, site)
    # A span longer than every form of the title allows cannot match one, nor can it grow
    # into a span that does (a cut-off title can match the start of anything, so then
    # nothing is too long).
    longest = float("inf") if truncated else HEADLINE_LONGEST * max(map(len, variants), default=0)
    # Nor can lines too short to reach the shortest form, even three of them together. A
    # normalized line is never longer than the line case-folded, which is the line itself
    # in ASCII and at most three times it otherwise.
    shortest = HEADLINE_SHORTEST * min(map(len, variants), default=0)
    most = [len(line.text) if line.text.isascii() else 3 * len(line.text) for line in lines]
    most += [0] * HEADLINE_LINES
    spans: list[tuple[str, list[int]]] = []
    norms: list[str | None] = [None] * len(lines)
    running = _running_prose_starts(prose)
    for i, line in enumerate(lines):
        if (prose[i] and i > 0 and prose[i - 1]) or len(line.text) > longest:
            continue  # inside running prose, or too long: not where a headline stands
        if sum(most[i : i + HEADLINE_LINES]) + HEADLINE_LINES - 1 < shortest:
            continue  # too short, with the lines after it
        if not _prose_within(running, min(i + 1, len(lines)), HEADLINE_LINES - 1 + PROSE_REACH):
            continue  # no prose follows within reach of any span that starts here
        text = _norm_at(lines, norms, i)
        if not text:
            continue
        if shortest <= len(text) <= longest:
            spans.append((text, [i]))
        for k in range(i + 1, min(i + HEADLINE_LINES, len(lines))):
            if apart[k] or len(text) > longest or not _norm_at(lines, norms, k):
                break  # a headline's lines stand together
            text += " " + _norm_at(lines, norms, k)
            if shortest <= len(text) <= longest:
                spans.append((text, list(range(i, k + 1))))
    best: tuple[float, int, int, int, int, list[int]] | None = None
    whole = norm(page_title)
    texts = [text for text, _ in spans]
    for rank, title in enumerate(variants):
        low, high = HEADLINE_SHORTEST * len(title), HEADLINE_LONGEST * len(title)
        cut = truncated and whole.endswith(title)  # only this form lost its end
        candidates = [text[: len(title)] for text in texts] if cut else texts
        # rapidfuzz scores every candidate in one call and returns those that reach the bar.
        for candidate, score, k in process.extract(
            title, candidates, scorer=fuzz.ratio, score_cutoff=HEADLINE_MATCH, limit=None
        ):
            span = spans[k][1]
            if not low <= len(candidate) <= high or not _prose_within(
                running, span[-1] + 1, PROSE_REACH
            ):
                continue
            # Ties go to a line that is not a numbered or bulleted menu item, then to the
            # earlier form of the title (the whole, then the parts in order), then to the
            # first place (a sidebar repeats it later), then to the fewer lines.
            plain = int(not LIST_ITEM.match(lines[span[0]].text))
            key = (score, plain, -rank, -span[0], -len(span))
            if best is None or key > best[:5]:
                best = (*key, span)
    return best[5] if best else None


def _norm_at(lines: list[Line], norms: list[str | None], i: int) -> str:
    """The normalized text of line ``i``, worked out on first use."""
    found = norms[i]
    if found is None:
        found = norms[i] = norm(lines[i].text)
    return found


def _headline_above_byline(
    lines: list[Line], apart: list[bool], start: int, widgets: dict[int, str]
) -> list[int] | None:
    """Without a page title to match, the headline is the block of lines (up to three,
    no blank line between them) above the byline or the dateline that stands just before
    the article's prose. ``widgets``: the lines that are the page's controls."""
    for i in range(start - 1, max(start - BYLINE_REACH, 0), -1):
        text = lines[i].text
        if parse_byline(text) is None and not is_dateline(text):
            continue
        j = i - 1
        while j >= 0 and (j in widgets or is_dateline(lines[j].text)):
            j -= 1
        block = [j]
        while (
            len(block) < HEADLINE_LINES
            and block[0] > 0
            and not apart[block[0]]
            and len(words_of(lines[block[0] - 1].text)) <= HEADLINE_LINE_WORDS
            and block[0] - 1 not in widgets
        ):
            block.insert(0, block[0] - 1)
        words = sum(len(words_of(lines[k].text)) for k in block) if j >= 0 else 0
        return block if HEADLINE_WORDS[0] <= words <= HEADLINE_WORDS[1] else None
    return None


def _set_apart(draft: Draft, lines: list[Line]) -> list[bool]:
    """For each of ``lines``, whether the input set it apart from the one before (a
    blank line or a page break between them)."""
    wanted = {line.index for line in lines}
    out: list[bool] = []
    blank, page = True, None
    for line in draft.lines:
        if not line.text:
            blank = True
        elif line.index in wanted:
            out.append(blank or line.page != page)
            blank, page = False, line.page
    return out


def _prose_within(running: list[int], start: int, reach: int) -> bool:
    """Does running prose begin in the ``reach`` lines from ``start`` (both of its first two
    lines among them)? ``running`` is :func:`_running_prose_starts` of the lines, whose
    last entry (one past the last line) says that none does.

    >>> running = _running_prose_starts([False, True, True, False])
    >>> _prose_within(running, 0, 3), _prose_within(running, 3, 80), _prose_within(running, 4, 80)
    (True, False, False)
    """
    at = running[start]
    return at < len(running) - 1 and at <= start + reach - 2


def _running_prose_starts(prose: list[bool]) -> list[int]:
    """For each line (and one past the last), the first line at or after it where running
    prose starts (a prose line followed by another); ``len(prose)`` where none does."""
    out = [len(prose)] * (len(prose) + 1)
    for i in range(len(prose) - 2, -1, -1):
        out[i] = i if prose[i] and prose[i + 1] else out[i + 1]
    return out
