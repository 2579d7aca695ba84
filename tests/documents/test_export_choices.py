"""What Exportera decides before it draws (iop.documents): the memo kept from its editors, the document's name,
the files read for an import, and the spectrum picture."""

from __future__ import annotations

import base64
import re

from iop.documents import (
    document_name,
    has_placeholders,
    kept_text,
    memo_fields,
    read_uploads,
    spectrum_alt,
    spectrum_data_url,
    spectrum_svg,
)
from iop.engine import case_facts, case_to_yaml, load_case, load_spectrum, place
from iop.engine.evaluation import Engine
from iop.rules.rulebook import Rulebook
from iop.words import OFFICIAL
from tests.helpers import CASES

TYPED = {"proposal": "Förslag", "summary": "Sammanfattning", "background": "  Bakgrund  ", "assessment": "",
         "economy": "Ryms i budgeten.", "child_rights": "", "attachments": " Budget \n\n Stadgar ",
         "recipients": "", "officer_title": " Utvecklingsledare ", "manager": "Kim", "manager_title": ""}


def test_a_generated_text_left_as_it_was_is_not_kept_so_the_document_follows_the_recommendation():
    assert kept_text("Förslag\n", " Förslag") == ""
    assert kept_text("Mitt förslag ", "Förslag") == "Mitt förslag"
    fields = memo_fields(TYPED, proposal_default="Förslag", summary_default="Annan sammanfattning")
    assert fields["proposal"] == "" and fields["summary"] == "Sammanfattning"
    assert fields["background"] == "Bakgrund" and fields["officer_title"] == "Utvecklingsledare"
    assert fields["attachments"] == ["Budget", "Stadgar"] and fields["recipients"] == []


def test_a_proposal_with_brackets_still_has_something_to_fill_in():
    assert has_placeholders("Bevilja [organisationens namn] bidrag")
    assert not has_placeholders("Bevilja Stadsmissionen bidrag")


def test_an_organisation_downloads_its_summary_and_an_official_the_tjansteskrivelse():
    assert (document_name(True).words, document_name(True).stem) == ("sammanfattningen", "sammanfattning")
    assert (document_name(False).words, document_name(False).stem) == ("tjänsteskrivelsen", "tjansteskrivelse")


def test_each_file_is_read_on_its_own_and_a_bad_one_says_why(rulebook: Rulebook):
    good = case_to_yaml(load_case(CASES / "ungdomsbussen.yaml", rulebook)).encode("utf-8")
    uploads = read_uploads([("bad.pdf", b"%PDF-1.7 not really"), ("ok.yaml", good), ("tom.yaml", b"")], rulebook)
    assert [u.name for u in uploads] == ["bad.pdf", "ok.yaml", "tom.yaml"]
    assert uploads[0].case is None and uploads[0].problems and "PDF" in uploads[0].problems[0]
    assert uploads[1].case is not None and uploads[1].case.title and not uploads[1].problems
    assert uploads[2].case is None and uploads[2].problems


def test_the_spectrum_picture_names_every_answer_in_its_text_and_in_its_alt(rulebook: Rulebook, engine: Engine):
    case = load_case(CASES / "ungdomsbussen.yaml", rulebook)
    labels = {qid: OFFICIAL.labels(q) for qid, q in rulebook.questions.questions.items()}
    placements = place(load_spectrum(), case_facts(case), labels)
    verdict = OFFICIAL.spectrum_verdict(engine.assess(case, explain_changes=False))
    picture = spectrum_svg(placements, verdict)
    assert picture.startswith("<svg") and 'role="img"' in picture
    shown = " ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", picture))
    for placement in placements:
        if placement.answer_label:
            assert all(word in shown for word in placement.answer_label.split()[:2])
    alt = spectrum_alt(placements, verdict)
    assert alt.startswith("Ärendets läge mellan bidrag, IOP och upphandling: ") and alt.endswith(f"{verdict.label}.")
    encoded = spectrum_data_url(picture).removeprefix("data:image/svg+xml;base64,")
    assert base64.b64decode(encoded).decode("utf-8") == picture
