import iop


WORKSHOP_API = [
    "ABSTAIN", "AnonymousAnswer", "CHOICES", "Conclusion", "DISAGREEMENT_RULE", "GivenAnswer", "MIN_SHOWN",
    "PHASE_LABEL", "Participant", "Phase", "SCALE", "SEED_STATEMENTS", "Statement", "StatementResult",
    "Workshop", "WorkshopError", "WorkshopStore", "answers_csv", "describe", "format_code", "is_token", "join_qr_png", "join_url",
    "normalise_code", "statements_from_case", "statements_from_text", "summarise", "summary_markdown",
]


def test_public_api_is_what_the_package_documents():
    assert sorted(iop.__all__) == sorted([
        "Answer", "Assessment", "Case", "Contribution", "CriteriaSet", "Criterion", "DecisionTable",
        "Engine", "Evaluation", "InputError", "IopError", "LegalForm", "OpenQuestion", "Outcome",
        "Problem", "Question", "QuestionCatalog", "ReferenceCase", "Rule", "RuleRef", "Rulebook",
        "RulebookError", "case_from_text", "case_to_yaml", "load_case", "load_model", "load_rulebook",
        # the case register (issue 7)
        "AccessPolicy", "AssessmentSnapshot", "CaseNotFound", "CaseRegister", "CaseStatus", "CaseSummary",
        "DECISION_LABEL", "Decision", "Identity", "InvalidTransition", "NOT_ACCESS_CONTROLLED", "Revision",
        "STATUS_LABEL", "STATUS_PREDICATE", "StaleRevision", "StatusRecord", "StoreError", "StoreUnavailable", "StoredCase",
        "describe_changes", "display_frame", "filter_cases", "is_editable", "may_change_status",
        "may_open_register", "merge_cases", "open_register", "refusal", "resolve_database_url",
    ] + WORKSHOP_API)
    for name in iop.__all__:
        assert hasattr(iop, name)


def test_domain_never_imports_streamlit():
    from pathlib import Path

    for path in Path(iop.__file__).parent.glob("*.py"):
        assert "streamlit" not in path.read_text(encoding="utf-8"), path.name
