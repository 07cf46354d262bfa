"""``python -m copydesk``: the same as the ``copydesk`` command."""

from copydesk.cli import main_entry

main_entry()
