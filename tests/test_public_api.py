"""The public API is ``copydesk.__all__``: pinned here, so that it changes only on purpose.

Adding, renaming or removing a public name fails this test; update the list below with
the change (and README's "Python API" section).
"""

from __future__ import annotations

import types

import copydesk

PUBLIC_API = [
    "Article",
    "COMPILED",
    "Caption",
    "CopydeskError",
    "Edit",
    "EmptyInputError",
    "EncryptedInputError",
    "InputError",
    "InputNotFoundError",
    "InputTimeoutError",
    "NotTextError",
    "OCRUnavailableError",
    "OptionError",
    "Removal",
    "STAGES",
    "STAGE_NAMES",
    "TruthSetError",
    "__version__",
    "clean",
]


def test_public_names_are_pinned() -> None:
    assert sorted(copydesk.__all__) == PUBLIC_API
    assert len(set(copydesk.__all__)) == len(copydesk.__all__), "a name listed twice"


def test_every_public_name_is_importable_from_the_package_root() -> None:
    for name in copydesk.__all__:
        namespace: dict[str, object] = {}
        exec(f"from copydesk import {name}", namespace)
        assert namespace[name] is getattr(copydesk, name)
    star: dict[str, object] = {}
    exec("from copydesk import *", star)
    assert set(star) - {"__builtins__"} == set(PUBLIC_API)


def test_no_public_name_outside_all() -> None:
    """What the package root offers without an underscore is in ``__all__`` (submodules
    aside, and ``annotations``, which ``from __future__ import annotations`` leaves)."""
    stray = [
        name
        for name, value in vars(copydesk).items()
        if not name.startswith("_")
        and name not in copydesk.__all__
        and name != "annotations"
        and not isinstance(value, types.ModuleType)
    ]
    assert not stray, f"public but not in __all__: {stray}"


def test_errors_derive_from_copydesk_error() -> None:
    errors = [getattr(copydesk, name) for name in PUBLIC_API if name.endswith("Error")]
    assert all(issubclass(error, copydesk.CopydeskError) for error in errors)
    assert all(error.__module__ == "copydesk.errors" for error in errors)


def test_article_output_methods() -> None:
    """The article writes itself in every format (the writers, which it calls, read it
    through a protocol of their own)."""
    article = copydesk.clean("Headline\n\nBy Jane Doe\n\nThe ﬁrst paragraph runs\non.\n")
    assert article.to_text() == "The first paragraph runs on.\n"
    assert article.to_markdown().startswith("# Headline\n\nBy Jane Doe\n\nThe first")
    assert '"title": "Headline"' in article.to_json()
    assert '"@type": "NewsArticle"' in article.to_jsonld()
    assert article.explain().startswith("edits: ")
    assert "ligature" in article.explain()
