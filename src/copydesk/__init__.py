"""copydesk: restore articles from broken renditions, as their editors published them.

>>> import copydesk
>>> text = "Headline\\n\\nBy Jane Doe\\n\\nBody text that runs on and on\\nover lines."
>>> article = copydesk.clean(text)
>>> article.paragraphs
['Body text that runs on and on over lines.']
"""

from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES as _EXTENSION_SUFFIXES

from copydesk import stages as _stages
from copydesk.api import clean
from copydesk.errors import (
    CopydeskError,
    EmptyInputError,
    EncryptedInputError,
    InputError,
    InputNotFoundError,
    InputTimeoutError,
    NotTextError,
    OCRUnavailableError,
    OptionError,
    TruthSetError,
)
from copydesk.model import Article, Caption, Edit, Removal
from copydesk.stages import STAGE_NAMES, STAGES

__version__ = "0.1.0"

#: True where the restorer runs as C compiled by mypyc (a wheel: ``pip install .``), False
#: where it runs as its Python sources (an editable install, or a build without a compiler).
#: Both restore alike; compiled is faster.
COMPILED: bool = (_stages.__file__ or "").endswith(tuple(_EXTENSION_SUFFIXES))

__all__ = [
    "COMPILED",
    "STAGES",
    "STAGE_NAMES",
    "Article",
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
    "TruthSetError",
    "__version__",
    "clean",
]
