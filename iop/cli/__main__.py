"""``python -m iop.cli``: the same as the ``iop`` command."""

from iop.cli import run

run()
