import iop


def test_public_api_is_what_the_package_documents():
    assert sorted(iop.__all__) == [
        "Answer", "Assessment", "Case", "CaseEffect", "Caution", "Contribution", "CriteriaSet", "Criterion", "DecisionTable",
        "Engine", "Evaluation", "InputError", "IopError", "Leaning", "LegalForm", "OpenQuestion", "Outcome",
        "Problem", "Question", "QuestionCatalog", "RecordMeta", "ReferenceCase", "Rule", "RuleRef", "Rulebook",
        "RulebookError", "SpectrumVerdict", "TemplateError", "case_from_text", "case_to_yaml", "check_criteria", "check_template",
        "decision_outline", "lean", "leaning_sentence", "load_case", "load_model", "load_rulebook", "plain_leaning",
        "render_docx", "render_pdf", "spectrum_verdict",
    ]
    for name in iop.__all__:
        assert hasattr(iop, name)


def test_domain_never_imports_streamlit():
    from pathlib import Path

    for path in Path(iop.__file__).parent.glob("*.py"):
        assert "streamlit" not in path.read_text(encoding="utf-8"), path.name
