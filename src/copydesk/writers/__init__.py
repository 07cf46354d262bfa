"""Writers: one per output format, each from an :class:`~copydesk.model.Article` to text.

They read the article through :class:`~copydesk.writers.protocol.ArticleLike`, not the
model, which offers them as its methods (``Article.to_json()`` ...).
"""

from __future__ import annotations

from collections.abc import Callable

from copydesk.writers.explain import write_explain
from copydesk.writers.json import write_json
from copydesk.writers.jsonld import write_jsonld
from copydesk.writers.markdown import write_markdown
from copydesk.writers.protocol import ArticleLike
from copydesk.writers.text import write_text

WRITERS: dict[str, Callable[[ArticleLike], str]] = {
    "json": write_json,
    "jsonld": write_jsonld,
    "md": write_markdown,
    "text": write_text,
}

__all__ = [
    "WRITERS",
    "ArticleLike",
    "write_explain",
    "write_json",
    "write_jsonld",
    "write_markdown",
    "write_text",
]
