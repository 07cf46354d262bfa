"""A readable account of what copydesk changed and what it took out, and where."""

from __future__ import annotations

from collections import Counter

from copydesk.writers.protocol import ArticleLike

# Edits so many and so alike that they are counted, not listed.
ROUTINE = frozenset({"unwrap"})


def _show(text: str, limit: int = 60) -> str:
    text = text.replace("\n", "⏎")
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def write_explain(article: ArticleLike) -> str:
    """Every edit and removal, one per line, with input offsets.

    >>> from copydesk.model import Article, Edit
    >>> print(write_explain(Article(edits=[Edit("glued words", 5, 5, "", " ")])))
    edits: 1 (glued words 1)
      glued words  @5-5  '' → ' '
    removed: 0
    """
    counts = Counter(edit.kind for edit in article.edits)
    summary = ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items()))
    out = [f"edits: {len(article.edits)}" + (f" ({summary})" if summary else "")]
    for edit in article.edits:
        if edit.kind in ROUTINE:
            continue
        out.append(
            f"  {edit.kind}  @{edit.start}-{edit.end}  {_show(edit.before)} → {_show(edit.after)}"
        )
    out.append(f"removed: {len(article.removed)}")
    for removal in article.removed:
        out.append(f"  {removal.reason}  @{removal.start}-{removal.end}  {_show(removal.text)}")
    return "\n".join(out)
