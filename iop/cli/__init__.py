"""The ``iop`` command line."""


from iop.cli.main import main

__all__ = ["main"]
