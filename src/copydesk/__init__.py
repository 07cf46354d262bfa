"""copydesk: restore articles from broken renditions, as their editors published them.

>>> import copydesk
>>> text = "Headline\\n\\nBy Jane Doe\\n\\nBody text that runs on and on\\nover lines."
>>> article = copydesk.clean(text)
>>> article.paragraphs
['Body text that runs on and on over lines.']
"""

from __future__ import annotations

from copydesk.api import clean
from copydesk.errors import (
    CopydeskError,
    EmptyInputError,
    EncryptedInputError,
    InputError,
    InputNotFoundError,
    InputTimeoutError,
    NotTextError,
    OptionError,
    TruthSetError,
)
from copydesk.model import Article, Caption, Edit, Removal
from copydesk.stages import STAGE_NAMES, STAGES

__version__ = "0.1.0"

__all__ = [
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
    "OptionError",
    "Removal",
    "TruthSetError",
    "__version__",
    "clean",
]
