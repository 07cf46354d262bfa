"""JSON with the benchmark's field names, plus the edit log and the removals."""

from __future__ import annotations

import json

from copydesk.writers.protocol import ArticleLike


def write_json(article: ArticleLike, indent: int | None = 2) -> str:
    """The article as a JSON object.

    >>> from copydesk.model import Article
    >>> write_json(Article(title="T", paragraphs=["P"]), indent=None).startswith('{"title": "T"')
    True
    """
    return json.dumps(article.to_dict(), ensure_ascii=False, indent=indent)
