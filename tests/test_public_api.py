import iop


WORKSHOP_API = [
    "ABSTAIN", "AnonymousAnswer", "CHOICES", "Conclusion", "DISAGREEMENT_RULE", "GivenAnswer", "MIN_SHOWN",
    "PHASE_LABEL", "Participant", "Phase", "SCALE", "SEED_STATEMENTS", "Statement", "StatementResult",
    "Workshop", "WorkshopError", "WorkshopStore", "answers_csv", "describe", "format_code", "is_token", "join_qr_png", "join_url",
    "normalise_code", "statements_from_case", "statements_from_text", "summarise", "summary_markdown",
]


def test_public_api_is_what_the_package_documents():
    assert sorted(iop.__all__) == sorted([
        "AccessPolicy", "Answer", "app_markdown", "Assessment", "AssessmentSnapshot", "Case",
        "case_from_bytes", "case_from_text", "case_to_yaml", "CaseNotFound", "CaseRegister", "CaseStatus",
        "CaseSummary", "check_template", "Contribution", "CriteriaSet", "Criterion", "Decision",
        "DECISION_LABEL", "decision_outline", "DecisionTable", "describe_changes", "display_frame", "Engine",
        "Evaluation", "filter_cases", "Identity", "InputError", "InvalidTransition", "IopError",
        "is_editable", "lean", "Leaning", "leaning_sentence", "LegalForm", "load_case", "load_model",
        "load_rulebook", "load_yaml", "markdown_document", "may_change_status", "may_open_register",
        "merge_cases", "NOT_ACCESS_CONTROLLED", "open_register", "OpenQuestion", "Outcome", "plain_leaning",
        "Problem", "Question", "QuestionCatalog", "RecordMeta", "ReferenceCase", "refusal", "render_docx",
        "render_pdf", "resolve_database_url", "Revision", "Rule", "Rulebook", "RulebookError", "RuleRef",
        "spectrum_verdict", "SpectrumVerdict", "StaleRevision", "STATUS_LABEL", "STATUS_PREDICATE",
        "StatusRecord", "StoredCase", "StoreError", "StoreUnavailable", "TemplateError",
    ] + WORKSHOP_API)
    for name in iop.__all__:
        assert hasattr(iop, name)


def test_domain_never_imports_streamlit():
    from pathlib import Path

    for path in Path(iop.__file__).parent.glob("*.py"):
        assert "streamlit" not in path.read_text(encoding="utf-8"), path.name
