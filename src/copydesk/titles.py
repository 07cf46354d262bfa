"""A web page's <title>, as a browser prints it in its header, and the headline in it.

The title names the article and, before or after a separator, the site: ``Headline |
Site``, ``Site - Headline``. Printed on the page, the headline is one of its forms; the
site's name is known by its address. The web-page stage matches the forms against the
page's lines, the front-matter stage falls back on the title when no headline is printed.
"""

from __future__ import annotations

import re

# The separators between the parts of a page title: "Headline | Site", "Headline - Site".
TITLE_SPLIT = re.compile(r"\s+[^\w\s'\"“”‘’()]+\s+")
_TITLE_SEPARATORS = " -–—|·:•"
_PARENTHETICAL = re.compile(r"\s*\([^()]*\)")
_SENTENCE = re.compile(r"(?<=[a-z][.!?])\s+(?=[A-Z])")

_TOKENS = re.compile(r"\w[\w'’-]*")
# The same tokens in ASCII text, where the engine tests plain ranges for \w instead of
# Unicode categories: the same tokens, found faster.
_ASCII_TOKENS = re.compile(_TOKENS.pattern, re.ASCII)


def norm(text: str) -> str:
    """Words and numbers alone, case-folded: how a headline is compared.

    >>> norm("The Pier, at Dusk!")
    'the pier at dusk'
    """
    if text.isascii():
        return " ".join(_ASCII_TOKENS.findall(text.lower()))
    return " ".join(_TOKENS.findall(text.casefold()))


def title_variants(page_title: str, site: str = "") -> list[str]:
    """Forms the printed headline may take, from a page's <title>: the whole, then each
    part between separators (one of them is the site name) in order, each also without
    parentheticals and cut to its first sentence (a part that ran on into the dek).

    >>> for form in title_variants("How to Build a Terrarium (with Pictures) | eHow")[:3]:
    ...     print(form)
    how to build a terrarium with pictures ehow
    how to build a terrarium with pictures
    how to build a terrarium
    """
    title = page_title.strip().rstrip(" .…")
    parts = TITLE_SPLIT.split(title)
    forms = [title]
    if len(parts) > 2:  # the site's name stands first or last
        forms += [" ".join(parts[:k]) for k in range(len(parts) - 1, 1, -1)]
        forms.append(" ".join(parts[1:]))
    for part in parts:
        forms += [part, _PARENTHETICAL.sub("", part), _SENTENCE.split(part)[0]]
    out: list[str] = []
    for form in map(norm, forms):
        if form and form not in out and not is_site_name(form, site):
            out.append(form)
    return out


def title_without_site(page_title: str, site: str) -> str:
    """A page's <title> without the part that names the site.

    >>> title_without_site("How to watch the 21 best films of 2017 - Vox", "www.vox.com")
    'How to watch the 21 best films of 2017'
    >>> title_without_site("Ask HN: Is it worth it? | Hacker News", "news.ycombinator.com")
    'Ask HN: Is it worth it? | Hacker News'
    >>> title_without_site("Quanta Magazine", "www.quantamagazine.org")
    ''
    """
    title = page_title.strip()
    parts = TITLE_SPLIT.split(title)
    if len(parts) < 2:
        return "" if is_site_name(norm(title), site) else title
    if is_site_name(norm(parts[-1]), site):
        return title[: title.rfind(parts[-1])].rstrip(_TITLE_SEPARATORS)
    if is_site_name(norm(parts[0]), site):
        return title[len(parts[0]) :].lstrip(_TITLE_SEPARATORS)
    return title


def is_site_name(title: str, site: str) -> bool:
    """Is this part of a page title the site's name (as its domain spells it)?

    >>> is_site_name("the washington post", "www.washingtonpost.com")
    True
    """
    squeezed = title.replace(" ", "").removeprefix("the")
    return len(squeezed) >= 3 and any(squeezed in host for host in site.casefold().split())
