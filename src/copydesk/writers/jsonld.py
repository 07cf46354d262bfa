"""schema.org ``NewsArticle`` in JSON-LD, for publishing and search engines."""

from __future__ import annotations

import json
from typing import Any

from copydesk.writers.protocol import ArticleLike


def write_jsonld(article: ArticleLike, indent: int | None = 2) -> str:
    """The article as a schema.org NewsArticle.

    >>> from copydesk.model import Article
    >>> data = json.loads(write_jsonld(Article(title="T", authors=["A B"], paragraphs=["x"])))
    >>> data["@type"], data["headline"], data["author"][0]["name"], data["articleBody"]
    ('NewsArticle', 'T', 'A B', 'x')
    """
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "NewsArticle"}
    if article.title:
        data["headline"] = article.title
    if article.dek:
        data["alternativeHeadline"] = article.dek
    if article.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in article.authors]
    if article.published:
        data["datePublished"] = article.published
    data["articleBody"] = "\n\n".join(article.paragraphs)
    if article.captions:
        data["image"] = [
            {"@type": "ImageObject", "caption": c.text}
            | ({"creditText": c.credit} if c.credit else {})
            for c in article.captions
        ]
    if article.bio and article.authors:
        data["author"][0]["description"] = article.bio
    if article.links:
        data["citation"] = list(article.links)
    return json.dumps(data, ensure_ascii=False, indent=indent)
