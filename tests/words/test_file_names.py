"""Export file names: short, safe on every system, recognisable."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from iop.words.file_names import STEM_LENGTH, file_stem


def test_a_swedish_title_keeps_its_words_without_marks():
    assert file_stem("Ungdomsbussen – fältverksamhet för unga") == "ungdomsbussen-faltverksamhet-for-unga"
    assert file_stem("Café Åsa & Ödön") == "cafe-asa-odon"


def test_a_long_title_is_cut_at_a_word():
    stem = file_stem("Mötesplats för äldre i " + "Gottsunda och Valsätra " * 20)
    assert len(stem) <= STEM_LENGTH and stem == "motesplats-for-aldre-i-gottsunda-och"


def test_nothing_usable_falls_back():
    assert file_stem("???/..\\:") == "arende"
    assert file_stem("", fallback="workshop") == "workshop"


@given(st.text(max_size=400))
def test_any_title_gives_a_short_plain_stem(title: str):
    stem = file_stem(title)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", stem) and len(stem) <= STEM_LENGTH
