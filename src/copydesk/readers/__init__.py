"""Readers: one per kind of input, each turning it into a :class:`~copydesk.draft.Draft`."""

from __future__ import annotations

import os
from pathlib import Path

from copydesk.draft import Draft
from copydesk.errors import InputError, InputNotFoundError
from copydesk.readers.text import decode, read_text

Source = str | bytes | os.PathLike[str]


def read(source: Source) -> Draft:
    """Read an article from text (``str``), raw bytes, or a path to a file.

    A ``str`` is taken as the text itself; give a :class:`pathlib.Path` to read a file.
    """
    if isinstance(source, str):
        return read_text(source)
    if isinstance(source, bytes):
        return read_text(decode(source))
    path = Path(source)
    if not path.exists():
        raise InputNotFoundError(f"{path}: no such file; check the path")
    if path.is_dir():
        raise InputNotFoundError(f"{path} is a folder: give the path of one text file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror}); check its permissions") from exc
    return read_text(decode(data, str(path)))


__all__ = ["Source", "read", "read_text"]
