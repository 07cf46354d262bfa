"""The one exception hierarchy of copydesk.

Every error a user can cause derives from :class:`CopydeskError`, and its message says
what went wrong and what to do about it, in one line, so the CLI can print it as it is.
"""

from __future__ import annotations


class CopydeskError(Exception):
    """Base class of every error copydesk raises on purpose."""


class InputError(CopydeskError):
    """The input cannot be read as an article."""


class InputNotFoundError(InputError):
    """The path given does not exist or is not a file."""


class EmptyInputError(InputError):
    """The input holds no text at all."""


class NotTextError(InputError):
    """The input is binary or in a format copydesk cannot read as text."""


class EncryptedInputError(InputError):
    """The input is an encrypted PDF and no (or a wrong) password was given."""


class InputTimeoutError(InputError):
    """Reading the input took longer than the time limit allowed."""


class OCRUnavailableError(CopydeskError):
    """The input needs OCR (an image, a PDF page without text) and this machine cannot run
    it: the program tesseract, or its English language data, is not installed. Not an
    :class:`InputError`: the input is fine, and reads once tesseract is installed."""


class OptionError(CopydeskError):
    """An option was given a value copydesk does not know."""


class TruthSetError(CopydeskError):
    """A truth set (or a folder of predictions) for ``copydesk eval`` cannot be read."""
