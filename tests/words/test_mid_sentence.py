"""A label inside a sentence keeps its abbreviations: "enligt LOU", "(IOP)", never "lou" or "(iop)"."""

from __future__ import annotations

import pytest

from iop.records.record import DECISION_LABEL, STATUS_LABEL
from iop.words import FORM, mid_sentence


@pytest.mark.parametrize(("label", "inside"), [
    ("Upphandling enligt LOU", "upphandling enligt LOU"),
    ("Idéburet offentligt partnerskap (IOP)", "idéburet offentligt partnerskap (IOP)"),
    ("LOU-upphandling", "LOU-upphandling"),
    ("IOP", "IOP"),
    ("Ärende", "ärende"),
    ("Ingen särskild form", "ingen särskild form"),
    ("", ""),
])
def test_only_the_first_letter_is_lowered_and_not_of_an_abbreviation(label: str, inside: str) -> None:
    assert mid_sentence(label) == inside


def test_every_decision_status_and_form_label_keeps_its_capitals_after_the_first_letter() -> None:
    for label in [*DECISION_LABEL.values(), *STATUS_LABEL.values(), *FORM.values()]:
        assert mid_sentence(label)[1:] == label[1:]
