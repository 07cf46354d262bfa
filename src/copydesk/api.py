"""The public entry point: :func:`clean`."""

from __future__ import annotations

from collections.abc import Iterable

from copydesk.errors import OptionError
from copydesk.model import Article
from copydesk.readers import Source, read
from copydesk.stages import STAGE_NAMES, run_stages


def clean(source: Source, *, skip: Iterable[str] = ()) -> Article:
    """Restore an article from a broken rendition of it.

    ``source`` is the text itself (``str``), raw bytes in any encoding, or a path
    (:class:`pathlib.Path` or any ``os.PathLike``) to a text file. ``skip`` names stages to
    leave out (see :data:`copydesk.STAGE_NAMES`).

    >>> text = "Hello\\n\\nBy Jane Doe\\n\\nThe first paragraph goes on\\nacross two lines."
    >>> article = clean(text)
    >>> article.title, article.authors, article.paragraphs
    ('Hello', ['Jane Doe'], ['The first paragraph goes on across two lines.'])
    """
    skipped = frozenset(skip)
    unknown = skipped - set(STAGE_NAMES)
    if unknown:
        raise OptionError(
            f"unknown stage {', '.join(sorted(unknown))}: choose from {', '.join(STAGE_NAMES)}"
        )
    return run_stages(read(source), skipped).to_article()
