"""Markdown: the head of the article (title, dek, byline, date, captions) above the body."""

from __future__ import annotations

from copydesk.writers.protocol import ArticleLike


def write_markdown(article: ArticleLike) -> str:
    """The article as Markdown.

    >>> from copydesk.model import Article
    >>> print(write_markdown(Article(title="T", authors=["A", "B"], paragraphs=["x", "y"])))
    # T
    <BLANKLINE>
    By A and B
    <BLANKLINE>
    x
    <BLANKLINE>
    y
    <BLANKLINE>
    """
    out: list[str] = []
    if article.title:
        out.append(f"# {article.title}")
    if article.dek:
        out.append(f"*{article.dek}*")
    meta = []
    if article.authors:
        names = article.authors
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        meta.append(f"By {joined}")
    if article.published:
        meta.append(article.published)
    if meta:
        out.append(" · ".join(meta))
    for caption in article.captions:
        credit = f" ({caption.credit})" if caption.credit else ""
        out.append(f"> {caption.text}{credit}")
    out.extend(article.paragraphs)
    if article.bio:
        out.append(f"---\n\n*{article.bio}*")
    if article.links:
        out.append("\n".join(f"- <{url}>" for url in article.links))
    return "\n\n".join(out) + "\n"
