"""Writers: one per output format, each from an :class:`~copydesk.model.Article` to text."""

from __future__ import annotations

from collections.abc import Callable

from copydesk.model import Article
from copydesk.writers.explain import write_explain
from copydesk.writers.json import write_json
from copydesk.writers.jsonld import write_jsonld
from copydesk.writers.markdown import write_markdown
from copydesk.writers.text import write_text

WRITERS: dict[str, Callable[[Article], str]] = {
    "json": write_json,
    "jsonld": write_jsonld,
    "md": write_markdown,
    "text": write_text,
}

__all__ = ["WRITERS", "write_explain", "write_json", "write_jsonld", "write_markdown", "write_text"]
