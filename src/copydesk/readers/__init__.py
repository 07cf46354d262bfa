"""Readers: one per kind of input, each turning it into a :class:`~copydesk.draft.Draft`.

The kind is told by the input's first bytes, never by a file's name: a PDF (born digital,
scanned, or both), an image of a page, an HTML page, or text.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from copydesk.draft import Draft
from copydesk.errors import InputError, InputNotFoundError
from copydesk.readers.text import decode, read_text

Source = str | bytes | os.PathLike[str]

DEFAULT_TIME_LIMIT = 300.0  # seconds per document: OCR of a long scan takes minutes
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
_HTML_MARKS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title")


def kind_of(data: bytes) -> str:
    """What the bytes hold: ``pdf``, ``image``, ``html`` or ``text``.

    >>> kind_of(b"%PDF-1.7 ..."), kind_of(b"\\x89PNG\\r\\n"), kind_of(b"  <!DOCTYPE html><p>")
    ('pdf', 'image', 'html')
    >>> kind_of(b"Plain text about <html> tags")
    'text'
    """
    # A PDF may carry up to 1 KB of junk before its header, and readers accept it.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(_IMAGE_MAGIC):
        return "image"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    while head.startswith(b"<!--") and b"-->" in head:  # comments before the doctype
        head = head[head.index(b"-->") + 3 :].lstrip(b" \t\r\n")
    head = head[:1024].lower()
    if head.startswith(_HTML_MARKS) or (head.startswith(b"<?xml") and b"<html" in head):
        return "html"
    return "text"


def read(source: Source, *, password: str | None = None, time_limit: float | None = None) -> Draft:
    """Read an article from text (``str``), raw bytes, or a path to a file.

    A ``str`` is taken as the text itself; give a :class:`pathlib.Path` to read a file.
    ``password`` opens an encrypted PDF; ``time_limit`` (seconds, default
    :data:`DEFAULT_TIME_LIMIT`) bounds the work on one document.
    """
    if isinstance(source, str):
        return read_text(source)
    name = "input"
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        name = str(path)
        if not path.exists():
            raise InputNotFoundError(f"{path}: no such file; check the path")
        if path.is_dir():
            raise InputNotFoundError(f"{path} is a folder: give the path of one file")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(
                f"{path}: cannot read it ({exc.strerror}); check its permissions"
            ) from exc
    limit = DEFAULT_TIME_LIMIT if time_limit is None else time_limit
    deadline = time.monotonic() + limit
    kind = kind_of(data)
    if kind == "pdf":
        from copydesk.readers.pdf import read_pdf

        draft: Draft = read_pdf(data, name, password=password, deadline=deadline)
        return draft
    if kind == "image":
        from copydesk.readers.ocr import read_image

        return read_image(data, name, deadline=deadline, time_limit=limit)
    if kind == "html":
        from copydesk.readers.html import read_html

        return read_html(data, name)
    return read_text(decode(data, name))


__all__ = ["DEFAULT_TIME_LIMIT", "Source", "kind_of", "read", "read_text"]
