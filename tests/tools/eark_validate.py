"""Run the E-ARK Foundation's eark-validator on one package and print its report as JSON.

Run with the Python of the validator's own virtual environment (``scripts/test`` makes it
in ``.venv/eark-validator``): eark-validator 1.1.3 pins lxml 5.1.0 and importlib-resources
5.12.0, which the project's own environment (lxml 6) cannot share.

The validator downloads four CSIP vocabularies from earkcsip.dilcis.eu when it is imported;
the test run has no network, so they are read from the copies the validator ships in
``eark_validator/ipxml/resources/vocabs`` (same file names). Nothing else is changed.

    .venv/eark-validator/bin/python tests/tools/eark_validate.py PAKET.zip
"""

import sys
import urllib.request
from pathlib import Path

from importlib_resources import files


def _shipped_vocabulary(url, *args, **kwargs):
    return (files("eark_validator.ipxml.resources") / "vocabs" / url.rsplit("/", 1)[-1]).open("rb")


urllib.request.urlopen = _shipped_vocabulary

from eark_validator.packages import PackageValidator  # noqa: E402  (after the vocabularies are redirected)

report = PackageValidator(Path(sys.argv[1])).validation_report
print(report.model_dump_json())
