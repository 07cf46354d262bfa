"""The restorer's stages, in the order they run.

:data:`STAGES` is the one registry: the pipeline runs it, ``clean(..., skip=...)`` is
configured by its names, and ``--explain`` describes edits with its summaries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from copydesk.draft import Draft
from copydesk.stages.backmatter import extract_bio, remove_notices
from copydesk.stages.footnotes import remove_footnote_marks
from copydesk.stages.frontmatter import extract_front_matter
from copydesk.stages.furniture import remove_furniture
from copydesk.stages.links import add_annotated_links
from copydesk.stages.lists import remove_list_markers
from copydesk.stages.normalize import normalize_unicode
from copydesk.stages.paragraphs import rebuild_paragraphs
from copydesk.stages.webpage import find_article
from copydesk.stages.words import repair_words


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of the restorer: a name to configure it by and what it does."""

    name: str
    run: Callable[[Draft], None]
    summary: str


STAGES: tuple[Stage, ...] = (
    Stage("unicode", normalize_unicode, "mojibake, ligatures and control characters fixed (ftfy)"),
    Stage("furniture", remove_furniture, "running heads, page numbers, print stamps, URL lines"),
    Stage("webpage", find_article, "the article found inside a printed web page"),
    Stage("front", extract_front_matter, "headline, dek, byline, dateline, captions"),
    Stage("notices", remove_notices, "print notices and share/subscribe prompts"),
    Stage("paragraphs", rebuild_paragraphs, "hard-wrapped lines joined, paragraph breaks restored"),
    Stage("lists", remove_list_markers, "bullets and numbers off list items"),
    Stage("footnotes", remove_footnote_marks, "footnote markers of printed link notes"),
    Stage("bio", extract_bio, "the author note at the end"),
    Stage("links", add_annotated_links, "addresses of the article's link annotations (PDF)"),
    Stage("words", repair_words, "ellipses, glued words, spacing"),
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
