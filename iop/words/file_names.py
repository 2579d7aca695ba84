"""File names for what the app exports: short, safe on every system, and still recognisable.

A case title can be 200 characters of anything; a downloaded file named after it
must not be: Windows refuses 260-character paths and names with ``:`` or ``?``, a
mail attachment shortens a long name unpredictably, and a name with a slash or
two dots could point elsewhere. The stem is the title in lower-case ASCII
(å, ä, ö and other accents lose their marks, everything else becomes ``-``),
cut at a word boundary to ``STEM_LENGTH`` characters.
"""

from __future__ import annotations

import re
import unicodedata

STEM_LENGTH = 40
"""Characters of the title in a file name; with a suffix like ``-beslutsunderlag.docx`` under 70 in all."""


def file_stem(title: str, fallback: str = "arende", length: int = STEM_LENGTH) -> str:
    """``title`` as the stem of a file name: [a-z0-9-], at most ``length`` characters, never empty."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(stem) > length:
        cut = stem[:length + 1]
        stem = cut[:cut.rfind("-")] if "-" in cut[length // 2:] else stem[:length]
        stem = stem.strip("-")
    return stem or fallback
