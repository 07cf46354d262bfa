"""What a writer reads of an article: the fields, as read-only attributes.

The writers depend on this shape, not on :mod:`copydesk.model`, so that the model can
offer them as methods (``Article.to_json()`` ...) without the two importing each other.
:class:`~copydesk.model.Article` has this shape; so has any object with these attributes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol


class CaptionLike(Protocol):
    """A photo caption and its credit (:class:`~copydesk.model.Caption`)."""

    @property
    def text(self) -> str: ...
    @property
    def credit(self) -> str | None: ...


class EditLike(Protocol):
    """One logged change (:class:`~copydesk.model.Edit`)."""

    @property
    def kind(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def before(self) -> str: ...
    @property
    def after(self) -> str: ...


class RemovalLike(Protocol):
    """A stretch of input taken out of the body (:class:`~copydesk.model.Removal`)."""

    @property
    def reason(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...


class ArticleLike(Protocol):
    """A restored article as the writers read it (:class:`~copydesk.model.Article`)."""

    @property
    def title(self) -> str | None: ...
    @property
    def dek(self) -> str | None: ...
    @property
    def authors(self) -> Sequence[str]: ...
    @property
    def published(self) -> str | None: ...
    @property
    def paragraphs(self) -> Sequence[str]: ...
    @property
    def captions(self) -> Sequence[CaptionLike]: ...
    @property
    def bio(self) -> str | None: ...
    @property
    def links(self) -> Sequence[str]: ...
    @property
    def edits(self) -> Sequence[EditLike]: ...
    @property
    def removed(self) -> Sequence[RemovalLike]: ...

    def to_dict(self) -> dict[str, Any]:
        """The article as plain data, with the field names of the benchmark."""
        ...


__all__ = ["ArticleLike", "CaptionLike", "EditLike", "RemovalLike"]
