"""``python -m iop.cli``: the same as the ``iop`` command."""

import sys

from iop.cli.main import main

sys.exit(main())
