"""Plain text: the body alone, one paragraph per line, a blank line between."""

from __future__ import annotations

from copydesk.writers.protocol import ArticleLike


def write_text(article: ArticleLike) -> str:
    """The body as plain text.

    >>> from copydesk.model import Article
    >>> write_text(Article(paragraphs=["One.", "Two."]))
    'One.\\n\\nTwo.\\n'
    """
    return "\n\n".join(article.paragraphs) + "\n" if article.paragraphs else ""
