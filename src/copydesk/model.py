"""The document model: one :class:`Article` that every reader feeds and every writer reads.

Offsets in :class:`Edit` and :class:`Removal` are character offsets into the decoded input
text (``Article.source``), so each change can be traced back to what the user gave.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple


@dataclass(frozen=True, slots=True)
class Caption:
    """A photo caption and, where one was printed, its credit (photographer, agency)."""

    text: str
    credit: str | None = None


class Edit(NamedTuple):
    """One change made to the text: what, where in the input, and the text before and after.

    ``kind`` names the fix that made it (see :data:`copydesk.stages.STAGES`). A record of
    fixed fields (a named tuple: an article may log one for every line it joins).
    """

    kind: str
    start: int
    end: int
    before: str
    after: str


class Removal(NamedTuple):
    """A stretch of input that is not part of the article body, and why it was taken out.

    Lines that went into a field (title, caption, links, ...) are recorded here too, with the
    field as the reason, so that every input line is accounted for.
    """

    reason: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Article:
    """An article restored as its editors published it."""

    title: str | None = None
    dek: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    bio: str | None = None
    links: list[str] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    source: str = field(default="", repr=False)
    # What the reader could not do (a page it could not read, a time limit reached): the
    # article is then partial, and these say where.
    warnings: list[str] = field(default_factory=list)
    # How the text was got: "text", "pdf", "image" or "html" as read, "web-print" for a page
    # printed from a browser; ``ocr`` where any of it was read by OCR (less trustworthy).
    kind: str = "text"
    ocr: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The article as plain data, with the field names of the benchmark."""
        return {
            "title": self.title,
            "dek": self.dek,
            "authors": list(self.authors),
            "published": self.published,
            "paragraphs": list(self.paragraphs),
            "captions": [{"text": c.text, "credit": c.credit} for c in self.captions],
            "bio": self.bio,
            "links": list(self.links),
            "edits": [
                {
                    "kind": e.kind,
                    "start": e.start,
                    "end": e.end,
                    "before": e.before,
                    "after": e.after,
                }
                for e in self.edits
            ],
            "removed": [
                {"reason": r.reason, "start": r.start, "end": r.end, "text": r.text}
                for r in self.removed
            ],
            "warnings": list(self.warnings),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The article as JSON (title, dek, authors, published, paragraphs, captions, bio,
        links, edits, removed)."""
        from copydesk.writers.json import write_json

        return write_json(self, indent=indent)

    def to_jsonld(self, *, indent: int | None = 2) -> str:
        """The article as a schema.org ``NewsArticle`` in JSON-LD."""
        from copydesk.writers.jsonld import write_jsonld

        return write_jsonld(self, indent=indent)

    def to_markdown(self) -> str:
        """The article as Markdown: title, dek, byline, date and captions above the body."""
        from copydesk.writers.markdown import write_markdown

        return write_markdown(self)

    def to_text(self) -> str:
        """The body alone: one paragraph per line, a blank line between paragraphs."""
        from copydesk.writers.text import write_text

        return write_text(self)

    def explain(self) -> str:
        """A readable account of every edit and removal."""
        from copydesk.writers.explain import write_explain

        return write_explain(self)
