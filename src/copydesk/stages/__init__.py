"""The restorer's stages, in the order they run.

:data:`STAGES` is the one registry: the pipeline runs it, ``clean(..., skip=...)`` is
configured by its names, and ``--explain`` describes edits with its summaries. Each stage
names what it may leave in the edit log (``edits``: the kinds of its edits) and in
``removed`` (``removes``: the reasons it gives, which are the names of its rules), so
that every entry of either points back to the one stage that made it.

Stages read and annotate the :class:`~copydesk.draft.Draft` alone: none imports another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from copydesk.draft import Draft, Role
from copydesk.stages.backmatter import NOTICE_RULES, extract_bio, remove_notices
from copydesk.stages.captions import find_captions
from copydesk.stages.footnotes import remove_footnote_marks
from copydesk.stages.frontmatter import WEB_HEAD_RULE, extract_front_matter
from copydesk.stages.furniture import BROKEN_OFF_RULE, remove_furniture
from copydesk.stages.links import add_annotated_links
from copydesk.stages.lists import remove_list_markers
from copydesk.stages.normalize import EDIT_KINDS as UNICODE_EDITS
from copydesk.stages.normalize import normalize_unicode
from copydesk.stages.paragraphs import EDIT_KINDS as PARAGRAPH_EDITS
from copydesk.stages.paragraphs import rebuild_paragraphs
from copydesk.stages.pullquotes import remove_pull_quotes
from copydesk.stages.webpage import WIDGET_RULE_RUN, WIDGET_RULES, find_article
from copydesk.stages.words import WORD_FIXES, repair_words


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of the restorer: a name to configure it by, what it does, and what it may
    log: the kinds of its edits and the reasons of its removals."""

    name: str
    run: Callable[[Draft], None]
    summary: str
    edits: frozenset[str] = frozenset()
    removes: frozenset[str] = frozenset()


def _roles(*roles: Role) -> frozenset[str]:
    return frozenset(role.value for role in roles)


STAGES: tuple[Stage, ...] = (
    Stage(
        "unicode",
        normalize_unicode,
        "mojibake, ligatures and control characters fixed (ftfy)",
        edits=UNICODE_EDITS,
    ),
    Stage(
        "furniture",
        remove_furniture,
        "running heads, page numbers, print stamps, URL lines",
        removes=_roles(Role.PRINT_STAMP, Role.RUNNING_HEAD, Role.PAGE_NUMBER, Role.LINK)
        | {BROKEN_OFF_RULE},
    ),
    Stage(
        "webpage",
        find_article,
        "the article found inside a printed web page",
        removes=_roles(Role.PAGE_BEFORE, Role.PAGE_AFTER, Role.SLIDE_SHOW)
        | {WIDGET_RULE_RUN}
        | {rule.name for rule in WIDGET_RULES},
    ),
    Stage(
        "captions",
        find_captions,
        "photo captions and credits",
        removes=_roles(Role.CAPTION, Role.PHOTO_CREDIT, Role.IMAGE_FILE, Role.IMAGE_ALT_TEXT),
    ),
    Stage(
        "pullquotes",
        remove_pull_quotes,
        "pull quotes: sentences of the text set again apart from it",
        removes=_roles(Role.PULL_QUOTE),
    ),
    Stage(
        "front",
        extract_front_matter,
        "headline, dek, byline, dateline",
        removes=_roles(
            Role.TITLE, Role.DEK, Role.KICKER, Role.MASTHEAD, Role.BYLINE, Role.DATELINE
        )
        | {WEB_HEAD_RULE},
    ),
    Stage(
        "notices",
        remove_notices,
        "print notices and share/subscribe prompts",
        removes=frozenset(rule.name for rule in NOTICE_RULES),
    ),
    Stage(
        "paragraphs",
        rebuild_paragraphs,
        "hard-wrapped lines joined, paragraph breaks restored",
        edits=PARAGRAPH_EDITS,
    ),
    Stage(
        "lists",
        remove_list_markers,
        "bullets and numbers off list items",
        edits=frozenset({"list marker"}),
    ),
    Stage(
        "footnotes",
        remove_footnote_marks,
        "footnote markers of printed link notes",
        edits=frozenset({"footnote marker"}),
    ),
    Stage("bio", extract_bio, "the author note at the end", removes=frozenset({"bio"})),
    Stage("links", add_annotated_links, "addresses of the article's link annotations (PDF)"),
    Stage(
        "words",
        repair_words,
        "ellipses, glued words, spacing",
        edits=frozenset(fix.name for fix in WORD_FIXES),
    ),
)
STAGE_NAMES = tuple(stage.name for stage in STAGES)


def run_stages(draft: Draft, skip: frozenset[str] = frozenset()) -> Draft:
    """Run every stage not named in ``skip`` over the draft, in order.

    A reader of structured input (HTML) names in ``draft.stages`` the only stages its
    draft still needs; the others would look for what the reader already found.
    """
    for stage in STAGES:
        if stage.name not in skip and (draft.stages is None or stage.name in draft.stages):
            stage.run(draft)
    return draft


__all__ = ["STAGES", "STAGE_NAMES", "Stage", "run_stages"]
