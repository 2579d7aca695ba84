from __future__ import annotations

from iop.documents.outline import Bullets, Heading, build_outline
from iop.documents.text_report import md_escape, to_markdown, to_text
from iop.engine.evaluation import Engine
from iop.rules.rulebook import Rulebook
from iop.words.swedish import FORM, GATE_VALUE, RECOMMENDATION
from tests.helpers import make_case


def test_free_text_with_html_and_markdown_is_escaped_in_markdown(engine: Engine):
    case = make_case()
    case.title = "<script>alert(1)</script> **fet**"
    case.answers["initiative"].reasoning = "[länk](javascript:alert(1))"
    markdown = to_markdown(engine.assess(case, "forum-2015"))
    assert "<script>" not in markdown and "**fet**" not in markdown
    assert "\\[länk\\](javascript" in markdown  # both brackets escaped: no link can form
    assert md_escape("<b>") == "\\<b\\>"


def test_document_holds_every_criterion_rule_and_disclaimer(engine: Engine):
    result = engine.assess(make_case(political_programme="vet_ej"), "forum-2015")
    text = to_text(result)
    for criterion in result.criteria:
        assert criterion.title in text
    assert result.rule.id in text and "ersätter inte juridisk rådgivning" in text
    assert "Öppna frågor" in text


def test_open_question_lists_each_answer_and_its_outcome(engine: Engine):
    result = engine.assess(make_case(payment_basis="vet_ej"), "forum-2015")
    outline = build_outline(result)
    headings = [b.text for b in outline.blocks if isinstance(b, Heading)]
    assert "Öppna frågor" in headings
    bullets = [i for b in outline.blocks if isinstance(b, Bullets) for i in b.items]
    assert any("Ett stöd till organisationens egen verksamhet" in i and "IOP" in i for i in bullets)


def test_every_code_the_tables_can_output_has_a_swedish_label(rulebook: Rulebook):
    for table in [rulebook.legal_layer, *rulebook.policy_tables.values()]:
        for rule in table.rules:
            assert rule.then["recommendation"] in RECOMMENDATION
            form = rule.then["form"]
            assert form is None or form.startswith("$") or form in FORM
    for table in rulebook.gates.values():
        for rule in table.rules:
            value = rule.then[table.outputs[0]]
            assert value in GATE_VALUE, value
    for rule in rulebook.gates["procurement_route"].rules:
        assert rule.then["procurement_route"] in FORM
